"""Pictures drawn in the browser (autograd.viz.browser), where no DOT program runs in the kernel.

A JupyterLab of its own serves @viz-js/viz's viz.js (from the pinned npm tarball) at
<baseUrl>static/viz/viz.js, the address the course's JupyterLite site serves it at, through
--ServerApp.extra_static_paths. The notebook's first cell sets AUTOGRAD_DOT=browser, the switch
that sends pictures to the browser, as Pyodide does by itself. No request may leave the loopback
interface: any other is aborted, and the test fails if one was even tried (no CDN fallback used).

Expected boxes of L = (a*b + c)*f, a=2, b=-3, c=10, f=-2 as in test_explore.py (worked out by hand).
"""

from __future__ import annotations

import base64
import hashlib
import inspect
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import labpage as lab
import pytest
from conftest import _logged_in_page, _serve, _unavailable
from test_explore import by_hand
from test_viz_fit import neuron_with_loss, two_neurons

from autograd import Value
from autograd.viz import choose_layout
from autograd.viz.browser import VIZ_INTEGRITY, VIZ_SITE_PATH, VIZ_VERSION
from autograd.viz.fit import MIN_SCALE, MIN_TEXT_PX, SHRUNK, TALL

if TYPE_CHECKING:
    from conftest import JupyterServer
    from playwright.sync_api import Browser, Page, Route

LOOPBACK = {"127.0.0.1", "localhost", "::1"}

FIRST_CELL = """\
import os
os.environ["AUTOGRAD_DOT"] = "browser"  # no DOT program: pictures are drawn in the browser
from autograd.course.examples import notes_example
from autograd.viz import draw
L = notes_example()["L"]
L.backward()
draw(L)
"""
STEP_THROUGH_CELL = """\
from autograd.widgets import step_through
step_through("(a*b + c)*f", a=2, b=-3, c=10, f=-2)
"""
EXPLORE_CELL = """\
from autograd.widgets import explore
explore("(a*b + c)*f", a=2, b=-3, c=10, f=-2)
"""
# Two graphs too wide for the page left to right at their own size (test_viz_fit's): the first fits
# once scaled down (viz.fit.SHRUNK), the second only top to bottom (viz.fit.TALL).
WIDE_GRAPHS = (neuron_with_loss, two_neurons)


def drawing_cell(build: Callable[[], Value]) -> str:
    """A cell that defines `build` as test_viz_fit does, runs its backward pass and draws it."""
    calls = f"loss = {build.__name__}()\nloss.backward()\ndraw(loss)"
    return f"from autograd import Value\n{inspect.getsource(build)}\n{calls}"


# Where the picture in an output puts x1 and loss, and how much Graphviz scaled it down.
PLACES_JS = """output => {
    const svg = output.querySelector("svg");
    const at = name => Array.from(svg.querySelectorAll("text")).find(t => t.textContent === name)
        .getBoundingClientRect();
    const scale = /scale\\(([\\d.]+)/.exec(svg.querySelector("g.graph").getAttribute("transform"))[1];
    return {scale: parseFloat(scale), x1: [at("x1").x, at("x1").y], loss: [at("loss").x, at("loss").y]};
}"""
BAD_DOT_CELL = """\
from autograd.viz.browser import BrowserPicture
BrowserPicture(dots=["digraph { a -> "])
"""


@pytest.fixture(scope="module")
def viz_js(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/viz.js of the pinned @viz-js/viz, from `npm pack` (checked against its integrity)."""
    if shutil.which("npm") is None:
        _unavailable("npm is not on PATH (apt-get install nodejs npm)")
    folder = tmp_path_factory.mktemp("viz-npm")
    spec = f"@viz-js/viz@{VIZ_VERSION}"
    packed = subprocess.run(["npm", "pack", spec, "--pack-destination", str(folder), "--silent"],
                            capture_output=True, text=True, timeout=300)  # fmt: skip
    assert packed.returncode == 0, f"npm pack {spec}: {packed.stderr[-2000:]}"
    tarball = folder / packed.stdout.strip().splitlines()[-1]
    digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    assert f"sha512-{digest}" == VIZ_INTEGRITY, f"{tarball.name} is not the pinned {spec}"
    with tarfile.open(tarball) as archive:
        member = archive.extractfile("package/dist/viz.js")
        assert member is not None
        (folder / "viz.js").write_bytes(member.read())
    return folder / "viz.js"


@pytest.fixture(scope="module")
def viz_server(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest, viz_js: Path
) -> Iterator[JupyterServer]:
    """JupyterLab serving an empty root, and viz.js at /static/viz/viz.js (extra_static_paths)."""
    base = tmp_path_factory.mktemp("vizlab")
    root, static = base / "root", base / "static"
    root.mkdir()
    served = static / Path(VIZ_SITE_PATH).relative_to("static")
    served.parent.mkdir(parents=True)
    shutil.copyfile(viz_js, served)
    command = [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={root}",
               f"--ServerApp.extra_static_paths={static}"]  # fmt: skip
    with _serve(command, root, base, request) as server:
        yield server


@dataclass
class Offline:
    """A page on `viz_server`, the directory the server serves, and every request off the loopback
    interface the page tried (each aborted)."""

    page: Page
    root: Path
    blocked: list[str] = field(default_factory=list)


@pytest.fixture
def offline(browser: Browser, viz_server: JupyterServer, request: pytest.FixtureRequest) -> Iterator[Offline]:
    with _logged_in_page(browser, viz_server, request) as new_page:
        found = Offline(new_page, viz_server.root)

        def guard(route: Route) -> None:
            if urlparse(route.request.url).hostname in LOOPBACK:
                route.continue_()
            else:
                found.blocked.append(route.request.url)
                route.abort()

        new_page.context.route("**/*", guard)
        yield found


def numbers(page: Page, cell: int) -> list[list[tuple[str, ...]]]:
    """For each picture of `cell`, the numbers of its boxes in order."""
    return [[box for _, box in lab.boxes(picture)] for picture in lab.svg_texts(page, cell)]


def test_draw_step_through_and_explore_are_drawn_by_the_browser_with_no_network(offline: Offline) -> None:
    page = offline.page
    cells = [FIRST_CELL, STEP_THROUGH_CELL, BAD_DOT_CELL, EXPLORE_CELL]
    name = lab.write_notebook(offline.root, "in_browser.ipynb", cells)
    lab.open_notebook(page, name)
    lab.run_all_cells(page)

    full = by_hand(2, -3, 10, -2)
    pictures = lab.wait_for(lambda: numbers(page, 0), lambda found: found == [full], "draw(L) by viz.js")
    assert [box for box, _ in lab.boxes(lab.svg_texts(page, 0)[0])][:2] == ["a", "b"]
    assert pictures == [full]

    # step_through: frame 0 knows no gradient; moving the slider to the end fills them all in.
    unknown = [(value, "?") for value, _ in full]
    lab.wait_for(lambda: numbers(page, 1), lambda found: found == [unknown], "frame 0 drawn by viz.js")
    step = lab.slider(page, "step", within=lab.cell_output(page, 1))
    assert lab.move_slider_keyboard(page, step, 1, "End") == 4
    lab.wait_for(lambda: numbers(page, 1), lambda found: found == [full], "frame 4 after the slider moved")
    lab.move_slider_keyboard(page, step, 3, "ArrowLeft")
    frame_one = [full[i] if i == 6 else (full[i][0], "?") for i in range(7)]  # only L's gradient known
    # the slider passes frames 3 and 2 on its way: wait for frame 1 itself, not the first change
    lab.wait_for(lambda: numbers(page, 1), lambda found: found == [frame_one], "frame 1")
    lab.screenshot(page, "viz-browser")

    # A DOT source the browser cannot render: the error, in red, where the picture would be.
    error = lab.cell_output(page, 2).locator("pre.autograd-picture-error")
    error.wait_for()
    assert error.inner_text().startswith("The picture cannot be drawn: ")
    assert error.evaluate("e => getComputedStyle(e).color") == "rgb(176, 0, 32)"  # palette.ERROR

    # explore: a slider move redraws the picture with the new values, in place.
    lab.wait_for(lambda: numbers(page, 3), lambda found: found == [full], "explore's first picture")
    a = lab.slider(page, "a", within=lab.cell_output(page, 3))
    assert lab.move_slider_keyboard(page, a, 5, "PageUp") == 2.25  # a page is 5 steps of 0.01
    lab.wait_for(lambda: numbers(page, 3), lambda found: found == [by_hand(2.25, -3, 10, -2)], "a = 2.25")

    shown = [p for p in lab.measure_pictures(page) if p.graph]
    assert len(shown) == 3 and all(p.kind == "svg" for p in shown)
    for picture in shown:
        assert not picture.clipped and picture.text is not None and picture.text >= MIN_TEXT_PX, picture
    assert lab.cell_errors(page) == []
    assert offline.blocked == [], "requests left the machine"


def test_when_viz_js_cannot_load_the_output_says_so_in_red(offline: Offline) -> None:
    page = offline.page
    page.context.route("**/static/viz/viz.js", lambda route: route.fulfill(status=404, body="no"))
    name = lab.write_notebook(offline.root, "no_viz.ipynb", [FIRST_CELL])
    lab.open_notebook(page, name)
    lab.run_all_cells(page)
    error = lab.cell_output(page, 0).locator("pre.autograd-picture-error")
    error.wait_for()
    text = error.inner_text()
    assert text.startswith("The picture cannot be drawn: Graphviz for the browser (viz.js) did not load.")
    assert "static/viz/viz.js" in text and "cdn.jsdelivr.net" in text  # both places it looked
    assert lab.svg_texts(page, 0) == []
    assert [urlparse(url).hostname for url in offline.blocked] == ["cdn.jsdelivr.net"]  # aborted


def test_a_wide_graph_is_scaled_down_or_drawn_top_to_bottom_as_the_kernel_would(offline: Offline) -> None:
    """The browser's choice (browser.js) against viz.fit's, made here by graphviz-pure on the same graphs."""
    page = offline.page
    kernel_choice = []
    for build in WIDE_GRAPHS:
        root = build()
        root.backward()
        kernel_choice.append(choose_layout(root))
    assert kernel_choice == [SHRUNK, TALL]
    name = lab.write_notebook(offline.root, "wide.ipynb", [FIRST_CELL, *map(drawing_cell, WIDE_GRAPHS)])
    lab.open_notebook(page, name)
    lab.run_all_cells(page)
    lab.wait_for(lambda: len(lab.svg_texts(page)), lambda found: found == 3, "the three pictures")
    shrunk, tall = (lab.cell_output(page, cell).evaluate(PLACES_JS) for cell in (1, 2))
    assert MIN_SCALE <= shrunk["scale"] < 1, shrunk
    assert shrunk["loss"][0] > shrunk["x1"][0] + 500, f"not left to right: {shrunk}"
    assert tall["scale"] == 1, tall
    assert tall["loss"][1] > tall["x1"][1] + 300, f"not top to bottom: {tall}"
    for picture in (p for p in lab.measure_pictures(page) if p.graph):
        assert not picture.clipped and picture.text is not None and picture.text >= MIN_TEXT_PX, picture
    assert lab.cell_errors(page) == []
    assert offline.blocked == [], "requests left the machine"
