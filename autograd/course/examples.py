"""The author's manual example, built once for the pictures and the tests.

Notebooks build it by hand, line by line, because building it is the lesson.
"""

from __future__ import annotations

from autograd.engine.value import Value


def notes_example(a: float = 2.0, b: float = -3.0, c: float = 10.0, f: float = -2.0) -> dict[str, Value]:
    """e = a*b, d = e + c, L = d*f, every node labelled with the notes' names (no backward yet)."""
    nodes = {"a": Value(a, "a"), "b": Value(b, "b"), "c": Value(c, "c"), "f": Value(f, "f")}
    nodes["e"] = nodes["a"] * nodes["b"]
    nodes["d"] = nodes["e"] + nodes["c"]
    nodes["L"] = nodes["d"] * nodes["f"]
    for name in "edL":
        nodes[name].label = name
    return nodes
