"""The course's two editions, English and French: where their notebooks are and which is which.

The French notebook of an English one has the same two-digit number (``01_forward_pass`` and
``fr/01_passe_avant``); the tests that read notebooks take both editions from here.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

from IPython.core.inputtransformer2 import TransformerManager

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = {"en": ROOT / "notebooks", "fr": ROOT / "notebooks" / "fr"}
# The cell that makes a French notebook's package speak French: its first code cell, and the
# only code cell that the English edition does not have.
LANGUAGE_CELL = 'from autograd.language import set_language\n\nset_language("fr")'
# What the browser edition's kernel (Pyodide) downloads from Pyodide's CDN for each notebook, by number
# (both editions), and what for. Every other notebook runs with no network.
CDN_PACKAGES = {
    "02": (("matplotlib", "numpy"), "the secant and error figures"),
    "05": (("matplotlib", "numpy"), "the descent figures"),
    "06": (("matplotlib", "numpy"), "make_moons and the training figures"),
    "07": (("matplotlib", "numpy"), "Tensor and the timing figure"),
    "08": (("numpy",), "the vector-or-tensor demo"),
}


def notebooks(edition: str) -> list[Path]:
    """The course notebooks of one edition ("en" or "fr"), in course order."""
    return sorted(FOLDERS[edition].glob("[0-9][0-9]_*.ipynb"))


ALL_NOTEBOOKS = notebooks("en") + notebooks("fr")


def pairs() -> list[tuple[Path, Path]]:
    """(English, French) notebooks, matched by their number."""
    french = {path.name[:2]: path for path in notebooks("fr")}
    return [(path, french.get(path.name[:2], FOLDERS["fr"] / f"{path.name[:2]}_missing.ipynb"))
            for path in notebooks("en")]


def label(path: Path) -> str:
    """A short test id: "01_forward_pass", "fr/01_passe_avant"."""
    return path.relative_to(FOLDERS["en"]).with_suffix("").as_posix()


TO_PYTHON = TransformerManager()


def code_cells(path: Path) -> list[dict]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [cell for cell in cells if cell["cell_type"] == "code"]


def computation(source: str) -> str:
    """The code of a cell with its strings blanked: what it computes, not what it says."""
    tree = ast.parse(TO_PYTHON.transform_cell(source))
    specs = {id(part) for node in ast.walk(tree) if isinstance(node, ast.FormattedValue) and node.format_spec
             for part in ast.walk(node.format_spec)}  # ":.3f" is how a number is computed into text: kept
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in specs:
            node.value = ""
    return ast.dump(tree)


def imports_cell(path: Path) -> str:
    """The source of a notebook's imports cell: its first code cell, after the language cell."""
    sources = ["".join(cell["source"]) for cell in code_cells(path)]
    return sources[1] if sources[0] == LANGUAGE_CELL else sources[0]
