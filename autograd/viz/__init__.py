"""Pictures of computation graphs, and the backward pass step by step.

``draw(L)`` is the graph that ends in ``L`` as a ``graphviz.Digraph`` (SVG in
JupyterLab); ``backward_steps(L)`` the frames of its backward pass, one per step,
for ``draw(L, step=frame)``. Pictures are rendered by graphviz-pure (from pip) or
by the program named in the environment variable AUTOGRAD_DOT, and laid out to fit
a laptop's notebook page (``viz.fit``: at most ``MAX_WIDTH_PX`` wide).
"""

from autograd.viz.binary import DotProgramNotFound, dot_program
from autograd.viz.dot import choose_layout, draw, path
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
    "format_number",
    "path",
]
