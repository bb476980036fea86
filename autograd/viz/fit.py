"""How wide a picture may be, and the layout that keeps a graph within it.

The budget comes from the smallest screen the course is read on: a laptop at 1366×768,
JupyterLab with its file browser open, leaves a notebook output area about 934 CSS px
wide. JupyterLab 4 shows an ``image/svg+xml`` output as an ``<img>`` at the picture's
own size (1 pt = 4/3 px), so a wider picture is cut off; widgets put the SVG inline,
shrunk to the page, so there a wider picture has smaller text. A picture fits when it is at
most ``MAX_WIDTH_PX`` wide and its smallest text (the 10 pt captions "data" and "grad") is at
least ``MIN_TEXT_PX`` on screen: then it is neither cut nor shrunk further.

A graph is drawn in the first of ``LAYOUTS`` that fits: left to right with one row per
box (the familiar picture), then with each box folded into a column (name over data
over grad), then the same scaled down to the page as far as the text allows (Graphviz's
``size``: a shorter picture than top to bottom, which a laptop screen shows whole), then
top to bottom with folded boxes. The width is measured, not guessed: the picture is laid
out by the same program that will render it.
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
SMALLEST_TEXT_PT = 10  # the captions "data" and "grad" of a box (viz.dot draws them at this size)
MIN_SCALE = MIN_TEXT_PX / (SMALLEST_TEXT_PT * PX_PER_PT)  # 0.675: how far a picture may be scaled down
_SVG_WIDTH = re.compile(r'<svg[^>]*?\swidth="([\d.]+)pt"')
_SVG_SCALE = re.compile(r'<g id="graph0" class="graph" transform="scale\(([\d.]+)')


@dataclass(frozen=True)
class Layout:
    """Where the edges run (Graphviz ``rankdir``: "LR" or "TB") and whether boxes are folded.

    A folded box stacks its cells: name over data over grad, instead of one row. A shrunk
    picture wider than ``MAX_WIDTH_PT`` is scaled down to it (``fits`` says whether its text
    stays readable).
    """

    rankdir: str
    folded: bool
    shrunk: bool = False


WIDE = Layout("LR", folded=False)
FOLDED = Layout("LR", folded=True)
SHRUNK = Layout("LR", folded=True, shrunk=True)
TALL = Layout("TB", folded=True)
LAYOUTS = (WIDE, FOLDED, SHRUNK, TALL)  # in order of preference
# Graphviz's `size` of a shrunk picture, in inches: at most MAX_WIDTH_PT wide, any height.
SHRUNK_SIZE = f"{MAX_WIDTH_PT / 72:g},{100 * MAX_WIDTH_PT / 72:g}"


def svg_width_pt(svg: str) -> float:
    """The width of a Graphviz SVG, in points, as its root element states it."""
    match = _SVG_WIDTH.search(svg)
    if match is None:
        raise ValueError(f"viz: an SVG without a width in points: {svg[:120]!r}")
    return float(match[1])


def svg_scale(svg: str) -> float:
    """How much Graphviz scaled the drawing down to its ``size``: 1 for a picture at its own size."""
    match = _SVG_SCALE.search(svg)
    return 1.0 if match is None else float(match[1])


def fits(width_pt: float, scale: float) -> bool:
    """Neither cut off (at most ``MAX_WIDTH_PT`` wide) nor with text under ``MIN_TEXT_PX``."""
    return width_pt <= MAX_WIDTH_PT and scale >= MIN_SCALE


def fitting_layout(picture_in: Callable[[Layout], Picture]) -> Layout:
    """The first of ``LAYOUTS`` whose picture ``fits``; else the one narrowest at its own size."""
    natural = {}
    for layout in LAYOUTS:
        svg = picture_in(layout).pipe(format="svg", encoding="utf-8")
        width, scale = svg_width_pt(svg), svg_scale(svg)
        if fits(width, scale):
            return layout
        natural[layout] = width / scale
    return min(LAYOUTS, key=natural.__getitem__)
