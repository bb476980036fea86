"""Self-check of notebook 00 (start here): reading a picture of a graph."""

from __future__ import annotations

from autograd.course.selfcheck import Exercise, register
from autograd.language import N_, NP_

register(
    Exercise(
        key="00.1",
        question=N_("In the picture of L = (x - 1)*y with x = 3 and y = -2, what is the data of n1?"),
        expected=2.0,
        solution=N_(
            "`n1` is the box fed by the $-$ circle, whose operands are `x` and the constant `1`:\n\n"
            "$$n_1 = x - 1 = 3 - 1 = 2$$\n\n"
            "Its box reads **data 2**. (The output is then $L = n_1 \\times y = 2 \\times (-2) = -4$.)"
        ),
        mistakes=(
            (4.0, N_("That is x + 1: the circle before n1 holds a minus sign.")),
            (-4.0, N_("That is the data of L, the yellow box; n1 is the grey box in the middle.")),
            (-2.0, N_("That is n1's grad (the third cell), not its data (the second cell).")),
        ),
    ),
    Exercise(
        key="00.2",
        question=N_(
            "In the same picture, is the gradient of x positive or negative? "
            "Answer 'positive' or 'negative'."
        ),
        expected="negative",
        choices=(NP_("choice", "positive"), NP_("choice", "negative")),
        solution=N_(
            "The grad cell of `x` reads $-2$, written in **red**: red marks a negative gradient, "
            "blue a positive one. A negative gradient says that raising `x` a little *lowers* `L`: "
            "here $L = (x - 1)\\,y$ changes by $y = -2$ for each unit added to $x$."
        ),
        mistakes=(
            ("positive", N_("Look at the colour of x's grad: red numbers are negative, blue ones positive.")),
        ),
    ),
)
