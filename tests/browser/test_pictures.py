"""Every picture of every notebook, looked at as a learner sees it on a laptop: loaded, fully
visible in its output area, its text large enough to read.

JupyterLab is started by README's course command (the `course_server` fixture) in a temporary
copy of the course, and shown at 1366 x 768 with the file browser open, as JupyterLab starts.
Each notebook of both editions is opened at /lab/tree/notebooks/<name>.ipynb (notebooks/fr/...
for the French one) and run (Run All); then every <img> and inline <svg> in its outputs and
rendered markdown is measured (labpage.measure_pictures).
The table of all pictures goes to stdout (-s) and artifacts/pictures.txt, element screenshots
of the widest pictures and of every offender to artifacts/pictures/.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import labpage as lab
import pytest
from editions import ALL_NOTEBOOKS, label

from autograd.viz.fit import MIN_TEXT_PX

if TYPE_CHECKING:
    from conftest import JupyterServer
    from playwright.sync_api import Page

NOTEBOOKS = [label(path) for path in ALL_NOTEBOOKS]  # both editions: "01_forward_pass", "fr/01_passe_avant"
assert len(NOTEBOOKS) == 18, NOTEBOOKS
ARTIFACTS = lab.REPO / "artifacts"
SCREENSHOTS = ARTIFACTS / "pictures"
WIDEST_SHOTS_PER_NOTEBOOK = 2


@dataclass(frozen=True)
class Seen:
    """A picture of `notebook` as measured, and where its screenshot went (if one was taken)."""

    notebook: str
    picture: lab.Picture
    screenshot: str = ""

    def problems(self) -> list[str]:
        """Why the learner cannot see this picture well: broken, clipped, text too small."""
        found = []
        if not self.picture.loaded:
            found.append(f"broken (src {self.picture.source})")
        if self.picture.clipped:
            found.append(f"clipped: {self.picture.clipped}")
        text = self.picture.text
        if text is not None and text < MIN_TEXT_PX:  # any SVG: graphs, the infographic
            found.append(f"text {text:.1f} px < {MIN_TEXT_PX:g} px")
        return found

    def describe(self) -> str:
        """One line naming the picture and its problems."""
        picture = self.picture
        return (f"{self.notebook} cell {picture.cell} {picture.kind} ({picture.width:.0f} px shown, "
                f"{picture.natural:.0f} px natural): {'; '.join(self.problems())}")


def table(seen: list[Seen], modified: dict[str, bool]) -> str:
    """Every picture, offenders first, then the widest and the smallest text first."""
    rows = sorted(seen, key=lambda s: (not s.problems(), -max(s.picture.width, s.picture.natural),
                                       s.picture.text if s.picture.text is not None else math.inf))
    header = ("notebook", "cell", "kind", "what", "shown px", "natural px", "area px", "loaded",
              "clipped", "text px", "screenshot / problems")
    lines = [header]
    for s in rows:
        p = s.picture
        what = "markdown" if p.markdown else "graph" if p.graph else "picture"
        text = "-" if p.text is None else f"{p.text:.1f}"
        lines.append((s.notebook, str(p.cell), p.kind, what, f"{p.width:.0f}", f"{p.natural:.0f}",
                      str(p.area), "yes" if p.loaded else "NO", "YES" if p.clipped else "no", text,
                      "; ".join([s.screenshot, *s.problems()]).strip("; ")))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header) - 1)]
    out = ["  ".join([*(cell.ljust(width) for cell, width in zip(line, widths)), line[-1]]) for line in lines]
    marked = sorted(name for name, dirty in modified.items() if dirty)
    out.append(f"\n{len(rows)} pictures, {sum(bool(s.problems()) for s in rows)} with problems; "
               f"notebooks marked modified right after opening: {', '.join(marked) or 'none'}")
    return "\n".join(out)


@pytest.fixture(scope="module")
def measured() -> Iterator[tuple[list[Seen], dict[str, bool]]]:
    """What the test measures, collected over all notebooks; the table is printed and written
    to artifacts/pictures.txt once all are done."""
    seen: list[Seen] = []
    modified: dict[str, bool] = {}
    yield seen, modified
    if seen:
        text = table(seen, modified)
        print("\n" + text)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "pictures.txt").write_text(text + "\n", encoding="utf-8")


def is_modified(page: Page) -> bool:
    """Does the notebook's tab show the "modified" dot?"""
    return page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current.jp-mod-dirty").count() > 0


def settled_count(page: Page) -> int:
    """The number of pictures, once it has stayed the same for a second (widgets render after Run
    All has finished)."""
    counts: list[int] = []

    def probe() -> list[int]:
        counts.append(lab.count_pictures(page))
        page.wait_for_timeout(250)
        return counts[-4:]

    return lab.wait_for(probe, lambda last: len(last) == 4 and len(set(last)) == 1,
                        "the number of pictures to settle")[-1]


def screenshots(page: Page, notebook: str, pictures: list[lab.Picture]) -> dict[str, str]:
    """Element screenshots of the notebook's widest pictures and of every offender: id -> file."""
    widest = sorted(pictures, key=lambda p: -max(p.width, p.natural))[:WIDEST_SHOTS_PER_NOTEBOOK]
    chosen = {p.id: p for p in widest}
    chosen.update((p.id, p) for p in pictures if Seen(notebook, p).problems())
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    taken = {}
    for p in chosen.values():
        if p.width == 0:
            continue
        path = SCREENSHOTS / re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{notebook}-cell{p.cell:02d}-{p.id}.png")
        lab.picture_element(page, p).screenshot(path=str(path))
        taken[p.id] = str(path.relative_to(lab.REPO))
    return taken


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_every_picture_loads_fits_its_output_area_and_has_readable_graph_text(
    course_page: Page, course_server: JupyterServer, notebook: str,
    measured: tuple[list[Seen], dict[str, bool]],
) -> None:
    seen, modified = measured
    path = (course_server.cwd / "notebooks" / f"{notebook}.ipynb").relative_to(course_server.root)
    lab.open_as_learner(course_page, path.as_posix())
    assert course_page.locator("#filebrowser").is_visible(), "the file browser is not open"
    modified[notebook] = is_modified(course_page)
    lab.run_all_cells(course_page)
    settled_count(course_page)
    pictures = lab.measure_pictures(course_page)
    shots = screenshots(course_page, notebook, pictures)
    mine = [Seen(notebook, p, shots.get(p.id, "")) for p in pictures]
    seen.extend(mine)
    offenders = [s.describe() for s in mine if s.problems()]
    assert not offenders, f"{len(offenders)} pictures the learner cannot see well:\n" + "\n".join(offenders)
    assert not modified[notebook], (
        f"{notebook} shows as modified as soon as it opens, before the learner does anything: its stored "
        f"kernelspec display_name differs from the kernel's, which JupyterLab then writes into it"
    )
