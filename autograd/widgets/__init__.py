"""Interactive widgets (ipywidgets) for the course: sliders that redraw pictures.

- ``graphs``: explore a formula's graph, step through its backward pass (01, 03).
- ``slopes``: secants under sliders on x and h (02).
- ``descent``: gradient descent on a 1-D loss and a 2-D landscape (05).
- ``training``: the training dashboard (06).

Each module composes the engine, the pictures of graphs (``autograd.viz``) and the static
figures (``autograd.figures``); none re-implements them.
"""

from autograd.widgets.descent import DescentExplorer, descent_1d, descent_2d
from autograd.widgets.graphs import Explorer, Stepper, explore, step_through, svg
from autograd.widgets.slopes import secant_explorer
from autograd.widgets.training import TrainingDashboard, training_dashboard

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
