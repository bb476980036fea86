"""Self-check of notebook 02 (derivatives as slopes): a secant slope, forward vs central, nudges, cost."""

from __future__ import annotations

from autograd.course.selfcheck import Exercise, register
from autograd.language import N_, NP_

register(
    Exercise(
        key="02.1",
        question=N_(
            "Estimate the slope of f(x) = x**2 at x = 3 with the forward difference "
            "(f(x + h) - f(x)) / h and h = 0.1."
        ),
        expected=6.1,
        solution=N_(
            "Two values of $f$ and one division:\n\n"
            "$$\\frac{f(3.1) - f(3)}{0.1} = \\frac{9.61 - 9}{0.1} = \\frac{0.61}{0.1} = 6.1$$\n\n"
            "The exact slope is $f'(3) = 2 \\times 3 = 6$: the estimate is off by $0.1 = h$, because for "
            "$x^2$ the forward difference is exactly $2x + h$. In code: "
            "`forward_difference(lambda x: x**2, 3.0, 0.1)`."
        ),
        mistakes=(
            (6.0, N_("That is the exact slope f'(3) = 2x. The question asks for the estimate with "
                  "h = 0.1, which is a little off.")),
            (0.61, N_("That is the rise f(3.1) - f(3); the slope divides it by the run h = 0.1.")),
            (5.9, N_("That is the backward difference (f(3) - f(2.9)) / 0.1: the forward one looks "
                  "at x + h.")),
        ),
    ),
    Exercise(
        key="02.2",
        question=N_(
            "For a smooth curve and the same step h = 0.01, which estimate of the slope is usually "
            "closer to the true slope: 'forward' or 'central'?"
        ),
        expected="central",
        choices=(NP_("choice", "forward"), NP_("choice", "central")),
        solution=N_(
            "Write $f(x \\pm h)$ with Taylor's formula: "
            "$f(x \\pm h) = f(x) \\pm h f'(x) + \\tfrac{h^2}{2} f''(x) "
            "\\pm \\tfrac{h^3}{6} f'''(x) + \\dots$\n\n"
            "$$\\frac{f(x+h) - f(x)}{h} = f'(x) + \\tfrac{h}{2} f''(x) + \\dots \\qquad "
            "\\frac{f(x+h) - f(x-h)}{2h} = f'(x) + \\tfrac{h^2}{6} f'''(x) + \\dots$$\n\n"
            "In the central difference the $h^2$ terms cancel, so its error shrinks like $h^2$ "
            "($10^{-4}$ for $h = 0.01$) instead of like $h$ ($10^{-2}$). The log-log plot of the "
            "notebook shows it: the central curve has slope 2, the forward one slope 1."
        ),
        mistakes=(
            ("forward", N_("Look at the error plot again: at h = 0.01 the central curve is far below. "
                        "The forward error shrinks like h, the central one like h².")),
        ),
    ),
    Exercise(
        key="02.3",
        question=N_(
            "At a = 2, b = -3, c = 10, f = -2, the slope of L = (a*b + c)*f along b is dL/db = -4. "
            "If you raise b by 0.01 (the others fixed), by about how much does L change?"
        ),
        expected=-0.04,
        solution=N_(
            "A partial derivative is a slope: change in $L$ $\\approx \\frac{\\partial L}{\\partial b} "
            "\\times$ nudge $= -4 \\times 0.01 = -0.04$. So $L$ goes down, from $-8$ to about $-8.04$. "
            "Here it is exact, since $L = (ab + c)f$ is a straight line in $b$: "
            "$(2 \\times (-2.99) + 10) \\times (-2) = -8.04$."
        ),
        mistakes=(
            (0.04, N_("Mind the sign: dL/db is negative, so raising b lowers L.")),
            (-4.0, N_("That is dL/db itself, the change per unit of b; multiply it by the nudge 0.01.")),
            (-8.04, N_("That is the new value of L; the question asks for the change.")),
        ),
    ),
    Exercise(
        key="02.4",
        question=N_(
            "A network has 10,000 parameters. How many forward passes does one gradient by forward "
            "differences take, counting the pass at the unchanged parameters?"
        ),
        expected=10_001.0,
        solution=N_(
            "One pass gives $L$ at the current parameters; then each parameter $w_i$ needs its own "
            "pass with only $w_i$ nudged, to get $\\frac{L(w_i + h) - L}{h}$: $1 + 10\\,000 = 10\\,001$ "
            "passes. Central differences need two per parameter, $20\\,000$. Backpropagation gets all "
            "10,000 derivatives from **one** forward and **one** backward pass."
        ),
        mistakes=(
            (10_000.0, N_("Almost: the nudged values are compared with L at the unchanged parameters, "
                       "which takes one more pass.")),
            (20_000.0, N_("That is for central differences (two nudges per parameter); forward "
                       "differences nudge each parameter once.")),
            (2.0, N_("That is backpropagation (one forward and one backward pass). By nudging, every "
                  "parameter needs its own forward pass.")),
        ),
    ),
)
