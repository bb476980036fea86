"""A picture of a computation graph: a ``graphviz.Digraph`` that renders with the course's program.

``Picture`` is what ``draw`` returns; Jupyter shows it as SVG, shrunk to the page where a
front end puts the SVG inline (``shrink_to_fit``). Where no DOT program can run
(``binary.draws_in_browser``), it shows as a ``viz.browser.BrowserPicture`` instead: the same DOT,
rendered by the browser, in the first of its candidate layouts that fits.
"""

from __future__ import annotations

import graphviz

from autograd.viz.binary import draws_in_browser, use_dot_program


def shrink_to_fit(svg: str) -> str:
    """``svg`` with a style on its root element: never wider than its container, in proportion."""
    start = svg.index("<svg") + len("<svg")
    return f'{svg[:start]} style="max-width: 100%; height: auto"{svg[start:]}'


class Picture(graphviz.Digraph):
    """A ``graphviz.Digraph`` that always renders with ``dot_program()``, quietly.

    graphviz-pure prints a font-metric warning for each non-ASCII character (×, é);
    ``quiet=True`` keeps those out of notebook outputs. Errors still raise.
    """

    # Where pictures are drawn in the browser: the DOT source of this picture in each candidate
    # layout, in fit order, and the DOT sources whose widths decide (``draw`` sets them; see
    # ``viz.browser.BrowserPicture``). Empty: this picture's own source, as it is.
    candidates: tuple[str, ...] = ()
    measured: tuple[str, ...] = ()

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

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        """SVG rendered here (graphviz's bundle); where no program can run, the browser's picture."""
        if not draws_in_browser():
            return super()._repr_mimebundle_(include, exclude, **kwargs)
        from autograd.viz.browser import BrowserPicture  # anywidget: imported only where it is used

        widget = BrowserPicture(dots=list(self.candidates or [self.source]), measured=list(self.measured))
        data, metadata = widget._repr_mimebundle_()
        return {**data, "text/plain": repr(self)}, metadata

    def pipe(self, *args, **kwargs):
        use_dot_program()
        kwargs.setdefault("quiet", True)
        return super().pipe(*args, **kwargs)

    def render(self, *args, **kwargs):
        use_dot_program()
        kwargs.setdefault("quiet", True)
        return super().render(*args, **kwargs)
