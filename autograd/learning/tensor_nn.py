"""Neural networks built from ``Tensor`` operations: a whole layer is one matrix product.

A layer of n neurons reading m inputs computes ``activation(x @ W + b)`` with W of
shape (m, n): column j of W holds the weights of neuron j of ``autograd.learning.nn``, and
a batch of inputs, one per row, goes through in one product. ``MLP`` mirrors
``autograd.learning.nn.MLP`` and starts from the very same weights for the same seed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from autograd.engine.tensor import Tensor
from autograd.learning import nn


class Layer(nn.Module):
    """activation(x @ W + b): ``W`` of shape (nin, nout), ``b`` of shape (nout,)."""

    def __init__(self, W: np.ndarray, b: np.ndarray, activation: str = "tanh",  # noqa: N803
                 name: str = "") -> None:
        self._activate = nn.activation_function(activation)  # nn's activations, by name
        self.W = Tensor(W, label=f"{name}W")
        self.b = Tensor(b, label=f"{name}b")
        if self.W.ndim != 2 or self.b.shape != self.W.shape[1:]:
            raise ValueError(
                f"a Layer needs W of shape (nin, nout) and b of shape (nout,), got {self.W.shape} "
                f"and {self.b.shape}"
            )
        self.activation = activation

    def __call__(self, x: Tensor | np.ndarray) -> Tensor:
        """x of shape (batch, nin), or (nin,) for one input."""
        return self._activate(x @ self.W + self.b)

    def parameters(self) -> list[Tensor]:
        return [self.W, self.b]

    def __repr__(self) -> str:
        return f"Layer({self.W.shape[0]}, {self.W.shape[1]}, activation={self.activation!r})"


class MLP(nn.Module):
    """A multi-layer perceptron on batches: ``MLP(2, [16, 16, 1])`` maps (batch, 2) to (batch, 1).

    Same arguments and same initial weights as ``autograd.learning.nn.MLP``; ``MLP.from_scalar``
    copies the weights of an existing scalar network.
    """

    def __init__(self, nin: int, nouts: Sequence[int], activation: str = "tanh",
                 output_activation: str = "linear", seed: int = 0) -> None:
        self.layers = _layers_of(nn.MLP(nin, nouts, activation, output_activation, seed))

    @classmethod
    def from_scalar(cls, mlp: nn.MLP) -> MLP:
        """The tensor network with the weights (now) in the scalar network ``mlp``."""
        model = cls.__new__(cls)
        model.layers = _layers_of(mlp)
        return model

    def __call__(self, x: Tensor | np.ndarray) -> Tensor:
        """The forward pass: one row of output per row of input."""
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self) -> list[Tensor]:
        return [p for layer in self.layers for p in layer.parameters()]

    def __repr__(self) -> str:
        return f"MLP([{', '.join(map(repr, self.layers))}])"


def _layers_of(mlp: nn.MLP) -> list[Layer]:
    """Tensor layers holding the weights of a scalar MLP: neuron j's weights become column j of W."""
    return [
        Layer(
            np.array([[p.data for p in neuron.w] for neuron in layer.neurons]).T,
            np.array([neuron.b.data for neuron in layer.neurons]),
            layer.neurons[0].activation,
            name=f"L{i + 1}.",
        )
        for i, layer in enumerate(mlp.layers)
    ]


def l2(params: Sequence[Tensor]) -> Tensor:
    """The sum of the squares of every entry of every parameter (weight decay's penalty)."""
    if not params:
        raise ValueError("l2 needs at least one parameter, got none")
    squares = [(p * p).sum() for p in params]
    total = squares[0]
    for square in squares[1:]:
        total = total + square
    return total
