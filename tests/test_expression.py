"""autograd.engine.expression: typed formulas become graphs, and nothing else ever runs.

Oracles: values and gradients derived by hand for the course's examples; for random
formulas, the same tree evaluated with plain floats and ``math`` (no Value), and
central differences of that float function.
"""

from __future__ import annotations

import math
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from autograd.engine.expression import (
    FILENAME,
    FUNCTIONS,
    MAX_LENGTH,
    ExpressionError,
    Formula,
    expression,
    variables,
)
from autograd.engine.graph import topological_order
from autograd.engine.numeric import central_difference
from autograd.engine.value import Value

FUZZ = settings(max_examples=5 * settings.default.max_examples)  # the parser is fast: fuzz it harder
DOMAIN_ERRORS = (ValueError, ZeroDivisionError, OverflowError)  # what the engine raises, exactly


def nodes(root: Value) -> list[tuple[str, str, float]]:
    """(label, op, data) of every node, in topological order."""
    return [(n.label, n.op, n.data) for n in topological_order(root)]


# ----- the course's examples, checked by hand -----


def test_seed_example_graph_labels_and_gradients_by_hand():
    L = expression("(a*b + c)*f", a=2, b=-3, c=10, f=-2)
    assert nodes(L) == [
        ("a", "", 2.0),
        ("b", "", -3.0),
        ("n1", "*", -6.0),
        ("c", "", 10.0),
        ("n2", "+", 4.0),
        ("f", "", -2.0),
        ("L", "*", -8.0),
    ]
    L.backward()
    grads = {n.label: n.grad for n in topological_order(L)}
    # dL/dd = f, dL/df = d, dL/de = dL/dc = f, dL/da = f*b, dL/db = f*a (the author's notes)
    assert grads == {"L": 1.0, "n2": -2.0, "f": 4.0, "n1": -2.0, "c": -2.0, "a": 6.0, "b": -4.0}


def test_neuron_example_by_hand():
    b = 6.881373587019543  # tanh(b - 6) = 1/sqrt(2)
    o = expression("tanh(w1*x1 + w2*x2 + b)", name="o", w1=-3, x1=2, w2=1, x2=0, b=b)
    assert o.label == "o" and o.op == "tanh"
    assert o.data == pytest.approx(math.sqrt(0.5), abs=1e-12)
    o.backward()
    grads = {n.label: n.grad for n in topological_order(o)}
    # do/dn = 1 - o**2 = 1/2; dx1 = w1/2, dw1 = x1/2, dx2 = w2/2, dw2 = x2/2, db = 1/2
    expected = {"x1": -1.5, "w1": 1.0, "x2": 0.5, "w2": 0.0, "b": 0.5}
    assert {k: grads[k] for k in expected} == pytest.approx(expected, abs=1e-12)


def test_a_variable_used_twice_is_one_shared_leaf():
    y = expression("a*a + a", a=3)
    leaves = [n for n in topological_order(y) if not n.parents]
    assert [n.label for n in leaves] == ["a"]
    y.backward()
    assert leaves[0].grad == 7.0  # d(a**2 + a)/da = 2a + 1


def test_intermediates_are_numbered_in_forward_order_and_constants_are_unlabelled():
    y = expression("-2*x**2 + exp(x)/3", x=1.0)
    assert [(label, op) for label, op, _ in nodes(y)] == [
        ("", ""),  # the constant -2: a sign in front of a number is part of the number
        ("x", ""),
        ("n1", "**2"),  # a number exponent stays in the op, as in Python code
        ("n2", "*"),
        ("n3", "exp"),
        ("", ""),
        ("n4", "/"),
        ("L", "+"),
    ]
    assert y.data == pytest.approx(-2 + math.e / 3)


def test_labels_never_clash_with_variable_names():
    y = expression("n1*n2 + 1", n1=2, n2=3)
    assert [n.label for n in topological_order(y)] == ["n1", "n2", "n_1", "", "L"]


@pytest.mark.parametrize(
    ("text", "values", "label"),
    [("a", {"a": 3}, "a"), ("+a", {"a": 3}, "a"), ("3", {}, "L"), ("-(2)", {}, "L")],
)
def test_a_root_without_operation(text, values, label):
    y = expression(text, **values)
    assert (y.label, y.op, y.parents) == (label, "", ())


def test_output_name_and_its_clash_with_a_variable():
    assert expression("x + 1", name="y", x=1).label == "y"
    with pytest.raises(ExpressionError, match="'L', which is also a variable"):
        expression("L*2", L=3)
    assert Formula("name*2", name="out").evaluate({"name": 3}).data == 6.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # Python's precedence and associativity, worked out by hand at x=3, a=8, b=4, c=2
        ("-x**2", -9.0),
        ("(-x)**2", 9.0),
        ("-2**2", -4.0),
        ("2**-1", 0.5),
        ("2**3**2", 512.0),
        ("a - b - c", 2.0),
        ("a / b / c", 1.0),
        ("a - b*c", 0.0),
        ("--x", 3.0),
        ("x**0.5**2", 3.0**0.25),
        ("relu(-x) + sigmoid(0*x)", 0.5),
        ("log(exp(x))", 3.0),
    ],
)
def test_precedence_follows_python(text, expected):
    names = variables(text)
    values = {k: v for k, v in {"x": 3, "a": 8, "b": 4, "c": 2}.items() if k in names}
    assert expression(text, **values).data == pytest.approx(expected, rel=1e-15)


def test_variables_in_order_of_first_appearance_without_evaluating():
    # Evaluating would raise (log of -1): variables() only reads the formula.
    assert variables("log(-1) + b*a + c*a + exp(b)") == ["b", "a", "c"]
    assert variables("2 + 3") == []


# ----- errors: clear, located, and raised before anything runs -----


@pytest.mark.parametrize(
    ("text", "reason", "column", "snippet"),
    [
        ("a.b + 1", "attribute access", 1, "a.b"),
        ("x + y[0]", "indexing", 5, "y[0]"),
        ("a < b", "comparisons", 1, "a < b"),
        ("a and b", "'and' / 'or'", 1, "a and b"),
        ("lambda: 1", "lambda", 1, "lambda: 1"),
        ("[x for x in y]", "comprehensions", 1, "[x for x in y]"),
        ("a + 'x'", "strings", 5, "'x'"),
        ("f'{a}'", "f-strings", 1, "f'{a}'"),
        ("(a := 1)", "assignments (:=)", 2, "a := 1"),
        ("a = 1", "assignments are not allowed", 1, "a = 1"),
        ("a; b", "only one formula", 4, "b"),
        ("import os", "statement (Import)", 1, "import os"),
        ("a ^ 2", "write **", 3, "^"),  # the operator itself, not the whole formula
        ("a^2", "write **", 2, "^"),
        ("(a*b) ^ (c)", "write **", 7, "^"),
        ("x + é//b", "operator //", 6, "//"),
        ("not a", "operator not", 1, "not"),
        ("~a", "operator ~", 1, "~"),
        ("open(a)", "unknown function 'open'", 1, "open"),
        ("tanh(a, b)", "exactly one argument, got 2", 1, "tanh(a, b)"),
        ("tanh(x=a)", "no keyword arguments", 6, "x=a"),
        ("exp + 1", "'exp' is a function", 1, "exp"),
        ("True * a", "bool constants", 1, "True"),
        ("2 * 1j", "complex constants", 5, "1j"),
        ("1e999 * a", "too large", 1, "1e999"),
        ("a, b", "separated by commas", 1, "a, b"),
        ("a +* b", "not a formula Python can read (invalid syntax)", 4, "*"),
        ("1if a else b", "'if ... else'", 1, "1if a else b"),
        ("é * α.x", "attribute access", 5, "α.x"),  # columns count characters, not bytes
    ],
)
@pytest.mark.filterwarnings("error")  # and Python's parser prints nothing (e.g. for "1if")
def test_forbidden_text_is_reported_with_its_position(text, reason, column, snippet):
    with pytest.raises(ExpressionError) as caught:
        variables(text)
    error = caught.value
    assert reason in error.reason
    assert (error.line, error.column, error.snippet) == (1, column, snippet)
    message = str(error)
    assert f"column {column}" in message and "allowed: numbers, variable names" in message
    caret_line = message.splitlines()[2]
    assert caret_line == "    " + " " * (column - 1) + "^" * len(snippet)


def test_errors_on_a_later_line_name_the_line():
    with pytest.raises(ExpressionError) as caught:
        variables("(a +\n b.c)")
    assert (caught.value.line, caught.value.column, caught.value.snippet) == (2, 2, "b.c")
    assert "line 2, column 2" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("# only a comment", "empty"),
        ("a" * (MAX_LENGTH + 1), f"at most {MAX_LENGTH}"),
        ("\x00", "null bytes"),
        ("(" * 300 + "a" + ")" * 300, "too many nested parentheses"),
    ],
)
def test_unreadable_text(text, reason):
    with pytest.raises(ExpressionError, match=reason):
        variables(text)


def test_deep_nesting_within_the_length_limit_needs_no_recursion():
    assert expression("-" * 998 + "x", x=2.0).data == 2.0
    assert expression("x" + "+x" * 499, x=1.0).data == 500.0


def test_missing_and_unknown_values_are_all_listed_sorted():
    with pytest.raises(ExpressionError, match=r"missing values for b, c, f \(the formula uses f, c, b, a\)"):
        expression("f*c + b*a", a=1)
    unused = r"values given for d, e, which the formula does not use \(it uses a, b\)$"
    with pytest.raises(ExpressionError, match=unused):
        expression("a*b", a=1, b=2, e=3, d=4)


@pytest.mark.parametrize("bad", ["2", None, True, [1.0], Value(2.0)])
def test_values_must_be_numbers(bad):
    with pytest.raises(TypeError, match=r"the value of 'b' must be a number"):
        expression("a*b", a=1, b=bad)


def test_values_must_be_finite_and_text_a_str():
    with pytest.raises(ValueError, match="the value of 'a' must be finite, got nan"):
        expression("a", a=math.nan)
    with pytest.raises(TypeError, match="the formula must be a str, got bytes"):
        expression(b"a*b", a=1, b=2)
    with pytest.raises(TypeError, match="name= labels the output"):
        expression("name*2", name=3)


@pytest.mark.parametrize(
    ("text", "values", "error", "message"),
    [
        ("log(a - b)", {"a": 1, "b": 2}, ValueError, r"log needs a positive number, got log\(-1.0\)"),
        ("a / (b - 2)", {"a": 1, "b": 2}, ZeroDivisionError, "division by zero: 1.0 / 0.0"),
        ("a ** 0.5", {"a": -4}, ValueError, "negative base needs a whole exponent"),
        ("exp(exp(a))", {"a": 7}, OverflowError, "exp overflows"),
    ],
)
def test_domain_errors_come_from_the_engine(text, values, error, message):
    with pytest.raises(error, match=message) as caught:
        expression(text, **values)
    assert not isinstance(caught.value, ExpressionError)


# ----- nothing runs -----

_AUDITED = {"exec", "import", "open", "os.system", "subprocess.Popen", "os.exec", "os.posix_spawn"}
_seen: list[str] | None = None  # events are recorded only while this is a list


def _audit(event: str, args: tuple) -> None:
    # On a syntax error in "exec" mode, CPython's parser tries to read the faulty line
    # back from the file named like the source ("<formula>"): a read that fails, harmless.
    harmless = event == "open" and args[0] == FILENAME and args[1] == "rb"
    if _seen is not None and event in _AUDITED and not harmless:
        _seen.append(event)


sys.addaudithook(_audit)  # audit hooks cannot be removed; this one is inert outside `audited`


def audited(action: Callable[[], object]) -> list[str]:
    """The sensitive audit events (code executed, imports, files opened) raised by ``action()``."""
    global _seen
    _seen = []
    try:
        action()
    except (ExpressionError, *DOMAIN_ERRORS, TypeError):
        pass
    finally:
        events, _seen = _seen, None
    return events


ATTACKS = [
    "__import__('os').system('touch {marker}')",
    "exec(\"open('{marker}', 'w')\")",
    "eval('1')",
    "().__class__.__base__.__subclasses__()",
    "[c for c in ().__class__.__base__.__subclasses__()]",
    "open('{marker}', 'w').write('x')",
    "globals()['__builtins__']",
    "(lambda: __import__('os'))()",
    "a if __import__('os') else b",
    "import os; os.system('touch {marker}')",
    'f\'{{__import__("os").system("touch {marker}")}}\'',
    "tanh(__import__('os'))",
    "exp(x=__import__('os'))",
    "(x := __import__('os'))",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_attacks_raise_and_run_nothing(attack, tmp_path):
    marker = tmp_path / "pwned"
    text = attack.format(marker=marker)
    with pytest.raises(ExpressionError):
        expression(text, a=1, b=2)
    assert audited(lambda: expression(text, a=1, b=2)) == []
    assert not marker.exists()


def test_valid_formulas_run_no_code_either(monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("eval/exec must never be called")

    monkeypatch.setattr("builtins.eval", forbidden)
    monkeypatch.setattr("builtins.exec", forbidden)
    assert audited(lambda: expression("tanh(a*b) + log(c) - a**2/b", a=1, b=2, c=3)) == []
    assert expression("tanh(a*b) + log(c)", a=1, b=2, c=3).data == pytest.approx(math.tanh(2) + math.log(3))


# ----- fuzzing -----

FORMULA_CHARACTERS = "abxyt12.0e_ ()+-*/%^,;=:<>[]'\"{}!~@&|#\\\n\r\ttanhlogexpsigmoidrelu"


def build_safely(text: str) -> Value | None:
    """expression(text) with 0.7 for every variable; only the parser's or the engine's errors pass."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # nothing printed either
            names = variables(text)
            return expression(text, **dict.fromkeys(names, 0.7))
    except ExpressionError:
        return None
    except DOMAIN_ERRORS as error:
        assert type(error) in DOMAIN_ERRORS  # exactly the engine's types: no UnicodeError etc.
        return None


@FUZZ
@given(st.text(max_size=40) | st.text(alphabet=FORMULA_CHARACTERS, max_size=40))
def test_random_text_gives_a_value_or_a_clear_error(text):
    assert audited(lambda: build_safely(text)) == []
    result = build_safely(text)
    assert result is None or isinstance(result, Value)


@dataclass(frozen=True)
class RandomFormula:
    """A random formula: its text, and the same tree as a plain float function (the oracle)."""

    text: str
    oracle: Callable[[dict[str, float]], float]


Strategy = st.SearchStrategy


def _sigmoid(x: float) -> float:
    return 0.5 * (1.0 + math.tanh(0.5 * x))  # a different formula from the engine's


FLOAT_FUNCTIONS = {
    "exp": math.exp, "log": math.log, "tanh": math.tanh, "sigmoid": _sigmoid, "relu": lambda u: max(u, 0.0),
    "abs": abs, "sin": math.sin, "cos": math.cos,
}
FLOAT_OPERATORS = {
    "+": lambda u, v: u + v,
    "-": lambda u, v: u - v,
    "*": lambda u, v: u * v,
    "/": lambda u, v: u / v,
    "**": math.pow,
}
VARIABLES = ["a", "b", "x"]


def _number(x: float) -> RandomFormula:
    return RandomFormula(f"({x!r})" if math.copysign(1.0, x) < 0 else repr(x), lambda env: x)


def _variable(name: str) -> RandomFormula:
    return RandomFormula(name, lambda env: env[name])


def _finite(op: str, u: float, v: float) -> float:
    """u op v in plain floats, a result past the largest float being an error, as in the engine
    (plain floats give inf, e.g. 1.0 / 2.8e-309, or nan, e.g. inf - inf)."""
    out = FLOAT_OPERATORS[op](u, v)
    if not math.isfinite(out):
        raise OverflowError(f"{u!r} {op} {v!r}")
    return out


def _binary(op: str, left: RandomFormula, right: RandomFormula) -> RandomFormula:
    return RandomFormula(
        f"({left.text} {op} {right.text})", lambda env: _finite(op, left.oracle(env), right.oracle(env))
    )


def _call(name: str, arg: RandomFormula) -> RandomFormula:
    f = FLOAT_FUNCTIONS[name]
    return RandomFormula(f"{name}({arg.text})", lambda env: f(arg.oracle(env)))


def _unary(sign: str, arg: RandomFormula) -> RandomFormula:
    return RandomFormula(
        f"({sign}{arg.text})", lambda env: -arg.oracle(env) if sign == "-" else arg.oracle(env)
    )


def formulas(
    operators: list[str], functions: list[str], signs: list[str]
) -> st.SearchStrategy[RandomFormula]:
    leaves = st.sampled_from(VARIABLES).map(_variable) | st.one_of(
        st.integers(-5, 5).map(float), st.floats(-4, 4, allow_subnormal=False)
    ).map(_number)

    def extend(inner: Strategy) -> Strategy:
        return (
            st.builds(_binary, st.sampled_from(operators), inner, inner)
            | st.builds(_call, st.sampled_from(functions), inner)
            | st.builds(_unary, st.sampled_from(signs), inner)
        )

    return st.recursive(leaves, extend, max_leaves=8)


ALL_FORMULAS = formulas(["+", "-", "*", "/", "**"], list(FUNCTIONS), ["-", "+"])  # all the table has
POINTS = st.fixed_dictionaries({name: st.floats(-3, 3, allow_subnormal=False) for name in VARIABLES})


def oracle_value(formula: RandomFormula, point: dict[str, float]) -> float | None:
    """The formula in plain floats; None where it is undefined (math raises)."""
    try:
        return formula.oracle(point)
    except (ValueError, ZeroDivisionError, OverflowError):
        return None


@FUZZ
@given(ALL_FORMULAS, POINTS)
@example(  # a product of two normal floats that is subnormal: 1 / it is past the largest float
    _binary("/", _variable("x"), _binary("*", _number(0.0078125), _number(3.568184770519494e-307))),
    {"a": 0.0, "b": 0.0, "x": 1.0},
)
def test_random_formulas_match_plain_float_arithmetic(formula, point):
    values = {name: point[name] for name in variables(formula.text)}
    expected = oracle_value(formula, point)
    if expected is None:
        with pytest.raises(DOMAIN_ERRORS):
            expression(formula.text, **values)
        return
    got = expression(formula.text, **values).data
    assert got == pytest.approx(expected, rel=1e-9, abs=1e-12)


SMOOTH_FORMULAS = formulas(["+", "-", "*"], ["exp", "tanh", "sigmoid"], ["-"])


@given(SMOOTH_FORMULAS, st.fixed_dictionaries({n: st.floats(-1.5, 1.5) for n in VARIABLES}))
def test_random_formulas_gradients_match_central_differences(formula, point):
    expected = oracle_value(formula, point)
    assume(expected is not None and abs(expected) < 1e8)
    names = variables(formula.text)
    root = expression(formula.text, **{name: point[name] for name in names})
    root.backward()
    leaves = {n.label: n for n in topological_order(root) if n.label in names}
    for name in names:
        slope = central_difference(lambda x, name=name: formula.oracle({**point, name: x}), point[name], 1e-5)
        scale = 1.0 + abs(root.data) + abs(slope)
        assert abs(leaves[name].grad - slope) <= 1e-6 * scale, (formula.text, name)


def test_a_formula_ending_with_an_operator_points_at_its_end():
    with pytest.raises(ExpressionError, match="ends with '\\+'") as info:
        expression("a*b +", a=1, b=2)
    assert info.value.column == 5 and info.value.snippet == "+"
