"""The pictures in images/, made from the package itself: ``python -m autograd.viz.images``.

``images/backpropagation.svg`` (and ``backpropagation_fr.svg``, the same in French) is the
infographic of the author's notes: the manual
example L = (a*b + c)*f with every value and gradient and the chain-rule step that
found each gradient, then the training cycle. Each part is drawn by Graphviz, then
the parts are stacked on one sheet with their headings. The sheet is at most
``viz.fit.MAX_WIDTH_PX`` wide, so a notebook shows it at its own size: the example's
boxes are folded (name over data over grad), the training cycle is a 2×2 loop and
long lines of text are wrapped. It is always rendered by graphviz-pure (never
AUTOGRAD_DOT), so regenerating it gives the same bytes on every machine.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from html import escape
from pathlib import Path

import graphviz

from autograd.course.examples import notes_example
from autograd.engine.value import Value
from autograd.language import N_, _, pgettext, speaking
from autograd.palette import CYCLE_FILL, FILLS, HIGHLIGHT, INK, JUST_COMPUTED, MUTED, NEGATIVE, POSITIVE
from autograd.viz.binary import graphviz_pure
from autograd.viz.dot import FONT, draw
from autograd.viz.fit import FOLDED, MAX_WIDTH_PT
from autograd.viz.steps import backward_steps

IMAGES = Path(__file__).resolve().parents[2] / "images"
TARGETS = {"en": IMAGES / "backpropagation.svg", "fr": IMAGES / "backpropagation_fr.svg"}  # one per language
MARGIN, GAP = 24.0, 14.0  # points
CONTENT_WIDTH = MAX_WIDTH_PT - 2 * MARGIN  # points: what the sheet may hold between its margins
EXAMPLE_SCALE = 1.25  # the manual example is the main picture: drawn larger than the rest
FONT_FAMILY = "Arial,Helvetica,sans-serif"  # for the sheet's own headings; Graphviz's parts use FONT
CYCLE = [  # (node, title, formula, what it does, fill), clockwise from the top left
    ("forward", N_("1. Forward pass"), N_("x, W → prediction"),
     N_("from the inputs x and the weights W, every value up to the prediction"), FILLS["leaf"]),
    ("loss", N_("2. Loss"), N_("L = loss(prediction, target)"),
     N_("one number: how far the prediction is from the target"), FILLS["output"]),
    ("backward", N_("3. Backward pass"), "G = dL/dW",
     N_("backpropagation computes the gradient, from L back to every W"), JUST_COMPUTED),
    ("update", N_("4. Update"), "W ← W − lr × G",
     N_("the optimizer uses the gradient; lr, the learning rate: too small is slow, too large overshoots "
        "the minimum"), CYCLE_FILL),
]
CYCLE_LINE = 34  # characters: the cycle's sentences are wrapped to lines this long
LEGEND = [  # (swatch: a fill or a coloured number, meaning)
    (FILLS["leaf"], "", N_("input or weight (a leaf)")),
    (FILLS["inner"], "", N_("intermediate value")),
    (FILLS["output"], "", N_("output: the loss L")),
    ("", f'<font color="{POSITIVE}">6</font>', N_("grad > 0: raising it raises L")),
    ("", f'<font color="{NEGATIVE}">-4</font>', N_("grad < 0: raising it lowers L")),
]


def seed_example() -> Value:
    """The notes' manual example, L = (a*b + c)*f with a=2, b=-3, c=10, f=-2, after backward()."""
    L = notes_example()["L"]
    L.backward()
    return L


def infographic() -> bytes:
    """The whole sheet, as SVG: title, the manual example, its backward pass, the training cycle."""
    L = seed_example()
    sheet = _Sheet()
    sheet.text(_("Backpropagation, step by step"), size=24, bold=True)
    sheet.space(10)
    sheet.heading(
        _("The manual example: L = (a × b + c) × f"),
        _("Forward pass: each data, left to right. Backward pass: each grad = dL/d(it), right to left."),
    )
    sheet.row([render_svg(draw(L, layout=FOLDED))], scale=EXAMPLE_SCALE)
    sheet.row([render_svg(_digraph(_chain_rule_table(L))), render_svg(_digraph(_legend()))])
    sheet.space(8)
    sheet.heading(
        _("The training cycle"),
        _("Backpropagation computes the gradient; the optimizer uses it to change the weights; repeat."),
    )
    sheet.row([render_svg(_cycle())])
    return sheet.svg()


def render_svg(source: graphviz.Digraph) -> str:
    """``source`` drawn as SVG by graphviz-pure."""
    done = subprocess.run([graphviz_pure(), "-Tsvg"], input=source.source.encode(), capture_output=True)
    if done.returncode != 0:
        raise RuntimeError(f"images: graphviz-pure failed: {done.stderr.decode(errors='replace')}")
    return done.stdout.decode()


def text_width(text: str, size: float) -> float:
    """A generous width of ``text`` in Arial at ``size`` points (graphviz-pure under-measures × − ←)."""
    return 0.55 * size * len(text)


def wrapped(text: str, size: float) -> list[str]:
    """``text`` in lines that each fit ``CONTENT_WIDTH`` at ``size`` points, words kept whole."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= CONTENT_WIDTH:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def _digraph(label: str) -> graphviz.Digraph:
    """A graph of one HTML-like node: a table."""
    picture = graphviz.Digraph(graph_attr={"bgcolor": "white", "pad": "0"}, node_attr={"fontname": FONT})
    picture.node("table", label, shape="plain", fontcolor=INK, fontsize="12")
    return picture


def _chain_rule_table(L: Value) -> str:
    """The backward pass of the example, one row per step: the node processed and the products used."""
    frames = backward_steps(L)[1:]
    width = max(text_width(line, 12) for frame in frames for line in frame.explanation.split("\n"))
    title = _("The backward pass, from L back to a")
    title = f"<b>{escape(title)}</b>"
    rows = [f'<tr><td colspan="2" bgcolor="{JUST_COMPUTED}">{title}</td></tr>']
    for frame in frames:
        first, *products = frame.explanation.split("\n")
        through = _("through {node}").format(node=first) if products else _("start at the output")
        step = pgettext("backward pass", "step {number}").format(number=frame.number)
        rows.append(
            f'<tr><td align="left" balign="left"><b>{escape(step)}</b><br/>'
            f'<font point-size="10" color="{MUTED}">{escape(through)}</font></td>'
            f'<td align="left" balign="left" width="{width:.0f}">'
            f"{'<br/>'.join(map(escape, products or [first]))}</td></tr>"
        )
    table = '<table border="0" cellborder="1" cellspacing="0" cellpadding="6" color="#BBBBBB">'
    return f"<{table}{''.join(rows)}</table>>"


def _legend() -> str:
    """What the colours mean."""
    rows = []
    for fill, number, meaning in LEGEND:
        swatch = f' bgcolor="{fill}"' if fill else ""
        meaning = escape(_(meaning))
        rows.append(f'<tr><td width="22"{swatch}>{number or " "}</td><td align="left">{meaning}</td></tr>')
    return f'<<table border="0" cellborder="0" cellspacing="4" cellpadding="2">{"".join(rows)}</table>>'


def _cycle() -> graphviz.Digraph:
    """Forward pass -> loss -> backward pass -> update, and back to the forward pass: a 2×2 loop.

    The first two steps are the top row, left to right; the last two the bottom row, right
    to left; "repeat" goes up the left side. Every box is as wide as the widest, so the
    columns line up.
    """
    picture = graphviz.Digraph(
        graph_attr={"rankdir": "TB", "bgcolor": "white", "nodesep": "0.4", "ranksep": "0.35", "pad": "0.1"},
        node_attr={
            "fontname": FONT,
            "fontcolor": INK,
            "fontsize": "14",
            "color": INK,
            "shape": "box",
            "style": "rounded,filled",
            "height": "0.9",
            "margin": "0.15,0.1",
        },
        edge_attr={"color": INK, "penwidth": "1.5", "arrowsize": "0.8"},
    )
    said = [(name, _(title), _(formula), textwrap.wrap(_(what), CYCLE_LINE), fill)
            for name, title, formula, what, fill in CYCLE]
    width = max(
        max(text_width(title, 14), text_width(formula, 13), *(text_width(line, 11) for line in lines))
        for _name, title, formula, lines, _fill in said
    )
    for name, title, formula, lines, fill in said:
        label = (
            f'<<b>{escape(title)}</b><br/><font point-size="13">{escape(formula)}</font><br/>'
            f'<font point-size="11">{"<br/>".join(map(escape, lines))}</font>>'
        )
        picture.node(name, label, fillcolor=fill, width=f"{width / 72 + 0.3:.2f}")
    forward, loss, backward, update = (name for name, *_parts in CYCLE)
    repeat = _("repeat")
    for row in [(forward, loss), (update, backward)]:
        with picture.subgraph() as same:
            same.attr(rank="same")
            for name in row:
                same.node(name)
    picture.edge(forward, loss)
    picture.edge(loss, backward)
    picture.edge(update, backward, dir="back")  # drawn backward -> update; laid out so update is on the left
    picture.edge(
        forward,
        update,
        dir="back",  # drawn update -> forward, up the left side
        label=f"<<b>{escape(repeat)}</b>>",
        color=HIGHLIGHT,
        fontcolor=HIGHLIGHT,
        penwidth="2",
        fontname=FONT,
    )
    return picture


class _Sheet:
    """Parts stacked top to bottom, left aligned: lines of text and rows of Graphviz SVGs."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.y = MARGIN
        self.width = 0.0

    def space(self, points: float) -> None:
        self.y += points

    def text(self, text: str, *, size: float, bold: bool = False, color: str = INK) -> None:
        self.y += size
        weight = ' font-weight="bold"' if bold else ""
        self.parts.append(
            f'<text x="{MARGIN:g}" y="{self.y:g}" font-family="{FONT_FAMILY}" font-size="{size:g}"{weight} '
            f'fill="{color}">{escape(text)}</text>'
        )
        self.width = max(self.width, MARGIN + text_width(text, size))
        self.y += size * 0.4

    def heading(self, title: str, subtitle: str) -> None:
        """A bold title over a grey subtitle, wrapped to the sheet's width."""
        self.text(title, size=16, bold=True)
        for line in wrapped(subtitle, 12):
            self.text(line, size=12, color=MUTED)

    def row(self, svgs: list[str], scale: float = 1.0) -> None:
        """SVGs side by side, their tops aligned, each ``scale`` times its own size."""
        x, height = MARGIN, 0.0
        for svg in svgs:
            part, w, h = _placed(svg, x, self.y, scale, prefix=f"p{len(self.parts)}_")
            self.parts.append(part)
            x += w + GAP
            height = max(height, h)
        self.width = max(self.width, x - GAP)
        self.y += height + GAP

    def svg(self) -> bytes:
        """The sheet as one SVG document; an error if it is wider than ``MAX_WIDTH_PT``."""
        if self.width > MARGIN + CONTENT_WIDTH:
            raise ValueError(
                f"images: the sheet is {self.width - MARGIN:.0f} pt wide, over {CONTENT_WIDTH:.0f} pt"
            )
        width, height = self.width + MARGIN, self.y + MARGIN - GAP
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}pt" height="{height:.0f}pt" '
            f'viewBox="0 0 {width:.0f} {height:.0f}">\n'
            f"<title>Backpropagation, step by step</title>\n"
            f'<rect width="100%" height="100%" fill="white"/>\n' + "\n".join(self.parts) + "\n</svg>\n"
        ).encode()


def _placed(svg: str, x: float, y: float, scale: float, prefix: str) -> tuple[str, float, float]:
    """Graphviz's SVG as a nested <svg> at (x, y), scaled, ids prefixed to stay unique; its width, height."""
    svg = svg[svg.index("<svg") :]
    size = re.match(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    if size is None:
        raise ValueError(f"images: an SVG from graphviz-pure without a size in points: {svg[:80]!r}")
    width, height = float(size[1]) * scale, float(size[2]) * scale
    svg = svg.replace(size[0], f'<svg x="{x:g}" y="{y:g}" width="{width:g}" height="{height:g}"', 1)
    return svg.replace(' id="', f' id="{prefix}').strip(), width, height


def main() -> None:
    """Write the infographic in each language: images/backpropagation.svg, backpropagation_fr.svg."""
    IMAGES.mkdir(exist_ok=True)
    for code, target in TARGETS.items():
        with speaking(code):
            target.write_bytes(infographic())
        print(f"wrote {target}", file=sys.stderr)


if __name__ == "__main__":
    main()
