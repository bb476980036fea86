"""Pictures of tensors: an array of rank 0, 1, 2 or 3 drawn as a box, a row, a grid or a stack of grids.

The *rank* of an array is its number of axes (numpy's ``ndim``), its *shape* the length of
each axis. ``ranks_figure(arrays)`` draws small arrays side by side, one square per entry,
entry ``a[i, j]`` in row ``i``, column ``j``; a rank-3 array ``a`` of shape (k, m, n) is k
grids of m x n, ``a[0]`` in front and ``a[1], a[2], ...`` behind it. Above each drawing:
its rank, its name and its shape.

The front grid is filled as the pictures of graphs fill leaves, the grids behind it as inner nodes.

Figures are ``matplotlib.figure.Figure`` objects made without pyplot; entries are written as
the pictures of graphs write numbers (``viz.format_number``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from autograd.language import N_, _
from autograd.palette import FILLS, INK
from autograd.viz import format_number

NAMES = {0: N_("scalar"), 1: N_("vector"), 2: N_("matrix"), 3: N_("stack of matrices")}
MAX_LENGTH = 6  # entries along one axis: more would not be readable
DEPTH = 0.35  # how far (in cells) each grid of a stack sits up and right of the one in front of it
CELL_INCHES = 0.42
PAD = 0.15  # cells of blank around each drawing
MIN_WIDTH = 5.2  # cells: room for the title above a small drawing
TITLE_INCHES = 0.7


def ranks_figure(arrays: Sequence[np.ndarray | float]) -> Figure:
    """Each array drawn as its shape: a box (rank 0), a row (1), a grid (2), a stack of grids (3)."""
    if isinstance(arrays, np.ndarray) or not isinstance(arrays, Sequence) or not arrays:
        raise ValueError(f"ranks_figure: expected a list of arrays, got {type(arrays).__name__}: {arrays!r}")
    arrays = [np.asarray(a) for a in arrays]
    stacks = [_as_stack(a) for a in arrays]
    sizes = [_extent(stack) for stack in stacks]
    height = max(h for _, h in sizes)
    widths = [max(w + 2 * PAD, MIN_WIDTH) for w, _ in sizes]
    inches = CELL_INCHES * (height + 2 * PAD) + TITLE_INCHES
    figure = Figure(figsize=(CELL_INCHES * sum(widths), inches))
    figure.subplots_adjust(left=0.0, right=1.0, bottom=0.02, top=1.0 - TITLE_INCHES / inches, wspace=0.0)
    panels = figure.subplots(1, len(stacks), width_ratios=widths, squeeze=False)[0]
    for ax, array, stack, width, (w, h) in zip(panels, arrays, stacks, widths, sizes):
        _draw_stack(ax, stack, array.ndim, lift=(height - h) / 2)
        ax.set_xlim((w - width) / 2, (w + width) / 2)  # the drawing in the middle of its panel
        ax.set_ylim(-PAD, height + PAD)
        ax.set_aspect("equal")
        ax.axis("off")
        title = _("rank {rank}: {name}\nshape {shape}").format(rank=array.ndim, name=_(NAMES[array.ndim]),
                                                               shape=array.shape)
        ax.set_title(title, fontsize=11, color=INK)
    return figure


def _as_stack(array: np.ndarray) -> np.ndarray:
    """``array`` as a rank-3 stack of grids (k, m, n): a scalar is 1 x 1 x 1, a vector 1 x 1 x n."""
    if array.dtype.kind not in "iuf":
        raise TypeError(f"ranks_figure: draws arrays of numbers, got dtype {array.dtype}")
    if array.ndim > 3:
        raise ValueError(f"ranks_figure: draws ranks 0 to 3, got rank {array.ndim} (shape {array.shape})")
    if array.size == 0 or max(array.shape, default=1) > MAX_LENGTH:
        raise ValueError(f"ranks_figure: draws arrays of 1 to {MAX_LENGTH} entries along each axis, "
                         f"got shape {array.shape}")
    return array.reshape((1,) * (3 - array.ndim) + array.shape)


def _extent(stack: np.ndarray) -> tuple[float, float]:
    """Width and height of a drawn stack, in cells: the front grid plus the offsets of those behind."""
    depth, rows, columns = stack.shape
    return columns + DEPTH * (depth - 1), rows + DEPTH * (depth - 1)


def _draw_stack(ax, stack: np.ndarray, rank: int, lift: float) -> None:
    """The grids of ``stack`` from the back one to the front one; entries written on the front grid."""
    depth, rows, columns = stack.shape
    for layer in reversed(range(depth)):
        shift = DEPTH * layer
        for i in range(rows):
            for j in range(columns):
                x, y = j + shift, rows - 1 - i + shift + lift  # row 0 on top
                index = (layer, i, j)[3 - rank:]
                fill = FILLS["inner"] if layer > 0 else FILLS["leaf"]
                ax.add_patch(Rectangle((x, y), 1.0, 1.0, facecolor=fill, edgecolor=INK, linewidth=1.2,
                                       gid=f"cell {index}"))
                if layer == 0:
                    ax.text(x + 0.5, y + 0.5, format_number(stack[layer, i, j]), ha="center", va="center",
                            fontsize=10, color=INK, gid=f"entry {index}")
