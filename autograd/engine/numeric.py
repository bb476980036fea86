"""Derivatives estimated numerically, by nudging an input: the independent check of backprop.

For a small step ``h``::

    forward   f'(x) ~ (f(x + h) - f(x)) / h            error ~ h
    backward  f'(x) ~ (f(x) - f(x - h)) / h            error ~ h
    central   f'(x) ~ (f(x + h) - f(x - h)) / (2 h)    error ~ h**2

Smaller ``h`` shrinks that truncation error but grows the round-off error of the
subtraction (about 1e-16 * |f| / h), which is why ``h`` around 1e-6 works best.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from autograd.engine.value import Value
from autograd.language import _

ScalarFunction = Callable[[float], float]
ValueFunction = Callable[..., Value]


def is_finite_number(x: object) -> bool:
    """A real number, neither nan nor infinite, and not a bool: what every argument check calls a number."""
    return isinstance(x, numbers.Real) and not isinstance(x, bool) and math.isfinite(x)


def _check_step(h: float) -> float:
    if not (is_finite_number(h) and h > 0):
        raise ValueError(_("the step h must be a positive finite number, got h = {h}").format(h=repr(h)))
    return float(h)


def forward_difference(f: ScalarFunction, x: float, h: float = 1e-6) -> float:
    """(f(x + h) - f(x)) / h: the slope of the secant from x to x + h."""
    h = _check_step(h)
    return (f(x + h) - f(x)) / h


def backward_difference(f: ScalarFunction, x: float, h: float = 1e-6) -> float:
    """(f(x) - f(x - h)) / h: the slope of the secant from x - h to x."""
    h = _check_step(h)
    return (f(x) - f(x - h)) / h


def central_difference(f: ScalarFunction, x: float, h: float = 1e-6) -> float:
    """(f(x + h) - f(x - h)) / (2h): the symmetric secant, exact for parabolas."""
    h = _check_step(h)
    return (f(x + h) - f(x - h)) / (2.0 * h)


def numeric_gradient(f: ValueFunction, inputs: Mapping[str, float], h: float = 1e-6) -> dict[str, float]:
    """dF/dx for each named input x of ``f(**inputs)``, by central differences.

    ``f`` takes Values as keyword arguments and returns a Value, e.g.
    ``numeric_gradient(lambda a, b: a * b, {"a": 2.0, "b": -3.0})`` gives
    ``{"a": -3.0, "b": 2.0}`` up to about 1e-10.
    """
    point = {name: float(x) for name, x in inputs.items()}

    def output(name: str, x: float) -> float:
        nudged = {**point, name: x}
        return f(**{n: Value(v, label=n) for n, v in nudged.items()}).data

    return {
        name: central_difference(lambda x, name=name: output(name, x), point[name], h)
        for name in point
    }


@dataclass(frozen=True)
class GradientComparison:
    """One input's gradient: from backprop, from central differences, and their gap."""

    name: str
    autograd: float
    numeric: float

    @property
    def abs_error(self) -> float:
        """|autograd - numeric|."""
        return abs(self.autograd - self.numeric)

    @property
    def rel_error(self) -> float:
        """|autograd - numeric| / max(|autograd|, |numeric|), and 0 when both are 0."""
        scale = max(abs(self.autograd), abs(self.numeric))
        return self.abs_error / scale if scale > 0 else 0.0


@dataclass(frozen=True)
class GradcheckReport:
    """The comparison for every input; ``ok`` when each is within tolerance."""

    rows: tuple[GradientComparison, ...]
    atol: float
    rtol: float

    def passes(self, row: GradientComparison) -> bool:
        """Within tolerance: |autograd - numeric| <= atol + rtol * |numeric|."""
        return row.abs_error <= self.atol + self.rtol * abs(row.numeric)

    @property
    def ok(self) -> bool:
        return all(self.passes(row) for row in self.rows)

    @property
    def worst_abs_error(self) -> float:
        return max((row.abs_error for row in self.rows), default=0.0)

    @property
    def worst_rel_error(self) -> float:
        return max((row.rel_error for row in self.rows), default=0.0)

    def __str__(self) -> str:
        heads = (_("input"), "autograd", _("numeric"), _("abs error"), _("rel error"))
        lines = [f"{heads[0]:>8} {heads[1]:>14} {heads[2]:>14} {heads[3]:>10} {heads[4]:>10}"]
        for row in self.rows:
            mark = "" if self.passes(row) else _("  <- too far")
            lines.append(
                f"{row.name:>8} {row.autograd:>14.8g} {row.numeric:>14.8g} "
                f"{row.abs_error:>10.2e} {row.rel_error:>10.2e}{mark}"
            )
        verdict = _("gradcheck ok") if self.ok else _("gradcheck FAILED")
        line = _("{verdict}: worst abs error {abs_error}, worst rel error {rel_error}")
        lines.append(line.format(verdict=verdict, abs_error=f"{self.worst_abs_error:.2e}",
                                 rel_error=f"{self.worst_rel_error:.2e}"))
        return "\n".join(lines)


def gradcheck(
    f: ValueFunction,
    inputs: Mapping[str, float],
    h: float = 1e-6,
    atol: float = 1e-6,
    rtol: float = 1e-5,
) -> GradcheckReport:
    """Compare the engine's gradients of ``f(**inputs)`` with central differences.

    >>> print(gradcheck(lambda a, b: (a * b).tanh(), {"a": 0.5, "b": -1.0}).ok)
    True
    """
    leaves = {name: Value(float(x), label=name) for name, x in inputs.items()}
    f(**leaves).backward()
    numeric = numeric_gradient(f, inputs, h)
    rows = tuple(GradientComparison(name, leaves[name].grad, numeric[name]) for name in leaves)
    return GradcheckReport(rows, atol, rtol)
