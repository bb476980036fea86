"""Training a classifier of points: a loss, an accuracy, and a loop that notices divergence.

Labels are +1 or -1. The model gives each point a *score* s and predicts +1 where s > 0.
One step of training is four lines::

    loss = hinge_loss([model(x) for x in X], labels)   # 1. forward pass
    model.zero_grad()                                   # 2. forget the last step's gradient
    loss.backward()                                     # 3. backpropagation computes the gradient
    optimizer.step()                                    # 4. gradient descent uses it: W <- W - lr * G

``Trainer`` runs those four lines step after step, records the loss and the accuracy,
and stops with ``Diverged`` when the learning rate is too large for the loss to settle.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Sequence

import numpy as np

from autograd import tensor_nn
from autograd.nn import MLP
from autograd.optim import SGD
from autograd.value import Value

LossFunction = Callable[[Sequence[Value], Sequence[float]], Value]

EXPLOSION = 10.0  # the loss has exploded once it is this many times larger than at the first step


def _labels(labels: Sequence[float], who: str) -> list[float]:
    """The labels as floats, each -1.0 or +1.0, or a ValueError naming the first bad one."""
    checked = []
    for i, y in enumerate(labels):
        if isinstance(y, bool) or not isinstance(y, numbers.Real) or y not in (-1, 1):
            raise ValueError(f"{who}: labels must be -1 or +1, got {y!r} at index {i} "
                             f"(turn 0/1 labels into -1/+1 with 2*y - 1)")
        checked.append(float(y))
    return checked


def _pairs(scores: Sequence[Value | float], labels: Sequence[float], who: str) -> list[float]:
    """Check that there is one label per score (at least one); return the labels as floats."""
    if len(scores) != len(labels):
        raise ValueError(f"{who}: {len(scores)} scores but {len(labels)} labels; they go in pairs")
    if len(scores) == 0:
        raise ValueError(f"{who}: needs at least one score, got none")
    return _labels(labels, who)


def _loss_labels(scores: Sequence[Value], labels: Sequence[float], who: str) -> list[float]:
    """``_pairs``, and every score must be a Value: a loss is backpropagated through."""
    for i, s in enumerate(scores):
        if not isinstance(s, Value):
            raise TypeError(f"{who}: scores must be Values (to backpropagate through), "
                            f"got {type(s).__name__} at index {i}")
    return _pairs(scores, labels, who)


def hinge_loss(scores: Sequence[Value], labels: Sequence[float]) -> Value:
    """The mean of max(0, 1 - y*s) over the points (the margin loss of micrograd's demo).

    A point adds nothing once its score has the right sign with a margin of 1 (y*s >= 1);
    otherwise it adds 1 - y*s, more the further its score is on the wrong side.
    """
    labels = _loss_labels(scores, labels, "hinge_loss")
    return Value.sum([(1.0 - y * s).relu() for s, y in zip(scores, labels)]) / len(labels)


def _softplus(z: Value) -> Value:
    """ln(1 + e**z), written so that e** never overflows: z + ln(1 + e**-z) when z > 0."""
    if z.data > 0.0:
        return z + ((-z).exp() + 1.0).log()
    return (z.exp() + 1.0).log()


def logistic_loss(scores: Sequence[Value], labels: Sequence[float]) -> Value:
    """The mean of ln(1 + e**(-y*s)) over the points: -ln of the probability sigmoid(y*s) of the right label.

    Never zero, but small once y*s is large: it keeps pushing every score further to its side.
    """
    labels = _loss_labels(scores, labels, "logistic_loss")
    return Value.sum([_softplus(-y * s) for s, y in zip(scores, labels)]) / len(labels)


def accuracy(scores: Sequence[Value | float] | np.ndarray, labels: Sequence[float]) -> float:
    """The fraction of points whose predicted label (+1 if s > 0, else -1) is their label."""
    labels = _pairs(scores, labels, "accuracy")
    right = sum((1.0 if float(s) > 0.0 else -1.0) == y for s, y in zip(scores, labels))
    return right / len(labels)


def batch_scores(model: MLP, points: np.ndarray) -> np.ndarray:
    """The model's score of every point (one per row), all at once, without building a graph.

    A ``tensor_nn.MLP`` copy of the weights runs the points through in a few numpy matrix
    products: the same numbers as ``model(x)`` point by point, many times faster.
    """
    points = np.asarray(points, dtype=float)
    return tensor_nn.MLP.from_scalar(model)(points).data[:, 0]


def decision_grid(model: MLP, points: np.ndarray, resolution: int = 30,
                  margin: float = 0.5) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The model's scores on a resolution x resolution grid covering ``points`` (plus ``margin``).

    Returns ``(xs, ys, grid)`` as from ``np.meshgrid``: the decision boundary is where grid = 0.
    """
    if not isinstance(resolution, int) or resolution < 2:
        raise ValueError(f"decision_grid: resolution must be an int >= 2, got {resolution!r}")
    points = np.asarray(points, dtype=float)
    low, high = points.min(axis=0) - margin, points.max(axis=0) + margin
    xs, ys = np.meshgrid(np.linspace(low[0], high[0], resolution), np.linspace(low[1], high[1], resolution))
    grid = batch_scores(model, np.column_stack([xs.ravel(), ys.ravel()]))
    return xs, ys, grid.reshape(xs.shape)


class Diverged(ArithmeticError):
    """Training stopped at ``step``: with learning rate ``lr`` the loss exploded (``reason`` says how)."""

    def __init__(self, step: int, lr: float, reason: str) -> None:
        self.step, self.lr, self.reason = step, lr, reason
        super().__init__(f"the loss exploded at step {step} with lr = {lr:g}: {reason}; "
                         f"try a smaller learning rate")


class Trainer:
    """Gradient descent of ``model`` on all the points at once, one recorded step at a time.

    ``step()`` runs the four lines (forward, zero_grad, backward, optimizer step) and appends
    the loss and the accuracy of that forward pass to ``losses`` and ``accuracies``. It raises
    ``Diverged`` when a number overflows or the loss grows past ``EXPLOSION`` times its first
    value; the trainer then refuses to go on until ``reset()`` puts back the weights it started from.
    """

    def __init__(self, model: MLP, points: np.ndarray, labels: Sequence[float], lr: float,
                 momentum: float = 0.0, loss: LossFunction = hinge_loss) -> None:
        nin = len(model.layers[0].neurons[0].w)
        array = np.asarray(points, dtype=float)
        if array.ndim != 2 or array.shape[1] != nin:
            raise ValueError(f"Trainer: points must be an array of shape (n, {nin}) for this model, "
                             f"got shape {array.shape}")
        self.labels = _labels(labels, "Trainer")
        if len(self.labels) != len(array):
            raise ValueError(f"Trainer: {len(array)} points but {len(self.labels)} labels; they go in pairs")
        self.model = model
        self.points = array
        self.loss_function = loss
        self.optimizer = SGD(model.parameters(), lr, momentum)
        self._rows = array.tolist()  # plain floats: the scalar forward pass reads them fastest
        self._start = [p.data for p in model.parameters()]
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
            raise RuntimeError(f"Trainer: training diverged at step {self.diverged.step}; "
                               f"call reset() before training again")
        number = self.steps + 1
        try:
            outputs = [self.model(x) for x in self._rows]
            loss = self.loss_function(outputs, self.labels)
            self.losses.append(loss.data)
            self.accuracies.append(accuracy(outputs, self.labels))
            if loss.data > EXPLOSION * self.losses[0]:
                raise Diverged(number, self.lr, f"it grew from {self.losses[0]:.4g} to {loss.data:.4g}, "
                                                f"more than {EXPLOSION:g} times where it started")
            self.model.zero_grad()
            loss.backward()
            self.optimizer.step()
        except Diverged as error:
            self.diverged = error
            raise
        except (OverflowError, FloatingPointError) as error:
            self.diverged = Diverged(number, self.lr, f"a number grew too large for a float ({error})")
            raise self.diverged from error
        return loss.data

    def train(self, steps: int, on_step: Callable[[Trainer], None] | None = None) -> None:
        """Run ``steps`` steps, calling ``on_step(self)`` after each; stops by raising ``Diverged``."""
        if not isinstance(steps, int) or isinstance(steps, bool) or steps < 0:
            raise ValueError(f"Trainer.train: steps must be a whole number >= 0, got {steps!r}")
        for _ in range(steps):
            self.step()
            if on_step is not None:
                on_step(self)

    def reset(self) -> None:
        """Put back the starting weights, forget the history and the optimizer's momentum; keep lr."""
        for p, w in zip(self.model.parameters(), self._start):
            p.data, p.grad = w, 0.0
        self.optimizer = SGD(self.model.parameters(), self.lr, self.optimizer.momentum)
        self.losses, self.accuracies, self.diverged = [], [], None
