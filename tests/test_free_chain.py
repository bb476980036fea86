"""Long chains are freed one node at a time in the browser (Pyodide): ``value.free_chain``.

Pyodide's stack is small: freeing a chain of 100,000 nodes by CPython's nested calls kills the
kernel there (notebook 04). CPython itself does not need the help, so ``free_chain`` is installed
as ``Value.__del__`` only under Pyodide; here it is called directly, and once installed as in
Pyodide, in a subprocess that pretends to be Pyodide.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from autograd import Value
from autograd.engine import value


def chain(length: int) -> tuple[Value, Value, list[Value]]:
    """y = x + x + ... + x: every node of the chain, x first."""
    x = Value(1.0, label="x")
    nodes = [x]
    for _ in range(length):
        nodes.append(nodes[-1] + x)
    return x, nodes[-1], nodes


def test_free_chain_unlinks_what_nothing_else_holds_and_keeps_what_is_held() -> None:
    x, y, nodes = chain(1000)
    kept = nodes[500]  # a learner's variable in the middle of the chain
    del nodes
    value.free_chain(y)
    assert y.parents == ()
    assert len(kept.parents) == 2  # held: its graph is untouched, so its gradient is still right
    kept.backward()
    assert x.grad == 501.0  # kept = x + x + ... + x (501 terms): d(kept)/dx = 501, by hand


def test_in_pyodide_freeing_a_long_chain_nests_no_call() -> None:
    """With Value.__del__ installed as in Pyodide, and a recursion limit far below the chain's length."""
    script = textwrap.dedent("""
        import sys
        sys.platform = "emscripten"  # what Pyodide says: value.py installs Value.__del__
        from autograd import Value
        from autograd.engine import value
        assert Value.__del__ is value.free_chain
        x = Value(1.0)
        y = x
        for _ in range(100_000):
            y = y + x
        y.backward()
        assert x.grad == 100_001.0
        sys.setrecursionlimit(200)
        freed = []
        value.Value.__del__ = lambda node, free=value.free_chain: (freed.append(1), free(node))
        y = None
        print(len(freed))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "Exception ignored" not in done.stderr, done.stderr  # no RecursionError
    assert int(done.stdout) == 100_000  # every node the 100,000 additions made was freed (x is still held)
