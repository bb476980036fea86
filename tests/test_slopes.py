"""autograd.figures.slopes and autograd.widgets.slopes: secant pictures, their explorer, the error plot.

Oracle: slopes worked out by hand for f(x) = x**2 (forward secant at x over [x, x + h]:
2x + h; central secant: exactly 2x; tangent: 2x), read back from the lines drawn.
"""

from __future__ import annotations

import math

import pytest

from autograd.figures.slopes import best_step, error_figure, secant_figure
from autograd.widgets.slopes import secant_explorer


def square(x: float) -> float:
    return x * x


def line(figure, gid: str):
    """The one line of the figure's axes with this gid."""
    [found] = [artist for artist in figure.axes[0].lines if artist.get_gid() == gid]
    return found


def slope(figure, gid: str) -> float:
    xs, ys = line(figure, gid).get_data()
    return (ys[-1] - ys[0]) / (xs[-1] - xs[0])


def legend_texts(figure) -> list[str]:
    return [text.get_text() for text in figure.axes[0].get_legend().get_texts()]


# ----- secant_figure -----


def test_forward_secant_goes_through_x_and_x_plus_h_with_slope_2x_plus_h():
    figure = secant_figure(square, 1.0, 0.5, x_range=(-2, 2))
    assert slope(figure, "forward") == pytest.approx(2.5)
    xs, ys = line(figure, "points").get_data()
    assert list(xs) == [1.0, 1.5] and list(ys) == [1.0, 2.25]
    rise_xs, rise_ys = line(figure, "rise").get_data()
    assert list(rise_xs) == [1.0, 1.5, 1.5] and list(rise_ys) == [1.0, 1.0, 2.25]
    assert "secant over [x, x+h]: slope 2.5" in legend_texts(figure)


def test_central_secant_and_tangent_are_drawn_only_when_asked():
    plain = secant_figure(square, 1.0, 0.5)
    drawn = {artist.get_gid() for artist in plain.axes[0].lines}
    assert drawn == {"curve", "forward", "rise", "points", "y = 0"}
    figure = secant_figure(square, -0.5, 0.25, central=True, dfdx=lambda x: 2 * x)
    assert slope(figure, "central") == pytest.approx(-1.0)  # exactly 2x for a parabola
    assert slope(figure, "tangent") == pytest.approx(-1.0)
    assert slope(figure, "forward") == pytest.approx(-0.75)
    assert list(line(figure, "central point").get_data()[0]) == [-0.75]
    texts = legend_texts(figure)
    assert "secant over [x−h, x+h]: slope -1" in texts and "tangent: slope f'(x) = -1" in texts


def test_run_and_rise_are_named_only_when_there_is_room():
    def names(figure):
        return [text.get_text() for text in figure.axes[0].texts]

    assert names(secant_figure(square, 1.0, 0.5, x_range=(-2, 2))) == ["h", "f(x+h)\n− f(x)"]
    assert names(secant_figure(square, 1.0, 0.1, x_range=(-2, 2))) == []  # 0.1 < 5% of the range 4


def test_within_x_range_the_axes_depend_on_the_curve_only():
    near = secant_figure(square, 0.0, 0.01, x_range=(-2, 2))
    far = secant_figure(square, 0.5, 1.5, x_range=(-2, 2), central=True)  # x - h = -1, x + h = 2
    for figure in (near, far):
        assert figure.axes[0].get_xlim() == (-2, 2)
        assert figure.axes[0].get_ylim() == pytest.approx((-0.4, 4.4))


@pytest.mark.parametrize(("x", "h", "central"), [(1.0, 2.0, False), (-1.5, 2.0, True), (2.0, 0.5, False)])
def test_every_point_and_label_of_the_secant_stays_in_the_picture(x, h, central):
    figure = secant_figure(square, x, h, x_range=(-2, 2), central=central)
    axes = figure.axes[0]
    (x_low, x_high), (y_low, y_high) = axes.get_xlim(), axes.get_ylim()
    points = [x - h, x, x + h] if central else [x, x + h]
    for t in points:  # drawn whole: inside the frame, not on it
        assert x_low < t < x_high and y_low < t * t < y_high, t
    frame = axes.get_window_extent()
    figure.canvas.draw()
    for text in axes.texts:  # "h" and "f(x+h) − f(x)"
        box = text.get_window_extent()
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1, text


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"x": 3.0, "h": 0.5}, r"x = 3 is outside x_range \(-2, 2\)"),
        ({"x": 1.0, "h": 0.0}, r"h = 0"),
        ({"x": 1.0, "h": -0.1}, r"h = -0.1"),
        ({"x": math.nan, "h": 0.5}, r"x must be a finite number"),
        ({"x": 1.0, "h": 0.5, "x_range": (2, -2)}, r"low < high"),
    ],
)
def test_bad_arguments_are_refused_with_the_value(arguments, message):
    with pytest.raises(ValueError, match=message):
        secant_figure(square, **arguments)


# ----- secant_explorer -----


def test_explorer_redraws_when_a_slider_moves():
    explorer = secant_explorer(square, x=1.0, h=0.5, dfdx=lambda x: 2 * x)
    assert slope(explorer.figure, "forward") == pytest.approx(2.5)
    first = bytes(explorer.picture.value)  # the Image widget keeps a memoryview
    assert first.startswith(b"\x89PNG")
    explorer.h.value = 0.1
    assert slope(explorer.figure, "forward") == pytest.approx(2.1)
    assert bytes(explorer.picture.value).startswith(b"\x89PNG") and bytes(explorer.picture.value) != first
    explorer.x.value = -1.0
    assert slope(explorer.figure, "forward") == pytest.approx(-1.9)
    assert slope(explorer.figure, "tangent") == pytest.approx(-2.0)
    explorer.central.value = True
    assert slope(explorer.figure, "central") == pytest.approx(-2.0)
    assert explorer.message.value == ""


def test_explorer_shows_the_error_where_f_is_undefined_then_recovers():
    explorer = secant_explorer(math.log, x=0.3, h=0.2, x_range=(0.1, 3))
    explorer.central.value = True  # log(0.3 - 0.2) is defined
    assert explorer.figure is not None
    explorer.h.value = 0.5  # log(0.3 - 0.5) is not
    assert explorer.figure is None and "ValueError" in explorer.message.value
    assert explorer.picture.value  # the last picture stays
    explorer.h.value = 0.1
    assert explorer.message.value == ""
    # log'(x) = 1/x: the central secant over [0.2, 0.4] has slope (log 0.4 - log 0.2) / 0.2
    assert slope(explorer.figure, "central") == pytest.approx(math.log(2) / 0.2)


def test_explorer_refuses_a_start_outside_its_sliders():
    with pytest.raises(ValueError, match=r"x = 5 is outside"):
        secant_explorer(square, x=5.0)
    with pytest.raises(ValueError, match=r"h = 3 is outside"):
        secant_explorer(square, h=3.0)


# ----- best_step and error_figure -----


def test_best_step_is_the_step_of_the_smallest_error():
    assert best_step([1.0, 0.1, 0.01], [0.5, 0.01, 0.2]) == (0.1, 0.01)
    assert best_step([1.0, 0.1], [0.0, 0.0]) == (1.0, 0.0)  # first on a tie
    with pytest.raises(ValueError, match="2 steps and 1 errors"):
        best_step([1.0, 0.1], [0.5])
    with pytest.raises(ValueError, match="0 steps"):
        best_step([], [])


def test_error_figure_draws_each_curve_and_stars_its_best_step():
    hs = [1.0, 0.1, 0.01, 0.001]
    figure = error_figure(hs, {"forward": [1.0, 0.1, 0.01, 0.5], "central": [0.5, 0.0, 0.3, 0.4]})
    assert list(line(figure, "forward").get_data()[1]) == [1.0, 0.1, 0.01, 0.5]
    assert list(line(figure, "best forward").get_data()[0]) == [0.01]
    assert list(line(figure, "central").get_data()[1]) == [0.5, 1e-17, 0.3, 0.4]  # 0 drawn at 1e-17
    assert list(line(figure, "best central").get_data()[0]) == [0.1]
    assert "best h for forward: 1e-02 (error 1e-02)" in legend_texts(figure)
    assert figure.axes[0].get_xscale() == figure.axes[0].get_yscale() == "log"
    assert list(line(figure, "guide ∝ h² (slope 2)").get_data()[1]) == pytest.approx([1.0, 1e-2, 1e-4, 1e-6])


def test_error_figure_refuses_no_curves_and_non_positive_steps():
    with pytest.raises(ValueError, match="at least one curve"):
        error_figure([1.0], {})
    with pytest.raises(ValueError, match=r"min\(hs\) = 0"):
        error_figure([1.0, 0], {"forward": [1.0, 1.0]})
