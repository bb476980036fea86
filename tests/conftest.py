"""Shared test settings: a hypothesis profile, a fixture that pauses the cycle collector, and the language.

Hypothesis deadlines are off because a shared 2-core CI machine makes timings noisy. Two profiles:
"autograd", the default, derandomized (every run tries the same examples, quickly) with no example
database; "fresh", new random examples and five times as many (`pytest --hypothesis-profile=fresh
--hypothesis-seed=N`, which .ci/run also runs with a seed it prints). Tests that need more or fewer
examples than the profile state it relative to ``settings.default.max_examples``.
"""

from __future__ import annotations

import contextlib
import gc
import io
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

from autograd.language import DEFAULT, language, set_language

settings.register_profile(
    "autograd",
    deadline=None,
    max_examples=60,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fresh", parent=settings.get_profile("autograd"), derandomize=False, max_examples=300, print_blob=True
)
settings.load_profile("autograd")  # hypothesis's --hypothesis-profile option loads another after this


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


@pytest.fixture(autouse=True)
def english_after_each_test() -> Iterator[None]:
    """Every test starts in English and leaves English behind, whatever language it chose."""
    yield
    if language() != DEFAULT:
        with contextlib.redirect_stdout(io.StringIO()):  # set_language says so; not here
            set_language(DEFAULT)
