"""Self-check exercises: the learner answers, code says right or what is off.

Each notebook ends with a few exercises. Their expected answers, hints for common
mistakes and worked solutions live here, out of the learner's face::

    check("03.1", answer)     # -> "right" or what is off
    solution("03.1")          # -> the worked solution, when wanted

The exercises themselves are registered by ``autograd.course.exercises``.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

Answer = object


@dataclass(frozen=True)
class Exercise:
    """One question: ``expected`` is a number, a word (for a choice) or a function of x."""

    key: str
    question: str
    expected: float | str | Callable[[float], float]
    solution: str
    mistakes: Sequence[tuple[float | str, str]] = ()  # a wrong answer and what it reveals
    tolerance: float = 1e-6
    sample_points: Sequence[float] = (-1.5, -0.5, 0.25, 1.0, 2.0)
    choices: Sequence[str] = field(default=())


@dataclass(frozen=True)
class Result:
    """What ``check`` says: ``ok`` and a sentence for the learner."""

    key: str
    ok: bool
    message: str

    def __str__(self) -> str:
        mark = "✓" if self.ok else "✗"
        return f"{mark} {self.key}: {self.message}"

    def __repr__(self) -> str:
        return str(self)


EXERCISES: dict[str, Exercise] = {}


def register(*exercises: Exercise) -> None:
    """Add exercises to the registry (each key once)."""
    for exercise in exercises:
        if exercise.key in EXERCISES:
            raise ValueError(f"exercise {exercise.key!r} is registered twice")
        EXERCISES[exercise.key] = exercise


def _exercise(key: str) -> Exercise:
    import autograd.course.exercises  # noqa: F401  (registers the course's exercises)

    if key not in EXERCISES:
        raise KeyError(f"no exercise {key!r}; the exercises are {', '.join(sorted(EXERCISES))}")
    return EXERCISES[key]


def _close(a: float, b: float, tolerance: float) -> bool:
    return math.isclose(a, b, rel_tol=tolerance, abs_tol=tolerance)


def _stuck(exercise: Exercise) -> str:
    return f"Look again, or run solution({exercise.key!r}) for a worked answer."


def _check_number(exercise: Exercise, answer: Answer) -> Result:
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real) and not hasattr(answer, "__float__"):
        return Result(exercise.key, False, f"expected a number, got {type(answer).__name__}: {answer!r}")
    value = float(answer)
    if _close(value, float(exercise.expected), exercise.tolerance):
        return Result(exercise.key, True, f"right, {value:g}")
    for wrong, hint in exercise.mistakes:
        if isinstance(wrong, (int, float)) and _close(value, float(wrong), exercise.tolerance):
            return Result(exercise.key, False, f"not quite: {value:g}. {hint}")
    return Result(exercise.key, False, f"not quite: {value:g} is off. {_stuck(exercise)}")


def _check_choice(exercise: Exercise, answer: Answer) -> Result:
    if not isinstance(answer, str):
        return Result(exercise.key, False, f"expected one of {', '.join(map(repr, exercise.choices))}")
    given = answer.strip().lower()
    if exercise.choices and given not in exercise.choices:
        return Result(exercise.key, False,
                      f"{answer!r} is not a choice; choose one of {', '.join(map(repr, exercise.choices))}")
    if given == str(exercise.expected):
        return Result(exercise.key, True, f"right, {given!r}")
    hint = dict(exercise.mistakes).get(given, _stuck(exercise))
    return Result(exercise.key, False, f"not quite: {given!r}. {hint}")


def _check_function(exercise: Exercise, answer: Answer) -> Result:
    if not callable(answer):
        return Result(exercise.key, False, f"expected a function of x, got {type(answer).__name__}")
    reference = exercise.expected
    for x in exercise.sample_points:
        want = reference(x)
        try:
            got = float(answer(x))
        except Exception as error:  # the learner's function may fail in any way: say how
            message = f"your function raised {type(error).__name__}: {error} at x = {x:g}"
            return Result(exercise.key, False, message)
        if not _close(got, want, exercise.tolerance):
            message = f"not quite: at x = {x:g} it gives {got:.6g}, expected {want:.6g}"
            return Result(exercise.key, False, message)
    return Result(exercise.key, True, f"right at x = {', '.join(f'{x:g}' for x in exercise.sample_points)}")


def check(key: str, answer: Answer) -> Result:
    """Say whether ``answer`` answers exercise ``key``, or what is off."""
    exercise = _exercise(key)
    if answer is Ellipsis or answer is None:
        return Result(key, False, "not answered yet: replace ... with your answer and run the cell again")
    if isinstance(exercise.expected, str):
        return _check_choice(exercise, answer)
    if callable(exercise.expected):
        return _check_function(exercise, answer)
    return _check_number(exercise, answer)


@dataclass(frozen=True)
class Solution:
    """A worked solution; Jupyter shows it as Markdown (with its LaTeX)."""

    text: str

    def _repr_markdown_(self) -> str:
        return self.text

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__


def solution(key: str) -> Solution:
    """The worked solution of exercise ``key``."""
    exercise = _exercise(key)
    return Solution(f"**{exercise.key}.** {exercise.question}\n\n{exercise.solution}")
