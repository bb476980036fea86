"""The data behind every plot the notebooks show, checked against an independent computation.

nbval compares text, not pictures (image/png), so here each figure is read through its matplotlib
artists (line data, contour paths and levels, scatter offsets, bar widths, texts) and compared with
numbers computed again without the code that drew them, with the notebooks' own arguments:

- 02: f(x) = x³ − 2x and f'(x) = 3x² − 2 in plain floats; each line must pass through the points it
  claims, each error point must be |estimate − f'(x)| for its h, the star must sit on the smallest;
- 05: the path stepped here, W <- W − lr·v with v <- m·v + G and G from the closed-form gradient;
  the regimes from w_n − w* = (1 − lr·k)^n (w_0 − w*);
- contours: a contour algorithm puts each vertex on a grid edge where the linear interpolation of the
  grid values equals the level, so the bilinear interpolation of grid values computed here must give
  the claimed level at every vertex (exactly), and the loss itself must be within the interpolation
  error of it; a transposed grid moves the vertices and fails;
- 06: notebook 06's four lines written out (forward, zero_grad, backward, SGD step) for the loss
  curve, and the scalar engine point by point for the decision boundary;
- 07: entries read back from where they are written, bars from their widths;
- the notebooks' own pyplot cells are run here on Agg and their figure read back.
"""

from __future__ import annotations

import ast
import gc
import json
import math
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.contour import ContourSet
from matplotlib.figure import Figure
from matplotlib.path import Path as MplPath

from autograd import MLP, SGD, Value
from autograd.engine.numeric import central_difference, forward_difference
from autograd.figures.descent import GRID_POINTS, regimes_figure
from autograd.figures.slopes import error_figure, secant_figure
from autograd.figures.tensors import ranks_figure
from autograd.figures.training import training_figure
from autograd.learning.data import make_moons
from autograd.learning.training import Trainer, decision_grid, hinge_loss, logistic_loss
from autograd.widgets import training as training_widgets
from autograd.widgets.descent import DescentExplorer, descent_1d, descent_2d
from autograd.widgets.slopes import secant_explorer
from autograd.widgets.training import training_dashboard

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
LIMIT = 1e6  # descend ends a path before a weight passes this size


# ----- reading figures -----


@pytest.fixture(autouse=True)
def no_png(monkeypatch: pytest.MonkeyPatch) -> None:
    """Figures are not rendered: the explorers' PNG is left empty, their figure's data is what is checked."""
    monkeypatch.setattr(Figure, "savefig", lambda self, target, **options: None)


def drawn(ax: Axes, gid: str) -> np.ndarray:
    """The (x, y) points of the one line of ``ax`` with this gid."""
    [line] = [line for line in ax.lines if line.get_gid() == gid]
    return line.get_xydata()


def bilinear(xs: np.ndarray, ys: np.ndarray, z: np.ndarray, points: np.ndarray) -> np.ndarray:
    """z (z[i, j] at (xs[j], ys[i])) interpolated bilinearly at each (x, y) of ``points``."""
    x, y = points.T
    slack = 1e-12 * (xs[-1] - xs[0] + ys[-1] - ys[0])  # a vertex on the frame, up to rounding
    assert xs[0] - slack <= x.min() and x.max() <= xs[-1] + slack
    assert ys[0] - slack <= y.min() and y.max() <= ys[-1] + slack
    j = np.clip(np.searchsorted(xs, x) - 1, 0, len(xs) - 2)
    i = np.clip(np.searchsorted(ys, y) - 1, 0, len(ys) - 2)
    tx, ty = (x - xs[j]) / (xs[j + 1] - xs[j]), (y - ys[i]) / (ys[i + 1] - ys[i])
    below, above = (1 - tx) * z[i, j] + tx * z[i, j + 1], (1 - tx) * z[i + 1, j] + tx * z[i + 1, j + 1]
    return (1 - ty) * below + ty * above


def vertices(path: MplPath) -> np.ndarray:
    """The points of a contour path (a CLOSEPOLY code carries no point)."""
    if path.codes is None:
        return path.vertices
    return path.vertices[path.codes != MplPath.CLOSEPOLY]


def contour_sets(ax: Axes, filled: bool) -> list[ContourSet]:
    return [c for c in ax.collections if isinstance(c, ContourSet) and c.filled == filled]


def on_frame(points: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Which points lie on the border of the grid (up to rounding)."""
    x, y = points.T
    slack = 1e-9 * (xs[-1] - xs[0] + ys[-1] - ys[0])
    return (np.minimum(np.abs(x - xs[0]), np.abs(x - xs[-1])) <= slack) | (
        np.minimum(np.abs(y - ys[0]), np.abs(y - ys[-1])) <= slack)


def assert_lines_on_levels(contours: ContourSet, xs: np.ndarray, ys: np.ndarray, z: np.ndarray) -> None:
    """Every vertex of contour line k lies where the grid values z interpolate to levels[k]."""
    tolerance = 1e-9 * np.abs(z).max()
    paths = [(level, vertices(path)) for level, path in zip(contours.levels, contours.get_paths())]
    assert sum(len(points) for _, points in paths), "no line drawn"
    for level, points in paths:
        if len(points):
            assert np.abs(bilinear(xs, ys, z, points) - level).max() <= tolerance, level


def assert_bands_between_levels(contours: ContourSet, xs: np.ndarray, ys: np.ndarray, z: np.ndarray) -> None:
    """Band k (levels[k] to levels[k+1]) holds only such values; inside the frame its edge is a level."""
    tolerance = 1e-9 * np.abs(z).max()
    levels = contours.levels
    bands = [(levels[k], levels[k + 1], vertices(path)) for k, path in enumerate(contours.get_paths())]
    assert sum(len(points) for _, _, points in bands), "no band drawn"
    for low, high, points in bands:
        if not len(points):
            continue
        at = bilinear(xs, ys, z, points)
        assert (at >= low - tolerance).all() and (at <= high + tolerance).all(), (low, high)
        off_level = np.minimum(np.abs(at - low), np.abs(at - high))[~on_frame(points, xs, ys)]
        assert off_level.size == 0 or off_level.max() <= tolerance, (low, high)


# ----- 02: secants, tangent and the error of finite differences -----


def f(x: float) -> float:
    """Notebook 02's function (works on arrays too)."""
    return x**3 - 2 * x


def dfdx(x: float) -> float:
    return 3 * x**2 - 2


X0, LABEL = 1.0, "f(x) = x³ − 2x"


def slope_through(ax: Axes, gid: str, *points: tuple[float, float]) -> float:
    """The slope of the straight line with this gid, after checking that it passes through ``points``."""
    (x1, y1), (x2, y2) = drawn(ax, gid)[[0, -1]]
    slope = (y2 - y1) / (x2 - x1)
    for x, y in points:
        assert y1 + slope * (x - x1) == pytest.approx(y, rel=1e-12, abs=1e-12), (gid, x, y)
    return slope


def claimed_slope(ax: Axes, gid: str) -> float:
    """The slope the legend writes for the line with this gid (its last word)."""
    [line] = [line for line in ax.lines if line.get_gid() == gid]
    return float(line.get_label().rsplit(" ", 1)[1])


def assert_secant_picture(figure: Figure, x: float, h: float, central: bool) -> None:
    """Curve, forward secant, rise, points, central secant and tangent, against f and f' at x and h."""
    ax = figure.axes[0]
    curve = drawn(ax, "curve")
    assert curve[:, 1] == pytest.approx(f(curve[:, 0]), rel=1e-12, abs=1e-12)
    assert curve[0, 0] <= min(-2.0, x - h if central else x) and curve[-1, 0] >= max(2.0, x + h)
    here, right = (x, f(x)), (x + h, f(x + h))
    assert drawn(ax, "points") == pytest.approx(np.array([here, right]))
    assert drawn(ax, "rise") == pytest.approx(np.array([here, (x + h, f(x)), right]))
    gids = {"forward": [here, right], "tangent": [here]}
    if central:
        gids["central"] = [(x - h, f(x - h)), right]
        assert drawn(ax, "central point") == pytest.approx(np.array([(x - h, f(x - h))]))
    else:
        assert not [line for line in ax.lines if line.get_gid() in ("central", "central point")]
    for gid, points in gids.items():
        slope = slope_through(ax, gid, *points)
        assert claimed_slope(ax, gid) == pytest.approx(slope, rel=1e-3, abs=1e-4)
        if gid == "tangent":
            assert slope == pytest.approx(dfdx(x), rel=1e-12)


@pytest.mark.parametrize("central", [False, True])
def test_secant_figure_lines_pass_through_their_points(central: bool) -> None:
    figure = secant_figure(f, X0, h=0.5, dfdx=dfdx, central=central, label=LABEL)  # notebook 02
    assert_secant_picture(figure, X0, 0.5, central)


def test_secant_explorer_draws_the_points_its_sliders_say() -> None:
    explorer = secant_explorer(f, x=X0, h=0.5, dfdx=dfdx, label=LABEL)  # notebook 02
    assert_secant_picture(explorer.figure, X0, 0.5, central=False)
    for widget, value in [(explorer.h, 0.1), (explorer.x, -1.5), (explorer.central, True), (explorer.h, 2.0)]:
        widget.value = value
        assert_secant_picture(explorer.figure, explorer.x.value, explorer.h.value, explorer.central.value)


HS = [10.0 ** (-k / 4) for k in range(60, -1, -1)]  # notebook 02: 1e-15 ... 1
ESTIMATES: dict[str, Callable[[float], float]] = {  # written out here, not autograd.engine.numeric
    "forward": lambda h: (f(X0 + h) - f(X0)) / h,
    "central": lambda h: (f(X0 + h) - f(X0 - h)) / (2 * h),
}


def test_error_curves_are_the_errors_recomputed_for_each_h() -> None:
    errors = {  # as notebook 02 builds them
        "forward": [abs(forward_difference(f, X0, h) - dfdx(X0)) for h in HS],
        "central": [abs(central_difference(f, X0, h) - dfdx(X0)) for h in HS],
    }
    ax = error_figure(HS, errors).axes[0]
    for name, estimate in ESTIMATES.items():
        curve = drawn(ax, name)
        expected = [max(abs(estimate(h) - dfdx(X0)), 1e-17) for h in HS]  # an error of 0 is drawn at 1e-17
        assert list(curve[:, 0]) == HS
        assert list(curve[:, 1]) == pytest.approx(expected, rel=1e-9)
        low, high = ax.get_ylim()
        assert low <= curve[:, 1].min() and curve[:, 1].max() <= high  # every point in view
        best = int(np.argmin(curve[:, 1]))
        assert drawn(ax, f"best {name}").tolist() == [[HS[best], curve[best, 1]]]


def test_error_guides_have_the_slopes_their_labels_claim() -> None:
    ax = error_figure(HS, {"forward": [1.0] * len(HS)}).axes[0]
    guides = [line for line in ax.lines if (line.get_gid() or "").startswith("guide")]
    assert len(guides) == 3
    for line in guides:
        claimed = float(re.search(r"slope (\S+)\)", line.get_gid()).group(1).replace("−", "-"))
        logs = np.log10(line.get_xydata())
        assert np.diff(logs[:, 1]) / np.diff(logs[:, 0]) == pytest.approx(claimed, rel=1e-9)


# ----- 05: descent paths on a curve and on a landscape -----


def L(w: Value) -> Value:
    """Notebook 05's losses, built with Values as the widgets need them."""
    return (w - 3) ** 2


def L2(w: Value) -> Value:
    return (w - 3).exp() - w + 2


def bowl(w1: Value, w2: Value) -> Value:
    return w1**2 + 10 * w2**2


class Case(NamedTuple):
    """One of those losses for the checks: in plain floats (arrays too), its gradient, its minimum."""

    value: Callable[..., np.ndarray]
    gradient: Callable[..., tuple[float, ...]]
    minimum: tuple[float, ...]


PARABOLA = Case(lambda w: (w - 3) ** 2, lambda w: (2 * (w - 3),), (3.0,))
WALL = Case(lambda w: np.exp(w - 3) - w + 2, lambda w: (math.exp(w - 3) - 1,), (3.0,))
BOWL = Case(lambda w1, w2: w1**2 + 10 * w2**2, lambda w1, w2: (2 * w1, 20 * w2), (0.0, 0.0))
BOWL_WINDOW = ((-5, 5), (-2.5, 2.5))


def stepped(case: Case, start: Sequence[float], lr: float, steps: int, momentum: float = 0.0) -> np.ndarray:
    """W(0), ..., W(steps) of v <- m v + G(W), W <- W - lr v in plain floats (inf or nan once it blows up)."""
    w, v = np.array(start, dtype=float), 0.0
    points = [w]
    for _ in range(steps):
        try:
            g = np.array(case.gradient(*w))
        except OverflowError:  # e^(w - 3) past the largest float
            g = np.full_like(w, math.inf)
        with np.errstate(all="ignore"):
            v = momentum * v + g
            w = w - lr * v
        points.append(w)
    return np.array(points)


def assert_descent_picture(figure: Figure, case: Case, explorer: DescentExplorer) -> None:
    """The path (left) and each weight step by step (right) follow ``stepped`` for the sliders' values."""
    sliders = {name: slider.value for name, slider in explorer.sliders.items()}
    names = explorer.landscape.names
    start = [sliders[name] for name in names]
    expected = stepped(case, start, sliders["lr"], sliders["steps"], sliders.get("momentum", 0.0))
    loss_ax, weights_ax = figure.axes
    path = drawn(loss_ax, "path")
    if len(names) == 1:
        assert path[:, 1] == pytest.approx(case.value(path[:, 0]), rel=1e-12)  # (w, L(w))
        weights = path[:, :1]
    else:
        weights = path  # (w1, w2)
    steps = len(weights) - 1
    assert weights == pytest.approx(expected[: steps + 1], rel=1e-9, abs=1e-12)
    if steps < sliders["steps"]:  # ended early: the next step would pass the limit or overflow
        assert not np.abs(expected[steps + 1]).max() <= LIMIT
    assert drawn(loss_ax, "start").tolist() == path[:1].tolist()
    assert drawn(loss_ax, "end").tolist() == path[-1:].tolist()
    for i, name in enumerate(names):
        by_step = np.column_stack([range(steps + 1), weights[:, i]])
        assert drawn(weights_ax, f"weight {name}").tolist() == by_step.tolist()
        assert drawn(weights_ax, f"minimum {name}")[:, 1] == pytest.approx(case.minimum[i])
    assert case.gradient(*case.minimum) == pytest.approx((0.0,) * len(names))  # the marked minimum is one


def assert_curve_is_the_loss(ax: Axes, case: Case) -> None:
    """The loss curve is L at each of its points, and the dashed line marks the minimum."""
    curve = drawn(ax, "curve")
    assert curve[:, 1] == pytest.approx(case.value(curve[:, 0]), rel=1e-12, abs=1e-12)
    assert set(drawn(ax, "minimum")[:, 0]) == {case.minimum[0]}


def assert_landscape(explorer: DescentExplorer, case: Case, window: Sequence[tuple[float, float]]) -> None:
    """The contour grid is the loss at each (w1, w2), that way round; each band's edge lies on its level."""
    ax = explorer.figure.axes[0]
    (x0, x1), (y0, y1) = window
    xs, ys = np.linspace(x0, x1, GRID_POINTS), np.linspace(y0, y1, GRID_POINTS)
    z = case.value(xs[np.newaxis, :], ys[:, np.newaxis])  # z[i, j] = L(xs[j], ys[i])
    assert explorer.landscape.grid == pytest.approx(z, rel=1e-12)  # the array the figure is built from
    [filled] = contour_sets(ax, filled=True)
    assert_bands_between_levels(filled, xs, ys, z)  # the figure's own contours
    levels = filled.levels
    for k, path in enumerate(filled.get_paths()):  # the loss at the vertices: within the interpolation error
        points = vertices(path)
        loss = case.value(points[:, 0], points[:, 1])
        assert ((loss > levels[k] - 0.01) & (loss < levels[k + 1] + 0.01)).all()
    assert drawn(ax, "minimum").tolist() == [list(case.minimum)]


@pytest.mark.parametrize(
    ("case", "make", "moves"),
    [
        (PARABOLA, lambda: descent_1d(L, start=0.5, lr=0.3, steps=10, window=(-1, 7), minimum=3),
         [("lr", 0.05), ("lr", 0.55), ("lr", 1.05), ("lr", 1.5), ("steps", 50)]),
        (WALL, lambda: descent_1d(L2, start=6.0, lr=0.5, steps=20, window=(-5, 7), minimum=3),
         [("lr", 1.5), ("w", 0.0), ("w", 6.0)]),
    ],
    ids=["parabola", "wall"],
)
def test_1d_explorer_paths_follow_the_update_rule(case: Case, make: Callable, moves: list) -> None:
    explorer = make()  # notebook 05's explorers, then the moves its text suggests
    for name, value in [(None, None), *moves]:
        if name is not None:
            explorer.sliders[name].value = value
        assert_descent_picture(explorer.figure, case, explorer)
        assert_curve_is_the_loss(explorer.figure.axes[0], case)


def test_2d_explorer_contours_and_paths_with_and_without_momentum() -> None:
    explorer = descent_2d(bowl, start=(-4, 1.5), lr=0.09, steps=30, window=BOWL_WINDOW, minimum=(0, 0),
                          lr_max=0.15)  # notebook 05
    assert_landscape(explorer, BOWL, BOWL_WINDOW)
    moves = [("lr", 0.04), ("lr", 0.105), ("lr", 0.02), ("steps", 60), ("momentum", 0.8)]  # 05's text
    for name, value in [(None, None), *moves]:
        if name is not None:
            explorer.sliders[name].value = value
        assert_descent_picture(explorer.figure, BOWL, explorer)


def test_regimes_panels_follow_the_closed_form() -> None:
    lrs = [0.05, 0.3, 0.8, 1.1]
    figure = regimes_figure(L, start=0.5, lrs=lrs, steps=10, window=(-1, 7), minimum=3)  # notebook 05
    claimed = []
    for ax in figure.axes:
        lr = float(ax.get_title().rsplit("lr = ", 1)[1])  # the learning rate the panel claims
        claimed.append(lr)
        w = 3 + (1 - lr * 2) ** np.arange(11) * (0.5 - 3)  # k = L'' = 2, w* = 3, w_0 = 0.5
        assert drawn(ax, "path") == pytest.approx(np.column_stack([w, (w - 3) ** 2]), rel=1e-9)
        assert drawn(ax, "start").tolist() == [[0.5, 6.25]] and drawn(ax, "end")[0, 0] == pytest.approx(w[-1])
        assert_curve_is_the_loss(ax, PARABOLA)
    assert claimed == lrs


# ----- 06: the training figure and the dashboard -----

POINTS, CLASSES = make_moons(60, noise=0.1, seed=0)  # notebook 06
LABELS = 2 * CLASSES - 1
STEPS = 50
RESOLUTION, MARGIN = 30, 0.5  # training_figure's and decision_grid's defaults
CLIP = 2.0  # the filled contours saturate beyond +-2 (autograd.figures.training.CLIP)


def notebook_trainer() -> Trainer:
    return Trainer(MLP(2, [10, 1], seed=0), POINTS, LABELS, lr=0.5, momentum=0.9)


@pytest.fixture(scope="module")
def reference_losses() -> list[float]:
    """Notebook 06's training loop written out: forward, zero_grad, backward, SGD step."""
    model = MLP(2, [10, 1], seed=0)
    optimizer = SGD(model.parameters(), lr=0.5, momentum=0.9)
    losses = []
    gc.disable()  # as the without_cyclic_gc fixture: the graphs hold no cycles
    try:
        for _ in range(STEPS):
            loss = hinge_loss([model(x) for x in POINTS.tolist()], LABELS)
            model.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.data)
    finally:
        gc.enable()
    return losses


def assert_loss_curve(figure: Figure, losses: list[float]) -> None:
    """The loss panel draws ``losses`` against the steps 1, 2, ..."""
    [line] = figure.axes[0].lines
    expected = np.column_stack([np.arange(1, len(losses) + 1), losses])
    assert line.get_xydata() == pytest.approx(expected, rel=1e-12)


def scalar_scores(model: MLP) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The grid over the points (plus the margin) and the model's score at each node, by the scalar engine."""
    low, high = POINTS.min(axis=0) - MARGIN, POINTS.max(axis=0) + MARGIN
    xs, ys = np.linspace(low[0], high[0], RESOLUTION), np.linspace(low[1], high[1], RESOLUTION)
    z = np.array([[model([Value(x), Value(y)]).data for x in xs] for y in ys])
    return xs, ys, z


def test_training_figure_shows_the_losses_the_points_and_the_scores(
    reference_losses: list[float], without_cyclic_gc: None
) -> None:
    trainer = notebook_trainer()
    trainer.train(STEPS)
    figure = training_figure(trainer)  # notebook 06
    assert_loss_curve(figure, reference_losses)
    ax = figure.axes[1]
    xs, ys, z = scalar_scores(trainer.model)
    assert decision_grid(trainer.model, POINTS)[2] == pytest.approx(z, rel=1e-12, abs=1e-12)
    [filled] = contour_sets(ax, filled=True)
    assert_bands_between_levels(filled, xs, ys, np.clip(z, -CLIP, CLIP))
    [boundary] = contour_sets(ax, filled=False)
    assert list(boundary.levels) == [0.0]
    assert_lines_on_levels(boundary, xs, ys, z)
    cmap = colormaps["RdBu"]
    scatters = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(scatters) == 2
    for scatter, label, colour in zip(scatters, (-1, 1), (cmap(0.0), cmap(1.0))):
        assert scatter.get_offsets().tolist() == [list(x) for x, y in zip(POINTS, LABELS) if y == label]
        assert scatter.get_facecolor().tolist() == [list(colour)]
    # the region of positive scores (class +1) is drawn in the colour of the class +1 points
    top_band = filled.get_facecolor()[-1][:3]
    assert np.abs(top_band - cmap(1.0)[:3]).sum() < np.abs(top_band - cmap(0.0)[:3]).sum()


def test_dashboard_draws_the_losses_so_far_at_each_redraw(
    reference_losses: list[float], monkeypatch: pytest.MonkeyPatch, without_cyclic_gc: None
) -> None:
    shown: list[tuple[int, Figure]] = []

    def recorded(trainer: Trainer, resolution: int = RESOLUTION) -> Figure:
        figure = training_figure(trainer, resolution)
        shown.append((trainer.steps, figure))
        return figure

    monkeypatch.setattr(training_widgets, "training_figure", recorded)
    dashboard = training_dashboard(notebook_trainer(), steps=STEPS)  # notebook 06
    dashboard.train_button.click()
    assert [steps for steps, _ in shown] == [0, 10, 20, 30, 40, 50, 50]
    for steps, figure in shown:
        assert_loss_curve(figure, reference_losses[:steps])


# ----- the notebooks' own pyplot cells, and 07's ranks -----


def notebook_cell(notebook: str, marker: str) -> str:
    """The source of the one code cell of ``notebook`` that contains ``marker``."""
    cells = json.loads((NOTEBOOKS / notebook).read_text(encoding="utf-8"))["cells"]
    [source] = [text for text in ("".join(cell["source"]) for cell in cells if cell["cell_type"] == "code")
                if marker in text]
    return source


@pytest.fixture
def pyplot(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """pyplot on Agg with a show() that leaves the figure open to be read; every figure closed after."""
    monkeypatch.setattr(plt, "show", lambda *args, **kwargs: None)
    plt.close("all")
    yield
    plt.close("all")


def run_plot_cell(notebook: str, marker: str, **names: object) -> Figure:
    """Run the notebook's cell that contains ``marker`` with ``names`` defined; its figure."""
    exec(compile(notebook_cell(notebook, marker), f"{notebook}[{marker}]", "exec"), {"plt": plt, **names})
    [number] = plt.get_fignums()
    return plt.figure(number)


def test_notebook_06_scatter_shows_the_moons(pyplot: None) -> None:
    figure = run_plot_cell("06_training_a_network.ipynb", "plt.scatter", make_moons=make_moons)
    [points] = figure.axes[0].collections
    assert points.get_offsets().tolist() == POINTS.tolist()
    assert points.get_array().tolist() == CLASSES.tolist()  # the colour of each point is its class
    assert (len(points.get_offsets()), len(set(CLASSES))) == (60, 2)  # as the title claims


def test_notebook_06_losses_of_one_point_against_the_margin(pyplot: None) -> None:
    figure = run_plot_cell("06_training_a_network.ipynb", 'label="hinge"', np=np, Value=Value,
                           hinge_loss=hinge_loss, logistic_loss=logistic_loss)
    curves = {line.get_label(): line.get_xydata() for line in figure.axes[0].lines}
    margin = curves["hinge"][:, 0]
    assert margin.tolist() == pytest.approx(np.linspace(-3, 3, 61).tolist())
    assert curves["hinge"][:, 1] == pytest.approx(np.maximum(0.0, 1.0 - margin), abs=1e-15)
    assert curves["logistic"][:, 1] == pytest.approx(np.log1p(np.exp(-margin)), rel=1e-12)


def test_notebook_07_bars_are_the_measured_times(pyplot: None) -> None:
    figure = run_plot_cell("07_scalars_and_tensors.ipynb", "plt.barh", tensor_ms=1.25, scalar_ms=42.0)
    ax = figure.axes[0]
    assert [bar.get_width() for bar in ax.patches] == [1.25, 42.0]
    assert [label.get_text() for label in ax.get_yticklabels()] == ["Tensor", "Value"]
    assert [text.get_text() for text in ax.texts] == ["1.25 ms", "42.00 ms"]


def test_ranks_figure_writes_each_entry_where_its_index_puts_it() -> None:
    arrays = [np.array(7.0), np.array([1.0, 2.0, 3.0]), np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]),
              np.arange(12.0).reshape(2, 2, 3)]  # notebook 07
    figure = ranks_figure(arrays)
    for ax, array in zip(figure.axes, arrays):
        texts = {(text.get_position()): float(text.get_text()) for text in ax.texts}
        columns = sorted({x for x, _ in texts})
        rows = sorted({y for _, y in texts}, reverse=True)  # row 0 on top
        read = np.array([[texts[(x, y)] for x in columns] for y in rows])
        front = array[0] if array.ndim == 3 else np.atleast_2d(array)
        assert read == pytest.approx(front, rel=1e-3)
        centres = {(p.get_x() + p.get_width() / 2, p.get_y() + p.get_height() / 2) for p in ax.patches}
        assert all(any(np.allclose(at, c) for c in centres) for at in texts)  # each entry in a square
        claimed = ast.literal_eval(ax.get_title().split("shape ", 1)[1])
        assert claimed == array.shape and len(ax.patches) == array.size  # one square per entry


# ----- every plot of the notebooks is one of those checked above -----

PLOTTING = re.compile(
    r"\b(secant_figure|secant_explorer|error_figure|regimes_figure|descent_figure|descent_1d|descent_2d"
    r"|training_figure|training_dashboard|ranks_figure|plt\.(?:plot|scatter|bar|barh|hist|imshow|contourf?"
    r"|pcolormesh|fill_between|errorbar|step|stem|pie))\("
)
CHECKED = {
    "02_derivatives_as_slopes": {"secant_figure", "secant_explorer", "error_figure"},
    "05_gradient_descent": {"regimes_figure", "descent_1d", "descent_2d"},
    "06_training_a_network": {"plt.scatter", "plt.plot", "training_figure", "training_dashboard"},
    "07_scalars_and_tensors": {"ranks_figure", "plt.barh"},
}


def test_every_plot_of_the_notebooks_is_checked_here() -> None:
    found = {}
    for path in sorted(NOTEBOOKS.glob("0[0-9]_*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "code")
        if calls := set(PLOTTING.findall(code)):
            found[path.stem] = calls
    assert found == CHECKED
