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
    assert command.startswith("python3 -m venv .venv && ") and command.endswith("python -m pytest")
    assert 'bash -c "$test_command"' in (ROOT / ".ci/run").read_text()


def test_the_course_command_opens_start_here():
    command = readme_block("<!-- course-command -->")
    assert command.startswith(readme_block("<!-- test-command -->").rsplit(" && ", 1)[0])
    assert command.endswith("jupyter lab notebooks/00_start_here.ipynb")
    assert (ROOT / "notebooks/00_start_here.ipynb").exists()


def test_every_file_readme_links_exists():
    for target in re.findall(r"\]\(([^)#]+)\)", README):
        if "://" not in target:
            assert (ROOT / target).exists(), target


def test_the_engine_example_prints_what_its_comment_says():
    code = re.search(r"```python\n(from autograd import Value.*?)```", README, re.S).group(1)
    promised = re.search(r"print\(.*\)\s+#\s*(.*)", code).group(1).strip()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(code, {})
    assert out.getvalue().strip() == promised
