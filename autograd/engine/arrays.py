"""Is this a numpy array, or a ``Tensor``? Asked without importing numpy.

The scalar engine, the pictures of graphs, the widgets and the self-check run without numpy
(a browser edition need not download it): numpy is imported by ``Tensor`` and the array rules,
when a learner uses them. Code that handles both a number and an array asks here, which never
imports anything: an object can only be a numpy array (or a ``Tensor``) once numpy (or
``autograd.engine.tensor``) has been imported, so until then the answer is no.
"""

from __future__ import annotations

import sys


def is_array(x: object) -> bool:
    """Whether ``x`` is a numpy array (``numpy.ndarray``), without importing numpy."""
    numpy = sys.modules.get("numpy")
    return numpy is not None and isinstance(x, numpy.ndarray)


def is_tensor(x: object) -> bool:
    """Whether ``x`` is a ``Tensor``, without importing ``autograd.engine.tensor`` (nor numpy)."""
    tensor = sys.modules.get("autograd.engine.tensor")
    return tensor is not None and isinstance(x, getattr(tensor, "Tensor", ()))
