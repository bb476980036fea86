"""A small, fast, tested autograd engine for the course *Backprop, step by step*.

``from autograd import Value`` is where the course starts. Pictures live in
``autograd.viz`` and sliders in ``autograd.widgets`` (imported on their own, so the
engine never loads Graphviz or ipywidgets).
"""

from autograd.expression import ExpressionError, Formula, expression, variables
from autograd.graph import topological_order
from autograd.nn import MLP, Layer, Module, Neuron
from autograd.numeric import central_difference, gradcheck, numeric_gradient
from autograd.optim import SGD
from autograd.tensor import Tensor
from autograd.value import Value

__all__ = [
    "MLP",
    "SGD",
    "ExpressionError",
    "Formula",
    "Layer",
    "Module",
    "Neuron",
    "Tensor",
    "Value",
    "central_difference",
    "expression",
    "gradcheck",
    "numeric_gradient",
    "topological_order",
    "variables",
]
