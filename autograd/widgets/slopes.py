"""The secant explorer: the picture of ``autograd.figures.slopes.secant_figure`` under sliders on x and h.

Moving h shows the secant's slope tend to the tangent's; a "central secant" box adds the
central difference beside the forward one.
"""

from __future__ import annotations

import io

import ipywidgets
from matplotlib.figure import Figure

from autograd.figures.slopes import FIGSIZE, ScalarFunction, check_number, check_range, secant_figure
from autograd.language import _
from autograd.widgets.display import error_html

DPI = 100  # pixels per inch of the explorer's picture, shown at its natural size
H_RANGE = (0.01, 2.0)  # the h slider
X_STEP = 0.01


class SecantExplorer(ipywidgets.VBox):
    """Sliders on x and h, a "central secant" box and the secant picture, redrawn on every move.

    Drive it from Python by setting ``explorer.x.value``, ``explorer.h.value`` or
    ``explorer.central.value``: ``figure`` is then the figure shown, ``picture.value`` its
    PNG and ``message.value`` empty; or, when ``f`` fails at the new points, ``figure`` is
    None, ``message.value`` the error's text, and the picture keeps the last figure.
    The picture is an Image widget rather than an Output one, so that it behaves the
    same in JupyterLab, in nbconvert and under nbval.
    """

    def __init__(self, f: ScalarFunction, x: float, h: float, dfdx: ScalarFunction | None,
                 x_range: tuple[float, float], label: str) -> None:
        low, high = check_range("secant_explorer", x_range)
        if not (low <= check_number("secant_explorer", "x", x) <= high):
            raise ValueError(f"secant_explorer: x = {x:g} is outside x_range ({low:g}, {high:g})")
        if not H_RANGE[0] <= check_number("secant_explorer", "h", h) <= H_RANGE[1]:
            raise ValueError(f"secant_explorer: h = {h:g} is outside the slider's range {H_RANGE}")
        # A redraw takes a fraction of a second: the sliders report on release, not all along a drag.
        self.x = ipywidgets.FloatSlider(value=x, min=low, max=high, step=X_STEP, description="x",
                                        continuous_update=False)
        self.h = ipywidgets.FloatSlider(value=h, min=H_RANGE[0], max=H_RANGE[1], step=0.01, description="h",
                                        continuous_update=False)
        self.central = ipywidgets.Checkbox(value=False, description=_("central secant too"), indent=False)
        self.message = ipywidgets.HTML()
        width = f"{FIGSIZE[0] * DPI:.0f}px"  # not stretched to the output's width
        self.picture = ipywidgets.Image(format="png", layout=ipywidgets.Layout(width=width, max_width="100%"))
        self.figure: Figure | None = None
        self._draw = lambda: secant_figure(f, self.x.value, self.h.value, dfdx=dfdx,
                                           central=self.central.value, x_range=x_range, label=label)
        super().__init__([ipywidgets.HBox([self.x, self.h, self.central]), self.message, self.picture])
        for widget in (self.x, self.h, self.central):
            widget.observe(self._update, names="value")
        self._update()

    def _update(self, change: object = None) -> None:
        """Redraw the picture for the sliders' current values."""
        try:
            figure = self._draw()
        except Exception as error:  # shown in the widget: a callback's traceback is invisible in JupyterLab
            self.figure = None
            self.message.value = error_html(error)
            return
        self.figure = figure
        self.message.value = ""
        png = io.BytesIO()
        figure.savefig(png, format="png", dpi=DPI)
        self.picture.value = png.getvalue()


def secant_explorer(
    f: ScalarFunction,
    *,
    x: float = 1.0,
    h: float = 0.5,
    dfdx: ScalarFunction | None = None,
    x_range: tuple[float, float] = (-2.0, 2.0),
    label: str = "f(x)",
) -> SecantExplorer:
    """``secant_figure`` under a slider on x (over ``x_range``) and one on h (0.01 to 2)."""
    return SecantExplorer(f, x, h, dfdx, x_range, label)
