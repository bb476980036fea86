"""`autograd.widgets.explore` and `step_through` in JupyterLab, used as a learner would:
keyboard, mouse, checkbox, Play button.

The graph picture of L = (a*b + c)*f draws one box per node, in topological order
(a, b, a*b, c, a*b + c, f, L): its name, "data" and the value, "grad" and dL/d(node).
Expected boxes are worked out by hand from the formula by the chain rule, numbers written
with 4 significant digits (2.0 -> "2", -6.75 -> "-6.75").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import labpage as lab

if TYPE_CHECKING:
    from playwright.sync_api import Page

EXPLORE_CELL = """\
from autograd.widgets import explore
explore("(a*b + c)*f", a=2, b=-3, c=10, f=-2)
"""
STEP_THROUGH_CELL = """\
from autograd.widgets import step_through
step_through("(a*b + c)*f", a=2, b=-3, c=10, f=-2)
"""


def by_hand(a: float, b: float, c: float, f: float) -> list[tuple[str, ...]]:
    """(value, dL/dnode) of a, b, a*b, c, a*b + c, f, L for L = (a*b + c)*f, as the picture writes them."""
    ab = a * b
    e = ab + c
    nodes = [(a, f * b), (b, f * a), (ab, f), (c, f), (e, f), (f, e), (e * f, 1.0)]
    return [(lab.shown(x), lab.shown(dx)) for x, dx in nodes]


def numbers(page: Page) -> list[list[tuple[str, ...]]]:
    """For each picture of cell 0, the numbers of its boxes in order."""
    return [[box_numbers for _, box_numbers in lab.boxes(picture)] for picture in lab.svg_texts(page, 0)]


def test_explore_redraws_values_and_gradients_after_keys_drag_and_checkbox(page, jupyter_server) -> None:
    name = lab.write_notebook(jupyter_server.root, "explore.ipynb", [EXPLORE_CELL])
    lab.open_notebook(page, name)
    lab.run_all_cells(page)
    assert lab.cell_errors(page) == []

    def shows(expected: list[tuple[str, ...]], what: str) -> list[tuple[str, ...]]:
        return lab.wait_for(lambda: numbers(page), lambda pictures: pictures == [expected], what)[0]

    start = [("2", "6"), ("-3", "-4"), ("-6", "-2"), ("10", "-2"), ("4", "-2"), ("-2", "4"), ("-8", "1")]
    assert by_hand(2, -3, 10, -2) == start
    shows(start, "the first picture")
    names = [box_name for box_name, _ in lab.boxes(lab.svg_texts(page, 0)[0])]
    assert [names[i] for i in (0, 1, 3, 5, 6)] == ["a", "b", "c", "f", "L"]
    lab.screenshot(page, "explore-after-run-all")

    a = lab.slider(page, "a")
    assert lab.move_slider_keyboard(page, a, 5, "PageUp") == 2.25  # a page is 5 steps of 0.01
    after_keys = shows(by_hand(2.25, -3, 10, -2), "a = 2.25")
    assert after_keys[1] == ("-3", "-4.5") and after_keys[6] == ("-6.5", "1")  # b: dL/db = f*a; L
    assert lab.slider_readout(a) == "2.25"

    dragged = lab.drag_slider(page, a, 0.2)  # about -5 + 0.2 * 10 = -3, to a pixel's worth of steps
    assert abs(dragged - -3.0) < 0.2
    shows(by_hand(dragged, -3, 10, -2), f"a = {dragged}")
    assert lab.slider_readout(a) == f"{dragged:.2f}".replace("-", "\N{MINUS SIGN}")
    lab.screenshot(page, "explore-after-drag")

    page.locator(".jp-OutputArea").get_by_label("show gradients").uncheck()
    shows([(value,) for value, _ in by_hand(dragged, -3, 10, -2)], "the picture without gradients")
    assert lab.cell_errors(page) == []


def test_step_through_by_keys_and_play_fills_gradients_from_L_backwards(page, jupyter_server) -> None:
    name = lab.write_notebook(jupyter_server.root, "step_through.ipynb", [STEP_THROUGH_CELL])
    lab.open_notebook(page, name)
    lab.run_all_cells(page)
    assert lab.cell_errors(page) == []
    caption = page.locator(".jp-OutputArea .widget-html", has_text=re.compile(r"^step \d+ of \d+"))

    def frame() -> tuple[str, list[list[tuple[str, ...]]]]:
        return caption.inner_text().split(":")[0], numbers(page)

    full = by_hand(2, -3, 10, -2)
    # Boxes in order a, b, a*b, c, a*b + c, f, L. Step 1 sets dL/dL = 1; each later step passes
    # the gradient of one node to its parents: L to (a*b + c, f), then to (a*b, c), then to (a, b).
    known_after = [set(), {6}, {6, 4, 5}, {6, 4, 5, 2, 3}, set(range(7))]

    def expected(k: int) -> tuple[str, list[list[tuple[str, ...]]]]:
        boxes_k = [full[i] if i in known_after[k] else (full[i][0], "?") for i in range(7)]
        return f"step {k} of 4", [boxes_k]

    lab.wait_for(frame, lambda seen: seen == expected(0), "step 0: values, no gradient")
    step = lab.slider(page, "step")
    assert lab.move_slider_keyboard(page, step, 1, "End") == 4
    lab.wait_for(frame, lambda seen: seen == expected(4), "step 4 after End")
    lab.screenshot(page, "step-through-last-step")
    assert lab.move_slider_keyboard(page, step, 1, "Home") == 0
    lab.wait_for(frame, lambda seen: seen == expected(0), "step 0 after Home")

    lab.press_play(page)
    for k in range(1, 5):
        lab.wait_for(frame, lambda seen, k=k: seen == expected(k), f"step {k} while playing")
    assert lab.cell_errors(page) == []
