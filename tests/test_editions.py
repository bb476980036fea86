"""The English and French editions cannot drift apart: same code, same computations.

Design: each edition is a notebook of its own, written for its readers (the prose is free to
differ), and the *code* is compared. Two code cells agree when their Python syntax trees are
equal once every string constant is blanked and comments are dropped (comments never reach the
tree): a translated ``print("...")``, plot title or f-string text passes; a changed number,
name, call, argument, f-string expression, number format (``:.3f``) or cell order fails. The
French notebook has one code cell more, its first: ``set_language("fr")``
(``editions.LANGUAGE_CELL``). Cell tags (what nbval and the tests read) must be the same too.
IPython syntax (``%matplotlib inline``) is turned into Python first, as IPython itself does.
"""

from __future__ import annotations

import ast
import html
import json
import re
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from editions import FOLDERS, LANGUAGE_CELL, ROOT, code_cells, computation, label, notebooks, pairs


def test_every_english_notebook_has_a_french_edition() -> None:
    assert [path.name[:2] for path in notebooks("fr")] == [path.name[:2] for path in notebooks("en")]


@pytest.mark.parametrize(("english", "french"), pairs(), ids=lambda path: label(path))
def test_the_french_edition_computes_what_the_english_one_does(english: Path, french: Path) -> None:
    en, fr = code_cells(english), code_cells(french)
    assert "".join(fr[0]["source"]) == LANGUAGE_CELL, f"{label(french)}: the first code cell chooses French"
    fr = fr[1:]
    assert len(fr) == len(en), f"{label(french)}: {len(fr)} code cells after the first; English: {len(en)}"
    for number, (cell_en, cell_fr) in enumerate(zip(en, fr), start=1):
        source_en, source_fr = "".join(cell_en["source"]), "".join(cell_fr["source"])
        assert computation(source_fr) == computation(source_en), (
            f"code cell {number} differs beyond its strings and comments:\n"
            f"--- {label(english)}\n{source_en}\n--- {label(french)}\n{source_fr}"
        )
        tags = cell_en["metadata"].get("tags", [])
        assert cell_fr["metadata"].get("tags", []) == tags, f"code cell {number}: tags"


def test_strings_and_comments_are_set_aside_and_nothing_else() -> None:
    english = 'print(f"loss {loss:.3f} after {n} steps")  # the loss\nplt.title("Loss")'
    assert computation('print(f"perte {loss:.3f} après {n} pas")  # la perte\nplt.title("Perte")') == \
        computation(english)
    title = '\nplt.title("Perte")'
    assert computation('print(f"perte {loss:.4f} après {n} pas")' + title) != computation(english)
    assert computation('print(f"perte {loss:.3f} après {n + 1} pas")' + title) != computation(english)
    assert computation("%matplotlib inline\nx = 1") != computation("%matplotlib inline\nx = 2")


ENGLISH = re.compile(r"\b(the|and|of|is|are|with|this|that|which|your|yet|when|where|what|not|to)\b")


def what_is_read(cell: dict) -> Iterator[str]:
    """The text a learner reads in a cell: its Markdown, or its outputs (text, HTML, SVG text)."""
    if cell["cell_type"] == "markdown":
        yield prose("".join(cell["source"]))
        return
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            yield "".join(output["text"])
        if output["output_type"] == "error":
            yield f"{output['ename']}: {output['evalue']}"
        data = {kind: "".join(text) if isinstance(text, list) else str(text)
                for kind, text in output.get("data", {}).items()}
        if "image/svg+xml" in data:
            yield " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", data["image/svg+xml"]))
        if "text/html" in data:
            yield re.sub(r"<[^>]+>", " ", data["text/html"])
        if "text/plain" in data and not RICHER.intersection(data):  # JupyterLab shows the richest kind
            yield data["text/plain"]


RICHER = {"application/vnd.jupyter.widget-view+json", "text/html", "image/svg+xml", "image/png",
          "text/markdown"}


def is_source_code(text: str) -> bool:
    """Python source shown as it is (``inspect.getsource``): code, like the cells, stays in English."""
    try:
        tree = ast.parse(textwrap.dedent(text))
    except SyntaxError:
        return False
    return any(isinstance(node, (ast.FunctionDef, ast.ClassDef)) for node in tree.body)


@pytest.mark.parametrize("french", notebooks("fr"), ids=label)
def test_a_french_learner_reads_no_english(french: Path) -> None:
    """English words that French never uses ("the", "and", "with"...), in the prose or the outputs."""
    cells = json.loads(french.read_text(encoding="utf-8"))["cells"]
    found = [f"cell {i} ({', '.join(sorted(set(words)))}): {' '.join(text.split())[:120]}"
             for i, cell in enumerate(cells) for text in what_is_read(cell)
             if (words := ENGLISH.findall(text)) and not is_source_code(text)]
    assert not found, f"{label(french)}: English a French learner reads:\n" + "\n".join(found[:40])


def prose(markdown: str) -> str:
    """Markdown without code, math, links' targets and HTML tags: the sentences."""
    markdown = re.sub(r"```.*?```", "", markdown, flags=re.S)
    return re.sub(r"`[^`]*`|\$\$.*?\$\$|\$[^$]*\$|\]\([^)]*\)|<[^>]+>", "", markdown, flags=re.S)


FRENCH_DOCUMENTS = [ROOT / "LISEZMOI.md", FOLDERS["fr"] / "GLOSSAIRE.md", ROOT / "site" / "index.html"]


@pytest.mark.parametrize("french", notebooks("fr") + FRENCH_DOCUMENTS, ids=lambda path: path.name)
def test_french_typography(french: Path) -> None:
    """GLOSSAIRE.md: a no-break space before : ; ? ! (U+00A0 or U+202F), inside « », never a plain one."""
    if french.suffix == ".ipynb":
        cells = json.loads(french.read_text(encoding="utf-8"))["cells"]
        texts = ["".join(cell["source"]) if cell["cell_type"] == "markdown" else "" for cell in cells]
    elif french.suffix == ".html":  # the site's front page: its French half
        page = french.read_text(encoding="utf-8")
        texts = [html.unescape(re.search(r'<section lang="fr">(.*?)</section>', page, re.S)[1])]
    else:
        texts = [french.read_text(encoding="utf-8")]
    found = [f"part {i}: …{text[max(0, m.start() - 30):m.end() + 5]}…".replace("\n", " ")
             for i, markdown in enumerate(texts) for text in [prose(markdown)]
             for m in re.finditer(r"[^\s\u00a0\u202f][:;?!](?=\s|$)| [:;?!»]|« ", text)]
    assert not found, f"{french.name}:\n" + "\n".join(found)
