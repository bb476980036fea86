"""Pictures of computation graphs, and the backward pass step by step.

``draw(L)`` is the graph that ends in ``L`` as a ``graphviz.Digraph`` (SVG in
JupyterLab); ``backward_steps(L)`` the frames of its backward pass, one per step,
for ``draw(L, step=frame)``. Pictures are rendered by graphviz-pure (from pip) or
by the program named in the environment variable AUTOGRAD_DOT, and laid out to fit
a laptop's notebook page (``viz.fit``: at most ``MAX_WIDTH_PX`` wide). Where no program can
run (Pyodide in JupyterLite, no graphviz-pure, or AUTOGRAD_DOT=browser: ``draws_in_browser``),
the browser renders the same DOT by the same rules (``viz.browser``).
"""

from autograd.viz.binary import DotProgramNotFound, dot_program, draws_in_browser
from autograd.viz.dot import choose_layout, draw, layout_candidates, path
from autograd.viz.fit import LAYOUTS, MAX_WIDTH_PX, Layout
from autograd.viz.picture import Picture
from autograd.viz.steps import BackwardStep, backward_steps
from autograd.viz.text import describe, format_number

__all__ = [
    "BackwardStep",
    "DotProgramNotFound",
    "LAYOUTS",
    "Layout",
    "MAX_WIDTH_PX",
    "Picture",
    "backward_steps",
    "choose_layout",
    "describe",
    "dot_program",
    "draw",
    "draws_in_browser",
    "format_number",
    "layout_candidates",
    "path",
]
