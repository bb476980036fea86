"""Real-browser tests: JupyterLab on a loopback port, Debian's Chromium driven by Playwright.

One JupyterLab server per session serves a temporary directory (the repository is never served,
so nothing can rewrite its notebooks); each test gets a fresh browser context and page, writes
the notebooks it needs into the server's root, and acts as a learner would: Run menu, sliders,
buttons. The helpers below read what the learner sees (outputs, pictures, error boxes).

Without Chromium or the `playwright` package the tests skip with a one-line reason, except
under CI=true, where a missing browser is a failure.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import pytest
from labpage import ARTIFACTS, PAGE_TIMEOUT_MS, screenshot

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

HERE = Path(__file__).resolve().parent
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
    """A running JupyterLab: its base URL, token, served root directory and log file."""

    url: str
    token: str
    root: Path
    log: Path

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


@pytest.fixture(scope="session")
def jupyter_server(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[JupyterServer]:
    """JupyterLab from this venv on a free loopback port with a random token, news and autosave
    off, every Jupyter/IPython directory in a temporary folder. Its log goes to artifacts/browser/
    when it did not start or a test of the session failed."""
    base = tmp_path_factory.mktemp("jupyterlab")
    root = base / "root"
    root.mkdir()
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
    command = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=None", "--LabApp.extension_manager=readonly",
    ]  # fmt: skip
    if os.geteuid() == 0:
        command.append("--allow-root")
    server = JupyterServer(url=f"http://127.0.0.1:{port}", token=token, root=root, log=base / "server.log")
    with server.log.open("wb") as log:
        process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    started = False
    try:
        _wait_until_serving(server, process)
        started = True
        yield server
    finally:
        _stop(server, process)
        if not started or request.session.testsfailed:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(server.log, ARTIFACTS / "jupyter-server.log")


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


@pytest.fixture
def page(browser: Browser, jupyter_server: JupyterServer, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A logged-in page in a fresh browser context. Afterwards: a screenshot if the test failed,
    and every kernel the test started is shut down, so the next test starts clean."""
    context = browser.new_context(base_url=jupyter_server.url, viewport={"width": 1280, "height": 900})
    context.request.get(f"/api/status?token={jupyter_server.token}")  # sets the login cookie
    new_page = context.new_page()
    new_page.set_default_timeout(PAGE_TIMEOUT_MS)
    try:
        yield new_page
    finally:
        if request.node.stash.get(FAILED, False):
            screenshot(new_page, f"{request.node.name}-failure")
        context.close()
        for session in jupyter_server.api("GET", "/api/sessions"):
            jupyter_server.api("DELETE", f"/api/sessions/{session['id']}")
