"""Self-check exercises: the learner answers, code says right or what is off.

Each notebook ends with a few exercises. Their expected answers, hints for common
mistakes and worked solutions live here, out of the learner's face::

    check("03.1", answer)     # -> "right" or what is off
    solution("03.1")          # -> the worked solution, when wanted

The exercises themselves are registered by ``autograd.course.exercises``. Their texts are
written in English and marked for translation (``N_``; choice words with ``NP_("choice", ...)``),
and translated here when they are shown, in the language of ``autograd.language.set_language``.
"""

from __future__ import annotations

import math
import numbers
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from autograd.language import _, pgettext

Answer = object


@dataclass(frozen=True)
class Exercise:
    """One question: ``expected`` is a number, a word (for a choice) or a function of x.

    ``question``, ``solution`` and the hints of ``mistakes`` are English messages marked with ``N_``,
    translated when shown. Choice words (``choices``, a word ``expected``, the words of ``mistakes``)
    stay English in the definition; in another language the learner may answer with the translated
    word (context "choice" of the catalog) or the English one. ``translate_choices=False`` keeps
    choices that are code (method names such as ``step``) as they are, in every language.
    """

    key: str
    question: str
    expected: float | str | Callable[[float], float]
    solution: str
    mistakes: Sequence[tuple[float | str, str]] = ()  # a wrong answer and what it reveals
    tolerance: float = 1e-6
    sample_points: Sequence[float] = (-1.5, -0.5, 0.25, 1.0, 2.0)
    choices: Sequence[str] = field(default=())
    translate_choices: bool = True


@dataclass(frozen=True)
class Result:
    """What ``check`` says: ``ok`` and a sentence for the learner."""

    key: str
    ok: bool
    message: str

    def __str__(self) -> str:
        mark = "✓" if self.ok else "✗"
        return _("{mark} {key}: {message}").format(mark=mark, key=self.key, message=self.message)

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
    return _("Look again, or run solution({key}) for a worked answer.").format(key=repr(exercise.key))


def _check_number(exercise: Exercise, answer: Answer) -> Result:
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real) and not hasattr(answer, "__float__"):
        message = _("expected a number, got {type}: {answer}").format(type=type(answer).__name__,
                                                                       answer=repr(answer))
        return Result(exercise.key, False, message)
    value = float(answer)
    if _close(value, float(exercise.expected), exercise.tolerance):
        return Result(exercise.key, True, _("right, {value}").format(value=f"{value:g}"))
    for wrong, hint in exercise.mistakes:
        if isinstance(wrong, (int, float)) and _close(value, float(wrong), exercise.tolerance):
            message = _("not quite: {value}. {hint}").format(value=f"{value:g}", hint=_(hint))
            return Result(exercise.key, False, message)
    message = _("not quite: {value} is off. {stuck}").format(value=f"{value:g}", stuck=_stuck(exercise))
    return Result(exercise.key, False, message)


def _plain(word: str) -> str:
    """``word`` as compared: stripped, lower case, without accents ("Négatif " -> "negatif")."""
    decomposed = unicodedata.normalize("NFD", word.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def choice_word(exercise: Exercise, choice: str) -> str:
    """The choice word ``choice`` (as defined, in English) in the language spoken now."""
    return pgettext("choice", choice) if exercise.translate_choices else choice


def _choices(exercise: Exercise) -> str:
    return ", ".join(repr(choice_word(exercise, choice)) for choice in exercise.choices)


def _which_choice(exercise: Exercise, answer: str) -> str | None:
    """The choice (its English word) that ``answer`` names, in English or in the language spoken now."""
    given = _plain(answer)
    for choice in exercise.choices:
        if given in (_plain(choice), _plain(choice_word(exercise, choice))):
            return choice
    return None


def _check_choice(exercise: Exercise, answer: Answer) -> Result:
    if not isinstance(answer, str):
        return Result(exercise.key, False, _("expected one of {choices}").format(choices=_choices(exercise)))
    chosen = _which_choice(exercise, answer) if exercise.choices else answer.strip().lower()
    if chosen is None:
        message = _("{answer} is not a choice; choose one of {choices}").format(answer=repr(answer),
                                                                                  choices=_choices(exercise))
        return Result(exercise.key, False, message)
    word = repr(choice_word(exercise, chosen))
    if chosen == str(exercise.expected):
        return Result(exercise.key, True, _("right, {value}").format(value=word))
    hint = dict(exercise.mistakes).get(chosen)
    hint = _stuck(exercise) if hint is None else _(hint)
    return Result(exercise.key, False, _("not quite: {value}. {hint}").format(value=word, hint=hint))


def _check_function(exercise: Exercise, answer: Answer) -> Result:
    if not callable(answer):
        message = _("expected a function of x, got {type}").format(type=type(answer).__name__)
        return Result(exercise.key, False, message)
    reference = exercise.expected
    for x in exercise.sample_points:
        want = reference(x)
        try:
            got = float(answer(x))
        except Exception as error:  # the learner's function may fail in any way: say how
            message = _("your function raised {error}: {detail} at x = {x}").format(
                error=type(error).__name__, detail=error, x=f"{x:g}")
            return Result(exercise.key, False, message)
        if not _close(got, want, exercise.tolerance):
            message = _("not quite: at x = {x} it gives {got}, expected {want}").format(
                x=f"{x:g}", got=f"{got:.6g}", want=f"{want:.6g}")
            return Result(exercise.key, False, message)
    points = ", ".join(f"{x:g}" for x in exercise.sample_points)
    return Result(exercise.key, True, _("right at x = {points}").format(points=points))


def check(key: str, answer: Answer) -> Result:
    """Say whether ``answer`` answers exercise ``key``, or what is off."""
    exercise = _exercise(key)
    if answer is Ellipsis or answer is None:
        return Result(key, False, _("not answered yet: replace ... with your answer and run the cell again"))
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
    return Solution(f"**{exercise.key}.** {_(exercise.question)}\n\n{_(exercise.solution)}")
