"""Gradient descent on a loss built with ``Value``: the path it takes, and the regime it is in.

Backpropagation *computes* the gradient G; gradient descent *uses* it to move the weights::

    W(n+1) = W(n) - lr * G(n)

``descend(loss, start, lr, steps)`` repeats the forward pass, ``backward()`` and one
``SGD`` step, and records every point on the way as a ``Path``. A step that diverges
(the rule of ``autograd.learning.divergence``: a number not finite, or a weight past ``limit``)
ends the path early, and the path keeps the ``Diverged`` error (no exception).

``classify(path)`` names the regime from the path alone (did the loss grow, did the
steps keep changing direction, has the gradient shrunk?), so it works for any loss.
For a quadratic L = k/2 (w - w*)^2, where w(n) - w* = (1 - lr k)^n (w(0) - w*), it
agrees with the thresholds: lr < 1/k too small or good, 1/k < lr < 2/k too large
(w oscillates around w* and converges), lr > 2/k far too large (diverges).
"""

from __future__ import annotations

import inspect
import math
import numbers
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from autograd.engine.numeric import is_finite_number
from autograd.engine.value import Value
from autograd.language import N_, _
from autograd.learning.divergence import LIMIT, Diverged, as_step, check_loss
from autograd.learning.optim import SGD

Loss = Callable[..., Value]  # one Value per weight in, the loss Value out

SETTLED = 0.01  # converged: the gradient shrank below 1% of its size at the start
NEGLIGIBLE = 1e-9  # moves below this fraction of a weight's largest move are rounding noise


class Regime(Enum):
    """What a learning rate does, as seen on a path."""

    TOO_SMALL = N_("too small (crawls)")  # the values are English; regime_name() translates them
    GOOD = N_("good")
    TOO_LARGE = N_("too large (oscillates)")
    FAR_TOO_LARGE = N_("far too large (diverges)")


def regime_name(regime: Regime) -> str:
    """The name of ``regime`` in the language spoken now ("good", "too large (oscillates)"...)."""
    return _(regime.value)


@dataclass(frozen=True)
class Path:
    """The points W(0), W(1), ... of a descent, with the loss and the gradient at each.

    ``weights[n]`` holds one number per weight (in the order of ``names``);
    ``stop`` says why the path ended before its last step ("" when it took them all):
    the message of the ``Diverged`` error it met, kept in ``error``.
    """

    names: tuple[str, ...]
    weights: tuple[tuple[float, ...], ...]
    losses: tuple[float, ...]
    gradients: tuple[tuple[float, ...], ...]
    lr: float
    momentum: float = 0.0
    error: Diverged | None = None

    @property
    def stop(self) -> str:
        """Why the path ended early: the divergence message, or "" when it took all its steps."""
        return "" if self.error is None else str(self.error)

    @property
    def steps(self) -> int:
        """The number of steps taken: one less than the number of points."""
        return len(self.weights) - 1

    @property
    def diverged(self) -> bool:
        """True when a step diverged, ending the path early."""
        return self.error is not None

    def column(self, name: str) -> tuple[float, ...]:
        """The values of one weight along the path."""
        if name not in self.names:
            raise KeyError(f"Path.column: no weight {name!r}; the weights are {', '.join(self.names)}")
        i = self.names.index(name)
        return tuple(point[i] for point in self.weights)

    def __str__(self) -> str:
        """A table: step, weights, loss and gradient at each point (4 significant digits)."""
        header = [_("step"), *self.names, _("loss"), *(f"dL/d{name}" for name in self.names)]
        rows = [
            [str(n), *map(_number, w), _number(loss), *map(_number, g)]
            for n, (w, loss, g) in enumerate(zip(self.weights, self.losses, self.gradients))
        ]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        lines = ["  ".join(cell.rjust(width) for cell, width in zip(row, widths)) for row in [header, *rows]]
        if self.stop:
            lines.append(f"({self.stop})")
        return "\n".join(lines)


def _number(x: float) -> str:
    return f"{x:.4g}"


def weight_names(loss: Loss) -> tuple[str, ...]:
    """The names of the loss function's parameters: one weight each."""
    if not callable(loss):
        raise TypeError(_("descend: the loss must be a function of Values, got {type}").format(
            type=type(loss).__name__))
    names = []
    for parameter in inspect.signature(loss).parameters.values():
        if parameter.kind is not parameter.POSITIONAL_OR_KEYWORD:
            raise TypeError(_(
                "descend: the loss must take one Value per weight as plain parameters, "
                "got the {kind} parameter {parameter}"
            ).format(kind=parameter.kind.description, parameter=parameter))
        names.append(parameter.name)
    if not names:
        raise TypeError(_("descend: the loss must take at least one weight, it takes no parameters"))
    return tuple(names)


def _start(names: tuple[str, ...], start: float | Sequence[float]) -> tuple[float, ...]:
    values = (start,) if isinstance(start, numbers.Real) else tuple(start)
    if len(values) != len(names):
        raise ValueError(_(
            "descend: the loss takes {count} weight(s) ({names}), got {given} starting value(s): {start}"
        ).format(count=len(names), names=", ".join(names), given=len(values), start=repr(start)))
    for name, x in zip(names, values):
        if not is_finite_number(x):
            raise TypeError(_("descend: the start of {name} must be a finite number, got {value}").format(
                name=repr(name), value=repr(x)))
    return tuple(float(x) for x in values)


def loss_at(loss: Loss, weights: Sequence[Value]) -> Value:
    """The forward pass: ``loss(*weights)``, checked to be a Value (so that ``backward()`` can run)."""
    out = loss(*weights)
    if not isinstance(out, Value):
        raise TypeError(_(
            "descend: the loss must return a Value (built with Value operations, so that "
            "backward() finds its gradient), got {type}: {value}"
        ).format(type=type(out).__name__, value=repr(out)))
    return out


def descend(
    loss: Loss,
    start: float | Sequence[float],
    lr: float,
    steps: int,
    *,
    momentum: float = 0.0,
    limit: float = LIMIT,
) -> Path:
    """``steps`` steps of gradient descent on ``loss`` from ``start``, every point recorded.

    Each step: forward pass L = loss(W), backward pass (G = dL/dW at W), then
    ``SGD.step``: W <- W - lr * G (with momentum m: v <- m v + G, W <- W - lr v).
    The path ends early, with ``stop`` saying why, when a step diverges: a number not
    finite, or a weight beyond ``limit`` in size (``autograd.learning.divergence``). Errors at the
    start itself (a start outside the loss's domain) are raised: they are the caller's to fix.
    """
    names = weight_names(loss)
    point = _start(names, start)
    if isinstance(steps, bool) or not isinstance(steps, numbers.Integral) or steps < 0:
        raise ValueError(f"descend: steps must be a whole number >= 0, got steps = {steps!r}")
    params = [Value(x, label=name) for name, x in zip(names, point)]
    optimizer = SGD(params, lr=lr, momentum=momentum, limit=limit)
    weights, losses, gradients = [], [], []
    error = None
    out = loss_at(loss, params)
    while True:
        optimizer.zero_grad()
        out.backward()
        weights.append(tuple(p.data for p in params))
        losses.append(out.data)
        gradients.append(tuple(p.grad for p in params))
        n = len(weights) - 1
        if n == steps:
            break
        try:
            with as_step(n + 1, optimizer.lr):
                optimizer.step()
                out = loss_at(loss, params)
                check_loss(out.data, None, n + 1, optimizer.lr)
        except Diverged as diverged:
            error = diverged
            break
    return Path(names, tuple(weights), tuple(losses), tuple(gradients), float(lr), float(momentum), error)


# ----- the regime, read from the path -----


def _size(vector: Sequence[float]) -> float:
    return math.sqrt(sum(x * x for x in vector))


def _moves(path: Path) -> list[tuple[float, ...]]:
    """W(n+1) - W(n) for every step."""
    return [tuple(b - a for a, b in zip(p, q)) for p, q in zip(path.weights, path.weights[1:])]


def reversals(path: Path) -> dict[str, tuple[int, int]]:
    """For each weight: (how many times its move changed sign, out of how many consecutive moves).

    Moves below ``NEGLIGIBLE`` times the weight's largest move are rounding noise and skipped.
    """
    moves = _moves(path)
    counts = {}
    for i, name in enumerate(path.names):
        own = [move[i] for move in moves]
        scale = max(map(abs, own), default=0.0)
        real = [m for m in own if abs(m) > NEGLIGIBLE * scale]
        flips = sum(1 for a, b in zip(real, real[1:]) if (a < 0) != (b < 0))
        counts[name] = (flips, max(len(real) - 1, 0))
    return counts


def _oscillating(path: Path) -> list[str]:
    """The weights whose move changed direction at least every other step."""
    return [name for name, (flips, pairs) in reversals(path).items() if pairs and 2 * flips >= pairs]


def _growing(path: Path) -> bool:
    """The loss ended higher than it started, and the last step was longer than the first."""
    moves = _moves(path)
    return path.losses[-1] > path.losses[0] and _size(moves[-1]) > _size(moves[0]) * (1 + NEGLIGIBLE)


def _settled(path: Path) -> bool:
    """The gradient shrank below ``SETTLED`` times its size at the start."""
    return _size(path.gradients[-1]) <= SETTLED * _size(path.gradients[0])


def classify(path: Path) -> Regime:
    """The regime of a path, read from the path alone.

    far too large: it diverged, or the loss grew while the steps got longer;
    too large: some weight's step changed direction at least every other step;
    good: the gradient shrank below 1% of its start; too small: it did not (yet).
    """
    if path.diverged:
        return Regime.FAR_TOO_LARGE
    if path.steps < 2:
        raise ValueError(f"classify: a regime shows over 2 steps or more, this path has {path.steps}")
    if _growing(path):
        return Regime.FAR_TOO_LARGE
    if _oscillating(path):
        return Regime.TOO_LARGE
    return Regime.GOOD if _settled(path) else Regime.TOO_SMALL


def _times(k: int) -> str:
    if k == 1:
        return _("once")
    return _("twice") if k == 2 else _("{k} times").format(k=k)


def explain(path: Path) -> str:
    """What in the path shows its regime (the words after the regime's name)."""
    regime = classify(path)
    n = path.steps
    start, end = _number(_size(path.gradients[0])), _number(_size(path.gradients[-1]))
    gradient = _("the slope |dL/dw|") if len(path.names) == 1 else _("the size of the gradient")
    if regime is Regime.FAR_TOO_LARGE and path.diverged:
        return path.stop
    if regime is Regime.FAR_TOO_LARGE:
        return _("each step lands farther out: the loss grew from {first} to {last} in {n} steps").format(
            first=_number(path.losses[0]), last=_number(path.losses[-1]), n=n)
    if regime is Regime.TOO_LARGE:
        counts = reversals(path)
        flips = ", ".join(
            _changed(name, counts[name][0], counts[name][1] + 1) for name in _oscillating(path)
        )
        if _settled(path):
            after = _("it converges all the same: {gradient} fell from {start} to {end}")
        else:
            after = _("after {n} steps {gradient} is still {end} (it started at {start})")
        after = after.format(gradient=gradient, start=start, end=end, n=n)
        return _("every step overshoots ({flips}); {after}").format(flips=flips, after=after)
    if regime is Regime.TOO_SMALL:
        message = _("after {n} steps {gradient} is still {end} (it started at {start}): "
                    "more steps or a larger lr")
        return message.format(n=n, gradient=gradient, end=end, start=start)
    turns = ", ".join(
        _changed(name, flips, pairs + 1) for name, (flips, pairs) in reversals(path).items() if flips
    )
    shape = _("it overshot now and then ({turns})").format(turns=turns) if turns else _("no zigzag")
    message = _("{shape}, and {gradient} fell from {start} to {end} in {n} steps")
    return message.format(shape=shape, gradient=gradient, start=start, end=end, n=n)


def _changed(name: str, flips: int, moves: int) -> str:
    return _("{name} changed direction {times} in {moves} moves").format(name=name, times=_times(flips),
                                                                          moves=moves)


def verdict(path: Path) -> str:
    """The regime of a path and what shows it, in one sentence."""
    if path.steps < 2 and not path.diverged:
        return _("too few steps to name a regime ({steps}): take at least 2.").format(steps=path.steps)
    return _("{regime}: {why}.").format(regime=regime_name(classify(path)), why=explain(path))
