"""What every widget shows the same way: an error in red, and a figure as PNG display data."""

from __future__ import annotations

import base64
import html
import io
from typing import TYPE_CHECKING

from autograd.palette import ERROR

if TYPE_CHECKING:  # the graph widgets use this module too, and need no matplotlib
    from matplotlib.figure import Figure


def error_html(error: Exception, note: str = "") -> str:
    """``error`` as the learner sees it in a widget: its type and message in red, then ``note``.

    A widget callback's traceback is invisible in JupyterLab, so widgets catch errors and show this.
    """
    text = html.escape(f"{type(error).__name__}: {error}" + (f"\n{note}" if note else ""))
    return f'<pre style="color: {ERROR}; white-space: pre-wrap">{text}</pre>'


def png_base64(figure: Figure, dpi: float) -> str:
    """``figure`` as a base64 PNG at ``dpi``, as Jupyter's display data holds it."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return base64.b64encode(buffer.getvalue()).decode("ascii")
