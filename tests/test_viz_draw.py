"""draw() and path(): what each box, circle and edge of the DOT source says, and the SVG it renders to."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import graphviz
import pytest

from autograd import Value
from autograd.course.examples import notes_example
from autograd.engine.tensor import Tensor
from autograd.palette import HIGHLIGHT, JUST_COMPUTED, NEGATIVE, POSITIVE
from autograd.viz import backward_steps, draw, format_number, path

SVG_TEXT = "{http://www.w3.org/2000/svg}text"


def seed_graph(backward: bool = True) -> dict[str, Value]:
    """L = (a*b + c)*f with a=2, b=-3, c=10, f=-2 (e = a*b, d = e + c); ids v0..v6 follow this order."""
    nodes = notes_example()
    if backward:
        nodes["L"].backward()
    return nodes


IDS = {"a": "v0", "b": "v1", "e": "v2", "c": "v3", "d": "v4", "f": "v5", "L": "v6"}


def statements(picture: graphviz.Digraph) -> dict[str, str]:
    """Each node or edge statement of the DOT source, by its id ("v0", "op2", "v0 -> op2")."""
    found = {}
    for line in picture.source.splitlines():
        match = re.match(r"\t(\w+(?: -> \w+)?)(?: \[(.*)\])?$", line)
        if match:
            found[match[1]] = match[2] or ""
    return found


def lit(picture: graphviz.Digraph) -> set[str]:
    return {key for key, attributes in statements(picture).items() if HIGHLIGHT in attributes}


def svg_texts(picture: graphviz.Digraph) -> list[str]:
    """Every piece of text in the rendered SVG."""
    root = ET.fromstring(picture.pipe(format="svg", encoding="utf-8"))
    return [element.text for element in root.iter(SVG_TEXT)]


def grad_text(statement: str) -> str | None:
    """The text after the "grad" caption of a box, tags removed; None if the box has no grad cell."""
    match = re.search(r"grad</font>&#160;(.*?)</td>", statement)
    return None if match is None else html.unescape(re.sub(r"<[^>]*>", "", match[1])).replace("\xa0", " ")


def test_boxes_show_label_data_and_grad():
    n = seed_graph()
    found = statements(draw(n["L"]))
    for name, expected_data, expected_grad in [
        ("a", "2", "6"),
        ("b", "-3", "-4"),
        ("e", "-6", "-2"),
        ("c", "10", "-2"),
        ("d", "4", "-2"),
        ("f", "-2", "4"),
        ("L", "-8", "1"),
    ]:
        box = found[IDS[name]]
        assert f"<b>{name}</b>" in box
        assert f'data</font>&#160;<font color="#333333">{expected_data}</font>' in box
        assert grad_text(box) == expected_grad


def test_ops_are_circles_between_operands_and_result():
    n = seed_graph()
    found = statements(draw(n["L"]))
    assert "label=<×>" in found["op2"] and "shape=circle" in found["op2"]
    assert "label=<+>" in found["op4"] and "label=<×>" in found["op6"]
    edges = {key for key in found if "->" in key}
    assert edges == {
        "v0 -> op2",
        "v1 -> op2",
        "op2 -> v2",
        "v2 -> op4",
        "v3 -> op4",
        "op4 -> v4",
        "v4 -> op6",
        "v5 -> op6",
        "op6 -> v6",
    }
    assert "rankdir=LR" in draw(n["L"]).source


def test_leaves_intermediates_and_output_have_their_own_fill():
    n = seed_graph()
    found = statements(draw(n["L"]))
    fills = {name: re.search(r'<td bgcolor="(#\w+)">', found[IDS[name]])[1] for name in IDS}
    assert fills["a"] == fills["b"] == fills["c"] == fills["f"]
    assert fills["e"] == fills["d"]
    assert len({fills["a"], fills["e"], fills["L"]}) == 3


def test_constants_show_just_their_number():
    x = Value(1.5, "x")
    y = x * 2
    found = statements(draw(y))
    assert found["v1"].startswith("label=<2>") and "shape=box" in found["v1"]
    assert "data" not in found["v1"] and "grad" not in found["v1"]


def test_numbers_have_four_significant_digits_everywhere():
    assert [format_number(x) for x in (2.0, -6.25, 1 / 3, 12345.0, 0.1 + 0.2, -0.0, 1e-7, 2.5e-5)] == [
        "2",
        "-6.25",
        "0.3333",
        "1.234e+04",
        "0.3",
        "0",
        "1e-07",
        "2.5e-05",
    ]
    x = Value(1 / 3, "x")
    y = x * Value(12345.0, "k")
    y.backward()
    source = draw(y).source
    assert ">0.3333<" in source and ">1.234e+04<" in source and "0.33333" not in source


def test_hide_grads_draws_the_forward_pass_only():
    n = seed_graph()
    assert draw(n["L"]).source.count("grad</font>") == 7
    hidden = draw(n["L"], show_grads=False)
    assert "grad" not in hidden.source
    assert not any(text and "grad" in text for text in svg_texts(hidden))


def test_sign_colors():
    n = seed_graph()
    found = statements(draw(n["L"]))
    assert f'<font color="{POSITIVE}">6</font>' in found[IDS["a"]]
    assert f'<font color="{NEGATIVE}">-4</font>' in found[IDS["b"]]
    plain = draw(n["L"], sign_colors=False).source
    assert POSITIVE not in plain and NEGATIVE not in plain


def test_highlight_a_path_marks_its_nodes_ops_and_edges():
    n = seed_graph()
    on_path = path(n["a"], n["L"])
    assert on_path == (n["a"], n["e"], n["d"], n["L"])
    assert lit(draw(n["L"], highlight=on_path)) == {
        "v0",
        "v2",
        "v4",
        "v6",
        "op2",
        "op4",
        "op6",
        "v0 -> op2",
        "op2 -> v2",
        "v2 -> op4",
        "op4 -> v4",
        "v4 -> op6",
        "op6 -> v6",
    }


def test_highlight_single_nodes_marks_only_their_boxes():
    n = seed_graph()
    assert lit(draw(n["L"], highlight=[n["b"], n["d"]])) == {"v1", "v4"}
    assert lit(draw(n["L"])) == set()


def test_path_through_a_shared_node_takes_every_route():
    x = Value(2.0, "x")
    u = x * 3
    u.label = "u"
    v = x + 1
    v.label = "v"
    w = u * v
    w.label = "w"
    y = w + Value(5.0, "z")
    assert path(x, y) == (x, u, v, w, y)
    assert path(v, y) == (v, w, y)


def test_step_frame_shows_only_known_grads_and_the_flow_of_the_current_step():
    n = seed_graph(backward=False)
    frame = backward_steps(n["L"])[3]  # through d = e + c: dL/de and dL/dc are set
    picture = draw(n["L"], step=frame)
    found = statements(picture)
    assert {name: grad_text(found[IDS[name]]) for name in IDS} == {
        "a": "?",
        "b": "?",
        "e": "-2",
        "c": "-2",
        "d": "-2",
        "f": "4",
        "L": "1",
    }
    assert lit(picture) == {"v4", "op4", "v2 -> op4", "v3 -> op4", "op4 -> v4"}
    assert {name for name in IDS if JUST_COMPUTED in found[IDS[name]]} == {"e", "c"}


def test_step_frames_keep_every_box_the_same_size():
    n = seed_graph(backward=False)
    frames = backward_steps(n["L"])
    widths = [re.findall(r'width="(\d+)"', draw(n["L"], step=frame).source) for frame in frames]
    assert all(w == widths[-1] for w in widths) and len(widths[-1]) == 7


def test_step_frame_marks_a_gradient_still_waiting_for_shares():
    x = Value(3.0, "x")
    y = x * x + x
    y.label = "y"
    frames = backward_steps(y)
    assert grad_text(statements(draw(y, step=frames[2]))["v0"]) == "1 + …"
    assert grad_text(statements(draw(y, step=frames[3]))["v0"]) == "7"


def test_labels_are_escaped():
    """A label with < > | { } " \\ & renders as written (the SVG holds the very text)."""
    label = 'a<b>|{c}"d\\e & f'
    x = Value(1.5, label)
    y = x * 2
    y.label = "y"
    texts = svg_texts(draw(y))
    assert label in texts
    assert "1.5" in texts and "×" in texts


def test_same_graph_same_dot_and_svg():
    n = seed_graph()
    assert draw(n["L"]).source == draw(n["L"]).source
    assert draw(n["L"]).pipe(format="svg") == draw(n["L"]).pipe(format="svg")


def test_equal_graphs_built_apart_give_the_same_dot():
    first, second = seed_graph(), seed_graph()
    assert draw(first["L"]).source == draw(second["L"]).source
    frames_1, frames_2 = backward_steps(first["L"]), backward_steps(second["L"])
    assert draw(first["L"], step=frames_1[2]).source == draw(second["L"], step=frames_2[2]).source
    assert (
        draw(first["L"], highlight=path(first["b"], first["L"])).source
        == draw(second["L"], highlight=path(second["b"], second["L"])).source
    )


def test_unlabelled_nodes_show_generated_names():
    x = Value(1.0, "x")
    y = (x * 2 + 1) ** 2
    found = statements(draw(y))
    names = [re.search(r"<i>.*?>(n\d)</font></i>", found[key])[1] for key in ("v2", "v4", "v5")]
    assert names == ["n1", "n2", "n3"]
    assert "label=<^2>" in found["op5"]


def test_tensor_boxes_show_shapes():
    x = Tensor([[1.0, 2.0], [3.0, 4.0]], label="x")
    W = Tensor([[1.0], [-1.0]], label="W")
    y = (x @ W).sum()
    y.label = "y"
    y.backward()
    found = statements(draw(y))
    assert "[2×2] 1, 2, 3, 4" in found["v0"] and "[2×1] 4, 6" in found["v1"]
    assert "label=<@>" in found["op2"]
    assert "[2×3] mean 2" in draw(Tensor([[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]], label="t")).source


def test_bad_input_is_refused_with_a_clear_error():
    n = seed_graph()
    stranger = Value(1.0, "stranger")
    with pytest.raises(TypeError, match="draw: expected a Value or a Tensor, got float"):
        draw(3.0)
    with pytest.raises(ValueError, match="highlight holds .*stranger.*not a node of this graph"):
        draw(n["L"], highlight=[stranger])
    with pytest.raises(ValueError, match="path: .*stranger.* is not an input of"):
        path(stranger, n["L"])
    other = stranger * 2
    with pytest.raises(ValueError, match="step.current holds"):
        draw(n["L"], step=backward_steps(other)[1])


def test_jupyter_shows_the_picture_as_svg():
    bundle = draw(seed_graph()["L"])._repr_mimebundle_()
    assert list(bundle) == ["image/svg+xml"]
    assert bundle["image/svg+xml"].lstrip().startswith("<?xml") and "<svg" in bundle["image/svg+xml"]


def test_jupyters_picture_shrinks_to_the_page_instead_of_being_cut_off():
    svg = draw(seed_graph()["L"])._repr_mimebundle_()["image/svg+xml"]
    root = svg[svg.index("<svg"):svg.index(">", svg.index("<svg"))]
    assert 'style="max-width: 100%; height: auto"' in root
    assert draw(seed_graph()["L"]).pipe(format="svg", encoding="utf-8") in svg.replace(
        ' style="max-width: 100%; height: auto"', "")
