"""Pictures where no DOT program can run: the browser draws the same DOT (autograd.viz.browser).

The route is forced with AUTOGRAD_DOT=browser (or found by itself: Pyodide, no program). The oracle
for what the browser gets is the static route: ``draw(root, layout=...)`` renders, for each layout,
the very DOT source the browser must be given, in the order of ``LAYOUTS``; the layout the static
route chooses is one of them. The browser's own rendering is tested in tests/browser/test_viz_js.py.
"""

from __future__ import annotations

import re
import sys
import sysconfig
import warnings
from pathlib import Path

import ipywidgets
import pytest

from autograd.course.examples import notes_example
from autograd.language import speaking
from autograd.viz import (
    LAYOUTS,
    backward_steps,
    binary,
    choose_layout,
    draw,
    draws_in_browser,
    format_number,
    layout_candidates,
)
from autograd.viz import fit as fit_module
from autograd.viz.browser import BrowserPicture
from autograd.viz.picture import shrink_to_fit
from autograd.widgets import explore, step_through

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def clear_caches() -> None:
    binary._find_program.cache_clear()
    binary._draws_in_browser.cache_clear()


@pytest.fixture(autouse=True)
def fresh_lookup():
    clear_caches()
    yield
    clear_caches()


@pytest.fixture
def in_browser(monkeypatch):
    monkeypatch.setenv("AUTOGRAD_DOT", "browser")
    assert draws_in_browser()


@pytest.fixture
def with_dot(monkeypatch):
    monkeypatch.delenv("AUTOGRAD_DOT", raising=False)
    assert not draws_in_browser()


def seed_L():
    nodes = notes_example()
    nodes["L"].backward()
    return nodes["L"]


def static_sources(root, **options) -> tuple[str, ...]:
    """What the static route renders for each layout, in LAYOUTS order (needs no program: DOT only)."""
    return tuple(draw(root, layout=layout, **options).source for layout in LAYOUTS)


def shown_widget(picture) -> BrowserPicture:
    """The BrowserPicture that Jupyter would display for ``picture``."""
    data, _metadata = picture._repr_mimebundle_()
    assert set(data) == {"text/plain", WIDGET_MIME}
    with warnings.catch_warnings():  # Widget.widgets: deprecated, and the only public registry of models
        warnings.simplefilter("ignore", DeprecationWarning)
        widget = ipywidgets.Widget.widgets[data[WIDGET_MIME]["model_id"]]
    assert isinstance(widget, BrowserPicture)
    assert data["text/plain"] == "<picture of a computation graph>"
    return widget


# --- where pictures are drawn ------------------------------------------------------------------


def test_with_graphviz_pure_pictures_are_rendered_here(monkeypatch):
    monkeypatch.delenv("AUTOGRAD_DOT", raising=False)
    assert not draws_in_browser()


def test_autograd_dot_browser_asks_for_the_browser(monkeypatch):
    monkeypatch.setenv("AUTOGRAD_DOT", "browser")
    assert draws_in_browser()
    with pytest.raises(binary.DotProgramNotFound, match="AUTOGRAD_DOT=browser"):
        binary.dot_program()


def test_an_autograd_dot_that_cannot_be_found_means_the_browser(monkeypatch):
    monkeypatch.setenv("AUTOGRAD_DOT", "no-such-graphviz-program")
    assert draws_in_browser()


def test_without_graphviz_pure_pictures_go_to_the_browser(tmp_path, monkeypatch):
    monkeypatch.delenv("AUTOGRAD_DOT", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(sysconfig, "get_path", lambda *args, **kwargs: str(tmp_path))
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    assert draws_in_browser()


def test_pyodide_goes_to_the_browser_and_its_user_scheme_does_not_crash_the_lookup(monkeypatch):
    monkeypatch.delenv("AUTOGRAD_DOT", raising=False)
    monkeypatch.setattr(sys, "platform", "emscripten")

    def pyodide_scheme(key: str) -> str:
        raise ValueError("'user' returned 'posix_user', which is not a valid scheme on this platform")

    monkeypatch.setattr(sysconfig, "get_preferred_scheme", pyodide_scheme)
    assert draws_in_browser()
    assert binary.graphviz_pure().name == "graphviz-pure"  # still found here: the venv's scripts


def test_the_choice_is_made_once_per_setting(monkeypatch):
    monkeypatch.setenv("AUTOGRAD_DOT", "browser")
    assert draws_in_browser()
    monkeypatch.setattr(binary, "_find_program", lambda chosen: pytest.fail("looked up again"))
    assert draws_in_browser()


# --- draw() ------------------------------------------------------------------------------------


def test_draw_gives_the_browser_every_layout_the_static_route_would_render_in_fit_order(in_browser):
    L = seed_L()
    picture = draw(L)
    expected = static_sources(L)
    assert [re.search(r"rankdir=(\w+)", dot)[1] for dot in expected] == ["LR", "LR", "LR", "TB"]
    assert picture.candidates == expected
    assert picture.measured == expected
    assert picture.source == expected[0]
    widget = shown_widget(picture)
    assert tuple(widget.dots) == expected and tuple(widget.measured) == expected
    for name, value in [("a", 2), ("b", -3), ("c", 10), ("f", -2), ("L", -8)]:
        assert f"<b>{name}</b>" in expected[0]
        assert f">{format_number(value)}</font>" in expected[0]


def test_the_layout_the_static_route_chooses_is_among_the_browsers(in_browser, monkeypatch):
    L = seed_L()
    candidates = draw(L, show_grads=False).candidates
    monkeypatch.delenv("AUTOGRAD_DOT")
    clear_caches()
    static = draw(L, show_grads=False)
    assert static.candidates == ()
    assert candidates[LAYOUTS.index(choose_layout(L, show_grads=False))] == static.source
    assert candidates == static_sources(L, show_grads=False)


def test_a_step_frame_is_measured_as_its_whole_pass(in_browser):
    L = seed_L()
    frames = backward_steps(L)
    picture = draw(L, step=frames[2])
    assert picture.candidates == static_sources(L, step=frames[2])
    assert picture.measured == static_sources(L, step=frames[2].whole_pass())
    assert picture.measured == draw(L, step=frames[0]).measured
    assert picture.candidates != picture.measured  # frame 2 still has unknown gradients: "?"
    assert ">?</font>" in picture.candidates[0] and ">?</font>" not in picture.measured[0]


def test_an_explicit_layout_is_the_only_candidate(in_browser):
    L = seed_L()
    picture = draw(L, layout=LAYOUTS[2])
    assert picture.candidates == ()
    assert shown_widget(picture).dots == [picture.source]


def test_with_a_program_draw_is_unchanged(with_dot):
    L = seed_L()
    picture = draw(L)
    assert picture.candidates == () and picture.measured == ()
    data = picture._repr_mimebundle_()
    assert set(data) == {"image/svg+xml"}
    assert data["image/svg+xml"] == shrink_to_fit(picture.pipe(format="svg", encoding="utf-8"))
    assert picture.source == draw(L, layout=choose_layout(L)).source


def test_the_widget_reads_its_budget_from_fit_and_its_script_restates_none(in_browser):
    widget = BrowserPicture()
    assert (widget.max_width_px, widget.min_text_px, widget.px_per_pt, widget.min_scale) == (
        fit_module.MAX_WIDTH_PX, fit_module.MIN_TEXT_PX, fit_module.PX_PER_PT, fit_module.MIN_SCALE)
    script = (Path(binary.__file__).parent / "browser.js").read_text(encoding="utf-8")
    assert widget._esm == script
    for number in (str(fit_module.MAX_WIDTH_PX), str(fit_module.MIN_TEXT_PX), f"{fit_module.MIN_SCALE:g}"):
        assert not re.search(rf"\b{number}\b", script), f"browser.js restates {number}"
    assert set(widget.messages) == {"no_viz", "failed"}
    assert all("{error}" in message for message in widget.messages.values())


def test_the_error_messages_are_translated(in_browser):
    with speaking("fr"):
        french = BrowserPicture().messages
    english = BrowserPicture().messages
    assert english["failed"].startswith("The picture cannot be drawn")
    for key in english:
        assert french[key] != english[key] and "{error}" in french[key]


# --- widgets ------------------------------------------------------------------------------------


def test_explore_updates_the_browsers_dot_as_the_sliders_move(in_browser):
    explorer = explore("(a*b + c)*f", a=2, b=-3, c=10, f=-2)
    assert isinstance(explorer.picture, BrowserPicture)
    first = list(explorer.picture.dots)
    assert first == list(layout_candidates(explorer.root, show_grads=True)[0])
    assert explorer.picture.keep_key == "show_grads=True"
    assert ">-6</font>" in first[0]  # a*b
    explorer.sliders["a"].value = 2.5
    moved = explorer.picture.dots
    assert moved != first and len(moved) == len(LAYOUTS)
    assert ">-7.5</font>" in moved[0] and ">2.5</font>" in moved[0]  # a*b, a
    assert ">-5</font>" in moved[0]  # L = (a*b + c)*f = 2.5 * -2
    assert explorer.picture.measured == moved
    explorer.show_grads.value = False
    assert explorer.picture.keep_key == "show_grads=False"
    assert "grad" not in explorer.picture.dots[0]


def test_explore_greys_the_browsers_picture_out_of_the_domain(in_browser):
    explorer = explore("log(x)", x=2)
    kept = list(explorer.picture.dots)
    explorer.sliders["x"].value = -1
    assert explorer.picture.faded and explorer.picture.dots == kept
    assert "greyed" in explorer.message.value
    explorer.sliders["x"].value = 3
    assert not explorer.picture.faded and explorer.message.value == ""


def test_step_through_updates_the_browsers_dot_per_frame(in_browser):
    stepper = step_through("(a*b + c)*f", a=2, b=-3, c=10, f=-2)
    assert isinstance(stepper.picture, BrowserPicture)
    unknown = []
    for k, frame in enumerate(stepper.frames):
        stepper.slider.value = k
        dots, measured = layout_candidates(stepper.root, step=frame)
        assert stepper.picture.dots == list(dots)
        assert stepper.picture.measured == list(measured)
        unknown.append(stepper.picture.dots[0].count(">?</font>"))
    assert unknown == sorted(unknown, reverse=True) and unknown[0] == 7 and unknown[-1] == 0


def test_with_a_program_the_widgets_show_svg(with_dot):
    explorer = explore("(a*b + c)*f", a=2, b=-3, c=10, f=-2)
    stepper = step_through("(a*b + c)*f", a=2, b=-3, c=10, f=-2)
    for widget in (explorer, stepper):
        assert type(widget.picture) is ipywidgets.HTML and widget.picture.value.startswith("<svg")
