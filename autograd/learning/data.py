"""Small 2-D data sets for classification, made with numpy alone.

Each returns ``X`` of shape (n, 2) and labels ``y`` of shape (n,) in {0, 1}.
"""

from __future__ import annotations

import numpy as np

from autograd.engine.numeric import is_finite_number


def _check(n: int, noise: float) -> None:
    if not isinstance(n, (int, np.integer)) or n < 2:
        raise ValueError(f"a data set needs n >= 2 points, got n = {n!r}")
    if not (is_finite_number(noise) and noise >= 0):
        raise ValueError(f"noise must be a finite number >= 0, got noise = {noise!r}")


def _finish(points: np.ndarray, labels: np.ndarray, noise: float,
            rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Add Gaussian noise of standard deviation ``noise`` and shuffle the points."""
    points = points + rng.normal(scale=noise, size=points.shape)
    order = rng.permutation(len(points))
    return points[order], labels[order]


def make_moons(n: int = 100, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles: label 0 on top, label 1 below and shifted right."""
    _check(n, noise)
    rng = np.random.default_rng(seed)
    n_top = n // 2
    t_top = np.linspace(0.0, np.pi, n_top)
    t_bottom = np.linspace(0.0, np.pi, n - n_top)
    top = np.column_stack([np.cos(t_top), np.sin(t_top)])
    bottom = np.column_stack([1.0 - np.cos(t_bottom), 0.5 - np.sin(t_bottom)])
    labels = np.repeat([0, 1], [n_top, n - n_top])
    return _finish(np.vstack([top, bottom]), labels, noise, rng)


def make_circles(n: int = 100, noise: float = 0.05, factor: float = 0.5,
                 seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two rings around the origin: label 0 on the unit circle, label 1 at radius ``factor``."""
    _check(n, noise)
    if not (is_finite_number(factor) and 0 < factor < 1):
        raise ValueError(f"factor is the inner radius, between 0 and 1, got factor = {factor!r}")
    rng = np.random.default_rng(seed)
    n_outer = n // 2
    t_outer = np.linspace(0.0, 2 * np.pi, n_outer, endpoint=False)
    t_inner = np.linspace(0.0, 2 * np.pi, n - n_outer, endpoint=False)
    outer = np.column_stack([np.cos(t_outer), np.sin(t_outer)])
    inner = factor * np.column_stack([np.cos(t_inner), np.sin(t_inner)])
    labels = np.repeat([0, 1], [n_outer, n - n_outer])
    return _finish(np.vstack([outer, inner]), labels, noise, rng)


def make_spirals(n: int = 100, noise: float = 0.05, turns: float = 1.0,
                 seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two spiral arms winding out from the origin, the second turned by half a turn."""
    _check(n, noise)
    if not (is_finite_number(turns) and turns > 0):
        raise ValueError(f"turns must be a positive number, got turns = {turns!r}")
    rng = np.random.default_rng(seed)
    n_first = n // 2
    arms = []
    for count, offset in ((n_first, 0.0), (n - n_first, np.pi)):
        r = np.linspace(0.1, 1.0, count)
        angle = 2 * np.pi * turns * r + offset
        arms.append(np.column_stack([r * np.cos(angle), r * np.sin(angle)]))
    labels = np.repeat([0, 1], [n_first, n - n_first])
    return _finish(np.vstack(arms), labels, noise, rng)
