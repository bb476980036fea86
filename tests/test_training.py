"""Losses, accuracy, the Trainer and its divergence detection, and the training dashboard driven from Python.

Oracles: losses, gradients and accuracies worked out by hand on two or three points; a linear
model (score = w . x + b) whose every step is computed by hand; the PNG signature for pictures.
"""

from __future__ import annotations

import base64
import math
import re

import numpy as np
import pytest

from autograd import MLP, Value
from autograd.engine.tensor import Tensor
from autograd.figures.training import training_figure
from autograd.learning import tensor_nn
from autograd.learning.data import make_moons
from autograd.learning.divergence import GROWTH
from autograd.learning.training import (
    Diverged,
    Trainer,
    accuracy,
    batch_scores,
    decision_grid,
    hinge_loss,
    logistic_loss,
)
from autograd.widgets.training import training_dashboard


def leaves(*numbers: float) -> list[Value]:
    return [Value(x, label=f"s{i + 1}") for i, x in enumerate(numbers)]


def linear_model(w1: float, w2: float, b: float) -> MLP:
    """score = w1*x1 + w2*x2 + b: one linear neuron."""
    model = MLP(2, [1])
    for p, x in zip(model.parameters(), (w1, w2, b)):
        p.data = x
    return model


# ----- losses and accuracy, by hand -----


def test_hinge_loss_by_hand():
    s = leaves(2.0, -0.5, 0.3)
    loss = hinge_loss(s, [1, 1, -1])  # max(0, 1-2) = 0, max(0, 1+0.5) = 1.5, max(0, 1+0.3) = 1.3
    assert loss.data == pytest.approx(2.8 / 3, rel=1e-15)
    loss.backward()  # d/ds = -y/3 where the margin is not met, 0 where it is
    assert [x.grad for x in s] == pytest.approx([0.0, -1 / 3, 1 / 3], rel=1e-15)


def test_hinge_loss_is_zero_once_every_margin_is_met():
    assert hinge_loss(leaves(1.0, -3.0), [1, -1]).data == 0.0


def test_logistic_loss_by_hand():
    s = leaves(0.0, 2.0)
    loss = logistic_loss(s, [1, -1])  # (ln(1 + e^0) + ln(1 + e^2)) / 2
    assert loss.data == pytest.approx((math.log(2) + math.log(1 + math.e**2)) / 2, rel=1e-14)
    loss.backward()  # d/ds ln(1 + e^(-y s)) = -y sigmoid(-y s), halved by the mean
    assert [x.grad for x in s] == pytest.approx([-0.5 / 2, (1 / (1 + math.e**-2)) / 2], rel=1e-14)


@pytest.mark.parametrize(("label", "loss", "grad"), [(-1, 1000.0, 1.0), (1, 0.0, 0.0)])
def test_logistic_loss_of_a_huge_score_does_not_overflow(label, loss, grad):
    (s,) = leaves(1000.0)
    out = logistic_loss([s], [label])  # ln(1 + e^1000) = 1000 + ln(1 + e^-1000); ln(1 + e^-1000) = 0
    out.backward()
    assert out.data == pytest.approx(loss, abs=1e-12)
    assert s.grad == pytest.approx(grad, abs=1e-12)


def test_accuracy_by_hand():
    # predicted +1 where the score is > 0: +1, -1, -1 (a score of 0 says -1), +1
    assert accuracy([0.5, -0.1, 0.0, 2.0], [1, -1, 1, -1]) == 0.5
    assert accuracy(leaves(3.0, -1.0), [1, -1]) == 1.0
    assert accuracy(np.array([-2.0]), np.array([1])) == 0.0


@pytest.mark.parametrize("function", [hinge_loss, logistic_loss, accuracy])
def test_zero_one_labels_are_refused_with_the_fix(function):
    with pytest.raises(ValueError, match=r"-1 or \+1, got 0 at index 1 .*2\*y - 1"):
        function(leaves(1.0, 2.0), [1, 0])


@pytest.mark.parametrize("function", [hinge_loss, logistic_loss, accuracy])
def test_scores_and_labels_must_pair_up(function):
    with pytest.raises(ValueError, match="2 scores but 3 labels"):
        function(leaves(1.0, 2.0), [1, -1, 1])
    with pytest.raises(ValueError, match="at least one score"):
        function([], [])


def test_a_loss_needs_values_to_backpropagate_through():
    with pytest.raises(TypeError, match="hinge_loss: scores must be Values.*float at index 0"):
        hinge_loss([0.5], [1])


# ----- fast scores for pictures -----


def test_batch_scores_and_grid_of_a_linear_model_by_hand():
    model = linear_model(2.0, -1.0, 0.5)
    points = np.array([[1.0, 1.0], [0.0, 3.0]])
    assert batch_scores(model, points) == pytest.approx([1.5, -2.5], rel=1e-15)
    xs, ys, grid = decision_grid(model, points, resolution=3, margin=1.0)
    assert xs[0].tolist() == [-1.0, 0.5, 2.0] and ys[:, 0].tolist() == [0.0, 2.0, 4.0]
    assert grid == pytest.approx(2 * xs - ys + 0.5, rel=1e-15)


def test_batch_scores_match_the_scalar_forward_pass():
    model = MLP(2, [4, 4, 1], seed=3)
    points, _ = make_moons(5, seed=0)
    assert batch_scores(model, points) == pytest.approx([model(x).data for x in points.tolist()], rel=1e-12)


def test_decision_grid_refuses_a_bad_resolution():
    with pytest.raises(ValueError, match="resolution must be an int >= 2, got 1"):
        decision_grid(linear_model(1, 1, 0), np.zeros((2, 2)), resolution=1)


# ----- the Trainer -----

POINTS = np.array([[1.0, 0.0], [-2.0, 0.0]])
LABELS = [1, -1]


def test_two_steps_of_a_linear_model_by_hand():
    model = linear_model(0.5, 0.0, 0.0)
    trainer = Trainer(model, POINTS, LABELS, lr=0.1)
    # step 1: scores 0.5, -1 -> hinge (0.5 + 0) / 2 = 0.25; only point 1 misses its margin:
    # dL/dw1 = -y x1 / 2 = -0.5, dL/dw2 = 0, dL/db = -y / 2 = -0.5 -> w1 = 0.55, b = 0.05
    assert trainer.step() == pytest.approx(0.25, rel=1e-15)
    assert [p.data for p in model.parameters()] == pytest.approx([0.55, 0.0, 0.05], rel=1e-15)
    # step 2: scores 0.6, -1.05 -> (0.4 + 0) / 2 = 0.2
    assert trainer.step() == pytest.approx(0.2, rel=1e-14)
    assert trainer.steps == 2 and trainer.losses == pytest.approx([0.25, 0.2], rel=1e-14)
    assert trainer.accuracies == [1.0, 1.0]


def moons_trainer(lr: float = 0.3) -> Trainer:
    points, y = make_moons(30, noise=0.1, seed=1)
    return Trainer(MLP(2, [4, 1], seed=0), points, 2 * y - 1, lr=lr, momentum=0.9)


def test_training_on_moons_lowers_the_loss_and_reaches_the_steps():
    trainer = moons_trainer()
    seen = []
    trainer.train(20, on_step=lambda t: seen.append(t.steps))
    assert seen == list(range(1, 21))
    assert trainer.losses[-1] < 0.5 * trainer.losses[0]
    assert trainer.accuracies[-1] > 0.75


def test_a_huge_learning_rate_stops_with_a_clear_message_and_reset_recovers():
    trainer = moons_trainer(lr=100.0)
    start = [p.data for p in trainer.model.parameters()]
    with pytest.raises(Diverged) as info:
        trainer.train(20)
    error = info.value
    assert error.lr == 100.0 and error.step == trainer.steps < 20
    assert trainer.losses[-1] > GROWTH * trainer.losses[0]
    message = str(error)
    assert message.startswith(f"diverged at step {error.step} with lr = 100: the loss grew from ")
    assert "try a smaller learning rate" in message
    assert trainer.diverged is error
    with pytest.raises(RuntimeError, match="call reset"):
        trainer.step()
    trainer.reset()
    assert [p.data for p in trainer.model.parameters()] == start
    assert trainer.losses == [] and trainer.accuracies == [] and trainer.diverged is None
    assert trainer.lr == 100.0  # kept: the learner chooses the next one
    trainer.lr = 0.3
    trainer.train(20)
    assert trainer.losses[-1] < 0.5 * trainer.losses[0]


def test_an_overflowing_step_is_caught_as_divergence_and_changes_nothing():
    model = linear_model(0.0, 0.0, 0.0)
    trainer = Trainer(model, np.array([[4.0, 0.0], [-4.0, 0.0]]), LABELS, lr=1e308)
    # scores 0, 0: both miss the margin, dL/dw1 = (-4 - 4) / 2 = -4; 0 + 1e308 * 4 is past the largest float
    with pytest.raises(Diverged, match=r"^diverged at step 1 with lr = 1e\+308: L1.n1.w1 would become inf"):
        trainer.step()
    assert [p.data for p in model.parameters()] == [0.0, 0.0, 0.0]  # SGD changes nothing when it refuses
    assert trainer.diverged is not None and trainer.diverged.step == 1 and trainer.steps == 1


def test_trainer_refuses_bad_input():
    with pytest.raises(ValueError, match=r"shape \(n, inputs\).*\(3,\)"):
        Trainer(MLP(2, [1]), np.zeros(3), [1, -1, 1], lr=0.1)
    with pytest.raises(ValueError, match=r"cannot read points of shape \(3, 3\): this Neuron takes 2 inputs"):
        Trainer(MLP(2, [1]), np.zeros((3, 3)), [1, -1, 1], lr=0.1)
    with pytest.raises(ValueError, match=r"cannot read points of shape \(3, 3\)"):
        Trainer(tensor_nn.MLP(2, [1]), np.zeros((3, 3)), [1, -1, 1], lr=0.1)
    with pytest.raises(ValueError, match="2 points but 3 labels"):
        Trainer(MLP(2, [1]), POINTS, [1, -1, 1], lr=0.1)
    with pytest.raises(ValueError, match="Trainer: labels must be -1 or"):
        Trainer(MLP(2, [1]), POINTS, [1, 0], lr=0.1)
    with pytest.raises(ValueError, match="lr = -1"):
        Trainer(MLP(2, [1]), POINTS, LABELS, lr=-1)
    with pytest.raises(ValueError, match="steps must be a whole number >= 0, got 2.5"):
        Trainer(MLP(2, [1]), POINTS, LABELS, lr=0.1).train(2.5)


# ----- one Trainer for both engines -----


def engines_trainers(lr: float, momentum: float = 0.9, loss=hinge_loss) -> tuple[Trainer, Trainer]:
    """The same run twice: a scalar MLP and a tensor MLP from the same seed, so the same 41 weights."""
    points, y = make_moons(40, noise=0.1, seed=0)
    return tuple(Trainer(network(2, [10, 1], seed=0), points, 2 * y - 1, lr=lr, momentum=momentum, loss=loss)
                 for network in (MLP, tensor_nn.MLP))


@pytest.mark.parametrize("loss", [hinge_loss, logistic_loss])
def test_scalar_and_tensor_trainers_follow_the_same_losses(loss):
    scalar, tensor = engines_trainers(lr=0.5, loss=loss)
    scalar.train(30)
    tensor.train(30)
    assert np.abs(np.array(scalar.losses) - np.array(tensor.losses)).max() < 1e-10
    assert scalar.accuracies == tensor.accuracies and scalar.accuracy_now() == tensor.accuracy_now()
    assert scalar.losses[-1] < 0.5 * scalar.losses[0]
    weights = np.concatenate([np.ravel(p.data) for p in tensor.model.parameters()])
    assert np.abs(weights).max() > 0.1  # the run moved the weights: the comparison is not trivial
    assert batch_scores(scalar.model, scalar.points) == pytest.approx(
        batch_scores(tensor.model, tensor.points), abs=1e-10)
    grids = [decision_grid(t.model, t.points, resolution=5)[2] for t in (scalar, tensor)]
    assert grids[0] == pytest.approx(grids[1], abs=1e-10)


def test_tensor_losses_agree_with_the_scalar_losses_and_their_gradients():
    values, labels = [0.0, 2.0, -1000.0, 0.3], [1, -1, 1, -1]
    for loss in (hinge_loss, logistic_loss):
        scalar = leaves(*values)
        tensor = Tensor(np.array(values)[:, None])
        expected, got = loss(scalar, labels), loss(tensor, labels)
        expected.backward()
        got.backward()
        assert got.item() == pytest.approx(expected.data, rel=1e-14)
        assert tensor.grad[:, 0] == pytest.approx([s.grad for s in scalar], rel=1e-14), loss.__name__
    assert accuracy(Tensor(np.array([[0.5], [-1.0]])), [1, 1]) == 0.5


@pytest.mark.parametrize(("lr", "step", "what"), [
    (10.0, 3, "the loss grew from 0.9"),  # rule 3: a loss 10 times its start
    (1e7, 1, "would become"),  # rule 2: the first step takes a weight past 1e6
])
def test_both_engines_diverge_alike(lr, step, what):
    scalar, tensor = engines_trainers(lr=lr)
    errors = []
    for trainer in (scalar, tensor):
        with pytest.raises(Diverged) as info:
            trainer.train(60)
        errors.append(info.value)
    assert [(e.step, e.lr) for e in errors] == [(step, lr)] * 2
    assert all(what in e.what for e in errors) and all(str(e).endswith("; try a smaller learning rate")
                                                       for e in errors)
    if what.startswith("the loss"):
        assert str(errors[0]) == str(errors[1])
    assert scalar.losses == pytest.approx(tensor.losses, abs=1e-10)


def test_the_dashboard_trains_a_tensor_network_and_shows_its_divergence():
    _, trainer = engines_trainers(lr=0.5)
    dashboard = training_dashboard(trainer, steps=10, redraw_every=5)
    dashboard.train_button.click()
    assert "Trained 10 steps" in dashboard.message.value and trainer.steps == 10
    dashboard.reset_button.click()
    dashboard.lr.value = 10.0
    dashboard.train_button.click()
    assert "Stopped: diverged at step 3 with lr = 10: the loss grew from" in dashboard.message.value
    assert dashboard.train_button.disabled and png_bytes(dashboard.plot.outputs[0]).startswith(b"\x89PNG")


def test_a_tensor_trainer_resets_to_its_starting_weights():
    _, trainer = engines_trainers(lr=10.0)
    start = [p.data.copy() for p in trainer.model.parameters()]
    with pytest.raises(Diverged):
        trainer.train(10)
    trainer.reset()
    assert all((p.data == w).all() and not p.grad.any() for p, w in zip(trainer.model.parameters(), start))
    trainer.lr = 0.5
    trainer.train(5)
    assert trainer.steps == 5 and trainer.diverged is None


def test_a_non_finite_loss_is_divergence_and_is_not_drawn():
    trainer = Trainer(tensor_nn.MLP(2, [1], seed=0), np.array([[1.0, 0.0], [-1.0, 0.0]]), LABELS, lr=0.1)
    trainer.model.layers[0].W.data[0, 0] = -np.inf  # scores -inf and +inf, both wrong: the loss is inf
    with np.errstate(invalid="ignore"), pytest.raises(Diverged, match="^diverged at step 1 .*loss became"):
        trainer.step()
    assert trainer.losses == [] and trainer.steps == 0


# ----- pictures and the dashboard -----


def png_bytes(output: dict) -> bytes:
    return base64.b64decode(output["data"]["image/png"])


def test_training_figure_shows_the_loss_and_the_accuracy_now():
    points = np.array([[1.0, 0.0], [-1.0, 0.0], [2.0, 1.0], [-2.0, 1.0]])
    trainer = Trainer(linear_model(1.0, 0.0, 0.0), points, [1, -1, -1, 1], lr=0.1)  # score = x1
    figure = training_figure(trainer)  # predictions +1, -1, +1, -1: two of four right
    loss_axes, boundary_axes = figure.axes
    assert loss_axes.get_title() == "loss"
    assert boundary_axes.get_title() == "decision boundary after 0 steps: accuracy 50%"


def test_dashboard_trains_diverges_resets_and_trains_again():
    dashboard = training_dashboard(moons_trainer(), steps=20, redraw_every=5)
    assert "Ready" in dashboard.message.value and dashboard.lr.value == 0.3
    assert dashboard.lr.options[0] == ("0.001", 0.001) and dashboard.lr.options[-1] == ("100", 100.0)
    assert png_bytes(dashboard.plot.outputs[0]).startswith(b"\x89PNG")
    first_picture = dashboard.plot.outputs

    dashboard.lr.value = 0.3
    dashboard.train_button.click()
    trainer = dashboard.trainer
    assert dashboard.progress.value == dashboard.progress.max == 20
    assert trainer.lr == 0.3 and trainer.losses[-1] < 0.5 * trainer.losses[0]
    assert "Trained 20 steps" in dashboard.message.value and "accuracy" in dashboard.message.value
    assert dashboard.plot.outputs != first_picture
    assert not dashboard.train_button.disabled
    dashboard.steps.value = 5
    dashboard.train_button.click()  # goes on from where it stopped
    assert "Trained 5 more steps (25 in all)" in dashboard.message.value and trainer.steps == 25

    dashboard.reset_button.click()
    dashboard.lr.value = 100.0
    dashboard.train_button.click()
    message = dashboard.message.value
    assert "diverged at step" in message and "lr = 100" in message
    assert "try a smaller learning rate" in message and "Reset" in message
    assert dashboard.progress.value < dashboard.progress.max and dashboard.progress.bar_style == "danger"
    assert dashboard.train_button.disabled

    dashboard.reset_button.click()
    assert dashboard.progress.value == 0 and trainer.steps == 0 and not dashboard.train_button.disabled
    dashboard.lr.value = 0.3
    dashboard.steps.value = 10
    dashboard.train_button.click()
    assert dashboard.progress.value == dashboard.progress.max == 10
    assert "Trained 10 steps" in dashboard.message.value and trainer.diverged is None


def test_the_dashboard_says_the_accuracy_its_picture_shows():
    """One number, one rounding: the status line and the figure title, both of the model after training."""
    dashboard = training_dashboard(moons_trainer(), steps=5, redraw_every=5)  # 80% before step 5, 77% after
    dashboard.train_button.click()
    trainer = dashboard.trainer
    right = [(trainer.model([Value(float(c)) for c in x]).data > 0) == (label > 0)
             for x, label in zip(trainer.points, trainer.labels)]  # the scalar engine, point by point
    percent = f"{sum(right) / len(right):.0%}"
    assert f"accuracy {percent}." in dashboard.message.value
    assert training_figure(trainer).axes[1].get_title().endswith(f"accuracy {percent}")


@pytest.mark.parametrize(("options", "words"), [
    ({"redraw_every": 0}, "redraw_every must be a whole number from 1 to 300, got 0"),
    ({"steps": 301}, "steps must be a whole number from 1 to 300, got 301"),
    ({"steps": 2.5}, "steps must be a whole number from 1 to 300, got 2.5"),
])
def test_dashboard_refuses_bad_numbers_of_steps(options, words):
    with pytest.raises(ValueError, match=re.escape(words)):
        training_dashboard(moons_trainer(), **options)
