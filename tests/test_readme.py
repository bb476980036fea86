"""README stays true: its two commands are what CI runs, its example prints what it says."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_block(marker: str) -> str:
    """The first line of the ```bash block that follows ``marker`` in README."""
    after = README[README.index(marker):]
    return re.search(r"```bash\n(.*?)\n", after).group(1)


def ci_reads(marker: str) -> str:
    """What .ci/run's own reader extracts from README for ``marker``."""
    script = f"""source <(sed -n '/^readme_command()/,/^}}/p' .ci/run); readme_command '{marker}'"""
    return subprocess.run(["bash", "-c", script], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.strip()


def test_ci_runs_exactly_readmes_test_command():
    command = readme_block("<!-- test-command -->")
    assert ci_reads("<!-- test-command -->") == command
    setup = "python3 -m venv .venv && .venv/bin/pip install -r requirements-test.txt"
    assert command == setup + " && .venv/bin/python -m pytest"
    assert 'bash -c "$test_command"' in (ROOT / ".ci/run").read_text()


def test_the_site_command_builds_site_build_py_into__site_which_pages_publishes():
    """The browser edition: README's site command runs site/build.py with its pinned tools;
    the Pages workflow reads that command from README as .ci/run does, and publishes _site/."""
    command = readme_block("<!-- site-command -->")
    assert ci_reads("<!-- site-command -->") == command
    assert command == ("python3 -m venv .venv-site && .venv-site/bin/pip install -r site/requirements.txt"
                       " && .venv-site/bin/python site/build.py")
    assert 'OUTPUT = ROOT / "_site"' in (ROOT / "site/build.py").read_text(encoding="utf-8")
    workflow = (ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8")
    assert "readme_command '<!-- site-command -->'" in workflow and "path: _site" in workflow
    assert "python3 -m http.server -d _site" in README


def test_the_course_command_opens_start_here_from_the_repository_root():
    """The server root is the repository, so notebooks reach ../images and each other."""
    command = readme_block("<!-- course-command -->")
    assert command.startswith("python3 -m venv .venv && .venv/bin/pip install -r requirements.txt && ")
    assert command.endswith("jupyter lab --notebook-dir=. notebooks/00_start_here.ipynb")
    assert (ROOT / "notebooks/00_start_here.ipynb").exists()


def test_the_french_readme_gives_the_same_two_commands_opening_the_french_course():
    lisezmoi = (ROOT / "LISEZMOI.md").read_text(encoding="utf-8")

    def block(marker: str) -> str:
        return re.search(r"```bash\n(.*?)\n", lisezmoi[lisezmoi.index(marker):]).group(1)

    english = readme_block("<!-- course-command -->")
    assert block("<!-- course-command -->") == english.replace(
        "notebooks/00_start_here.ipynb", "notebooks/fr/00_commencer_ici.ipynb")
    assert (ROOT / "notebooks/fr/00_commencer_ici.ipynb").exists()
    assert block("<!-- test-command -->") == readme_block("<!-- test-command -->")
    assert "[LISEZMOI.md](LISEZMOI.md)" in README.split("\n## ")[0]  # linked from the top of README


def requirement_names(path: Path) -> set[str]:
    """The package names a requirements file installs itself (not through -r or -e)."""
    lines = (line.split("#")[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return {re.split(r"[=<>;\s]", line)[0].lower() for line in lines if line and not line.startswith("-")}


def test_the_learner_installs_only_the_course():
    course = requirement_names(ROOT / "requirements.txt")
    tests = requirement_names(ROOT / "requirements-test.txt")
    assert {"jupyterlab", "ipywidgets", "numpy", "matplotlib", "graphviz", "graphviz-pure"} <= course
    assert {"pytest", "nbval", "hypothesis", "sympy", "ruff", "playwright", "micrograd"} <= tests
    assert not course & tests
    assert "-r requirements.txt" in (ROOT / "requirements-test.txt").read_text(encoding="utf-8")


def test_the_engine_example_prints_what_its_comment_says():
    code = re.search(r"```python\n(from autograd import Value.*?)```", README, re.S).group(1)
    promised = re.search(r"print\(.*\)\s+#\s*(.*)", code).group(1).strip()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(code, {})
    assert out.getvalue().strip() == promised
