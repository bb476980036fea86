"""Which program turns DOT into SVG: graphviz-pure from pip, the one named by AUTOGRAD_DOT, or none.

``autograd.viz.picture.Picture`` calls ``use_dot_program()`` before each rendering.

Where no program can run, pictures are drawn in the browser instead (``autograd.viz.browser``:
Graphviz compiled to WebAssembly, from the same DOT source). ``draws_in_browser()`` is where that
is decided, once per value of AUTOGRAD_DOT: in Pyodide (JupyterLite), where no program can run at
all; where AUTOGRAD_DOT is unset and graphviz-pure is not installed; where AUTOGRAD_DOT names no
program that can be found; and where AUTOGRAD_DOT=browser, the switch that asks for it anywhere.

The ``graphviz`` Python package runs the program held in a module global,
``graphviz.backend.dot_command.DOT_BINARY`` (graphviz 0.21; not public API, so
tests/test_viz_binary.py fails if an upgrade moves it). ``use_dot_program()`` points
it at the chosen program each time a picture is rendered.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import sys
import sysconfig
from pathlib import Path

from graphviz.backend import dot_command

ENV_VAR = "AUTOGRAD_DOT"
IN_BROWSER = "browser"  # AUTOGRAD_DOT=browser: draw every picture in the browser, even where a program runs
GRAPHVIZ_PURE = "graphviz-pure"
HOW_TO_FIX = (
    f"install it with `pip install graphviz-pure==0.2.2` (into the environment that runs Python), "
    f"or set {ENV_VAR} to another Graphviz program, e.g. {ENV_VAR}=dot for the system Graphviz"
)


class DotProgramNotFound(RuntimeError):
    """No program to render pictures with."""


def graphviz_pure() -> Path:
    """The graphviz-pure program next to the running Python (its scripts folder), else on PATH."""
    folders = [sysconfig.get_path("scripts"), os.path.dirname(sys.executable)]
    with contextlib.suppress(KeyError, ValueError):  # Pyodide: "'user' returned 'posix_user', which is not a
        folders.append(sysconfig.get_path("scripts", sysconfig.get_preferred_scheme("user")))  # valid scheme"
    for folder in folders:
        found = shutil.which(GRAPHVIZ_PURE, path=folder)
        if found:
            return Path(found)
    found = shutil.which(GRAPHVIZ_PURE)
    if found is None:
        raise DotProgramNotFound(f"cannot draw: the program {GRAPHVIZ_PURE} was not found; {HOW_TO_FIX}")
    return Path(found)


def dot_program() -> Path:
    """The program named by AUTOGRAD_DOT (a name on PATH or a path) if set, else graphviz-pure."""
    return _find_program(os.environ.get(ENV_VAR, "").strip())


@functools.lru_cache(maxsize=8)
def _find_program(chosen: str) -> Path:
    """Looked up once per value of AUTOGRAD_DOT: a slider redraw should not search PATH."""
    if not chosen:
        return graphviz_pure()
    if chosen == IN_BROWSER:
        raise DotProgramNotFound(
            f"cannot render here: {ENV_VAR}={IN_BROWSER} draws pictures in the browser; unset {ENV_VAR} "
            f"to render them with {GRAPHVIZ_PURE}"
        )
    found = shutil.which(chosen)
    if found is None:
        raise DotProgramNotFound(
            f"cannot draw: {ENV_VAR}={chosen!r} is not a program that can be run; set {ENV_VAR} to "
            f"a Graphviz program (e.g. dot) or unset it to use {GRAPHVIZ_PURE} "
            f"(`pip install graphviz-pure==0.2.2`)"
        )
    return Path(found)


def use_dot_program(program: Path | None = None) -> Path:
    """Make the ``graphviz`` package render with ``program`` (default: ``dot_program()``); return it."""
    if not hasattr(dot_command, "DOT_BINARY"):
        raise RuntimeError(
            "autograd.viz: this version of the graphviz package no longer keeps its program in "
            "graphviz.backend.dot_command.DOT_BINARY; install graphviz==0.21"
        )
    program = dot_program() if program is None else program
    dot_command.DOT_BINARY = program
    return program


def draws_in_browser() -> bool:
    """Are pictures drawn in the browser (``viz.browser``) rather than by a program here? See above."""
    return _draws_in_browser(os.environ.get(ENV_VAR, "").strip(), sys.platform)


@functools.lru_cache(maxsize=8)
def _draws_in_browser(chosen: str, platform: str) -> bool:
    """Decided once per value of AUTOGRAD_DOT (and platform, for tests): True where no program is found."""
    if platform == "emscripten" or chosen == IN_BROWSER:
        return True
    try:
        _find_program(chosen)
    except DotProgramNotFound:
        return True
    return False
