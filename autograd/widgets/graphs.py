"""Interactive widgets: move a slider, watch every value and gradient of a graph change.

``explore("(a*b + c)*f", a=2, b=-3, c=10, f=-2)`` shows one slider per input, a
"show gradients" box and the picture of the graph, rebuilt after each move: forward
pass, ``backward()``, then ``viz.draw``. ``step_through(root)`` plays the backward
pass one node at a time, with the chain-rule product used at each step, for a graph
of ``Value``s or of ``Tensor``s (its output a single number, a loss).

The widgets only compose the rest of the package: formulas come from
``autograd.engine.expression``, pictures from ``autograd.viz``. Where no DOT program can run
(``viz.draws_in_browser()``), the picture is a ``viz.browser.BrowserPicture`` given the DOT of
each candidate layout (``viz.layout_candidates``) instead of an ``ipywidgets.HTML`` given SVG.
"""

from __future__ import annotations

import html
import inspect
import math
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import ipywidgets

from autograd import viz
from autograd.engine.arrays import is_tensor
from autograd.engine.expression import Formula, expression
from autograd.engine.numeric import is_finite_number
from autograd.engine.value import Value
from autograd.language import _, pgettext
from autograd.viz.picture import shrink_to_fit
from autograd.widgets.display import error_html

if TYPE_CHECKING:
    from autograd.engine.tensor import Tensor

DEFAULT_RANGE = (-5.0, 5.0)
DEFAULT_STEP = 0.01
DEFAULT_VALUE = 1.0  # an input given no value starts here: log, division and powers are defined at 1
PLAY_INTERVAL_MS = 1500

# A slider spec: a start value; (min, max) or (min, max, step) as in ipywidgets.interact,
# starting halfway; or a dict with any of "value", "min", "max", "step".
SliderSpec = float | tuple | Mapping[str, float]
Builder = Callable[[dict[str, float]], Value]


def svg(root: Value | Tensor, **draw_options: object) -> str:
    """The picture of the graph of ``root`` as an inline ``<svg>`` element (no XML prolog)."""
    document = shrink_to_fit(viz.draw(root, **draw_options).pipe(format="svg", encoding="utf-8"))
    return document[document.index("<svg") :]


def picture_widget() -> ipywidgets.DOMWidget:
    """Where a widget shows its picture: SVG in an ``ipywidgets.HTML``, or drawn by the browser."""
    if viz.draws_in_browser():
        from autograd.viz.browser import BrowserPicture  # anywidget: imported only where it is used

        return BrowserPicture()
    return ipywidgets.HTML()


def show_in_browser(picture: ipywidgets.DOMWidget, candidates: tuple[tuple[str, ...], tuple[str, ...]],
                    keep_key: str = "") -> None:
    """Give a ``BrowserPicture`` a picture in every candidate layout (``viz.layout_candidates``), at once."""
    dots, measured = candidates
    with picture.hold_sync():
        picture.dots, picture.measured, picture.keep_key, picture.faded = dots, measured, keep_key, False


class Explorer(ipywidgets.VBox):
    """Sliders for the inputs, a "show gradients" box, a message line and the picture.

    The picture's layout (``viz.choose_layout``) is chosen at the first picture, once with
    gradients and once without, and kept while the sliders move, so boxes do not jump.
    Drive it from Python by setting ``explorer.sliders["a"].value``: ``root`` is then
    the new output Value (None while the inputs are outside the formula's domain),
    ``picture.value`` its SVG (where pictures are drawn in the browser, ``picture.dots`` its DOT
    in each layout) and ``message.value`` empty, or the error's text.
    """

    def __init__(self, build: Builder, sliders: dict[str, ipywidgets.FloatSlider],
                 show_grads: bool = True) -> None:
        self.sliders = sliders
        self.show_grads = ipywidgets.Checkbox(value=show_grads, description=_("show gradients"),
                                           indent=False)
        self.message = ipywidgets.HTML()
        self.picture = picture_widget()
        self.root: Value | None = None
        self._build = build
        self._svg = ""  # the last picture drawn, kept (greyed) while the inputs are out of the domain
        self._layouts: dict[bool, viz.Layout] = {}  # per "show gradients", chosen once: boxes stay put
        super().__init__([*sliders.values(), self.show_grads, self.message, self.picture])
        for widget in [*sliders.values(), self.show_grads]:
            widget.observe(self._update, names="value")
        self._update()

    def values(self) -> dict[str, float]:
        """The inputs' current values, by name."""
        return {name: slider.value for name, slider in self.sliders.items()}

    def _update(self, change: object = None) -> None:
        """Forward pass, backward pass and picture for the sliders' current values."""
        try:
            root = self._build(self.values())
        except Exception as error:  # shown in the widget: a callback's traceback is invisible in JupyterLab
            self.root = None
            if not isinstance(self.picture, ipywidgets.HTML):  # drawn in the browser: greyed there
                self.message.value = _message_html(error, kept_picture=bool(self.picture.dots))
                self.picture.faded = True
                return
            self.message.value = _message_html(error, kept_picture=bool(self._svg))
            self.picture.value = f'<div style="opacity: 0.3">{self._svg}</div>' if self._svg else ""
            return
        root.zero_grad()  # a leaf shared with earlier graphs (a global weight) must not accumulate
        root.backward()
        self.root = root
        show_grads = self.show_grads.value
        if not isinstance(self.picture, ipywidgets.HTML):  # the browser chooses the layout, and keeps it
            self.message.value = ""
            candidates = viz.layout_candidates(root, show_grads=show_grads)
            show_in_browser(self.picture, candidates, keep_key=f"show_grads={show_grads}")
            return
        if show_grads not in self._layouts:
            self._layouts[show_grads] = viz.choose_layout(root, show_grads=show_grads)
        self._svg = svg(root, show_grads=show_grads, layout=self._layouts[show_grads])
        self.message.value = ""
        self.picture.value = self._svg


def _message_html(error: Exception, kept_picture: bool) -> str:
    note = _("(greyed: the picture of the last values where the formula was defined)") if kept_picture else ""
    return error_html(error, note)


def explore(target: str | Callable[..., Value], /, *, show_grads: bool = True,
            **specs: SliderSpec) -> Explorer:
    """An explorer for a formula's text or a Python function of Values.

    ``explore("tanh(w*x + b)", w=0.5, x=(-2, 2), b={"value": 0, "min": -1, "max": 1})``;
    ``explore(lambda a, b: (a * b).tanh(), a=1.5)`` (the inputs are the function's
    parameters, starting at their numeric defaults). Each input gets a slider from -5
    to 5 (step 0.01) widened to hold its start value, unless its spec gives a range.
    ``show_grads=False`` starts with the "show gradients" box unticked (values only).
    """
    if not isinstance(show_grads, bool):
        message = _("explore: show_grads must be True or False, got {value}")
        raise TypeError(message.format(value=repr(show_grads)))
    if isinstance(target, str):
        formula = Formula(target)
        names, build = formula.variables, formula.evaluate
    elif callable(target):
        names, defaults = _parameters(target)
        specs = {**defaults, **specs}
        build = _caller(target)
    else:
        message = _("explore: expected a formula (str) or a function of Values, got {type}")
        raise TypeError(message.format(type=type(target).__name__))
    unknown = sorted(set(specs) - set(names))
    if unknown:
        message = _("explore: no input called {unknown} (the inputs are {names})")
        raise TypeError(message.format(unknown=", ".join(unknown), names=", ".join(names)))
    sliders = {name: _slider(name, specs.get(name, DEFAULT_VALUE)) for name in names}
    return Explorer(build, sliders, show_grads)


def _parameters(function: Callable[..., Value]) -> tuple[tuple[str, ...], dict[str, float]]:
    """The names of a function's parameters, and the numeric defaults among them."""
    names, defaults = [], {}
    for parameter in inspect.signature(function).parameters.values():
        if parameter.kind not in (parameter.POSITIONAL_OR_KEYWORD, parameter.KEYWORD_ONLY):
            message = _("explore: every parameter of the function must be a named input, "
                        "got {kind} parameter {parameter}")
            raise TypeError(message.format(kind=parameter.kind.description, parameter=parameter))
        names.append(parameter.name)
        if is_finite_number(parameter.default):
            defaults[parameter.name] = parameter.default
    return tuple(names), defaults


def _caller(function: Callable[..., Value]) -> Builder:
    """Call ``function`` with one labelled leaf per input; it must return a Value."""

    def build(values: dict[str, float]) -> Value:
        out = function(**{name: Value(x, label=name) for name, x in values.items()})
        if not isinstance(out, Value):
            message = _("explore: the function must return a Value, got {type}: {value}")
            raise TypeError(message.format(type=type(out).__name__, value=repr(out)))
        return out

    return build


def _slider(name: str, spec: SliderSpec) -> ipywidgets.FloatSlider:
    """The FloatSlider for input ``name`` described by ``spec`` (see SliderSpec)."""
    if isinstance(spec, Mapping):
        unknown = sorted(set(spec) - {"value", "min", "max", "step"})
        if unknown:
            raise TypeError(_("explore: the spec of {name} has unknown keys {unknown}").format(
                name=repr(name), unknown=unknown))
        options = dict(spec)
    elif isinstance(spec, tuple) and len(spec) in (2, 3):
        options = dict(zip(("min", "max", "step"), spec))
    else:
        options = {"value": spec}
    for key, x in options.items():
        if not is_finite_number(x):
            raise TypeError(_("explore: {key} of {name} must be a finite number, got {value}").format(
                key=key, name=repr(name), value=repr(x)))
    step = options.get("step", DEFAULT_STEP)
    if "value" in options:
        value = options["value"]
        low = options.get("min", min(DEFAULT_RANGE[0], math.floor(value)))
        high = options.get("max", max(DEFAULT_RANGE[1], math.ceil(value)))
    else:
        low, high = options.get("min", DEFAULT_RANGE[0]), options.get("max", DEFAULT_RANGE[1])
        value = (low + high) / 2
    if not (low < high and low <= value <= high and step > 0):
        raise ValueError(_(
            "explore: the slider of {name} needs min < max, min <= value <= max and step > 0, "
            "got min={low}, max={high}, value={value}, step={step}"
        ).format(name=repr(name), low=low, high=high, value=value, step=step))
    decimals = max(0, -math.floor(math.log10(step)))
    return ipywidgets.FloatSlider(
        min=low, max=high, step=step, value=value, description=name, readout_format=f".{decimals}f"
    )


class Stepper(ipywidgets.VBox):
    """A step slider and a Play button over the frames of a backward pass.

    Frame k shows what is known after k steps of the chain rule (0: the forward pass
    only) and, below the picture, the product used at step k (for Tensors, written with
    shapes). From Python: set ``stepper.slider.value = k``; ``frames[k]`` is the frame shown.
    """

    def __init__(self, root: Value | Tensor) -> None:
        self.root = root
        self.frames = viz.backward_steps(root)
        self.picture = picture_widget()
        if isinstance(self.picture, ipywidgets.HTML):  # else the browser chooses, by the same rule
            self._layout = viz.choose_layout(root, step=self.frames[0])  # the same for every frame
        last = len(self.frames) - 1
        step = pgettext("backward pass", "step")  # « étape »: the optimizer's step is another word in French
        self.slider = ipywidgets.IntSlider(value=0, min=0, max=last, description=step)
        self.play = ipywidgets.Play(value=0, min=0, max=last, interval=PLAY_INTERVAL_MS,
                                   description=_("play"))
        self.link = ipywidgets.jslink((self.play, "value"), (self.slider, "value"))  # in the browser
        self.explanation = ipywidgets.HTML()
        self._svgs: dict[int, str] = {}  # frame -> picture, drawn once
        self._candidates: dict[int, tuple] = {}  # frame -> its DOT in each layout, where the browser draws
        super().__init__([ipywidgets.HBox([self.play, self.slider]), self.explanation, self.picture])
        self.slider.observe(self._show, names="value")
        self._show()

    def _show(self, change: object = None) -> None:
        k = self.slider.value
        frame = self.frames[k]
        if not isinstance(self.picture, ipywidgets.HTML):  # the browser chooses by the whole pass
            if k not in self._candidates:  # made once per frame, as the SVGs are: not on every move
                self._candidates[k] = viz.layout_candidates(self.root, step=frame)
            show_in_browser(self.picture, self._candidates[k])
        elif k not in self._svgs:
            self._svgs[k] = svg(self.root, step=frame, layout=self._layout)
        heading = _("step {k} of {last}").format(k=k, last=len(self.frames) - 1)
        text = html.escape(frame.explanation)  # one chain-rule product per line
        line = _("{heading}: {text}").format(heading=f"<b>{heading}</b>", text=text)
        self.explanation.value = f'<div style="white-space: pre-line">{line}</div>'
        if isinstance(self.picture, ipywidgets.HTML):
            self.picture.value = self._svgs[k]


def step_through(target: Value | Tensor | str, /, **values: float) -> Stepper:
    """Play the backward pass of ``root``: a Value, a one-entry Tensor, or a formula's text and its values."""
    if isinstance(target, str):
        return Stepper(expression(target, **values))
    if not (isinstance(target, Value) or is_tensor(target)):
        message = _("step_through: expected a Value, a Tensor or a formula (str), got {type}")
        raise TypeError(message.format(type=type(target).__name__))
    if values:
        message = _("step_through: values ({names}) go with a formula's text only")
        raise TypeError(message.format(names=", ".join(sorted(values))))
    return Stepper(target)
