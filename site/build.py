"""Build the course as a static JupyterLite site: JupyterLab and a Python kernel (Pyodide) in the
browser, nothing to install, the pure-Python notebooks working with no network at all.

Run it with the build tools of site/requirements.txt installed (README's site command):

    python3 -m venv .venv-site && .venv-site/bin/pip install -r site/requirements.txt
    .venv-site/bin/python site/build.py

It writes its work files to site/_build/ (downloads are kept there and checked again on the next
run) and the site to _site/ at the repository root; both are rebuilt from scratch each time.

What goes in:
- Pyodide (npm package `pyodide`, the version jupyterlite-pyodide-kernel expects) into
  static/pyodide/, where the kernel looks for it. The npm package has the runtime but no wheels, so
  the pure-Python wheels the kernel loads at start (and sympy) come from PyPI, and their entries in
  pyodide-lock.json get PyPI's sha256 (Pyodide's own builds of them have other sums). The lock's
  other packages (numpy, matplotlib, ...) point to Pyodide's CDN: the kernel loads a package from the
  lock when a cell imports it, so the notebooks that need numpy fetch it from there at run time.
- The course's wheels (autograd, built from this repository, ipywidgets, anywidget, ...) with entries
  added to that lock, so the kernel loads them at start (site/jupyter-lite.json) from the site.
- @viz-js/viz's dist/viz.js (Graphviz compiled to WebAssembly, one ES module) at static/viz/viz.js
  of the site, which the package's in-browser pictures import (from the page's baseUrl).
- notebooks/ (both editions) and images/, laid out as in the repository.
- site/index.html as the front page: a link to each edition's first notebook (JupyterLite's own
  front page only sends the browser on to an empty JupyterLab).
"""

from __future__ import annotations

import ast
import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from dataclasses import dataclass
from email.parser import Parser
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "site"
WORK = HERE / "_build"
DOWNLOADS = WORK / "downloads"
LITE = WORK / "lite"  # JupyterLite's "lite dir": jupyter-lite.json, files/, static/
WHEELS = WORK / "wheels"  # the course's wheels
PIPLITE = WORK / "piplite"  # what %pip install finds in the site (jupyter lite build --piplite-wheels)
OUTPUT = ROOT / "_site"

PYTHON = "3.14"  # Pyodide 314's Python


@dataclass(frozen=True)
class NpmPackage:
    name: str
    version: str
    integrity: str  # npm's dist.integrity of the tarball

    @property
    def spec(self) -> str:
        return f"{self.name}@{self.version}"

    @property
    def tarball(self) -> str:
        """The file name `npm pack` writes."""
        return f"{self.name.lstrip('@').replace('/', '-')}-{self.version}.tgz"


def package_constants(*names: str) -> tuple[str, ...]:
    """Constants of autograd/viz/browser.py, read without importing the package (one place pins viz.js)."""
    tree = ast.parse((ROOT / "autograd" / "viz" / "browser.py").read_text(encoding="utf-8"))
    found = {target.id: ast.literal_eval(node.value) for node in tree.body if isinstance(node, ast.Assign)
             for target in node.targets if isinstance(target, ast.Name) and target.id in names}
    return tuple(found[name] for name in names)


PYODIDE = NpmPackage(
    "pyodide", "314.0.6",
    "sha512-BKDTJyIqFxC4BExLqeRS3f5xvXZIjOt8C3zGLN/Cc7tFxSwvKVhVkchQQ2AGLOtR4YrVOIFxbV8poyDOOmWwxQ==",
)  # fmt: skip
VIZ = NpmPackage("@viz-js/viz", *package_constants("VIZ_VERSION", "VIZ_INTEGRITY"))
PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                 "pyodide-lock.json", "pyodide.js", "package.json"]  # fmt: skip

# Packages of Pyodide's lock the kernel needs (with their dependencies): what it loads itself
# (micropip, ipython, jedi, ...) and sympy for notebook 04. All pure Python, fetched from PyPI.
LOCK_ROOTS = ["micropip", "packaging", "ipython", "jedi", "typing-extensions", "traitlets", "sympy"]
# The course's wheels added to the lock, with the dependencies Pyodide should load with them:
# autograd with none, so that numpy is never pulled in for the pure-Python notebooks. Versions: those
# of the build venv (site/requirements.txt), so the kernel's widgets match the site's front end.
COURSE_WHEELS = {
    "ipywidgets": ["comm", "ipython", "traitlets"],
    "comm": [],
    "anywidget": ["ipywidgets", "psygnal", "typing-extensions"],
    "psygnal": [],
    "graphviz": [],
}
PIPLITE_ONLY = ["jupyterlab_widgets", "widgetsnbextension"]  # what ipywidgets requires on %pip install


class BuildError(RuntimeError):
    """A step of the build failed; the message says which and why."""


def step(message: str) -> None:
    print(f"site: {message}", flush=True)


def run(command: list[str], cwd: Path = ROOT) -> str:
    """Run `command`; its output, or a BuildError quoting the end of it."""
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()[-3000:]
        raise BuildError(f"`{' '.join(command)}` exited with {result.returncode}:\n{output}")
    return result.stdout


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_tools() -> None:
    """npm on PATH, and the pinned JupyterLite with the Pyodide it expects."""
    if shutil.which("npm") is None:
        raise BuildError("npm is not on PATH (Debian/Ubuntu: apt-get install nodejs npm)")
    try:
        from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION
    except ImportError as error:
        raise BuildError(f"{error}: run this with the venv of site/requirements.txt "
                         "(pip install -r site/requirements.txt)") from error
    if PYODIDE.version != PYODIDE_VERSION:
        raise BuildError(f"jupyterlite-pyodide-kernel expects Pyodide {PYODIDE_VERSION}, this build "
                         f"pins {PYODIDE.version}: install site/requirements.txt's versions")


def npm_tarball(package: NpmPackage) -> Path:
    """`npm pack` the pinned version into the downloads (once); check it against the pinned
    integrity and against what the registry says (`npm view ... dist.integrity`)."""
    folder = DOWNLOADS / "npm"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / package.tarball
    registry = run(["npm", "view", package.spec, "dist.integrity"]).strip()
    if registry != package.integrity:
        raise BuildError(f"npm says {package.spec} has integrity {registry}, "
                         f"build.py pins {package.integrity}")
    if not path.exists():
        run(["npm", "pack", "--silent", package.spec], cwd=folder)
    algorithm, _, digest = package.integrity.partition("-")
    found = base64.b64encode(hashlib.new(algorithm, path.read_bytes()).digest()).decode()
    if found != digest:
        path.unlink()
        raise BuildError(f"{path.name}: {algorithm} {found} is not the pinned {digest} (deleted; run again)")
    step(f"npm {package.spec}: {path.stat().st_size / 1e6:.1f} MB, integrity checked")
    return path


def unpack(tarball: Path, members: dict[str, Path]) -> None:
    """Extract package/<name> from an npm tarball to each destination path."""
    with tarfile.open(tarball) as archive:
        for name, destination in members.items():
            source = archive.extractfile(f"package/{name}")
            if source is None:
                raise BuildError(f"{tarball.name} has no file package/{name}")
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(source.read())


def pypi_download(requirements: list[str]) -> Path:
    """Download pure wheels for Pyodide's Python from PyPI (pip skips those already there)."""
    folder = DOWNLOADS / "pypi"
    run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
         "--python-version", PYTHON, "--implementation", "py", "-d", str(folder), *requirements])  # fmt: skip
    return folder


def wheel_file(folder: Path, name: str, version: str) -> Path:
    """The one wheel of `name` `version` in `folder` (wheel names write - as _)."""
    found = [p for p in folder.glob("*.whl")
             if p.name.lower().startswith(f"{name.replace('-', '_').lower()}-{version}-")]  # fmt: skip
    if len(found) != 1:
        raise BuildError(f"expected one wheel of {name} {version} in {folder}, found {found}")
    return found[0]


def lock_entry(wheel: Path, depends: list[str]) -> tuple[str, dict[str, object]]:
    """A pyodide-lock.json entry for a pure wheel: (key, entry)."""
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
        headers = Parser().parsestr(archive.read(meta).decode("utf-8"), headersonly=True)
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith((".dist-info", ".data"))}
    imports = sorted(t.removesuffix(".py") for t in tops)
    entry = {
        "name": headers["Name"], "version": headers["Version"], "file_name": wheel.name,
        "sha256": sha256(wheel), "depends": depends, "imports": imports,
        "install_dir": "site", "package_type": "package", "unvendored_tests": False,
    }  # fmt: skip
    return headers["Name"].lower().replace("_", "-"), entry


def pyodide_runtime() -> Path:
    """Pyodide's runtime into static/pyodide/, its lock's boot wheels from PyPI; the lock path."""
    folder = LITE / "static" / "pyodide"
    unpack(npm_tarball(PYODIDE), {name: folder / name for name in PYODIDE_FILES})
    lock_path = folder / "pyodide-lock.json"
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    packages = lock["packages"]
    needed: set[str] = set()
    todo = list(LOCK_ROOTS)
    while todo:
        key = todo.pop().lower().replace("_", "-")
        if key not in needed:
            needed.add(key)
            todo += packages[key]["depends"]
    entries = [packages[key] for key in sorted(needed)]
    impure = [e["file_name"] for e in entries if not e["file_name"].endswith("-none-any.whl")]
    if impure:
        raise BuildError(f"the kernel would need wheels that are not pure Python: {impure}")
    downloads = pypi_download([f"{e['name']}=={e['version']}" for e in entries])
    for entry in entries:
        wheel = downloads / entry["file_name"]
        if not wheel.exists():
            raise BuildError(f"PyPI's wheel of {entry['name']} {entry['version']} is not named {wheel.name}")
        shutil.copy2(wheel, folder / wheel.name)
        entry["sha256"] = sha256(wheel)
    # The others (numpy, matplotlib, ...) are fetched from Pyodide's CDN when a notebook imports them.
    cdn = f"https://cdn.jsdelivr.net/pyodide/v{PYODIDE.version}/full/"
    for key, entry in packages.items():
        if key not in needed:
            entry["file_name"] = cdn + entry["file_name"]
    step(f"Pyodide {PYODIDE.version}: {len(entries)} wheels from PyPI in the site, their lock entries "
         f"rewritten; {len(packages) - len(entries)} other packages from {cdn}")
    lock_path.write_text(json.dumps(lock, indent=1, sort_keys=True), encoding="utf-8")
    return lock_path


def course_wheels(lock_path: Path) -> None:
    """autograd built from the repository and the course's other wheels: into the lock (and next to
    it), and with the widgets' front-end packages into the piplite index."""
    folder = lock_path.parent
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(WHEELS), str(ROOT)])
    versions = {name: metadata.version(name) for name in [*COURSE_WHEELS, *PIPLITE_ONLY]}
    downloads = pypi_download([f"{name}=={version}" for name, version in versions.items()])
    built = sorted(WHEELS.glob("autograd-*.whl"))
    if len(built) != 1:
        raise BuildError(f"pip wheel made {[w.name for w in built]} in {WHEELS}, not one autograd wheel")
    wheels = {"autograd": (built[0], [])}
    for name, depends in COURSE_WHEELS.items():
        wheels[name] = (wheel_file(downloads, name, versions[name]), depends)
    for wheel, depends in wheels.values():
        shutil.copy2(wheel, folder / wheel.name)
        key, entry = lock_entry(folder / wheel.name, depends)
        lock["packages"][key] = entry
        shutil.copy2(wheel, PIPLITE / wheel.name)
    for name in PIPLITE_ONLY:
        shutil.copy2(wheel_file(downloads, name, versions[name]), PIPLITE)
    lock_path.write_text(json.dumps(lock, indent=1, sort_keys=True), encoding="utf-8")
    step("course wheels: " + ", ".join(w.name for w, _ in wheels.values()))


def config(lock_path: Path) -> None:
    """site/jupyter-lite.json into the lite dir, once every package it preloads is in the lock."""
    text = (HERE / "jupyter-lite.json").read_text(encoding="utf-8")
    settings = json.loads(text)["jupyter-config-data"]["litePluginSettings"]
    preloaded = settings["@jupyterlite/pyodide-kernel-extension:kernel"]["loadPyodideOptions"]["packages"]
    locked = json.loads(lock_path.read_text(encoding="utf-8"))["packages"]
    missing = [name for name in preloaded if name not in locked]
    if missing:
        raise BuildError(f"site/jupyter-lite.json preloads {missing}, which the lock does not have")
    (LITE / "jupyter-lite.json").write_text(text, encoding="utf-8")


def contents() -> None:
    """The course as laid out in the repository: notebooks of both editions, the glossary, images."""
    files = LITE / "files"
    for pattern in ["notebooks/*.ipynb", "notebooks/fr/*.ipynb", "notebooks/fr/GLOSSAIRE.md", "images/*"]:
        for source in sorted(ROOT.glob(pattern)):
            target = files / source.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    step(f"contents: {sum(1 for _ in files.rglob('*.ipynb'))} notebooks, images/")


CONFIG_SCRIPT = re.compile(r'<script id="jupyter-config-data".*?</script>', re.DOTALL)
CONFIG_MARKER = "<!-- jupyter-config-data -->"
OPENS = re.compile(r'href="lab/index\.html\?path=([^"]+)"')


def front_page() -> None:
    """site/index.html in place of JupyterLite's index.html, whose configuration it takes over (the
    site's pages read it from there); every notebook it links to must be in the site."""
    built = (OUTPUT / "index.html").read_text(encoding="utf-8")
    found = CONFIG_SCRIPT.search(built)
    if found is None:
        raise BuildError("JupyterLite's index.html has no jupyter-config-data script to keep")
    page = (HERE / "index.html").read_text(encoding="utf-8")
    missing = [path for path in OPENS.findall(page) if not (OUTPUT / "files" / path).is_file()]
    if CONFIG_MARKER not in page or missing:
        raise BuildError(f"site/index.html: no {CONFIG_MARKER} marker, or links to missing {missing}")
    (OUTPUT / "index.html").write_text(page.replace(CONFIG_MARKER, found[0]), encoding="utf-8")


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def build() -> None:
    started = time.monotonic()
    check_tools()
    for folder in (LITE, WHEELS, PIPLITE, OUTPUT):
        shutil.rmtree(folder, ignore_errors=True)
    for folder in (LITE, WHEELS, PIPLITE):
        folder.mkdir(parents=True)
    lock_path = pyodide_runtime()
    course_wheels(lock_path)
    viz = npm_tarball(VIZ)
    config(lock_path)
    contents()
    step("jupyter lite build ...")
    run([sys.executable, "-m", "jupyter", "lite", "build", "--output-dir", str(OUTPUT),
         "--piplite-wheels", str(PIPLITE), "--no-sourcemaps"], cwd=LITE)  # fmt: skip
    # JupyterLite copies only static/pyodide/ of the lite dir: viz.js goes straight into the site.
    unpack(viz, {"dist/viz.js": OUTPUT / "static" / "viz" / "viz.js"})
    front_page()
    for needed in ["index.html", "lab/index.html", "static/pyodide/pyodide.mjs", "static/viz/viz.js",
                   "files/notebooks/00_start_here.ipynb", "files/images"]:  # fmt: skip
        if not (OUTPUT / needed).exists():
            raise BuildError(f"the built site has no {needed}")
    step(f"done in {time.monotonic() - started:.0f} s: {OUTPUT} ({size_mb(OUTPUT):.0f} MB); "
         f"serve it with: python3 -m http.server -d {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    try:
        build()
    except BuildError as error:
        print(f"site: BUILD FAILED: {error}", file=sys.stderr)
        sys.exit(1)
