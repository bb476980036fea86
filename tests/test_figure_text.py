"""The text of every matplotlib picture the notebooks show is at least MIN_TEXT_PX tall on screen.

A figure becomes a PNG of width (inches x dpi) pixels: JupyterLab shows a cell's figure at most as
wide as its output area (MAX_WIDTH_PX), the explorers' pictures at their own size. A text of s
points is then s x dpi / 72 x min(1, MAX_WIDTH_PX / width) px tall on screen.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from autograd import MLP, Value
from autograd.figures import error_figure, ranks_figure, regimes_figure, secant_figure, training_figure
from autograd.learning.data import make_moons
from autograd.learning.training import Trainer
from autograd.viz.fit import MAX_WIDTH_PX, MIN_TEXT_PX
from autograd.widgets import descent, slopes, training


def smallest_text_px(figure: Figure, dpi: float) -> float:
    """The smallest visible text of ``figure`` on screen, in px, when rendered at ``dpi``."""
    FigureCanvasAgg(figure).draw()  # creates the tick labels
    sizes = [text.get_fontsize() for text in figure.findobj(Text) if text.get_visible() and text.get_text()]
    width_px = figure.get_figwidth() * dpi
    return min(sizes) * dpi / 72 * min(1.0, MAX_WIDTH_PX / width_px)


def cubic(x: float) -> float:
    return x**3 - 2 * x


def parabola(w: Value) -> Value:
    return (w - 3) ** 2


def bowl(w1: Value, w2: Value) -> Value:
    return w1**2 + 10 * w2**2


def figures() -> list[tuple[str, Figure, float]]:
    """Each picture of the notebooks with the arguments they use, and the dpi it is shown at."""
    hs = [10.0**-k for k in range(1, 13)]
    errors = {"forward": [abs(h) for h in hs], "central": [h * h for h in hs]}
    moons, y = make_moons(60, noise=0.1, seed=0)
    trainer = Trainer(MLP(2, [10, 1], seed=0), moons, 2 * y - 1, lr=0.5, momentum=0.9)
    explorer_1d = descent.descent_1d(parabola, start=0.5, lr=0.3, steps=10, window=(-1, 7), minimum=3)
    explorer_2d = descent.descent_2d(bowl, start=(-4, 1.5), lr=0.09, steps=30,
                                     window=((-5, 5), (-2.5, 2.5)), minimum=(0, 0), lr_max=0.15)
    inline = Figure().dpi  # a figure that is a cell's value: IPython renders it at the figure's dpi
    return [
        ("02 secant", secant_figure(cubic, 1.0, 0.5, central=True), inline),
        ("02 secant explorer", secant_figure(cubic, 1.0, 0.5), slopes.DPI),
        ("02 errors", error_figure(hs, errors), inline),
        ("05 regimes", regimes_figure(parabola, 0.5, [0.05, 0.3, 0.8, 1.1], 10, window=(-1, 7), minimum=3),
         inline),
        ("05 explorer, one weight", explorer_1d.figure, descent.PNG_DPI),
        ("05 explorer, two weights", explorer_2d.figure, descent.PNG_DPI),
        ("06 training figure", training_figure(trainer), inline),
        ("06 dashboard", training_figure(trainer), training.PNG_DPI),
        ("07 ranks", ranks_figure([3.0, np.ones(3), np.ones((2, 3)), np.ones((2, 2, 3))]), inline),
    ]


NAMES = ["02 secant", "02 secant explorer", "02 errors", "05 regimes", "05 explorer, one weight",
         "05 explorer, two weights", "06 training figure", "06 dashboard", "07 ranks"]


@pytest.mark.parametrize("index", range(len(NAMES)), ids=NAMES)
def test_every_text_of_the_picture_is_readable(index: int) -> None:
    name, figure, dpi = figures()[index]
    px = smallest_text_px(figure, dpi)
    assert math.isfinite(px) and px >= MIN_TEXT_PX, f"{name}: smallest text {px:.1f} px"
