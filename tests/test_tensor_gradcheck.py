"""Tensor gradients against central differences, on random shapes (broadcasting included) and values.

The oracle perturbs one entry of one input at a time. A non-scalar output is
reduced to sum(output * c) with a fixed random array c, so backward(gradient=c)
is what is checked. Forward values are checked against plain numpy.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from autograd.engine.tensor import Tensor

SETTINGS = settings(max_examples=settings.default.max_examples // 2)  # each example runs many gradchecks
H = 1e-6


def central_differences(f: Callable[..., float], arrays: list[np.ndarray]) -> list[np.ndarray]:
    """df/d(entry) ~ (f(entry + h) - f(entry - h)) / 2h for every entry of every array."""
    grads = []
    for i, array in enumerate(arrays):
        grad = np.zeros_like(array)
        for index in np.ndindex(array.shape):
            shifted = []
            for step in (H, -H):
                moved = [a.copy() for a in arrays]
                moved[i][index] += step
                shifted.append(f(*moved))
            grad[index] = (shifted[0] - shifted[1]) / (2 * H)
        grads.append(grad)
    return grads


def check(build: Callable[..., Tensor], arrays: list[np.ndarray],
          reference: Callable[..., np.ndarray] | None = None) -> None:
    """backward() of build(*tensors) against central differences (and its forward against ``reference``)."""
    tensors = [Tensor(a) for a in arrays]
    out = build(*tensors)
    if reference is not None:
        np.testing.assert_allclose(out.data, reference(*arrays), rtol=1e-12, atol=1e-12)
    weights = np.random.default_rng(len(out.data.shape)).normal(size=out.data.shape)
    out.backward(gradient=weights)

    def f(*moved: np.ndarray) -> float:
        return float((build(*map(Tensor, moved)).data * weights).sum())

    for tensor, numeric in zip(tensors, central_differences(f, arrays)):
        assert tensor.grad.shape == tensor.shape
        np.testing.assert_allclose(tensor.grad, numeric, rtol=1e-5, atol=1e-6)


def floats(low: float, high: float) -> st.SearchStrategy[float]:
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


AWAY_FROM_ZERO = st.one_of(floats(-2.0, -0.2), floats(0.2, 2.0))  # no kink or pole within h


def arrays(shape: tuple[int, ...], elements: st.SearchStrategy[float]) -> st.SearchStrategy[np.ndarray]:
    return hnp.arrays(np.float64, shape, elements=elements)


@st.composite
def broadcasting_pair(draw, left: st.SearchStrategy[float], right: st.SearchStrategy[float]):
    shapes = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=3, max_side=3))
    a_shape, b_shape = shapes.input_shapes
    return [draw(arrays(a_shape, left)), draw(arrays(b_shape, right))]


SHAPES = hnp.array_shapes(min_dims=0, max_dims=3, max_side=3)

BINARY = {
    "add": (lambda a, b: a + b, floats(-2.0, 2.0), floats(-2.0, 2.0)),
    "subtract": (lambda a, b: a - b, floats(-2.0, 2.0), floats(-2.0, 2.0)),
    "multiply": (lambda a, b: a * b, floats(-2.0, 2.0), floats(-2.0, 2.0)),
    "divide": (lambda a, b: a / b, floats(-2.0, 2.0), AWAY_FROM_ZERO),
    "power": (lambda a, b: a**b, floats(0.5, 2.0), floats(-2.0, 2.0)),
}


@pytest.mark.parametrize("name", BINARY)
def test_elementwise_binary_with_broadcasting(name):
    op, left, right = BINARY[name]

    @SETTINGS
    @given(broadcasting_pair(left, right))
    def run(pair):
        check(op, pair, reference=op)

    run()


@pytest.mark.parametrize("name", BINARY)
def test_numbers_on_either_side(name):
    op, left, right = BINARY[name]

    @SETTINGS
    @given(SHAPES.flatmap(lambda s: arrays(s, left)), SHAPES.flatmap(lambda s: arrays(s, right)),
           left, right)
    def run(a, b, number_a, number_b):
        check(lambda t: op(number_a, t), [b], reference=lambda x: op(number_a, x))
        check(lambda t: op(t, number_b), [a], reference=lambda x: op(x, number_b))

    run()


UNARY = {
    "neg": (lambda t: -t, np.negative, floats(-2.0, 2.0)),
    "exp": (Tensor.exp, np.exp, floats(-3.0, 3.0)),
    "log": (Tensor.log, np.log, floats(0.2, 3.0)),
    "tanh": (Tensor.tanh, np.tanh, floats(-3.0, 3.0)),
    "sigmoid": (Tensor.sigmoid, lambda x: 1.0 / (1.0 + np.exp(-x)), floats(-6.0, 6.0)),
    "relu": (Tensor.relu, lambda x: np.maximum(x, 0.0), AWAY_FROM_ZERO),
    "abs": (Tensor.abs, np.abs, AWAY_FROM_ZERO),
    "sin": (Tensor.sin, np.sin, floats(-4.0, 4.0)),
    "cos": (Tensor.cos, np.cos, floats(-4.0, 4.0)),
    "square": (lambda t: t**2, np.square, floats(-2.0, 2.0)),
    "cube of negatives": (lambda t: t**3, lambda x: x**3, floats(-2.0, 2.0)),
    "sqrt": (lambda t: t**0.5, np.sqrt, floats(0.2, 3.0)),
    "inverse": (lambda t: t**-1, np.reciprocal, AWAY_FROM_ZERO),
}


@pytest.mark.parametrize("name", UNARY)
def test_elementwise_functions(name):
    op, reference, elements = UNARY[name]

    @SETTINGS
    @given(SHAPES.flatmap(lambda s: arrays(s, elements)))
    def run(a):
        check(op, [a], reference=reference)

    run()


@st.composite
def reduction_case(draw):
    a = draw(SHAPES.flatmap(lambda s: arrays(s, floats(-2.0, 2.0))))
    axes = draw(st.lists(st.integers(0, max(a.ndim - 1, 0)), unique=True, max_size=a.ndim))
    signed = tuple(ax - a.ndim if draw(st.booleans()) else ax for ax in axes)
    axis = draw(st.sampled_from([None, signed, *signed]))
    return a, axis, draw(st.booleans())


@pytest.mark.parametrize("name", ["sum", "mean"])
def test_sum_and_mean_over_any_axes(name):
    @SETTINGS
    @given(reduction_case())
    def run(case):
        a, axis, keepdims = case
        check(lambda t: getattr(t, name)(axis=axis, keepdims=keepdims), [a],
              reference=lambda x: getattr(np, name)(x, axis=axis, keepdims=keepdims))

    run()


@SETTINGS
@given(SHAPES.flatmap(lambda s: arrays(s, floats(-2.0, 2.0))), st.randoms(use_true_random=False))
def test_reshape_and_transpose(a, random):
    order = list(range(a.ndim))
    random.shuffle(order)
    check(lambda t: t.transpose(*order).reshape(-1) * 2.0, [a],
          reference=lambda x: x.transpose(order).reshape(-1) * 2.0)
    check(lambda t: t.T.reshape(1, -1), [a], reference=lambda x: x.T.reshape(1, -1))


@st.composite
def layer_case(draw):
    batch, nin, hidden = (draw(st.integers(1, 3)) for _ in range(3))
    shapes = [(batch, nin), (nin, hidden), (hidden,), (hidden, 1)]
    return [draw(arrays(shape, floats(-1.5, 1.5))) for shape in shapes]


@SETTINGS
@given(layer_case())
def test_a_small_network_end_to_end(case):
    def network(x, W, b, V):
        return ((x @ W + b).tanh() @ V).sigmoid().log().mean(axis=0) - 1e-2 * (W * W).sum()

    check(network, case)
