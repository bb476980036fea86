"""Pictures drawn in the browser, where no DOT program can run here (Pyodide in JupyterLite, or no
graphviz-pure): ``BrowserPicture``, a widget that renders DOT with @viz-js/viz (Graphviz compiled
to WebAssembly) in the page.

It holds the DOT source of a picture in each candidate layout, in the order of ``viz.fit.LAYOUTS``,
and shows the first whose picture (of the ``measured`` DOT, the same by default) fits the budget of
``viz.fit`` (``fits``: width and scale), else the narrowest at its own size: the rule
``viz.fit.fitting_layout`` applies where a program runs, measured by the renderer that draws.
Shown like the widgets' inline pictures (never wider than the output area, in proportion), but
never shrunk below ``MIN_TEXT_PX`` text: a picture that would be gets a sideways scrollbar.
Changing ``dots`` redraws it in place (the sliders of ``widgets.explore`` and ``step_through``).

The ES module (browser.js, beside this file) imports viz.js from the page's Jupyter base URL,
``<baseUrl>static/viz/viz.js`` (where the course's JupyterLite site serves it), and else from
``VIZ_CDN_URL``, the pinned npm release (a JupyterLab server serves no viz.js). When neither
loads, or a DOT source does not render, the output shows the error in red instead of the picture.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

from autograd.language import _
from autograd.palette import ERROR
from autograd.viz import fit

VIZ_VERSION = "3.31.0"  # the @viz-js/viz release the pictures are drawn with (site/build.py reads these two)
VIZ_INTEGRITY = (  # npm's dist.integrity of its tarball
    "sha512-r7zlQdRvcwvIpjHGgs+KNWHeE/P5/Dq7k8ZAKaMCbZqomxCBJV78gVuQYaHzFVca+kB0mX0fMW9UFevCOBG50A=="
)
VIZ_SITE_PATH = "static/viz/viz.js"  # relative to the page's Jupyter base URL
VIZ_CDN_URL = f"https://cdn.jsdelivr.net/npm/@viz-js/viz@{VIZ_VERSION}/dist/viz.js"


class BrowserPicture(anywidget.AnyWidget):
    """A picture of a graph rendered in the browser from DOT: the first of ``dots`` that fits.

    ``measured``: the DOT sources whose widths decide, one per entry of ``dots`` (empty: ``dots``
    themselves). ``keep_key``: when set, the browser keeps the layout it chose first for that key
    while ``dots`` change (an explorer's boxes stay put as sliders move). ``faded``: shown greyed.
    ``layout``: set by the browser, the index in ``dots`` of the picture shown (-1 before).
    """

    _esm = Path(__file__).with_name("browser.js").read_text(encoding="utf-8")  # text: no file watcher

    dots = traitlets.List(traitlets.Unicode()).tag(sync=True)
    measured = traitlets.List(traitlets.Unicode()).tag(sync=True)
    keep_key = traitlets.Unicode("").tag(sync=True)
    faded = traitlets.Bool(False).tag(sync=True)
    layout = traitlets.Int(-1).tag(sync=True)
    # The budget of viz.fit, read there.
    max_width_px = traitlets.Float(fit.MAX_WIDTH_PX).tag(sync=True)
    min_text_px = traitlets.Float(fit.MIN_TEXT_PX).tag(sync=True)
    min_scale = traitlets.Float(fit.MIN_SCALE).tag(sync=True)
    px_per_pt = traitlets.Float(fit.PX_PER_PT).tag(sync=True)
    viz_urls = traitlets.Dict({"site": VIZ_SITE_PATH, "cdn": VIZ_CDN_URL}).tag(sync=True)
    error_style = traitlets.Unicode(f"color: {ERROR}; white-space: pre-wrap").tag(sync=True)
    # Translated when the widget is made, in the language chosen then.
    messages = traitlets.Dict().tag(sync=True)

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("messages", {
            "no_viz": _("The picture cannot be drawn: Graphviz for the browser (viz.js) did not load.\n"
                        "{error}"),
            "failed": _("The picture cannot be drawn: {error}"),
        })  # fmt: skip
        super().__init__(**kwargs)

    def __repr__(self) -> str:
        """As ``Picture``'s: no memory address in outputs."""
        return "<picture of a computation graph>"
