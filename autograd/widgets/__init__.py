"""Interactive widgets (ipywidgets) for the course: sliders that redraw pictures.

``graphs``: explore a formula's graph, step through its backward pass.
Each module composes the engine and the pictures; none re-implements them.
"""

from autograd.widgets.graphs import Explorer, Stepper, explore, step_through, svg

__all__ = ["Explorer", "Stepper", "explore", "step_through", "svg"]
