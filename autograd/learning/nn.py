"""Neural networks built from ``Value`` nodes: Neuron -> Layer -> MLP.

A neuron computes ``activation(w1*x1 + ... + wn*xn + b)``. A layer is several
neurons reading the same inputs; an MLP is layers in a row, each feeding the next.
Its weights and biases are the *parameters* that training changes.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from operator import methodcaller

from autograd.engine.value import Number, Value


def _linear(x: Value) -> Value:
    return x


# The activations by name, for both engines: a Value and a Tensor each have tanh, relu and sigmoid
# (methodcaller("tanh")(x) is x.tanh(); unlike a lambda, it survives pickling a model).
ACTIVATIONS: dict[str, Callable[[Value], Value]] = {
    "tanh": methodcaller("tanh"),
    "relu": methodcaller("relu"),
    "sigmoid": methodcaller("sigmoid"),
    "linear": _linear,
}


def activation_function(name: str) -> Callable[[Value], Value]:
    """The activation called ``name`` (a key of ``ACTIVATIONS``), or a ValueError naming them all."""
    if name not in ACTIVATIONS:
        raise ValueError(f"unknown activation {name!r}: choose one of {', '.join(ACTIVATIONS)}")
    return ACTIVATIONS[name]


class Module:
    """Something with parameters (Values or Tensors): ``parameters()`` lists, ``zero_grad()`` resets them."""

    def parameters(self) -> list[Value]:
        return []

    def zero_grad(self) -> None:
        """Set every parameter's gradient to 0 (before the next backward pass)."""
        for p in self.parameters():
            p.zero_grad()


class Neuron(Module):
    """activation(w . x + b), with n weights drawn uniformly in [-1/sqrt(n), 1/sqrt(n)] and b = 0."""

    def __init__(self, nin: int, activation: str = "tanh", rng: random.Random | None = None,
                 name: str = "") -> None:
        if not isinstance(nin, int) or nin < 1:
            raise ValueError(f"a Neuron needs at least one input, got nin = {nin!r}")
        rng = rng or random.Random(0)
        bound = 1.0 / math.sqrt(nin)
        self.w = [Value(rng.uniform(-bound, bound), label=f"{name}w{i + 1}") for i in range(nin)]
        self.b = Value(0.0, label=f"{name}b")
        self.activation = activation
        self._activate = activation_function(activation)

    def __call__(self, x: Sequence[Value | Number]) -> Value:
        if len(x) != len(self.w):
            raise ValueError(f"this Neuron takes {len(self.w)} inputs, got {len(x)}")
        return self._activate(Value.sum([*(wi * xi for wi, xi in zip(self.w, x)), self.b]))

    def parameters(self) -> list[Value]:
        return [*self.w, self.b]

    def __repr__(self) -> str:
        return f"Neuron({len(self.w)}, activation={self.activation!r})"


class Layer(Module):
    """``nout`` neurons that all read the same ``nin`` inputs."""

    def __init__(self, nin: int, nout: int, activation: str = "tanh",
                 rng: random.Random | None = None, name: str = "") -> None:
        if not isinstance(nout, int) or nout < 1:
            raise ValueError(f"a Layer needs at least one neuron, got nout = {nout!r}")
        rng = rng or random.Random(0)
        self.neurons = [Neuron(nin, activation, rng, name=f"{name}n{j + 1}.") for j in range(nout)]

    def __call__(self, x: Sequence[Value | Number]) -> list[Value]:
        x = [xi if isinstance(xi, Value) else Value(xi, label=f"x{i + 1}") for i, xi in enumerate(x)]
        return [neuron(x) for neuron in self.neurons]

    def parameters(self) -> list[Value]:
        return [p for neuron in self.neurons for p in neuron.parameters()]

    def __repr__(self) -> str:
        n = self.neurons[0]
        return f"Layer({len(n.w)}, {len(self.neurons)}, activation={n.activation!r})"


class MLP(Module):
    """A multi-layer perceptron: ``MLP(2, [16, 16, 1])`` maps 2 inputs to 1 output.

    Hidden layers use ``activation``; the last layer uses ``output_activation``
    (linear by default, so the output is an unbounded score). ``seed`` fixes the
    initial weights.
    """

    def __init__(self, nin: int, nouts: Sequence[int], activation: str = "tanh",
                 output_activation: str = "linear", seed: int = 0) -> None:
        if not nouts:
            raise ValueError("an MLP needs at least one layer, got nouts = []")
        activation_function(activation)  # checked even when no hidden layer uses it
        rng = random.Random(seed)
        sizes = [nin, *nouts]
        self.layers = [
            Layer(sizes[i], sizes[i + 1],
                  activation if i < len(nouts) - 1 else output_activation,
                  rng, name=f"L{i + 1}.")
            for i in range(len(nouts))
        ]

    def __call__(self, x: Sequence[Value | Number]) -> Value | list[Value]:
        """The forward pass; a single Value when the last layer has one neuron."""
        for layer in self.layers:
            x = layer(x)
        return x[0] if len(x) == 1 else x

    def parameters(self) -> list[Value]:
        return [p for layer in self.layers for p in layer.parameters()]

    def __repr__(self) -> str:
        return f"MLP([{', '.join(map(repr, self.layers))}])"
