"""A small, fast, tested autograd engine for the course *Backprop, step by step*.

``from autograd import Value`` is where the course starts. Pictures of graphs live in
``autograd.viz``, matplotlib figures in ``autograd.figures``, sliders in ``autograd.widgets``
and the notebooks' self-check in ``autograd.course`` (each imported on its own, so the
engine never loads Graphviz, matplotlib or ipywidgets).
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
