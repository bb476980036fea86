"""Which program turns DOT into SVG: graphviz-pure from pip, or the one named by AUTOGRAD_DOT.

``autograd.viz.picture.Picture`` calls ``use_dot_program()`` before each rendering.

The ``graphviz`` Python package runs the program held in a module global,
``graphviz.backend.dot_command.DOT_BINARY`` (graphviz 0.21; not public API, so
tests/test_viz_binary.py fails if an upgrade moves it). ``use_dot_program()`` points
it at the chosen program each time a picture is rendered.
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
import sysconfig
from pathlib import Path

from graphviz.backend import dot_command

ENV_VAR = "AUTOGRAD_DOT"
GRAPHVIZ_PURE = "graphviz-pure"
HOW_TO_FIX = (
    f"install it with `pip install graphviz-pure==0.2.2` (into the environment that runs Python), "
    f"or set {ENV_VAR} to another Graphviz program, e.g. {ENV_VAR}=dot for the system Graphviz"
)


class DotProgramNotFound(RuntimeError):
    """No program to render pictures with."""


def graphviz_pure() -> Path:
    """The graphviz-pure program next to the running Python (its scripts folder), else on PATH."""
    user_scripts = sysconfig.get_path("scripts", sysconfig.get_preferred_scheme("user"))
    for folder in (sysconfig.get_path("scripts"), os.path.dirname(sys.executable), user_scripts):
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
