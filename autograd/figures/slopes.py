"""The derivative as a slope: a curve, its secant over [x, x + h], and sliders that move them.

``secant_figure(f, x, h)`` draws ``f``, the secant through (x, f(x)) and (x + h, f(x + h)),
whose slope (f(x + h) - f(x)) / h is the forward difference, with its rise-over-run
triangle; optionally the central secant through (x - h, f(x - h)) and (x + h, f(x + h)),
and the tangent of slope f'(x) that both tend to as h -> 0. ``autograd.widgets.slopes`` puts
the same picture under sliders on x and h. ``error_figure`` plots the error
|estimate - f'(x)| of difference estimates against h on log-log axes and marks the best h.

Figures are ``matplotlib.figure.Figure`` objects made without pyplot: Jupyter shows one
when it is a cell's value, and no global figure list keeps it alive afterwards.
Slopes come from ``autograd.engine.numeric``; numbers are written as the pictures of graphs
write them (``viz.format_number``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from matplotlib.figure import Figure

from autograd.engine.numeric import central_difference, forward_difference, is_finite_number
from autograd.language import N_, _
from autograd.viz import format_number

ScalarFunction = Callable[[float], float]

FIGSIZE = (7.0, 4.5)  # inches, the same for every figure of this module
CURVE_POINTS = 401
COLORS = {"curve": "#1f77b4", "forward": "#d95f02", "central": "#7570b3", "tangent": "#333333"}
SECANT_MARGINS = {"left": 0.09, "right": 0.97, "bottom": 0.11, "top": 0.92}
LABELLED_RUN = 0.05  # the run h and the rise get their names when h is at least this part of the x range
ZERO_ERROR = 1e-17  # where an error of exactly 0 is drawn: a log axis has no 0
GUIDES = {  # grey reference lines of the error plot: on log-log axes, error ∝ h**p is a line of slope p
    N_("guide ∝ h (slope 1)"): (lambda h: h, "--"),  # the names label the lines, translated
    N_("guide ∝ h² (slope 2)"): (lambda h: h * h, ":"),
    N_("guide ∝ 1/h (slope −1)"): (lambda h: 1e-16 / h, "-."),
}


def check_number(what: str, name: str, x: float) -> float:
    if not is_finite_number(x):
        raise ValueError(f"{what}: {name} must be a finite number, got {name} = {x!r}")
    return float(x)


def check_range(what: str, x_range: tuple[float, float]) -> tuple[float, float]:
    low, high = (check_number(what, "x_range", bound) for bound in x_range)
    if not low < high:
        raise ValueError(f"{what}: x_range must be (low, high) with low < high, got {x_range!r}")
    return low, high


def _line(ax, x: float, y: float, slope: float, low: float, high: float, **style: object) -> None:
    """The straight line through (x, y) with the given slope, across [low, high]."""
    ax.plot([low, high], [y + slope * (low - x), y + slope * (high - x)], **style)


def secant_figure(
    f: ScalarFunction,
    x: float,
    h: float,
    *,
    dfdx: ScalarFunction | None = None,
    central: bool = False,
    x_range: tuple[float, float] = (-2.0, 2.0),
    label: str = "f(x)",
) -> Figure:
    """The curve of ``f`` over ``x_range`` and its secants at ``x`` for the step ``h``.

    Forward secant: slope (f(x + h) - f(x)) / h, drawn with the run h and the rise
    f(x + h) - f(x). Central secant (``central=True``): slope (f(x + h) - f(x - h)) / (2h).
    Tangent (when ``dfdx`` gives the exact derivative): slope f'(x). The axes show the
    curve over ``x_range``, widened where x + h (or x − h) lies beyond it, so the secant's
    points are always in the picture; within ``x_range`` moving x or h never rescales it.
    """
    low, high = check_range("secant_figure", x_range)
    x = check_number("secant_figure", "x", x)
    if not low <= x <= high:
        raise ValueError(f"secant_figure: x = {x:g} is outside x_range ({low:g}, {high:g})")
    forward = forward_difference(f, x, h)  # checks h > 0
    view_low, view_high = min(low, x - h) if central else low, max(high, x + h)
    xs = [view_low + (view_high - view_low) * i / (CURVE_POINTS - 1) for i in range(CURVE_POINTS)]
    ys = [f(t) for t in xs]
    y, y_right = f(x), f(x + h)

    figure = Figure(figsize=FIGSIZE)
    figure.subplots_adjust(**SECANT_MARGINS)  # fixed: no layout engine to run at every slider move
    ax = figure.add_subplot()
    ax.plot(xs, ys, color=COLORS["curve"], linewidth=2.5, label=label, gid="curve")
    _line(ax, x, y, forward, view_low, view_high, color=COLORS["forward"], linewidth=1.8, gid="forward",
          label=_("secant over [x, x+h]: slope {slope}").format(slope=format_number(forward)))
    ax.plot([x, x + h, x + h], [y, y, y_right], ":", color=COLORS["forward"], linewidth=1.5, gid="rise")
    ax.plot([x, x + h], [y, y_right], "o", color=COLORS["forward"], markersize=7, gid="points")
    if h >= LABELLED_RUN * (view_high - view_low):  # a short run and rise leave no room for their names
        ax.annotate("h", (x + h / 2, y), textcoords="offset points", xytext=(0, -14), ha="center",
                    color=COLORS["forward"])
        right = view_high - (x + h) > 0.12 * (view_high - view_low)  # the rise's label right of it if room
        ax.annotate("f(x+h)\n− f(x)", (x + h, (y + y_right) / 2), textcoords="offset points",
                    xytext=(8 if right else -8, 0), ha="left" if right else "right", va="center",
                    color=COLORS["forward"], zorder=5,  # above the lines it would cross, on an opaque card
                    bbox={"facecolor": "white", "edgecolor": COLORS["forward"], "linewidth": 0.6,
                          "boxstyle": "round,pad=0.25"})
    if central:
        slope = central_difference(f, x, h)
        _line(ax, x + h, y_right, slope, view_low, view_high, color=COLORS["central"], linewidth=1.8,
              gid="central",
              label=_("secant over [x−h, x+h]: slope {slope}").format(slope=format_number(slope)))
        ax.plot([x - h], [f(x - h)], "o", color=COLORS["central"], markersize=7, gid="central point")
    if dfdx is not None:
        _line(ax, x, y, dfdx(x), view_low, view_high, color=COLORS["tangent"], linestyle="--", linewidth=1.2,
              gid="tangent", label=_("tangent: slope f'(x) = {slope}").format(slope=format_number(dfdx(x))))

    margin = 0.1 * ((max(ys) - min(ys)) or 1.0)
    pad = 0.03 * (view_high - view_low)  # a point beyond x_range is drawn whole, not cut by the frame
    ax.set_xlim(view_low - (pad if view_low < low else 0.0), view_high + (pad if view_high > high else 0.0))
    ax.set_ylim(min(ys) - margin, max(ys) + margin)
    ax.axhline(0.0, color="#999999", linewidth=0.6, gid="y = 0")
    ax.grid(alpha=0.3)
    ax.set_xlabel("x")
    ax.set_ylabel("f(x)")
    title = _("The slope at x = {x}, estimated with h = {h}")
    ax.set_title(title.format(x=format_number(x), h=format_number(h)))
    ax.legend(loc="upper left", fontsize=9)
    return figure


def best_step(hs: Sequence[float], errors: Sequence[float]) -> tuple[float, float]:
    """The step h with the smallest error, and that error (the first such h on a tie)."""
    if len(hs) != len(errors) or not hs:
        raise ValueError(f"best_step: needs as many errors as steps (at least one), "
                         f"got {len(hs)} steps and {len(errors)} errors")
    i = min(range(len(errors)), key=errors.__getitem__)
    return hs[i], errors[i]


def error_figure(hs: Sequence[float], errors: Mapping[str, Sequence[float]]) -> Figure:
    """|estimate - f'(x)| against h on log-log axes: one curve per method, its best h marked.

    Grey guides of slope 1 (h), 2 (h²) and -1 (1e-16 / h) help read the curves: on
    log-log axes an error proportional to h**p is a straight line of slope p.
    An error of exactly 0 is drawn at 1e-17.
    """
    if not errors:
        raise ValueError("error_figure: needs at least one curve of errors, got none")
    if any(h <= 0 for h in hs):
        raise ValueError(f"error_figure: every step h must be positive, got min(hs) = {min(hs)!r}")
    figure = Figure(figsize=FIGSIZE, layout="constrained")
    ax = figure.add_subplot()
    for name, values in errors.items():
        h, error = best_step(hs, values)
        color = COLORS.get(name)
        ax.loglog(hs, [max(e, ZERO_ERROR) for e in values], "-", marker=".", color=color,
                  label=name, gid=name)
        ax.loglog([h], [max(error, ZERO_ERROR)], "*", color=color, markersize=16, markeredgecolor="black",
                  label=_("best h for {name}: {h} (error {error})").format(name=name, h=f"{h:.0e}",
                                                                            error=f"{error:.0e}"),
                  gid=f"best {name}")
    for name, (guide, style) in GUIDES.items():
        ax.loglog(hs, [guide(h) for h in hs], style, color="#999999", linewidth=1, label=_(name), gid=name,
                  zorder=1)
    ax.set_xlim(min(hs), max(hs))
    ax.set_ylim(ZERO_ERROR, 10.0)
    ax.grid(alpha=0.3, which="major")
    ax.set_xlabel(_("step h"))
    ax.set_ylabel(_("error |estimate − f'(x)|"))
    ax.set_title(_("Error of the estimated slope against the step h"))
    ax.legend(loc="lower left", fontsize=8, ncols=2)
    return figure
