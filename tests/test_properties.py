"""Property tests: backprop agrees with central differences on random points and random expressions.

The oracle is independent of the engine: every expression is also evaluated with plain
floats and the ``math`` module, and its derivatives are estimated by central differences
(f(x + h) - f(x - h)) / 2h, whose error is about h**2 * f''' / 6 plus round-off.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograd import Value, central_difference, topological_order
from autograd.engine.ops import OPS
from autograd.viz import backward_steps

H = 1e-5


def floats(lo: float, hi: float) -> st.SearchStrategy[float]:
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


def numeric_partials(f: Callable[..., float], point: Sequence[float]) -> list[float]:
    """d f / d x_i at ``point`` for each i, by central differences with a step scaled to x_i."""
    partials = []
    for i, x in enumerate(point):
        def along_i(t: float, i: int = i) -> float:
            return f(*point[:i], t, *point[i + 1:])
        partials.append(central_difference(along_i, x, H * max(1.0, abs(x))))
    return partials


def assert_gradients_match(
    value_f: Callable[..., Value], float_f: Callable[..., float], point: Sequence[float],
    tol: float = 1e-6,
) -> None:
    """Backprop through ``value_f`` gives the central-difference partials of ``float_f``."""
    leaves = [Value(x) for x in point]
    out = value_f(*leaves)
    out.backward()
    scale = max(abs(node.data) for node in topological_order(out))  # round-off grows with it
    assert out.data == pytest.approx(float_f(*point), rel=1e-12, abs=1e-12 * (1.0 + scale))
    for leaf, numeric in zip(leaves, numeric_partials(float_f, point)):
        assert abs(leaf.grad - numeric) <= tol * (1.0 + scale + abs(numeric)), (
            f"at {point}: backprop {leaf.grad!r}, central difference {numeric!r}"
        )


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


# ----- every operation on its own, at random points of its domain -----

@given(floats(-30, 30))
def test_exp(x):
    assert_gradients_match(Value.exp, math.exp, [x], tol=1e-7)


@given(floats(0.01, 1e3))
def test_log(x):
    assert_gradients_match(Value.log, math.log, [x])


@given(floats(-20, 20))
def test_tanh(x):
    assert_gradients_match(Value.tanh, math.tanh, [x])


@given(floats(-30, 30))
def test_sigmoid(x):
    assert_gradients_match(Value.sigmoid, _sigmoid, [x])


@given(st.one_of(floats(-50, -1e-3), floats(1e-3, 50)))
def test_relu_away_from_the_kink(x):
    assert_gradients_match(Value.relu, lambda t: max(0.0, t), [x])


@given(floats(-50, 50))
def test_neg(x):
    assert_gradients_match(lambda v: -v, lambda t: -t, [x])


@given(floats(0.1, 5), floats(-3, 3))
def test_power_with_a_number_exponent(a, p):
    assert_gradients_match(lambda v: v**p, lambda t: t**p, [a])


@given(floats(-5, -0.1), st.integers(-3, 4))
def test_power_of_a_negative_base_with_a_whole_exponent(a, p):
    assert_gradients_match(lambda v: v**p, lambda t: t**p, [a])


@given(floats(0.1, 5), floats(-3, 3))
def test_power_with_a_value_exponent(a, p):
    assert_gradients_match(lambda u, v: u**v, lambda s, t: s**t, [a, p])


@given(floats(0.1, 5), floats(-3, 3))
def test_number_to_a_value_power(base, p):
    assert_gradients_match(lambda v: base**v, lambda t: base**t, [p])


@given(floats(-10, 10), floats(-10, 10))
def test_add_sub_mul(a, b):
    assert_gradients_match(lambda u, v: u + v, lambda s, t: s + t, [a, b])
    assert_gradients_match(lambda u, v: u - v, lambda s, t: s - t, [a, b])
    assert_gradients_match(lambda u, v: u * v, lambda s, t: s * t, [a, b])


@given(floats(-10, 10), st.one_of(floats(-10, -0.1), floats(0.1, 10)))
def test_division(a, b):
    assert_gradients_match(lambda u, v: u / v, lambda s, t: s / t, [a, b])


@given(st.lists(floats(-10, 10), min_size=1, max_size=6))
def test_sum(terms):
    assert_gradients_match(lambda *vs: Value.sum(vs), lambda *ts: math.fsum(ts), terms)


# ----- random compositions over 2 to 4 inputs, with ops that stay in their domains -----

# name -> (on Values, on floats); every result stays finite for inputs of moderate size
UNARY: dict[str, tuple[Callable, Callable]] = {
    "neg": (lambda v: -v, lambda x: -x),
    "tanh": (Value.tanh, math.tanh),
    "sigmoid": (Value.sigmoid, _sigmoid),
    "log(x*x + 1)": (lambda v: (v * v + 1).log(), lambda x: math.log(x * x + 1)),
    "sqrt(x*x + 1)": (lambda v: (v * v + 1) ** 0.5, lambda x: math.sqrt(x * x + 1)),
    "exp(-x*x)": (lambda v: (-(v * v)).exp(), lambda x: math.exp(-x * x)),
    "exp(tanh(x))": (lambda v: v.tanh().exp(), lambda x: math.exp(math.tanh(x))),
    "x**2": (lambda v: v**2, lambda x: x**2),
    "1/(x*x + 1)": (lambda v: 1 / (v * v + 1), lambda x: 1 / (x * x + 1)),
}
BINARY: dict[str, tuple[Callable, Callable]] = {
    "+": (lambda u, v: u + v, lambda x, y: x + y),
    "-": (lambda u, v: u - v, lambda x, y: x - y),
    "*": (lambda u, v: u * v, lambda x, y: x * y),
    "x / (y*y + 1)": (lambda u, v: u / (v * v + 1), lambda x, y: x / (y * y + 1)),
    "(x*x + 1) ** tanh(y)": (lambda u, v: (u * u + 1) ** v.tanh(), lambda x, y: (x * x + 1) ** math.tanh(y)),
    "sum(x, y, 2)": (lambda u, v: Value.sum([u, v, 2]), lambda x, y: x + y + 2),
}

Tree = int | tuple  # a leaf index, (unary name, tree) or (binary name, tree, tree)


def _tree(draw: Callable, n_leaves: int, depth: int) -> Tree:
    if depth == 0 or draw(st.integers(0, 3)) == 0:
        return draw(st.integers(0, n_leaves - 1))
    if draw(st.booleans()):
        return (draw(st.sampled_from(sorted(UNARY))), _tree(draw, n_leaves, depth - 1))
    return (draw(st.sampled_from(sorted(BINARY))),
            _tree(draw, n_leaves, depth - 1), _tree(draw, n_leaves, depth - 1))


@st.composite
def expressions(draw: Callable) -> tuple[Tree, list[float]]:
    """A random expression tree of depth <= 4 and a point with one coordinate per input."""
    point = draw(st.lists(floats(-2, 2), min_size=2, max_size=4))
    return _tree(draw, len(point), depth=4), point


def evaluate(tree: Tree, inputs: Sequence, on_values: bool):
    """The tree's value, with Values (the engine) or floats (the oracle) as inputs."""
    if isinstance(tree, int):
        return inputs[tree]
    name, *children = tree
    f = (UNARY if len(children) == 1 else BINARY)[name][0 if on_values else 1]
    return f(*(evaluate(child, inputs, on_values) for child in children))


@given(expressions())
def test_random_expressions_match_central_differences(expression):
    tree, point = expression
    assert_gradients_match(
        lambda *vs: evaluate(tree, vs, on_values=True),
        lambda *xs: evaluate(tree, xs, on_values=False),
        point,
    )


# ----- the stepper films the engine's own backward pass, for random graphs over every op -----

# op name -> how to apply it to Values picked from the graph so far (kept inside its domain)
GRAPH_OPS: dict[str, Callable[..., Value]] = {
    "+": lambda u, v: u + v,
    "-": lambda u, v: u - v,
    "*": lambda u, v: u * v,
    "/": lambda u, v: u / (v * v + 1),
    "neg": lambda u: -u,
    "**": lambda u, v: (u * u + 1) ** v.tanh(),
    "**p": lambda u: u**2,
    "exp": lambda u: u.tanh().exp(),
    "log": lambda u: (u * u + 1).log(),
    "tanh": Value.tanh,
    "sigmoid": Value.sigmoid,
    "relu": Value.relu,
    "abs": Value.abs,
    "sin": Value.sin,
    "cos": Value.cos,
    "sum": lambda u, v: Value.sum([u, v, 2]),
}


def test_the_random_graphs_use_every_op_of_the_table():
    assert set(OPS) <= set(GRAPH_OPS)


@st.composite
def graphs(draw: Callable) -> Value:
    """A random graph: labelled leaves, then nodes whose operands are any earlier nodes (so shared)."""
    nodes = [Value(x, f"x{i}") for i, x in enumerate(draw(st.lists(floats(-2, 2), min_size=1, max_size=3)))]
    for _ in range(draw(st.integers(1, 8))):
        name = draw(st.sampled_from(sorted(GRAPH_OPS)))
        f = GRAPH_OPS[name]
        arity = f.__code__.co_argcount if hasattr(f, "__code__") else 1
        nodes.append(f(*(draw(st.sampled_from(nodes)) for _ in range(arity))))
    return nodes[-1]


@given(graphs())
def test_each_frame_of_the_stepper_is_the_engine_after_as_many_steps(root):
    order = topological_order(root)
    for node in order:
        node.grad = 0.0
    after: list[dict[Value, float]] = []  # the engine's gradients after each step
    root.backward(observer=lambda node: after.append({n: n.grad for n in order}))
    engine = {node: node.grad for node in order}
    frames = backward_steps(root)
    assert len(frames) == 2 + len(after)
    assert dict(frames[1].grads) == {root: 1.0}
    for frame, grads in zip(frames[2:], after):
        assert all(frame.grads[node] == grads[node] for node in frame.grads)
        assert all(grads[node] == 0.0 for node in order if node not in frame.grads)  # none reached yet
    assert dict(frames[-1].grads) == engine  # the final frame is backward()
    assert {node: node.grad for node in order} == engine  # and the graph is left as it was
