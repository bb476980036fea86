"""The course in the browser: the JupyterLite site that README's site command builds (_site/).

Once per module, README's site command (the ```bash block after <!-- site-command -->) builds the
site from scratch; a static HTTP server in a thread serves _site/ on a loopback port, and Debian's
Chromium (conftest's `browser`) opens it. Every request to another address is aborted and recorded,
and a test fails if its page attempted one: the pure-Python notebooks must work with no network.

Each offline notebook is opened in /lab and run (Run All) in the Pyodide kernel: no error box, a
graph picture in every cell that draws one (drawn in the browser: the package's picture fallback
renders Graphviz with static/viz/viz.js), and the learner's widget answers (test_notebooks.py's
checks). The notebooks that need numpy fetch it from Pyodide's CDN: they run whole only when
AUTOGRAD_SITE_CDN=1 says the CDN is reachable (then cdn.jsdelivr.net is let through); without it, the
test checks that their imports cell asks the CDN for the packages they need.

The site's size, the build time, the time to the first picture and the speed of one training step
(browser vs this CPython) are printed (-s) and written to artifacts/site.txt.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn
from urllib.parse import quote, urlparse

import labpage as lab
import pytest
from editions import ALL_NOTEBOOKS, CDN_PACKAGES, label
from test_notebooks import Edition, chain_rule_stepper, forward_explorer

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

SITE = lab.REPO / "_site"
SITE_MARKER = "<!-- site-command -->"
REPORT = lab.REPO / "artifacts" / "site.txt"
BUILD_TIMEOUT_S = 1200
KERNEL_START_TIMEOUT_MS = 180_000  # Pyodide boots and loads the course's wheels
RUN_ALL_TIMEOUT_MS = 300_000
CDN = os.environ.get("AUTOGRAD_SITE_CDN") == "1"
CDN_HOST = "cdn.jsdelivr.net"

OFFLINE = [label(path) for path in ALL_NOTEBOOKS if path.name[:2] not in CDN_PACKAGES]  # pure Python
ONLINE = [label(path) for path in ALL_NOTEBOOKS if path.name[:2] in CDN_PACKAGES]
LEARNER_CHECKS = {"01": forward_explorer, "03": chain_rule_stepper}

# One training step of notebook 06's network (MLP(2, [10, 1]), 60 points, hinge loss, SGD with
# momentum), pure Python: the points from random.Random(0) instead of make_moons (numpy). Prints the
# fastest of 30 steps after one warm-up step: other work on a shared machine only ever makes a step slower.
# The machine's own speed still varies from minute to minute: README gives the spread of the ratio.
TRAINING_STEP = """\
import random, time
from autograd import MLP, SGD, Value
rng = random.Random(0)
X = [[rng.uniform(-1.5, 2.5), rng.uniform(-1.0, 1.5)] for _ in range(60)]
labels = [rng.choice([-1.0, 1.0]) for _ in X]
model = MLP(2, [10, 1], seed=0)
optimizer = SGD(model.parameters(), lr=0.5, momentum=0.9)
def training_step():
    scores = [model(x) for x in X]
    loss = Value.sum([(1.0 - y * s).relu() for s, y in zip(scores, labels)]) / len(labels)
    model.zero_grad()
    loss.backward()
    optimizer.step()
times = []
for _ in range(31):
    start = time.perf_counter()
    training_step()
    times.append(time.perf_counter() - start)
print(f"training step: {1000 * min(times[1:]):.2f} ms")
"""
STEP_MS = re.compile(r"training step: ([0-9.]+) ms")


def unavailable(reason: str) -> NoReturn:
    """Skip with `reason`, or fail under CI=true, where the site must be built and tested."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"site tests: {reason} (required when CI=true)", pytrace=False)
    pytest.skip(f"site tests: {reason}")


def readme_site_command() -> str:
    """README's site command: the first line of the ```bash block after the marker."""
    after = (lab.REPO / "README.md").read_text(encoding="utf-8").split(SITE_MARKER, 1)[-1]
    found = re.search(r"```bash\n(.*?)\n", after)
    assert SITE_MARKER in (lab.REPO / "README.md").read_text(encoding="utf-8") and found is not None
    return found.group(1)


def registries_unreachable() -> str | None:
    """Why the site cannot be built here (npm missing, npm registry or PyPI unreachable), or None."""
    probes = {
        "the npm registry": ["npm", "view", "pyodide@314.0.6", "version"],
        "PyPI": [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", tempfile.mkdtemp(),
                 "comm==0.2.3"],
    }  # fmt: skip
    for name, command in probes.items():
        try:
            subprocess.run(command, capture_output=True, timeout=120, check=True)
        except FileNotFoundError:
            return f"{command[0]} is not installed (Debian: apt-get install nodejs npm)"
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            return f"{name} is unreachable (`{shlex.join(command)}` failed)"
    return None


@dataclass
class Measures:
    """What the report says: filled in by the fixtures and tests, written at the end of the module."""

    lines: dict[str, str] = field(default_factory=dict)

    def add(self, key: str, text: str) -> None:
        self.lines[key] = text
        print(f"site: {key}: {text}")

    def write(self) -> None:
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        REPORT.write_text("".join(f"{key}: {text}\n" for key, text in self.lines.items()), encoding="utf-8")


@pytest.fixture(scope="module")
def measures() -> Iterator[Measures]:
    found = Measures()
    yield found
    if found.lines:
        found.write()


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


@pytest.fixture(scope="module")
def site(measures: Measures) -> Path:
    """_site/, built by README's site command (its output in artifacts/browser/site-build.log)."""
    command = readme_site_command()
    reason = registries_unreachable()
    if reason is not None:
        unavailable(reason)
    lab.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = lab.ARTIFACTS / "site-build.log"
    started = time.monotonic()
    with log.open("w", encoding="utf-8") as out:
        result = subprocess.run(["bash", "-c", command], cwd=lab.REPO, stdout=out, stderr=subprocess.STDOUT,
                                timeout=BUILD_TIMEOUT_S)  # fmt: skip
    seconds = time.monotonic() - started
    if result.returncode != 0:
        pytest.fail(f"README's site command exited with {result.returncode}; end of {log}:\n"
                    f"{log.read_text(encoding='utf-8')[-3000:]}", pytrace=False)  # fmt: skip
    measures.add("site command", command)
    measures.add("build time", f"{seconds:.0f} s (README's site command, with the venv's install)")
    files = sum(1 for path in SITE.rglob("*") if path.is_file())
    measures.add("site size", f"{folder_mb(SITE):.1f} MB in {files} files")
    return SITE


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Say nothing: a page makes hundreds of requests."""


@pytest.fixture(scope="module")
def site_url(site: Path) -> Iterator[str]:
    """_site/ served on a free loopback port by http.server, in a thread."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Offline:
    """The requests a page attempted to anywhere but the loopback server (all aborted)."""

    blocked: list[str] = field(default_factory=list)

    def route(self, route: Route) -> None:
        host = urlparse(route.request.url).hostname
        if host == "127.0.0.1" or (CDN and host == CDN_HOST):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort("blockedbyclient")


@pytest.fixture
def site_page(
    browser: Browser, site_url: str, request: pytest.FixtureRequest
) -> Iterator[tuple[Page, Offline]]:
    """A page on the site in a fresh browser context (fresh browser storage: JupyterLite keeps the
    learner's files there), every request routed through `Offline`; a screenshot if the test failed."""
    offline = Offline()
    failed_before = request.session.testsfailed
    context = browser.new_context(base_url=site_url, viewport=lab.SCREEN)
    context.route("**/*", offline.route)
    new_page = context.new_page()
    new_page.set_default_timeout(lab.PAGE_TIMEOUT_MS)
    try:
        yield new_page, offline
    finally:
        if request.session.testsfailed > failed_before:
            lab.screenshot(new_page, f"site-{request.node.name}-failure")
        context.close()


def open_in_lite(page: Page, path: str) -> float:
    """Open `path` (under the site's files/) in JupyterLite's /lab; wait for an idle kernel. The
    seconds it took."""
    started = time.monotonic()
    page.goto(f"/lab/index.html?path={quote(path)}")
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=KERNEL_START_TIMEOUT_MS)
    lab.wait_kernel_idle(page, KERNEL_START_TIMEOUT_MS)
    return time.monotonic() - started


def drawing_cells(notebook: str) -> list[int]:
    """The cells whose stored outputs (run in CPython) hold a Graphviz picture."""
    cells = json.loads((lab.REPO / "notebooks" / f"{notebook}.ipynb").read_text(encoding="utf-8"))["cells"]

    def draws(cell: dict) -> bool:
        svgs = ("".join(out.get("data", {}).get("image/svg+xml", "")) for out in cell.get("outputs", []))
        return any('class="graph"' in svg for svg in svgs)

    return [i for i, cell in enumerate(cells) if cell["cell_type"] == "code" and draws(cell)]


def has_picture(page: Page, cell: int) -> bool:
    output = lab.cell_output(page, cell)
    output.scroll_into_view_if_needed()
    return bool(lab.svg_texts(page, cell))


def run_notebook(page: Page, offline: Offline, notebook: str, measures: Measures) -> None:
    """Open, Run All, no error box, a picture in every cell that draws, the learner's widget."""
    ready_s = open_in_lite(page, f"notebooks/{notebook}.ipynb")
    # The stored outputs (run in CPython) go first, so that every picture seen was drawn here.
    page.get_by_role("menuitem", name="Edit", exact=True).click()
    page.get_by_role("menuitem", name="Clear Outputs of All Cells", exact=True).click()
    assert lab.count_pictures(page) == page.locator(".jp-MarkdownOutput img").count()
    started = time.monotonic()
    page.evaluate("() => { window.__firstPicture = null; new MutationObserver((_, observer) => {"
                  " if (document.querySelector('.jp-Notebook .jp-OutputArea-output :is(svg, img)')) {"
                  " window.__firstPicture = performance.now(); observer.disconnect(); } })"
                  ".observe(document.body, {subtree: true, childList: true}); }")  # fmt: skip
    clicked = page.evaluate("() => performance.now()")
    lab.run_all_cells(page, RUN_ALL_TIMEOUT_MS)
    run_s = time.monotonic() - started
    first = page.evaluate("() => window.__firstPicture")
    picture = "no picture" if first is None else f"first picture {ready_s + (first - clicked) / 1000:.1f} s"
    measures.add(notebook, f"kernel idle {ready_s:.1f} s after opening, Run All {run_s:.1f} s, {picture} "
                 "(from opening the notebook)")  # fmt: skip
    errors = lab.cell_errors(page)
    assert errors == [], f"{notebook}: Run All stopped at an error: {errors[0][:200]} ... {errors[0][-300:]}"
    missing = [cell for cell in drawing_cells(notebook) if not has_picture(page, cell)]
    assert not missing, f"{notebook}: no graph picture in the outputs of cells {missing} (drawn in CPython)"
    check = LEARNER_CHECKS.get(Path(notebook).name[:2])
    if check is not None:
        check(page, Edition(notebook))
        assert lab.cell_errors(page) == []
    lab.screenshot(page, f"site-{notebook.replace('/', '-')}")
    assert offline.blocked == [], f"{notebook} asked for addresses outside the site: {offline.blocked}"


@pytest.mark.parametrize("notebook", OFFLINE)
def test_offline_notebook_runs_in_the_browser(site_page: tuple[Page, Offline], notebook: str,
                                              measures: Measures) -> None:  # fmt: skip
    page, offline = site_page
    run_notebook(page, offline, notebook, measures)


@pytest.mark.parametrize("notebook", ONLINE)
def test_numpy_notebook_gets_its_packages_from_the_cdn(site_page: tuple[Page, Offline], notebook: str,
                                                       measures: Measures) -> None:  # fmt: skip
    """With the CDN let through (AUTOGRAD_SITE_CDN=1), the whole notebook runs. Without it, as here: Run
    All stops at the imports cell, where the kernel asked Pyodide's CDN for the packages the notebook
    needs (tests/test_browser_imports.py says why that cell must name them), and for nothing else."""
    page, offline = site_page
    if CDN:
        run_notebook(page, offline, notebook, measures)
        return
    open_in_lite(page, f"notebooks/{notebook}.ipynb")
    lab.run_all_cells(page, RUN_ALL_TIMEOUT_MS)
    needed, what_for = CDN_PACKAGES[Path(notebook).name[:2]]
    errors = lab.cell_errors(page)
    assert len(errors) == 1 and re.search(rf"No module named '({'|'.join(needed)})", errors[0]), errors
    hosts = {urlparse(url).hostname for url in offline.blocked}
    asked = {Path(urlparse(url).path).name.split("-")[0] for url in offline.blocked}
    assert hosts == {CDN_HOST} and set(needed) <= asked, f"{notebook} ({what_for}) asked: {offline.blocked}"


def listed(numbers: list[str], conjunction: str) -> str:
    """["00", "01", "03"] as prose: "00, 01 and 03"."""
    return f"{', '.join(numbers[:-1])} {conjunction} {numbers[-1]}"


def test_the_pages_name_the_notebooks_that_work_offline() -> None:
    """README, LISEZMOI and the front page say which notebooks need no network: the ones tested so."""
    offline = sorted({Path(notebook).name[:2] for notebook in OFFLINE})
    english, french = f"Notebooks {listed(offline, 'and')}", f"carnets {listed(offline, 'et')}"
    said = {name: " ".join((lab.REPO / name).read_text(encoding="utf-8").split())
            for name in ("README.md", "LISEZMOI.md", "site/index.html")}  # fmt: skip
    assert english in said["README.md"] and english in said["site/index.html"]
    assert french in said["LISEZMOI.md"] and french in said["site/index.html"]
    assert f"Notebooks {listed(sorted(CDN_PACKAGES), 'and')} need numpy" in said["README.md"]


def test_the_front_page_opens_each_edition(site_page: tuple[Page, Offline]) -> None:
    """The site's address shows both editions; each link opens its first notebook with a kernel."""
    page, offline = site_page
    starts = {"Start the course": "00_start_here.ipynb", "Commencer le cours": "00_commencer_ici.ipynb"}
    for link, notebook in starts.items():
        page.goto("/")
        page.get_by_role("link", name=link, exact=True).click()
        page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=KERNEL_START_TIMEOUT_MS)
        lab.wait_kernel_idle(page, KERNEL_START_TIMEOUT_MS)
        tab = page.locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel")
        assert tab.inner_text() == notebook
        assert "Python (Pyodide)" in page.locator(".jp-KernelName").first.inner_text()
    assert offline.blocked == [], f"the front page asked for addresses outside the site: {offline.blocked}"


def test_a_training_step_in_the_browser_against_cpython(site_page: tuple[Page, Offline],
                                                        measures: Measures) -> None:  # fmt: skip
    """The same pure-Python training step in JupyterLite's REPL (?code= runs it) and in this CPython."""
    page, offline = site_page
    before = cpython_step_ms()
    page.goto(f"/repl/index.html?kernel=python&code={quote(TRAINING_STEP)}")
    printed = page.locator(".jp-CodeConsole .jp-OutputArea-output", has_text=STEP_MS)
    printed.first.wait_for(timeout=KERNEL_START_TIMEOUT_MS)
    browser_ms = float(STEP_MS.search(printed.first.inner_text()).group(1))
    cpython_ms = min(before, cpython_step_ms())  # measured before and after the browser, as it may vary
    measures.add("training step", f"fastest of 30: {browser_ms:.1f} ms in the browser "
                 f"(Pyodide {sys_version(page)}) against {cpython_ms:.1f} ms in CPython "
                 f"{sys.version.split()[0]}: "
                 f"{browser_ms / cpython_ms:.1f}x slower")
    assert offline.blocked == [], f"the REPL asked for addresses outside the site: {offline.blocked}"


def cpython_step_ms() -> float:
    """TRAINING_STEP's fastest step in this CPython, in ms."""
    local = subprocess.run([sys.executable, "-c", TRAINING_STEP], capture_output=True, text=True, check=True,
                           cwd=lab.REPO)  # fmt: skip
    return float(STEP_MS.search(local.stdout).group(1))


def sys_version(page: Page) -> str:
    """The Pyodide version the site's runtime announces (static/pyodide/package.json)."""
    return page.evaluate("async () => (await (await fetch('../static/pyodide/package.json')).json()).version")
