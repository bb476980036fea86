"""Training drawn: the loss at each step so far, and the decision boundary of the weights now.

``training_figure(trainer)`` is a matplotlib Figure, for a static notebook;
``autograd.widgets.training`` redraws the same picture while the network learns.
The computation lives in ``autograd.learning.training``; this module only draws it.
"""

from __future__ import annotations

import numpy as np
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from autograd.language import _
from autograd.learning.training import Trainer, decision_grid
from autograd.palette import ERROR, INK

CLIP = 2.0  # scores beyond +-CLIP get the full colour: the picture shows sides and margins, not magnitudes
CMAP = colormaps["RdBu"]  # red for class 0 (label -1), blue for class 1 (label +1), as plt.scatter(c=y) draws
COLOURS = {-1.0: CMAP(0.0), 1.0: CMAP(1.0)}


def training_figure(trainer: Trainer, resolution: int = 30) -> Figure:
    """Two panels: the loss at each step so far, and the decision boundary of the weights now."""
    figure = Figure(figsize=(9.0, 3.6))
    # Fixed margins: a layout engine ("constrained", "tight") doubles the time to draw.
    figure.subplots_adjust(left=0.06, right=0.99, bottom=0.13, top=0.91, wspace=0.12)
    loss_axes, boundary_axes = figure.subplots(1, 2)
    _draw_losses(loss_axes, trainer)
    _draw_boundary(boundary_axes, trainer, resolution)
    return figure


def _draw_losses(axes: Axes, trainer: Trainer) -> None:
    steps = np.arange(1, trainer.steps + 1)
    axes.plot(steps, trainer.losses, color=INK, linewidth=1.5)
    if trainer.diverged is not None:
        axes.plot(steps[-1:], trainer.losses[-1:], "o", color=ERROR, label=_("diverged"))
        axes.legend(loc="upper left")
    axes.set_xlim(0, max(10, trainer.steps))
    axes.set_ylim(0, 1.05 * max([1.0, *trainer.losses]))
    axes.set_xlabel(_("step"))
    axes.set_title(_("loss"))
    axes.grid(alpha=0.3)


def _draw_boundary(axes: Axes, trainer: Trainer, resolution: int) -> None:
    xs, ys, grid = decision_grid(trainer.model, trainer.points, resolution)
    levels = np.linspace(-CLIP, CLIP, 17)
    axes.contourf(xs, ys, np.clip(grid, -CLIP, CLIP), levels=levels, cmap=CMAP, alpha=0.35)
    if grid.min() < 0.0 < grid.max():
        axes.contour(xs, ys, grid, levels=[0.0], colors=INK, linewidths=1.5)
    labels = np.array(trainer.labels)
    for label, colour in COLOURS.items():
        mine = trainer.points[labels == label]
        axes.scatter(mine[:, 0], mine[:, 1], s=24, color=colour, edgecolors="black", linewidths=0.6)
    title = _("decision boundary after {steps} steps: accuracy {accuracy}")
    axes.set_title(title.format(steps=trainer.steps, accuracy=f"{trainer.accuracy_now():.0%}"))
    axes.set_aspect("equal")
    axes.set_xticks([])
    axes.set_yticks([])
