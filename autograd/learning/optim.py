"""Optimizers: they *use* the gradient that backpropagation computed to change the weights.

Gradient descent: W(n+1) = W(n) - lr * G(n), for Value parameters (one number each)
and Tensor parameters (a whole array each) alike.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable
from typing import TYPE_CHECKING

from autograd.engine.arrays import is_tensor
from autograd.engine.numeric import is_finite_number
from autograd.engine.value import Value
from autograd.language import _
from autograd.learning.divergence import LIMIT, Diverged, weight_problem

if TYPE_CHECKING:  # Tensor (and numpy) only when a learner uses them
    from autograd.engine.tensor import Tensor

    Parameter = Value | Tensor


class SGD:
    """Stochastic gradient descent, optionally with momentum.

    With momentum m, a velocity remembers past steps::

        v(n+1) = m * v(n) + G(n)
        W(n+1) = W(n) - lr * v(n+1)

    ``lr`` may be changed between steps (a slider does that). ``steps`` counts the steps taken;
    a step that would make a weight non-finite or larger than ``limit`` in size raises
    ``Diverged`` (the rule of ``autograd.learning.divergence``) and changes nothing.
    """

    def __init__(self, params: Iterable[Parameter], lr: float, momentum: float = 0.0,
                 limit: float = LIMIT) -> None:
        self.params = list(params)
        if not self.params:
            raise ValueError(_("SGD got no parameters to optimize"))
        for p in self.params:
            if not (isinstance(p, Value) or is_tensor(p)):
                raise TypeError(_("SGD optimizes Value or Tensor parameters, got a {type}").format(
                    type=type(p).__name__))
        if not (is_finite_number(momentum) and 0.0 <= momentum < 1.0):
            raise ValueError(_("SGD momentum must be in [0, 1), got momentum = {momentum}").format(
                momentum=repr(momentum)))
        if not (isinstance(limit, numbers.Real) and limit > 0):
            message = _("SGD limit must be a positive number, got limit = {limit}")
            raise ValueError(message.format(limit=repr(limit)))
        self.lr = lr
        self.momentum = float(momentum)
        self.limit = float(limit)
        self.velocity = [0.0] * len(self.params)
        self.steps = 0

    @property
    def lr(self) -> float:
        """The learning rate: how far each step moves against the gradient."""
        return self._lr

    @lr.setter
    def lr(self, lr: float) -> None:
        if not (is_finite_number(lr) and lr >= 0):
            message = _("SGD learning rate must be a finite number >= 0, got lr = {lr}")
            raise ValueError(message.format(lr=repr(lr)))
        self._lr = float(lr)

    def step(self) -> None:
        """Move every parameter against its gradient, or raise ``Diverged`` and change nothing."""
        lr, m = self.lr, self.momentum
        velocity = [m * v + p.grad for v, p in zip(self.velocity, self.params)]
        new_data = [p.data - lr * v for p, v in zip(self.params, velocity)]
        for p, w in zip(self.params, new_data):
            problem = weight_problem(p.label or _("a weight"), w, self.limit)
            if problem is not None:  # a non-finite step always makes a non-finite weight
                raise Diverged(self.steps + 1, lr, problem)
        self.velocity = velocity
        for p, w in zip(self.params, new_data):
            p.data = w
        self.steps += 1

    def zero_grad(self) -> None:
        """Set every parameter's gradient to 0 before the next backward pass."""
        for p in self.params:
            p.zero_grad()
