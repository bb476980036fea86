"""The words and numbers of the pictures: number format, node names, op symbols, box text.

Pictures and backward-pass explanations take all their text from here, so a number
or a name reads the same in a box, in an explanation and in a widget.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from autograd.graph import Node

SIGNIFICANT_DIGITS = 4
SMALL_ARRAY = 4  # arrays with at most this many entries show their entries, larger ones their mean
OP_SYMBOLS = {"+": "+", "-": "−", "*": "×", "/": "÷", "neg": "−", "**": "^", "sigmoid": "σ", "relu": "ReLU"}
_ATOM = re.compile(r"[^\W\d][\w.]*|[0-9.]+")  # names and non-negative numbers need no brackets


def format_number(x: float) -> str:
    """``x`` to 4 significant digits: 2.0 -> "2", -6.25 -> "-6.25", 1/3 -> "0.3333", 12345 -> "1.234e+04"."""
    text = f"{float(x):.{SIGNIFICANT_DIGITS}g}"
    return "0" if text == "-0" else text


def describe(x: float | np.ndarray) -> str:
    """The text of a data or grad entry of a box: a number, or for an array its shape and entries (or mean).

    This is where a ``Tensor`` plugs into the pictures: ``[2×3] mean 0.5``, ``[2] 1, -2``.
    """
    if not isinstance(x, np.ndarray):
        return format_number(x)
    if x.ndim == 0:
        return format_number(x.item())
    shape = "×".join(map(str, x.shape))
    if x.size <= SMALL_ARRAY:
        return f"[{shape}] " + ", ".join(map(format_number, x.flat))
    return f"[{shape}] mean {format_number(x.mean())}"


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
    """The symbol drawn in an op circle: "*" -> "×", "**2" -> "^2", "tanh" -> "tanh"."""
    if op.startswith("**") and op != "**":
        return "^" + op[2:]
    return OP_SYMBOLS.get(op, op)


def atom(text: str) -> str:
    """``text`` as an operand: a name or a non-negative number as it is, anything else in brackets."""
    return text if _ATOM.fullmatch(text) else f"({text})"


def formula(node: Node, names: dict[Node, str]) -> str:
    """How ``node`` was computed from its parents: "a × b", "e + c", "tanh(n)", "x^2"."""
    operands = [names[parent] for parent in node.parents]
    op = node.op
    if op.startswith("**"):
        exponent = operands[1] if op == "**" else op[2:]
        return f"{atom(operands[0])}^{atom(exponent)}"
    if op == "neg":
        return f"−{atom(operands[0])}"
    if len(operands) == 1:
        return f"{op_symbol(op)}({operands[0]})"
    return f" {op_symbol(op)} ".join(map(atom, operands))
