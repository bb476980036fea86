"""Interactive widgets (ipywidgets) for the course: sliders that redraw pictures.

- ``graphs``: explore a formula's graph, step through its backward pass (01, 03).
- ``slopes``: secants under sliders on x and h (02).
- ``descent``: gradient descent on a 1-D loss and a 2-D landscape (05).
- ``training``: the training dashboard (06).

Each module composes the engine, the pictures of graphs (``autograd.viz``) and the static
figures (``autograd.figures``); none re-implements them. The graph widgets need neither numpy
nor matplotlib; the others (figures) are imported, with them, the first time one is asked for
(``from autograd.widgets import descent_1d``), so ``explore`` and ``step_through`` run without.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from autograd.widgets.graphs import Explorer, Stepper, explore, step_through, svg

if TYPE_CHECKING:
    from autograd.widgets.descent import DescentExplorer, descent_1d, descent_2d
    from autograd.widgets.slopes import secant_explorer
    from autograd.widgets.training import TrainingDashboard, training_dashboard

_WITH_FIGURES = {  # name -> the module that defines it, imported when the name is first asked for
    "DescentExplorer": "descent",
    "descent_1d": "descent",
    "descent_2d": "descent",
    "secant_explorer": "slopes",
    "TrainingDashboard": "training",
    "training_dashboard": "training",
}

__all__ = [
    "DescentExplorer",
    "Explorer",
    "Stepper",
    "TrainingDashboard",
    "descent_1d",
    "descent_2d",
    "explore",
    "secant_explorer",
    "step_through",
    "svg",
    "training_dashboard",
]


def __getattr__(name: str) -> object:
    """A widget drawn with matplotlib (and numpy), imported when first asked for, then kept (PEP 562)."""
    if name in _WITH_FIGURES:
        value = getattr(importlib.import_module(f"{__name__}.{_WITH_FIGURES[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
