"""The browser harness on a notebook made here, independent of the course's widgets.

Cell 0: a FloatSlider `a` and a reset Button redraw an inline SVG (an ipywidgets.HTML) showing
a and a*a, minus signs written as &#45; the way Graphviz writes them. Cell 1: a Value
computation printed. Cell 2: an SVG output, which JupyterLab shows as a data: image.
Expected numbers are worked out by hand in each test.
"""

from __future__ import annotations

import sys
import urllib.error
import urllib.request

import labpage as lab
import pytest

WIDGET_CELL = """\
import ipywidgets as w
from autograd import Value

s = w.FloatSlider(value=1.0, min=-5, max=5, step=0.5, description="a")
reset = w.Button(description="reset")
out = w.HTML()

def show(number):
    return f"{number:.2f}".replace("-", "&#45;")

def draw(change=None):
    a = Value(s.value)
    out.value = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="44">'
        f'<text x="4" y="18">a = {show(a.data)}</text>'
        f'<text x="4" y="38">a*a = {show((a * a).data)}</text></svg>'
    )

s.observe(draw, names="value")
reset.on_click(lambda button: setattr(s, "value", 1.0))
draw()
w.VBox([s, reset, out])
"""
VALUE_CELL = """\
import sys
x = Value(3.0)
y = x * x + 2 * x
y.backward()
print(f"y = {y.data}, dy/dx = {x.grad}")
print(sys.prefix)
"""
SVG_CELL = """\
from IPython.display import SVG
SVG('<svg xmlns="http://www.w3.org/2000/svg" width="80" height="24">'
    '<text x="4" y="18">b = &#45;3</text></svg>')
"""


def picture(a: float) -> list[str]:
    """The cell-0 picture for slider value `a`, as svg_texts reads it."""
    return [f"a = {a:.2f}\na*a = {a * a:.2f}"]


def test_server_requires_the_token_and_has_news_and_autosave_off(jupyter_server) -> None:
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(jupyter_server.url + "/api/status", timeout=30)
    assert refused.value.code == 403
    notification = jupyter_server.api("GET", "/lab/api/settings/@jupyterlab/apputils-extension:notification")
    docmanager = jupyter_server.api("GET", "/lab/api/settings/@jupyterlab/docmanager-extension:plugin")
    assert notification["settings"]["fetchNews"] == "false"
    assert docmanager["settings"]["autosave"] is False


def test_run_all_then_keyboard_drag_and_button_redraw_the_picture(page, jupyter_server) -> None:
    name = lab.write_notebook(jupyter_server.root, "harness.ipynb", [WIDGET_CELL, VALUE_CELL, SVG_CELL])
    saved = (jupyter_server.root / name).read_bytes()
    lab.open_notebook(page, name)
    lab.run_all_cells(page)
    assert lab.cell_errors(page) == []
    # y = x^2 + 2x at x = 3: y = 15, dy/dx = 2x + 2 = 8; the kernel is this venv's Python.
    assert lab.output_text(page, 1).splitlines() == ["y = 15.0, dy/dx = 8.0", sys.prefix]
    assert lab.svg_texts(page, 2) == ["b = -3"]

    def shows(a: float, after: str) -> None:
        lab.wait_for(lambda: lab.svg_texts(page, 0), lambda seen: seen == picture(a), f"a = {a}, {after}")

    shows(1.0, "Run All")
    lab.screenshot(page, "harness-after-run-all")

    a = lab.slider(page, "a")
    assert lab.move_slider_keyboard(page, a, 3) == 2.5  # 1.0 + 3 steps of 0.5
    shows(2.5, "3 x ArrowRight")
    assert lab.slider_readout(a) == "2.50"
    assert lab.move_slider_keyboard(page, a, 9, "ArrowLeft") == -2.0  # 2.5 - 9 * 0.5
    shows(-2.0, "9 x ArrowLeft")
    assert lab.slider_readout(a) == "\N{MINUS SIGN}2.00"

    assert lab.drag_slider(page, a, 0.9) == 4.0  # -5 + 0.9 * (5 - -5)
    shows(4.0, "the drag")
    lab.screenshot(page, "harness-after-drag")

    lab.click_button(page, "reset")
    shows(1.0, "reset")
    assert lab.cell_errors(page) == []
    assert (jupyter_server.root / name).read_bytes() == saved, "the served notebook was rewritten"


def test_cell_errors_reports_a_traceback_and_run_all_stops_there(page, jupyter_server) -> None:
    name = lab.write_notebook(jupyter_server.root, "broken.ipynb", ["x = 1", "1 / 0", "print('never')"])
    lab.open_notebook(page, name)
    lab.run_all_cells(page)
    errors = lab.cell_errors(page)
    assert len(errors) == 1 and errors[0].startswith("cell 1: ")
    assert "ZeroDivisionError" in errors[0]
    assert lab.output_text(page, 2) == ""
