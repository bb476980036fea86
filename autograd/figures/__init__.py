"""Static figures (matplotlib, no widgets): pictures a notebook shows as a cell's value.

- ``slopes``: a curve and its secants; the error of finite differences against h (02).
- ``descent``: a descent path on its loss; several learning rates side by side (05).
- ``training``: the loss so far and the decision boundary (06).
- ``tensors``: arrays of rank 0 to 3 drawn as a box, a row, a grid, a stack (07).

Figures are ``matplotlib.figure.Figure`` objects made without pyplot. The widgets
(``autograd.widgets``) put these same figures under sliders and buttons.
"""

from autograd.figures.descent import Landscape, descent_figure, regimes_figure
from autograd.figures.slopes import best_step, error_figure, secant_figure
from autograd.figures.tensors import ranks_figure
from autograd.figures.training import training_figure

__all__ = [
    "Landscape",
    "best_step",
    "descent_figure",
    "error_figure",
    "ranks_figure",
    "regimes_figure",
    "secant_figure",
    "training_figure",
]
