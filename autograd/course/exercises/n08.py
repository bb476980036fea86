"""Self-check of notebook 08, your questions: the graph of T1 = log(T2*T3 + T4); which line moves a weight."""

from __future__ import annotations

import math

from autograd.course.selfcheck import Exercise, register
from autograd.language import N_

register(
    Exercise(
        key="08.1",
        question=N_(
            "How many nodes does the graph of T1 = log(T2*T3 + T4) have (what topological_order(T1) "
            "lists: leaves included, T1 included)?"
        ),
        expected=6.0,
        mistakes=(
            (3.0, N_("That is the number of operations (×, +, log). The leaves T2, T3 and T4 are nodes "
                  "too: a node is every box of the picture.")),
            (9.0, N_("You also counted the three circles of the picture. A circle is not a node of its "
                  "own: it is the op of the box its arrow points to.")),
            (4.0, N_("You counted the leaves and T1. The values in between, T2*T3 and T2*T3 + T4, are "
                  "nodes too: each one is computed and kept, with its own data and grad.")),
        ),
        solution=N_(
            "One node per value that was computed or given: the leaves $T_2$, $T_3$, $T_4$, then one node "
            "per operation, $n_1 = T_2 T_3$, $n_2 = n_1 + T_4$ and $T_1 = \\log n_2$:\n\n"
            "$$3 \\text{ leaves} + 3 \\text{ operations} = 6 \\text{ nodes}.$$\n\n"
            "The operation is not a separate node: each computed node keeps its `op` (`*`, `+`, `log`) "
            "and its `parents`. Check it with `len(topological_order(T1))`."
        ),
    ),
    Exercise(
        key="08.2",
        question=N_(
            "One training step runs: the forward pass, loss.backward(), optimizer.step(). Which of the "
            "three writes new numbers into the weights' .data? 'forward', 'backward' or 'step'."
        ),
        expected="step",
        choices=("forward", "backward", "step"),  # method names: the same in every language
        translate_choices=False,
        mistakes=(
            ("backward", N_("This is what the notes say, and the demo of question 3 shows otherwise: after "
                         "backward() w1.data is unchanged; only its .grad is new. Backpropagation "
                         "computes the gradient; it does not use it.")),
            ("forward", N_("The forward pass reads the weights to compute the output and the loss (and "
                        "records the graph); it changes no weight.")),
        ),
        solution=N_(
            "Only `optimizer.step()` writes new weights: $W_{n+1} = W_n - \\mathrm{lr} \\times G_n$. "
            "The forward pass *reads* the weights (and records the graph); the backward pass "
            "(backpropagation) *computes* $G_n = \\frac{\\partial L}{\\partial W}$ and stores it in "
            "`.grad`; the step *uses* it. That is why a gradient can be inspected, clipped or averaged "
            "before any weight moves."
        ),
    ),
    Exercise(
        key="08.3",
        question=N_("T1 = log(T2*T3 + T4) at T2 = 0.5, T3 = 4, T4 = 3. What is dT1/dT4?"),
        expected=0.2,
        mistakes=(
            (1.0, N_("That is d(T2*T3 + T4)/dT4 alone. Multiply by the local derivative of log: "
                  "1 / (T2*T3 + T4).")),
            (5.0, N_("That is T2*T3 + T4 itself. The derivative of log(u) is 1/u, not u.")),
            (0.8, N_("That is dT1/dT2 = T3 / (T2*T3 + T4). For T4 the local derivative of + is 1, not T3.")),
            (math.log(5.0), N_("That is the value of T1, log(5), not its derivative.")),
        ),
        solution=N_(
            "Name the inside $u = T_2 T_3 + T_4 = 0.5 \\times 4 + 3 = 5$. The chain rule, from $T_1$ "
            "back to $T_4$: upstream gradient $\\frac{d T_1}{d u} = \\frac{1}{u}$ (the derivative of "
            "$\\log$), times the local derivative $\\frac{\\partial u}{\\partial T_4} = 1$ (the "
            "derivative of $+$):\n\n"
            "$$\\frac{\\partial T_1}{\\partial T_4} = \\frac{1}{u} \\times 1 = \\frac{1}{5} = 0.2.$$"
        ),
    ),
)
