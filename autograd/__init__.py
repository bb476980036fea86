"""A small, fast, tested autograd engine for the course *Backprop, step by step*.

``from autograd import Value`` is where the course starts. Pictures of graphs live in
``autograd.viz``, matplotlib figures in ``autograd.figures``, sliders in ``autograd.widgets``
and the notebooks' self-check in ``autograd.course`` (each imported on its own, so the
engine never loads Graphviz, matplotlib or ipywidgets). ``Tensor`` is imported, with numpy,
the first time it is asked for (``from autograd import Tensor``): ``Value``, the pictures,
the graph widgets and the self-check run without numpy, as in a browser edition.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from autograd.engine.expression import ExpressionError, Formula, expression, variables
from autograd.engine.graph import topological_order
from autograd.engine.numeric import central_difference, gradcheck, numeric_gradient
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

if TYPE_CHECKING:
    from autograd.engine.tensor import Tensor


def __getattr__(name: str) -> object:
    """``autograd.Tensor``, imported (with numpy) when first asked for, then kept (PEP 562)."""
    if name == "Tensor":
        from autograd.engine.tensor import Tensor

        globals()["Tensor"] = Tensor
        return Tensor
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
