"""Notebook 04's teaching engine agrees with autograd.Value and with gradients derived by hand.

The cells of notebooks/04_the_autograd_engine.ipynb tagged "teaching-engine" (the class ``TinyValue``
and its ``backward``) are run in a fresh namespace. On several formulas both engines must give the
gradients derived by hand, so an edit that breaks the teaching version (a wrong local derivative,
``=`` instead of ``+=``, a wrong visiting order) fails here.
"""

from __future__ import annotations

import inspect
import math
import re
import sys
from pathlib import Path

import nbformat
import pytest
from editions import FOLDERS

from autograd import Value

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "04_the_autograd_engine.ipynb"
TAG = "teaching-engine"


def teaching_engine(path: Path = NOTEBOOK) -> dict:
    """The namespace left by running the tagged cells of the notebook at ``path``, in order."""
    notebook = nbformat.read(path, as_version=4)
    cells = [cell for cell in notebook.cells
             if cell.cell_type == "code" and TAG in cell.metadata.get("tags", [])]
    namespace: dict = {"__name__": "teaching_engine"}
    for number, cell in enumerate(cells):
        exec(compile(cell.source, f"{path.name}[{TAG} {number}]", "exec"), namespace)
    return namespace


@pytest.fixture(scope="module")
def tiny() -> dict:
    return teaching_engine()


def sech2(z: float) -> float:
    """d tanh(z)/dz = 1 - tanh(z)**2."""
    return 1.0 - math.tanh(z) ** 2


def shared(a, b, c):
    """e*(e + c) with e = a*b: the node e is used twice."""
    e = a * b
    return e * (e + c)


def neuron(w1, x1, w2, x2, b):
    return (w1 * x1 + w2 * x2 + b).tanh()


def neuron_by_hand(w1, x1, w2, x2, b):
    s = sech2(w1 * x1 + w2 * x2 + b)
    return {"w1": s * x1, "x1": s * w1, "w2": s * x2, "x2": s * w2, "b": s}


# (name, the formula for either engine, its gradient derived by hand with plain floats)
FORMULAS = [
    ("(a*b + c)*f",
     lambda a, b, c, f: (a * b + c) * f,
     lambda a, b, c, f: {"a": f * b, "b": f * a, "c": f, "f": a * b + c}),
    ("a + a", lambda a: a + a, lambda a: {"a": 2.0}),
    ("a * a", lambda a: a * a, lambda a: {"a": 2.0 * a}),
    ("a*a*a", lambda a: a * a * a, lambda a: {"a": 3.0 * a * a}),
    ("a*b + a", lambda a, b: a * b + a, lambda a, b: {"a": b + 1.0, "b": a}),
    ("e*(e + c), e = a*b", shared,
     lambda a, b, c: {"a": (2 * a * b + c) * b, "b": (2 * a * b + c) * a, "c": a * b}),
    ("tanh(w1*x1 + w2*x2 + b)", neuron, neuron_by_hand),
    ("tanh(tanh(a) * b)",
     lambda a, b: (a.tanh() * b).tanh(),
     lambda a, b: {"a": sech2(math.tanh(a) * b) * b * sech2(a), "b": sech2(math.tanh(a) * b) * math.tanh(a)}),
]

POINTS = [
    {"a": 2.0, "b": -3.0, "c": 10.0, "f": -2.0, "w1": 0.5, "x1": 1.5, "w2": -0.25, "x2": -2.0},
    {"a": -0.7, "b": 0.4, "c": 1.3, "f": 2.5, "w1": -1.1, "x1": 0.3, "w2": 0.8, "x2": 0.9},
    {"a": 1.25, "b": 1.5, "c": -0.5, "f": 0.75, "w1": 2.0, "x1": -0.6, "w2": 0.1, "x2": 1.7},
]


def gradients(engine: type, backward, formula, values: dict[str, float]) -> tuple[float, dict[str, float]]:
    """The output and d(output)/d(leaf) for each leaf, with ``engine`` as the leaf type."""
    leaves = {name: engine(x) for name, x in values.items()}
    out = formula(**leaves)
    backward(out)
    return out.data, {name: leaf.grad for name, leaf in leaves.items()}


def close(x: float, y: float) -> bool:
    return math.isclose(x, y, rel_tol=1e-12, abs_tol=1e-12)


@pytest.mark.parametrize("point", POINTS, ids=["p1", "p2", "p3"])
@pytest.mark.parametrize(("name", "formula", "by_hand"), FORMULAS, ids=[f[0] for f in FORMULAS])
def test_teaching_engine_and_package_give_the_hand_derived_gradients(tiny, name, formula, by_hand, point):
    values = {p: point[p] for p in inspect.signature(formula).parameters}
    expected = by_hand(**values)
    tiny_out, tiny_grads = gradients(tiny["TinyValue"], tiny["backward"], formula, values)
    real_out, real_grads = gradients(Value, Value.backward, formula, values)
    assert close(tiny_out, real_out), (name, tiny_out, real_out)
    for leaf, want in expected.items():
        for engine, got in [("TinyValue", tiny_grads[leaf]), ("autograd", real_grads[leaf])]:
            assert close(got, want), f"{engine}, {name}: d/d{leaf} = {got}, by hand {want}"


def test_teaching_engine_forward_values_match_plain_arithmetic(tiny):
    TinyValue = tiny["TinyValue"]
    a, b, c, f = TinyValue(2.0), TinyValue(-3.0), TinyValue(10.0), TinyValue(-2.0)
    e = a * b
    L = (e + c) * f
    assert (e.data, L.data) == (-6.0, -8.0)
    assert L.local_grads == (-2.0, 4.0)  # (dL/dd, dL/df) = (f, d), computed in the forward pass
    assert TinyValue(0.5).tanh().data == math.tanh(0.5)


def test_teaching_build_topo_puts_every_node_after_its_parents(tiny):
    TinyValue, build_topo = tiny["TinyValue"], tiny["build_topo"]
    a, b, c = TinyValue(2.0), TinyValue(-3.0), TinyValue(10.0)
    e = a * b
    d = e + c
    L = e * d
    assert build_topo(L) == [a, b, e, c, d, L]


def test_teaching_backward_twice_gives_the_same_gradients(tiny):
    """The notebook says TinyValue's backward starts every gradient from zero."""
    TinyValue, backward = tiny["TinyValue"], tiny["backward"]
    x = TinyValue(1.5)
    y = x * x + x
    backward(y)
    backward(y)
    assert (x.grad, y.grad) == (4.0, 1.0)  # 2x + 1, not twice that


def test_the_tagged_cells_are_the_teaching_engine_only():
    """The tag selects the two cells that define the engine: nothing else runs in the test."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    tagged = [cell.source for cell in notebook.cells if TAG in cell.metadata.get("tags", [])]
    assert len(tagged) == 2
    assert "class TinyValue" in tagged[0] and "def backward(root)" in tagged[1]


# Freeing a Python object nested about 3,000 deep overflows the browser's stack in Pyodide 314 (measured
# in Chromium: a TinyValue chain of 3,000 additions kills the kernel, 2,000 is freed): the notebook's chain
# must be deeper than Python's recursion limit and stay well below that.
BROWSER_SAFE_DEPTH = 2_000


EDITIONS = {"en": NOTEBOOK, "fr": next(FOLDERS["fr"].glob("04_*.ipynb"))}
BROWSER_CAUTION = {  # what the prose tells the browser edition's learners, in each language's digits
    "en": f"under {BROWSER_SAFE_DEPTH:,} additions",
    "fr": f"sous {BROWSER_SAFE_DEPTH:,} additions".replace(",", "\u202f"),
}


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_teaching_build_topo_is_recursive_and_stops_on_the_notebooks_chain(tiny, edition):
    """The notebook's chain (the cell that catches RecursionError) is too deep for the recursive walk
    and shallow enough for the browser edition, whose learners the prose tells that limit. Its output
    is not compared: the wording varies."""
    notebook = nbformat.read(EDITIONS[edition], as_version=4)
    demo = next(cell.source for cell in notebook.cells if "except RecursionError" in cell.source)
    depth = int(re.search(r"range\(([\d_]+)\)", demo).group(1))
    assert sys.getrecursionlimit() < depth <= BROWSER_SAFE_DEPTH
    markdown = [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]
    prose = re.sub("[ \n]+", " ", " ".join(markdown))
    assert BROWSER_CAUTION[edition] in prose
    TinyValue, backward = tiny["TinyValue"], tiny["backward"]
    x = TinyValue(1.0)
    y = x
    for _ in range(depth):
        y = y + x
    with pytest.raises(RecursionError):
        backward(y)
