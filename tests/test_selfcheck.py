"""The self-check's mechanics: right answers pass, wrong ones say what is off (on test exercises).

The course's own exercises are held to independently derived answers in test_exercise_answers.py.
"""

from __future__ import annotations

import pytest

from autograd.course.selfcheck import Exercise, check, register, solution

register(
    Exercise("test.number", "dL/dc for L = (a*b + c)*f at f = -2?", -2.0, "It is f = -2.",
             mistakes=((1.0, "That is dd/dc alone: multiply by the upstream gradient."),)),
    Exercise("test.choice", "Does backpropagation change the weights?", "no", "It computes the gradient.",
             choices=("yes", "no")),
    Exercise("test.function", "The derivative of x**3?", lambda x: 3 * x * x, "3 x^2."),
)


def test_a_right_number_passes_and_a_wrong_one_does_not():
    assert check("test.number", -2).ok
    assert check("test.number", -2.0000000001).ok
    wrong = check("test.number", 3.5)
    assert not wrong.ok and "3.5" in str(wrong) and "solution('test.number')" in str(wrong)


def test_a_known_mistake_gets_its_hint():
    result = check("test.number", 1)
    assert not result.ok and "upstream gradient" in result.message


def test_unanswered_and_wrong_types_are_said_plainly():
    assert "not answered yet" in check("test.number", ...).message
    assert "expected a number" in check("test.number", "minus two").message
    assert "not a choice" in check("test.choice", "maybe").message
    assert "expected a function" in check("test.function", 3).message


def test_choices_ignore_case_and_spaces():
    assert check("test.choice", " No ").ok
    assert not check("test.choice", "yes").ok


def test_functions_are_compared_at_sample_points_and_their_errors_reported():
    assert check("test.function", lambda x: 3 * x**2).ok
    assert "at x = " in check("test.function", lambda x: 3 * x).message
    assert "ZeroDivisionError" in check("test.function", lambda x: 1 / (x - x)).message


def test_unknown_exercise_lists_the_known_ones():
    with pytest.raises(KeyError, match="test.number"):
        check("nope", 1)


def test_registering_a_key_twice_is_refused():
    with pytest.raises(ValueError, match="twice"):
        register(Exercise("test.number", "?", 1.0, "."))


def test_solution_shows_question_and_worked_answer():
    text = str(solution("test.number"))
    assert "dL/dc" in text and "f = -2" in text
