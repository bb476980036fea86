"""Real-browser tests: JupyterLab on a loopback port, Debian's Chromium driven by Playwright.

One JupyterLab server per session serves a temporary directory (the repository is never served,
so nothing can rewrite its notebooks); each test gets a fresh browser context and page, writes
the notebooks it needs into the server's root, and acts as a learner would: Run menu, sliders,
buttons. The helpers below read what the learner sees (outputs, pictures, error boxes).
A second server, one per test module that asks for `course_server`, is started the way README's
course command starts it, in a temporary copy of the course (test_pictures.py).

Without Chromium or the `playwright` package the tests skip with a one-line reason, except
under CI=true, where a missing browser is a failure.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import secrets
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import pytest
from labpage import ARTIFACTS, PAGE_TIMEOUT_MS, REPO, SCREEN, copy_course, screenshot

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

HERE = Path(__file__).resolve().parent
README = REPO / "README.md"
COURSE_MARKER = "<!-- course-command -->"
CHROMIUM_FLAGS = [  # Playwright adds --headless itself
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Written into the temporary JUPYTERLAB_SETTINGS_DIR. fetchNews "false" is what stops the news
# prompt (--LabApp.news_url=None alone does not); autosave false keeps served notebooks unchanged.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
}
SERVER_START_TIMEOUT_S = 90.0
FAILED = pytest.StashKey[bool]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives JupyterLab in Chromium (-m 'not browser' omits)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under tests/browser with `browser`."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[pytest.TestReport]:
    """Remember a failed test so that its page fixture saves a screenshot."""
    report = yield
    if report.failed:
        item.stash[FAILED] = True
    return report


# --- the server -------------------------------------------------------------------------------


@dataclass(frozen=True)
class JupyterServer:
    """A running JupyterLab: its base URL, token, served root directory, log file, and the
    directory it was started in."""

    url: str
    token: str
    root: Path
    log: Path
    cwd: Path

    def api(self, method: str, path: str) -> Any:
        """Call the REST API with the token; return the decoded JSON body (None when empty)."""
        request = urllib.request.Request(
            self.url + path, method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
        return json.loads(body) if body else None


def _free_port() -> int:
    """A loopback port that nothing listens on right now (the server gets port_retries=0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _write_lab_settings(settings_dir: Path) -> None:
    for plugin, values in LAB_SETTINGS.items():
        path = settings_dir / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")


def _wait_until_serving(server: JupyterServer, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while process.poll() is None and time.monotonic() < deadline:
        try:
            server.api("GET", "/api/status")
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    state = f"exited with {process.returncode}" if process.poll() is not None else "not serving in time"
    raise RuntimeError(f"JupyterLab {state}; end of its log:\n{server.log.read_text()[-3000:]}")


def _stop(server: JupyterServer, process: subprocess.Popen[bytes]) -> None:
    """Ask the server to shut down (it stops its kernels too); kill it if it does not."""
    try:
        server.api("POST", "/api/shutdown")
        process.wait(timeout=30)
    except (urllib.error.URLError, ConnectionError, subprocess.TimeoutExpired):
        process.kill()
        process.wait(timeout=30)


def readme_course_command() -> list[str]:
    """How README's course command starts JupyterLab, run from this venv: the part after its last
    " && " (``.venv/bin/jupyter lab ...``) with ``.venv/bin/jupyter`` read as ``python -m jupyter``.
    README is read like tests/test_readme.py reads it: the first line of the ```bash block after
    the marker."""
    after = README.read_text(encoding="utf-8").split(COURSE_MARKER, 1)[1]
    found = re.search(r"```bash\n(.*?)\n", after)
    assert found is not None, f"README: no ```bash block after {COURSE_MARKER}"
    program, *arguments = shlex.split(found.group(1).rsplit(" && ", 1)[-1])
    assert program == ".venv/bin/jupyter", f"README's course command runs {program}, not .venv/bin/jupyter"
    return [sys.executable, "-m", "jupyter", *arguments]


def _served_root(server: JupyterServer) -> Path:
    """The directory the server serves, as its page config tells JupyterLab ("serverRoot")."""
    request = urllib.request.Request(server.url + "/lab", headers={"Authorization": f"token {server.token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        page = response.read().decode("utf-8")
    config = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S)
    assert config is not None, "JupyterLab's page has no jupyter-config-data"
    return Path(json.loads(config.group(1))["serverRoot"]).expanduser().resolve()


@contextmanager
def _serve(
    command: list[str], cwd: Path, base: Path, request: pytest.FixtureRequest
) -> Iterator[JupyterServer]:
    """Run `command` (a ``jupyter lab`` command line) in `cwd`, headless and for tests only: the
    browser not opened, a free loopback port, a random token, news and autosave off, every
    Jupyter/IPython directory under `base`. Its log goes to artifacts/browser/ when it did not start
    or a test of the session failed."""
    _write_lab_settings(base / "settings")
    env = {
        **os.environ,
        "JUPYTERLAB_SETTINGS_DIR": str(base / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(base / "workspaces"),
        "JUPYTER_CONFIG_DIR": str(base / "config"),
        "JUPYTER_DATA_DIR": str(base / "data"),  # no user-level kernelspec can shadow the venv's
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        "IPYTHONDIR": str(base / "ipython"),
    }
    port, token = _free_port(), secrets.token_hex(24)
    headless = [
        "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", "--LabApp.news_url=None", "--LabApp.extension_manager=readonly",
    ]  # fmt: skip
    if os.geteuid() == 0:
        headless.append("--allow-root")
    log = base / "server.log"
    server = JupyterServer(url=f"http://127.0.0.1:{port}", token=token, root=cwd, log=log, cwd=cwd)
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            [*command, *headless], cwd=cwd, env=env, stdout=log_file, stderr=subprocess.STDOUT
        )
    started = False
    try:
        _wait_until_serving(server, process)
        server = dataclasses.replace(server, root=_served_root(server))
        started = True
        yield server
    finally:
        _stop(server, process)
        if not started or request.session.testsfailed:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(log, ARTIFACTS / f"{base.name.rstrip('0123456789')}-server.log")


@pytest.fixture(scope="session")
def jupyter_server(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[JupyterServer]:
    """JupyterLab from this venv serving an empty temporary directory (see `_serve`)."""
    base = tmp_path_factory.mktemp("jupyterlab")
    root = base / "root"
    root.mkdir()
    command = [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={root}"]
    with _serve(command, root, base, request) as server:
        yield server


@pytest.fixture(scope="module")
def course_server(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[JupyterServer]:
    """JupyterLab started by README's course command (`readme_course_command`) in a temporary copy
    of the course laid out as in the repository (`labpage.copy_course`), so that its root directory
    and the links between files are the learner's, and the repository's notebooks stay untouched."""
    base = tmp_path_factory.mktemp("course")
    with _serve(readme_course_command(), copy_course(base / "course"), base, request) as server:
        yield server


# --- the browser ------------------------------------------------------------------------------


def _unavailable(reason: str) -> NoReturn:
    """Skip with `reason`, or fail under CI=true, where the browser must be there."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests: {reason} (required when CI=true)", pytrace=False)
    pytest.skip(f"browser tests: {reason}")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium (never a Playwright download), headless."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None:
        _unavailable("the Python package playwright is not installed (pip install playwright)")
    executable = shutil.which("chromium") or shutil.which("/usr/bin/chromium")
    if executable is None:
        _unavailable("no chromium on PATH nor /usr/bin/chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@contextmanager
def _logged_in_page(
    browser: Browser, server: JupyterServer, request: pytest.FixtureRequest
) -> Iterator[Page]:
    """A logged-in page the size of a laptop screen (`labpage.SCREEN`) in a fresh browser context.
    Afterwards: a screenshot if the test failed, and every kernel the test started is shut down, so
    the next test starts clean."""
    context = browser.new_context(base_url=server.url, viewport=SCREEN)
    context.request.get(f"/api/status?token={server.token}")  # sets the login cookie
    new_page = context.new_page()
    new_page.set_default_timeout(PAGE_TIMEOUT_MS)
    try:
        yield new_page
    finally:
        if request.node.stash.get(FAILED, False):
            screenshot(new_page, f"{request.node.name}-failure")
        context.close()
        for session in server.api("GET", "/api/sessions"):
            server.api("DELETE", f"/api/sessions/{session['id']}")


@pytest.fixture
def page(browser: Browser, jupyter_server: JupyterServer, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page on `jupyter_server` (see `_logged_in_page`)."""
    with _logged_in_page(browser, jupyter_server, request) as new_page:
        yield new_page


@pytest.fixture
def course_page(
    browser: Browser, course_server: JupyterServer, request: pytest.FixtureRequest
) -> Iterator[Page]:
    """A page on `course_server` (see `_logged_in_page`)."""
    with _logged_in_page(browser, course_server, request) as new_page:
        yield new_page
