"""Which program renders the pictures: graphviz-pure from pip, or the one AUTOGRAD_DOT names.

With AUTOGRAD_DOT unset these tests need no system Graphviz. CI runs this file once more
with AUTOGRAD_DOT=dot: test_rendering_goes_through_the_program_autograd_dot_names then
checks that the system `dot` is the program used.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import graphviz
import pytest
from graphviz.backend import dot_command

from autograd import Value
from autograd.viz import DotProgramNotFound, binary, dot_program, draw
from autograd.viz.binary import graphviz_pure, use_dot_program


@pytest.fixture(autouse=True)
def fresh_lookup():
    """Each test changes PATH or AUTOGRAD_DOT: look the program up anew, before and after."""
    binary._find_program.cache_clear()
    binary._draws_in_browser.cache_clear()
    yield
    binary._find_program.cache_clear()
    binary._draws_in_browser.cache_clear()


def small_graph() -> Value:
    a, b = Value(2.0, "a"), Value(-3.0, "b")
    y = a * b
    y.label = "y"
    return y


def recording_wrapper(folder: Path, log: Path) -> Path:
    """A program that notes each call in ``log``, then runs graphviz-pure with the same arguments."""
    script = folder / "recording_dot.py"
    script.write_text(
        "import subprocess, sys\n"
        f"with open({str(log)!r}, 'a') as log:\n"
        "    log.write(' '.join(sys.argv[1:]) + '\\n')\n"
        f"sys.exit(subprocess.run([{str(graphviz_pure())!r}, *sys.argv[1:]]).returncode)\n"
    )
    if os.name == "nt":
        wrapper = folder / "recording_dot.bat"
        wrapper.write_text(f'@"{sys.executable}" "{script}" %*\n')
    else:
        wrapper = folder / "recording_dot"
        wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{script}" "$@"\n')
        wrapper.chmod(0o755)
    return wrapper


def test_graphviz_still_keeps_its_program_in_dot_command_DOT_BINARY(monkeypatch):
    """graphviz 0.21 reads the module global at each call; an upgrade that moves it must fail here."""
    assert isinstance(dot_command.DOT_BINARY, Path)
    sentinel = Path("/nowhere/sentinel-dot")
    monkeypatch.setattr(dot_command, "DOT_BINARY", sentinel)
    assert dot_command.command("dot", "svg")[0] == sentinel


def test_rendering_goes_through_the_program_autograd_dot_names(tmp_path, monkeypatch):
    log = tmp_path / "calls.log"
    monkeypatch.setenv("AUTOGRAD_DOT", str(recording_wrapper(tmp_path, log)))
    picture = draw(small_graph())
    svg = picture.pipe(format="svg", encoding="utf-8")
    picture.render(tmp_path / "picture", format="svg")
    assert "<svg" in svg and "(graphviz-pure)" in svg
    *measured, piped, rendered = log.read_text().splitlines()
    assert (piped, rendered) == ("-Kdot -Tsvg", "-Kdot -Tsvg -O picture")
    assert measured and set(measured) == {"-Kdot -Tsvg"}  # draw() measured its layout with the same program
    assert (tmp_path / "picture.svg").read_text(encoding="utf-8") == svg


def test_without_autograd_dot_graphviz_pure_is_used_and_no_system_dot_is_needed(tmp_path, monkeypatch):
    monkeypatch.delenv("AUTOGRAD_DOT", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing on PATH: no system dot either
    expected = shutil.which("graphviz-pure", path=sysconfig.get_path("scripts"))
    assert expected is not None
    assert dot_program() == Path(expected)
    svg = draw(small_graph()).pipe(format="svg", encoding="utf-8")
    assert "(graphviz-pure)" in svg
    assert Path(expected) == dot_command.DOT_BINARY


def test_rendering_uses_the_program_named_by_autograd_dot_or_graphviz_pure():
    """The CI marker: under AUTOGRAD_DOT=dot the system dot renders; unset, graphviz-pure does.

    Through graphviz, the picture is the very bytes that the expected program writes when run by hand.
    """
    named = os.environ.get("AUTOGRAD_DOT", "").strip()
    expected = Path(shutil.which(named)) if named else graphviz_pure()
    picture = draw(small_graph())
    source = picture.source.encode()
    by_hand = subprocess.run([expected, "-Tsvg"], input=source, capture_output=True, check=True)
    assert picture.pipe(format="svg") == by_hand.stdout
    assert dot_program() == expected
    assert ("(graphviz-pure)" in by_hand.stdout.decode()) == (expected.name.startswith("graphviz-pure"))


def test_an_autograd_dot_that_is_not_a_program_says_how_to_fix_it(monkeypatch):
    monkeypatch.setenv("AUTOGRAD_DOT", "no-such-graphviz-program")
    fix = "AUTOGRAD_DOT='no-such-graphviz-program'.*pip install graphviz-pure==0.2.2"
    with pytest.raises(DotProgramNotFound, match=fix):
        dot_program()
    with pytest.raises(DotProgramNotFound):
        draw(small_graph()).pipe(format="svg")


def test_without_graphviz_pure_the_error_says_how_to_fix_it(tmp_path, monkeypatch):
    monkeypatch.delenv("AUTOGRAD_DOT", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(sysconfig, "get_path", lambda *args, **kwargs: str(tmp_path))
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    with pytest.raises(DotProgramNotFound) as error:
        dot_program()
    assert "pip install graphviz-pure==0.2.2" in str(error.value)
    assert "AUTOGRAD_DOT=dot" in str(error.value)


def test_use_dot_program_points_graphviz_at_the_program(monkeypatch):
    monkeypatch.delenv("AUTOGRAD_DOT", raising=False)
    monkeypatch.setattr(dot_command, "DOT_BINARY", Path("dot"))
    assert use_dot_program() == graphviz_pure() == dot_command.DOT_BINARY
    assert graphviz.backend.dot_command is dot_command
