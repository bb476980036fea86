"""Self-check of notebook 04, the autograd engine: a node used twice, = against +=, the visiting order,
and leaf gradients that accumulate over two backward calls."""

from __future__ import annotations

from autograd.course.selfcheck import Exercise, register
from autograd.language import N_, NP_

register(
    Exercise(
        key="04.1",
        question=N_("L = a*a at a = 3. What gradient does backward() leave in a.grad?"),
        expected=6.0,
        mistakes=(
            (3.0, N_("That is one share only. a*a uses a twice, and each use sends a share (the other "
                  "input, 3, times the upstream gradient 1): add both, 3 + 3.")),
            (9.0, N_("That is the value of L = a*a, not its gradient.")),
            (2.0, N_("That is d(a + a)/da. For a*a each share is the other input, a = 3, not 1.")),
        ),
        solution=N_(
            "The $\\times$ node gives each input *the other input* times the upstream gradient. Both inputs "
            "are $a$, so $a$ gets two shares, and `+=` adds them:\n\n"
            "$$\\frac{\\partial L}{\\partial a} = \\underbrace{a \\cdot 1}_{\\text{first use}} + "
            "\\underbrace{a \\cdot 1}_{\\text{second use}} = 2a = 6.$$\n\n"
            "The same as differentiating $a^2$ on paper."
        ),
    ),
    Exercise(
        key="04.2",
        question=N_(
            "Someone writes parent.grad = local * node.grad (with =, not +=) in backward. For "
            "L = a*b + a at a = 2, b = 5, the engine visits L first, then the node a*b. "
            "What does it leave in a.grad?"
        ),
        expected=5.0,
        mistakes=(
            (6.0, N_("That is the right gradient, b + 1, which += gives. With = each share replaces the "
                  "one before: only the last share survives.")),
            (1.0, N_("That is the share a gets first, from the + node (L is visited first). The node a*b "
                  "is visited next, and its share overwrites it.")),
            (2.0, N_("That is the share b gets from a*b (the other input, a = 2). Which share "
                     "reaches a last?")),
        ),
        solution=N_(
            "Write $n = a \\cdot b$, so $L = n + a$. The engine visits $L$, then $n$:\n\n"
            "1. $L = n + a$ passes its gradient unchanged: `n.grad = 1`, `a.grad = 1`.\n"
            "2. $n = a \\cdot b$ gives $a$ the other input times $n$'s gradient: `a.grad = b * 1 = 5`, "
            "which **replaces** the 1.\n\n"
            "So `a.grad` is $5$, while the right answer, with `+=`, is "
            "$\\frac{\\partial L}{\\partial a} = 1 + b = 6$."
        ),
    ),
    Exercise(
        key="04.3",
        question=N_(
            "In which order must backward visit the nodes? 'reverse' (reverse topological order: output "
            "first, each node before its parents), 'forward' (inputs first, each node after its parents) "
            "or 'any'."
        ),
        expected="reverse",
        choices=(NP_("choice", "reverse"), NP_("choice", "forward"), NP_("choice", "any")),
        mistakes=(
            ("forward", N_("Inputs first means each node passes its gradient on before anything has arrived: "
                        "every input would get 0.")),
            ("any", N_("Not any: in section 3, visiting e before d passed e's gradient on before d's share "
                    "had arrived, and a got -12 instead of 6.")),
        ),
        solution=N_(
            "A node may pass its gradient on only when it is complete, that is, after **every** node that "
            "uses it has sent its share. Nodes that use $n$ come after $n$ in a topological order, so the "
            "backward pass walks that order **in reverse**: output first, each node before its parents. "
            "For $L = e \\cdot d$ with $d = e + c$: $L$, then $d$, then $e$."
        ),
    ),
    Exercise(
        key="04.4",
        question=N_(
            "x = Value(5.0), y = x * x, then y.backward() is called twice, with no zero_grad() in between. "
            "What is x.grad?"
        ),
        expected=20.0,
        mistakes=(
            (10.0, N_("That is after one call. Leaf gradients accumulate: the second call adds its 10 to the "
                   "10 already there.")),
            (5.0, N_("x*x uses x twice and each use sends a share of 5: dy/dx = 2x = 10 per call, and there "
                  "are two calls.")),
            (25.0, N_("That is the value of y = x*x, not a gradient.")),
        ),
        solution=N_(
            "One call gives $\\frac{dy}{dx} = 2x = 10$ (two shares of $x = 5$). `x` is a leaf, and leaf "
            "gradients accumulate over calls, as in PyTorch: the second call adds another $10$.\n\n"
            "$$x.\\text{grad} = 10 + 10 = 20.$$\n\n"
            "Call `y.zero_grad()` (or `optimizer.zero_grad()`) between the calls to get 10 again."
        ),
    ),
)
