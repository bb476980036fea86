"""In the browser edition, each notebook's kernel gets numpy and matplotlib where it needs them.

JupyterLite's Pyodide kernel downloads a package from Pyodide's CDN (with the packages it requires)
only when a cell's own import statements name it: before it runs a cell, it reads the modules the
cell imports (Pyodide's ``find_imports``, on the cell as typed; a cell that is not plain Python, such
as one holding ``%matplotlib inline``, names none). When autograd imports numpy or matplotlib inside
(lazily, as it does), the kernel does not see it, and the import fails. So every notebook that needs
them names them in its imports cell, and no other notebook names them anywhere.
tests/browser/test_site.py checks in Chromium that those imports cells make the kernel ask the CDN
for these packages.
"""

from __future__ import annotations

import ast
import re
from importlib import metadata
from pathlib import Path

import pytest
from editions import ALL_NOTEBOOKS, CDN_PACKAGES, code_cells, imports_cell, label

DOWNLOADED = {package for packages, _ in CDN_PACKAGES.values() for package in packages}  # not in the site


def with_requirements(packages: set[str]) -> set[str]:
    """``packages`` and those of DOWNLOADED they require (installed metadata: matplotlib requires numpy),
    which the kernel downloads with them."""
    required = {re.match(r"[\w.-]+", line).group().lower() for name in packages
                for line in metadata.requires(name) or [] if "extra ==" not in line}  # fmt: skip
    return packages | (required & DOWNLOADED)


def imported_modules(source: str) -> set[str]:
    """The top-level names of the modules that the code ``source`` imports, as Pyodide's kernel reads
    them before it runs a cell: none when ``source`` does not parse as Python."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    names |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    return {name.split(".")[0] for name in names}


def test_a_cell_with_ipython_syntax_imports_nothing_for_the_kernel() -> None:
    assert imported_modules("import numpy as np\nfrom matplotlib import pyplot") == {"numpy", "matplotlib"}
    assert imported_modules("%matplotlib inline\nimport numpy as np") == set()


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=label)
def test_the_imports_cell_names_what_the_browser_downloads(path: Path) -> None:
    needed, what_for = CDN_PACKAGES.get(path.name[:2], ((), ""))
    named = imported_modules(imports_cell(path)) & DOWNLOADED
    message = f"{label(path)}: its imports cell names {sorted(named)}; {what_for} need {needed}"
    assert with_requirements(named) == set(needed), message


@pytest.mark.parametrize("path", [p for p in ALL_NOTEBOOKS if p.name[:2] not in CDN_PACKAGES], ids=label)
def test_the_offline_notebooks_import_neither_numpy_nor_matplotlib(path: Path) -> None:
    named = set().union(*(imported_modules("".join(cell["source"])) for cell in code_cells(path)))
    assert not named & DOWNLOADED, f"{label(path)} imports {sorted(named & DOWNLOADED)}: that needs the CDN"
