"""The scalar engine against micrograd 0.1.0 on micrograd's own demo workload.

Workload (micrograd's demo.ipynb): an MLP 2-16-16-1 (relu hidden, linear output),
100 moons points, hinge loss relu(1 - y*score) averaged, plus 1e-4 * L2 of the
weights, full-batch SGD with lr = 1 - 0.9 k/100. Both engines start from the same
weights and must follow the same losses; default interpreter settings (gc on).

Run: python benchmarks/engine_vs_micrograd.py [--steps 10] [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable

import micrograd.engine
import micrograd.nn

import autograd
from autograd.learning.data import make_moons

X, LABELS = make_moons(100, noise=0.1, seed=1)
Y = [2.0 * label - 1.0 for label in LABELS]  # hinge loss wants labels -1 / +1
ALPHA = 1e-4


def ours_loss(model: autograd.MLP) -> autograd.Value:
    scores = [model([float(a), float(b)]) for a, b in X]
    data_loss = autograd.Value.sum([(1 - y * s).relu() for y, s in zip(Y, scores)]) / len(Y)
    reg_loss = ALPHA * autograd.Value.sum([p * p for p in model.parameters()])
    return data_loss + reg_loss


def micrograd_loss(model: micrograd.nn.MLP) -> micrograd.engine.Value:
    V = micrograd.engine.Value
    scores = [model([V(float(a)), V(float(b))]) for a, b in X]
    losses = [(1 + -y * s).relu() for y, s in zip(Y, scores)]
    data_loss = sum(losses) * (1.0 / len(losses))
    reg_loss = ALPHA * sum(p * p for p in model.parameters())
    return data_loss + reg_loss


def make_models() -> tuple[autograd.MLP, micrograd.nn.MLP]:
    ours = autograd.MLP(2, [16, 16, 1], activation="relu", seed=1337)
    theirs = micrograd.nn.MLP(2, [16, 16, 1])
    for p, q in zip(ours.parameters(), theirs.parameters(), strict=True):
        q.data = p.data
    return ours, theirs


def train_step(model, loss_fn, k: int) -> float:
    loss = loss_fn(model)
    model.zero_grad()
    loss.backward()
    lr = 1.0 - 0.9 * k / 100
    for p in model.parameters():
        p.data -= lr * p.grad
    return loss.data


def timed_step(model, loss_fn, k: int) -> tuple[float, float]:
    """Milliseconds taken by training step k, and its loss."""
    start = time.perf_counter()
    loss = train_step(model, loss_fn, k)
    return (time.perf_counter() - start) * 1e3, loss


def peak_memory_mb(model, loss_fn) -> float:
    """Peak traced memory of one training step, in MB."""
    tracemalloc.start()
    train_step(model, loss_fn, 0)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def chain_backward_ok(make_leaf: Callable, n: int) -> bool:
    """Can the engine backpropagate through n multiplications in a row?"""
    x = make_leaf(1.0)
    y = x
    for _ in range(n):
        y = y * 1.0
    try:
        y.backward()
    except RecursionError:
        return False
    return x.grad == 1.0


def deepest_chain(make_leaf: Callable, limit: int) -> int:
    """Largest n <= limit with chain_backward_ok (binary search, assuming monotone)."""
    if chain_backward_ok(make_leaf, limit):
        return limit
    lo, hi = 0, limit
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if chain_backward_ok(make_leaf, mid) else (lo, mid)
    return lo


ENGINES = {  # name -> (the model of make_models() it trains, its loss, its leaf type)
    "micrograd 0.1.0": (1, micrograd_loss, micrograd.engine.Value),
    "autograd (this repo)": (0, ours_loss, autograd.Value),
}


def measure(engine: str, steps: int, chain: int) -> dict:
    """One engine alone in this process: ms per step, losses, peak memory, deepest chain."""
    index, loss_fn, leaf = ENGINES[engine]
    model = make_models()[index]
    ms, losses = zip(*(timed_step(model, loss_fn, k) for k in range(steps)))
    return {
        "ms": ms,
        "losses": losses,
        "peak_mb": peak_memory_mb(make_models()[index], loss_fn),
        "depth": deepest_chain(leaf, chain) if chain else None,
    }


def in_child(engine: str, steps: int, chain: int) -> dict:
    """``measure`` in a fresh interpreter, so neither engine pays for the other's garbage."""
    command = [sys.executable, __file__, "--child", engine, "--steps", str(steps), "--chain", str(chain)]
    return json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=10, help="training steps per run")
    parser.add_argument("--rounds", type=int, default=2, help="runs of each engine, alternating")
    parser.add_argument("--chain", type=int, default=1_000_000)
    parser.add_argument("--child", choices=ENGINES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.steps, args.chain)))
        return

    # Each run in its own process, engines alternating, so a busy machine slows both alike;
    # micrograd's reference cycles would otherwise be collected during the other engine's steps.
    runs: dict[str, list[dict]] = {engine: [] for engine in ENGINES}
    for round_ in range(args.rounds):
        for engine in ENGINES:
            runs[engine].append(in_child(engine, args.steps, args.chain if round_ == 0 else 0))
    theirs, ours = (runs[engine] for engine in ENGINES)
    gap = max(abs(a - b) for a, b in zip(ours[0]["losses"], theirs[0]["losses"]))
    if gap > 1e-9:
        sys.exit(f"the engines disagree: losses differ by {gap:.3g}")

    def median_ms(engine_runs: list[dict]) -> float:
        return statistics.median(ms for run in engine_runs for ms in run["ms"])

    ours_med, theirs_med = median_ms(ours), median_ms(theirs)
    ours_mb, theirs_mb = ours[0]["peak_mb"], theirs[0]["peak_mb"]
    print(f"micrograd demo: MLP 2-16-16-1, {len(Y)} moons points, {args.rounds} x {args.steps} SGD steps "
          f"per engine, Python {sys.version.split()[0]}, gc on; losses agree to {gap:.1e}")
    print()
    print("| engine | ms / step (median) | peak memory of a step | deepest chain |")
    print("|---|---:|---:|---:|")
    print(f"| micrograd 0.1.0 | {theirs_med:.1f} | {theirs_mb:.1f} MB | {theirs[0]['depth']:,} |")
    print(f"| autograd (this repo) | {ours_med:.1f} | {ours_mb:.1f} MB | "
          f"{'>= ' if ours[0]['depth'] == args.chain else ''}{ours[0]['depth']:,} |")
    print(f"| ratio | {theirs_med / ours_med:.1f}x faster | {theirs_mb / ours_mb:.1f}x less | |")


if __name__ == "__main__":
    main()
