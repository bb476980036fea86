"""autograd.figures.tensors: arrays of rank 0 to 3 drawn as a box, a row, a grid, a stack of grids.

Oracle: where each entry must be drawn, worked out by hand from its index (row 0 on top,
column 0 on the left, a[0] of a stack in front), and the titles numpy's own ndim and shape give.
"""

from __future__ import annotations

import numpy as np
import pytest

from autograd.figures.tensors import DEPTH, ranks_figure


def cells(ax) -> dict[str, tuple[float, float]]:
    """gid -> lower-left corner of every square drawn in the axes."""
    return {patch.get_gid(): patch.get_xy() for patch in ax.patches}


def entries(ax) -> dict[str, str]:
    """gid -> text of every entry written in the axes."""
    return {text.get_gid(): text.get_text() for text in ax.texts}


def test_one_panel_per_array_titled_with_its_rank_name_and_shape():
    figure = ranks_figure([5.0, [1, 2], np.ones((2, 3)), np.zeros((2, 2, 2))])
    titles = [ax.get_title() for ax in figure.axes]
    assert titles == [
        "rank 0: scalar\nshape ()",
        "rank 1: vector\nshape (2,)",
        "rank 2: matrix\nshape (2, 3)",
        "rank 3: stack of matrices\nshape (2, 2, 2)",
    ]


def test_a_scalar_is_one_box_and_a_vector_a_row():
    scalar, vector = ranks_figure([np.array(7.5), np.array([1.0, -2.0, 3.0])]).axes
    assert entries(scalar) == {"entry ()": "7.5"}
    assert len(scalar.patches) == 1
    corners = cells(vector)
    assert len({y for _, y in corners.values()}) == 1  # one row
    assert [corners[f"cell ({j},)"][0] for j in range(3)] == [0.0, 1.0, 2.0]
    assert entries(vector) == {"entry (0,)": "1", "entry (1,)": "-2", "entry (2,)": "3"}


def test_a_matrix_has_row_0_on_top_and_column_0_on_the_left():
    [ax] = ranks_figure([np.array([[1, 2, 3], [4, 5, 6]])]).axes
    corners = cells(ax)
    assert len(corners) == 6
    top, bottom = corners["cell (0, 0)"][1], corners["cell (1, 0)"][1]
    assert top == bottom + 1.0
    assert corners["cell (0, 2)"] == (corners["cell (0, 0)"][0] + 2.0, top)
    assert entries(ax)["entry (1, 2)"] == "6"


def test_a_stack_shows_every_square_and_the_entries_of_the_front_grid():
    [ax] = ranks_figure([np.arange(12).reshape(2, 2, 3)]).axes
    corners = cells(ax)
    assert len(corners) == 12
    front, back = corners["cell (0, 0, 0)"], corners["cell (1, 0, 0)"]
    assert back == pytest.approx((front[0] + DEPTH, front[1] + DEPTH))  # behind: up and to the right
    assert entries(ax) == {f"entry (0, {i}, {j})": str(3 * i + j) for i in range(2) for j in range(3)}
    # the grid behind is drawn first, so the front one covers it
    order = [patch.get_gid() for patch in ax.patches]
    assert order.index("cell (1, 0, 0)") < order.index("cell (0, 0, 0)")


def test_entries_are_written_as_the_graph_pictures_write_numbers():
    [ax] = ranks_figure([np.array([1 / 3, 12345.0, -0.0])]).axes
    assert list(entries(ax).values()) == ["0.3333", "1.234e+04", "0"]


@pytest.mark.parametrize(
    ("arrays", "error", "message"),
    [
        ([np.zeros((2, 2, 2, 2))], ValueError, r"ranks 0 to 3, got rank 4 \(shape \(2, 2, 2, 2\)\)"),
        ([np.zeros((0, 3))], ValueError, r"got shape \(0, 3\)"),
        ([np.zeros(7)], ValueError, r"1 to 6 entries along each axis, got shape \(7,\)"),
        ([np.array(["a"])], TypeError, "arrays of numbers, got dtype <U1"),
        ([], ValueError, "expected a list of arrays, got list"),
        (np.zeros(3), ValueError, "expected a list of arrays, got ndarray"),
    ],
)
def test_what_cannot_be_drawn_is_refused_with_a_message(arrays, error, message):
    with pytest.raises(error, match=message):
        ranks_figure(arrays)
