"""Shared test settings: a hypothesis profile, and a fixture that pauses the cycle collector.

Hypothesis deadlines are off because a shared 2-core CI machine makes timings noisy. The profile
is derandomized (every run tries the same examples) and keeps no example database.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "autograd",
    deadline=None,
    max_examples=60,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("autograd")


@pytest.fixture
def without_cyclic_gc() -> Iterator[None]:
    """The cycle collector off for one test: our graphs have no cycles, reference counting frees them.

    Big graphs build several times faster without it (it would rescan every live node); cycles made
    meanwhile (micrograd's) wait until it is back on. A test can call ``gc.collect()`` itself to
    count what only the cycle collector could free.
    """
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
