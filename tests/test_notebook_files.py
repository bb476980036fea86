"""The notebooks are stored as a learner should receive them: run top to bottom in a fresh kernel,
with nothing in them that JupyterLab rewrites on opening (which would mark them modified at once)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from editions import ALL_NOTEBOOKS, label
from jupyter_client.kernelspec import KernelSpecManager

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ALL_NOTEBOOKS  # both editions


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=label)
def test_the_kernel_is_named_as_the_kernel_names_itself(path: Path) -> None:
    """JupyterLab writes the running kernel's display name into the notebook when they differ."""
    kernel = KernelSpecManager().get_kernel_spec("python3")
    stored = load(path)["metadata"]["kernelspec"]
    assert (stored["name"], stored["display_name"]) == ("python3", kernel.display_name)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=label)
def test_run_top_to_bottom_once_without_timings(path: Path) -> None:
    code = [cell for cell in load(path)["cells"] if cell["cell_type"] == "code"]
    assert [cell["execution_count"] for cell in code] == list(range(1, len(code) + 1))
    assert not [cell["id"] for cell in code if "execution" in cell["metadata"]]  # no timings: see README


@pytest.mark.parametrize("path", NOTEBOOKS, ids=label)
def test_every_figure_is_stored_as_a_picture(path: Path) -> None:
    """A matplotlib figure shown by a cell is stored as an image, not only as its text stand-in
    ("<Figure size 700x450 with 1 Axes>"), which is all that a kernel without matplotlib's inline
    support (``%matplotlib inline``) shows of a figure made without pyplot."""
    texts_only = [
        number for number, cell in enumerate(load(path)["cells"]) if cell["cell_type"] == "code"
        for output in cell.get("outputs", [])
        if "".join(output.get("data", {}).get("text/plain", "")).startswith("<Figure size")
        and "image/png" not in output["data"]
    ]
    assert not texts_only, f"{label(path)}: cells {texts_only} show a figure as text only"
