"""Every operation of ``Value``, one at a time, against values and derivatives worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from autograd import Value

LN2 = math.log(2.0)
E = math.e
NAN = math.nan
INF = math.inf

# (expression, function of the leaves, leaf values, result, d(result)/d(leaf) for each leaf)
OPS = [
    ("a + b", lambda a, b: a + b, (2.0, -3.0), -1.0, (1.0, 1.0)),
    ("a - b", lambda a, b: a - b, (2.0, -3.0), 5.0, (1.0, -1.0)),
    ("a * b", lambda a, b: a * b, (2.0, -3.0), -6.0, (-3.0, 2.0)),
    ("a / b", lambda a, b: a / b, (3.0, -2.0), -1.5, (-0.5, -0.75)),  # 1/b, -a/b**2
    ("a / tiny b", lambda a, b: a / b, (1.0, 1e-200), 1e200, (1e200, -INF)),  # -a/b**2 = -1e400
    ("x ** 2", lambda x: x**2, (3.0,), 9.0, (6.0,)),
    ("x ** 3", lambda x: x**3, (-2.0,), -8.0, (12.0,)),
    ("x ** -1", lambda x: x**-1, (4.0,), 0.25, (-1.0 / 16.0,)),
    ("x ** 0.5", lambda x: x**0.5, (4.0,), 2.0, (0.25,)),
    ("x ** 0", lambda x: x**0, (5.0,), 1.0, (0.0,)),
    ("x ** 1", lambda x: x**1, (5.0,), 5.0, (1.0,)),
    ("a ** p", lambda a, p: a**p, (2.0, 3.0), 8.0, (12.0, 8.0 * LN2)),  # p a**(p-1), a**p ln a
    ("a ** p, p = 0.5", lambda a, p: a**p, (4.0, 0.5), 2.0, (0.25, 2.0 * math.log(4.0))),
    ("a ** p, a < 0", lambda a, p: a**p, (-2.0, 3.0), -8.0, (12.0, NAN)),  # ln a undefined
    ("a ** p, a = 0 < p", lambda a, p: a**p, (0.0, 2.0), 0.0, (0.0, 0.0)),
    ("a ** p, a = p = 0", lambda a, p: a**p, (0.0, 0.0), 1.0, (0.0, NAN)),
    ("a ** p, a = 0, 0 < p < 1", lambda a, p: a**p, (0.0, 0.5), 0.0, (INF, 0.0)),
    ("x ** 0.5 at 0", lambda x: x**0.5, (0.0,), 0.0, (INF,)),  # sqrt has a vertical tangent at 0
    ("-x", lambda x: -x, (3.0,), -3.0, (-1.0,)),
    ("exp(0)", lambda x: x.exp(), (0.0,), 1.0, (1.0,)),
    ("exp(1)", lambda x: x.exp(), (1.0,), E, (E,)),
    ("exp(ln 2)", lambda x: x.exp(), (LN2,), 2.0, (2.0,)),
    ("log(e)", lambda x: x.log(), (E,), 1.0, (1.0 / E,)),
    ("log(2)", lambda x: x.log(), (2.0,), LN2, (0.5,)),
    ("tanh(0)", lambda x: x.tanh(), (0.0,), 0.0, (1.0,)),
    ("tanh(ln(3)/2)", lambda x: x.tanh(), (math.log(3.0) / 2.0,), 0.5, (0.75,)),  # (3-1)/(3+1)
    ("tanh(-ln(3)/2)", lambda x: x.tanh(), (-math.log(3.0) / 2.0,), -0.5, (0.75,)),
    ("sigmoid(0)", lambda x: x.sigmoid(), (0.0,), 0.5, (0.25,)),
    ("sigmoid(ln 3)", lambda x: x.sigmoid(), (math.log(3.0),), 0.75, (3.0 / 16.0,)),  # 3/(1+3)
    ("sigmoid(-ln 3)", lambda x: x.sigmoid(), (-math.log(3.0),), 0.25, (3.0 / 16.0,)),
    ("relu(2)", lambda x: x.relu(), (2.0,), 2.0, (1.0,)),
    ("relu(-2)", lambda x: x.relu(), (-2.0,), 0.0, (0.0,)),
    ("relu(0)", lambda x: x.relu(), (0.0,), 0.0, (0.0,)),  # the convention at the kink
    ("sum(a, b, c)", lambda a, b, c: Value.sum([a, b, c]), (1.0, -2.0, 4.0), 3.0, (1.0, 1.0, 1.0)),
    ("sum(a, 3)", lambda a: Value.sum([a, 3]), (1.5,), 4.5, (1.0,)),
    ("2 - x", lambda x: 2 - x, (5.0,), -3.0, (-1.0,)),
    ("2 / x", lambda x: 2 / x, (4.0,), 0.5, (-0.125,)),  # -2/x**2
    ("2 ** x", lambda x: 2**x, (3.0,), 8.0, (8.0 * LN2,)),  # 2**x ln 2
    ("2 * x", lambda x: 2 * x, (3.0,), 6.0, (2.0,)),
    ("2 + x", lambda x: 2 + x, (3.0,), 5.0, (1.0,)),
    ("x + float32(1)", lambda x: x + np.float32(1), (3.0,), 4.0, (1.0,)),
    ("float64(2) * x", lambda x: np.float64(2) * x, (3.0,), 6.0, (2.0,)),
    ("float64(2) - x", lambda x: np.float64(2) - x, (3.0,), -1.0, (-1.0,)),
    ("float64(2) / x", lambda x: np.float64(2) / x, (4.0,), 0.5, (-0.125,)),
    ("float64(2) ** x", lambda x: np.float64(2) ** x, (3.0,), 8.0, (8.0 * LN2,)),
    ("int64(2) + x", lambda x: np.int64(2) + x, (3.0,), 5.0, (1.0,)),
]


@pytest.mark.parametrize(("name", "f", "point", "value", "grads"), OPS, ids=[case[0] for case in OPS])
def test_value_and_gradient_by_hand(name, f, point, value, grads):
    leaves = [Value(x) for x in point]
    out = f(*leaves)
    out.backward()
    assert type(out.data) is float
    assert out.data == pytest.approx(value, rel=1e-12, abs=1e-15)
    assert [leaf.grad for leaf in leaves] == pytest.approx(grads, rel=1e-12, abs=1e-15, nan_ok=True)


# (expression, function of (a, b), expected op)
OP_NAMES = [
    ("a + b", lambda a, b: a + b, "+"),
    ("a - b", lambda a, b: a - b, "-"),
    ("a * b", lambda a, b: a * b, "*"),
    ("a / b", lambda a, b: a / b, "/"),
    ("a ** b", lambda a, b: a**b, "**"),
]


@pytest.mark.parametrize(("name", "f", "op"), OP_NAMES, ids=[case[0] for case in OP_NAMES])
def test_binary_ops_keep_operands_in_order(name, f, op):
    a, b = Value(2.0, "a"), Value(3.0, "b")
    ab, ba = f(a, b), f(b, a)
    assert (ab.op, ba.op) == (op, op)
    assert type(ab.parents) is tuple
    assert ab.parents[0] is a and ab.parents[1] is b
    assert ba.parents[0] is b and ba.parents[1] is a
    assert len(ab.local_grads) == 2


@pytest.mark.parametrize(
    ("f", "op"),
    [(lambda x: -x, "neg"), (lambda x: x.exp(), "exp"), (lambda x: x.log(), "log"),
     (lambda x: x.tanh(), "tanh"), (lambda x: x.sigmoid(), "sigmoid"), (lambda x: x.relu(), "relu"),
     (lambda x: x**2, "**2"), (lambda x: x**-1, "**-1"), (lambda x: x**0.5, "**0.5"),
     (lambda x: x**2.0, "**2"), (lambda x: x**1.5, "**1.5")],
    ids=["neg", "exp", "log", "tanh", "sigmoid", "relu", "**2", "**-1", "**0.5", "**2.0", "**1.5"],
)
def test_unary_ops_have_one_parent_and_their_name(f, op):
    x = Value(2.0, "x")
    out = f(x)
    assert out.op == op
    assert out.parents == (x,) and out.parents[0] is x
    assert len(out.local_grads) == 1
    assert out.label == "" and out.grad == 0.0


@pytest.mark.parametrize(
    ("f", "parents"),
    [(lambda x: 2 - x, (2.0, "x")), (lambda x: x - 2, ("x", 2.0)), (lambda x: 2 * x, (2.0, "x")),
     (lambda x: x * 2, ("x", 2.0)), (lambda x: 2 + x, (2.0, "x")), (lambda x: 2 / x, (2.0, "x")),
     (lambda x: 2**x, (2.0, "x")), (lambda x: np.float64(2) * x, (2.0, "x"))],
    ids=["2 - x", "x - 2", "2 * x", "x * 2", "2 + x", "2 / x", "2 ** x", "float64(2) * x"],
)
def test_numbers_become_constant_leaves_in_operand_order(f, parents):
    x = Value(5.0, "x")
    out = f(x)
    assert len(out.parents) == 2
    for parent, expected in zip(out.parents, parents):
        if expected == "x":
            assert parent is x
        else:
            assert type(parent) is Value and parent.data == expected
            assert (parent.op, parent.parents, parent.label) == ("", (), "")


def test_sum_is_one_node_with_every_term_as_parent():
    a, b, c = Value(1.0, "a"), Value(2.0, "b"), Value(3.0, "c")
    total = Value.sum([a, b, c])
    assert total.op == "+"
    assert total.parents == (a, b, c)
    assert total.local_grads == (1.0, 1.0, 1.0)
    assert Value.sum(iter([a])).parents == (a,)  # any iterable, even a single term


def test_sum_of_a_repeated_term_counts_it_each_time():
    a, b = Value(1.0), Value(2.0)
    total = Value.sum([a, b, a, a])
    total.backward()
    assert total.data == 5.0
    assert (a.grad, b.grad) == (3.0, 1.0)


def test_float_gives_the_data():
    assert float(Value(2.5)) == 2.5
    assert float(Value(3) * 2) == 6.0


def test_repr_shows_label_data_and_grad():
    x = Value(2.5, label="weight")
    (x * 4).backward()
    text = repr(x)
    assert "weight" in text and "2.5" in text and "4.0" in text
    assert text == "Value(data=2.5, grad=4.0, label='weight')"
    assert repr(Value(-1.0)) == "Value(data=-1.0, grad=0.0)"


def test_a_fresh_value_is_a_leaf():
    x = Value(1.0)
    assert (x.data, x.grad, x.label, x.op, x.parents, x.local_grads) == (1.0, 0.0, "", "", (), ())


@pytest.mark.parametrize(
    "data",
    [3, -7, 2.5, np.float64(1.25), np.float32(0.5), np.float16(-2.0), np.int64(4), np.int32(-3), np.uint8(9)],
    ids=lambda d: type(d).__name__,
)
def test_constructor_accepts_real_numbers(data):
    v = Value(data, label="v")
    assert type(v.data) is float
    assert v.data == float(data)


@pytest.mark.parametrize(
    ("data", "type_name"),
    [("1.0", "str"), ([1.0], "list"), (None, "NoneType"), (True, "bool"), (False, "bool"),
     (np.array([1.0]), "ndarray"), (np.array(1.0), "ndarray"), (1 + 2j, "complex"), (np.bool_(True), "bool")],
    ids=["str", "list", "None", "True", "False", "array", "0-d array", "complex", "numpy bool"],
)
def test_constructor_rejects_other_types_naming_them(data, type_name):
    with pytest.raises(TypeError, match=type_name):
        Value(data)


@pytest.mark.parametrize("data", [math.nan, math.inf, -math.inf, np.float64("nan"), np.float32("inf")])
def test_constructor_rejects_nan_and_inf(data):
    with pytest.raises(ValueError, match="finite") as info:
        Value(data)
    assert str(float(data)) in str(info.value)


def test_constructor_rejects_a_label_that_is_not_a_string():
    with pytest.raises(TypeError, match="int"):
        Value(1.0, label=3)
