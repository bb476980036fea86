"""Self-check of notebook 06, training a network: the four lines of a step, parameters, zero_grad."""

from __future__ import annotations

from autograd.course.selfcheck import Exercise, register
from autograd.language import N_, NP_

register(
    Exercise(
        key="06.1",
        question=N_(
            "A learner writes the four lines of a step in this order: forward pass, loss.backward(), "
            "model.zero_grad(), optimizer.step(), with plain SGD (no momentum). What does optimizer.step() "
            "do to the weights? 'nothing' (they do not move), 'right' (a normal step) or 'double' "
            "(a step twice too long)."
        ),
        expected="nothing",
        choices=(NP_("choice", "nothing"), NP_("choice", "right"), NP_("choice", "double")),
        mistakes=(
            ("right", N_("Look at what zero_grad() does just before the step: it sets every .grad to 0, "
                      "erasing the gradient that backward() has just computed.")),
            ("double", N_("Nothing is added twice here: zero_grad() comes after backward(), so it erases "
                       "the fresh gradient instead of the old one.")),
        ),
        solution=N_(
            "`zero_grad()` sets every gradient to $0$, and here it runs *after* `backward()`: it erases "
            "the gradient just computed. The step then moves each weight by\n\n"
            "$$W_{n+1} = W_n - \\mathrm{lr} \\times 0 = W_n,$$\n\n"
            "so **nothing** changes and the loss stays where it is, step after step. The gradient must "
            "be cleared *before* `backward()` (or at the end of the previous step), never between "
            "`backward()` and `step()`."
        ),
    ),
    Exercise(
        key="06.2",
        question=N_("How many parameters (weights and biases) does MLP(2, [4, 4, 1]) have?"),
        expected=37.0,
        mistakes=(
            (28.0, N_("You counted the weights (2*4 + 4*4 + 4*1). Every neuron also has one bias.")),
            (9.0, N_("That is the number of neurons (4 + 4 + 1). Each has one weight per input, "
                     "plus a bias.")),
            (36.0, N_("Close: the output neuron has a bias too.")),
            (27.0, N_("Each layer reads the outputs of the layer before it: the second and the last layers "
                   "read 4 numbers each, not 2.")),
        ),
        solution=N_(
            "A neuron with $n$ inputs has $n$ weights and $1$ bias: $n + 1$ parameters. Layer by layer:\n\n"
            "$$\\underbrace{4 \\times (2 + 1)}_{\\text{layer 1}}"
            " + \\underbrace{4 \\times (4 + 1)}_{\\text{layer 2}}"
            " + \\underbrace{1 \\times (4 + 1)}_{\\text{output}} = 12 + 20 + 5 = 37.$$\n\n"
            "Check it with `len(MLP(2, [4, 4, 1]).parameters())`."
        ),
    ),
    Exercise(
        key="06.3",
        question=N_(
            "Leave model.zero_grad() out of the loop. From one step to the next, what happens to each "
            "weight's .grad? 'adds' (the new gradient is added to the old ones), 'replaced' (the new "
            "gradient replaces the old) or 'zero' (it goes back to 0 by itself)."
        ),
        expected="adds",
        choices=(NP_("choice", "adds"), NP_("choice", "replaced"), NP_("choice", "zero")),
        mistakes=(
            ("replaced", N_("backward() does parent.grad += local * upstream: it adds into a weight's .grad "
                         "and never clears it (a weight is a leaf; leaf gradients accumulate).")),
            ("zero", N_("Nothing resets a weight's .grad but zero_grad(): backward() only adds into it.")),
        ),
        solution=N_(
            "`backward()` **adds** each share into `.grad` (`parent.grad += local * upstream`), and the "
            "weights are leaves, whose gradients accumulate from one call to the next, as in PyTorch. "
            "Without `zero_grad()` the step after $n$ steps would use "
            "$G_1 + G_2 + \\dots + G_n$ instead of $G_n$: stale gradients that keep pushing in old "
            "directions, with ever longer steps. `zero_grad()` prevents that."
        ),
    ),
    Exercise(
        key="06.4",
        question=N_(
            "Of the four lines, which one changes the weights? 'forward', 'zero_grad', 'backward' or 'step'."
        ),
        expected="step",
        choices=("forward", "zero_grad", "backward", "step"),  # method names: the same in every language
        translate_choices=False,
        mistakes=(
            ("backward", N_("backward() is backpropagation: it computes the gradient (fills every .grad) "
                         "but leaves every weight's .data as it was.")),
            ("forward", N_("The forward pass reads the weights to compute the scores and the loss; it "
                        "changes none of them.")),
            ("zero_grad", N_("zero_grad() changes the gradients (to 0), not the weights.")),
        ),
        solution=N_(
            "Only `optimizer.step()` writes new weights: $W_{n+1} = W_n - \\mathrm{lr} \\times G_n$. "
            "Backpropagation (`loss.backward()`) *computes* the gradient $G_n$; gradient descent "
            "(the step) *uses* it. The forward pass reads the weights, `zero_grad()` clears the gradients."
        ),
    ),
)
