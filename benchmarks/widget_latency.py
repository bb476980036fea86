"""Slider move -> new picture, in the kernel, for the explorer of the seed example.

Workload: ``explore("(a*b + c)*f", a=2, b=-3, c=10, f=-2)``; each sample sets one
slider (a, b, c, f in turn) to a new value from Python and times until the picture
widget holds a new SVG (the observer runs inside the assignment, so that is the whole
forward pass, backward pass, Graphviz layout and widget update). The peer is one
render alone (viz.draw + SVG of the same graph), measured interleaved in the same
run; the budget is 50 ms median for a move.

Run: python benchmarks/widget_latency.py [--samples 200]
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time

from autograd.engine.expression import expression
from autograd.widgets import Explorer, explore, svg

SEED = {"a": 2.0, "b": -3.0, "c": 10.0, "f": -2.0}
BUDGET_MS = 50.0


def move_ms(explorer: Explorer, name: str, value: float) -> float:
    """Milliseconds from setting slider ``name`` to ``value`` until the picture changed."""
    before = explorer.picture.value
    start = time.perf_counter()
    explorer.sliders[name].value = value
    elapsed = (time.perf_counter() - start) * 1e3
    if explorer.picture.value == before or explorer.message.value:
        sys.exit(f"moving {name} to {value} did not draw a new picture: {explorer.message.value}")
    return elapsed


def render_ms(values: dict[str, float]) -> float:
    """Milliseconds for one picture alone: the graph is built and differentiated beforehand."""
    root = expression("(a*b + c)*f", **values)
    root.backward()
    start = time.perf_counter()
    svg(root)
    return (time.perf_counter() - start) * 1e3


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args()

    explorer = explore("(a*b + c)*f", **SEED)
    names = list(SEED)
    moves, renders = [], []
    for k in range(args.samples):  # interleaved, so a busy machine slows both alike
        name = names[k % len(names)]
        start = SEED[name]
        value = round(start - math.copysign(0.01 * (k // len(names) + 1), start), 2)  # a new value each time
        moves.append(move_ms(explorer, name, value))
        renders.append(render_ms(explorer.values()))

    move_med, render_med = statistics.median(moves), statistics.median(renders)
    print(f'explore("(a*b + c)*f"): {args.samples} slider moves, Python {sys.version.split()[0]}')
    print()
    print("| measure | median ms | p90 ms |")
    print("|---|---:|---:|")
    print(f"| slider move -> new SVG in the picture | {move_med:.2f} | {percentile(moves, 0.9):.2f} |")
    print(f"| one render alone (viz.draw + SVG) | {render_med:.2f} | {percentile(renders, 0.9):.2f} |")
    print(f"| ratio move / render | {move_med / render_med:.2f}x | |")
    print()
    verdict = "within" if move_med <= BUDGET_MS else "OVER"
    print(f"{verdict} the budget of {BUDGET_MS:.0f} ms median per move")


if __name__ == "__main__":
    main()
