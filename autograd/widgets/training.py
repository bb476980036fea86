"""The training dashboard: pick a learning rate, press Train, watch the loss fall and the boundary move.

``training_dashboard(trainer)`` shows a learning-rate slider, a number of steps, Train and
Reset buttons, a progress bar, a message line and a picture: the loss curve and the
decision boundary, redrawn every few steps while the network learns. A learning rate that
makes training diverge stops the run with a message that says so; Reset starts over.

The picture is ``autograd.figures.training.training_figure``; the computation lives in
``autograd.learning.training``; this module only wires sliders and buttons to them.
"""

from __future__ import annotations

import html

import ipywidgets

from autograd.figures.training import training_figure
from autograd.language import _
from autograd.learning.training import Diverged, Trainer
from autograd.palette import ERROR
from autograd.widgets.display import png_base64

# The learning rates on the slider: round numbers, 1-2-5 in each power of ten, from crawling to exploding.
LEARNING_RATES = tuple(m * 10.0**e for e in range(-3, 2) for m in (1, 2, 5)) + (100.0,)
MAX_STEPS = 300  # per press of Train


PNG_DPI = 80  # the dashboard's picture: 720 x 288 pixels


class TrainingDashboard(ipywidgets.VBox):
    """Learning rate, steps, Train, Reset, a progress bar, a message and the picture.

    Drive it from Python: set ``lr.value`` (one of ``LEARNING_RATES``, or the trainer's first rate) and
    ``steps.value``, then ``train_button.click()``;
    ``progress.value`` counts the steps of the run, ``message.value`` says how it went and
    ``plot.outputs`` holds the last picture (a PNG). ``trainer`` is the ``Trainer`` it drives.
    """

    def __init__(self, trainer: Trainer, steps: int = 60, redraw_every: int = 10) -> None:
        for name, value, high in (("steps", steps, MAX_STEPS), ("redraw_every", redraw_every, MAX_STEPS)):
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= high:
                raise ValueError(f"training_dashboard: {name} must be a whole number from 1 to {high}, "
                                 f"got {value!r}")
        self.trainer = trainer
        self.redraw_every = redraw_every
        rates = sorted({*LEARNING_RATES, trainer.lr})
        self.lr = ipywidgets.SelectionSlider(options=[(f"{r:g}", r) for r in rates], value=trainer.lr,
                                             description=_("learning rate"),
                                             style={"description_width": "initial"})
        self.steps = ipywidgets.IntSlider(value=steps, min=1, max=MAX_STEPS, description=_("steps"))
        self.train_button = ipywidgets.Button(description=_("Train"), button_style="primary", icon="play")
        self.reset_button = ipywidgets.Button(description=_("Reset"), icon="undo")
        self.progress = ipywidgets.IntProgress(value=0, min=0, max=steps, description=_("progress"))
        self.message = ipywidgets.HTML()
        self.plot = ipywidgets.Output()
        super().__init__([
            ipywidgets.HBox([self.lr, self.steps]),
            ipywidgets.HBox([self.train_button, self.reset_button, self.progress]),
            self.message,
            self.plot,
        ])
        self.train_button.on_click(self._train)
        self.reset_button.on_click(self._reset)
        ready = _("Ready: press Train to run {steps} steps with the learning rate above.")
        self._say(ready.format(steps=steps))
        self._redraw()

    def _train(self, button: object = None) -> None:
        trainer = self.trainer
        trainer.lr = self.lr.value
        self.progress.max, self.progress.value, self.progress.bar_style = self.steps.value, 0, ""
        self.train_button.disabled = True
        training = _("Training {steps} steps with lr = {lr}...")
        self._say(training.format(steps=self.steps.value, lr=f"{trainer.lr:.3g}"))
        try:
            trainer.train(self.steps.value, on_step=self._after_step)
        except Diverged as error:
            self.progress.bar_style = "danger"
            self._redraw()
            self._say(_("Stopped: {error}, then press Reset.").format(error=error), colour=ERROR)
            return  # Train stays disabled until Reset
        self.train_button.disabled = False
        self.progress.bar_style = "success"
        self._redraw()
        if trainer.steps > self.progress.value:
            message = _("Trained {steps} more steps ({total} in all): loss {loss}, accuracy {accuracy}. "
                        "Press Train to go on, or Reset to start over.")
        else:
            message = _("Trained {steps} steps: loss {loss}, accuracy {accuracy}. "
                        "Press Train to go on, or Reset to start over.")
        self._say(message.format(steps=self.progress.value, total=trainer.steps,
                                 loss=f"{trainer.losses[-1]:.3g}", accuracy=f"{trainer.accuracy_now():.0%}"))

    def _after_step(self, trainer: Trainer) -> None:
        self.progress.value += 1
        if self.progress.value % self.redraw_every == 0:
            self._redraw()

    def _reset(self, button: object = None) -> None:
        self.trainer.reset()
        self.progress.value, self.progress.bar_style = 0, ""
        self.train_button.disabled = False
        self._redraw()
        self._say(_("Reset to the starting weights: choose a learning rate and press Train."))

    def _say(self, text: str, colour: str = "") -> None:
        style = f' style="color: {colour}"' if colour else ""
        self.message.value = f"<span{style}>{html.escape(text)}</span>"

    def _redraw(self) -> None:
        """Replace the picture in one assignment (no flicker, and no kernel needed to test it)."""
        figure = training_figure(self.trainer)
        data = {"image/png": png_base64(figure, PNG_DPI),
                "text/plain": _("training after {steps} steps").format(steps=self.trainer.steps)}
        self.plot.outputs = ({"output_type": "display_data", "data": data, "metadata": {}},)


def training_dashboard(trainer: Trainer, steps: int = 60, redraw_every: int = 10) -> TrainingDashboard:
    """A dashboard that trains ``trainer`` ``steps`` steps per press of Train, redrawing every few steps."""
    return TrainingDashboard(trainer, steps, redraw_every)
