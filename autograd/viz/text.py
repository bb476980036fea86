"""The words and numbers of the pictures: number format, node names, op symbols, box text.

Pictures and backward-pass explanations take all their text from here, so a number
or a name reads the same in a box, in an explanation and in a widget.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from autograd.engine.arrays import is_array
from autograd.engine.graph import Node
from autograd.engine.ops import ENTRYWISE_DERIVATIVES, lookup
from autograd.language import _

if TYPE_CHECKING:
    import numpy as np

SIGNIFICANT_DIGITS = 4
SMALL_ARRAY = 4  # arrays with at most this many entries show their entries, larger ones their mean
_ATOM = re.compile(r"[^\W\d][\w.]*|[0-9.]+")  # names and non-negative numbers need no brackets


def format_number(x: float) -> str:
    """``x`` to 4 significant digits: 2.0 -> "2", -6.25 -> "-6.25", 1/3 -> "0.3333", 12345 -> "1.234e+04"."""
    text = f"{float(x):.{SIGNIFICANT_DIGITS}g}"
    return "0" if text == "-0" else text


def describe(x: float | np.ndarray) -> str:
    """The text of a data or grad entry of a box: a number, or for an array its shape and entries (or mean).

    This is where a ``Tensor`` plugs into the pictures: ``[2×3] mean 0.5``, ``[2] 1, -2``.
    """
    if not is_array(x):
        return format_number(x)
    if x.ndim == 0:
        return format_number(x.item())
    if x.size <= SMALL_ARRAY:
        return f"{shape_text(x.shape)} " + ", ".join(map(format_number, x.flat))
    return _("{shape} mean {value}").format(shape=shape_text(x.shape), value=format_number(x.mean()))


def shape_text(shape: tuple[int, ...]) -> str:
    """A shape as the pictures write it: (2, 3) -> "[2×3]", (3,) -> "[3]", () -> "[]" (a single number)."""
    return "[" + "×".join(map(str, shape)) + "]"


def is_constant(node: Node) -> bool:
    """A leaf without a label: a number that entered the graph, as the 2 in ``x * 2``."""
    return not node.parents and not node.label


def node_names(order: Sequence[Node]) -> dict[Node, str]:
    """A name for every node: its label; a constant's number; else n1, n2, ... in ``order`` (unused names)."""
    taken = {node.label for node in order}
    names: dict[Node, str] = {}
    count = 0
    for node in order:
        if node.label:
            names[node] = node.label
        elif is_constant(node):
            names[node] = describe(node.data)
        else:
            count += 1
            while f"n{count}" in taken:
                count += 1
            names[node] = f"n{count}"
    return names


def op_symbol(op: str) -> str:
    """The symbol drawn in an op circle, from the op table: "*" -> "×", "**2" -> "^2", "tanh" -> "tanh"."""
    entry, exponent = lookup(op)
    return op if entry is None else entry.symbol.format(e_name=exponent)


def atom(text: str) -> str:
    """``text`` as an operand: a name or a non-negative number as it is, anything else in brackets."""
    return text if _ATOM.fullmatch(text) else f"({text})"


def formula(node: Node, names: dict[Node, str]) -> str:
    """How ``node`` was computed from its parents: "a × b", "e + c", "tanh(n)", "x^2" (from the op table)."""
    entry, exponent = lookup(node.op)
    if entry is None:  # a Tensor op outside the table: X @ W, sum(X), sum(X, axis=1), reshape(X, 2, 3)
        operands = [names[parent] for parent in node.parents]
        if len(operands) == 1:
            name, _, options = node.op.partition("(")
            return f"{name}({operands[0]}, {options}" if options else f"{name}({operands[0]})"
        return f" {node.op} ".join(map(atom, operands))
    return entry.formula_template(len(node.parents)).format(**_fields(node, names, exponent))


def derivative_text(node: Node, index: int, names: dict[Node, str]) -> str:
    """d(node)/d(parent number ``index``) written with names, from the op table: for e = a × b, de/da = "b".

    An op whose derivative has no formula (relu: 1 or 0) is written as its number, or on arrays
    entry by entry (relu: "(a > 0)").
    """
    entry, exponent = lookup(node.op)
    p = float(exponent) if exponent else None
    template = None if entry is None else entry.derivative_templates(len(node.parents), p)[index]
    local = node.local_grads[index]
    if template is None and is_array(local) and entry is not None:
        template = ENTRYWISE_DERIVATIVES[entry.name][index]
    if template is None:
        return format_number(local)
    return template.format(**_fields(node, names, exponent))


def _fields(node: Node, names: dict[Node, str], exponent: str) -> dict[str, str]:
    """The names a formula template of the op table may use for ``node`` (see autograd.engine.ops)."""
    raw = [names[parent] for parent in node.parents]
    atoms = [atom(name) for name in raw]
    fields = {f"x{i}": text for i, text in enumerate(atoms)}
    fields.update(zip(("a", "b"), atoms))
    fields.update(zip(("a_name", "b_name"), raw))
    fields["out"] = atom(names[node])
    if exponent:
        p = float(exponent)
        fields.update(e=atom(exponent), e_name=exponent, p=format_number(p), q=atom(format_number(p - 1.0)))
    return fields
