"""The course and its tests install from wheels on every supported Python and system: no compiler.

For each (Python, system) pair of the support matrix, pip's own resolver runs with
``install --dry-run --only-binary=:all: --python-version ... --platform ... --target ...`` over
requirements-test.txt (which reads requirements.txt), with the marker environment of that pair
(tests/pip_as_target.py). A pair passes when pip finds a wheel for every package, this
repository's dependencies included; a failure names the package pip could not find.

It needs the package index. Without one the tests skip with a one-line reason, except under
CI=true, where they fail.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parent.parent
PYTHONS = ("3.10", "3.11", "3.12", "3.13", "3.14", "3.15")
RESOLVER = "pip==26.3"  # the pip that resolves: older ones check Requires-Python against the host
WORKERS = 6  # resolutions at once: they wait on the network, not on the 2 cores
TIMEOUT_S = 600


@dataclass(frozen=True)
class System:
    """A system learners use: its environment markers and the wheel platform tags it accepts."""

    markers: dict[str, str]
    platforms: tuple[str, ...]


def manylinux(arch: str, glibc_minor: int) -> tuple[str, ...]:
    """Every manylinux tag a Linux with glibc 2.``glibc_minor`` accepts, newest first (legacy names too)."""
    legacy = {17: "manylinux2014", 12: "manylinux2010", 5: "manylinux1"}
    tags = []
    for minor in range(glibc_minor, 4, -1):
        tags.append(f"manylinux_2_{minor}_{arch}")
        if minor in legacy:
            tags.append(f"{legacy[minor]}_{arch}")
    return tuple(tags)


def _unix(system: str, machine: str) -> dict[str, str]:
    return {"os_name": "posix", "sys_platform": system.lower(), "platform_system": system,
            "platform_machine": machine}  # fmt: skip


# Linux with glibc 2.28 or newer (Debian 10, Ubuntu 20.04, RHEL 8); macOS 11 on Apple silicon, 12 on
# Intel (playwright's greenlet has no wheel for older Intel releases). pip widens a macOS tag to every
# older release (and to universal2) by itself.
SYSTEMS = {
    "linux-x86_64": System(_unix("Linux", "x86_64"), manylinux("x86_64", 28)),
    "linux-aarch64": System(_unix("Linux", "aarch64"), manylinux("aarch64", 28)),
    "macos-arm64": System(_unix("Darwin", "arm64"), ("macosx_11_0_arm64",)),
    "macos-x86_64": System(_unix("Darwin", "x86_64"), ("macosx_12_0_x86_64",)),
    "windows-amd64": System(
        {"os_name": "nt", "sys_platform": "win32", "platform_system": "Windows", "platform_machine": "AMD64"},
        ("win_amd64",),
    ),
}
PAIRS = [(python, system) for python in PYTHONS for system in SYSTEMS]
MARKERS_PAIR = ("3.15", "windows-amd64")  # where a wrong marker environment would show


def target_markers(python: str, system: System) -> dict[str, str]:
    """The marker environment of CPython ``python`` on ``system``."""
    return {**system.markers, "python_version": python, "python_full_version": f"{python}.0",
            "implementation_name": "cpython", "implementation_version": f"{python}.0",
            "platform_python_implementation": "CPython"}  # fmt: skip


def requirement_lines(path: Path) -> list[str]:
    """The requirements of ``path`` and of the files it reads with ``-r``, without ``-e .`` (this repo)."""
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split(" #")[0].strip()
        if line.startswith("-r "):
            lines += requirement_lines(path.parent / line[3:].strip())
        elif line and not line.startswith(("#", "-e ")):
            lines.append(line)
    return lines


def pinned(name: str, markers: dict[str, str]) -> str:
    """The version requirements-*.txt pin for ``name`` where ``markers`` hold."""
    for line in requirement_lines(ROOT / "requirements-test.txt"):
        requirement = Requirement(line)
        if requirement.name == name and (requirement.marker is None or requirement.marker.evaluate(markers)):
            return str(requirement.specifier).removeprefix("==")
    raise LookupError(f"{name} is not pinned for {markers['python_version']}")


def _pip_environment() -> dict[str, str]:
    """This environment without pip's configuration files and local wheel folders: the index alone."""
    local = ("PIP_FIND_LINKS", "PIP_EXTRA_INDEX_URL")
    env = {key: value for key, value in os.environ.items() if key not in local}
    return {**env, "PIP_CONFIG_FILE": os.devnull, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


@pytest.fixture(scope="module")
def resolver(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel of RESOLVER, downloaded once; the tests skip (fail under CI=true) without an index."""
    folder = tmp_path_factory.mktemp("resolver")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-d", str(folder),
         RESOLVER],
        capture_output=True, text=True, env=_pip_environment(), timeout=TIMEOUT_S,
    )  # fmt: skip
    wheels = list(folder.glob("pip-*.whl"))
    if done.returncode != 0 or not wheels:
        reason = (done.stderr.strip().splitlines() or ["no output"])[-1]
        message = f"install matrix: the package index is not reachable ({reason})"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (required when CI=true)", pytrace=False)
        pytest.skip(message)
    return wheels[0]


@dataclass(frozen=True)
class Resolution:
    """What pip said for one pair: its exit code, its ERROR lines, and its install report."""

    returncode: int
    errors: list[str]
    report: dict


def resolve(resolver: Path, python: str, system: System, workdir: Path) -> Resolution:
    """pip's dry run for CPython ``python`` on ``system`` over requirements-test.txt and this repo's needs."""
    workdir.mkdir(parents=True)
    requirements = workdir / "requirements.txt"
    ours = metadata.requires("autograd") or []  # this repository's own dependencies (`-e .`)
    requirements.write_text("\n".join([*requirement_lines(ROOT / "requirements-test.txt"), *ours]) + "\n")
    report = workdir / "report.json"
    platforms = [argument for tag in system.platforms for argument in ("--platform", tag)]
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests/pip_as_target.py"), str(resolver),
         json.dumps(target_markers(python, system)), "install", "--dry-run", "--quiet",
         "--only-binary=:all:", "--python-version", python, *platforms, "--target", str(workdir / "target"),
         "--report", str(report), "-r", str(requirements)],
        capture_output=True, text=True, env=_pip_environment(), timeout=TIMEOUT_S,
    )  # fmt: skip
    errors = [
        line
        for line in done.stderr.splitlines()
        if line.startswith("ERROR") and not line.startswith("ERROR: Ignored the following")
    ]
    loaded = json.loads(report.read_text()) if report.exists() else {}
    return Resolution(done.returncode, errors, loaded)


@pytest.fixture(scope="module")
def resolutions(
    resolver: Path, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> dict[tuple[str, str], Resolution]:
    """The pairs this session's tests ask for (all of them in a full run), resolved several at once."""
    wanted = {MARKERS_PAIR} | {
        (item.callspec.params["python"], item.callspec.params["system"])
        for item in request.session.items
        if hasattr(item, "callspec") and "system" in item.callspec.params
    }
    base = tmp_path_factory.mktemp("matrix")
    with ThreadPoolExecutor(WORKERS) as pool:
        futures = {
            (python, name): pool.submit(resolve, resolver, python, SYSTEMS[name], base / f"{python}-{name}")
            for python, name in PAIRS
            if (python, name) in wanted
        }
        return {pair: future.result() for pair, future in futures.items()}


@pytest.mark.parametrize(("python", "system"), PAIRS, ids=[f"py{p}-{s}" for p, s in PAIRS])
def test_installs_from_wheels(resolutions: dict, python: str, system: str) -> None:
    resolution = resolutions[python, system]
    assert resolution.returncode == 0, (
        f"Python {python} on {system}: pip finds no wheel for the course or its tests:\n"
        + "\n".join(resolution.errors)
    )
    markers = target_markers(python, SYSTEMS[system])
    assert resolution.report["environment"]["python_version"] == python  # the markers were the target's
    assert resolution.report["environment"]["sys_platform"] == markers["sys_platform"]
    installed = {item["metadata"]["name"].lower(): item for item in resolution.report["install"]}
    assert all(item["download_info"]["url"].endswith(".whl") for item in installed.values())
    for name in ("numpy", "matplotlib", "jupyterlab", "pytest", "playwright"):
        assert installed[name]["metadata"]["version"] == pinned(name, markers), name


def test_the_matrix_is_what_the_project_and_readme_promise() -> None:
    supported = SpecifierSet(metadata.metadata("autograd")["Requires-Python"])
    assert all(python in supported for python in PYTHONS)
    assert "3.9" not in supported  # an older Python gets pip's own clear refusal, not a compiler error
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"Python {PYTHONS[0]} to {PYTHONS[-1]}" in readme
    for words in ("Linux (x86_64, aarch64)", "macOS (Apple silicon, Intel)", "Windows (64-bit)"):
        assert words in readme


def test_the_resolver_sees_the_targets_markers(resolutions: dict) -> None:
    """Without pip_as_target.py, pip would evaluate every marker for this host (Linux, Python 3.11)."""
    report = resolutions[MARKERS_PAIR].report
    wheels = {item["metadata"]["name"].lower(): item["download_info"]["url"] for item in report["install"]}
    assert "pywinpty" in wheels  # Jupyter's terminals need it on Windows only (os_name == "nt")
    assert wheels["numpy"].endswith("-cp315-cp315-win_amd64.whl")


def test_the_systems_workflow_tests_the_oldest_and_newest_python() -> None:
    workflow = (ROOT / ".github/workflows/tests.yml").read_text(encoding="utf-8")
    assert f'python: ["{PYTHONS[0]}", "{PYTHONS[-1]}"]' in workflow
    assert "os: [ubuntu-latest, macos-latest, windows-latest]" in workflow
