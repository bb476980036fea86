"""Neuron, Layer, MLP and SGD: sizes, forward passes and update rules checked by hand,
and a small network that learns the two moons."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from autograd import MLP, SGD, Layer, Neuron, Tensor, Value, topological_order
from autograd.learning.data import make_moons
from autograd.learning.divergence import LIMIT, Diverged


def test_parameter_counts():
    assert len(Neuron(3).parameters()) == 4  # 3 weights + 1 bias
    assert len(Layer(3, 4).parameters()) == 16
    assert len(MLP(3, [4, 4, 1]).parameters()) == 16 + 20 + 5
    assert len(MLP(2, [16, 16, 1]).parameters()) == 337  # (2+1)*16 + (16+1)*16 + (16+1)*1


def test_parameter_labels_name_layer_neuron_and_weight():
    labels = [p.label for p in MLP(2, [3, 1]).parameters()]
    assert labels[:3] == ["L1.n1.w1", "L1.n1.w2", "L1.n1.b"]
    assert labels[-4:] == ["L2.n1.w1", "L2.n1.w2", "L2.n1.w3", "L2.n1.b"]
    assert len(set(labels)) == len(labels)


def test_initial_weights_are_bounded_and_biases_zero():
    neuron = Neuron(16, rng=random.Random(3))
    assert all(abs(w.data) <= 1 / 4 for w in neuron.w)
    assert len({w.data for w in neuron.w}) == 16
    assert neuron.b.data == 0.0


def test_same_seed_same_weights_different_seed_different():
    def weights(seed: int) -> list[float]:
        return [p.data for p in MLP(2, [4, 1], seed=seed).parameters()]

    assert weights(7) == weights(7)
    assert weights(7) != weights(8)


@pytest.mark.parametrize(
    ("activation", "expected"),
    [("tanh", math.tanh(-1.75)), ("relu", 0.0), ("sigmoid", 1 / (1 + math.exp(1.75))), ("linear", -1.75)],
)
def test_neuron_forward_by_hand(activation, expected):
    neuron = Neuron(2, activation)
    neuron.w[0].data, neuron.w[1].data, neuron.b.data = 0.5, -1.0, 0.25
    out = neuron([2.0, 3.0])  # 0.5*2 - 1*3 + 0.25 = -1.75
    assert out.data == pytest.approx(expected, rel=1e-15, abs=1e-300)


def test_neuron_gradient_by_hand():
    neuron = Neuron(2, "tanh")
    neuron.w[0].data, neuron.w[1].data, neuron.b.data = 0.5, -1.0, 0.25
    neuron([2.0, 3.0]).backward()
    slope = 1 - math.tanh(-1.75) ** 2  # d tanh(z)/dz, and dz/dw_i = x_i, dz/db = 1
    assert [p.grad for p in neuron.parameters()] == pytest.approx([2 * slope, 3 * slope, slope], rel=1e-15)


def test_mlp_forward_by_hand():
    model = MLP(1, [1, 1])  # y = v * tanh(w x + b) + c
    w, b, v, c = model.parameters()
    w.data, b.data, v.data, c.data = 2.0, -1.0, 3.0, 0.5
    out = model([1.5])
    assert isinstance(out, Value)
    assert out.data == pytest.approx(3.0 * math.tanh(2.0) + 0.5, rel=1e-15)


def test_mlp_with_several_outputs_returns_a_list():
    out = MLP(2, [3, 2])([1.0, -1.0])
    assert isinstance(out, list) and len(out) == 2 and all(isinstance(o, Value) for o in out)


def test_a_layer_wraps_number_inputs_as_labelled_values():
    layer = Layer(2, 1, rng=random.Random(0))
    x2 = Value(4.0, "mine")
    out = layer([1.5, x2])[0]
    leaves = [node for node in topological_order(out) if not node.parents]
    inputs = [node for node in leaves if node not in layer.parameters()]
    assert [(node.label, node.data) for node in inputs] == [("x1", 1.5), ("mine", 4.0)]


@pytest.mark.parametrize(
    ("model", "x", "words"),
    [(Neuron(2), [1.0], ["2 inputs", "got 1"]), (MLP(2, [3, 1]), [1.0, 2.0, 3.0], ["2 inputs", "got 3"]),
     (Layer(3, 2), [1.0], ["3 inputs", "got 1"])],
    ids=["Neuron", "MLP", "Layer"],
)
def test_wrong_input_length_is_refused(model, x, words):
    with pytest.raises(ValueError) as info:
        model(x)
    assert all(word in str(info.value) for word in words)


@pytest.mark.parametrize(
    "make",
    [lambda: Neuron(2, "softplus"), lambda: Layer(2, 3, "softplus"), lambda: MLP(2, [3, 1], "softplus"),
     lambda: MLP(2, [1], activation="softplus"), lambda: MLP(2, [3, 1], output_activation="softplus")],
    ids=["Neuron", "Layer", "MLP hidden", "MLP without hidden layer", "MLP output"],
)
def test_unknown_activation_is_named(make):
    with pytest.raises(ValueError, match="'softplus'"):
        make()


@pytest.mark.parametrize(
    ("make", "word"),
    [(lambda: Neuron(0), "nin = 0"), (lambda: Layer(2, 0), "nout = 0"), (lambda: MLP(2, []), "nouts = []"),
     (lambda: MLP(0, [2]), "nin = 0")],
    ids=["Neuron(0)", "Layer(2, 0)", "MLP(2, [])", "MLP(0, [2])"],
)
def test_bad_sizes_are_refused(make, word):
    with pytest.raises(ValueError, match=re_escape(word)):
        make()


def re_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "[]()" else ch for ch in text)


def test_module_zero_grad():
    model = MLP(2, [3, 1])
    model([1.0, 2.0]).backward()
    assert any(p.grad != 0.0 for p in model.parameters())
    model.zero_grad()
    assert all(p.grad == 0.0 for p in model.parameters())


# ----- SGD -----

def _params(data: list[float], grads: list[float]) -> list[Value]:
    params = [Value(d, label=f"p{i + 1}") for i, d in enumerate(data)]
    for p, g in zip(params, grads):
        p.grad = g
    return params


def test_one_step_is_w_minus_lr_times_g():
    params = _params([1.0, -2.0], [0.5, -3.0])
    SGD(params, lr=0.1).step()
    assert [p.data for p in params] == pytest.approx([1.0 - 0.05, -2.0 + 0.3], rel=1e-15)


def test_one_step_on_a_real_gradient():
    w = Value(0.5, "w")
    loss = (w * 3.0 - 2.0) ** 2  # dL/dw = 2 (3w - 2) 3 = -3 at w = 0.5
    loss.backward()
    SGD([w], lr=0.1).step()
    assert w.data == pytest.approx(0.5 + 0.3, rel=1e-15)


def test_momentum_over_two_steps_by_hand():
    (p,) = params = _params([0.0], [1.0])
    opt = SGD(params, lr=0.1, momentum=0.9)
    opt.step()  # v1 = 1, w1 = 0 - 0.1 * 1
    assert p.data == pytest.approx(-0.1, rel=1e-15)
    p.grad = 2.0
    opt.step()  # v2 = 0.9 * 1 + 2 = 2.9, w2 = -0.1 - 0.1 * 2.9
    assert p.data == pytest.approx(-0.39, rel=1e-14)


def test_lr_changed_between_steps_is_used():
    (p,) = params = _params([1.0], [1.0])
    opt = SGD(params, lr=0.1)
    opt.step()
    opt.lr = 0.5
    opt.step()
    assert p.data == pytest.approx(1.0 - 0.1 - 0.5, rel=1e-15)


@pytest.mark.parametrize("lr", [-0.1, math.nan, math.inf, "0.1", None])
def test_a_bad_lr_is_refused_where_it_is_set_and_nothing_changes(lr):
    (p,) = params = _params([1.0], [1.0])
    with pytest.raises(ValueError, match="lr = ") as info:
        SGD(params, lr=lr)
    assert repr(lr) in str(info.value)
    opt = SGD(params, lr=0.5)
    with pytest.raises(ValueError, match="lr = ") as info:
        opt.lr = lr
    assert repr(lr) in str(info.value)
    assert opt.lr == 0.5
    opt.step()
    assert p.data == 0.5  # 1 - 0.5 * 1: the refused lr was never used


@pytest.mark.parametrize("momentum", [-0.1, 1.0, math.nan])
def test_a_bad_momentum_is_refused(momentum):
    with pytest.raises(ValueError, match="momentum"):
        SGD(_params([1.0], [0.0]), lr=0.1, momentum=momentum)


def test_sgd_needs_value_or_tensor_parameters():
    with pytest.raises(ValueError, match="no parameters"):
        SGD([], lr=0.1)
    with pytest.raises(TypeError, match="Value or Tensor parameters, got a float"):
        SGD([Value(1.0), 2.0], lr=0.1)


def _tensor(data: list, grad: list, label: str) -> Tensor:
    t = Tensor(data, label=label)
    t.grad = np.array(grad, dtype=float)
    return t


def test_tensor_parameters_take_the_same_step_entry_by_entry():
    W = _tensor([[1.0, -2.0], [0.5, 0.0]], [[0.5, -3.0], [1.0, 2.0]], "W")
    b = _tensor([3.0], [-1.0], "b")
    opt = SGD([W, b], lr=0.1, momentum=0.9)
    opt.step()  # v1 = G, W1 = W - 0.1 G
    assert W.data.ravel().tolist() == pytest.approx([0.95, -1.7, 0.4, -0.2], rel=1e-15)
    b.grad = np.array([2.0])
    opt.step()  # v2 = 0.9 * (-1) + 2 = 1.1, b2 = 3.1 - 0.11
    assert b.data.tolist() == pytest.approx([2.99], rel=1e-14)
    opt.zero_grad()
    assert W.grad.shape == (2, 2) and not W.grad.any() and not b.grad.any()


def test_a_non_finite_tensor_entry_is_named_and_nothing_changes():
    W = _tensor([[1.0, 2.0], [3.0, 4.0]], [[0.0, 0.0], [math.inf, 0.0]], "L1.W")
    b = _tensor([1.0], [1.0], "b")
    with pytest.raises(Diverged, match=r"^diverged at step 1 with lr = 0.1: L1.W at index \(1, 0\) would be"):
        SGD([b, W], lr=0.1).step()
    assert W.data.tolist() == [[1.0, 2.0], [3.0, 4.0]] and b.data.tolist() == [1.0]


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_a_non_finite_gradient_stops_the_step_and_changes_nothing(bad):
    params = _params([1.0, 2.0, 3.0], [0.5, bad, 0.5])
    opt = SGD(params, lr=0.1, momentum=0.5)
    with pytest.raises(FloatingPointError, match=r"step 1 with lr = 0.1: p2 would become"):  # Diverged is one
        opt.step()
    assert [p.data for p in params] == [1.0, 2.0, 3.0]
    params[1].grad = 0.0  # after fixing the gradient, the step is the plain first step
    opt.step()
    assert [p.data for p in params] == pytest.approx([0.95, 2.0, 2.95], rel=1e-15)


def test_a_weight_that_would_overflow_stops_the_step():
    params = _params([1.0, 1e308], [1.0, -1e308])
    with pytest.raises(FloatingPointError, match="inf"):
        SGD(params, lr=10.0).step()
    assert [p.data for p in params] == [1.0, 1e308]


def test_a_weight_past_the_limit_stops_the_step_and_the_steps_are_counted():
    params = _params([1.0, 2.0], [1.0, -1.0])
    opt = SGD(params, lr=0.5)
    opt.step()
    assert opt.steps == 1 and [p.data for p in params] == [0.5, 2.5]
    params[1].grad = -4 * LIMIT  # 2.5 + 0.5 * 4e6 is past the limit
    with pytest.raises(Diverged) as info:
        opt.step()
    assert str(info.value) == ("diverged at step 2 with lr = 0.5: p2 would become 2e+06, past the limit "
                               "|p2| <= 1e+06; try a smaller learning rate")
    assert opt.steps == 1 and [p.data for p in params] == [0.5, 2.5]
    assert isinstance(info.value, FloatingPointError) and isinstance(info.value, ArithmeticError)
    SGD(params, lr=0.5, limit=math.inf).step()  # no limit: only non-finite numbers diverge
    with pytest.raises(ValueError, match="SGD limit must be a positive number, got limit = 0"):
        SGD(params, lr=0.5, limit=0)


def test_sgd_zero_grad():
    params = _params([1.0, 2.0], [0.5, -0.5])
    SGD(params, lr=0.1).zero_grad()
    assert [p.grad for p in params] == [0.0, 0.0]


# ----- learning -----

def test_an_mlp_learns_the_moons(without_cyclic_gc):
    """40 points, MLP 2-16-16-1, mean hinge loss, full-batch SGD: 100% training accuracy."""
    X, labels = make_moons(40, noise=0.1, seed=0)
    points = [[float(a), float(b)] for a, b in X]
    targets = [2.0 * label - 1.0 for label in labels]  # the hinge loss wants -1 / +1
    model = MLP(2, [16, 16, 1], activation="tanh", seed=0)
    opt = SGD(model.parameters(), lr=0.5, momentum=0.9)
    losses, accuracy = [], 0.0
    for _ in range(100):
        scores = [model(x) for x in points]
        loss = Value.sum([(1 - t * s).relu() for t, s in zip(targets, scores)]) / len(points)
        losses.append(loss.data)
        accuracy = sum((s.data > 0) == (t > 0) for t, s in zip(targets, scores)) / len(points)
        if accuracy == 1.0:
            break
        opt.zero_grad()
        loss.backward()
        opt.step()
    assert accuracy == 1.0
    assert losses[-1] < 0.5 * losses[0]
