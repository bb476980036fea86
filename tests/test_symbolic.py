"""sympy as the oracle: each formula is written once as text, then differentiated symbolically
by sympy and by backprop in the engine; values and every partial derivative must agree."""

from __future__ import annotations

import pytest
import sympy

from autograd import Value

FORMULAS = [
    "(a*b + c)*f",
    "tanh(a*b + c)",
    "exp(a)/(1 + exp(a))",
    "log(a*a + b)",
    "a**b",
    "relu(a - b) * c",
    "sigmoid(a)*b - a**3",
    "a/b - 2/(a + f)",
    "(a**2 + b**2)**0.5 * c",
    "2**a * exp(-b*b) + tanh(c - f)*a",
    "sigmoid(relu(a*f) - b) / (1 + c*c)",
]

# Points away from the kink of relu (a - b != 0, a*f != 0), with a > 0, b != 0 and a*a + b > 0.
POINTS = [
    {"a": 1.3, "b": 0.7, "c": -0.4, "f": 2.1},
    {"a": 0.5, "b": 2.2, "c": 1.5, "f": -1.2},
    {"a": 2.0, "b": -1.5, "c": 0.3, "f": 0.9},
]

SYMBOLS = {name: sympy.Symbol(name, real=True) for name in "abcf"}
SYMPY_FUNCTIONS = {
    "tanh": sympy.tanh,
    "exp": sympy.exp,
    "log": sympy.log,
    "relu": lambda x: sympy.Max(0, x),
    "sigmoid": lambda x: 1 / (1 + sympy.exp(-x)),
}
ENGINE_FUNCTIONS = {
    "tanh": Value.tanh,
    "exp": Value.exp,
    "log": Value.log,
    "relu": Value.relu,
    "sigmoid": Value.sigmoid,
}


def engine_eval(formula: str, leaves: dict[str, Value]) -> Value:
    """Build the graph of ``formula`` with Value operations (Python evaluates the text, no builtins)."""
    return eval(formula, {"__builtins__": {}}, {**ENGINE_FUNCTIONS, **leaves})


def sympy_number(expr: sympy.Expr, point: dict[str, float]) -> float:
    """``expr`` at ``point``, evaluated with 30 significant digits then rounded to a float."""
    return float(expr.subs({SYMBOLS[k]: sympy.Float(v, 30) for k, v in point.items()}).evalf(30))


def close(engine: float, exact: float) -> bool:
    return abs(engine - exact) <= 1e-9 * max(1.0, abs(exact))


@pytest.mark.parametrize("point", POINTS, ids=lambda p: ",".join(f"{k}={v}" for k, v in p.items()))
@pytest.mark.parametrize("formula", FORMULAS)
def test_value_and_every_partial_derivative_match_sympy(formula, point):
    expr = sympy.sympify(formula, locals={**SYMPY_FUNCTIONS, **SYMBOLS})
    leaves = {name: Value(x, label=name) for name, x in point.items()}
    out = engine_eval(formula, leaves)
    out.backward()
    assert close(out.data, sympy_number(expr, point)), (out.data, sympy_number(expr, point))
    for name, symbol in SYMBOLS.items():
        exact = sympy_number(sympy.diff(expr, symbol), point)
        assert close(leaves[name].grad, exact), f"d/d{name}: engine {leaves[name].grad!r}, sympy {exact!r}"


def test_the_formulas_use_every_function_and_operator():
    """The table exercises each function, both kinds of power, and numbers on either side."""
    text = " ".join(FORMULAS)
    for word in [*ENGINE_FUNCTIONS, "**b", "**3", "**0.5", "2**", "2/", "1 +", "+", "-", "*", "/"]:
        assert word in text, word
