"""The toy data sets: shapes, balanced labels, seeds, exact geometry without noise, bad arguments."""

from __future__ import annotations

import math

import numpy as np
import pytest

from autograd.learning.data import make_circles, make_moons, make_spirals

MAKERS = [make_moons, make_circles, make_spirals]


@pytest.mark.parametrize("make", MAKERS)
@pytest.mark.parametrize("n", [2, 7, 100])
def test_shapes_and_balanced_labels(make, n):
    X, y = make(n, seed=0)
    assert X.shape == (n, 2) and X.dtype == np.float64
    assert y.shape == (n,) and np.issubdtype(y.dtype, np.integer)
    assert set(y.tolist()) == {0, 1}
    assert (np.count_nonzero(y == 0), np.count_nonzero(y == 1)) == (n // 2, n - n // 2)
    assert np.all(np.isfinite(X))


@pytest.mark.parametrize("make", MAKERS)
def test_same_seed_same_data_other_seed_other_data(make):
    X1, y1 = make(50, seed=3)
    X2, y2 = make(50, seed=3)
    assert X1.tobytes() == X2.tobytes() and y1.tobytes() == y2.tobytes()
    X3, _ = make(50, seed=4)
    assert not np.array_equal(X1, X3)


@pytest.mark.parametrize("make", MAKERS)
def test_points_are_shuffled(make):
    _, y = make(40, noise=0.0, seed=0)
    assert y[:20].tolist() != [0] * 20  # not all of one class first


def test_moons_without_noise_lie_on_the_two_half_circles():
    X, y = make_moons(51, noise=0.0, seed=0)
    top, bottom = X[y == 0], X[y == 1]
    # top: the upper half of the unit circle around (0, 0)
    np.testing.assert_allclose(np.hypot(top[:, 0], top[:, 1]), 1.0, rtol=0, atol=1e-12)
    assert np.all(top[:, 1] >= -1e-12)
    # bottom: the lower half of the unit circle around (1, 0.5)
    np.testing.assert_allclose(np.hypot(bottom[:, 0] - 1.0, bottom[:, 1] - 0.5), 1.0, rtol=0, atol=1e-12)
    assert np.all(bottom[:, 1] <= 0.5 + 1e-12)
    # each arc runs end to end: from angle 0 to pi
    assert top[:, 0].min() == pytest.approx(-1.0) and top[:, 0].max() == pytest.approx(1.0)
    assert bottom[:, 0].min() == pytest.approx(0.0, abs=1e-12) and bottom[:, 0].max() == pytest.approx(2.0)


def test_moons_noise_moves_points_off_the_circles_by_about_noise():
    X, y = make_moons(2000, noise=0.1, seed=0)
    top = X[y == 0]
    spread = np.std(np.hypot(top[:, 0], top[:, 1]) - 1.0)
    assert 0.07 < spread < 0.13


def test_circles_without_noise_lie_on_two_rings():
    X, y = make_circles(40, noise=0.0, factor=0.3, seed=0)
    radius = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(radius[y == 0], 1.0, atol=1e-12)
    np.testing.assert_allclose(radius[y == 1], 0.3, atol=1e-12)


def test_spirals_without_noise_wind_outwards():
    turns = 1.5
    X, y = make_spirals(60, noise=0.0, turns=turns, seed=0)
    radius = np.hypot(X[:, 0], X[:, 1])
    assert radius.min() == pytest.approx(0.1) and radius.max() == pytest.approx(1.0)
    for label, offset in ((0, 0.0), (1, math.pi)):  # angle = 2 pi turns r + offset, modulo 2 pi
        arm = X[y == label]
        r = np.hypot(arm[:, 0], arm[:, 1])
        expected = np.column_stack([r * np.cos(2 * np.pi * turns * r + offset),
                                    r * np.sin(2 * np.pi * turns * r + offset)])
        np.testing.assert_allclose(arm, expected, atol=1e-12)


@pytest.mark.parametrize("make", MAKERS)
@pytest.mark.parametrize("n", [1, 0, -5, 2.5, "10", None])
def test_bad_n_is_named(make, n):
    with pytest.raises(ValueError, match="n = ") as info:
        make(n)
    assert repr(n) in str(info.value)


@pytest.mark.parametrize("make", MAKERS)
@pytest.mark.parametrize("noise", [-0.1, math.nan, math.inf, "0.1", None])
def test_bad_noise_is_named(make, noise):
    with pytest.raises(ValueError, match="noise = ") as info:
        make(10, noise=noise)
    assert repr(noise) in str(info.value)


@pytest.mark.parametrize("factor", [0, 1, 1.5, -0.5, math.nan, "0.5"])
def test_bad_factor_is_named(factor):
    with pytest.raises(ValueError, match="factor = ") as info:
        make_circles(10, factor=factor)
    assert repr(factor) in str(info.value)


@pytest.mark.parametrize("turns", [0, -1.0, math.nan, math.inf, "2"])
def test_bad_turns_is_named(turns):
    with pytest.raises(ValueError, match="turns = ") as info:
        make_spirals(10, turns=turns)
    assert repr(turns) in str(info.value)
