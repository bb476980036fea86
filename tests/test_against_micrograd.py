"""A second engine as the oracle: micrograd 0.1.0 on the benchmark's workload, from the same weights.

Two full training steps of micrograd's demo (MLP 2-16-16-1, 100 moons points, hinge loss plus
L2): the loss, every parameter's gradient and every updated weight agree to 1e-9.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCHMARK = Path(__file__).resolve().parent.parent / "benchmarks" / "engine_vs_micrograd.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("engine_vs_micrograd", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_two_training_steps_agree_with_micrograd(bench, without_cyclic_gc):
    ours, theirs = bench.make_models()
    ours_params, theirs_params = ours.parameters(), theirs.parameters()
    assert len(ours_params) == len(theirs_params) == 337
    assert [p.data for p in ours_params] == [q.data for q in theirs_params]
    for k in range(2):
        our_loss = bench.train_step(ours, bench.ours_loss, k)
        their_loss = bench.train_step(theirs, bench.micrograd_loss, k)
        assert our_loss == pytest.approx(their_loss, rel=0, abs=1e-9)
        for p, q in zip(ours_params, theirs_params, strict=True):  # the gradients of this step's loss
            assert p.grad == pytest.approx(q.grad, rel=0, abs=1e-9), p.label
            assert p.data == pytest.approx(q.data, rel=0, abs=1e-9), p.label
        assert any(p.grad != 0.0 for p in ours_params[:48])  # the first layer did receive gradient
