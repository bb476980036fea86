"""Every link and image in README and the notebooks leads somewhere: a file of the repository
(README's course command serves the repository root, so a notebook can reach ../images), and
for a link with #anchor, a heading of that file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from editions import ALL_NOTEBOOKS, notebooks

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ALL_NOTEBOOKS  # both editions
LINK = re.compile(  # [text](target "title"), ![alt](target), <img src="target">, <a href="target">
    r"!?\[[^\]]*\]\(<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\)|<img[^>]*\ssrc=\"([^\"]+)\"|\shref=\"([^\"]+)\""
)
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$", re.M)


def markdown_of(path: Path) -> str:
    """The Markdown of README, or of every Markdown cell of a notebook."""
    if path.suffix != ".ipynb":
        return path.read_text(encoding="utf-8")
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")


def links(text: str) -> list[str]:
    return [next(group for group in match.groups() if group) for match in LINK.finditer(text)]


def anchors(markdown: str) -> set[str]:
    """The anchors of the headings of ``markdown``, as GitHub (README) and JupyterLab (notebooks) do."""
    anchors = set()
    for heading in HEADING.findall(markdown):
        text = re.sub(r"[`*_$]", "", heading)
        anchors.add(text.replace(" ", "-"))  # JupyterLab: the heading's text, spaces as hyphens
        anchors.add(re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-"))  # GitHub
    return anchors


DOCUMENTS = [ROOT / "README.md", ROOT / "LISEZMOI.md", ROOT / "notebooks/fr/GLOSSAIRE.md"]


@pytest.mark.parametrize("source", [*DOCUMENTS, *NOTEBOOKS], ids=lambda path: path.name)
def test_every_link_and_image_resolves(source: Path) -> None:
    for target in links(markdown_of(source)):
        if re.match(r"[a-z]+:", target):
            assert target.startswith(("https://", "mailto:")), f"{source.name}: {target}"
            continue
        path_part, _, anchor = target.partition("#")
        resolved = (source.parent / path_part).resolve() if path_part else source
        assert resolved.is_relative_to(ROOT), f"{source.name}: {target} is outside the server root"
        assert resolved.exists(), f"{source.name}: {target} does not exist"
        if anchor:
            assert anchor in anchors(markdown_of(resolved)), f"{source.name}: {target}: no such heading"


def test_the_link_finder_finds_links_images_and_anchors() -> None:
    text = '![a picture](../images/x.svg "title") see [03](03_chain.ipynb#Step-4) <img src="y.png">'
    assert links(text) == ["../images/x.svg", "03_chain.ipynb#Step-4", "y.png"]
    headings = "# 00 · Start here\n\ntext\n\n## 2. Move `x` yourself\n"
    assert {"2.-Move-x-yourself", "2-move-x-yourself", "00-·-Start-here"} <= anchors(headings)
    assert "Move-x" not in anchors(headings)


@pytest.mark.parametrize("edition", ["en", "fr"])
def test_every_notebook_is_reachable_from_the_first(edition: str) -> None:
    first, *others = notebooks(edition)
    assert {path.name for path in others} <= set(links(markdown_of(first)))
