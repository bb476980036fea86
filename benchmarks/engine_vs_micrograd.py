"""The scalar engine against micrograd 0.1.0 on micrograd's own demo workload.

Workload (micrograd's demo.ipynb): an MLP 2-16-16-1 (relu hidden, linear output),
100 moons points, hinge loss relu(1 - y*score) averaged, plus 1e-4 * L2 of the
weights, full-batch SGD with lr = 1 - 0.9 k/100. Both engines start from the same
weights and must follow the same losses; default interpreter settings (gc on).

Run: python benchmarks/engine_vs_micrograd.py [--steps 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable

import micrograd.engine
import micrograd.nn

import autograd
from autograd.data import make_moons

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--chain", type=int, default=1_000_000)
    args = parser.parse_args()

    ours, theirs = make_models()
    ours_ms, ours_losses, theirs_ms, theirs_losses = [], [], [], []
    for k in range(args.steps):  # interleaved, so a busy machine slows both alike
        ms, loss = timed_step(ours, ours_loss, k)
        ours_ms.append(ms)
        ours_losses.append(loss)
        ms, loss = timed_step(theirs, micrograd_loss, k)
        theirs_ms.append(ms)
        theirs_losses.append(loss)
    gap = max(abs(a - b) for a, b in zip(ours_losses, theirs_losses))
    if gap > 1e-9:
        sys.exit(f"the engines disagree: losses differ by {gap:.3g}")

    ours_mb = peak_memory_mb(*make_models()[:1], ours_loss)
    theirs_mb = peak_memory_mb(make_models()[1], micrograd_loss)
    ours_depth = deepest_chain(autograd.Value, args.chain)
    theirs_depth = deepest_chain(micrograd.engine.Value, args.chain)

    ours_med, theirs_med = statistics.median(ours_ms), statistics.median(theirs_ms)
    print(f"micrograd demo: MLP 2-16-16-1, {len(Y)} moons points, {args.steps} SGD steps, "
          f"Python {sys.version.split()[0]}; losses agree to {gap:.1e}")
    print()
    print("| engine | ms / step (median) | peak memory of a step | deepest chain |")
    print("|---|---:|---:|---:|")
    print(f"| micrograd 0.1.0 | {theirs_med:.1f} | {theirs_mb:.1f} MB | {theirs_depth:,} |")
    print(f"| autograd (this repo) | {ours_med:.1f} | {ours_mb:.1f} MB | "
          f"{'>= ' if ours_depth == args.chain else ''}{ours_depth:,} |")
    print(f"| ratio | {theirs_med / ours_med:.1f}x faster | {theirs_mb / ours_mb:.1f}x less | |")


if __name__ == "__main__":
    main()
