"""The scalar engine, the tensor engine and PyTorch (CPU, when installed) on micrograd's demo workload.

Workload (as in engine_vs_micrograd.py, whose scalar side is reused here): an MLP
2-16-16-1 (relu hidden, linear output), 100 moons points, hinge loss
relu(1 - y*score) averaged, plus 1e-4 * L2 of the weights, full-batch SGD with
lr = 1 - 0.9 k/100. All engines start from the same weights, take the same steps
(interleaved, so a busy machine slows all alike) and must follow the same losses.
PyTorch runs in float64 on one thread (``--torch-threads``): on a 2-core machine its
default two threads only make each tiny operation wait on the other, and collapse
when another process is busy. Without PyTorch the table has two rows.

Run: python benchmarks/engines.py [--steps 100]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Callable

import numpy as np
from engine_vs_micrograd import ALPHA, X, Y, in_child, make_models, timed_step

import autograd
from autograd.engine.tensor import Tensor
from autograd.learning.tensor_nn import MLP, l2

try:
    import torch
except ImportError:
    torch = None

Y_COLUMN = np.array(Y)[:, None]  # one label per row, like the (100, 1) scores


def tensor_loss(model: MLP) -> Tensor:
    return (1.0 - Y_COLUMN * model(X)).relu().mean() + ALPHA * l2(model.parameters())  # hinge, as micrograd


def torch_model(scalar: autograd.MLP) -> torch.nn.Sequential:
    """The same network in PyTorch: nn.Linear holds W transposed, (nout, nin)."""
    layers: list[torch.nn.Module] = []
    for tensor_layer in MLP.from_scalar(scalar).layers:
        linear = torch.nn.Linear(*tensor_layer.W.shape, dtype=torch.float64)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(tensor_layer.W.data.T))
            linear.bias.copy_(torch.from_numpy(tensor_layer.b.data))
        layers += [linear, torch.nn.ReLU()] if tensor_layer.activation == "relu" else [linear]
    return torch.nn.Sequential(*layers)


def torch_loss(model: torch.nn.Sequential) -> torch.Tensor:
    x, y = torch.from_numpy(X), torch.from_numpy(Y_COLUMN)
    squares = [(p * p).sum() for p in model.parameters()]
    return torch.relu(1.0 - y * model(x)).mean() + ALPHA * sum(squares[1:], squares[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--torch-threads", type=int, default=1)
    args = parser.parse_args()

    # The scalar engine runs alone in a fresh process: here, the objects PyTorch creates on
    # import would make each of the cyclic collector's full passes, and so its steps, slower.
    scalar_run = in_child("autograd (this repo)", args.steps, 0)
    scalar = make_models()[0]
    engines: list[tuple[str, object, Callable | None]] = [
        ("tensor: autograd.Tensor", MLP.from_scalar(scalar), tensor_loss)
    ]
    if torch is not None:
        torch.set_num_threads(args.torch_threads)
        name = f"PyTorch {torch.__version__} (float64, {args.torch_threads} thread(s))"
        engines.append((name, torch_model(scalar), torch_loss))

    times: list[list[float]] = [[] for _ in engines]
    losses: list[list[float]] = [[] for _ in engines]
    for k in range(args.steps):  # interleaved: step k of every engine, then step k + 1
        for (_, model, loss_fn), ms, loss in zip(engines, times, losses):
            elapsed, value = timed_step(model, loss_fn, k)
            ms.append(elapsed)
            loss.append(float(value))
    engines.insert(0, ("scalar: autograd.Value (own process)", scalar, None))
    times.insert(0, scalar_run["ms"])
    losses.insert(0, scalar_run["losses"])

    gaps = [max(abs(a - b) for a, b in zip(losses[0], other)) for other in losses[1:]]
    for (name, _, _), gap in zip(engines[1:], gaps):
        if gap > 1e-9:
            sys.exit(f"{name} disagrees with the scalar engine: losses differ by {gap:.3g}")

    medians = [statistics.median(ms) for ms in times]
    print(f"micrograd demo: MLP 2-16-16-1, {len(Y)} moons points, {args.steps} SGD steps, "
          f"Python {sys.version.split()[0]}, numpy {np.__version__}; final loss {losses[0][-1]:.6f}; "
          f"losses agree with the scalar engine to {max(gaps):.1e}")
    print()
    print("| engine | ms / step (median) | speed-up vs scalar engine |")
    print("|---|---:|---:|")
    for (name, _, _), median in zip(engines, medians):
        print(f"| {name} | {median:.3f} | {medians[0] / median:.0f}x |")
    if torch is None:
        print("| PyTorch | not installed | (pip install torch==2.13.0 to compare) |")
    else:
        print(f"\ntensor engine vs PyTorch: {medians[2] / medians[1]:.2f}x "
              f"({'faster' if medians[1] < medians[2] else 'slower'})")


if __name__ == "__main__":
    main()
