"""The scalar ``Value``: a number that remembers how it was made.

Every operation on ``Value`` objects builds a node of a computation graph. A node
keeps its ``parents`` (the operands, in order) and, computed during the forward
pass, its *local derivatives*: the derivative of the node with respect to each
parent. ``backward()`` then applies the chain rule, node by node from the output
back to the inputs::

    parent.grad += local_derivative * node.grad      # upstream x local

What each operation computes, and its local derivatives, is stated once in the op
table (``autograd.engine.ops``); this module makes the nodes, and its methods for
``-a``, ``exp``, ... ``cos`` are made from the table's entries. No closures are
stored in a node, so a graph holds no reference cycles and is freed as soon as it
is no longer used.
"""

from __future__ import annotations

import math
import numbers
import sys
from collections.abc import Callable, Iterable

from autograd.engine.graph import Observer, backpropagate, topological_order
from autograd.engine.ops import ONE_OPERAND_METHODS, OPS, Op, add_all, method_names, power_op
from autograd.language import _

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
            message = _("Value() takes a real number (int, float or numpy scalar), got {type}: {data}")
            raise TypeError(message.format(
                type=type(data).__name__, data=repr(data)))
        data = float(data)
        if not math.isfinite(data):
            raise ValueError(_("Value() takes a finite number, got {data}").format(data=data))
        if not isinstance(label, str):
            raise TypeError(f"Value() label must be a str, got {type(label).__name__}")
        self.data = data
        self.grad = 0.0
        self.label = label
        self.op = ""
        self.parents: tuple[Value, ...] = ()
        self.local_grads: tuple[float, ...] = ()

    # ----- arithmetic: the rules are in the op table (autograd.engine.ops) -----

    __add__: Callable[[Value, Value | Number], Value]
    __sub__: Callable[[Value, Value | Number], Value]
    __mul__: Callable[[Value, Value | Number], Value]
    __truediv__: Callable[[Value, Value | Number], Value]

    def __pow__(self, other: Value | Number) -> Value:
        """a ** p;  d/da = p * a**(p-1),  d/dp = a**p * ln(a) (for a Value exponent)."""
        if isinstance(other, Value):
            out, local = _POW(self.data, other.data)
            return _node(out, "**", (self, other), local)
        if isinstance(other, bool) or not isinstance(other, numbers.Real):
            return NotImplemented
        p = float(other)
        if not math.isfinite(p):
            message = _("power: the exponent must be finite, got {a} ** {p}")
            raise ValueError(message.format(a=repr(self.data), p=repr(p)))
        # A number exponent is a constant: it is shown in the op, not as a node.
        out, local = _POW_NUMBER(self.data, p)
        return _node(out, power_op(p), (self,), local)

    def __pos__(self) -> Value:
        """+a is a itself: no new node."""
        return self

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

    # ----- functions: -a, abs(a) and a.exp(), a.tanh(), a.sin()... are made from the op table, one
    # method per entry of autograd.engine.ops.ONE_OPERAND_METHODS (see the end of this module) -----

    @staticmethod
    def sum(terms: Iterable[Value | Number]) -> Value:
        """t1 + t2 + ... + tn as one node;  d/dti = 1 for every term."""
        parents = tuple(terms)
        if not parents:
            raise ValueError(_("Value.sum needs at least one term, got none"))
        if any(type(p) is not Value for p in parents):
            parents = tuple(map(_sum_operand, parents))
        try:
            out, local = add_all([p.data for p in parents])
        except OverflowError:
            message = _("Value.sum overflows: {count} terms add up past the largest float")
            raise OverflowError(message.format(count=len(parents))) from None
        return _node(out, "+", parents, local)

    # ----- the backward pass -----

    def backward(self, observer: Observer | None = None) -> None:
        """Fill ``grad`` of every node with d(self)/d(node), by the chain rule.

        Nodes are visited from ``self`` back to the leaves (reverse topological
        order), so a node's gradient is complete before it is passed on.
        Intermediate gradients are recomputed on each call; leaf gradients
        *accumulate*, as in PyTorch: two calls add the same gradient twice.
        ``observer(node)``, if given, is called after each node has passed its
        gradient on (the stepper films the pass this way).
        """
        backpropagate(self, 0.0, _seed, _pass_on, observer)

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
_POW, _POW_NUMBER = OPS["**"].scalar, OPS["**p"].scalar


def _seed(root: Value) -> None:
    """d(root)/d(root) = 1 (added: a leaf's gradient accumulates)."""
    root.grad += 1.0


def _pass_on(nodes: Iterable[Value], observer: Observer | None) -> None:
    """For each node in turn: parent.grad += local × node.grad for every parent (upstream × local)."""
    for node in nodes:
        upstream = node.grad
        for parent, local in zip(node.parents, node.local_grads):
            parent.grad += local * upstream
        if observer is not None:
            observer(node)


def _operator(op: Op, method_name: str) -> Callable[[Value, Value | Number], Value]:
    """The method ``Value.__add__`` (etc.): one node, value and local derivatives from the table.

    The node is made here rather than by ``_node``: a + b and a * b are the hot path of training.
    """
    rule, name = op.scalar, op.name

    def method(self: Value, other: Value | Number) -> Value:
        if type(other) is not Value and (other := _operand(other)) is None:
            return NotImplemented
        out = _new(Value)
        out.data, out.local_grads = rule(self.data, other.data)
        out.grad = 0.0
        out.label = ""
        out.op = name
        out.parents = (self, other)
        return out

    method.__name__ = method.__qualname__ = method_name
    method.__doc__ = op.english_doc
    return method


def _function(op: Op, method_name: str) -> Callable[[Value], Value]:
    """The method ``Value.<op.method>()``: one node, value and local derivative from the table."""
    rule, name = op.scalar, op.name

    def method(self: Value) -> Value:
        out = _new(Value)
        out.data, out.local_grads = rule(self.data)
        out.grad = 0.0
        out.label = ""
        out.op = name
        out.parents = (self,)
        return out

    method.__name__ = method.__qualname__ = method_name
    method.__doc__ = op.english_doc
    return method


for _name, _method in (("+", "__add__"), ("-", "__sub__"), ("*", "__mul__"), ("/", "__truediv__")):
    setattr(Value, _method, _operator(OPS[_name], _method))
for _op in ONE_OPERAND_METHODS:
    for _name in method_names(_op):
        setattr(Value, _name, _function(_op, _name))


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


def _sum_operand(term: object) -> Value:
    value = _operand(term)
    if value is None:
        raise TypeError(f"Value.sum: cannot add a {type(term).__name__}: {term!r}")
    return value


def free_chain(node: Value) -> None:
    """Free the graph behind ``node`` one node at a time: ``Value.__del__`` in Pyodide (JupyterLite).

    CPython frees a long chain (y = y + x, 100,000 times, as in notebook 04) by nested calls, one per
    node. In the browser the stack is far smaller: from about 3,000 nested nodes the kernel dies.
    Here a node's parents are taken off it and freed from a list instead, each parent that nothing
    else holds (only this loop's variable: ``ALONE`` references) after its own parents, so no call
    nests; a node still held elsewhere keeps its graph untouched.
    """
    pending = list(node.parents)
    node.parents = ()
    while pending:
        parent = pending.pop()
        if sys.getrefcount(parent) == ALONE and parent.parents:
            pending.extend(parent.parents)
            parent.parents = ()


def _references_when_alone() -> int:
    """What ``sys.getrefcount`` says of a node held by one local variable only, as in ``free_chain``:
    2 up to CPython 3.13 (the variable and the call's argument), 1 from 3.14 (a borrowed argument)."""
    pending = [_new(Value)]
    alone = pending.pop()
    return sys.getrefcount(alone)


ALONE = _references_when_alone()
if sys.platform == "emscripten":
    Value.__del__ = free_chain  # CPython frees long chains without help: no cost on its hot path
