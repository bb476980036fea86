"""The backward pass as a film: which gradients are known after each step, and why.

Step 1 sets dL/dL = 1 at the output ``L``. Each later step takes the next node ``n``
in reverse topological order and passes its gradient to each parent ``p`` by the
chain rule::

    dL/dp += dL/dn × dn/dp          (upstream × local)

The frames are a film of the engine's own backward pass (``Value.backward`` with an
observer): the same order, the same local derivatives (``local_grads``), the same sums;
each frame holds the gradients the engine has after that many steps. The words come
from the op table (``autograd.engine.ops``): "de/da = b" for e = a × b. The nodes' ``grad``
is saved before and put back after, so a learner's graph is left as it was.

A ``Tensor`` graph is filmed the same way; its explanations are written in names and
shapes rather than numbers: "dL/dW = Xᵀ @ dL/dY  [3×4]", "dL/dX = dL/dZ × Y  [2×3]",
and where an operand was broadcast, "dL/db = dL/dY summed over axis 0  [2×4] → [4]".
"""

from __future__ import annotations

import numbers
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from autograd.engine.arrays import is_array
from autograd.engine.graph import Node, topological_order
from autograd.language import _
from autograd.viz.text import (
    atom,
    derivative_text,
    format_number,
    formula,
    is_constant,
    node_names,
    shape_text,
)

if TYPE_CHECKING:
    import numpy as np

SYMBOLIC_LIMIT = 24  # a gradient written with names longer than this is written as its number


@dataclass(frozen=True)
class BackwardStep:
    """Frame ``number`` of a backward pass: what is known after that many steps.

    ``grads`` maps each node whose gradient is known (or, for nodes in ``partial``,
    known in part) to d(output)/d(node); ``current`` is the node processed at this
    step; ``updated`` the nodes whose gradient it set or added to; ``explanation``
    the chain-rule products used, one per line.
    """

    number: int
    current: object | None
    grads: Mapping
    explanation: str
    updated: tuple = ()
    partial: frozenset = field(default_factory=frozenset)

    def whole_pass(self) -> BackwardStep:
        """A frame of the same pass with every gradient known and no node marked.

        It is the same for every frame of one pass, and its boxes are as large as theirs
        (a grad cell is as wide as the node's widest gradient over the pass): pictures
        choose their layout by it, so all frames of a pass are laid out alike.
        """
        if not isinstance(self.grads, KnownGradients):
            return self
        end = self.grads.at_end()
        return BackwardStep(end.step, None, end, "")


class KnownGradients(Mapping):
    """The gradients known after step ``k``: a read-only view of the whole history, not a copy."""

    def __init__(self, history: dict[Node, tuple[list[int], list[float]]], k: int) -> None:
        self._history = history
        self._k = k

    def __getitem__(self, node: Node) -> float:
        steps, values = self._history[node]
        index = bisect_right(steps, self._k)
        if index == 0:
            raise KeyError(node)
        return values[index - 1]

    def __iter__(self) -> Iterator[Node]:
        return (node for node, (steps, _) in self._history.items() if steps[0] <= self._k)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    @property
    def step(self) -> int:
        """The step after which these gradients are known."""
        return self._k

    def at_end(self) -> KnownGradients:
        """The gradients known once the whole pass is done."""
        last = max((steps[-1] for steps, _ in self._history.values()), default=0)
        return KnownGradients(self._history, last)

    def values_of(self, node: Node) -> tuple[float, ...]:
        """Every value the gradient of ``node`` takes during the whole pass (one per share received)."""
        return tuple(self._history.get(node, ((), ()))[1])


def backward_steps(root: Node) -> list[BackwardStep]:
    """Frames 0 (forward pass only), 1 (dL/dL = 1), then one per operation node, output first.

    For L = (a*b + c)*f: step 2 passes through L = d × f (dL/dd = f, dL/df = d), step 3
    through d = e + c (dL/de = dL/dc = f), step 4 through e = a × b (dL/da = f × b, dL/db = f × a).
    ``root`` is a ``Value`` or a one-entry ``Tensor`` (a loss).
    """
    film = _ArrayFilm(root) if is_array(getattr(root, "data", None)) else _Film(root)
    out = film.names[root]
    film.frames += [
        BackwardStep(0, None, film.known(0), _("Forward pass: every value is known, no gradient yet.")),
        BackwardStep(1, root, film.known(1), f"d{out}/d{out} = 1", updated=(root,)),
    ]
    saved = {node: node.grad for node in film.order}
    try:
        for node in film.order:  # from zero, so a leaf's gradient is this pass's alone
            node.grad = film.zero(node)
        root.backward(observer=film.step)  # the engine's own pass, filmed step by step
    finally:
        for node, grad in saved.items():
            node.grad = grad
    return film.frames


class _Film:
    """A backward pass of ``Value`` nodes being filmed: the gradients so far, their history, their names."""

    kind = "scalar Values"

    def __init__(self, root: Node) -> None:
        if not (hasattr(root, "parents") and hasattr(root, "local_grads")):
            raise TypeError(
                f"backward_steps: expected a Value or a Tensor, got {type(root).__name__}: {root!r}"
            )
        order = topological_order(root)
        for node in order:
            if not self.holds(node.data):
                raise TypeError(
                    f"backward_steps works on graphs of {self.kind}, got a node whose data is a "
                    f"{type(node.data).__name__}: {node!r}"
                )
        self.root = root
        self.order = order
        self.frames: list[BackwardStep] = []
        self.names = node_names(order)
        self.expected = Counter(parent for node in order for parent in node.parents)  # shares each will get
        self.received: Counter = Counter()
        self.waiting: set[Node] = set()  # nodes with some of their shares, not all
        self.symbols: dict[Node, str | None] = {root: "1"}  # the gradients written with names, while short
        self.history: dict[Node, tuple[list[int], list]] = {root: ([1], [self.one(root)])}

    @staticmethod
    def holds(data: object) -> bool:
        """Whether a node of this film may hold ``data``: a number (an array for ``_ArrayFilm``)."""
        return isinstance(data, numbers.Real)

    def zero(self, node: Node) -> float:
        """The gradient a node starts the filmed pass with."""
        return 0.0

    def one(self, node: Node) -> float:
        """d(root)/d(root), as the engine seeds it."""
        return 1.0

    def known(self, number: int) -> KnownGradients:
        """The gradients known after step ``number``."""
        return KnownGradients(self.history, number)

    def heading(self, node: Node) -> str:
        """The first line of a step's explanation: how ``node`` was computed."""
        return f"{self.names[node]} = {formula(node, self.names)}"

    def count_share(self, parent: Node) -> bool:
        """Note that ``parent`` got one more share of its gradient; whether it had one before."""
        self.received[parent] += 1
        (self.waiting.add if self.received[parent] < self.expected[parent] else self.waiting.discard)(parent)
        return self.received[parent] > 1

    def step(self, node: Node) -> None:
        """The engine has just passed the gradient of ``node`` to its parents: film that as the next frame.

        The gradients are read from the engine (``parent.grad``); a parent that appears twice among the
        operands (x * x) is shown with its first share added, then with the engine's total.
        """
        number = len(self.frames)
        last = {parent: index for index, parent in enumerate(node.parents)}
        lines = [self.heading(node)]
        for index, (parent, local) in enumerate(zip(node.parents, node.local_grads)):
            line = self._pass_share(number, node, index, parent, local, last[parent] == index)
            if line is not None:
                lines.append(line)
        if len(lines) == 1:
            constant = _("{name} has only constant inputs: no gradient to pass on")
            lines.append(constant.format(name=self.names[node]))
        explanation, updated = "\n".join(lines), tuple(dict.fromkeys(node.parents))
        self.frames.append(
            BackwardStep(number, node, self.known(number), explanation, updated, frozenset(self.waiting))
        )

    def _pass_share(
        self, number: int, node: Node, index: int, parent: Node, local: float, last: bool
    ) -> str | None:
        """dL/dparent += dL/dnode × dnode/dparent; the line that says so (None for a constant parent)."""
        names, out = self.names, self.names[self.root]
        upstream = node.grad
        share = local * upstream
        steps, values = self.history.setdefault(parent, ([], []))
        before = values[-1] if values else None
        total = parent.grad if last else share if before is None else before + share
        steps.append(number)
        values.append(total)
        self.count_share(parent)
        local_text = derivative_text(node, index, names)
        symbol = _times(self.symbols[node], local_text)
        self.symbols[parent] = symbol if before is None else _plus(self.symbols[parent], symbol)
        if is_constant(parent):
            return None
        if node is self.root:  # dL/dparent is the local derivative itself
            segments = [local_text]
        else:
            segments = [
                f"d{out}/d{names[node]} × d{names[node]}/d{names[parent]}",
                f"{_first_factor(self.symbols[node] or format_number(upstream))} × {_factor(local_text)}",
                f"{format_number(upstream)} × {_factor(format_number(local))}",
            ]
        segments.append(format_number(share))
        return _chain_line(f"d{out}/d{names[parent]}", segments, before, total)


class _ArrayFilm(_Film):
    """A backward pass of ``Tensor`` nodes being filmed: gradients are arrays, explanations are in shapes.

    Each gradient is read from the engine once the node has passed its whole share on (a parent
    used twice by one node, X * X, is shown with the engine's total).
    """

    kind = "Tensors"
    holds = staticmethod(is_array)

    def zero(self, node: Node) -> np.ndarray:
        import numpy as np  # already imported: the film holds arrays

        return np.zeros(node.data.shape)

    def one(self, node: Node) -> np.ndarray:
        import numpy as np

        return np.ones(node.data.shape)

    def heading(self, node: Node) -> str:
        return f"{super().heading(node)}  {shape_text(node.data.shape)}"

    def _pass_share(
        self, number: int, node: Node, index: int, parent: Node, local: object, last: bool
    ) -> str | None:
        """dL/dparent += the node's gradient passed back through its op; the line that says so, in shapes."""
        if last:
            steps, values = self.history.setdefault(parent, ([], []))
            steps.append(number)
            values.append(parent.grad)
        again = self.count_share(parent)
        if is_constant(parent):
            return None
        names, shape = self.names, parent.data.shape
        upstream = "1" if node is self.root else f"d{names[self.root]}/d{names[node]}"
        template = getattr(local, "explained", None)  # a LocalMap (@, sum, reshape...) says how it chains
        if template is None:  # entry by entry: upstream × local
            text = _times(upstream, derivative_text(node, index, names), limit=None)
            spread = node.data.shape  # the share's shape before the sum over the broadcast axes
        else:
            text = _(template).format(**_spread_fields(node, parent, names), up=upstream)
            spread = shape
            if node.op == "@":  # a batch of products: summed over the batch axes the parent was repeated on
                import numpy as np

                batch = np.broadcast_shapes(*(operand.data.shape[:-2] for operand in node.parents))
                spread = batch + shape[-2:]
        axes = _broadcast_axes(shape, spread)
        shapes = shape_text(shape)
        if axes:
            text = _("{share} summed over {axes}").format(share=f"({text})" if " " in text else text,
                                                          axes=_axes_text(axes))
            shapes = f"{shape_text(spread)} → {shapes}"
        return f"d{names[self.root]}/d{names[parent]} {'+=' if again else '='} {text}  {shapes}"


def _spread_fields(node: Node, parent: Node, names: dict[Node, str]) -> dict[str, str]:
    """The fields of a ``LocalMap.explained`` template: operands; for sum and mean, what is spread where."""
    fields = dict(zip(("a", "b"), (atom(names[p]) for p in node.parents)))
    fields["count"] = format_number(parent.data.size // node.data.size)
    kept = getattr(node.local_grads[0], "kept_shape", None)  # a sum or mean: the axes it kept
    summed = () if kept is None else tuple(i for i, n in enumerate(parent.data.shape) if kept[i] == 1 < n)
    everywhere = len(summed) == sum(n > 1 for n in parent.data.shape)
    fields["where"] = _("every entry") if everywhere else _("every entry along {axes}").format(
        axes=_axes_text(summed))
    return fields


def _broadcast_axes(shape: tuple[int, ...], out_shape: tuple[int, ...]) -> tuple[int, ...]:
    """The axes of ``out_shape`` along which an operand of ``shape`` was repeated (numpy broadcasting).

    For a matrix product ``out_shape`` ends with ``shape``'s own matrix axes, which are never summed.
    """
    padded = (None,) * (len(out_shape) - len(shape)) + tuple(shape)
    return tuple(i for i, (n, m) in enumerate(zip(padded, out_shape)) if n != m)


def _axes_text(axes: tuple[int, ...]) -> str:
    """ "axis 0", "axes 0, 2"."""
    if len(axes) == 1:
        return _("axis {axis}").format(axis=axes[0])
    return _("axes {axes}").format(axes=", ".join(map(str, axes)))


def _chain_line(grad: str, segments: list[str], before: float | None, total: float) -> str:
    """One line of an explanation, equal segments said once: "dL/da = dL/de × de/da = f × b = -2 × (-3) = 6".

    A second share of the same gradient (a node used twice) is added: "dL/dx += ... = 3, so dL/dx = 5".
    """
    distinct = [text for i, text in enumerate(segments) if i == 0 or text != segments[i - 1]]
    if before is None:
        return f"{grad} = " + " = ".join(distinct)
    return f"{grad} += " + " = ".join(distinct) + _(", so {grad} = {total}").format(grad=grad,
                                                                                   total=format_number(total))


def _factor(text: str) -> str:
    """``text`` as the right-hand factor of a product: brackets around sums, differences, signs, quotients."""
    return f"({text})" if _is_sum(text) or text.startswith("-") or " ÷ " in text else text


def _first_factor(text: str) -> str:
    """``text`` as the left-hand factor of a product: brackets around sums and differences."""
    return f"({text})" if _is_sum(text) else text


def _is_sum(text: str) -> bool:
    """Whether ``text`` adds or subtracts outside of all brackets: "a + b" yes, "a × (1 − b)" no."""
    depth = 0
    for i, char in enumerate(text):
        depth += (char == "(") - (char == ")")
        if depth == 0 and text[i : i + 3] in (" + ", " − "):
            return True
    return False


def _times(upstream: str | None, local: str, limit: int | None = SYMBOLIC_LIMIT) -> str | None:
    """upstream × local with names, 1s dropped and signs gathered: "f" × "1" -> "f"; None past ``limit``."""
    if upstream is None:
        return None
    factors = [factor for factor in (upstream, local) if factor != "1"]
    if "0" in factors:
        return "0"
    negative = factors.count("-1") % 2 == 1
    factors = [factor for factor in factors if factor != "-1"]
    if len(factors) < 2:
        text = factors[0] if factors else "1"
    else:
        text = f"{_first_factor(factors[0])} × {_factor(factors[1])}"
    if negative:
        text = f"-({text})" if _is_sum(text) else text[1:] if text.startswith("-") else f"-{text}"
    return text if limit is None or len(text) <= limit else None


def _plus(total: str | None, share: str | None) -> str | None:
    """total + share written with names (a second path into the same node); None if too long."""
    if total is None or share is None:
        return None
    text = f"{total} − {share[1:]}" if share.startswith("-") else f"{total} + {share}"
    return text if len(text) <= SYMBOLIC_LIMIT else None
