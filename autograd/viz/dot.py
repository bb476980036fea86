"""Pictures of computation graphs: a graph of ``Value`` (or ``Tensor``) nodes as Graphviz DOT.

Each value is a box ``name | data | grad``, each operation a small circle with its
symbol, and edges run operand -> op -> result, left to right. A graph too wide for the
page is drawn with folded boxes (name over data over grad), then those scaled down, then top
to bottom (``autograd.viz.fit``). Node ids come from the topological order (``v0, v1, ...`` for
values, ``op2, ...`` for operations), never from ``id()``, so a graph gives the same
DOT source on every run and machine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape

from autograd.engine.arrays import is_array
from autograd.engine.graph import Node, topological_order
from autograd.palette import FILLS, HIGHLIGHT, INK, JUST_COMPUTED, MUTED, NEGATIVE, POSITIVE
from autograd.viz.binary import draws_in_browser
from autograd.viz.fit import LAYOUTS, SHRUNK_SIZE, SMALLEST_TEXT_PT, Layout, fitting_layout
from autograd.viz.picture import Picture
from autograd.viz.steps import BackwardStep, KnownGradients
from autograd.viz.text import describe, is_constant, node_names, op_symbol

FONT = "Arial"  # graphviz-pure has metrics for it built in; every system has Arial or a twin of it
GRAPH_ATTRS = {"bgcolor": "white", "nodesep": "0.25", "ranksep": "0.25", "fontname": FONT}
NODE_ATTRS = {"fontname": FONT, "fontsize": "12", "fontcolor": INK, "color": INK}
EDGE_ATTRS = {"color": MUTED, "arrowsize": "0.7"}
LIT = {"color": HIGHLIGHT, "penwidth": "2.5"}
# A box is a table in a node of its size, outlined only when lit: lit or not, it takes the same room.
BOX_ATTRS = {"shape": "box", "width": "0", "height": "0", "margin": "0", "peripheries": "0"}
LIT_BOX = BOX_ATTRS | LIT | {"peripheries": "1"}
CONSTANT_ATTRS = {
    "shape": "box",
    "style": "rounded",
    "color": MUTED,
    "fontsize": "11",
    "margin": "0.08,0.04",
    "width": "0",
    "height": "0",
}
OP_ATTRS = {"shape": "circle", "width": "0.3", "margin": "0.03"}
# Width of a grad cell in points, as graphviz-pure measures Arial: the caption, each character, "+ …".
CAPTION_WIDTH, CHARACTER_WIDTH, PARTIAL_WIDTH = 38.0, 6.7, 16.0


def draw(
    root: Node,
    *,
    show_grads: bool = True,
    highlight: Iterable[Node] = (),
    step: BackwardStep | None = None,
    sign_colors: bool = True,
    layout: Layout | None = None,
) -> Picture:
    """The graph that ends in ``root``, as a ``graphviz.Digraph`` (shown as SVG in JupyterLab).

    ``show_grads=False`` draws the forward pass only. ``highlight`` marks nodes (e.g.
    ``path(a, L)``) and the operations and edges between them. ``step`` (from
    ``backward_steps(root)``) shows only the gradients known at that step, marks the
    node being processed and the edges its gradient flows back along. ``sign_colors``
    writes positive gradients in blue, negative ones in red. ``layout`` (one of
    ``viz.fit.LAYOUTS``) is by default ``choose_layout``'s: the first that fits the page.

    Where no DOT program can run (``viz.binary.draws_in_browser``), the layout is chosen by the
    browser that draws the picture: the picture is the first layout's and carries the DOT source
    of every layout (``layout_candidates``), for the browser to measure them by the same rule.
    """
    if not (hasattr(root, "parents") and hasattr(root, "data")):
        raise TypeError(f"draw: expected a Value or a Tensor, got {type(root).__name__}: {root!r}")
    order = topological_order(root)
    index = {node: i for i, node in enumerate(order)}
    marked = _members(highlight, index, "highlight")
    current = None if step is None else step.current
    if current is not None:
        _members([current], index, "step.current")
    options = {"show_grads": show_grads, "highlight": marked, "sign_colors": sign_colors}
    if layout is None and draws_in_browser():
        picture = draw(root, step=step, layout=LAYOUTS[0], **options)
        picture.candidates, picture.measured = layout_candidates(root, step=step, **options)
        return picture
    if layout is None:
        layout = choose_layout(root, step=step, **options)
    grads: Mapping = step.grads if step is not None else {node: node.grad for node in order}
    flowing = current is not None and any(parent in step.updated for parent in current.parents)
    names = node_names(order)
    graph_attr = GRAPH_ATTRS | {"rankdir": layout.rankdir} | ({"size": SHRUNK_SIZE} if layout.shrunk else {})
    picture = Picture(graph_attr=graph_attr, node_attr=NODE_ATTRS, edge_attr=EDGE_ATTRS)
    for i, node in enumerate(order):
        lit = node in marked or node is current
        if is_constant(node):
            picture.node(f"v{i}", f"<{escape(names[node])}>", **(CONSTANT_ATTRS | (LIT if lit else {})))
            continue
        cells = [_name_cell(node, names[node], root), _td(_captioned("data", _ink(describe(node.data))))]
        if show_grads:
            cells.append(_grad_cell(node, grads, step, sign_colors))
        picture.node(f"v{i}", _table(cells, layout.folded, lit), **(LIT_BOX if lit else BOX_ATTRS))
        if node.parents:
            op_lit = (node is current and flowing) or (node in marked and not marked.isdisjoint(node.parents))
            picture.node(f"op{i}", f"<{escape(op_symbol(node.op))}>", **(OP_ATTRS | (LIT if op_lit else {})))
            for parent in node.parents:
                edge_lit = (node is current and flowing) or (node in marked and parent in marked)
                picture.edge(f"v{index[parent]}", f"op{i}", **(LIT if edge_lit else {}))
            picture.edge(f"op{i}", f"v{i}", **(LIT if op_lit else {}))
    return picture


def choose_layout(root: Node, *, step: BackwardStep | None = None, **options: object) -> Layout:
    """The layout ``draw(root, step=step, **options)`` uses by default: the first that fits the page.

    A step frame is measured as the whole pass (``step.whole_pass()``), so every frame of one
    backward pass gets the same layout and its boxes stay in place from frame to frame.
    """
    whole = None if step is None else step.whole_pass()
    return fitting_layout(lambda layout: draw(root, step=whole, layout=layout, **options))


def layout_candidates(
    root: Node, *, step: BackwardStep | None = None, **options: object
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What a browser needs to choose the layout as ``choose_layout`` does, and to draw the picture.

    The DOT source of ``draw(root, step=step, **options)`` in each of ``LAYOUTS`` (in their order of
    preference), and the DOT sources whose widths decide: the same, or for a step frame the whole
    pass in each layout (so every frame of one pass gets the same layout).
    """
    shown = tuple(draw(root, step=step, layout=layout, **options).source for layout in LAYOUTS)
    if step is None:
        return shown, shown
    whole = step.whole_pass()
    return shown, tuple(draw(root, step=whole, layout=layout, **options).source for layout in LAYOUTS)


def path(source: Node, target: Node) -> tuple[Node, ...]:
    """The nodes on every path from ``source`` to ``target``, both included, in topological order."""
    order = topological_order(target)
    if source not in set(order):
        raise ValueError(f"path: {source!r} is not an input of {target!r}")
    on_path = {source}
    for node in order:
        if any(parent in on_path for parent in node.parents):
            on_path.add(node)
    return tuple(node for node in order if node in on_path)


def _members(nodes: Iterable[Node], index: Mapping[Node, int], option: str) -> set[Node]:
    """``nodes`` as a set, each checked to be a node of the graph being drawn."""
    members = set()
    for node in nodes:
        if node not in index:
            raise ValueError(f"draw: {option} holds {node!r}, which is not a node of this graph")
        members.add(node)
    return members


def _name_cell(node: Node, name: str, root: Node) -> str:
    """The coloured first cell: a label in bold, a generated name (n1, n2, ...) in grey italics."""
    kind = "output" if node is root else "inner" if node.parents else "leaf"
    text = f"<b>{escape(name)}</b>" if node.label else f"<i>{_ink(name, MUTED)}</i>"
    return _td(text, fill=FILLS[kind])


def _grad_cell(node: Node, grads: Mapping, step: BackwardStep | None, sign_colors: bool) -> str:
    """The grad cell: the gradient (coloured by sign), "?" while unknown, "+ …" while partly known.

    In a step frame the cell is as wide as the node's widest gradient text over the whole pass,
    so boxes keep their size and place from frame to frame.
    """
    fill, width = "", ""
    if step is not None:
        fill = JUST_COMPUTED if node in step.updated else ""
        if isinstance(step.grads, KnownGradients):
            width = _grad_width(step.grads.values_of(node))
    if node not in grads:
        return _td(_captioned("grad", _ink("?", MUTED)), fill, width)
    grad = grads[node]
    signed = sign_colors and not is_array(grad) and grad != 0
    value = _ink(describe(grad), (POSITIVE if grad > 0 else NEGATIVE) if signed else INK)
    if step is not None and node in step.partial:
        value += "&#160;" + _ink("+ …", MUTED)
    return _td(_captioned("grad", value), fill, width)


def _grad_width(values: tuple[float, ...]) -> str:
    """Points enough for "grad v" for each of ``values`` (and "+ …" while a node waits for more shares)."""
    widest = max((len(describe(value)) for value in values), default=1)
    points = CAPTION_WIDTH + CHARACTER_WIDTH * widest + (PARTIAL_WIDTH if len(values) > 1 else 0.0)
    return f"{points:.0f}"


def _captioned(caption: str, value_html: str) -> str:
    """A cell's text "caption value", the caption small and grey; the value must be in a <font>."""
    return f'<font point-size="{SMALLEST_TEXT_PT}" color="{MUTED}">{caption}</font>&#160;{value_html}'


def _ink(text: str, color: str = INK) -> str:
    """``text``, escaped, in ``color``."""
    return f'<font color="{color}">{escape(text)}</font>'


def _td(text_html: str, fill: str = "", width: str = "") -> str:
    """One cell of a box, with an optional background colour and minimum width (points)."""
    attributes = (f' bgcolor="{fill}"' if fill else "") + (f' width="{width}"' if width else "")
    return f"<td{attributes}>{text_html}</td>"


def _table(cells: list[str], folded: bool, lit: bool) -> str:
    """An HTML-like label: the cells side by side in a row, or ``folded`` one under another; orange if lit."""
    rows = [f"<tr>{cell}</tr>" for cell in cells] if folded else [f"<tr>{''.join(cells)}</tr>"]
    color = HIGHLIGHT if lit else INK
    table = f'<table border="0" cellborder="1" cellspacing="0" cellpadding="4" color="{color}">'
    return f"<{table}{''.join(rows)}</table>>"
