"""backward_steps: the frames of the backward pass, checked against the author's hand-derived steps."""

from __future__ import annotations

import math

import pytest
import sympy

from autograd import Value, topological_order
from autograd.course.examples import notes_example
from autograd.engine.tensor import Tensor
from autograd.viz import backward_steps
from autograd.viz.text import node_names


def seed_graph() -> dict[str, Value]:
    """L = (a*b + c)*f with a=2, b=-3, c=10, f=-2; e = a*b and d = e + c, all labelled."""
    return notes_example()


def known(frame, nodes) -> dict[str, float]:
    return {name: frame.grads[node] for name, node in nodes.items() if node in frame.grads}


# The author's notes, with a=2, b=-3, c=10, f=-2 (so d = 4): after each step, every gradient known so far.
EXPECTED_GRADS = [
    {},  # 0: the forward pass only
    {"L": 1.0},  # 1: dL/dL = 1
    {"L": 1.0, "d": -2.0, "f": 4.0},  # 2: through L = d*f: dL/dd = f, dL/df = d
    {"L": 1.0, "d": -2.0, "f": 4.0, "e": -2.0, "c": -2.0},  # 3: through d = e + c: dL/de = dL/dc = f
    {"L": 1.0, "d": -2.0, "f": 4.0, "e": -2.0, "c": -2.0, "a": 6.0, "b": -4.0},  # 4: dL/da = f*b, dL/db = f*a
]
EXPECTED_EXPLANATIONS = [
    "Forward pass: every value is known, no gradient yet.",
    "dL/dL = 1",
    "L = d × f\ndL/dd = f = -2\ndL/df = d = 4",
    "d = e + c\ndL/de = dL/dd × dd/de = f × 1 = -2 × 1 = -2\ndL/dc = dL/dd × dd/dc = f × 1 = -2 × 1 = -2",
    "e = a × b\ndL/da = dL/de × de/da = f × b = -2 × (-3) = 6\ndL/db = dL/de × de/db = f × a = -2 × 2 = -4",
]


@pytest.mark.parametrize("k", range(len(EXPECTED_GRADS)))
def test_seed_example_gradients_known_after_each_step(k):
    nodes = seed_graph()
    frames = backward_steps(nodes["L"])
    assert len(frames) == len(EXPECTED_GRADS)
    assert frames[k].number == k
    assert known(frames[k], nodes) == EXPECTED_GRADS[k]
    assert len(frames[k].grads) == len(EXPECTED_GRADS[k])


@pytest.mark.parametrize("k", range(len(EXPECTED_EXPLANATIONS)))
def test_seed_example_explanations(k):
    assert backward_steps(seed_graph()["L"])[k].explanation == EXPECTED_EXPLANATIONS[k]


def test_seed_example_current_and_updated_nodes():
    n = seed_graph()
    frames = backward_steps(n["L"])
    assert [frame.current for frame in frames] == [None, n["L"], n["L"], n["d"], n["e"]]
    updated = [(), (n["L"],), (n["d"], n["f"]), (n["e"], n["c"]), (n["a"], n["b"])]
    assert [frame.updated for frame in frames] == updated
    assert all(frame.partial == frozenset() for frame in frames)


def test_frames_leave_the_graph_untouched():
    n = seed_graph()
    backward_steps(n["L"])
    assert all(node.grad == 0.0 for node in n.values())
    n["L"].backward()
    before = {name: node.grad for name, node in n.items()}
    backward_steps(n["L"])
    assert (
        {name: node.grad for name, node in n.items()}
        == before
        == {"a": 6.0, "b": -4.0, "c": -2.0, "f": 4.0, "e": -2.0, "d": -2.0, "L": 1.0}
    )


def test_node_used_twice_gathers_its_shares():
    """y = x*x + x at x = 3: dy/dx = 2x + 1 = 7, from three shares (1, then 3 and 3 through x*x)."""
    x = Value(3.0, "x")
    y = x * x + x
    y.label = "y"
    frames = backward_steps(y)
    assert [frame.grads.get(x) for frame in frames] == [None, None, 1.0, 7.0]
    assert frames[2].partial == frozenset({x})  # x still waits for its shares through x*x
    assert frames[3].partial == frozenset()
    assert frames[3].explanation == (
        "n1 = x × x\n"
        "dy/dx += dy/dn1 × dn1/dx = 1 × x = 1 × 3 = 3, so dy/dx = 4\n"
        "dy/dx += dy/dn1 × dn1/dx = 1 × x = 1 × 3 = 3, so dy/dx = 7"
    )
    assert frames[3].grads.values_of(x) == (1.0, 4.0, 7.0)


def test_unlabelled_nodes_get_names_and_constants_no_line():
    """y = (x*2 + 1)**2 at x = 1: unlabelled nodes are n1, n2, n3; constants get no gradient line."""
    x = Value(1.0, "x")
    y = (x * 2 + 1) ** 2
    frames = backward_steps(y)
    assert [frame.explanation for frame in frames[2:]] == [
        "n3 = n2^2\ndn3/dn2 = 2 × n2 = 6",
        "n2 = n1 + 1\ndn3/dn1 = dn3/dn2 × dn2/dn1 = 2 × n2 × 1 = 6 × 1 = 6",
        "n1 = x × 2\ndn3/dx = dn3/dn1 × dn1/dx = 2 × n2 × 2 = 6 × 2 = 12",
    ]
    assert frames[-1].grads[x] == 12.0  # d/dx (2x + 1)^2 = 4(2x + 1) = 12 at x = 1


def test_functions_are_explained_with_their_local_derivative():
    """o = tanh(n) at n = atanh(0.5): do/dn = 1 - o^2 = 0.75; then n = w × x."""
    w, x = Value(0.5, "w"), Value(2 * math.atanh(0.5), "x")
    n = w * x
    n.label = "n"
    o = n.tanh()
    o.label = "o"
    frames = backward_steps(o)
    assert frames[2].explanation == "o = tanh(n)\ndo/dn = 1 − o^2 = 0.75"
    line = frames[3].explanation.splitlines()[1]
    assert line == "do/dw = do/dn × dn/dw = (1 − o^2) × x = 0.75 × 1.099 = 0.824"
    assert frames[3].grads[w] == pytest.approx(0.75 * 2 * math.atanh(0.5))


def test_numbers_are_formatted_as_in_the_pictures():
    """4 significant digits, the same function as the boxes: 12345 -> 1.234e+04, 1/3 -> 0.3333."""
    x, k = Value(1 / 3, "x"), Value(12345.0, "k")
    z = x * k
    z.label = "z"
    assert backward_steps(z)[2].explanation == "z = x × k\ndz/dx = k = 1.234e+04\ndz/dk = x = 0.3333"


def test_known_gradients_is_a_read_only_mapping():
    n = seed_graph()
    frame = backward_steps(n["L"])[2]
    assert list(frame.grads) == [n["L"], n["d"], n["f"]]
    with pytest.raises(KeyError):
        frame.grads[n["a"]]
    with pytest.raises(TypeError):
        frame.grads[n["a"]] = 1.0


def test_a_single_leaf_has_two_frames():
    x = Value(5.0, "x")
    frames = backward_steps(x)
    assert frames[1].explanation == "dx/dx = 1"
    assert dict(frames[1].grads) == {x: 1.0}


def test_non_graphs_and_mixed_graphs_are_refused_with_a_clear_error():
    with pytest.raises(TypeError, match="backward_steps: expected a Value or a Tensor, got float: 2.5"):
        backward_steps(2.5)
    t = Tensor([1.0, 2.0], label="t")
    mixed = Value(1.0, "v") * 2
    mixed.parents = (t,)  # a Value whose operand is a Tensor: not a graph the engine builds
    with pytest.raises(TypeError, match="backward_steps works on graphs of scalar Values.*ndarray"):
        backward_steps(mixed)
    assert len(backward_steps(t.sum())) == 3  # Tensor graphs are filmed: tests/test_tensor_steps.py


def every_op_graph(values: dict[str, float]):
    """One graph with every operation; ``values`` holds Values (for frames) or sympy symbols (the oracle)."""
    x, w, b, p = values["x"], values["w"], values["b"], values["p"]
    if isinstance(x, Value):
        sigmoid, relu, tanh, exp, log = Value.sigmoid, Value.relu, Value.tanh, Value.exp, Value.log
    else:
        sigmoid = lambda z: 1 / (1 + sympy.exp(-z))  # noqa: E731
        relu = lambda z: sympy.Max(0, z)  # noqa: E731
        tanh, exp, log = sympy.tanh, sympy.exp, sympy.log
    return tanh(x * w + b) * sigmoid(x / p) + relu(-w) - exp(x**p) + log(b * b) + (x - w) ** 2


POINT = {"x": 0.7, "w": -1.3, "b": 0.4, "p": 1.5}


def test_every_op_final_gradients_match_sympy():
    leaves = {name: Value(v, name) for name, v in POINT.items()}
    frames = backward_steps(every_op_graph(leaves))
    symbols = {name: sympy.Symbol(name) for name in POINT}
    expression = every_op_graph(symbols)
    for name, leaf in leaves.items():
        exact = float(sympy.diff(expression, symbols[name]).subs({symbols[k]: v for k, v in POINT.items()}))
        assert frames[-1].grads[leaf] == pytest.approx(exact, rel=1e-12)


def test_every_op_each_written_product_is_the_number_it_claims():
    """Each line's product written with names, evaluated by sympy at the nodes' values, is its result."""
    leaves = {name: Value(v, name) for name, v in POINT.items()}
    root = every_op_graph(leaves)
    order = topological_order(root)
    names = node_names(order)
    values = {names[node]: node.data for node in order if node.label or node.parents}
    checked = 0
    for frame in backward_steps(root)[2:]:
        for line in frame.explanation.splitlines()[1:]:
            segments = line.split(", so ")[0].split(" = ")
            written, result = segments[1 if len(segments) <= 3 else 2], segments[-1]
            text = written.replace("×", "*").replace("÷", "/").replace("−", "-").replace("^", "**")
            value = float(sympy.sympify(text, locals={n: sympy.Float(v) for n, v in values.items()}))
            assert value == pytest.approx(float(result), rel=1e-3, abs=1e-12), line
            checked += 1
    assert checked == 29
