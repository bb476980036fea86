"""backward(), zero_grad() and topological_order on graphs whose gradients are known by hand."""

from __future__ import annotations

import gc
import math
import sys

import micrograd.engine
import pytest

from autograd import Value, topological_order
from autograd.course.examples import notes_example


def seed_example() -> dict[str, Value]:
    """The author's manual example: e = a*b, d = e + c, L = d*f with a=2, b=-3, c=10, f=-2."""
    return notes_example()


def test_seed_example_forward_values():
    n = seed_example()
    assert (n["e"].data, n["d"].data, n["L"].data) == (-6.0, 4.0, -8.0)


def test_seed_example_gradients_by_hand():
    n = seed_example()
    n["L"].backward()
    a, b, f = 2.0, -3.0, -2.0
    d = a * b + 10.0  # 4
    expected = {
        "L": 1.0,        # dL/dL
        "d": f,          # L = d*f
        "f": d,
        "e": f,          # d = e + c passes the gradient through
        "c": f,
        "a": f * b,      # e = a*b: dL/da = dL/de * b
        "b": f * a,
    }
    assert {name: n[name].grad for name in expected} == expected
    assert expected["a"] == 6.0 and expected["b"] == -4.0


@pytest.mark.parametrize(
    ("f", "x", "grad"),
    [(lambda a: a + a, 3.0, 2.0), (lambda a: a * a, 3.0, 6.0), (lambda a: a - a, 3.0, 0.0),
     (lambda a: a / a, 3.0, 0.0), (lambda a: (a * a) * a, 2.0, 12.0)],
    ids=["a + a", "a * a", "a - a", "a / a", "a * a * a"],
)
def test_a_node_used_twice_accumulates(f, x, grad):
    a = Value(x)
    f(a).backward()
    assert a.grad == pytest.approx(grad, abs=1e-15)


def test_a_leaf_shared_by_two_branches_gets_both_contributions():
    a, b = Value(2.0), Value(5.0)
    (a * b + a).backward()  # d/da = b + 1, d/db = a
    assert (a.grad, b.grad) == (6.0, 2.0)


def test_a_shared_interior_node_is_passed_on_once_complete():
    x = Value(3.0)
    u = x * x  # used by both branches below
    y = u * 2 + u.tanh()
    y.backward()  # dy/du = 2 + (1 - tanh(u)**2), du/dx = 2x
    dy_du = 2.0 + (1.0 - math.tanh(9.0) ** 2)
    assert u.grad == pytest.approx(dy_du, rel=1e-15)
    assert x.grad == pytest.approx(dy_du * 6.0, rel=1e-15)


def test_two_calls_accumulate_on_leaves_and_recompute_intermediates():
    x = Value(1.5)
    u = x * 2
    y = u * 3
    y.backward()
    assert (x.grad, u.grad, y.grad) == (6.0, 3.0, 1.0)
    y.backward()
    assert x.grad == 12.0  # leaves accumulate, as in PyTorch
    assert u.grad == 3.0  # dy/du is still 3: intermediates are recomputed, not doubled
    assert y.grad == 1.0


def test_zero_grad_resets_the_whole_graph():
    n = seed_example()
    n["L"].backward()
    assert all(node.grad != 0.0 for node in n.values())
    n["L"].zero_grad()
    assert [node.grad for node in topological_order(n["L"])] == [0.0] * 7
    n["L"].backward()  # and a fresh backward gives the single-call gradients again
    assert (n["a"].grad, n["b"].grad) == (6.0, -4.0)


def test_backward_on_a_leaf_gives_one():
    x = Value(4.0)
    x.backward()
    assert x.grad == 1.0


def test_a_million_operations_backpropagate_without_recursion(without_cyclic_gc):
    """y = x * 1.000001 a million times: dy/dx = 1.000001**1e6 (about e), by the chain rule."""
    n, r = 1_000_000, 1.000001
    x = Value(1.0)
    y = x
    for _ in range(n):
        y = y * r
    y.backward()
    assert x.grad == pytest.approx(r**n, rel=1e-9)
    assert y.data == pytest.approx(r**n, rel=1e-9)
    assert x.grad == pytest.approx(math.e, rel=1e-6)
    del y  # freeing a million nested nodes must not overflow the C stack either
    assert gc.collect() == 0


def test_a_long_mixed_chain_has_the_exact_gradient():
    """Alternating + 1 and * 1.0 ten thousand times: the gradient is exactly 1, the value x + 5000."""
    x = Value(0.5)
    y = x
    for _ in range(5_000):
        y = (y + 1) * 1.0
    y.backward()
    assert (x.grad, y.data) == (1.0, 5000.5)


def _build_and_drop_a_graph(make_leaf) -> tuple[int, int]:
    """Refcount of leaf ``a`` before and after a graph over it is built, used and dropped."""
    a, b, c = make_leaf(2.0), make_leaf(-3.0), make_leaf(10.0)
    before = sys.getrefcount(a)
    L = ((a * b + c).relu() * a + b ** 2) * c
    L.backward()
    assert sys.getrefcount(a) > before
    del L
    return before, sys.getrefcount(a)


def test_a_graph_is_freed_by_reference_counting_alone(without_cyclic_gc):
    """No reference cycle per node (no stored closure): dropping the output frees the graph at once."""
    before, after = _build_and_drop_a_graph(Value)
    assert after == before
    assert gc.collect() == 0  # nothing was left for the cycle collector


def test_the_cycle_check_detects_closures(without_cyclic_gc):
    """The same check on micrograd, whose nodes store a closure, finds the cycles: the check can fail."""
    before, after = _build_and_drop_a_graph(micrograd.engine.Value)
    assert after > before
    assert gc.collect() > 0


def test_topological_order_of_the_seed_example():
    n = seed_example()
    order = topological_order(n["L"])
    assert [id(node) for node in order] == [id(n[k]) for k in ("a", "b", "e", "c", "d", "f", "L")]
    interior = topological_order(n["L"], leaves=False)
    assert [id(node) for node in interior] == [id(n[k]) for k in ("e", "d", "L")]


def test_topological_order_lists_a_shared_node_once_after_its_parents():
    a, b = Value(1.0, "a"), Value(2.0, "b")
    u = a * b
    y = (u + a) * u
    order = topological_order(y)
    assert len(order) == len({id(node) for node in order}) == 5  # a, b, u, u + a, y
    position = {id(node): i for i, node in enumerate(order)}
    for node in order:
        assert all(position[id(p)] < position[id(node)] for p in node.parents)
    assert order[-1] is y


def test_topological_order_of_a_leaf():
    x = Value(1.0)
    assert topological_order(x) == [x]
    assert topological_order(x, leaves=False) == []
