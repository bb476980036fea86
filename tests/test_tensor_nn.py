"""The tensor MLP: same weights as the scalar one, same loss and gradients, hand-checked losses."""

from __future__ import annotations

import re

import numpy as np
import pytest

from autograd.engine.tensor import Tensor
from autograd.engine.value import Value
from autograd.learning import nn
from autograd.learning.tensor_nn import MLP, Layer, l2
from autograd.learning.training import hinge_loss

ALPHA = 1e-3


def scalar_loss(model: nn.MLP, X: np.ndarray, y: np.ndarray) -> Value:
    """micrograd's demo loss, one Value at a time: mean hinge + ALPHA * sum of squared weights."""
    scores = [model([float(a) for a in row]) for row in X]
    data_loss = Value.sum([(1 - float(yi) * s).relu() for yi, s in zip(y, scores)]) / len(y)
    return data_loss + ALPHA * Value.sum([p * p for p in model.parameters()])


def batch(n: int, nin: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, nin)), np.where(rng.random(n) < 0.5, -1.0, 1.0)


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid"])
def test_scalar_and_tensor_engines_agree_on_loss_and_every_gradient(activation):
    scalar = nn.MLP(3, [5, 4, 1], activation=activation, seed=7)
    tensor = MLP.from_scalar(scalar)
    X, y = batch(6, 3, seed=1)

    expected = scalar_loss(scalar, X, y)
    expected.backward()
    loss = hinge_loss(tensor(X), y) + ALPHA * l2(tensor.parameters())
    loss.backward()

    assert abs(float(loss) - expected.data) <= 1e-9
    for scalar_layer, layer in zip(scalar.layers, tensor.layers, strict=True):
        for j, neuron in enumerate(scalar_layer.neurons):
            assert abs(layer.b.grad[j] - neuron.b.grad) <= 1e-9
            for i, w in enumerate(neuron.w):
                assert abs(layer.W.grad[i, j] - w.grad) <= 1e-9
    assert any(p.grad.any() for p in tensor.parameters())


def test_a_few_sgd_steps_follow_the_same_losses():
    scalar = nn.MLP(2, [8, 8, 1], activation="relu", seed=3)
    tensor = MLP.from_scalar(scalar)
    X, y = batch(10, 2, seed=2)
    for k in range(4):
        losses = []
        for model, loss in ((scalar, scalar_loss(scalar, X, y)),
                            (tensor, hinge_loss(tensor(X), y) + ALPHA * l2(tensor.parameters()))):
            model.zero_grad()
            loss.backward()
            for p in model.parameters():
                p.data -= (1.0 - 0.1 * k) * p.grad
            losses.append(float(loss.data))
        assert abs(losses[0] - losses[1]) <= 1e-9


def test_same_seed_same_weights_as_the_scalar_mlp():
    scalar = nn.MLP(2, [3, 1], activation="tanh", seed=5)
    tensor = MLP(2, [3, 1], activation="tanh", seed=5)
    W1, b1, W2, b2 = tensor.parameters()
    assert [p.label for p in tensor.parameters()] == ["L1.W", "L1.b", "L2.W", "L2.b"]
    assert (W1.shape, b1.shape, W2.shape, b2.shape) == ((2, 3), (3,), (3, 1), (1,))
    assert W1.data[1, 2] == scalar.layers[0].neurons[2].w[1].data
    assert W2.data[0, 0] == scalar.layers[1].neurons[0].w[0].data
    x = [0.3, -1.2]
    assert float(tensor(np.array(x))) == pytest.approx(scalar(x).data, abs=1e-12)
    assert repr(tensor) == ("MLP([Layer(2, 3, activation='tanh'), Layer(3, 1, activation='linear')])")


def test_zero_grad_resets_the_parameters():
    model = MLP(2, [2, 1], seed=0)
    model(np.ones((4, 2))).sum().backward()
    assert any(p.grad.any() for p in model.parameters())
    model.zero_grad()
    assert not any(p.grad.any() for p in model.parameters())


def test_layer_rejects_bad_shapes_and_activations():
    with pytest.raises(ValueError, match="unknown activation 'softmax'"):
        Layer(np.ones((2, 3)), np.zeros(3), activation="softmax")
    with pytest.raises(ValueError, match=re.escape("b of shape (nout,), got (2, 3) and (2,)")):
        Layer(np.ones((2, 3)), np.zeros(2))
    with pytest.raises(ValueError, match="matmul: shapes"):
        MLP(2, [3, 1])(np.ones((4, 3)))


def test_hinge_loss_by_hand():
    scores = Tensor([[2.0], [0.5], [-1.0]])
    loss = hinge_loss(scores, [1, 1, 1])
    assert float(loss) == pytest.approx(2.5 / 3)  # relu(1-2) + relu(1-0.5) + relu(1+1), averaged
    loss.backward()
    assert scores.grad.ravel() == pytest.approx([0.0, -1 / 3, -1 / 3])


def test_l2_by_hand():
    a, b = Tensor([[1.0, 2.0]]), Tensor([3.0])
    penalty = l2([a, b])
    assert float(penalty) == 14.0
    penalty.backward()
    assert a.grad.tolist() == [[2.0, 4.0]] and b.grad.tolist() == [6.0]
    with pytest.raises(ValueError, match="l2 needs at least one parameter"):
        l2([])
