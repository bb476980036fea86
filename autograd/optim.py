"""Optimizers: they *use* the gradient that backpropagation computed to change the weights.

Gradient descent: W(n+1) = W(n) - lr * G(n), for Value parameters (one number each)
and Tensor parameters (a whole array each) alike.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable

import numpy as np

from autograd.tensor import Tensor, first_index
from autograd.value import Value

Parameter = Value | Tensor


def _is_number(x: object) -> bool:
    return isinstance(x, numbers.Real) and not isinstance(x, bool) and math.isfinite(x)


def _first_non_finite(x: float | np.ndarray) -> tuple[str, float] | None:
    """None if every entry of ``x`` is finite, else where the first one that is not sits, and its value."""
    if isinstance(x, float):
        return None if math.isfinite(x) else ("", x)
    bad = ~np.isfinite(x)
    if not bad.any():
        return None
    index = first_index(bad)
    return f" at index {index}", float(x[index])


class SGD:
    """Stochastic gradient descent, optionally with momentum.

    With momentum m, a velocity remembers past steps::

        v(n+1) = m * v(n) + G(n)
        W(n+1) = W(n) - lr * v(n+1)

    ``lr`` may be changed between steps (a slider does that).
    """

    def __init__(self, params: Iterable[Parameter], lr: float, momentum: float = 0.0) -> None:
        self.params = list(params)
        if not self.params:
            raise ValueError("SGD got no parameters to optimize")
        for p in self.params:
            if not isinstance(p, (Value, Tensor)):
                raise TypeError(f"SGD optimizes Value or Tensor parameters, got a {type(p).__name__}")
        if not (_is_number(momentum) and 0.0 <= momentum < 1.0):
            raise ValueError(f"SGD momentum must be in [0, 1), got momentum = {momentum!r}")
        self.lr = lr
        self.momentum = float(momentum)
        self.velocity = [0.0] * len(self.params)

    @property
    def lr(self) -> float:
        """The learning rate: how far each step moves against the gradient."""
        return self._lr

    @lr.setter
    def lr(self, lr: float) -> None:
        if not (_is_number(lr) and lr >= 0):
            raise ValueError(f"SGD learning rate must be a finite number >= 0, got lr = {lr!r}")
        self._lr = float(lr)

    def step(self) -> None:
        """Move every parameter against its gradient.

        Raises ``FloatingPointError`` and changes nothing if a gradient or a new
        weight is not finite: training has diverged.
        """
        lr, m = self.lr, self.momentum
        velocity = [m * v + p.grad for v, p in zip(self.velocity, self.params)]
        new_data = [p.data - lr * v for p, v in zip(self.params, velocity)]
        for p, w in zip(self.params, new_data):
            bad = _first_non_finite(w)  # a non-finite step always makes a non-finite weight
            if bad is not None:
                name = f" {p.label!r}" if p.label else ""
                where, value = bad
                raise FloatingPointError(
                    f"SGD step: parameter{name}{where} would become {value}: "
                    f"training has diverged; try a smaller learning rate than lr = {lr}"
                )
        self.velocity = velocity
        for p, w in zip(self.params, new_data):
            p.data = w

    def zero_grad(self) -> None:
        """Set every parameter's gradient to 0 before the next backward pass."""
        for p in self.params:
            p.zero_grad()
