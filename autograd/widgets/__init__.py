"""Interactive widgets (ipywidgets) for the course: sliders that redraw pictures.

- ``graphs``: explore a formula's graph, step through its backward pass (01, 03).
- ``slopes``: secants and the error of finite differences (02).
- ``descent``: gradient descent on a 1-D loss and a 2-D landscape (05).
- ``training``: the training dashboard (06).
- ``tensors``: arrays of rank 0 to 3 drawn as a box, a row, a grid, a stack (07).

Each module composes the engine and the pictures; none re-implements them.
"""

from autograd.widgets.descent import DescentExplorer, descent_1d, descent_2d, descent_figure, regimes_figure
from autograd.widgets.graphs import Explorer, Stepper, explore, step_through, svg
from autograd.widgets.slopes import best_step, error_figure, secant_explorer, secant_figure
from autograd.widgets.tensors import ranks_figure
from autograd.widgets.training import TrainingDashboard, training_dashboard, training_figure

__all__ = [
    "DescentExplorer",
    "Explorer",
    "Stepper",
    "TrainingDashboard",
    "best_step",
    "descent_1d",
    "descent_2d",
    "descent_figure",
    "error_figure",
    "explore",
    "ranks_figure",
    "regimes_figure",
    "secant_explorer",
    "secant_figure",
    "step_through",
    "svg",
    "training_dashboard",
    "training_figure",
]
