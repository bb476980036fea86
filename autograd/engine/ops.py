"""The op table: every operation of the engine, stated once.

An entry says what an operation *is*: the string a node keeps in ``op``, the symbol
drawn in its op circle, how many operands it takes, its forward rule and its local
derivatives, as numbers and as a formula in the operands' names. For ``e = a × b``::

    Op("*", "×", 2, _mul, ("{b}", "{a}"), "a * b;  d/da = b,  d/db = a.", _array_mul)

reads: node.op is "*", drawn ×, two operands; e = a × b, de/da = b, de/db = a, with
``_mul(a, b) = (a * b, (b, a))`` for floats and ``_array_mul`` the same for arrays.
``Value`` and ``Tensor`` compute with the rules, the pictures draw the symbols and
formulas, the formula parser allows the functions, and the backward-pass stepper
explains each step with the derivative formulas. Adding an operation is adding an
entry (see ``abs``, ``sin``, ``cos``).

Rules: ``scalar(*operands)`` takes floats and returns ``(out, local_derivatives)``,
one local derivative per operand; ``array`` does the same entry by entry on numpy
arrays (for ``Tensor``; ``None`` where the op has no array form). A rule raises
the engine's error, with the values, where the op is undefined.

Formulas are ``str.format`` templates over the names of one node (filled in by
``autograd.viz.text``): ``{a}``, ``{b}`` (``{x0}``, ``{x1}``, ...) the operands,
bracketed unless a name or a number, ``{a_name}``, ``{b_name}`` the operands as they
are, ``{out}`` the node itself, and for a power by a number ``{e}`` the exponent as
written in ``op``, ``{p}`` the exponent as a number, ``{q}`` the exponent minus 1.
A derivative written ``None`` is shown as its number (relu's 1 or 0). In PyTorch an
entry is an ``autograd.Function``: a ``forward`` and a ``backward`` side by side.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from math import isfinite  # a global name: the hot path skips an attribute lookup
from typing import TYPE_CHECKING

from autograd.language import N_, _

if TYPE_CHECKING:  # numpy is imported where an array rule runs, not with the engine
    from numpy import ndarray

Rule = Callable[..., tuple]
Derivatives = tuple[str | None, ...]


@dataclass(frozen=True)
class Op:
    """One operation: ``name`` (node.op), ``symbol`` (op circle), ``arity`` (0: any number), rules, formulas.

    ``method`` names the ``Value``/``Tensor`` method and the function a typed formula may call
    ("" for operators); ``dunder`` the Python operator method it also is (``__neg__``: -a,
    ``__abs__``: abs(a)); ``formula`` says how a node reads ("" for the usual shapes:
    ``a × b`` for operators, ``tanh(a)`` for functions); ``derivatives`` is one template per
    operand (one for all operands of a sum), or a function of the exponent for ``**p``.
    """

    name: str
    symbol: str
    arity: int
    scalar: Rule
    derivatives: Derivatives | Callable[[float], Derivatives]
    english_doc: str  # the methods' docstring (marked N_ in the table); ``doc`` is it translated
    array: Rule | None = None
    method: str = ""
    formula: str = ""
    dunder: str = ""

    @property
    def doc(self) -> str:
        """What the op computes and its derivatives, in the language spoken now."""
        return _(self.english_doc)

    def derivative_templates(self, count: int, p: float | None = None) -> Derivatives:
        """The templates of d(out)/d(operand i), for ``count`` operands (and exponent ``p`` of ``**p``)."""
        texts = self.derivatives(p) if callable(self.derivatives) else self.derivatives
        return texts * count if self.arity == 0 else texts

    def formula_template(self, count: int) -> str:
        """How a node of this op reads, e.g. "{a} × {b}", "tanh({a_name})", "{a}^{e}"."""
        if self.formula:
            return self.formula
        if self.arity == 1:
            return f"{self.symbol}({{a_name}})"
        return f" {self.symbol} ".join(f"{{x{i}}}" for i in range(count))


# ----- the rules: forward value and local derivatives side by side -----


def _overflow(symbol: str, a: float, b: float) -> None:
    message = _("{symbol} overflows: {a} {symbol} {b} is larger than the largest float")
    raise OverflowError(message.format(symbol=symbol, a=repr(a), b=repr(b)))


def _add(a: float, b: float) -> tuple[float, tuple[float, float]]:
    """a + b;  d/da = 1,  d/db = 1."""
    out = a + b
    if not isfinite(out):
        _overflow("+", a, b)
    return out, (1.0, 1.0)


def add_all(terms: list[float]) -> tuple[float, tuple[float, ...]]:
    """t1 + t2 + ... + tn, the "+" of many terms (``Value.sum``);  d/d(each term) = 1."""
    out = sum(terms, -0.0)  # -0.0 + x == x exactly, so one term stays itself
    if not isfinite(out):
        message = _("+ overflows: {count} terms add up past the largest float")
        raise OverflowError(message.format(count=len(terms)))
    return out, (1.0,) * len(terms)


def _sub(a: float, b: float) -> tuple[float, tuple[float, float]]:
    """a - b;  d/da = 1,  d/db = -1."""
    out = a - b
    if not isfinite(out):
        _overflow("-", a, b)
    return out, (1.0, -1.0)


def _mul(a: float, b: float) -> tuple[float, tuple[float, float]]:
    """a * b;  d/da = b,  d/db = a."""
    out = a * b
    if not isfinite(out):
        _overflow("*", a, b)
    return out, (b, a)


def _div(a: float, b: float) -> tuple[float, tuple[float, float]]:
    """a / b;  d/da = 1/b,  d/db = -a/b**2 = -(a/b)/b (b**2 alone may underflow to 0)."""
    if b == 0.0:
        raise ZeroDivisionError(_("division by zero: {a} / {b}").format(a=repr(a), b=repr(b)))
    out = a / b
    if not isfinite(out):
        _overflow("/", a, b)
    return out, (1.0 / b, -out / b)


def _neg(a: float) -> tuple[float, tuple[float]]:
    """-a;  d/da = -1."""
    return -a, (-1.0,)


def _power(a: float, p: float) -> float:
    """a ** p, with an error naming the values where it is undefined or too large."""
    if a == 0.0 and p < 0.0:
        raise ZeroDivisionError(_("power: zero to a negative power, {a} ** {p}").format(a=repr(a), p=repr(p)))
    if a < 0.0 and not p.is_integer():
        message = _("power: a negative base needs a whole exponent, {a} ** {p} is not a real number")
        raise ValueError(message.format(
            a=repr(a), p=repr(p)))
    try:
        return a**p
    except OverflowError:
        message = _("power overflows: {a} ** {p} is larger than the largest float")
        raise OverflowError(message.format(a=repr(a), p=repr(p))) from None


def _dpow_dbase(a: float, p: float) -> float:
    """d(a**p)/da = p * a**(p-1); infinite at a = 0 for 0 < p < 1 (e.g. sqrt)."""
    if p == 0.0:
        return 0.0
    if a == 0.0 and p < 1.0:
        return math.inf
    try:
        return p * a ** (p - 1.0)
    except OverflowError:
        return math.copysign(math.inf, p)


def _pow(a: float, p: float) -> tuple[float, tuple[float, float]]:
    """a ** p;  d/da = p * a**(p-1),  d/dp = a**p * ln(a): 0 at a = 0 < p, undefined (nan) for a < 0."""
    out = _power(a, p)
    dp = out * math.log(a) if a > 0.0 else 0.0 if a == 0.0 and p > 0.0 else math.nan
    return out, (_dpow_dbase(a, p), dp)


def _pow_number(a: float, p: float) -> tuple[float, tuple[float]]:
    """a ** p for a number p (a constant, not a node);  d/da = p * a**(p-1)."""
    return _power(a, p), (_dpow_dbase(a, p),)


def _power_derivative(p: float) -> Derivatives:
    """d(a^p)/da written out: 0 and 1 as numbers, "2 × a", else "p × a^(p − 1)"."""
    if p in (0.0, 1.0):
        return ("{p}",)
    return ("{p} × {a}",) if p == 2.0 else ("{p} × {a}^{q}",)


def _exp(a: float) -> tuple[float, tuple[float]]:
    """e**a;  d/da = e**a."""
    try:
        out = math.exp(a)
    except OverflowError:
        raise OverflowError(_(
            "exp overflows for {a}: the result is larger than the largest float (exp(x) is only finite for "
            "x < 709.78)"
        ).format(a=repr(a))) from None
    return out, (out,)


def _log(a: float) -> tuple[float, tuple[float]]:
    """ln(a), natural logarithm;  d/da = 1/a."""
    if a <= 0.0:
        raise ValueError(_("log needs a positive number, got log({a})").format(a=repr(a)))
    return math.log(a), (1.0 / a,)


def _tanh(a: float) -> tuple[float, tuple[float]]:
    """tanh(a);  d/da = 1 - tanh(a)**2.  Never overflows: tanh(1000) = 1."""
    t = math.tanh(a)
    return t, (1.0 - t * t,)


def _sigmoid(a: float) -> tuple[float, tuple[float]]:
    """1 / (1 + e**-a);  d/da = s * (1 - s).  Never overflows: sigmoid(-1000) = 0."""
    if a >= 0.0:
        s = 1.0 / (1.0 + math.exp(-a))
    else:  # e**-a would overflow for very negative a; e**a cannot
        e = math.exp(a)
        s = e / (1.0 + e)
    return s, (s * (1.0 - s),)


def _relu(a: float) -> tuple[float, tuple[float]]:
    """max(0, a);  d/da = 1 if a > 0 else 0."""
    return (a, (1.0,)) if a > 0.0 else (0.0, (0.0,))


def _abs(a: float) -> tuple[float, tuple[float]]:
    """|a|;  d/da = sign(a): 1 for a > 0, -1 for a < 0, 0 at a = 0 (a subgradient: |a| has a corner there)."""
    return abs(a), (float((a > 0.0) - (a < 0.0)),)


def _sin(a: float) -> tuple[float, tuple[float]]:
    """sin(a);  d/da = cos(a)."""
    return math.sin(a), (math.cos(a),)


def _cos(a: float) -> tuple[float, tuple[float]]:
    """cos(a);  d/da = -sin(a)."""
    return math.cos(a), (-math.sin(a),)


# ----- the same rules on numpy arrays, entry by entry (Tensor); numpy is imported only when used -----


def first_index(mask: ndarray) -> tuple[int, ...]:
    """Index of the first True entry of the array ``mask``, in row-major order."""
    import numpy as np

    return tuple(int(i) for i in np.unravel_index(int(np.argmax(mask)), mask.shape))


def _array_exp(a: ndarray) -> tuple[ndarray, tuple]:
    """``_exp`` entry by entry, on arrays."""
    import numpy as np

    too_large = a > _EXP_MAX
    if too_large.any():
        index = first_index(too_large)
        raise OverflowError(_(
            "exp overflows for {a} at index {index}: the result is larger than the largest float "
            "(exp(x) is only finite for x < 709.78)"
        ).format(a=repr(float(a[index])), index=index))
    out = np.exp(a)
    return out, (out,)


def _array_log(a: ndarray) -> tuple[ndarray, tuple]:
    """``_log`` entry by entry, on arrays."""
    import numpy as np

    if not (a > 0.0).all():
        index = first_index(a <= 0.0)
        message = _("log needs positive numbers, got log({a}) at index {index}")
        raise ValueError(message.format(a=repr(float(a[index])), index=index))
    return np.log(a), (1.0 / a,)


def _array_tanh(a: ndarray) -> tuple[ndarray, tuple]:
    """``_tanh`` entry by entry, on arrays."""
    import numpy as np

    t = np.tanh(a)
    return t, (1.0 - t * t,)


def _array_sigmoid(a: ndarray) -> tuple[ndarray, tuple]:
    """``_sigmoid`` entry by entry, on arrays."""
    import numpy as np

    e = np.exp(-np.abs(a))  # e**-|a| <= 1 cannot overflow
    s = np.where(a >= 0.0, 1.0 / (1.0 + e), e / (1.0 + e))
    return s, (s * (1.0 - s),)


def _array_relu(a: ndarray) -> tuple[ndarray, tuple]:
    """``_relu`` entry by entry, on arrays."""
    import numpy as np

    return np.maximum(a, 0.0), ((a > 0.0).astype(np.float64),)


def _array_abs(a: ndarray) -> tuple[ndarray, tuple]:
    """``_abs`` entry by entry, on arrays."""
    import numpy as np

    return np.abs(a), (np.sign(a),)


def _array_sin(a: ndarray) -> tuple[ndarray, tuple]:
    """``_sin`` entry by entry, on arrays."""
    import numpy as np

    return np.sin(a), (np.cos(a),)


def _array_cos(a: ndarray) -> tuple[ndarray, tuple]:
    """``_cos`` entry by entry, on arrays."""
    import numpy as np

    return np.cos(a), (-np.sin(a),)


def _array_add(a: ndarray, b: ndarray) -> tuple[ndarray, tuple]:
    """``_add`` entry by entry, on arrays."""
    return a + b, (1.0, 1.0)


def _array_sub(a: ndarray, b: ndarray) -> tuple[ndarray, tuple]:
    """``_sub`` entry by entry, on arrays."""
    return a - b, (1.0, -1.0)


def _array_mul(a: ndarray, b: ndarray) -> tuple[ndarray, tuple]:
    """``_mul`` entry by entry, on arrays."""
    return a * b, (b, a)


def _array_div(a: ndarray, b: ndarray) -> tuple[ndarray, tuple]:
    """``_div`` entry by entry, on arrays."""
    if not b.all():
        index = first_index(b == 0.0)
        message = _("division by zero: the divisor (shape {shape}) is {b} at index {index}")
        raise ZeroDivisionError(message.format(
            shape=b.shape, b=repr(float(b[index])), index=index))
    out = a / b
    return out, (1.0 / b, -out / b)


def _array_pow(a: ndarray, p: ndarray) -> tuple[ndarray, tuple]:
    """``_pow`` entry by entry, on arrays."""
    out = _array_power(a, p)
    return out, (_array_dpow_dbase(a, p), _array_dpow_dexponent(a, p, out))


def _array_pow_number(a: ndarray, p: float) -> tuple[ndarray, tuple]:
    """``_pow_number`` entry by entry, on arrays."""
    return _array_power(a, p), (_array_dpow_dbase(a, p),)


def _array_power(a: ndarray, p: ndarray | float) -> ndarray:
    """a ** p entry by entry, with an error naming the first entry where it is undefined or too large."""
    import numpy as np

    zero_to_negative = (a == 0.0) & (p < 0.0)
    if zero_to_negative.any():
        index = first_index(zero_to_negative)
        raise ZeroDivisionError(_("power: zero to a negative power, {a} ** {p} at index {index}").format(
            a=repr(_array_entry(a, index)), p=repr(_array_entry(p, index)), index=index))
    negative_to_fraction = (a < 0.0) & (np.floor(p) != p)
    if negative_to_fraction.any():
        index = first_index(negative_to_fraction)
        raise ValueError(_(
            "power: a negative base needs a whole exponent, {a} ** {p} at index {index} is not a real number"
        ).format(a=repr(_array_entry(a, index)), p=repr(_array_entry(p, index)), index=index))
    with np.errstate(over="ignore"):
        out = np.power(a, p)
    finite = np.isfinite(out)
    if not finite.all():
        index = first_index(~finite)
        message = _("power overflows: {a} ** {p} at index {index} is larger than the largest float")
        raise OverflowError(message.format(
            a=repr(_array_entry(a, index)), p=repr(_array_entry(p, index)), index=index))
    return out


def _array_entry(x: ndarray | float, index: tuple[int, ...]) -> float:
    """Entry ``index`` of ``x`` seen broadcast to the shape ``index`` belongs to."""
    import numpy as np

    array = np.asarray(x)
    array = array.reshape((1,) * (len(index) - array.ndim) + array.shape)
    return float(array[tuple(i if n > 1 else 0 for i, n in zip(index, array.shape))])


def _array_dpow_dbase(a: ndarray, p: ndarray | float) -> ndarray:
    """d(a**p)/da = p * a**(p-1); 0 where p = 0; infinite at a = 0 for 0 < p < 1 (e.g. sqrt)."""
    import numpy as np

    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        return np.where(p == 0.0, 0.0, p * np.power(a, p - 1.0))


def _array_dpow_dexponent(a: ndarray, p: ndarray, out: ndarray) -> ndarray:
    """d(a**p)/dp = a**p * ln(a); 0 at a = 0 < p; undefined (nan) where a < 0 or a = p = 0."""
    import numpy as np

    positive = a > 0.0
    log_a = np.log(np.where(positive, a, 1.0))
    return np.where(positive, out * log_a, np.where((a == 0.0) & (p > 0.0), 0.0, np.nan))


_EXP_MAX = 709.782712893384  # log of the largest float: exp(x) is finite below


# ----- the table -----

_ENTRIES = (
    Op("+", "+", 0, _add, ("1",), N_("a + b (+ ...);  d/d(each term) = 1."), _array_add),
    Op("-", "−", 2, _sub, ("1", "-1"), N_("a - b;  d/da = 1,  d/db = -1."), _array_sub),
    Op("*", "×", 2, _mul, ("{b}", "{a}"), N_("a * b;  d/da = b,  d/db = a."), _array_mul),
    Op("/", "÷", 2, _div, ("1 ÷ {b}", "-{a} ÷ {b}^2"), N_("a / b;  d/da = 1/b,  d/db = -a/b**2."),
       _array_div),
    Op("neg", "−", 1, _neg, ("-1",), N_("-a;  d/da = -1."), _neg, formula="−{a}", dunder="__neg__"),
    Op("**", "^", 2, _pow, ("{b} × {a}^({b_name} − 1)", "{out} × log({a})"),
       N_("a ** b;  d/da = b * a**(b-1),  d/db = a**b * ln(a)."), _array_pow, formula="{a}^{b}"),
    Op("**p", "^{e_name}", 1, _pow_number, _power_derivative,
       N_("a ** p, p a number;  d/da = p * a**(p-1)."), _array_pow_number, formula="{a}^{e}"),
    Op("exp", "exp", 1, _exp, ("{out}",), N_("e**a;  d/da = e**a."), _array_exp, "exp"),
    Op("log", "log", 1, _log, ("1 ÷ {a}",), N_("ln(a), natural logarithm;  d/da = 1/a."), _array_log, "log"),
    Op("tanh", "tanh", 1, _tanh, ("1 − {out}^2",),
       N_("tanh(a);  d/da = 1 - tanh(a)**2.  Never overflows: tanh(1000) = 1."), _array_tanh, "tanh"),
    Op("sigmoid", "σ", 1, _sigmoid, ("{out} × (1 − {out})",),
       N_("1 / (1 + e**-a);  d/da = s * (1 - s).  Never overflows: sigmoid(-1000) = 0."),
       _array_sigmoid, "sigmoid"),
    Op("relu", "ReLU", 1, _relu, (None,), N_("max(0, a);  d/da = 1 if a > 0 else 0."), _array_relu, "relu"),
    Op("abs", "abs", 1, _abs, ("sign({a})",),
       N_("|a|;  d/da = sign(a), and 0 at a = 0 (a subgradient: |a| has a corner there)."), _array_abs, "abs",
       dunder="__abs__"),
    Op("sin", "sin", 1, _sin, ("cos({a})",), N_("sin(a);  d/da = cos(a)."), _array_sin, "sin"),
    Op("cos", "cos", 1, _cos, ("-sin({a})",), N_("cos(a);  d/da = -sin(a)."), _array_cos, "cos"),
)
OPS: Mapping[str, Op] = {op.name: op for op in _ENTRIES}

# On arrays, a derivative the table writes as its number (relu's 1 or 0) is written entry by entry:
# "(a > 0)" is 1 where a > 0, else 0.
ENTRYWISE_DERIVATIVES: Mapping[str, Derivatives] = {"relu": ("({a} > 0)",)}

FUNCTIONS: tuple[Op, ...] = tuple(op for op in _ENTRIES if op.method)  # exp, log, ..., cos: callable by name


def method_names(op: Op) -> tuple[str, ...]:
    """The names under which ``Value`` and ``Tensor`` offer a one-operand op: ("exp",), ("abs", "__abs__")."""
    return tuple(name for name in (op.method, op.dunder) if name)


ONE_OPERAND_METHODS: tuple[Op, ...] = tuple(op for op in _ENTRIES if op.arity == 1 and method_names(op))


def power_op(p: float) -> str:
    """The ``op`` of a node ``a ** p`` for a number ``p``: "**2", "**0.5", "**-1"."""
    return f"**{p:g}"


def lookup(op: str) -> tuple[Op | None, str]:
    """The table entry of a node's ``op`` and, for a power by a number ("**2"), the exponent as written.

    ``lookup("*") == (OPS["*"], "")``, ``lookup("**2") == (OPS["**p"], "2")``; ``(None, "")`` for an op
    outside the table (a Tensor's ``@``, ``sum``, ``reshape(...)``).
    """
    entry = OPS.get(op)
    if entry is not None:
        return entry, ""
    if op.startswith("**"):
        return OPS["**p"], op[2:]
    return None, ""
