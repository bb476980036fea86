"""The op table: every entry's local derivatives against finite differences and sympy, and its readers.

Each entry is checked on its own: its numeric local derivatives by central differences of its own
forward rule (the course's oracle, ``autograd.engine.numeric``), its derivative formulas by sympy, and its
Value, Tensor, formula-parser and picture forms. A new entry needs one line in ``DOMAINS`` and
``SYMPY``, and these tests cover it.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from autograd import Value, central_difference, expression, topological_order
from autograd.engine.expression import ExpressionError, allowed
from autograd.engine.ops import FUNCTIONS, OPS, lookup
from autograd.engine.tensor import Tensor
from autograd.viz import backward_steps
from autograd.viz.text import derivative_text, formula, op_symbol

# op name -> the interval each operand is drawn from (inside the domain, away from kinks)
DOMAINS: dict[str, tuple[tuple[float, float], ...]] = {
    "+": ((-5, 5), (-5, 5)),
    "-": ((-5, 5), (-5, 5)),
    "*": ((-5, 5), (-5, 5)),
    "/": ((-5, 5), (0.5, 5)),
    "neg": ((-5, 5),),
    "**": ((0.5, 3), (-2, 2)),
    "**p": ((0.5, 3), (-2, 3)),  # the second interval is the number exponent p
    "exp": ((-5, 5),),
    "log": ((0.1, 5),),
    "tanh": ((-3, 3),),
    "sigmoid": ((-5, 5),),
    "relu": ((0.1, 5),),  # and (-5, -0.1): see test_kinks_take_the_subgradient_their_entry_states
    "abs": ((0.1, 5),),
    "sin": ((-5, 5),),
    "cos": ((-5, 5),),
}
a, b, p = sympy.symbols("a b p", real=True)
# op name -> the forward rule written in sympy, the oracle for the derivative formulas
SYMPY: dict[str, sympy.Expr | None] = {
    "+": a + b,
    "-": a - b,
    "*": a * b,
    "/": a / b,
    "neg": -a,
    "**": a**b,
    "**p": a**p,
    "exp": sympy.exp(a),
    "log": sympy.log(a),
    "tanh": sympy.tanh(a),
    "sigmoid": 1 / (1 + sympy.exp(-a)),
    "relu": None,  # written as its number: 1 or 0
    "abs": sympy.Abs(a),
    "sin": sympy.sin(a),
    "cos": sympy.cos(a),
}


def test_every_entry_is_tested():
    assert set(DOMAINS) == set(OPS) == set(SYMPY)


@pytest.mark.parametrize("name", sorted(OPS))
@given(data=st.data())
def test_local_derivatives_are_slopes_of_the_forward_rule(name, data):
    """d(out)/d(operand i) of the table = central difference of its own forward rule along operand i."""
    op = OPS[name]
    xs = [data.draw(st.floats(lo, hi)) for lo, hi in DOMAINS[name]]
    out, local = op.scalar(*xs)
    operands = 1 if name == "**p" else len(xs)  # the exponent of **p is a constant, not an operand
    assert len(local) == operands
    for i in range(operands):
        def along_i(t: float, i: int = i) -> float:
            return op.scalar(*xs[:i], t, *xs[i + 1:])[0]
        slope = central_difference(along_i, xs[i], 1e-6)
        assert local[i] == pytest.approx(slope, rel=1e-5, abs=1e-6), (name, xs)


def written(text: str) -> sympy.Expr:
    """A derivative as the stepper writes it, read back by sympy ("1 − y^2" -> 1 - y**2)."""
    text = text.replace("×", "*").replace("÷", "/").replace("−", "-").replace("^", "**")
    return sympy.sympify(text, locals={"a": a, "b": b, "y": sympy.Symbol("y"), "sign": sympy.sign})


@pytest.mark.parametrize("name", sorted(name for name in OPS if SYMPY[name] is not None))  # relu: a number
@pytest.mark.parametrize("exponent", [3.0, 2.0, 0.5, -1.0])
def test_derivative_formulas_are_the_derivatives_sympy_finds(name, exponent):
    """The formula the stepper prints for each operand, with y the node, is sympy's derivative."""
    forward = SYMPY[name].subs(p, sympy.Rational(exponent))
    x, w = Value(1.5, "a"), Value(0.5, "b")
    node = {"**p": x**exponent, "neg": -x, "+": x + w, "-": x - w, "*": x * w, "/": x / w, "**": x**w}.get(
        name
    ) or getattr(Value, OPS[name].method)(x)
    node.label = "y"
    names = {x: "a", w: "b", node: "y"}
    for index, symbol in enumerate((a, b)[: len(node.parents)]):
        text = written(derivative_text(node, index, names)).subs(sympy.Symbol("y"), forward)
        assert sympy.simplify(text - sympy.diff(forward, symbol)) == 0, (name, index, text)


def test_kinks_take_the_subgradient_their_entry_states():
    """relu and abs at 0: derivative 0 (a subgradient); on each side, the slope of that side."""
    assert OPS["abs"].scalar(0.0) == (0.0, (0.0,))
    assert OPS["abs"].scalar(-2.0) == (2.0, (-1.0,))
    assert OPS["relu"].scalar(0.0) == (0.0, (0.0,))
    assert OPS["relu"].scalar(-2.0) == (0.0, (0.0,))
    assert "subgradient" in OPS["abs"].doc and "0 at a = 0" in OPS["abs"].doc


@pytest.mark.parametrize("op", FUNCTIONS, ids=lambda op: op.name)
def test_value_and_tensor_compute_functions_alike(op):
    xs = [-1.5, -0.25, 0.5, 2.0] if op.name != "log" else [0.25, 0.5, 1.5, 3.0]
    t = getattr(Tensor(xs, label="t"), op.method)()
    t.sum().backward()
    values = [getattr(Value(x), op.method)() for x in xs]
    assert t.op == op.name and all(v.op == op.name for v in values)
    assert t.data.tolist() == pytest.approx([v.data for v in values], rel=1e-15)  # numpy and math: 1 ulp
    assert t.parents[0].grad.tolist() == pytest.approx([v.local_grads[0] for v in values], rel=1e-15)
    assert getattr(Value, op.method).__doc__ == op.doc == getattr(Tensor, op.method).__doc__


def test_abs_sin_cos_are_value_methods_with_finite_difference_gradients():
    x = Value(0.8, "x")
    y = abs(x.sin() - x.cos()) * x.abs()
    y.backward()

    def f(t: float) -> float:
        return abs(math.sin(t) - math.cos(t)) * abs(t)

    assert y.data == f(0.8)
    assert x.grad == pytest.approx(central_difference(f, 0.8), rel=1e-7)
    assert [node.op for node in (x.sin(), x.cos(), abs(x), -x)] == ["sin", "cos", "abs", "neg"]


def test_functions_of_the_table_can_be_typed_and_the_message_lists_them():
    L = expression("sin(x) * cos(y) + abs(x - y)", x=1.0, y=2.0)
    assert L.data == math.sin(1.0) * math.cos(2.0) + abs(1.0 - 2.0)
    assert ", ".join(op.method for op in FUNCTIONS) in allowed()
    only = "only exp, log, tanh, sigmoid, relu, abs, sin, cos can be called"
    with pytest.raises(ExpressionError, match=only):
        expression("sqrt(x)", x=1.0)


def test_pictures_and_stepper_read_the_table():
    x = Value(0.5, "x")
    y = x.sin().abs()
    names = {x: "x", y.parents[0]: "s", y: "y"}
    assert formula(y.parents[0], names) == "sin(x)" and formula(y, names) == "abs(s)"
    assert [op_symbol(op) for op in ("*", "**2", "**-1", "neg", "sigmoid", "sin", "sum")] == [
        "×", "^2", "^-1", "−", "σ", "sin", "sum"
    ]
    assert lookup("**0.5") == (OPS["**p"], "0.5") and lookup("@") == (None, "")
    y.label = "y"
    steps = backward_steps(y)
    assert steps[2].explanation == "y = abs(n1)\ndy/dn1 = sign(n1) = 1"
    chain = "dy/dx = dy/dn1 × dn1/dx = sign(n1) × cos(x) = 1 × 0.8776 = 0.8776"
    assert steps[3].explanation == f"n1 = sin(x)\n{chain}"
    assert x.cos().local_grads == (-math.sin(0.5),)
    assert np.array_equal(Tensor([0.0, 2.0]).abs().local_grads[0], [0.0, 1.0])


def test_value_and_tensor_share_one_backward_pass_that_an_observer_can_watch():
    """backward(observer=f) calls f(node) once per operation node, output first, after passing its shares."""
    x, t = Value(0.5, "x"), Tensor([0.5, -1.0], label="t")
    for root in ((x * x).sin() + x.cos(), ((t * t).sin() + t.cos()).sum()):
        seen: list[object] = []
        root.backward(observer=seen.append)
        assert seen == list(reversed(topological_order(root, leaves=False)))
