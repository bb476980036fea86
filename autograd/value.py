"""The scalar ``Value``: a number that remembers how it was made.

Every operation on ``Value`` objects builds a node of a computation graph. A node
keeps its ``parents`` (the operands, in order) and, computed during the forward
pass, its *local derivatives*: the derivative of the node with respect to each
parent. ``backward()`` then applies the chain rule, node by node from the output
back to the inputs::

    parent.grad += local_derivative * node.grad      # upstream x local

No closures are stored, so a graph holds no reference cycles and is freed as soon
as it is no longer used.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from math import isfinite

from autograd.graph import topological_order

Number = int | float


class Value:
    """A scalar in a computation graph: ``data``, ``grad``, ``op`` and ``parents``.

    ``Value(2.0, label="a")`` is a leaf (an input or a weight). Operations return
    new nodes: ``(a * b).op == "*"`` and ``(a * b).parents == (a, b)``.
    """

    __slots__ = ("data", "grad", "label", "op", "parents", "local_grads")
    __array_ufunc__ = None  # numpy scalars on the left defer to Value's operators

    def __init__(self, data: Number, label: str = "") -> None:
        if isinstance(data, bool) or not isinstance(data, numbers.Real):
            raise TypeError(
                f"Value() takes a real number (int, float or numpy scalar), "
                f"got {type(data).__name__}: {data!r}"
            )
        data = float(data)
        if not math.isfinite(data):
            raise ValueError(f"Value() takes a finite number, got {data}")
        if not isinstance(label, str):
            raise TypeError(f"Value() label must be a str, got {type(label).__name__}")
        self.data = data
        self.grad = 0.0
        self.label = label
        self.op = ""
        self.parents: tuple[Value, ...] = ()
        self.local_grads: tuple[float, ...] = ()

    # ----- arithmetic: forward value and local derivatives side by side -----

    def __add__(self, other: Value | Number) -> Value:
        """a + b;  d/da = 1,  d/db = 1."""
        if type(other) is not Value and (other := _operand(other)) is None:
            return NotImplemented
        out = self.data + other.data
        if not isfinite(out):
            _overflow("+", self.data, other.data)
        return _node(out, "+", (self, other), (1.0, 1.0))

    def __sub__(self, other: Value | Number) -> Value:
        """a - b;  d/da = 1,  d/db = -1."""
        if type(other) is not Value and (other := _operand(other)) is None:
            return NotImplemented
        out = self.data - other.data
        if not isfinite(out):
            _overflow("-", self.data, other.data)
        return _node(out, "-", (self, other), (1.0, -1.0))

    def __mul__(self, other: Value | Number) -> Value:
        """a * b;  d/da = b,  d/db = a."""
        if type(other) is not Value and (other := _operand(other)) is None:
            return NotImplemented
        out = self.data * other.data
        if not isfinite(out):
            _overflow("*", self.data, other.data)
        return _node(out, "*", (self, other), (other.data, self.data))

    def __truediv__(self, other: Value | Number) -> Value:
        """a / b;  d/da = 1/b,  d/db = -a/b**2 = -(a/b)/b (b**2 alone may underflow to 0)."""
        if type(other) is not Value and (other := _operand(other)) is None:
            return NotImplemented
        a, b = self.data, other.data
        if b == 0.0:
            raise ZeroDivisionError(f"division by zero: {a!r} / {b!r}")
        out = a / b
        if not isfinite(out):
            _overflow("/", a, b)
        return _node(out, "/", (self, other), (1.0 / b, -out / b))

    def __pow__(self, other: Value | Number) -> Value:
        """a ** p;  d/da = p * a**(p-1),  d/dp = a**p * ln(a) (for a Value exponent)."""
        if isinstance(other, Value):
            a, p = self.data, other.data
            out = _power(a, p)
            return _node(out, "**", (self, other), (_dpow_dbase(a, p), _dpow_dexponent(a, p, out)))
        if isinstance(other, bool) or not isinstance(other, numbers.Real):
            return NotImplemented
        a, p = self.data, float(other)
        if not math.isfinite(p):
            raise ValueError(f"power: the exponent must be finite, got {a!r} ** {p!r}")
        # A number exponent is a constant: it is shown in the op, not as a node.
        return _node(_power(a, p), f"**{p:g}", (self,), (_dpow_dbase(a, p),))

    def __pos__(self) -> Value:
        """+a is a itself: no new node."""
        return self

    def __neg__(self) -> Value:
        """-a;  d/da = -1."""
        return _node(-self.data, "neg", (self,), (-1.0,))

    def __radd__(self, other: Number) -> Value:
        other = _operand(other)
        return NotImplemented if other is None else other + self

    def __rsub__(self, other: Number) -> Value:
        other = _operand(other)
        return NotImplemented if other is None else other - self

    def __rmul__(self, other: Number) -> Value:
        other = _operand(other)
        return NotImplemented if other is None else other * self

    def __rtruediv__(self, other: Number) -> Value:
        other = _operand(other)
        return NotImplemented if other is None else other / self

    def __rpow__(self, other: Number) -> Value:
        other = _operand(other)
        return NotImplemented if other is None else other**self

    # ----- functions -----

    def exp(self) -> Value:
        """e**a;  d/da = e**a."""
        try:
            out = math.exp(self.data)
        except OverflowError:
            raise OverflowError(
                f"exp overflows for {self.data!r}: the result is larger than the "
                f"largest float (exp(x) is only finite for x < 709.78)"
            ) from None
        return _node(out, "exp", (self,), (out,))

    def log(self) -> Value:
        """ln(a), natural logarithm;  d/da = 1/a."""
        if self.data <= 0.0:
            raise ValueError(f"log needs a positive number, got log({self.data!r})")
        return _node(math.log(self.data), "log", (self,), (1.0 / self.data,))

    def tanh(self) -> Value:
        """tanh(a);  d/da = 1 - tanh(a)**2.  Never overflows: tanh(1000) = 1."""
        t = math.tanh(self.data)
        return _node(t, "tanh", (self,), (1.0 - t * t,))

    def sigmoid(self) -> Value:
        """1 / (1 + e**-a);  d/da = s * (1 - s).  Never overflows: sigmoid(-1000) = 0."""
        a = self.data
        if a >= 0.0:
            s = 1.0 / (1.0 + math.exp(-a))
        else:  # e**-a would overflow for very negative a; e**a cannot
            e = math.exp(a)
            s = e / (1.0 + e)
        return _node(s, "sigmoid", (self,), (s * (1.0 - s),))

    def relu(self) -> Value:
        """max(0, a);  d/da = 1 if a > 0 else 0."""
        a = self.data
        return _node(a if a > 0.0 else 0.0, "relu", (self,), (1.0 if a > 0.0 else 0.0,))

    @staticmethod
    def sum(terms: Iterable[Value | Number]) -> Value:
        """t1 + t2 + ... + tn as one node;  d/dti = 1 for every term."""
        parents = tuple(terms)
        if not parents:
            raise ValueError("Value.sum needs at least one term, got none")
        if any(type(p) is not Value for p in parents):
            parents = tuple(map(_sum_operand, parents))
        out = sum([p.data for p in parents])
        if not isfinite(out):
            raise OverflowError(f"Value.sum overflows: {len(parents)} terms add up past the largest float")
        return _node(out, "+", parents, (1.0,) * len(parents))

    # ----- the backward pass -----

    def backward(self) -> None:
        """Fill ``grad`` of every node with d(self)/d(node), by the chain rule.

        Nodes are visited from ``self`` back to the leaves (reverse topological
        order), so a node's gradient is complete before it is passed on.
        Intermediate gradients are recomputed on each call; leaf gradients
        *accumulate*, as in PyTorch: two calls add the same gradient twice.
        """
        interior = topological_order(self, leaves=False)
        for node in interior:
            node.grad = 0.0
        self.grad += 1.0
        for node in reversed(interior):
            upstream = node.grad
            for parent, local in zip(node.parents, node.local_grads):
                parent.grad += local * upstream

    def zero_grad(self) -> None:
        """Set ``grad`` to 0 on every node of the graph that ends in ``self``."""
        for node in topological_order(self):
            node.grad = 0.0

    # ----- conversions -----

    def __float__(self) -> float:
        return self.data

    def __repr__(self) -> str:
        label = f", label={self.label!r}" if self.label else ""
        return f"Value(data={self.data!r}, grad={self.grad!r}{label})"


_new = object.__new__


def _node(data: float, op: str, parents: tuple[Value, ...], local_grads: tuple[float, ...]) -> Value:
    """A new graph node: the result of ``op`` on ``parents``."""
    out = _new(Value)
    out.data = data
    out.grad = 0.0
    out.label = ""
    out.op = op
    out.parents = parents
    out.local_grads = local_grads
    return out


def _operand(x: object) -> Value | None:
    """``x`` as a Value (numbers become constant leaves); None if it is not a number."""
    kind = type(x)
    if kind is Value:
        return x
    if (kind is float or kind is int) and math.isfinite(x):  # the common case, kept fast
        return _node(float(x), "", (), ())
    if isinstance(x, Value):
        return x
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        return None
    return Value(x)


def _overflow(symbol: str, a: float, b: float) -> None:
    raise OverflowError(f"{symbol} overflows: {a!r} {symbol} {b!r} is larger than the largest float")


def _sum_operand(term: object) -> Value:
    value = _operand(term)
    if value is None:
        raise TypeError(f"Value.sum: cannot add a {type(term).__name__}: {term!r}")
    return value


def _power(a: float, p: float) -> float:
    """a ** p, with an error naming the values where it is undefined or too large."""
    if a == 0.0 and p < 0.0:
        raise ZeroDivisionError(f"power: zero to a negative power, {a!r} ** {p!r}")
    if a < 0.0 and not p.is_integer():
        raise ValueError(
            f"power: a negative base needs a whole exponent, {a!r} ** {p!r} is not a real number"
        )
    try:
        return a**p
    except OverflowError:
        raise OverflowError(f"power overflows: {a!r} ** {p!r} is larger than the largest float") from None


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


def _dpow_dexponent(a: float, p: float, out: float) -> float:
    """d(a**p)/dp = a**p * ln(a); 0 at a = 0 < p; undefined (nan) where a < 0 or a = p = 0."""
    if a > 0.0:
        return out * math.log(a)
    if a == 0.0 and p > 0.0:
        return 0.0
    return math.nan
