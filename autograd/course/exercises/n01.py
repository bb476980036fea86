"""Self-check of notebook 01 (the forward pass): values by hand, leaves, one neuron."""

from __future__ import annotations

from autograd.course.selfcheck import Exercise, register
from autograd.language import N_

register(
    Exercise(
        key="01.1",
        question=N_("With a = 3, b = -2, c = 4, f = 5, what is d, where e = a*b and d = e + c?"),
        expected=-2.0,
        solution=N_(
            "Follow the forward pass one node at a time:\n\n"
            "$$e = a \\times b = 3 \\times (-2) = -6, \\qquad d = e + c = -6 + 4 = -2$$"
        ),
        mistakes=(
            (10.0, N_("a*b is 3 × (−2) = −6, not +6: mind the sign of b.")),
            (-6.0, N_("That is e = a*b; d adds c to it.")),
            (-10.0, N_("That is L = d*f, one step too far: the question asks for d.")),
        ),
    ),
    Exercise(
        key="01.2",
        question=N_("With the same a = 3, b = -2, c = 4, f = 5, what is L = (a*b + c)*f?"),
        expected=-10.0,
        solution=N_(
            "Reuse $d = -2$ from the first exercise; the last node multiplies it by $f$:\n\n"
            "$$L = d \\times f = (a b + c)\\, f = (-6 + 4) \\times 5 = -10$$"
        ),
        mistakes=(
            (-2.0, N_("That is d; the output L multiplies d by f.")),
            (14.0, N_("That is a*b + c*f: the brackets make f multiply the whole sum (a*b + c).")),
            (30.0, N_("That is a*(b + c)*f: a*b is computed first, then c is added.")),
        ),
    ),
    Exercise(
        key="01.3",
        question=N_(
            "In the graph of L = (a*b + c)*f, which of e, d, c is a leaf (a node no operation made)? "
            "Answer 'e', 'd' or 'c'."
        ),
        expected="c",
        choices=("e", "d", "c"),  # names of nodes: the same in every language
        translate_choices=False,
        solution=N_(
            "A leaf has no parents and no operation: `c.op == ''` and `c.parents == ()`. It is a number "
            "we give to the graph (an input or a weight). `e` was made by $\\times$ from `a` and `b`, "
            "and `d` by $+$ from `e` and `c`: both are intermediate values."
        ),
        mistakes=(
            ("e", N_("e = a*b was made by an operation: e.op is '*' and e.parents is (a, b).")),
            ("d", N_("d = e + c was made by an operation: d.op is '+' and d.parents is (e, c).")),
        ),
    ),
    Exercise(
        key="01.4",
        question=N_(
            "A neuron computes out = tanh(w1*x1 + w2*x2 + b). With inputs x1 = 2, x2 = -1 and "
            "weights w1 = 0.5, w2 = 1, b = 1, what is out (3 decimals are enough)?"
        ),
        expected=0.7615941559557649,
        tolerance=1e-3,
        solution=N_(
            "First the weighted sum, then the activation:\n\n"
            "$$w_1 x_1 + w_2 x_2 + b = 0.5 \\times 2 + 1 \\times (-1) + 1 = 1,"
            "\\qquad \\text{out} = \\tanh(1) \\approx 0.7616$$\n\n"
            "In Python: `math.tanh(0.5*2 + 1*(-1) + 1)`, or `Value(1.0).tanh().data`."
        ),
        mistakes=(
            (1.0, N_("That is the weighted sum w1*x1 + w2*x2 + b; the neuron then applies tanh to it.")),
            (0.9950547536867305, N_("That is tanh(3): w2*x2 = 1 × (−1) = −1, not +1.")),
            (0.0, N_("That is tanh(0): the bias b = 1 is part of the sum before tanh.")),
        ),
    ),
)
