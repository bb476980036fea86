"""Training a classifier of points: a loss, an accuracy, and one loop for any network.

Labels are +1 or -1. The model gives each point a *score* s and predicts +1 where s > 0.
One step of training is four lines::

    loss = hinge_loss(forward(model, X), labels)        # 1. forward pass
    model.zero_grad()                                   # 2. forget the last step's gradient
    loss.backward()                                     # 3. backpropagation computes the gradient
    optimizer.step()                                    # 4. gradient descent uses it: W <- W - lr * G

The forward pass fits the engine: a scalar ``autograd.learning.nn.MLP`` scores one point (a list of
numbers) at a time and gives a list of Values; a tensor ``autograd.learning.tensor_nn.MLP`` scores the
whole batch (an array, one row per point) in one call and gives a Tensor of shape (n, 1).
The losses and ``accuracy`` take either. ``Trainer`` runs the four lines step after step,
records the loss and the accuracy, and stops with ``Diverged`` (``autograd.learning.divergence``).
"""

from __future__ import annotations

import copy
import numbers
from collections.abc import Callable, Sequence

import numpy as np

from autograd.engine.tensor import Tensor
from autograd.engine.value import Value
from autograd.language import _
from autograd.learning import tensor_nn
from autograd.learning.divergence import Diverged, as_step, check_loss
from autograd.learning.nn import Module
from autograd.learning.optim import SGD

__all__ = ["Diverged", "Trainer", "accuracy", "batch_scores", "decision_grid", "forward", "hinge_loss",
           "logistic_loss"]

Scores = Sequence[Value] | Tensor  # one Value per point (scalar engine), or a Tensor of shape (n, 1)
LossFunction = Callable[[Scores, Sequence[float]], Value | Tensor]


def _labels(labels: Sequence[float], who: str) -> list[float]:
    """The labels as floats, each -1.0 or +1.0, or a ValueError naming the first bad one."""
    checked = []
    for i, y in enumerate(labels):
        if isinstance(y, bool) or not isinstance(y, numbers.Real) or y not in (-1, 1):
            message = _("{who}: labels must be -1 or +1, got {label} at index {index} "
                        "(turn 0/1 labels into -1/+1 with 2*y - 1)")
            raise ValueError(message.format(who=who, label=repr(y), index=i))
        checked.append(float(y))
    return checked


def _pairs(scores: Sequence[Value | float], labels: Sequence[float], who: str) -> list[float]:
    """Check that there is one label per score (at least one); return the labels as floats."""
    if len(scores) != len(labels):
        raise ValueError(_("{who}: {scores} scores but {labels} labels; they go in pairs").format(
            who=who, scores=len(scores), labels=len(labels)))
    if len(scores) == 0:
        raise ValueError(_("{who}: needs at least one score, got none").format(who=who))
    return _labels(labels, who)


def _loss_labels(scores: Scores, labels: Sequence[float], who: str) -> list[float] | np.ndarray:
    """``_pairs``; Value scores must all be Values (a loss is backpropagated through).

    For a Tensor of scores, the labels come back as an array of its shape.
    """
    if isinstance(scores, Tensor):
        return np.array(_pairs(scores.data.ravel(), labels, who)).reshape(scores.shape)
    for i, s in enumerate(scores):
        if not isinstance(s, Value):
            raise TypeError(_("{who}: scores must be Values or one Tensor (to backpropagate through), "
                              "got {type} at index {index}").format(who=who, type=type(s).__name__, index=i))
    return _pairs(scores, labels, who)


def hinge_loss(scores: Scores, labels: Sequence[float]) -> Value | Tensor:
    """The mean of max(0, 1 - y*s) over the points (the margin loss of micrograd's demo).

    A point adds nothing once its score has the right sign with a margin of 1 (y*s >= 1);
    otherwise it adds 1 - y*s, more the further its score is on the wrong side.
    """
    labels = _loss_labels(scores, labels, "hinge_loss")
    if isinstance(scores, Tensor):
        return (1.0 - labels * scores).relu().mean()
    return Value.sum([(1.0 - y * s).relu() for s, y in zip(scores, labels)]) / len(labels)


def _softplus(z: Value) -> Value:
    """ln(1 + e**z), written so that e** never overflows: z + ln(1 + e**-z) when z > 0."""
    if z.data > 0.0:
        return z + ((-z).exp() + 1.0).log()
    return (z.exp() + 1.0).log()


def _tensor_softplus(z: Tensor) -> Tensor:
    """``_softplus`` entry by entry: with p = 1 where z > 0 (else 0), z p + ln(1 + e**(z (1 - 2p)))."""
    p = (z.data > 0.0).astype(float)
    return z * p + ((z * (1.0 - 2.0 * p)).exp() + 1.0).log()


def logistic_loss(scores: Scores, labels: Sequence[float]) -> Value | Tensor:
    """The mean of ln(1 + e**(-y*s)) over the points: -ln of the probability sigmoid(y*s) of the right label.

    Never zero, but small once y*s is large: it keeps pushing every score further to its side.
    """
    labels = _loss_labels(scores, labels, "logistic_loss")
    if isinstance(scores, Tensor):
        return _tensor_softplus((-labels) * scores).mean()
    return Value.sum([_softplus(-y * s) for s, y in zip(scores, labels)]) / len(labels)


def accuracy(scores: Scores | Sequence[float] | np.ndarray, labels: Sequence[float]) -> float:
    """The fraction of points whose predicted label (+1 if s > 0, else -1) is their label."""
    if isinstance(scores, Tensor):
        scores = scores.data.ravel()
    labels = _pairs(scores, labels, "accuracy")
    right = sum((1.0 if float(s) > 0.0 else -1.0) == y for s, y in zip(scores, labels))
    return right / len(labels)


def _is_tensor_model(model: Module) -> bool:
    """True when the model's parameters are Tensors (it reads a batch), False for Values (one point)."""
    params = model.parameters()
    if not params:
        raise ValueError(_("{model} has no parameters to train").format(model=type(model).__name__))
    return isinstance(params[0], Tensor)


def forward(model: Module, points: np.ndarray) -> Scores:
    """The forward pass on every point (one per row), as a graph to backpropagate through.

    A tensor model reads the whole array at once: model(points), a Tensor of shape (n, 1).
    A scalar model reads one point at a time: [model(x) for x in points], n Values.
    """
    if _is_tensor_model(model):
        return model(np.asarray(points, dtype=float))
    return [model(x) for x in np.asarray(points, dtype=float).tolist()]


def batch_scores(model: Module, points: np.ndarray) -> np.ndarray:
    """The model's score of every point (one per row), all at once, as an array of n numbers.

    A scalar ``MLP`` is first copied into a ``tensor_nn.MLP`` with the same weights: the points
    then go through in a few numpy matrix products, the same numbers as ``model(x)`` point by
    point, many times faster.
    """
    points = np.asarray(points, dtype=float)
    network = model if _is_tensor_model(model) else tensor_nn.MLP.from_scalar(model)
    return network(points).data.reshape(len(points))


def decision_grid(model: Module, points: np.ndarray, resolution: int = 30,
                  margin: float = 0.5) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The model's scores on a resolution x resolution grid covering ``points`` (plus ``margin``).

    Returns ``(xs, ys, grid)`` as from ``np.meshgrid``: the decision boundary is where grid = 0.
    """
    if not isinstance(resolution, int) or resolution < 2:
        raise ValueError(_("decision_grid: resolution must be an int >= 2, got {resolution}").format(
            resolution=repr(resolution)))
    points = np.asarray(points, dtype=float)
    low, high = points.min(axis=0) - margin, points.max(axis=0) + margin
    xs, ys = np.meshgrid(np.linspace(low[0], high[0], resolution), np.linspace(low[1], high[1], resolution))
    grid = batch_scores(model, np.column_stack([xs.ravel(), ys.ravel()]))
    return xs, ys, grid.reshape(xs.shape)


class Trainer:
    """Gradient descent of ``model`` (any ``Module``) on all the points at once, one recorded step at a time.

    ``step()`` runs the four lines (forward, zero_grad, backward, optimizer step) and appends
    the loss and the accuracy of that forward pass to ``losses`` and ``accuracies``. It raises
    ``Diverged`` when the run diverges (``autograd.learning.divergence``: a number not finite, a weight
    past 1e6, a loss past 10 times its first value); the trainer then refuses to go on until
    ``reset()`` puts back the weights it started from.

    The model needs ``parameters()`` (all Values or all Tensors), ``zero_grad()``, and a call:
    on one point (a list of numbers) giving one Value for Value parameters, on the whole
    array of points giving a Tensor of n scores for Tensor parameters (see ``forward``).
    """

    def __init__(self, model: Module, points: np.ndarray, labels: Sequence[float], lr: float,
                 momentum: float = 0.0, loss: LossFunction = hinge_loss) -> None:
        array = np.asarray(points, dtype=float)
        if array.ndim != 2 or len(array) == 0:
            raise ValueError(_("Trainer: points must be an array of shape (n, inputs), one row per point, "
                               "got shape {shape}").format(shape=array.shape))
        self.labels = _labels(labels, "Trainer")
        if len(self.labels) != len(array):
            raise ValueError(_("Trainer: {points} points but {labels} labels; they go in pairs").format(
                points=len(array), labels=len(self.labels)))
        try:
            forward(model, array[:1])  # a model that cannot read these points says so now, not at step 1
        except (ValueError, TypeError) as error:
            raise ValueError(_("Trainer: the model cannot read points of shape {shape}: {error}").format(
                shape=array.shape, error=error)) from error
        self.model = model
        self.points = array
        self.loss_function = loss
        self.optimizer = SGD(model.parameters(), lr, momentum)
        self._start = [copy.copy(p.data) for p in model.parameters()]
        self.losses: list[float] = []
        self.accuracies: list[float] = []
        self.diverged: Diverged | None = None

    @property
    def lr(self) -> float:
        """The optimizer's learning rate (validated by ``SGD``)."""
        return self.optimizer.lr

    @lr.setter
    def lr(self, lr: float) -> None:
        self.optimizer.lr = lr

    @property
    def steps(self) -> int:
        """How many steps have run since the start (or the last reset)."""
        return len(self.losses)

    def accuracy_now(self) -> float:
        """The accuracy of the model as it is now, after the last step's update.

        ``accuracies[-1]`` is that step's forward pass, before its update: a picture of the model
        and a sentence about it both read this one number.
        """
        return accuracy(batch_scores(self.model, self.points), self.labels)

    def step(self) -> float:
        """One step of gradient descent; returns the loss of its forward pass."""
        if self.diverged is not None:
            message = _("Trainer: training diverged at step {step}; call reset() before training again")
            raise RuntimeError(message.format(step=self.diverged.step))
        number = self.steps + 1
        try:
            with as_step(number, self.lr):
                outputs = forward(self.model, self.points)
                loss = self.loss_function(outputs, self.labels)
                value = float(loss.data)
                if np.isfinite(value):  # the loss curve holds numbers it can draw
                    self.losses.append(value)
                    self.accuracies.append(accuracy(outputs, self.labels))
                check_loss(value, self.losses[0] if number > 1 else None, number, self.lr)
                self.model.zero_grad()
                loss.backward()
                self.optimizer.step()
        except Diverged as error:
            self.diverged = error
            raise
        return value

    def train(self, steps: int, on_step: Callable[[Trainer], None] | None = None) -> None:
        """Run ``steps`` steps, calling ``on_step(self)`` after each; stops by raising ``Diverged``."""
        if not isinstance(steps, int) or isinstance(steps, bool) or steps < 0:
            raise ValueError(_("Trainer.train: steps must be a whole number >= 0, got {steps}").format(
                steps=repr(steps)))
        for _step in range(steps):  # not "_": that name is the translation function
            self.step()
            if on_step is not None:
                on_step(self)

    def reset(self) -> None:
        """Put back the starting weights, forget the history and the optimizer's momentum; keep lr."""
        for p, w in zip(self.model.parameters(), self._start):
            p.data = copy.copy(w)
            p.zero_grad()
        self.optimizer = SGD(self.model.parameters(), self.lr, self.optimizer.momentum)
        self.losses, self.accuracies, self.diverged = [], [], None
