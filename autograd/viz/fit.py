"""How wide a picture may be, and the layout that keeps a graph within it.

The budget comes from the smallest screen the course is read on: a laptop at 1366×768,
JupyterLab with its file browser open, leaves a notebook output area about 934 CSS px
wide. JupyterLab 4 shows an ``image/svg+xml`` output as an ``<img>`` at the picture's
own size (1 pt = 4/3 px), so a wider picture is cut off; widgets put the SVG inline,
shrunk to the page, so there a wider picture has smaller text. A picture at most
``MAX_WIDTH_PX`` wide is neither cut nor shrunk, and its smallest text (10 pt captions)
stays at 13 px, above ``MIN_TEXT_PX``.

A graph is drawn in the first of ``LAYOUTS`` that fits: left to right with one row per
box (the familiar picture), then with each box folded into a column (name over data
over grad), then top to bottom with folded boxes. The width is measured, not guessed:
the picture is laid out by the same program that will render it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from autograd.viz.picture import Picture

MAX_WIDTH_PX = 900  # JupyterLab's 934 px output area at 1366×768, file browser open, less a margin
MIN_TEXT_PX = 9  # the smallest text a picture may show on screen
PX_PER_PT = 4 / 3  # CSS: 1 pt = 1/72 in, 1 px = 1/96 in
MAX_WIDTH_PT = MAX_WIDTH_PX / PX_PER_PT
_SVG_WIDTH = re.compile(r'<svg[^>]*?\swidth="([\d.]+)pt"')


@dataclass(frozen=True)
class Layout:
    """Where the edges run (Graphviz ``rankdir``: "LR" or "TB") and whether boxes are folded.

    A folded box stacks its cells: name over data over grad, instead of one row.
    """

    rankdir: str
    folded: bool


WIDE = Layout("LR", folded=False)
FOLDED = Layout("LR", folded=True)
TALL = Layout("TB", folded=True)
LAYOUTS = (WIDE, FOLDED, TALL)  # in order of preference


def svg_width_pt(svg: str) -> float:
    """The width of a Graphviz SVG, in points, as its root element states it."""
    match = _SVG_WIDTH.search(svg)
    if match is None:
        raise ValueError(f"viz: an SVG without a width in points: {svg[:120]!r}")
    return float(match[1])


def width_pt(picture: Picture) -> float:
    """The width ``picture`` renders to, in points."""
    return svg_width_pt(picture.pipe(format="svg", encoding="utf-8"))


def fitting_layout(picture_in: Callable[[Layout], Picture]) -> Layout:
    """The first of ``LAYOUTS`` whose picture is at most ``MAX_WIDTH_PT`` wide; else the narrowest."""
    widths = {}
    for layout in LAYOUTS:
        widths[layout] = width_pt(picture_in(layout))
        if widths[layout] <= MAX_WIDTH_PT:
            return layout
    return min(LAYOUTS, key=widths.__getitem__)
