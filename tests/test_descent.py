"""Gradient descent on Value-built losses: paths, regimes, divergence, figures and the explorers.

Oracles, all worked out by hand:
- L(w) = (w - 3)^2 has gradient 2 (w - 3), so one step maps w - 3 to (1 - 2 lr)(w - 3) and
  w(n) = 3 + (1 - 2 lr)^n (w(0) - 3);
- L(w) = k/2 (w - 1)^2: the factor is 1 - lr k, hence the regimes: lr < 1/k monotone (too small or
  good, depending on whether |1 - lr k|^n fell below 1%), 1/k < lr < 2/k oscillates, lr > 2/k diverges;
- L(w1, w2) = w1^2 + 10 w2^2: each weight on its own, factors 1 - 2 lr and 1 - 20 lr;
- momentum: v(n+1) = m v(n) + G(n), w(n+1) = w(n) - lr v(n+1), stepped by hand.
The widget tests set sliders from Python, then read the message, the figure's lines, and the PNG
the output widget holds.
"""

from __future__ import annotations

import base64
import math
import sys

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from autograd.engine.value import Value
from autograd.figures.descent import descent_figure, regimes_figure
from autograd.learning.descent import Regime, classify, descend, explain, reversals, verdict
from autograd.learning.divergence import Diverged
from autograd.widgets.descent import descent_1d, descent_2d


def L(w):
    return (w - 3) ** 2


def bowl(w1, w2):
    return w1**2 + 10 * w2**2


def quadratic(k: float):
    return lambda w: k / 2 * (w - 1) ** 2


def closed_form(lr: float, n: int, w0: float = 0.5) -> float:
    return 3 + (1 - 2 * lr) ** n * (w0 - 3)


def line(figure, gid: str, ax: int = 0):
    [found] = [artist for artist in figure.axes[ax].lines if artist.get_gid() == gid]
    return found


# ----- the path -----


def test_one_step_by_hand():
    path = descend(L, 5.0, lr=0.1, steps=1)
    # G = 2 (5 - 3) = 4, w = 5 - 0.1 * 4 = 4.6; L(4.6) = 1.6^2 = 2.56, G = 3.2
    assert path.weights == ((5.0,), (pytest.approx(4.6),))
    assert path.losses == (4.0, pytest.approx(2.56))
    assert path.gradients == ((4.0,), (pytest.approx(3.2),))
    assert (path.steps, path.stop, path.diverged, path.names) == (1, "", False, ("w",))


@pytest.mark.parametrize("lr", [0.0, 0.05, 0.3, 0.5, 0.8, 1.0, 1.1])
def test_path_follows_the_closed_form(lr):
    path = descend(L, 0.5, lr=lr, steps=12)
    assert path.steps == 12
    for n, ((w,), loss, (g,)) in enumerate(zip(path.weights, path.losses, path.gradients)):
        expected = closed_form(lr, n)
        assert w == pytest.approx(expected, abs=1e-12)
        assert loss == pytest.approx((expected - 3) ** 2, abs=1e-12)
        assert g == pytest.approx(2 * (expected - 3), abs=1e-12)


@pytest.mark.parametrize("lr", [0.01, 0.04, 0.09, 0.12])
def test_two_weights_move_independently_on_the_bowl(lr):
    path = descend(bowl, (-4.0, 1.5), lr=lr, steps=15)
    for n, (w1, w2) in enumerate(path.weights):
        assert w1 == pytest.approx((1 - 2 * lr) ** n * -4.0)
        assert w2 == pytest.approx((1 - 20 * lr) ** n * 1.5)
    assert path.column("w2") == tuple(w2 for _, w2 in path.weights)
    w1, w2 = path.weights[3]
    assert path.gradients[3] == (pytest.approx(2 * w1), pytest.approx(20 * w2))


def test_momentum_by_hand():
    path = descend(lambda w: w * w, 1.0, lr=0.1, steps=3, momentum=0.5)
    # G = 2w. v1 = 2, w1 = 0.8; v2 = 0.5*2 + 1.6 = 2.6, w2 = 0.54; v3 = 1.3 + 1.08 = 2.38, w3 = 0.302
    assert path.column("w") == pytest.approx((1.0, 0.8, 0.54, 0.302))
    assert path.momentum == 0.5


def test_the_path_prints_as_a_table():
    text = str(descend(L, 5.0, lr=0.1, steps=2))
    assert text.splitlines() == [  # w(2) = 4.6 - 0.1 * 3.2 = 4.28, L = 1.28^2 = 1.6384
        "step     w   loss  dL/dw",
        "   0     5      4      4",
        "   1   4.6   2.56    3.2",
        "   2  4.28  1.638   2.56",
    ]
    two = str(descend(bowl, (1.0, 1.0), lr=0.1, steps=1))
    assert two.splitlines()[0].split() == ["step", "w1", "w2", "loss", "dL/dw1", "dL/dw2"]
    assert two.splitlines()[2].split() == ["1", "0.8", "-1", "10.64", "1.6", "-20"]  # w2 = 1 - 0.1*20


# ----- the regime -----


@pytest.mark.parametrize(
    ("lr", "steps", "regime"),
    [
        (0.01, 10, Regime.TOO_SMALL),  # factor 0.98: 0.98^10 = 0.82 of the gradient left
        (0.05, 10, Regime.TOO_SMALL),  # 0.9^10 = 0.35
        (0.01, 400, Regime.GOOD),  # 0.98^400 = 3e-4: enough steps make a small lr good
        (0.3, 10, Regime.GOOD),  # 0.4^10 = 1e-4
        (0.5, 10, Regime.GOOD),  # factor 0: the minimum in one step
        (0.55, 10, Regime.TOO_LARGE),  # factor -0.1
        (0.8, 10, Regime.TOO_LARGE),  # factor -0.6
        (0.97, 10, Regime.TOO_LARGE),  # factor -0.94: still far after 10 steps, but converging
        (1.1, 10, Regime.FAR_TOO_LARGE),  # factor -1.2
        (10.0, 10, Regime.FAR_TOO_LARGE),  # factor -19: past the limit after a few steps
    ],
)
def test_regime_on_known_cases(lr, steps, regime):
    assert classify(descend(L, 0.5, lr=lr, steps=steps)) is regime


@given(
    k=st.sampled_from([0.5, 2.0, 8.0]),
    fraction=st.floats(0.01, 0.98) | st.floats(1.02, 1.98) | st.floats(2.02, 5.0),
)
def test_regime_agrees_with_the_thresholds_of_a_quadratic(k, fraction):
    steps = 40
    factor = 1 - fraction  # lr = fraction / k, so 1 - lr k = 1 - fraction
    assume(abs(abs(factor) ** steps - 0.01) > 1e-3)  # not on the edge between too small and good
    path = descend(quadratic(k), 3.5, lr=fraction / k, steps=steps)
    if fraction < 1:
        expected = Regime.GOOD if abs(factor) ** steps < 0.01 else Regime.TOO_SMALL
    elif fraction < 2:
        expected = Regime.TOO_LARGE
    else:
        expected = Regime.FAR_TOO_LARGE
    assert classify(path) is expected


def test_regime_is_read_from_the_path_on_a_loss_that_is_no_parabola():
    path = descend(lambda w: (w - 3).exp() - w + 2, 6.0, lr=0.5, steps=10)
    # The steep wall (slope e^3 - 1 = 19.09) throws w far to the left once, w1 = 6 - 0.5 * 19.09;
    # left of 3 the slope e^(w-3) - 1 lies in (-1, 0), so each later step moves right by < 0.5.
    w = path.column("w")
    assert w[1] == pytest.approx(6 - 0.5 * (math.e**3 - 1))
    assert all(0 < b - a < 0.5 for a, b in zip(w[1:], w[2:]))
    assert reversals(path)["w"] == (1, 9)  # one turn in 10 moves: no oscillation
    # w(10) < w(1) + 9 * 0.5 = 0.96, so |slope| > 1 - e^(0.96 - 3) = 0.87, above 1% of 19.09
    assert classify(path) is Regime.TOO_SMALL


def test_explanations_name_what_shows_the_regime():
    assert verdict(descend(L, 0.5, 0.05, 10)).startswith("too small (crawls): after 10 steps the slope")
    assert verdict(descend(L, 0.5, 0.3, 10)).startswith("good: no zigzag")
    osc = verdict(descend(L, 0.5, 0.8, 10))
    assert osc.startswith("too large (oscillates): every step overshoots")
    assert "(w changed direction 9 times in 10 moves)" in osc
    assert "it converges all the same" in osc
    assert "is still" in explain(descend(L, 0.5, 0.97, 10))  # 0.94^10 = 0.54: not settled yet
    assert "the loss grew from 6.25 to" in explain(descend(L, 0.5, 1.1, 10))
    assert "w2 changed direction" in explain(descend(bowl, (-4.0, 1.5), 0.09, 20))
    assert "w1 changed" not in explain(descend(bowl, (-4.0, 1.5), 0.09, 20))
    assert verdict(descend(L, 0.5, 0.3, 1)) == "too few steps to name a regime (1): take at least 2."
    with pytest.raises(ValueError, match="this path has 1"):
        classify(descend(L, 0.5, 0.3, 1))


# ----- divergence: the path stops, no exception -----


def test_a_weight_past_the_limit_ends_the_path():
    path = descend(L, 0.5, lr=10.0, steps=50)
    # factor 1 - 20 = -19: w(n) = 3 - 2.5 (-19)^n; w(4) = -325799.5, w(5) = 6190250.5 > 1e6
    assert path.steps == 4 and path.diverged
    assert path.weights[-1][0] == pytest.approx(3 - 2.5 * 19**4)
    assert path.stop == ("diverged at step 5 with lr = 10: w would become 6.19e+06, past the limit "
                         "|w| <= 1e+06; try a smaller learning rate")
    assert isinstance(path.error, Diverged) and (path.error.step, path.error.lr) == (5, 10.0)
    assert classify(path) is Regime.FAR_TOO_LARGE
    assert verdict(path) == f"far too large (diverges): {path.stop}."
    # factor 1 - 2000 = -1999: w(1) = 3 + 2.5 * 1999 = 5000.5, w(2) = 3 - 2.5 * 1999^2 = -9.99e6
    fast = descend(L, 0.5, lr=1000.0, steps=5)
    assert fast.column("w") == (0.5, pytest.approx(5000.5))
    assert fast.stop.startswith("diverged at step 2 with lr = 1000: w would become -9.99e+06, past the limit")


def test_an_overflow_ends_the_path():
    path = descend(L, 0.5, lr=10.0, steps=500, limit=math.inf)
    # (w - 3)^2 overflows once |w - 3| = 2.5 * 19^n passes sqrt(largest float)
    first_overflow = math.ceil(math.log(math.sqrt(sys.float_info.max) / 2.5) / math.log(19))
    assert path.steps == first_overflow - 1
    assert path.stop.startswith(f"diverged at step {first_overflow} with lr = 10: OverflowError: power")
    assert path.stop.endswith("; try a smaller learning rate")
    assert isinstance(path.error.__cause__, OverflowError)  # the engine's error, kept as the cause


def test_a_gradient_that_is_not_a_number_ends_the_path():
    path = descend(lambda w: (w * w) ** 0.5, 0.0, lr=0.1, steps=5)  # d sqrt(u)/du is infinite at u = 0
    assert path.steps == 0
    assert path.stop == "diverged at step 1 with lr = 0.1: w would become nan; try a smaller learning rate"
    assert classify(path) is Regime.FAR_TOO_LARGE


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: descend(lambda w: 3.0, 1.0, 0.1, 2), TypeError, "must return a Value"),
        (lambda: descend(L, (1.0, 2.0), 0.1, 2), ValueError, r"takes 1 weight\(s\) \(w\), got 2"),
        (lambda: descend(L, "1", 0.1, 2), TypeError, "start of 'w' must be a finite number"),
        (lambda: descend(L, 1.0, 0.1, -1), ValueError, "steps must be a whole number >= 0"),
        (lambda: descend(L, 1.0, 0.1, 2.5), ValueError, "steps must be a whole number"),
        (lambda: descend(L, 1.0, -0.1, 2), ValueError, "learning rate must be a finite number >= 0"),
        (lambda: descend(L, 1.0, 0.1, 2, limit=0), ValueError, "limit must be a positive number"),
        (lambda: descend(lambda *ws: ws[0], 1.0, 0.1, 2), TypeError, "plain parameters"),
        (lambda: descend(lambda: Value(1.0), (), 0.1, 2), TypeError, "takes no parameters"),
        (lambda: descend(lambda w: w.log(), -1.0, 0.1, 2), ValueError, "log needs a positive number"),
        (lambda: descend(L, 1.0, 0.1, 2).column("v"), KeyError, "no weight 'v'"),
    ],
)
def test_bad_input_is_named(call, error, message):
    with pytest.raises(error, match=message):
        call()


# ----- figures -----


def test_regimes_figure_titles_each_panel_with_its_regime():
    figure = regimes_figure(L, 0.5, [0.05, 0.3, 0.8, 1.1], 10, window=(-1, 7), minimum=3)
    titles = [ax.get_title() for ax in figure.axes]
    assert titles == [
        "too small (crawls)\nlr = 0.05",
        "good\nlr = 0.3",
        "too large (oscillates)\nlr = 0.8",
        "far too large (diverges)\nlr = 1.1",
    ]
    xs, ys = line(figure, "path", ax=2).get_data()
    assert list(xs) == pytest.approx([closed_form(0.8, n) for n in range(11)])
    assert list(ys) == pytest.approx([(closed_form(0.8, n) - 3) ** 2 for n in range(11)])
    low, high = figure.axes[3].get_xlim()  # the diverging path widens its view
    assert low < closed_form(1.1, 10) < -7 and high > 7
    odd = regimes_figure(L, 0.5, [0.1, 0.2, 0.3], 5, window=(-1, 7))
    assert [ax.get_visible() for ax in odd.axes] == [True, True, True, False]


def test_descent_figure_one_weight():
    path = descend(L, 0.5, 0.3, 6)
    figure = descent_figure(L, path, window=(-1, 7), minimum=3)
    assert figure._suptitle.get_text() == "lr = 0.3, 6 steps: good"
    assert line(figure, "minimum").get_xdata()[0] == 3
    expected = [closed_form(0.3, n) for n in range(7)]
    assert list(line(figure, "weight w", ax=1).get_ydata()) == pytest.approx(expected)
    assert figure.axes[0].get_xlim() == (-1, 7)
    curve_x, curve_y = line(figure, "curve").get_data()
    assert curve_y[0] == pytest.approx(16) and curve_y[-1] == pytest.approx(16)  # L(-1) = L(7) = 16
    blown = descent_figure(L, descend(L, 0.5, 1.5, 30), window=(-1, 7))
    assert blown.axes[1].get_yscale() == "symlog" and "log scale" in blown.axes[1].get_title()


def test_descent_figure_two_weights():
    path = descend(bowl, (-4.0, 1.5), 0.09, 20, momentum=0.5)
    figure = descent_figure(bowl, path, window=((-5, 5), (-2.5, 2.5)), minimum=(0, 0))
    assert [c.get_gid() for c in figure.axes[0].collections][:1] == ["contours"]
    xs, ys = line(figure, "path").get_data()
    assert list(xs) == list(path.column("w1")) and list(ys) == list(path.column("w2"))
    assert figure._suptitle.get_text().startswith("lr = 0.09, momentum = 0.5, 20 steps: ")
    assert line(figure, "minimum").get_xydata().tolist() == [[0, 0]]


# ----- the explorers, driven from Python -----


def picture(explorer) -> tuple[bytes, str]:
    """The PNG bytes and the alt text the explorer's output holds (exactly one display)."""
    [output] = explorer.output.outputs
    assert output["output_type"] == "display_data"
    png = base64.b64decode(output["data"]["image/png"])
    assert png.startswith(b"\x89PNG")
    return png, output["data"]["text/plain"]


def test_the_1d_explorer_names_each_regime_and_redraws():
    explorer = descent_1d(L, 0.5, lr=0.3, steps=10, window=(-1, 7), minimum=3)
    assert list(explorer.sliders) == ["lr", "steps", "w"]
    assert "<b>good</b>" in explorer.message.value
    pictures = [picture(explorer)]
    assert pictures[0][1].startswith("good: no zigzag")
    for lr, words in [(0.05, "too small (crawls)"), (0.8, "too large (oscillates)"), (1.1, "far too large")]:
        before = explorer.figure
        explorer.sliders["lr"].value = lr
        assert f"<b>{words}" in explorer.message.value
        assert explorer.figure is not before
        assert explorer.figure._suptitle.get_text().startswith(f"lr = {lr}, 10 steps: {words}")
        ys = line(explorer.figure, "weight w", ax=1).get_ydata()
        assert list(ys) == pytest.approx([closed_form(lr, n) for n in range(11)])
        pictures.append(picture(explorer))
        assert pictures[-1][1].startswith(words) and pictures[-1][0] != pictures[-2][0]
    explorer.sliders["lr"].value = 1.5
    explorer.sliders["steps"].value = 50
    # factor -2: |w - 3| = 2.5 * 2^n passes 1e6 at n = 19
    message = explorer.message.value
    assert "diverged at step 19 with lr = 1.5" in message and "#b00020" in message
    assert explorer.path.steps == 18 and "diverged at step 19 with lr = 1.5" in picture(explorer)[1]
    explorer.sliders["lr"].value = 0.3  # still working
    assert "<b>good</b>" in explorer.message.value and explorer.path.steps == 50
    explorer.sliders["w"].value = 6.0
    assert explorer.path.weights[0] == (6.0,) and explorer.path.weights[1][0] == pytest.approx(3 + 0.4 * 3)
    assert repr(explorer).startswith("DescentExplorer: good: no zigzag")
    assert explorer.snapshot().data == picture(explorer)[0]  # the still image is the picture shown


def test_the_2d_explorer_with_momentum():
    explorer = descent_2d(bowl, (-4.0, 1.5), window=((-5, 5), (-2.5, 2.5)), lr=0.04, steps=30,
                          minimum=(0, 0), lr_max=0.15)
    assert list(explorer.sliders) == ["lr", "steps", "w1", "w2", "momentum"]
    # |G| starts at |(2 * -4, 20 * 1.5)| = 31.05; after 30 steps G ~ (2 * -4 * 0.92^30, 0): 0.66, 2% > 1%
    assert "<b>too small (crawls)</b>" in explorer.message.value
    explorer.sliders["lr"].value = 0.09  # w2: factor 1 - 20 * 0.09 = -0.8
    assert "<b>too large (oscillates)</b>" in explorer.message.value
    assert "w2 changed direction" in explorer.message.value
    explorer.sliders["lr"].value = 0.12  # w2: factor 1 - 20 * 0.12 = -1.4
    assert "<b>far too large (diverges)</b>" in explorer.message.value
    explorer.sliders["lr"].value = 0.01
    without = picture(explorer)
    explorer.sliders["momentum"].value = 0.5
    # w1: G = 2 w1; v1 = -8, w1 = -4 + 0.08 = -3.92; v2 = -4 - 7.84 = -11.84, w1 = -3.92 + 0.1184 = -3.8016
    assert explorer.path.column("w1")[:3] == pytest.approx((-4.0, -3.92, -3.8016))
    assert "momentum = 0.5" in explorer.figure._suptitle.get_text()
    assert picture(explorer)[0] != without[0]


def test_an_error_is_shown_and_the_explorer_recovers():
    explorer = descent_1d(lambda w: w.log() * w, 2.0, lr=0.1, steps=5, window=(0.5, 4))
    before = picture(explorer)
    explorer.sliders["lr"].value = 1.5  # L = w log w from 2: the first step lands at 2 - 1.5 (log 2 + 1) < 0
    assert "ValueError: log needs a positive number" in explorer.message.value and explorer.path is None
    assert picture(explorer) == before  # the last picture stays
    explorer.sliders["steps"].value = 8
    explorer.sliders["lr"].value = 0.1
    assert "<b>" in explorer.message.value and explorer.path.steps == 8 and picture(explorer) != before


def test_no_snapshot_before_a_first_picture():
    explorer = descent_1d(lambda w: w.log(), -1.0, window=(-2, 2))  # the start is outside the domain of log
    assert "ValueError: log needs a positive number" in explorer.message.value
    with pytest.raises(ValueError, match="no picture yet"):
        explorer.snapshot()


def test_explorer_arguments_are_checked():
    with pytest.raises(ValueError, match="descent_1d: the loss must take one weight, it takes 2"):
        descent_1d(bowl, 1.0)
    with pytest.raises(ValueError, match="descent_2d: the loss must take two weights"):
        descent_2d(L, (1.0, 2.0), window=((0, 1), (0, 1)))
    with pytest.raises(ValueError, match="cannot be called lr"):
        descent_1d(lambda lr: lr * lr, 1.0)
    with pytest.raises(ValueError, match="needs 0 <= lr <= lr_max"):
        descent_1d(L, 1.0, lr=2.0, lr_max=1.5)
    with pytest.raises(ValueError, match="a window needs low < high"):
        descent_1d(L, 1.0, window=(3, 1))
    with pytest.raises(ValueError, match="momentum must be in"):
        descent_2d(bowl, (1.0, 1.0), window=((0, 1), (0, 1)), momentum=1.0)
