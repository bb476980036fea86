"""Self-check of notebook 07, scalars and tensors: rank, the shape of x @ W, scalar nodes, broadcast grads."""

from __future__ import annotations

from autograd.course.selfcheck import Exercise, register
from autograd.language import N_

register(
    Exercise(
        key="07.1",
        question=N_(
            "A batch of 8 video clips, each made of 16 frames, each frame a colour (RGB) image of 64 x 64 "
            "pixels, is stored as an array of shape (8, 16, 3, 64, 64). What is its rank?"
        ),
        expected=5.0,
        mistakes=(
            (4.0, N_("One clip, (16, 3, 64, 64), has rank 4; the batch adds one more axis: which clip.")),
            (3.0, N_("One frame, (3, 64, 64), has rank 3; the clips add an axis (which frame), and so "
                  "does the batch (which clip).")),
            (8.0, N_("8 is the length of the first axis (how many clips). The rank counts the axes.")),
            (1572864.0, N_("That is the number of entries, 8 x 16 x 3 x 64 x 64 (its size). The rank "
                        "counts the axes.")),
        ),
        solution=N_(
            "The rank is the number of axes, that is the number of indices needed to reach one entry: "
            "`clips[n, t, c, i, j]` is clip $n$, frame $t$, colour channel $c$ (red, green or blue), "
            "pixel row $i$, column $j$. Five indices, so **rank 5** (`clips.ndim == 5`). The shape gives "
            "the length of each axis, $(8, 16, 3, 64, 64)$, and the size their product, "
            "$8 \\times 16 \\times 3 \\times 64 \\times 64 = 1\\,572\\,864$ entries."
        ),
    ),
    Exercise(
        key="07.2",
        question=N_(
            "x has shape (32, 5) (32 points of 5 features each) and W has shape (5, 4). How many entries "
            "does x @ W have?"
        ),
        expected=128.0,
        mistakes=(
            (20.0, N_("That is the size of W (5 x 4). x @ W has one row per row of x.")),
            (160.0, N_("That is the size of x (32 x 5). The 5 features are summed away by the product.")),
            (640.0, N_("That is how many multiplications the product does (32 x 4 x 5); each entry adds 5 "
                    "of them up.")),
        ),
        solution=N_(
            "A matrix product $(32, 5) \\,@\\, (5, 4)$ needs the inner lengths to agree ($5 = 5$) and "
            "keeps the outer ones: the shape is $(32, 4)$, one row per point and one column per neuron, so "
            "$32 \\times 4 =$ **128** entries. Each entry is a sum over the 5 features: "
            "$(xW)_{ij} = \\sum_{k=1}^{5} x_{ik} W_{kj}$."
        ),
    ),
    Exercise(
        key="07.3",
        question=N_(
            "The scalar engine computes the same x @ W (x of shape (32, 5), W of shape (5, 4)) one number at "
            "a time, as autograd.learning.nn does: each product x_ik * W_kj is its own '*' node. "
            "How many '*' nodes does that one tensor operation replace?"
        ),
        expected=640.0,
        mistakes=(
            (128.0, N_("That is the number of entries of x @ W. Each entry is a sum of 5 products, each one "
                    "its own '*' node.")),
            (20.0, N_("That is the number of weights; each weight is used once per point, 32 times.")),
            (160.0, N_("That is the number of entries of x; each is multiplied by the 4 weights of its row "
                    "of W (one per neuron).")),
        ),
        solution=N_(
            "Entry $(i, j)$ of $xW$ is $\\sum_{k=1}^{5} x_{ik} W_{kj}$: 5 products. There are "
            "$32 \\times 4 = 128$ entries, so $128 \\times 5 =$ **640** `*` nodes (plus 128 sums), each with "
            "its own Python object, its data, its grad and its local derivatives. The tensor engine makes "
            "one `@` node, and numpy does the 640 multiplications in compiled code."
        ),
    ),
    Exercise(
        key="07.4",
        question=N_(
            "With x of shape (32, 5), W of shape (5, 4) and b of shape (4,), let L = (x @ W + b).sum(). "
            "After L.backward(), what is b.grad[0]?"
        ),
        expected=32.0,
        mistakes=(
            (1.0, N_("b[0] is broadcast: it is added to all 32 rows of column 0, and each of those 32 uses "
                  "passes back a gradient of 1. They add up.")),
            (128.0, N_("Only column 0 of x @ W + b uses b[0]: 32 entries, not all 128.")),
            (4.0, N_("4 is the number of entries of b (b.grad has that shape too); b[0] is used once per "
                  "row of x.")),
        ),
        solution=N_(
            "Broadcasting adds the same $b_0$ to every row: $L = \\sum_{i=1}^{32} \\sum_{j} "
            "\\big((xW)_{ij} + b_j\\big)$, so $\\frac{\\partial L}{\\partial b_0} = "
            "\\underbrace{1 + 1 + \\dots + 1}_{32 \\text{ rows}} =$ **32**. A value used several times gets "
            "the sum of the gradients of its uses (as in notebook 04); `b.grad` has the shape of `b`, "
            "$(4,)$, and every entry is 32."
        ),
    ),
)
