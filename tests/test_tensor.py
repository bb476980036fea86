"""Tensor: attributes, hand-derived gradients, backward semantics, error messages."""

from __future__ import annotations

import gc
import re
import warnings

import numpy as np
import pytest

from autograd.engine.graph import topological_order
from autograd.engine.tensor import LocalMap, Tensor


def raises(error: type[Exception], message: str):
    """pytest.raises for an error whose message contains ``message`` word for word."""
    return pytest.raises(error, match=re.escape(message))


# ----- what a node holds -----


def test_leaf_holds_a_float64_copy_and_zero_grad():
    source = np.array([[1, 2, 3]])
    x = Tensor(source, label="x")
    source[0, 0] = 99
    assert x.data.dtype == np.float64 and x.data.tolist() == [[1.0, 2.0, 3.0]]
    assert x.grad.shape == (1, 3) and not x.grad.any()
    assert (x.label, x.op, x.parents, x.local_grads) == ("x", "", (), ())
    assert (x.shape, x.ndim, x.size) == ((1, 3), 2, 3)


def test_node_keeps_op_parents_in_operand_order_and_local_derivatives():
    a, b = Tensor([1.0, 2.0], label="a"), Tensor([3.0, 4.0], label="b")
    c = a * b
    assert c.op == "*" and c.parents == (a, b) and c.label == ""
    assert c.local_grads[0].tolist() == [3.0, 4.0] and c.local_grads[1].tolist() == [1.0, 2.0]
    assert c.grad.shape == (2,) and not c.grad.any()
    d = b - a
    assert d.parents == (b, a) and d.local_grads == (1.0, -1.0)


def test_numbers_on_either_side_become_constant_leaves():
    x = Tensor([1.0, 2.0])
    for node, expected in [(x + 1, [2.0, 3.0]), (1 - x, [0.0, -1.0]), (2 * x, [2.0, 4.0]),
                           (4 / x, [4.0, 2.0]), (2**x, [2.0, 4.0])]:
        const = next(p for p in node.parents if p is not x)
        assert node.data.tolist() == expected
        assert (const.op, const.label, const.parents, const.shape) == ("", "", (), ())


def test_numpy_arrays_on_the_left_defer_to_the_tensor():
    x = Tensor([[1.0], [2.0]])
    left = np.array([10.0, 20.0]) + x
    assert isinstance(left, Tensor) and left.data.tolist() == [[11.0, 21.0], [12.0, 22.0]]
    product = np.array([[1.0, 1.0]]) @ x
    assert isinstance(product, Tensor) and product.data.tolist() == [[3.0]]


def test_ops_are_named_as_in_value_and_show_their_constants():
    x = Tensor(np.ones((2, 3)))
    assert [n.op for n in (x + x, x - x, x * x, x / x, -x, x**2, x**0.5, x**Tensor(2.0))] == [
        "+", "-", "*", "/", "neg", "**2", "**0.5", "**"]
    assert [n.op for n in (x.exp(), x.log(), x.tanh(), x.sigmoid(), x.relu(), x @ x.T)] == [
        "exp", "log", "tanh", "sigmoid", "relu", "@"]
    assert [n.op for n in (x.sum(), x.sum(axis=0), x.mean(axis=(0, 1), keepdims=True))] == [
        "sum", "sum(axis=0)", "mean(axis=(0, 1), keepdims=True)"]
    assert [n.op for n in (x.reshape(3, 2), x.T, x.transpose(1, 0))] == [
        "reshape(3, 2)", "transpose", "transpose(1, 0)"]
    assert isinstance(x.sum().local_grads[0], LocalMap)


def test_results_are_always_float64_arrays_even_for_zero_dimensions():
    v = Tensor([1.0, 2.0])
    for node in (v @ v, v.sum(), v.sum() + v.sum(), v.mean() * 2):
        assert type(node.data) is np.ndarray and node.data.shape == ()
    loss = v.sum() * v.sum()
    loss.backward()
    assert type(loss.grad) is np.ndarray and type(v.sum().grad) is np.ndarray
    assert v.grad.tolist() == [6.0, 6.0]


# ----- hand-derived gradients -----


def test_matmul_2d_by_hand():
    A = Tensor([[1.0, 2.0], [3.0, 4.0]])
    B = Tensor([[5.0, 6.0], [7.0, 8.0]])
    C = A @ B
    assert C.data.tolist() == [[19.0, 22.0], [43.0, 50.0]]
    C.sum().backward()
    # dL/dA[i,k] = sum_j B[k,j] (row sums of B); dL/dB[k,j] = sum_i A[i,k] (column sums of A)
    assert A.grad.tolist() == [[11.0, 15.0], [11.0, 15.0]]
    assert B.grad.tolist() == [[4.0, 4.0], [6.0, 6.0]]


def test_matmul_with_a_weighted_upstream_by_hand():
    A = Tensor([[1.0, 2.0, 3.0]])          # (1, 3)
    B = Tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])  # (3, 2)
    (A @ B).backward(gradient=[[2.0, -1.0]])
    # dA = G @ B.T = [[2*1 - 0, 0 - 1, 2 - 1]]; dB = A.T @ G
    assert A.grad.tolist() == [[2.0, -1.0, 1.0]]
    assert B.grad.tolist() == [[2.0, -1.0], [4.0, -2.0], [6.0, -3.0]]


def test_matmul_with_vectors_by_hand():
    v, w = Tensor([1.0, 2.0, 3.0]), Tensor([4.0, 5.0, 6.0])
    dot = v @ w
    assert dot.shape == () and float(dot) == 32.0
    dot.backward()
    assert v.grad.tolist() == [4.0, 5.0, 6.0] and w.grad.tolist() == [1.0, 2.0, 3.0]

    M, u = Tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), Tensor([10.0, 1.0])
    Mu = M @ u                               # (3, 2) @ (2,) -> (3,)
    assert Mu.data.tolist() == [12.0, 34.0, 56.0]
    Mu.backward(gradient=[1.0, 0.0, 2.0])
    assert M.grad.tolist() == [[10.0, 1.0], [0.0, 0.0], [20.0, 2.0]]
    assert u.grad.tolist() == [11.0, 14.0]   # 1*[1, 2] + 2*[5, 6]

    r = Tensor([1.0, -1.0, 2.0])
    rM = r @ M                               # (3,) @ (3, 2) -> (2,)
    assert rM.data.tolist() == [8.0, 10.0]
    rM.sum().backward()
    assert r.grad.tolist() == [3.0, 7.0, 11.0]  # row sums of M
    assert M.grad.tolist() == [[11.0, 2.0], [-1.0, -1.0], [22.0, 4.0]]  # earlier grad + r outer [1, 1]


def test_sum_and_mean_over_axes_by_hand():
    x = Tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    s0 = x.sum(axis=0)
    assert s0.data.tolist() == [5.0, 7.0, 9.0]
    (s0 * np.array([1.0, 2.0, 3.0])).sum().backward()
    assert x.grad.tolist() == [[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]]

    y = Tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    m1 = y.mean(axis=-1)
    assert m1.data.tolist() == [2.0, 5.0]
    m1.backward(gradient=[3.0, 6.0])
    assert y.grad.tolist() == [[1.0, 1.0, 1.0], [2.0, 2.0, 2.0]]

    z = Tensor(np.arange(24.0).reshape(2, 3, 4))
    kept = z.sum(axis=(0, 2), keepdims=True)
    assert kept.shape == (1, 3, 1) and kept.data.ravel().tolist() == [60.0, 92.0, 124.0]
    kept.backward(gradient=np.array([1.0, 2.0, 3.0]).reshape(1, 3, 1))
    assert (z.grad == np.array([1.0, 2.0, 3.0])[None, :, None]).all()

    w = Tensor([[2.0, 4.0], [6.0, 8.0]])
    total = w.mean()
    assert total.shape == () and float(total) == 5.0
    total.backward()
    assert w.grad.tolist() == [[0.25, 0.25], [0.25, 0.25]]


def test_broadcasting_sums_the_gradient_back_to_each_shape():
    a = Tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    b = Tensor([10.0, 20.0, 30.0])
    c = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    ((a + b) * c).sum().backward()
    assert a.grad.tolist() == c.tolist()
    assert b.grad.tolist() == [5.0, 7.0, 9.0]  # column sums of c

    col, row = Tensor([[1.0], [2.0]]), Tensor([[3.0, 4.0, 5.0]])
    outer = col * row
    assert outer.shape == (2, 3)
    outer.sum().backward()
    assert col.grad.tolist() == [[12.0], [12.0]] and row.grad.tolist() == [[3.0, 3.0, 3.0]]

    x = Tensor([[1.0, 2.0], [3.0, 4.0]])
    y = 10.0 - x
    y.sum().backward()
    assert y.parents[0].grad.shape == () and float(y.parents[0].grad) == 4.0
    assert x.grad.tolist() == [[-1.0, -1.0], [-1.0, -1.0]]


def test_elementwise_functions_by_hand():
    x = Tensor([0.5, 2.0])
    for make, value, slope in [
        (lambda t: t.exp(), np.exp([0.5, 2.0]), np.exp([0.5, 2.0])),
        (lambda t: t.log(), np.log([0.5, 2.0]), [2.0, 0.5]),
        (lambda t: t**3, [0.125, 8.0], [0.75, 12.0]),
        (lambda t: 1 / t, [2.0, 0.5], [-4.0, -0.25]),
        (lambda t: t.relu() - (-t).relu(), [0.5, 2.0], [1.0, 1.0]),
    ]:
        x.zero_grad()
        out = make(x)
        out.sum().backward()
        np.testing.assert_allclose(out.data, value, rtol=1e-15)
        np.testing.assert_allclose(x.grad, slope, rtol=1e-15)


def test_tanh_and_sigmoid_saturate_without_overflow():
    x = Tensor([-1000.0, 0.0, 1000.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        t, s = x.tanh(), x.sigmoid()
        (t + s).sum().backward()
    assert t.data.tolist() == [-1.0, 0.0, 1.0]
    assert s.data.tolist() == [0.0, 0.5, 1.0]
    assert x.grad.tolist() == [0.0, 1.25, 0.0]  # tanh'(0) + sigmoid'(0) = 1 + 1/4


def test_reshape_and_transpose_move_the_gradient_back():
    x = Tensor(np.arange(6.0))
    m = x.reshape(2, 3)
    assert m.data.tolist() == [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]
    mt = m.T
    assert mt.shape == (3, 2)
    mt.backward(gradient=[[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]])
    assert x.grad.tolist() == [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    assert Tensor(np.zeros((2, 3, 4))).transpose(2, 0, 1).shape == (4, 2, 3)
    assert Tensor(np.zeros((2, 3))).reshape((-1,)).shape == (6,)


# ----- backward semantics (as Value's) -----


def test_leaf_gradients_accumulate_intermediate_ones_are_recomputed():
    x = Tensor([1.0, -2.0])
    h = x * 2
    y = (h * 3).sum()
    y.backward()
    y.backward()
    assert x.grad.tolist() == [12.0, 12.0]
    assert h.grad.tolist() == [3.0, 3.0] and float(y.grad) == 1.0


def test_backward_from_a_leaf_accumulates_one():
    x = Tensor(5.0)
    x.backward()
    x.backward()
    assert float(x.grad) == 2.0


def test_zero_grad_resets_every_node_of_the_graph():
    x, w = Tensor([1.0, 2.0]), Tensor([3.0, 4.0])
    h = x * w
    y = h.sum()
    y.backward()
    y.zero_grad()
    for node in (x, w, h, y):
        assert type(node.grad) is np.ndarray and node.grad.shape == node.shape and not node.grad.any()


def test_backward_of_a_non_scalar_output_needs_a_gradient():
    y = Tensor([[1.0, 2.0]]) * 2
    with raises(ValueError, "backward: the output has shape (1, 2), not a single number: pass gradient="):
        y.backward()
    with raises(ValueError, "backward: gradient has shape (2,), the output has shape (1, 2)"):
        y.backward(gradient=[1.0, 1.0])
    one_entry = Tensor([[3.0]]) * 2
    one_entry.backward()
    assert one_entry.parents[0].grad.tolist() == [[2.0]]


def test_shared_subexpressions_get_every_share():
    x = Tensor([2.0, 3.0])
    s = x * x
    y = (s + s + x).sum()  # y = 2 x**2 + x
    y.backward()
    assert x.grad.tolist() == [9.0, 13.0] and s.grad.tolist() == [2.0, 2.0]


def test_a_chain_of_100000_operations_needs_no_recursion():
    x = Tensor([1.0, 2.0])
    y = x
    for _ in range(100_000):
        y = -y
    assert len(topological_order(y, leaves=False)) == 100_000
    y.backward(gradient=[1.0, 3.0])
    assert x.grad.tolist() == [1.0, 3.0]


def test_a_graph_is_freed_without_the_cycle_collector():
    def live_tensors() -> int:
        return sum(type(o) is Tensor for o in gc.get_objects())

    gc.collect()
    gc.disable()
    try:
        before = live_tensors()
        x = Tensor(np.ones((3, 2)))
        loss = ((x @ Tensor(np.ones((2, 4)))).tanh().sum(axis=0) * 2.0).mean()
        loss.backward()
        del x, loss
        assert live_tensors() == before
    finally:
        gc.enable()


# ----- clear errors -----


@pytest.mark.parametrize(("data", "error", "message"), [
    (True, TypeError, "got dtype bool"),
    ("abc", TypeError, "got dtype <U3"),
    ([1.0, None], TypeError, "got dtype object"),
    ([[1.0, 2.0], [3.0]], ValueError, "rectangular"),
    ([], ValueError, "needs at least one entry, got shape (0,)"),
    ([[1.0, float("nan")]], ValueError, "finite numbers, got nan at index (0, 1)"),
    (Tensor(1.0), TypeError, "use its .data"),
])
def test_constructor_rejects_bad_data(data, error, message):
    with raises(error, message):
        Tensor(data)
    with pytest.raises(TypeError, match="label must be a str"):
        Tensor(1.0, label=3)


@pytest.mark.parametrize(("op", "name"), [
    (lambda a, b: a + b, "add"), (lambda a, b: a - b, "subtract"), (lambda a, b: a * b, "multiply"),
    (lambda a, b: a / b, "divide"), (lambda a, b: a**b, "power"),
])
def test_broadcasting_errors_name_the_op_shapes_and_axis(op, name):
    a, b = Tensor(np.ones((4, 3, 2))), Tensor(np.ones((5, 1)))
    with raises(ValueError, f"{name}: shapes (4, 3, 2) and (5, 1) do not broadcast: on axis -2, 3 != 5"):
        op(a, b)


def test_domain_errors_name_the_op_the_first_bad_value_and_its_index():
    x = Tensor([[1.0, 2.0], [-3.0, 0.0]])
    with raises(ValueError, "log needs positive numbers, got log(-3.0) at index (1, 0)"):
        x.log()
    with raises(ZeroDivisionError, "division by zero: the divisor (shape (2, 2)) is 0.0 at index (1, 1)"):
        Tensor(1.0) / x
    with raises(ZeroDivisionError, "power: zero to a negative power, 0.0 ** -1.0 at index (1, 1)"):
        x**-1
    with raises(ValueError, "power: a negative base needs a whole exponent, -3.0 ** 0.5 at index (1, 0)"):
        x**0.5
    with raises(ValueError, "-3.0 ** 0.5 at index (1, 0)"):
        x ** Tensor([[0.5, 2.0]])
    with raises(OverflowError, "exp overflows for 800.0 at index (1,)"):
        Tensor([1.0, 800.0]).exp()
    with raises(OverflowError, "power overflows: 1e+200 ** 2.0 at index (0,)"):
        Tensor([1e200]) ** 2
    with raises(ZeroDivisionError, "division by zero"):
        x / 0
    with raises(ValueError, "exponent must be finite"):
        x ** float("inf")


def test_reduction_and_reshaping_errors_name_the_problem():
    x = Tensor(np.ones((2, 3)))
    with raises(ValueError, "sum: axis 2 is out of range for shape (2, 3)"):
        x.sum(axis=2)
    with raises(ValueError, "mean: axis -2 is repeated in axis=(0, -2)"):
        x.mean(axis=(0, -2))
    with raises(TypeError, "sum: an axis is a whole number, got 0.5"):
        x.sum(axis=0.5)
    with raises(ValueError, "reshape: cannot reshape shape (2, 3) (6 entries) into (4, 2)"):
        x.reshape(4, 2)
    with raises(ValueError, "transpose: (0, 0) is not an order of the axes of shape (2, 3)"):
        x.transpose(0, 0)
    with raises(ValueError, "item: the tensor has shape (2, 3), not a single entry"):
        float(x)
    with pytest.raises(TypeError):
        x + "1"
