"""Self-check of notebook 05 (gradient descent): one step by hand, regimes and thresholds from curvature."""

from __future__ import annotations

from autograd.course.selfcheck import Exercise, register
from autograd.language import N_, NP_

register(
    Exercise(
        key="05.1",
        question=N_("L(w) = (w - 3)**2, w = 5, lr = 0.1. What is w after one step of gradient descent?"),
        expected=4.6,
        mistakes=(
            (5.4, N_("You moved up the slope: the update subtracts lr * G, it does not add it.")),
            (1.0, N_("You subtracted the whole gradient G = 4: the step is lr * G = 0.1 * 4 = 0.4.")),
            (4.8, N_("The gradient of (w - 3)**2 is 2 (w - 3) = 4, not w - 3 = 2: mind the factor 2.")),
            (0.4, N_("That is the size of the step, lr * G; the new w is the old one minus it.")),
        ),
        solution=N_(
            "Backpropagation gives the gradient, gradient descent uses it:\n\n"
            "$$G = \\frac{dL}{dw} = 2\\,(w - 3) = 2 \\times 2 = 4, \\qquad "
            "w_{\\text{new}} = w - \\text{lr}\\, G = 5 - 0.1 \\times 4 = 4.6.$$\n\n"
            "The loss falls from $(5-3)^2 = 4$ to $(4.6 - 3)^2 = 2.56$."
        ),
    ),
    Exercise(
        key="05.2",
        question=N_(
            "L(w) = 2 (w - 1)**2 and lr = 0.3. How does w approach the minimum w* = 1: "
            "'monotone' (from one side), 'oscillates' (from side to side, converging) or 'diverges'?"
        ),
        expected="oscillates",
        choices=(NP_("choice", "monotone"), NP_("choice", "oscillates"), NP_("choice", "diverges")),
        mistakes=(
            ("monotone", N_("The curvature is k = L'' = 4, not the coefficient 2: 1/k = 0.25 is below "
                         "lr = 0.3.")),
            ("diverges", N_("Diverging needs lr > 2/k, and 2/k = 2/4 = 0.5 is above lr = 0.3.")),
        ),
        solution=N_(
            "The curvature is the second derivative: $L'(w) = 4\\,(w - 1)$, so $k = L'' = 4$. "
            "Each step multiplies $w - w^*$ by\n\n"
            "$$1 - \\text{lr}\\,k = 1 - 0.3 \\times 4 = -0.2.$$\n\n"
            "Negative: $w - w^*$ changes sign at every step; smaller than 1 in size: it shrinks. "
            "So $w$ oscillates around $w^* = 1$ and converges "
            "($\\frac{1}{k} = 0.25 < 0.3 < 0.5 = \\frac{2}{k}$)."
        ),
    ),
    Exercise(
        key="05.3",
        question=N_("L(w) = 5 (w - 1)**2. Above which learning rate does gradient descent diverge?"),
        expected=0.2,
        mistakes=(
            (0.1, N_("That is 1/k, where the oscillation starts; w still converges up to 2/k.")),
            (0.4, N_("The curvature is k = L'' = 10, not the coefficient 5: the limit is 2/k.")),
            (20.0, N_("The limit is 2/k = 2/10, not 2k: the steeper the loss, the smaller the "
                      "learning rate.")),
        ),
        solution=N_(
            "$L'(w) = 10\\,(w - 1)$, so the curvature is $k = L'' = 10$. A step multiplies $w - w^*$ by "
            "$1 - 10\\,\\text{lr}$, which has size above 1 once\n\n"
            "$$1 - 10\\,\\text{lr} < -1 \\iff \\text{lr} > \\frac{2}{k} = 0.2.$$\n\n"
            "At exactly $0.2$ the factor is $-1$: $w$ bounces between two points forever. "
            "Below $0.2$ it converges (oscillating above $\\frac{1}{k} = 0.1$)."
        ),
    ),
    Exercise(
        key="05.4",
        question=N_(
            "L(w1, w2) = w1**2 + 10 * w2**2, one learning rate for both weights, a start with w2 != 0. "
            "Above which learning rate does gradient descent diverge?"
        ),
        expected=0.1,
        mistakes=(
            (1.0, N_("That is the limit for w1 alone (k = 2). The steep direction w2 has k = 20 and "
                  "blows up first.")),
            (0.05, N_("That is 1/k for w2, where its zigzag starts; it still converges up to 2/k.")),
            (0.2, N_("The curvature along w2 is the second derivative of 10 w2**2, k = 20, not 10: "
                  "the limit is 2/k.")),
        ),
        solution=N_(
            "Each weight moves on its own: $w_1 \\leftarrow (1 - 2\\,\\text{lr})\\,w_1$ and "
            "$w_2 \\leftarrow (1 - 20\\,\\text{lr})\\,w_2$ (curvatures $k_1 = 2$, $k_2 = 20$). "
            "The learning rate must stay below $\\frac{2}{k}$ for both:\n\n"
            "$$\\text{lr} < \\min\\left(\\frac{2}{2}, \\frac{2}{20}\\right) = 0.1.$$\n\n"
            "The steepest direction sets the learning rate, and the flat one then crawls: at "
            "$\\text{lr} = 0.09$, $w_1$ shrinks only by the factor $0.82$ per step."
        ),
    ),
)
