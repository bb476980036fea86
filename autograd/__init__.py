"""A small, fast, tested autograd engine for the course *Backprop, step by step*.

``from autograd import Value`` is where the course starts. Pictures of graphs live in
``autograd.viz``, matplotlib figures in ``autograd.figures``, sliders in ``autograd.widgets``
and the notebooks' self-check in ``autograd.course`` (each imported on its own, so the
engine never loads Graphviz, matplotlib or ipywidgets).
"""

from autograd.engine.expression import ExpressionError, Formula, expression, variables
from autograd.engine.graph import topological_order
from autograd.engine.numeric import central_difference, gradcheck, numeric_gradient
from autograd.engine.tensor import Tensor
from autograd.engine.value import Value
from autograd.learning.nn import MLP, Layer, Module, Neuron
from autograd.learning.optim import SGD

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
