"""Pictures fit a laptop's notebook page: at most MAX_WIDTH_PX wide, no text under MIN_TEXT_PX.

Oracle: the rendered SVG itself. Its width in points times 4/3 is its width in CSS px
(JupyterLab shows it at that size); a widget shrinks it to the page, so its text is
the font size times 4/3 times min(1, MAX_WIDTH_PX / width).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from autograd import Value
from autograd.course.examples import notes_example
from autograd.engine.tensor import Tensor
from autograd.viz import LAYOUTS, MAX_WIDTH_PX, backward_steps, choose_layout, draw, fit, path
from autograd.viz.fit import FOLDED, MIN_TEXT_PX, PX_PER_PT, SHRUNK, TALL, WIDE, Layout
from autograd.widgets import explore, graphs, step_through

SVG = "{http://www.w3.org/2000/svg}"


def on_screen(svg: str) -> tuple[float, float]:
    """(width, smallest text) in CSS px of ``svg`` shown inline on a page MAX_WIDTH_PX wide."""
    root = ET.fromstring(svg[svg.index("<svg") :])
    width = float(root.get("width").removesuffix("pt")) * PX_PER_PT
    transforms = " ".join(g.get("transform", "") for g in root.iter(f"{SVG}g"))
    scales = [float(scale) for scale in re.findall(r"scale\(([\d.]+)", transforms)]
    sizes = [float(text.get("font-size")) for text in root.iter(f"{SVG}text")]
    shrink = min(1.0, MAX_WIDTH_PX / width)
    return width, min(sizes) * PX_PER_PT * min(scales, default=1.0) * shrink


def rendered(picture) -> str:
    return picture.pipe(format="svg", encoding="utf-8")


def assert_fits(svg: str) -> None:
    width, text = on_screen(svg)
    assert width <= MAX_WIDTH_PX, f"{width:.0f} px wide"
    assert text >= MIN_TEXT_PX, f"smallest text {text:.1f} px"


def neuron_with_loss() -> Value:
    """Notebook 08's training step: out = tanh(w1*x1 + w2*x2 + b), loss = (out - 1)^2."""
    x1, x2 = Value(1.0, label="x1"), Value(-2.0, label="x2")
    w1, w2, b = Value(0.7207, label="w1"), Value(-0.1023, label="w2"), Value(0.2336, label="b")
    out = (w1 * x1 + w2 * x2 + b).tanh()
    out.label = "out"
    loss = (out - 1.0) ** 2
    loss.label = "loss"
    return loss


def tensor_layer() -> Tensor:
    """Notebook 07's layer on 4 points: L = sum(x @ W + b)."""
    x = Tensor([[0.5, -1.0], [1.5, 0.2], [-0.3, 0.8], [1.0, 1.0]], label="x")
    W = Tensor([[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]], label="W")
    b = Tensor([0.0, 0.5, -0.5], label="b")
    h = x @ W + b
    h.label = "h"
    L = h.sum()
    L.label = "L"
    return L


def two_neurons() -> Value:
    """A chain of two neurons and a loss: too long for any left-to-right picture."""
    x1 = Value(1.0, label="x1")
    w1, b1 = Value(0.5, label="w1"), Value(-0.25, label="b1")
    w2, b2 = Value(-1.5, label="w2"), Value(0.75, label="b2")
    h = (w1 * x1 + b1).tanh()
    h.label = "h"
    out = (w2 * h + b2).tanh()
    out.label = "out"
    loss = (out - 1.0) ** 2
    loss.label = "loss"
    return loss


def chosen(picture) -> Layout:
    """The layout a picture was drawn with, read off its DOT source."""
    folded = "</td></tr><tr>" in picture.source
    shrunk = re.search(r'\bsize="[\d.]+,', picture.source) is not None  # not point-size="10"
    return Layout(re.search(r"rankdir=(\w+)", picture.source)[1], folded, shrunk)


@pytest.mark.parametrize("build", [neuron_with_loss, tensor_layer])
@pytest.mark.parametrize("show_grads", [True, False])
def test_the_notebooks_widest_graphs_fit_the_page(build, show_grads):
    root = build()
    root.backward()
    assert_fits(rendered(draw(root, show_grads=show_grads)))


def test_every_frame_of_a_long_backward_pass_fits_and_keeps_one_layout():
    loss = neuron_with_loss()
    frames = backward_steps(loss)
    pictures = [draw(loss, step=frame) for frame in frames]
    assert len({chosen(picture) for picture in pictures}) == 1
    sizes = set()
    for picture in pictures:
        svg = rendered(picture)
        assert_fits(svg)
        sizes.add(re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups())
    assert len(sizes) == 1  # boxes keep their size and place from frame to frame


def test_the_stepper_widget_shows_every_frame_readable():
    stepper = step_through(neuron_with_loss())
    for k in range(len(stepper.frames)):
        stepper.slider.value = k
        assert_fits(stepper.picture.value)


def test_frames_are_laid_out_by_the_whole_pass():
    L = notes_example()["L"]
    frames = backward_steps(L)
    wholes = {draw(L, step=frame.whole_pass(), layout=WIDE).source for frame in frames}
    assert len(wholes) == 1
    assert "?" not in wholes.pop()  # every gradient of the pass is known in it
    assert {frame.whole_pass().number for frame in frames} == {len(frames) - 1}


def test_a_small_graph_still_draws_left_to_right_in_rows():
    L = seed_example()
    L.backward()
    picture = draw(L)
    assert chosen(picture) == WIDE
    assert "rankdir=LR" in picture.source
    assert_fits(rendered(picture))
    for frame in backward_steps(L):
        assert chosen(draw(L, step=frame)) == WIDE


def seed_example() -> Value:
    return notes_example()["L"]


EXAMPLES = [seed_example, neuron_with_loss, tensor_layer, two_neurons]


@pytest.mark.parametrize("build", EXAMPLES)
def test_the_layout_is_the_first_that_fits(build):
    """Fits: at most MAX_WIDTH_PX wide and no text under MIN_TEXT_PX, measured on each layout's SVG."""
    root = build()
    root.backward()
    sizes = [on_screen(rendered(draw(root, layout=candidate))) for candidate in LAYOUTS]
    first = next(i for i, (width, text) in enumerate(sizes) if width <= MAX_WIDTH_PX and text >= MIN_TEXT_PX)
    assert choose_layout(root) == LAYOUTS[first]
    assert chosen(draw(root)) == LAYOUTS[first]


def test_the_examples_take_every_layout():
    """So that the test above checks each step of the choice: rows, folded boxes, the same scaled
    down, top to bottom."""
    assert {choose_layout(build()) for build in EXAMPLES} == set(LAYOUTS)


def test_a_shrunk_picture_is_scaled_to_the_page_and_keeps_readable_text():
    loss = neuron_with_loss()
    loss.backward()
    folded, shrunk = rendered(draw(loss, layout=FOLDED)), rendered(draw(loss, layout=SHRUNK))
    folded_width, folded_text_in_a_widget = on_screen(folded)
    assert folded_width > MAX_WIDTH_PX
    folded_text = folded_text_in_a_widget * folded_width / MAX_WIDTH_PX  # at its own size
    width, text = on_screen(shrunk)
    assert width == pytest.approx(MAX_WIDTH_PX, abs=1.5)
    assert text == pytest.approx(folded_text * width / folded_width, rel=0.01) and text >= MIN_TEXT_PX


def test_when_nothing_fits_the_narrowest_at_its_own_size_is_taken(monkeypatch):
    """A shrunk picture always fits the width; with its text too small it counts at its own width."""
    sizes = {WIDE: (2000.0, 1.0), FOLDED: (1500.0, 1.0), SHRUNK: (675.0, 0.45), TALL: (1200.0, 1.0)}
    monkeypatch.setattr(fit, "svg_width_pt", lambda layout: sizes[layout][0])
    monkeypatch.setattr(fit, "svg_scale", lambda layout: sizes[layout][1])

    class Drawn:  # what fitting_layout asks of a picture: its SVG (here, the layout itself)
        def __init__(self, layout: Layout) -> None:
            self.layout = layout

        def pipe(self, **_: str) -> Layout:
            return self.layout

    assert fit.fitting_layout(Drawn) == TALL
    sizes[TALL] = (1600.0, 1.0)
    assert fit.fitting_layout(Drawn) == FOLDED  # 1500 at its own size, shrunk or not


def test_a_lit_box_takes_the_same_room_as_an_unlit_one():
    for layout in LAYOUTS:
        n = notes_example()
        plain = rendered(draw(n["L"], layout=layout))
        lit = rendered(draw(n["L"], highlight=path(n["a"], n["L"]), layout=layout))
        size = r'<svg width="[\d.]+pt" height="[\d.]+pt"'
        assert re.search(size, plain)[0] == re.search(size, lit)[0]


def test_folded_boxes_stack_name_data_and_grad():
    L = notes_example()["L"]
    L.backward()
    box = re.search(r"\tv0 \[label=<(.*)> ", draw(L, layout=FOLDED).source)[1]
    assert re.findall(r"<tr>", box) == ["<tr>"] * 3
    assert box.index("<b>a</b>") < box.index("data</font>") < box.index("grad</font>")


def test_the_explorer_keeps_its_layout_while_the_sliders_move(monkeypatch):
    calls = []
    real = graphs.viz.choose_layout

    def counting(root, **options):
        calls.append(options)
        return real(root, **options)

    monkeypatch.setattr(graphs.viz, "choose_layout", counting)
    explorer = explore("tanh(w1*x1 + w2*x2 + b)", w1=0.5, x1=1, w2=-0.25, x2=2, b=0.5)
    for value in (0.123456, -4.5, 3):
        explorer.sliders["w1"].value = value
    explorer.show_grads.value = False
    explorer.sliders["b"].value = -1.25
    explorer.show_grads.value = True
    assert calls == [{"show_grads": True}, {"show_grads": False}]
    assert_fits(explorer.picture.value)
