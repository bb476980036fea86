"""backward_steps and step_through on Tensor graphs: the engine's own frames, explained in shapes."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from autograd import topological_order
from autograd.engine.tensor import Tensor
from autograd.viz import MAX_WIDTH_PX, backward_steps, choose_layout, draw
from autograd.viz.fit import PX_PER_PT
from autograd.widgets import step_through


def layer() -> dict[str, Tensor]:
    """L = mean(tanh(X @ W + b)) with X [2×3], W [3×4], b [4]: a matmul, a broadcast +, a mean."""
    X = Tensor(np.arange(6.0).reshape(2, 3) / 10, label="X")
    W = Tensor(np.linspace(-1.0, 1.0, 12).reshape(3, 4), label="W")
    b = Tensor([0.1, -0.2, 0.3, 0.0], label="b")
    Y = X @ W
    Y.label = "Y"
    Z = Y + b
    Z.label = "Z"
    H = Z.tanh()
    H.label = "H"
    L = H.mean()
    L.label = "L"
    return {"X": X, "W": W, "b": b, "Y": Y, "Z": Z, "H": H, "L": L}


EXPECTED_EXPLANATIONS = [
    "Forward pass: every value is known, no gradient yet.",
    "dL/dL = 1",
    "L = mean(H)  []\ndL/dH = 1 ÷ 8 copied to every entry  [2×4]",
    "H = tanh(Z)  [2×4]\ndL/dZ = dL/dH × (1 − H^2)  [2×4]",
    "Z = Y + b  [2×4]\ndL/dY = dL/dZ  [2×4]\ndL/db = dL/dZ summed over axis 0  [2×4] → [4]",
    "Y = X @ W  [2×4]\ndL/dX = dL/dY @ Wᵀ  [2×3]\ndL/dW = Xᵀ @ dL/dY  [3×4]",
]


def test_a_layer_is_explained_in_shapes():
    frames = backward_steps(layer()["L"])
    assert [frame.explanation for frame in frames] == EXPECTED_EXPLANATIONS


def test_a_layers_frames_hold_the_gradients_the_explanations_state():
    n = layer()
    frames = backward_steps(n["L"])
    dH = np.full((2, 4), 1 / 8)
    dZ = dH * (1 - n["H"].data ** 2)
    np.testing.assert_allclose(frames[2].grads[n["H"]], dH)
    np.testing.assert_allclose(frames[3].grads[n["Z"]], dZ)
    np.testing.assert_allclose(frames[4].grads[n["b"]], dZ.sum(axis=0))
    np.testing.assert_allclose(frames[5].grads[n["W"]], n["X"].data.T @ dZ)
    np.testing.assert_allclose(frames[5].grads[n["X"]], dZ @ n["W"].data.T)
    assert [frame.current for frame in frames] == [None, n["L"], n["L"], n["H"], n["Z"], n["Y"]]
    assert n["W"] not in frames[4].grads  # not reached before its step


def test_sums_means_reshapes_relu_and_a_node_used_twice():
    A = Tensor([[1.0, -2.0, 3.0], [0.5, 0.0, -1.0]], label="A")
    rows = A.sum(axis=1)
    rows.label = "r"
    cols = A.relu().mean(axis=0, keepdims=True)
    cols.label = "c"
    s = (rows * rows).reshape(1, 2).sum() - cols.transpose().sum()
    s.label = "s"
    lines = [line for frame in backward_steps(s)[2:] for line in frame.explanation.splitlines()]
    assert lines[:3] == ["s = n3 − n6  []", "ds/dn3 = 1  []", "ds/dn6 = -1  []"]
    assert "c = mean(n4, axis=0, keepdims=True)  [1×3]" in lines
    assert "ds/dn4 = ds/dc ÷ 2 copied to every entry along axis 0  [2×3]" in lines
    assert "ds/dA = ds/dn4 × (A > 0)  [2×3]" in lines
    assert "ds/dn1 = ds/dn2 reshaped back  [2]" in lines
    assert "ds/dc = ds/dn5 transposed back  [1×3]" in lines
    assert lines[-5:] == [
        "n1 = r × r  [2]",
        "ds/dr = ds/dn1 × r  [2]",
        "ds/dr += ds/dn1 × r  [2]",
        "r = sum(A, axis=1)  [2]",
        "ds/dA += ds/dr copied to every entry along axis 1  [2×3]",
    ]
    A.grad = np.zeros(A.shape)
    s.backward()
    np.testing.assert_array_equal(backward_steps(s)[-1].grads[A], A.grad)


def test_a_batch_of_matrix_products_sums_the_shares_of_a_shared_matrix():
    X = Tensor(np.ones((5, 3, 4)), label="X")
    W = Tensor(np.ones((4, 2)), label="W")
    try:
        Y = X @ W
    except ValueError:
        pytest.skip("this engine's @ takes 1-D and 2-D tensors only")
    Y.label = "Y"
    z = (Y * Y).mean()
    z.label = "z"
    last = backward_steps(z)[-1]
    assert last.explanation.splitlines() == [
        "Y = X @ W  [5×3×2]",
        "dz/dX = dz/dY @ Wᵀ  [5×3×4]",
        "dz/dW = (Xᵀ @ dz/dY) summed over axis 0  [5×4×2] → [4×2]",
    ]


def test_the_graph_is_left_as_it_was():
    n = layer()
    n["L"].backward()
    before = {name: node.grad for name, node in n.items()}
    backward_steps(n["L"])
    assert all(n[name].grad is grad for name, grad in before.items())


def test_an_output_of_many_entries_needs_a_loss():
    T = Tensor([1.0, 2.0], label="T")
    with pytest.raises(ValueError, match="not a single number"):
        backward_steps(T * 2)
    assert T.grad.tolist() == [0.0, 0.0]


# ----- the stepper films the engine's own backward pass, for random Tensor graphs -----

SHAPES = [(2, 3), (3,), (3, 2), (2, 1), ()]


def entries(shape: tuple[int, ...]) -> st.SearchStrategy[np.ndarray]:
    return hnp.arrays(np.float64, shape, elements=st.floats(-2, 2, allow_nan=False, allow_infinity=False))


def broadcasts(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    try:
        np.broadcast_shapes(a, b)
    except ValueError:
        return False
    return True


UNARY: dict[str, Callable[[Tensor], Tensor]] = {
    "tanh": Tensor.tanh,
    "sigmoid": Tensor.sigmoid,
    "relu": Tensor.relu,
    "sin": Tensor.sin,
    "neg": lambda u: -u,
    "square": lambda u: u**2,
    "exp": lambda u: u.tanh().exp(),
    "log": lambda u: (u * u + 1).log(),
    "sum": Tensor.sum,
    "mean": Tensor.mean,
    "sum(axis=0)": lambda u: u.sum(axis=0) if u.ndim else u,
    "mean(axis=-1)": lambda u: u.mean(axis=-1) if u.ndim else u,
}
BINARY: dict[str, Callable[[Tensor, Tensor], Tensor]] = {
    "+": lambda u, v: u + v,
    "-": lambda u, v: u - v,
    "*": lambda u, v: u * v,
    "/": lambda u, v: u / (v * v + 1),
}


@st.composite
def tensor_graphs(draw: Callable) -> Tensor:
    """A random graph: labelled leaves, then nodes on any earlier nodes (so shared); a sum at the end."""
    count = draw(st.integers(1, 3))
    nodes = [Tensor(draw(entries(draw(st.sampled_from(SHAPES)))), f"x{i}") for i in range(count)]
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["unary", "binary", "@"]))
        u = draw(st.sampled_from(nodes))
        if kind == "unary":
            nodes.append(UNARY[draw(st.sampled_from(sorted(UNARY)))](u))
        elif kind == "binary":
            v = draw(st.sampled_from([v for v in nodes if broadcasts(u.shape, v.shape)]))
            nodes.append(BINARY[draw(st.sampled_from(sorted(BINARY)))](u, v))
        elif u.ndim == 2:  # a 2-D matrix product, with an earlier node or a new weight that lines up
            fits = [v for v in nodes if v.ndim == 2 and v.shape[0] == u.shape[1]]
            v = draw(st.sampled_from(fits)) if fits and draw(st.booleans()) else None
            if v is None:
                v = Tensor(draw(entries((u.shape[1], draw(st.integers(1, 3))))), f"w{len(nodes)}")
            nodes.append(u @ v)
    return nodes[-1].sum()


def zeroed(order: list[Tensor]) -> None:
    for node in order:
        node.grad = np.zeros(node.shape)


@given(tensor_graphs())
def test_each_frame_of_a_tensor_pass_is_the_engine_after_as_many_steps(root):
    order = topological_order(root)
    zeroed(order)
    after: list[dict[Tensor, np.ndarray | None]] = []  # the engine's gradients after each step
    root.backward(observer=lambda node: after.append({n: n.grad for n in order}))
    engine = {node: node.grad for node in order}
    frames = backward_steps(root)
    assert len(frames) == 2 + len(after)
    assert list(frames[1].grads) == [root] and frames[1].grads[root].tolist() == 1.0
    for frame, grads in zip(frames[2:], after):
        assert all(np.array_equal(frame.grads[node], grads[node]) for node in frame.grads)
        unreached = [grads[node] for node in order if node not in frame.grads]
        assert all(grad is None or not grad.any() for grad in unreached)  # none reached yet
    assert set(frames[-1].grads) == set(engine)
    assert all(np.array_equal(frames[-1].grads[node], grad) for node, grad in engine.items())  # backward()
    assert all(node.grad is engine[node] for node in order)  # and the graph is left as it was


# ----- pictures and the widget -----


def svg_width_px(picture) -> float:
    svg = picture.pipe(format="svg", encoding="utf-8")
    return float(re.search(r'<svg width="([\d.]+)pt"', svg)[1]) * PX_PER_PT


def test_every_frame_of_a_tensor_pass_fits_and_keeps_one_layout():
    L = layer()["L"]
    frames = backward_steps(L)
    layouts = {choose_layout(L, step=frame) for frame in frames}
    assert len(layouts) == 1
    widths = {svg_width_px(draw(L, step=frame)) for frame in frames}
    assert len(widths) == 1 and widths.pop() <= MAX_WIDTH_PX
    assert "[3×4]" in draw(L, step=frames[-1]).source  # boxes show shapes


def test_step_through_takes_a_tensor():
    n = layer()
    stepper = step_through(n["L"])
    assert stepper.slider.max == 5
    stepper.slider.value = 5
    assert "dL/dW = Xᵀ @ dL/dY  [3×4]" in stepper.explanation.value
    assert "<svg" in stepper.picture.value
