"""The course's notebooks in JupyterLab, as a learner meets them: Run All, no red box, then the
widget each notebook asks the learner to play with, in both editions (English, and French: the
same checks, reading the widgets' words from the French catalog).

The notebooks and images/ are copied into the server's root with their layout
(00 shows ../images/backpropagation.svg). Cells are found by their code (strings and comments set
aside, as tests/test_editions.py compares the editions), not by position, so that editing the
prose does not break the tests. Expected numbers are worked out by hand.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import labpage as lab
import pytest
from editions import ALL_NOTEBOOKS, FOLDERS, computation, label

from autograd.language import catalog

if TYPE_CHECKING:
    from conftest import JupyterServer
    from playwright.sync_api import Locator, Page

NOTEBOOKS = [label(path) for path in ALL_NOTEBOOKS]  # "01_forward_pass", "fr/01_passe_avant"
assert len(NOTEBOOKS) == 18, NOTEBOOKS
FRENCH = catalog("fr")


class Edition:
    """One notebook of one edition, and the words its widgets use."""

    def __init__(self, notebook: str) -> None:
        self.notebook = notebook
        self.french = notebook.startswith("fr/")

    def say(self, message: str, context: str | None = None) -> str:
        """``message`` as the widgets show it in this edition."""
        if not self.french:
            return message
        return FRENCH.pgettext(context, message) if context else FRENCH.gettext(message)

    def pattern(self, template: str, **known: object) -> re.Pattern[str]:
        """A regular expression for a message made from ``template`` (in English, said in this
        edition's language): ``known`` fields filled in, the others matching anything."""
        return self.regex(self.say(template), **known)

    @staticmethod
    def regex(text: str, **known: object) -> re.Pattern[str]:
        """``text`` with its {fields} as a regular expression (see ``pattern``)."""
        parts = re.split(r"(\{\w+\})", text)
        return re.compile("^" + "".join(
            (re.escape(str(known[part[1:-1]])) if part[1:-1] in known else ".*?")
            if re.fullmatch(r"\{\w+\}", part) else re.escape(part) for part in parts) + "$", re.S)


@pytest.fixture(scope="module")
def course(jupyter_server: JupyterServer) -> Path:
    """notebooks/ and images/ copied into the server's root (the repository's files stay untouched)."""
    return lab.copy_course(jupyter_server.root)


def code_cell(edition: Edition, source: str) -> int:
    """Index (all cells counted) of the only code cell of the notebook that computes what the English
    `source` does (in French, its strings and comments are translated)."""
    path = FOLDERS["en"] / f"{edition.notebook}.ipynb"
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    found = [i for i, cell in enumerate(cells)
             if cell["cell_type"] == "code" and computation("".join(cell["source"])) == computation(source)]
    assert len(found) == 1, f"{edition.notebook}: expected one code cell like {source!r}, found {found}"
    return found[0]


def scrolled_to(page: Page, cell: int) -> Locator:
    """Cell `cell`'s outputs, scrolled into view (JupyterLab skips laying out cells out of view)."""
    output = lab.cell_output(page, cell)
    output.scroll_into_view_if_needed()
    return output


def picture(page: Page, cell: int) -> dict[str, tuple[str, ...]]:
    """The boxes of the one graph picture in `cell`: name -> (value,) or (value, gradient)."""
    pictures = lab.svg_texts(page, cell)
    return dict(lab.boxes(pictures[0])) if len(pictures) == 1 else {}


def message(where: Locator) -> str:
    """The text of the widget HTML lines in `where` (messages, captions)."""
    return "\n".join(text.strip() for text in where.locator(".widget-html").all_text_contents())


# --- the learner's checks, one per notebook that has one --------------------------------------


def forward_explorer(page: Page, edition: Edition) -> None:
    """01: the explorer of L = (a*b + c)*f, values only; 5x PageUp on a moves it to 2.25."""
    cell = code_cell(edition, "from autograd.widgets import explore\n\nexplore(forward, a=2, b=-3, "
                     "c=10, f=-2, show_grads=False)")
    lab.wait_for(lambda: picture(page, cell), lambda seen: seen.get("L") == ("-8",), "L = (2*-3 + 10)*-2")
    a = lab.slider(page, "a", scrolled_to(page, cell))
    assert lab.move_slider_keyboard(page, a, 5, "PageUp") == 2.25
    a_, b, c, f = 2.25, -3.0, 10.0, -2.0
    e, d = a_ * b, a_ * b + c
    expected = {"a": (lab.shown(a_),), "e": (lab.shown(e),), "d": (lab.shown(d),), "L": (lab.shown(d * f),)}
    assert expected == {"a": ("2.25",), "e": ("-6.75",), "d": ("3.25",), "L": ("-6.5",)}
    seen = lab.wait_for(lambda: picture(page, cell), lambda boxes: expected.items() <= boxes.items(),
                        "a = 2.25 and L = -6.5 in the picture")
    assert seen["b"] == ("-3",) and seen["c"] == ("10",) and seen["f"] == ("-2",)  # upstream: unchanged


def chain_rule_stepper(page: Page, edition: Edition) -> None:
    """03: step_through(L) reveals dL/dL, then d and f, then e and c, then a and b ("?" before)."""
    cell = code_cell(edition, "step_through(L)")
    output = scrolled_to(page, cell)
    values = {"a": "2", "b": "-3", "c": "10", "f": "-2", "e": "-6", "d": "4", "L": "-8"}
    # dL/dL = 1; dL/dd = f, dL/df = d; dL/de = dL/dc = dL/dd * 1; dL/da = dL/de * b, dL/db = dL/de * a.
    grads = {"L": 1.0, "d": -2.0, "f": 4.0, "e": -2.0, "c": -2.0, "a": -2.0 * -3.0, "b": -2.0 * 2.0}
    revealed = [set(), {"L"}, {"L", "d", "f"}, {"L", "d", "f", "e", "c"}, set(values)]

    def expected(k: int) -> tuple[str, dict[str, tuple[str, ...]]]:
        known = {n: (v, lab.shown(grads[n]) if n in revealed[k] else "?") for n, v in values.items()}
        return edition.say("step {k} of {last}").format(k=k, last=4), known

    caption = output.locator(".widget-html", has_text=edition.pattern("{heading}: {text}"))

    def frame() -> tuple[str, dict[str, tuple[str, ...]]]:
        return (caption.text_content() or "").split(":")[0].strip(), picture(page, cell)

    lab.wait_for(frame, lambda seen: seen == expected(0), "step 0: every gradient unknown")
    step = lab.slider(page, edition.say("step", "backward pass"), output)
    assert lab.move_slider_keyboard(page, step, 1, "End") == 4
    lab.wait_for(frame, lambda seen: seen == expected(4), "step 4 after End")
    assert lab.move_slider_keyboard(page, step, 1, "Home") == 0
    lab.wait_for(frame, lambda seen: seen == expected(0), "step 0 after Home")
    for k in range(1, 5):
        assert lab.move_slider_keyboard(page, step, 1, "ArrowRight") == k
        lab.wait_for(frame, lambda seen, k=k: seen == expected(k), f"step {k} after ArrowRight")


def descent_explorer(page: Page, edition: Edition) -> None:
    """05: on L = (w - 3)**2 (k = 2) the largest lr, 1.5 > 2/k, diverges: the message says so."""
    live = 'explorer.sliders["lr"].value = 0.05\nexplorer'
    output = scrolled_to(page, code_cell(edition, live))
    lab.wait_for(lambda: message(output), lambda text: text.startswith(edition.say("too small (crawls)")),
                 "the regime of lr = 0.05, where the live explorer starts")
    lr = lab.slider(page, "lr", output)
    assert lab.move_slider_keyboard(page, lr, 1, "End") == 1.5
    diverges = edition.say("far too large (diverges)")
    lab.wait_for(lambda: message(output), lambda text: text.startswith(diverges),
                 "the regime of lr = 1.5 (factor 1 - 1.5*2 = -2)")


def training_dashboard(page: Page, edition: Edition) -> None:
    """06: Train fills the bar and reports; the largest learning rate explodes; Reset, Train works again."""
    source = "training_dashboard(Trainer(MLP(2, [10, 1], seed=0), X, labels, lr=0.5, momentum=0.9), steps=50)"
    output = scrolled_to(page, code_cell(edition, source))
    say = edition.say
    # Buttons with an icon: the icon's glyph is part of their accessible name, so match their text.
    bar = output.locator(".progress-bar")

    trained = say("Trained {steps} steps: loss {loss}, accuracy {accuracy}. "
                  "Press Train to go on, or Reset to start over.")

    def train(outcome: re.Pattern[str]) -> str:
        output.locator("button", has_text=say("Train")).click()
        return lab.wait_for(lambda: message(output), lambda text: outcome.search(text) is not None,
                            f"a message matching {outcome.pattern}", timeout_s=60)

    ready = say("Ready: press Train to run {steps} steps with the learning rate above.").format(steps=50)
    lab.wait_for(lambda: message(output), lambda text: text == ready, "the Ready message")
    train(edition.pattern(trained, steps=50))
    assert bar.evaluate("e => e.style.width") == "100%"  # 50 of 50 steps
    assert "progress-bar-success" in (bar.get_attribute("class") or "")
    lab.screenshot(page, f"{edition.notebook}-trained")
    rate = lab.slider(page, say("learning rate"), output)
    lab.move_slider_keyboard(page, rate, 1, "End")  # a SelectionSlider's handle holds the option's index
    assert lab.slider_readout(rate) == "100"
    diverged = say("diverged at step {step} with lr = {lr}: {what}; try a smaller learning rate")
    train(edition.regex(say("Stopped: {error}, then press Reset.").replace("{error}", diverged), lr=100))
    assert output.locator("button", has_text=say("Train")).is_disabled()
    assert "progress-bar-danger" in (bar.get_attribute("class") or "")
    output.locator("button", has_text=say("Reset")).click()
    reset = say("Reset to the starting weights: choose a learning rate and press Train.")
    lab.wait_for(lambda: message(output), lambda text: text == reset, "Reset")
    lab.move_slider_keyboard(page, rate, 7, "ArrowLeft")  # 100, 50, 20, 10, 5, 2, 1, 0.5
    assert lab.slider_readout(rate) == "0.5"
    train(edition.pattern(trained, steps=50))

def next_step_stepper(page: Page, edition: Edition) -> None:
    """08: stepping to the end of the backward pass of the step after an update shows dloss/dw1.

    The neuron is out = tanh(w1*x1 + w2*x2 + b), loss = (out - 1)**2, so by hand
    dloss/dw1 = 2 (out - 1) (1 - out**2) x1, from the data the picture shows.
    """
    cell = code_cell(edition, "step_through(new_loss)")
    output = scrolled_to(page, cell)
    caption = output.locator(".widget-html", has_text=edition.pattern("{heading}: {text}"))
    lab.wait_for(lambda: picture(page, cell).get("w1", ("", ""))[1:], lambda grad: grad == ("?",),
                 "w1's gradient unknown at step 0")
    step = lab.slider(page, edition.say("step", "backward pass"), output)
    last = lab.move_slider_keyboard(page, step, 1, "End")
    heading = edition.pattern("step {k} of {last}", k=f"{last:g}")
    lab.wait_for(lambda: (caption.text_content() or "").split(":")[0].strip(), heading.match,
                 f"the caption of step {last:g}")
    boxes = lab.wait_for(lambda: picture(page, cell), lambda seen: seen.get("w1", ("", "?"))[1] != "?",
                         "w1's gradient at the last step")
    (w1, shown_grad), (w2, _), (b, _) = boxes["w1"], boxes["w2"], boxes["b"]
    assert (boxes["x1"][0], boxes["x2"][0]) == ("1", "-2")
    out = math.tanh(float(w1) * 1.0 + float(w2) * -2.0 + float(b))
    by_hand = 2 * (out - 1) * (1 - out**2) * 1.0
    assert float(shown_grad) == pytest.approx(by_hand, rel=2e-3)  # the picture rounds to 4 digits


LEARNER_CHECKS: dict[str, Callable[[Page, Edition], None]] = {  # by the notebook's number
    "01": forward_explorer,
    "03": chain_rule_stepper,
    "05": descent_explorer,
    "06": training_dashboard,
    "08": next_step_stepper,
}


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_runs_without_errors_and_its_widget_answers(page: Page, course: Path, notebook: str) -> None:
    lab.open_notebook(page, f"notebooks/{notebook}.ipynb")
    lab.run_all_cells(page)
    assert lab.cell_errors(page) == []
    check = LEARNER_CHECKS.get(Path(notebook).name[:2])
    if check is not None:
        check(page, Edition(notebook))
        assert lab.cell_errors(page) == []
    lab.screenshot(page, notebook.replace("/", "-"))  # after the learner's action: the widget as it was left
