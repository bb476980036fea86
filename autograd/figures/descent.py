"""Gradient descent drawn: the path on the loss, and the weights step after step.

``descent_figure(loss, path, window=...)`` draws a path of ``autograd.learning.descent.descend``:
on the left the loss (a curve for one weight, contours for two) with the path on it, on
the right each weight step after step, titled with the regime ``classify`` reads from
the path. ``regimes_figure`` puts several learning rates side by side.
``Landscape`` computes the loss over a window once and draws any number of paths on it;
``autograd.widgets.descent`` puts its picture under sliders.

Figures are ``matplotlib.figure.Figure`` objects made without pyplot: Jupyter shows one
when it is a cell's value (after ``%matplotlib inline``). The math lives in
``autograd.learning.descent``; this module draws.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from autograd.engine.numeric import is_finite_number
from autograd.engine.value import Value
from autograd.language import _, ngettext
from autograd.learning.descent import Loss, Path, classify, descend, loss_at, regime_name, weight_names
from autograd.viz import format_number

Window = tuple[float, float]  # (low, high) of one weight
FIGSIZE = (11.0, 4.2)  # inches: the loss on the left, the weights step by step on the right
CURVE_POINTS = 401
GRID_POINTS = 81  # per side, for the contours of a 2-D loss
CONTOUR_LEVELS = 14
ZOOM_OUT = 4.0  # a path leaving the window widens the 1-D view, up to this many window widths per side
COLORS = {"curve": "#555555", "path": "#d95f02", "start": "#1b9e77", "end": "#7570b3", "minimum": "#222222"}
WEIGHT_COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd")


def _loss_value(loss: Loss, point: Sequence[float]) -> float:
    """L at one point, nan where it is undefined or overflows (a gap in the picture, not an error)."""
    try:
        return loss_at(loss, [Value(float(x)) for x in point]).data
    except (ArithmeticError, ValueError):
        return math.nan


def _title(path: Path) -> str:
    """The learning rate (and momentum), the steps taken, and the regime when there is one to name."""
    momentum = ""
    if path.momentum:
        momentum = _(", momentum = {momentum}").format(momentum=format_number(path.momentum))
    steps = ngettext("{n} step", "{n} steps", path.steps).format(n=path.steps)
    title = f"lr = {format_number(path.lr)}{momentum}, {steps}"
    if path.steps >= 2 or path.diverged:
        title = _("{title}: {regime}").format(title=title, regime=regime_name(classify(path)))
    return title


def _check_window(what: str, window: Sequence[float]) -> Window:
    if len(window) != 2 or not all(is_finite_number(x) for x in window):
        raise ValueError(f"{what}: a window is (low, high), two finite numbers, got {window!r}")
    low, high = float(window[0]), float(window[1])
    if not low < high:
        raise ValueError(f"{what}: a window needs low < high, got {window!r}")
    return low, high


def _zoomed(window: Window, values: Sequence[float]) -> Window:
    """The window, widened to hold ``values`` but by at most ZOOM_OUT window widths on each side."""
    low, high = window
    width = high - low
    finite = [v for v in values if math.isfinite(v)] or [low]
    margin = 0.05 * width
    return (max(min(low, min(finite) - margin), low - ZOOM_OUT * width),
            min(max(high, max(finite) + margin), high + ZOOM_OUT * width))


class Landscape:
    """The loss over a window, ready to draw many paths on: a curve (1 weight) or contours (2 weights).

    ``windows`` holds one (low, high) per weight; ``minimum`` (optional) is marked.
    The contours of a 2-D loss are computed once, here.
    """

    def __init__(self, loss: Loss, windows: Sequence[Window], minimum: Sequence[float] | None = None) -> None:
        self.loss = loss
        self.names = weight_names(loss)
        if len(self.names) not in (1, 2):
            raise ValueError(f"Landscape: draws a loss of 1 or 2 weights, this one takes {len(self.names)}")
        if len(windows) != len(self.names):
            names = ", ".join(self.names)
            raise ValueError(f"Landscape: needs one window per weight ({names}), got {windows!r}")
        self.windows = [_check_window("Landscape", w) for w in windows]
        if minimum is not None and len(minimum) != len(self.names):
            raise ValueError(f"Landscape: the minimum needs one number per weight, got {minimum!r}")
        self.minimum = None if minimum is None else tuple(float(x) for x in minimum)
        if len(self.names) == 2:
            (x0, x1), (y0, y1) = self.windows
            self.xs, self.ys = np.linspace(x0, x1, GRID_POINTS), np.linspace(y0, y1, GRID_POINTS)
            self.grid = np.array([[_loss_value(loss, (x, y)) for x in self.xs] for y in self.ys])

    def figure(self, path: Path) -> Figure:
        """The path on the loss (left) and each weight step after step (right), titled with its regime."""
        if path.names != self.names:
            raise ValueError(f"Landscape: the path moves {path.names}, the loss takes {self.names}")
        figure = Figure(figsize=FIGSIZE)  # fixed margins: a layout engine would double the drawing time
        left, right = figure.subplots(1, 2, width_ratios=(1.25, 1),
                                      gridspec_kw={"left": 0.06, "right": 0.98, "bottom": 0.12, "top": 0.85,
                                                   "wspace": 0.2})
        self.draw(left, path)
        self.draw_weights(right, path)
        figure.suptitle(_title(path), fontsize=13)
        return figure

    def draw(self, ax: Axes, path: Path) -> None:
        """The loss and the path on it, on one Axes."""
        if len(self.names) == 1:
            self._draw_curve(ax, path)
        else:
            self._draw_contours(ax, path)
        ax.legend(loc="upper center", fontsize=9, ncols=2)

    def _draw_curve(self, ax: Axes, path: Path) -> None:
        name = self.names[0]
        ws = path.column(name)
        low, high = _zoomed(self.windows[0], ws)
        grid = np.linspace(low, high, CURVE_POINTS)
        curve = [_loss_value(self.loss, (w,)) for w in grid]
        ax.plot(grid, curve, color=COLORS["curve"], linewidth=2, label=f"L({name})", gid="curve")
        if self.minimum is not None:
            ax.axvline(self.minimum[0], color=COLORS["minimum"], linestyle="--", linewidth=1,
                       label=_("minimum {name}* = {value}").format(name=name,
                                                                   value=format_number(self.minimum[0])),
                       gid="minimum")
        self._draw_path(ax, ws, path.losses)
        ax.set_xlim(low, high)
        finite = [c for c in curve if math.isfinite(c)]
        if finite:
            bottom, top = min(finite), max(finite)
            pad = 0.08 * (top - bottom or 1.0)
            ax.set_ylim(bottom - pad, top + 3 * pad)  # room for the legend
        ax.set_xlabel(name)
        ax.set_ylabel(_("loss L({name})").format(name=name))
        ax.set_title(_("the path on the loss curve"), fontsize=11)

    def _draw_contours(self, ax: Axes, path: Path) -> None:
        finite = self.grid[np.isfinite(self.grid)]
        if finite.size:
            levels = np.unique(np.quantile(finite, np.linspace(0.0, 1.0, CONTOUR_LEVELS + 2)[1:-1]))
            filled = ax.contourf(self.xs, self.ys, self.grid, levels=[finite.min(), *levels, finite.max()],
                                 cmap="Blues_r", alpha=0.6)
            filled.set_gid("contours")
        if self.minimum is not None:
            ax.plot(*self.minimum, "*", color=COLORS["minimum"], markeredgecolor="white", markersize=15,
                    label=_("minimum"), gid="minimum", zorder=5)
        self._draw_path(ax, path.column(self.names[0]), path.column(self.names[1]))
        (x0, x1), (y0, y1) = self.windows
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect("equal")
        ax.set_xlabel(self.names[0])
        ax.set_ylabel(self.names[1])
        ax.set_title(_("the path on the loss landscape (contours of L)"), fontsize=11)

    @staticmethod
    def _draw_path(ax: Axes, xs: Sequence[float], ys: Sequence[float]) -> None:
        ax.plot(xs, ys, "-o", color=COLORS["path"], markersize=4, linewidth=1.2,
                label=_("path ({n} steps)").format(n=len(xs) - 1), gid="path")
        ax.plot(xs[:1], ys[:1], "o", color=COLORS["start"], markersize=10, label=_("start"), gid="start")
        ax.plot(xs[-1:], ys[-1:], "s", color=COLORS["end"], markersize=8, label=_("end"), gid="end")

    def draw_weights(self, ax: Axes, path: Path) -> None:
        """Each weight against the step number, with its minimum as a dashed line."""
        steps = range(path.steps + 1)
        shown = []
        for i, name in enumerate(self.names):
            color = WEIGHT_COLORS[i % len(WEIGHT_COLORS)]
            values = path.column(name)
            shown.extend(values)
            ax.plot(steps, values, "-o", color=color, markersize=3, label=name, gid=f"weight {name}")
            if self.minimum is not None:
                ax.axhline(self.minimum[i], color=color, linestyle="--", linewidth=1,
                           label=f"{name}* = {format_number(self.minimum[i])}", gid=f"minimum {name}")
                shown.append(self.minimum[i])
        lows, highs = zip(*self.windows)
        window = (min(lows), max(highs))
        low, high = _zoomed(window, shown)
        title = _("the weights, step after step")
        if min(shown) < low or max(shown) > high:  # blowing up: a log scale keeps every point in view
            ax.set_yscale("symlog", linthresh=10.0 ** math.ceil(math.log10(window[1] - window[0])))
            title = _("{title} (log scale)").format(title=title)
        else:
            ax.set_ylim(low, high)
        ax.set_xlim(0, max(path.steps, 1))
        ax.set_xlabel(_("step n"))
        ax.set_ylabel(_("weight after step n"))
        ax.set_title(title, fontsize=11)
        ax.legend(loc="upper right", fontsize=9, ncols=2)
        ax.grid(alpha=0.3)


def descent_figure(
    loss: Loss,
    path: Path,
    *,
    window: Window | Sequence[Window],
    minimum: float | Sequence[float] | None = None,
) -> Figure:
    """The path on the loss and the weights step by step.

    ``window`` is (low, high) for one weight, ((low, high), (low, high)) for two;
    ``minimum`` (a number, or one per weight) is marked when given.
    """
    return make_landscape(loss, window, minimum).figure(path)


def make_landscape(
    loss: Loss, window: Window | Sequence[Window], minimum: float | Sequence[float] | None
) -> Landscape:
    """A Landscape from the figures' (and explorers') arguments: a single weight may give plain numbers."""
    windows = [window] if isinstance(window[0], numbers.Real) else list(window)
    if isinstance(minimum, numbers.Real):
        minimum = (minimum,)
    return Landscape(loss, windows, minimum)


def regimes_figure(
    loss: Loss,
    start: float | Sequence[float],
    lrs: Sequence[float],
    steps: int,
    *,
    window: Window | Sequence[Window],
    minimum: float | Sequence[float] | None = None,
) -> Figure:
    """One panel per learning rate (two per row): the path on the loss, titled with its regime."""
    if not lrs:
        raise ValueError("regimes_figure: needs at least one learning rate, got none")
    landscape = make_landscape(loss, window, minimum)
    rows = math.ceil(len(lrs) / 2)
    figure = Figure(figsize=(10.0, 3.8 * rows), layout="constrained")
    axes = list(figure.subplots(rows, 2, squeeze=False).flat)
    for ax, lr in zip(axes, lrs):
        path = descend(loss, start, lr, steps)
        landscape.draw(ax, path)
        ax.set_title(f"{regime_name(classify(path))}\nlr = {format_number(lr)}", fontsize=12)
    for ax in axes[len(lrs) :]:  # an odd number of panels leaves one empty
        ax.set_visible(False)
    return figure
