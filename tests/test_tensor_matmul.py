"""``@`` as numpy's np.matmul does it: 1-D operands, matrices, and batches of matrices broadcast.

Forward values are held to np.matmul, gradients to central differences (the helpers of
test_tensor_gradcheck.py) and, when PyTorch is installed, both to torch.matmul's autograd.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from test_tensor_gradcheck import SETTINGS, arrays, check, floats

from autograd.engine.tensor import Tensor

Shape = tuple[int, ...]


@st.composite
def matmul_shapes(draw: st.DrawFn) -> tuple[Shape, Shape]:
    """Two shapes that np.matmul accepts: each operand a vector (k,) or a batch of matrices (..., n, k),
    (..., k, m), with batch axes of up to 2 that broadcast against each other (sizes 1 included)."""
    n, k, m = (draw(st.integers(1, 3)) for _ in range(3))
    batches = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=2, max_side=3))
    a_batch, b_batch = batches.input_shapes
    return draw(st.sampled_from([(k,), (*a_batch, n, k)])), draw(st.sampled_from([(k,), (*b_batch, k, m)]))


def operands(elements: st.SearchStrategy[float] | None = None) -> st.SearchStrategy[list[np.ndarray]]:
    """Two arrays of ``matmul_shapes``, entries from ``elements`` (by default in [-2, 2])."""
    elements = floats(-2.0, 2.0) if elements is None else elements
    return matmul_shapes().flatmap(lambda shapes: st.tuples(*(arrays(s, elements) for s in shapes)).map(list))


@given(operands(floats(-10.0, 10.0)))
def test_forward_is_numpys_matmul(pair):
    a, b = pair
    out = Tensor(a) @ Tensor(b)
    expected = np.matmul(a, b)
    assert out.op == "@" and type(out.data) is np.ndarray and out.shape == np.shape(expected)
    np.testing.assert_array_equal(out.data, expected)
    assert (Tensor(a) @ b).data.shape == (a @ Tensor(b)).data.shape == out.shape  # arrays on either side


@SETTINGS
@given(operands())
def test_gradients_against_central_differences(pair):
    check(lambda a, b: a @ b, pair, reference=np.matmul)


@SETTINGS
@given(operands())
def test_gradients_when_an_operand_is_used_twice(pair):
    check(lambda a, b: (a @ b).tanh() * (a * a).sum(), pair)


@pytest.mark.parametrize(("a_shape", "b_shape", "out_shape"), [
    ((2, 3, 4), (4, 5), (2, 3, 5)),           # a batch of 2 feature maps, one weight matrix
    ((2, 1, 3, 4), (5, 4, 2), (2, 5, 3, 2)),  # batch axes (2, 1) and (5,) broadcast to (2, 5)
    ((4,), (2, 4, 3), (2, 3)),                # a row vector against a batch: its axis is removed
    ((2, 3, 4), (4,), (2, 3)),                # a batch against a column vector
    ((4,), (4,), ()),                         # vector @ vector: a 0-d result
])
def test_shapes_of_the_result_and_of_the_gradients(a_shape, b_shape, out_shape):
    A, B = Tensor(np.ones(a_shape)), Tensor(np.ones(b_shape))
    out = A @ B
    assert out.shape == out_shape
    out.sum().backward()
    assert A.grad.shape == a_shape and B.grad.shape == b_shape


def test_the_second_batch_axis_of_a_is_summed_over_b():
    """(2, 1, 3, 4) @ (5, 4, 2): each A[i, 0] meets all 5 matrices of B, so its gradient adds 5 shares."""
    A, B = Tensor(np.ones((2, 1, 3, 4))), Tensor(np.ones((5, 4, 2)))
    (A @ B).sum().backward()
    assert A.grad.shape == (2, 1, 3, 4) and np.all(A.grad == 5 * 2)  # 5 matrices x 2 columns of ones
    assert B.grad.shape == (5, 4, 2) and np.all(B.grad == 2 * 3)     # 2 batches x 3 rows of ones


@pytest.mark.parametrize(("a_shape", "b_shape", "message"), [
    ((3, 2), (3, 4), "matmul: shapes (3, 2) and (3, 4) do not line up: 2 != 3 (the last axis of the left "
                     "operand must match the second-to-last axis of the right)"),
    ((2, 3), (2,), "matmul: shapes (2, 3) and (2,) do not line up: 3 != 2 (the last axis of the left "
                   "operand must match the only axis of the right)"),
    ((3,), (2, 4, 3), "matmul: shapes (3,) and (2, 4, 3) do not line up: 3 != 4"),
    ((2, 3, 4), (5, 4, 2), "matmul: the batch axes of shapes (2, 3, 4) and (5, 4, 2) do not broadcast: "
                           "on axis -3, 2 != 5 (sizes must be equal, or one of them 1)"),
    ((3, 2, 2, 2), (4, 1, 2, 2), "matmul: the batch axes of shapes (3, 2, 2, 2) and (4, 1, 2, 2) do not "
                                 "broadcast: on axis -4, 3 != 4"),
    ((), (3,), "matmul: needs tensors of at least 1 axis, got shapes () and (3,) (to scale by a number, "
               "use *)"),
    ((3,), (), "got shapes (3,) and ()"),
])
def test_errors_name_the_operation_and_both_shapes(a_shape, b_shape, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        Tensor(np.ones(a_shape)) @ Tensor(np.ones(b_shape))
    with pytest.raises(ValueError):  # numpy refuses the same shapes
        np.matmul(np.ones(a_shape), np.ones(b_shape))


def test_numbers_are_not_matrices():
    with pytest.raises(TypeError):
        Tensor(np.ones(2)) @ 2.0
    with pytest.raises(TypeError):
        2.0 @ Tensor(np.ones(2))


def test_against_pytorch():
    torch = pytest.importorskip("torch", reason="PyTorch is not installed: no comparison with torch.matmul")

    @SETTINGS
    @given(operands(), st.integers(0, 2**32 - 1))
    def run(pair, seed):
        a, b = pair
        A, B = Tensor(a), Tensor(b)
        out = A @ B
        gradient = np.random.default_rng(seed).normal(size=out.shape)
        out.backward(gradient=gradient)
        ta, tb = (torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in pair)
        t_out = torch.matmul(ta, tb)
        t_out.backward(torch.from_numpy(gradient))
        for ours, theirs in [(out.data, t_out), (A.grad, ta.grad), (B.grad, tb.grad)]:
            assert ours.shape == tuple(theirs.shape)
            np.testing.assert_allclose(ours, theirs.detach().numpy(), rtol=1e-12, atol=1e-12)

    run()
