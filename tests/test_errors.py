"""Bad input: the right exception, with a message that names the operation and the offending value."""

from __future__ import annotations

import math

import numpy as np
import pytest

from autograd import Value

# (case, what raises, exception type, words the message must contain)
DOMAIN_ERRORS = [
    ("log(0)", lambda: Value(0.0).log(), ValueError, ["log", "0.0"]),
    ("log(-2)", lambda: Value(-2.0).log(), ValueError, ["log", "-2.0"]),
    ("0 ** -1", lambda: Value(0.0) ** -1, ZeroDivisionError, ["power", "0.0", "-1"]),
    ("0 ** Value(-1)", lambda: Value(0.0) ** Value(-1.0), ZeroDivisionError, ["power", "0.0", "-1"]),
    ("0 ** Value(-1), number base", lambda: 0 ** Value(-1.0), ZeroDivisionError, ["power", "0.0", "-1"]),
    ("(-8) ** 0.5", lambda: Value(-8.0) ** 0.5, ValueError, ["power", "-8.0", "0.5"]),
    ("(-8) ** Value(0.5)", lambda: Value(-8.0) ** Value(0.5), ValueError, ["power", "-8.0", "0.5"]),
    ("-8 ** Value(0.5), number base", lambda: (-8) ** Value(0.5), ValueError, ["power", "-8.0", "0.5"]),
    ("1 / 0", lambda: Value(1.0) / 0, ZeroDivisionError, ["division", "1.0", "0"]),
    ("x / Value(0)", lambda: Value(3.0) / Value(0.0), ZeroDivisionError, ["division", "3.0", "0.0"]),
    ("1 / Value(0)", lambda: 1 / Value(0.0), ZeroDivisionError, ["division", "1.0", "0.0"]),
    ("x / Value(-0.0)", lambda: Value(3.0) / Value(-0.0), ZeroDivisionError, ["division", "3.0", "0.0"]),
    ("exp(1000)", lambda: Value(1000.0).exp(), OverflowError, ["exp", "1000"]),
    ("10 ** 400", lambda: Value(10.0) ** 400, OverflowError, ["power", "10.0", "400"]),
    ("10 ** Value(400)", lambda: Value(10.0) ** Value(400.0), OverflowError, ["power", "10.0", "400"]),
    ("x ** nan", lambda: Value(2.0) ** math.nan, ValueError, ["power", "nan"]),
    ("x + nan", lambda: Value(2.0) + math.nan, ValueError, ["nan"]),
    ("x * inf", lambda: Value(2.0) * math.inf, ValueError, ["inf"]),
]


@pytest.mark.parametrize(("case", "fails", "error", "words"), DOMAIN_ERRORS,
                         ids=[c[0] for c in DOMAIN_ERRORS])
def test_domain_errors_name_the_operation_and_the_value(case, fails, error, words):
    with pytest.raises(error) as info:
        fails()
    message = str(info.value)
    for word in words:
        assert word in message, f"{word!r} missing from {message!r}"


def test_exp_just_below_the_overflow_is_finite():
    assert math.isfinite(Value(709.0).exp().data)


@pytest.mark.parametrize(
    ("f", "x", "value"),
    [(Value.tanh, 1000.0, 1.0), (Value.tanh, -1000.0, -1.0),
     (Value.sigmoid, -1000.0, 0.0), (Value.sigmoid, 1000.0, 1.0),
     (Value.sigmoid, -745.5, 0.0), (Value.sigmoid, 800.0, 1.0)],
    ids=["tanh(1000)", "tanh(-1000)", "sigmoid(-1000)", "sigmoid(1000)", "sigmoid(-745.5)", "sigmoid(800)"],
)
def test_saturating_functions_do_not_overflow(f, x, value):
    v = Value(x)
    out = f(v)
    out.backward()
    assert out.data == value
    assert math.isfinite(v.grad)
    assert v.grad == pytest.approx(0.0, abs=1e-300)  # the curve is flat out there


@pytest.mark.parametrize(
    "fails",
    [lambda x: x + "a", lambda x: "a" + x, lambda x: x - "a", lambda x: "a" - x, lambda x: x * "a",
     lambda x: "a" * x, lambda x: x / "a", lambda x: "a" / x, lambda x: x ** "a", lambda x: "a" ** x,
     lambda x: x + None, lambda x: x * [1.0], lambda x: x + True, lambda x: x ** True,
     lambda x: x + 1j, lambda x: x * np.array([1.0, 2.0]), lambda x: np.array([1.0, 2.0]) * x],
    ids=["x + 'a'", "'a' + x", "x - 'a'", "'a' - x", "x * 'a'", "'a' * x", "x / 'a'", "'a' / x",
         "x ** 'a'", "'a' ** x", "x + None", "x * [1.0]", "x + True", "x ** True", "x + 1j",
         "x * array", "array * x"],
)
def test_unsupported_operands_raise_type_error(fails):
    with pytest.raises(TypeError):
        fails(Value(2.0))


def test_unsupported_operand_message_names_the_types():
    with pytest.raises(TypeError, match="Value") as info:
        Value(1.0) + "a"
    assert "str" in str(info.value)


@pytest.mark.parametrize(
    ("terms", "error", "word"),
    [([], ValueError, "none"), ([Value(1.0), "a"], TypeError, "str"),
     ([Value(1.0), None], TypeError, "NoneType")],
    ids=["empty", "str term", "None term"],
)
def test_sum_rejects_bad_terms(terms, error, word):
    with pytest.raises(error, match="Value.sum") as info:
        Value.sum(terms)
    assert word in str(info.value)


@pytest.mark.parametrize(
    ("fails", "symbol"),
    [
        (lambda: Value(1e200) * Value(1e200), "*"),
        (lambda: Value(1e308) + 1e308, "+"),
        (lambda: Value(-1e308) - 1e308, "-"),
        (lambda: Value(1e200) / 1e-200, "/"),
        (lambda: Value.sum([Value(1e308), Value(1e308)]), "Value.sum"),
    ],
)
def test_arithmetic_that_overflows_raises_instead_of_giving_inf(fails, symbol):
    with pytest.raises(OverflowError, match="overflows") as info:
        fails()
    assert symbol in str(info.value)


def test_unary_plus_is_the_value_itself():
    x = Value(2.0)
    assert +x is x
