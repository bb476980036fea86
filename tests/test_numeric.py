"""Finite differences and gradcheck: their errors behave as the Taylor series says, and
gradcheck tells a right gradient from a wrong one."""

from __future__ import annotations

import math

import pytest

from autograd import Value, central_difference, gradcheck, numeric_gradient
from autograd.engine.numeric import (
    GradcheckReport,
    GradientComparison,
    backward_difference,
    forward_difference,
)

# f(x + h) = f + h f' + h**2/2 f'' + h**3/6 f''' + ..., so at x = 1 for f = exp (f' = f'' = f''' = e):
#   forward  error ~ +h e / 2,   backward error ~ -h e / 2,   central error ~ h**2 e / 6


@pytest.mark.parametrize(
    ("difference", "leading_error"),
    [(forward_difference, lambda h: h * math.e / 2), (backward_difference, lambda h: -h * math.e / 2),
     (central_difference, lambda h: h * h * math.e / 6)],
    ids=["forward", "backward", "central"],
)
@pytest.mark.parametrize("h", [1e-2, 1e-3])
def test_the_error_is_the_first_taylor_term(difference, leading_error, h):
    error = difference(math.exp, 1.0, h) - math.e
    assert error == pytest.approx(leading_error(h), rel=0.02)


@pytest.mark.parametrize(
    ("difference", "ratio"),
    [(forward_difference, 2.0), (backward_difference, 2.0), (central_difference, 4.0)],
    ids=["forward", "backward", "central"],
)
@pytest.mark.parametrize(("f", "df", "x"), [(math.sin, math.cos, 1.0), (math.exp, math.exp, 0.5)],
                         ids=["sin", "exp"])
def test_halving_h_halves_or_quarters_the_error(difference, ratio, f, df, x):
    errors = [abs(difference(f, x, h) - df(x)) for h in (1e-2, 5e-3)]
    assert errors[0] / errors[1] == pytest.approx(ratio, rel=0.05)


def test_central_difference_is_exact_for_a_parabola():
    def parabola(x: float) -> float:
        return 3 * x * x - 2 * x + 1  # f'(2) = 10

    assert central_difference(parabola, 2.0, 0.5) == 10.0
    assert forward_difference(parabola, 2.0, 0.5) == 11.5  # 10 + 3 * 0.5: the h f''/2 term
    assert backward_difference(parabola, 2.0, 0.5) == 8.5


@pytest.mark.parametrize("h", [0, 0.0, -1e-3, math.nan, math.inf, "0.1", None])
@pytest.mark.parametrize("difference", [forward_difference, backward_difference, central_difference])
def test_a_bad_step_is_refused_naming_h(difference, h):
    with pytest.raises(ValueError, match="h = ") as info:
        difference(math.sin, 1.0, h)
    assert repr(h) in str(info.value)


def test_numeric_gradient_and_gradcheck_refuse_a_bad_step():
    with pytest.raises(ValueError, match="h = -1"):
        numeric_gradient(lambda a: a * a, {"a": 1.0}, h=-1)
    with pytest.raises(ValueError, match="h = 0"):
        gradcheck(lambda a: a * a, {"a": 1.0}, h=0)


def test_numeric_gradient_of_a_product():
    grad = numeric_gradient(lambda a, b: a * b, {"a": 2.0, "b": -3.0})
    assert list(grad) == ["a", "b"]
    assert grad["a"] == pytest.approx(-3.0, abs=1e-9)
    assert grad["b"] == pytest.approx(2.0, abs=1e-9)


def _loss(a: Value, b: Value, c: Value) -> Value:
    return (a * b + c).tanh() * a


def test_gradcheck_passes_on_a_correct_gradient():
    point = {"a": 0.5, "b": -1.2, "c": 0.3}
    report = gradcheck(_loss, point)
    assert report.ok
    assert report.worst_abs_error < 1e-8
    t = math.tanh(0.5 * -1.2 + 0.3)  # d/da (tanh(ab + c) a) = (1 - t**2) b a + t
    row = {r.name: r for r in report.rows}
    assert row["a"].autograd == pytest.approx((1 - t * t) * -1.2 * 0.5 + t, rel=1e-12)
    text = str(report)
    assert all(name in text for name in point)
    assert "gradcheck ok" in text and "FAILED" not in text and "too far" not in text


def _product_with_a_wrong_derivative(a: Value, b: Value) -> Value:
    """a * b whose recorded d/da is 2b instead of b: the bug gradcheck exists to catch."""
    out = a * b
    out.local_grads = (2.0 * b.data, a.data)
    return out


def test_gradcheck_reports_a_wrong_gradient():
    report = gradcheck(_product_with_a_wrong_derivative, {"a": 2.0, "b": -3.0})
    assert not report.ok
    row = {r.name: r for r in report.rows}
    assert row["a"].autograd == -6.0 and row["a"].numeric == pytest.approx(-3.0, abs=1e-8)
    assert not report.passes(row["a"]) and report.passes(row["b"])
    assert report.worst_abs_error == pytest.approx(3.0, abs=1e-8)
    assert report.worst_rel_error == pytest.approx(0.5, abs=1e-8)
    lines = str(report).splitlines()
    assert "FAILED" in lines[-1]
    assert [line.split()[0] for line in lines if "too far" in line] == ["a"]
    assert any(line.split()[0] == "b" for line in lines)


def test_gradient_comparison_errors():
    row = GradientComparison("x", autograd=2.0, numeric=1.0)
    assert (row.abs_error, row.rel_error) == (1.0, 0.5)
    assert GradientComparison("x", 0.0, 0.0).rel_error == 0.0


def test_gradcheck_tolerance_is_atol_plus_rtol_times_numeric():
    rows = (GradientComparison("x", 1.0 + 5e-7, 1.0), GradientComparison("y", 100.002, 100.0))
    report = GradcheckReport(rows, atol=1e-6, rtol=1e-5)  # y may be off by 1e-6 + 1e-3 at most
    assert report.passes(rows[0]) and not report.passes(rows[1]) and not report.ok
    assert GradcheckReport(rows, atol=1e-6, rtol=1e-4).ok


def test_a_numpy_step_is_accepted_and_a_bool_is_not():
    import numpy as np

    assert central_difference(lambda x: x * x, 3.0, np.float32(1e-3)) == pytest.approx(6.0, rel=1e-6)
    with pytest.raises(ValueError, match="h = True"):
        central_difference(lambda x: x * x, 3.0, True)
