"""A picture of a computation graph: a ``graphviz.Digraph`` that renders with the course's program.

``Picture`` is what ``draw`` returns; Jupyter shows it as SVG, shrunk to the page where a
front end puts the SVG inline (``shrink_to_fit``).
"""

from __future__ import annotations

import graphviz

from autograd.viz.binary import use_dot_program


def shrink_to_fit(svg: str) -> str:
    """``svg`` with a style on its root element: never wider than its container, in proportion."""
    start = svg.index("<svg") + len("<svg")
    return f'{svg[:start]} style="max-width: 100%; height: auto"{svg[start:]}'


class Picture(graphviz.Digraph):
    """A ``graphviz.Digraph`` that always renders with ``dot_program()``, quietly.

    graphviz-pure prints a font-metric warning for each non-ASCII character (×, é);
    ``quiet=True`` keeps those out of notebook outputs. Errors still raise.
    """

    def __repr__(self) -> str:
        """No memory address: stored notebook outputs stay the same from run to run."""
        return "<picture of a computation graph>"

    def _repr_image_svg_xml(self) -> str:
        """The SVG Jupyter shows: shrunk to the page's width where a front end puts it inline in the page.

        JupyterLab 4 shows an ``image/svg+xml`` output as an ``<img>`` at the picture's own size,
        where this style has no effect: a picture wider than the page gets a scrollbar (readable at
        full size); widgets put the SVG inline (``widgets.graphs.svg``), so there it shrinks. That
        is why ``draw`` lays a graph out to fit the page in the first place (``viz.fit``).
        """
        return shrink_to_fit(super()._repr_image_svg_xml())

    def pipe(self, *args, **kwargs):
        use_dot_program()
        kwargs.setdefault("quiet", True)
        return super().pipe(*args, **kwargs)

    def render(self, *args, **kwargs):
        use_dot_program()
        kwargs.setdefault("quiet", True)
        return super().render(*args, **kwargs)
