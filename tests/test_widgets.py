"""autograd.widgets driven from Python: set a slider, read the picture and the message.

Oracle: values and gradients worked out by hand for each formula, written as the
pictures write numbers (``viz.format_number``). Setting a slider runs the callback
inside the assignment, so any exception in it would fail the test that set it.
"""

from __future__ import annotations

import html
import math
import re

import pytest

from autograd.engine.expression import ExpressionError
from autograd.engine.graph import topological_order
from autograd.engine.value import Value
from autograd.viz import format_number
from autograd.widgets import explore, step_through

SEED = {"a": 2, "b": -3, "c": 10, "f": -2}


def boxes(svg: str) -> dict[str, tuple[str, str | None]]:
    """name -> (data, grad) of every value box in a picture; grad None when not drawn."""
    texts = [html.unescape(t).strip() for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    texts = [t for t in texts if t]
    found = {}
    for i, text in enumerate(texts):
        if text == "data":
            grad = texts[i + 3] if i + 3 < len(texts) and texts[i + 2] == "grad" else None
            found[texts[i - 1]] = (texts[i + 1], grad)
    return found


def expected(**cells: tuple[float, float | None]) -> dict[str, tuple[str, str | None]]:
    """The boxes a picture should hold, from numbers worked out by hand."""
    return {
        name: (format_number(data), None if grad is None else format_number(grad))
        for name, (data, grad) in cells.items()
    }


def grads_by_label(root: Value) -> dict[str, float]:
    return {node.label: node.grad for node in topological_order(root) if node.label}


# ----- explore -----


def test_seed_example_picture_follows_the_sliders():
    explorer = explore("(a*b + c)*f", **SEED)
    assert list(explorer.sliders) == ["a", "b", "c", "f"]
    assert explorer.values() == SEED
    # e = a*b = -6, d = e + c = 4, L = d*f = -8; dL/da = f*b, dL/db = f*a, dL/dc = f, dL/df = d
    assert boxes(explorer.picture.value) == expected(
        a=(2, 6), b=(-3, -4), n1=(-6, -2), c=(10, -2), n2=(4, -2), f=(-2, 4), L=(-8, 1)
    )
    explorer.sliders["a"].value = 0.5
    assert explorer.root.data == -17.0 and explorer.message.value == ""
    assert boxes(explorer.picture.value) == expected(
        a=(0.5, 6), b=(-3, -1), n1=(-1.5, -2), c=(10, -2), n2=(8.5, -2), f=(-2, 8.5), L=(-17, 1)
    )


def test_gradients_can_be_hidden_and_shown_again():
    explorer = explore("(a*b + c)*f", **SEED)
    explorer.show_grads.value = False
    assert boxes(explorer.picture.value)["a"] == (format_number(2), None)
    explorer.sliders["b"].value = 1.25
    assert boxes(explorer.picture.value)["b"] == (format_number(1.25), None)
    explorer.show_grads.value = True
    assert boxes(explorer.picture.value)["b"] == (format_number(1.25), format_number(-4))  # f*a


def test_an_explorer_can_start_with_values_only():
    explorer = explore("(a*b + c)*f", show_grads=False, **SEED)
    assert explorer.show_grads.value is False
    assert boxes(explorer.picture.value)["L"] == (format_number(-8), None)
    explorer.show_grads.value = True
    assert boxes(explorer.picture.value)["a"] == (format_number(2), format_number(6))  # f*b
    with pytest.raises(TypeError, match="show_grads must be True or False, got 'no'"):
        explore("a*b", show_grads="no")


def test_out_of_domain_shows_a_message_then_recovers():
    explorer = explore("log(a - b)", a=2, b=1)
    before = explorer.picture.value
    assert boxes(before)["a"] == (format_number(2), format_number(1))  # d log(a-b)/da = 1/(a-b)
    explorer.sliders["b"].value = 3
    assert "ValueError: log needs a positive number, got log(-1.0)" in explorer.message.value
    assert explorer.root is None
    assert "opacity" in explorer.picture.value and boxes(explorer.picture.value) == boxes(before)
    assert "greyed" in explorer.message.value
    explorer.show_grads.value = False  # still usable while out of the domain
    assert explorer.message.value
    explorer.sliders["b"].value = 0.5
    assert explorer.message.value == "" and "opacity" not in explorer.picture.value
    assert explorer.root.data == pytest.approx(math.log(1.5))
    assert boxes(explorer.picture.value)["L"] == (format_number(math.log(1.5)), None)
    explorer.show_grads.value = True
    assert boxes(explorer.picture.value)["b"] == (format_number(0.5), format_number(-1 / 1.5))


def test_out_of_domain_from_the_start():
    explorer = explore("log(a)", a=-1)
    assert "log needs a positive number" in explorer.message.value
    assert explorer.picture.value == "" and explorer.root is None
    assert "greyed" not in explorer.message.value  # no earlier picture to keep
    explorer.sliders["a"].value = 4
    assert boxes(explorer.picture.value)["a"] == (format_number(4), format_number(0.25))


def test_slider_extremes_never_break_the_explorer():
    explorer = explore("log(a) * exp(exp(b)) / c", a=1, b={"value": 0, "min": -10, "max": 10}, c=1)
    for name, slider in explorer.sliders.items():
        for value in (slider.min, slider.max, 0.0, slider.min, 1.0):
            slider.value = value
            if explorer.message.value:
                assert explorer.root is None
            else:
                assert boxes(explorer.picture.value)[name][0] == format_number(value)
    explorer.sliders["b"].value = 10  # exp(exp(10)) = exp(22026): larger than the largest float
    assert "OverflowError: exp overflows" in explorer.message.value
    explorer.sliders["b"].value = 0
    explorer.sliders["c"].value = 0
    assert "ZeroDivisionError" in explorer.message.value
    explorer.sliders["c"].value = 2
    explorer.sliders["a"].value = math.e
    assert explorer.root.data == pytest.approx(math.e / 2)  # log(e) * exp(exp(0)) / 2


def test_a_function_of_values_gets_its_parameters_as_sliders():
    explorer = explore(lambda a, b=0.5: (a * b).tanh(), a=1.5)
    assert explorer.values() == {"a": 1.5, "b": 0.5}
    t = math.tanh(0.75)
    assert explorer.root.data == pytest.approx(t)
    grads = grads_by_label(explorer.root)
    assert grads["a"] == pytest.approx(0.5 * (1 - t * t)) and grads["b"] == pytest.approx(1.5 * (1 - t * t))


def test_a_weight_shared_with_the_notebook_does_not_accumulate_gradients():
    w = Value(2.0, label="w")
    explorer = explore(lambda x: w * x, x=3)
    explorer.sliders["x"].value = 4
    assert w.grad == 4.0  # d(w*x)/dw = x, not 3 + 4
    assert boxes(explorer.picture.value)["w"] == (format_number(2), format_number(4))


def test_errors_raised_by_a_function_are_shown_escaped_and_recovered_from():
    def f(a: Value) -> Value:
        if a.data < 0:
            raise TypeError("<negative> input")
        return a * a

    explorer = explore(f, a=1)
    explorer.sliders["a"].value = -1
    assert "TypeError: &lt;negative&gt; input" in explorer.message.value
    explorer.sliders["a"].value = 3
    assert explorer.message.value == "" and explorer.root.data == 9.0


def test_a_function_must_return_a_value():
    explorer = explore(lambda a: 3.0, a=1)
    assert "must return a Value, got float" in explorer.message.value


def test_slider_specs():
    explorer = explore(
        "a + b + c + d + e", a=12.3, b=(-3, 3), c=(0, 1, 0.001), d={"value": 0.25, "min": 0, "max": 0.5}
    )
    s = explorer.sliders
    assert (s["a"].min, s["a"].max, s["a"].value, s["a"].step) == (-5, 13, 12.3, 0.01)
    assert (s["b"].min, s["b"].max, s["b"].value) == (-3, 3, 0)
    assert (s["c"].value, s["c"].step, s["c"].readout_format) == (0.5, 0.001, ".3f")
    assert (s["d"].min, s["d"].max, s["d"].value) == (0, 0.5, 0.25)
    assert (s["e"].min, s["e"].max, s["e"].value) == (-5, 5, 1.0)  # no spec: the default
    assert explorer.root.data == pytest.approx(12.3 + 0 + 0.5 + 0.25 + 1)


@pytest.mark.parametrize(
    ("target", "specs", "error", "message"),
    [
        ("a*b", {"a": "big"}, TypeError, "value of 'a' must be a finite number"),
        ("a*b", {"a": True}, TypeError, "value of 'a' must be a finite number"),
        ("a*b", {"b": (3, -3)}, ValueError, "slider of 'b' needs min < max"),
        ("a*b", {"a": {"value": 9, "max": 5}}, ValueError, "min <= value <= max"),
        ("a*b", {"a": {"colour": 1}}, TypeError, r"unknown keys \['colour'\]"),
        ("a*b", {"z": 1, "y": 2}, TypeError, r"no input called y, z \(the inputs are a, b\)"),
        ("a.b", {}, ExpressionError, "attribute access"),
        (42, {}, TypeError, "expected a formula"),
        (lambda *xs: xs[0], {}, TypeError, "variadic positional parameter"),
    ],
)
def test_bad_explorer_arguments(target, specs, error, message):
    with pytest.raises(error, match=message):
        explore(target, **specs)


# ----- step_through -----


def test_step_through_shows_each_frame_and_its_explanation():
    stepper = step_through("(a*b + c)*f", **SEED)
    assert len(stepper.frames) == 5  # forward pass, dL/dL = 1, then the nodes L, n2, n1
    assert stepper.slider.max == stepper.play.max == 4
    assert (stepper.link.source, stepper.link.target) == ((stepper.play, "value"), (stepper.slider, "value"))
    unknown = "?"
    pictures = {}
    for k in (4, 0, 2, 3, 1):
        stepper.slider.value = k
        assert html.escape(stepper.frames[k].explanation) in stepper.explanation.value
        assert f"step {k} of 4" in stepper.explanation.value
        pictures[k] = {name: grad for name, (_, grad) in boxes(stepper.picture.value).items()}
    # What is known after each step, by hand (the author's notes, steps 1 to 4).
    assert set(pictures[0].values()) == {unknown}
    assert pictures[1]["L"] == "1" and pictures[1]["n2"] == unknown
    assert (pictures[2]["n2"], pictures[2]["f"], pictures[2]["n1"]) == ("-2", "4", unknown)
    assert (pictures[3]["n1"], pictures[3]["c"], pictures[3]["a"]) == ("-2", "-2", unknown)
    assert (pictures[4]["a"], pictures[4]["b"]) == ("6", "-4")
    stepper.slider.value = 3
    assert "dL/dc" in stepper.explanation.value and "= -2" in stepper.explanation.value
    stepper.slider.value = 4
    assert "dL/da" in stepper.explanation.value and "= 6" in stepper.explanation.value
    stepper.slider.value = 99  # beyond the last frame: the slider stops at it
    assert stepper.slider.value == 4


def test_step_through_takes_a_value_too():
    x = Value(3.0, label="x")
    stepper = step_through(x * x)
    stepper.slider.value = stepper.slider.max
    assert stepper.root.parents == (x, x)
    assert "dx" in stepper.explanation.value
    with pytest.raises(TypeError, match="go with a formula's text only"):
        step_through(x * x, a=1)
    with pytest.raises(TypeError, match="expected a Value, a Tensor or a formula"):
        step_through(3.0)
    with pytest.raises(ExpressionError, match="missing values for b"):
        step_through("a*b", a=1)
