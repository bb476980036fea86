"""Descent explorers: sliders on the learning rate and the number of steps, the path drawn on the loss.

``descent_1d`` and ``descent_2d`` put the picture of ``autograd.figures.descent`` under
sliders (learning rate, steps, starting point, optionally momentum) with a line naming the
regime; a diverging learning rate ends the path ("diverged at step k") and the sliders keep
working. The explorers show their picture as a PNG in an ``ipywidgets.Output``.
"""

from __future__ import annotations

import base64
import html
import math
import numbers
from collections.abc import Sequence

import ipywidgets
from IPython.display import Image
from matplotlib.figure import Figure

from autograd.figures.descent import Landscape, Window, make_landscape
from autograd.language import _
from autograd.learning.descent import (
    LIMIT,
    Loss,
    Path,
    classify,
    descend,
    explain,
    regime_name,
    verdict,
    weight_names,
)
from autograd.palette import ERROR
from autograd.widgets.display import error_html, png_base64

MOMENTUM_MAX = 0.95
PNG_DPI = 80  # the explorers' picture: 880 x 336 pixels


class DescentExplorer(ipywidgets.VBox):
    """Sliders (lr, steps, the start of each weight, optionally momentum), the regime, the picture.

    Drive it from Python through ``explorer.sliders["lr"].value = 0.8`` (also "steps",
    "momentum" and the weights' names): ``path`` is then the new path, ``figure`` the
    picture, shown as a PNG in ``output.outputs``, and ``message.value`` the regime and what
    shows it (or the error's text, the last picture staying in place).
    """

    def __init__(self, landscape: Landscape, start: Sequence[float], *, lr: float, steps: int,
                 lr_max: float, steps_max: int, momentum: float | None, limit: float) -> None:
        self.landscape = landscape
        self.limit = limit
        self.sliders = _sliders(landscape, start, lr, steps, lr_max, steps_max, momentum)
        self.message = ipywidgets.HTML()
        self.output = ipywidgets.Output()
        self.path: Path | None = None
        self.figure: Figure | None = None
        widgets = list(self.sliders.values())
        rows = [ipywidgets.HBox(widgets[i : i + 3]) for i in range(0, len(widgets), 3)]
        super().__init__([*rows, self.message, self.output])
        for slider in self.sliders.values():
            slider.observe(self._update, names="value")
        self._update()

    def _update(self, change: object = None) -> None:
        """Descend with the sliders' values, name the regime, redraw."""
        values = {name: slider.value for name, slider in self.sliders.items()}
        try:
            path = descend(self.landscape.loss, [values[name] for name in self.landscape.names], values["lr"],
                           values["steps"], momentum=values.get("momentum", 0.0), limit=self.limit)
            figure = self.landscape.figure(path)
            png = png_base64(figure, PNG_DPI)
        except Exception as error:  # shown in the widget: a callback's traceback is invisible in JupyterLab
            self.path = None
            self.message.value = error_html(error)
            return
        self.path, self.figure = path, figure
        self.message.value = _message(path)
        # The picture is replaced in one assignment: no flicker, and no kernel needed to test it.
        data = {"image/png": png, "text/plain": verdict(path)}
        self.output.outputs = ({"output_type": "display_data", "data": data, "metadata": {}},)

    def snapshot(self) -> Image:
        """The picture shown now, as a still image: what a stored notebook shows where widgets do not run."""
        if not self.output.outputs:
            raise ValueError(f"snapshot: the explorer has no picture yet ({self.message.value})")
        return Image(data=base64.b64decode(self.output.outputs[0]["data"]["image/png"]), format="png")

    def __repr__(self) -> str:
        """The text shown where widgets are not rendered (e.g. a notebook on a code host)."""
        return f"{type(self).__name__}: {verdict(self.path)}" if self.path else type(self).__name__


def _message(path: Path) -> str:
    """The regime in bold and what shows it; red when the path diverged."""
    if path.steps < 2 and not path.diverged:
        return f"<div>{html.escape(verdict(path))}</div>"
    color = ERROR if path.diverged else "inherit"
    regime, why = html.escape(regime_name(classify(path))), html.escape(explain(path))
    line = _("{regime}: {why}.").format(regime=f"<b>{regime}</b>", why=why)
    return f'<div style="color: {color}">{line}</div>'


def _sliders(landscape: Landscape, start: Sequence[float], lr: float, steps: int, lr_max: float,
             steps_max: int, momentum: float | None) -> dict[str, ipywidgets.Widget]:
    """The explorer's sliders, by name: lr, steps, one per weight (its start), momentum."""
    clash = sorted({"lr", "steps", "momentum"} & set(landscape.names))
    if clash:
        names = ", ".join(clash)
        raise ValueError(f"descent explorer: a weight cannot be called {names} (a slider has that name)")
    if not (isinstance(lr_max, numbers.Real) and lr_max > 0 and 0 <= lr <= lr_max):
        raise ValueError(f"descent explorer: needs 0 <= lr <= lr_max, got lr = {lr!r}, lr_max = {lr_max!r}")
    if not (isinstance(steps_max, numbers.Integral) and 1 <= steps <= steps_max):
        raise ValueError(f"descent explorer: needs 1 <= steps <= steps_max, got {steps!r} and {steps_max!r}")
    lr_step = 10.0 ** (math.floor(math.log10(lr_max)) - 2)
    # Redrawn when the handle is released: a drag would queue a picture per pixel moved.
    sliders: dict[str, ipywidgets.Widget] = {
        "lr": ipywidgets.FloatSlider(value=lr, min=0.0, max=lr_max, step=lr_step, description="lr",
                                     readout_format=f".{max(0, -round(math.log10(lr_step)))}f",
                                     continuous_update=False),
        "steps": ipywidgets.IntSlider(value=steps, min=1, max=steps_max, description=_("steps"),
                                      continuous_update=False),
    }
    for name, x, (low, high) in zip(landscape.names, start, landscape.windows):
        step = 10.0 ** (math.floor(math.log10(high - low)) - 2)
        sliders[name] = ipywidgets.FloatSlider(
            value=x, min=min(low, x), max=max(high, x), step=step,
            description=_("start {name}").format(name=name),
            readout_format=f".{max(0, -round(math.log10(step)))}f", continuous_update=False,
        )
    if momentum is not None:
        if not (isinstance(momentum, numbers.Real) and 0 <= momentum <= MOMENTUM_MAX):
            raise ValueError(f"descent explorer: momentum must be in [0, {MOMENTUM_MAX}], got {momentum!r}")
        sliders["momentum"] = ipywidgets.FloatSlider(value=momentum, min=0.0, max=MOMENTUM_MAX, step=0.05,
                                                     description=_("momentum"), readout_format=".2f",
                                                     continuous_update=False)
    return sliders


def descent_1d(
    loss: Loss,
    start: float,
    *,
    lr: float = 0.1,
    steps: int = 10,
    window: Window | None = None,
    minimum: float | None = None,
    lr_max: float = 1.5,
    steps_max: int = 50,
    momentum: float | None = None,
    limit: float = LIMIT,
) -> DescentExplorer:
    """Explore gradient descent on a loss of one weight, ``loss(w) -> Value``, from ``start``.

    ``window`` (default start ± 5) is the stretch of the curve drawn; ``minimum`` is
    marked when given. ``momentum`` (a number) adds a momentum slider starting there.
    """
    names = weight_names(loss)
    if len(names) != 1:
        takes = f"{len(names)}: " + ", ".join(names)
        raise ValueError(f"descent_1d: the loss must take one weight, it takes {takes}")
    window = (start - 5.0, start + 5.0) if window is None else window
    return DescentExplorer(make_landscape(loss, window, minimum), (start,), lr=lr, steps=steps,
                           lr_max=lr_max, steps_max=steps_max, momentum=momentum, limit=limit)


def descent_2d(
    loss: Loss,
    start: Sequence[float],
    *,
    window: Sequence[Window],
    lr: float = 0.01,
    steps: int = 30,
    minimum: Sequence[float] | None = None,
    lr_max: float = 0.2,
    steps_max: int = 100,
    momentum: float | None = 0.0,
    limit: float = LIMIT,
) -> DescentExplorer:
    """Explore gradient descent on a loss of two weights, ``loss(w1, w2) -> Value``, on its contours.

    ``window`` is ((low, high) of the first weight, (low, high) of the second);
    ``momentum=None`` leaves out the momentum slider.
    """
    names = weight_names(loss)
    if len(names) != 2:
        takes = f"{len(names)}: " + ", ".join(names)
        raise ValueError(f"descent_2d: the loss must take two weights, it takes {takes}")
    return DescentExplorer(make_landscape(loss, window, minimum), tuple(start), lr=lr, steps=steps,
                           lr_max=lr_max, steps_max=steps_max, momentum=momentum, limit=limit)
