"""Self-check of notebook 03, the chain rule by hand: L = (a*b + c)*f with new values, a node used twice."""

from __future__ import annotations

from autograd.course.selfcheck import Exercise, register
from autograd.language import N_, NP_

register(
    Exercise(
        key="03.1",
        question=N_("Same graph (e = a*b, d = e + c, L = d*f), new values: a = 2, b = 5, c = -4, "
                    "f = -3. What is dL/dc?"),
        expected=-3.0,
        mistakes=(
            (1.0, N_("That is dd/dc, the local derivative of + alone: multiply it by the upstream "
                  "gradient dL/dd.")),
            (6.0, N_("That is d, which is dL/df. For c, follow the path c -> d -> L.")),
            (-18.0, N_("That is the value of L, not a gradient.")),
            (3.0, N_("Check the sign: dL/dd = f, and f is negative.")),
        ),
        solution=N_(
            "Walk from $L$ back to $c$:\n\n"
            "$$\\frac{\\partial L}{\\partial c} = \\frac{\\partial L}{\\partial d}\\,"
            "\\frac{\\partial d}{\\partial c} = f \\times 1 = f = -3.$$\n\n"
            "Step 2 gives $\\frac{\\partial L}{\\partial d} = f$ (rule for $\\times$: the other input); "
            "step 3 passes it through the $+$ node unchanged. The values of $a$, $b$ and $c$ do not matter."
        ),
    ),
    Exercise(
        key="03.2",
        question=N_("Same graph and values (a = 2, b = 5, c = -4, f = -3). What is dL/da?"),
        expected=-15.0,
        mistakes=(
            (5.0, N_("That is de/da = b, the local derivative alone: multiply it by the upstream "
                  "gradient dL/de = f.")),
            (-3.0, N_("That is dL/de = f: one more step back, through e = a*b.")),
            (-6.0, N_("That is f*a = dL/db. At a * node each input gets the OTHER input times the upstream "
                   "gradient.")),
            (15.0, N_("Check the sign: f = -3 and b = 5.")),
        ),
        solution=N_(
            "Three links of the chain, from $L$ back to $a$:\n\n"
            "$$\\frac{\\partial L}{\\partial a} = \\frac{\\partial L}{\\partial d}\\,"
            "\\frac{\\partial d}{\\partial e}\\,\\frac{\\partial e}{\\partial a}"
            " = f \\times 1 \\times b = (-3) \\times 5 = -15.$$\n\n"
            "Negative: raising $a$ a little lowers $L$ (by about $15$ times the nudge)."
        ),
    ),
    Exercise(
        key="03.3",
        question=N_("L = x*x + x at x = 3: the node x is used three times. What is dL/dx?"),
        expected=7.0,
        mistakes=(
            (4.0, N_("x*x uses x twice: each use gets its own share (the other input, x = 3). "
                  "Add all the shares: 3 + 3 + 1.")),
            (6.0, N_("You have the two shares from x*x; the + node sends x a third share, 1.")),
            (1.0, N_("That is only the share that comes through the + node; x*x sends two more.")),
            (12.0, N_("That is the value of L, not its gradient.")),
        ),
        solution=N_(
            "Every use of $x$ sends it a share, and the shares add up. The $+$ node passes "
            "$\\frac{\\partial L}{\\partial L} = 1$ unchanged to $x\\cdot x$ and to $x$: share $1$. "
            "The $\\times$ node gives each of its two inputs the other input times the upstream gradient: "
            "$x \\times 1 = 3$, twice.\n\n"
            "$$\\frac{\\partial L}{\\partial x} = 3 + 3 + 1 = 7 = 2x + 1 \\text{ at } x = 3.$$"
        ),
    ),
    Exercise(
        key="03.4",
        question=N_(
            "The upstream gradient arriving at a + node is 5. What does each input of the + node get? "
            "'unchanged' (5, as it is), 'other' (the other input times 5) or 'half' (5 / 2 each)."
        ),
        expected="unchanged",
        choices=(NP_("choice", "unchanged"), NP_("choice", "other"), NP_("choice", "half")),
        mistakes=(
            ("other", N_("That is the rule for a * node. For s = p + q, ds/dp = 1: the gradient passes "
                      "through times 1.")),
            ("half", N_("The gradient is not shared out: nudging p by h moves p + q by h, whatever q is, "
                     "so each input gets all of it.")),
        ),
        solution=N_(
            "For $s = p + q$ the local derivatives are $\\frac{\\partial s}{\\partial p} = "
            "\\frac{\\partial s}{\\partial q} = 1$, so each input gets the upstream gradient times 1: "
            "**unchanged**, 5 each. A $+$ node copies its gradient to every input."
        ),
    ),
)
