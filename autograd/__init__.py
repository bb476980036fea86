"""A small, fast, tested autograd engine for the course *Backprop, step by step*.

``from autograd import Value`` is where the course starts.
"""

from autograd.graph import topological_order
from autograd.nn import MLP, Layer, Module, Neuron
from autograd.numeric import central_difference, gradcheck, numeric_gradient
from autograd.optim import SGD
from autograd.value import Value

__all__ = [
    "MLP",
    "SGD",
    "Layer",
    "Module",
    "Neuron",
    "Value",
    "central_difference",
    "gradcheck",
    "numeric_gradient",
    "topological_order",
]
