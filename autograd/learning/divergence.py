"""When gradient descent has diverged: one rule, one exception, one message, for every loop.

A run of W(n+1) = W(n) - lr * G(n) has *diverged* at step n when

1. a number is not finite: a loss, or a weight the step would make (a non-finite gradient makes one);
2. a weight would pass ``LIMIT`` in size: |w| > 1e6, far beyond any weight a course example needs;
3. the loss has grown past ``GROWTH`` times its first value: L(n) > 10 L(1).

``SGD.step`` checks 1 and 2 on the weights it is about to write (and writes nothing then), so
every loop built on it does; ``Trainer`` also checks 1 and 3 on each loss; ``descend`` checks 1
on each loss but not 3: a formula typed in notebook 05 may start at a loss of 0 or below, where
"10 times its start" means nothing. Each raises ``Diverged``; ``descend`` keeps it in its
``Path`` instead (diverging there is no crash). An ``OverflowError`` of the engine becomes one too.
The message always reads::

    diverged at step 3 with lr = 10: <what>; try a smaller learning rate
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from autograd.engine.arrays import is_array
from autograd.engine.ops import first_index
from autograd.language import _

if TYPE_CHECKING:
    import numpy as np

LIMIT = 1e6  # a weight farther than this from 0 has diverged
GROWTH = 10.0  # a loss more than this many times its first value has diverged


class Diverged(FloatingPointError):
    """Gradient descent diverged at ``step`` with learning rate ``lr``; ``what`` says which number did what.

    A ``FloatingPointError`` (so an ``ArithmeticError``): code that caught those still catches it.
    """

    def __init__(self, step: int, lr: float, what: str) -> None:
        self.step, self.lr, self.what = step, lr, what
        message = _("diverged at step {step} with lr = {lr}: {what}; try a smaller learning rate")
        super().__init__(message.format(step=step, lr=f"{lr:g}", what=what))


def _number(x: float) -> str:
    return f"{x:.4g}"


def weight_problem(name: str, w: float | np.ndarray, limit: float = LIMIT) -> str | None:
    """What is wrong with the new value ``w`` of weight ``name`` (rules 1 and 2), or None if nothing is.

    For an array, the first bad entry is named with its index.
    """
    if is_array(w):
        import numpy as np  # already imported: w is an array

        bad = ~np.isfinite(w) | (np.abs(w) > limit)
        if not bad.any():
            return None
        index = first_index(bad)
        name, w = _("{name} at index {index}").format(name=name, index=index), float(w[index])
    if not math.isfinite(w):
        return _("{name} would become {value}").format(name=name, value=w)
    if abs(w) > limit:
        message = _("{name} would become {value}, past the limit |{name}| <= {limit}")
        return message.format(name=name, value=_number(w), limit=f"{limit:g}")
    return None


def check_loss(loss: float, first: float | None, step: int, lr: float, growth: float = GROWTH) -> None:
    """Raise ``Diverged`` if ``loss`` at ``step`` is not finite (rule 1) or above growth x first (rule 3).

    ``first`` is the loss at step 1 (None at step 1 itself, or where rule 3 does not apply).
    """
    if not math.isfinite(loss):
        raise Diverged(step, lr, _("the loss became {loss}").format(loss=loss))
    if first is not None and loss > growth * first:
        message = _("the loss grew from {first} to {loss}, more than {growth} times where it started")
        what = message.format(first=_number(first), loss=_number(loss), growth=f"{growth:g}")
        raise Diverged(step, lr, what)


@contextmanager
def as_step(step: int, lr: float) -> Iterator[None]:
    """Run the block as step ``step`` with learning rate ``lr``: a number error in it leaves as ``Diverged``.

    ``Diverged`` passes through; an ``OverflowError`` (or other ``FloatingPointError``) of the engine
    becomes ``Diverged(step, lr, "OverflowError: ...")``, caused by it.
    """
    try:
        yield
    except Diverged:
        raise
    except (OverflowError, FloatingPointError) as error:
        raise Diverged(step, lr, f"{type(error).__name__}: {error}") from error
