"""Walking a computation graph.

A graph is made of nodes that each hold a tuple ``parents`` (the operands that made
the node, in operand order). Both the backward pass and the pictures need the nodes
in *topological order*: every node after all of its parents. The walk below is an
explicit-stack depth-first search, so a chain of a million operations needs no
recursion, and it visits parents in operand order, so the order is the same on
every run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol


class Node(Protocol):
    """Anything with operands: a scalar ``Value`` or a ``Tensor``."""

    parents: tuple[Node, ...]


def topological_order(root: Node, leaves: bool = True) -> list[Node]:
    """Every node that ``root`` depends on, ``root`` last, each after its parents.

    Depth-first, parents in operand order: for ``L = (a*b + c)*f`` the order is
    ``a, b, a*b, c, a*b + c, f, L``. With ``leaves=False`` only the nodes made by
    an operation are listed (``a*b, a*b + c, L``): all that backward() visits.
    """
    if not root.parents:
        return [root] if leaves else []
    order: list[Node] = []
    seen = {root}
    stack: list[tuple[Node, Iterator[Node]]] = [(root, iter(root.parents))]
    while stack:
        node, parents = stack[-1]
        for parent in parents:
            if parent.parents:
                if parent not in seen:
                    seen.add(parent)
                    stack.append((parent, iter(parent.parents)))
                    break
            elif leaves and parent not in seen:  # a leaf: nothing to wait for
                seen.add(parent)
                order.append(parent)
        else:
            stack.pop()
            order.append(node)
    return order


Observer = Callable[[Any], None]


def backpropagate(
    root: Node, reset: object, seed: Callable[[Any], None],
    pass_on: Callable[[Iterable[Any], Observer | None], None], observer: Observer | None = None,
) -> None:
    """The backward pass, shared by ``Value`` and ``Tensor``: the chain rule in reverse topological order.

    Every node made by an operation gets ``grad = reset`` (its gradient is recomputed), ``seed(root)``
    sets d(root)/d(root), then ``pass_on(nodes, observer)`` makes each node, output first, pass its
    gradient to its parents (upstream × local, added to what the parent has) and then calls
    ``observer(node)`` if given: the backward-pass stepper films the engine this way. The loop over
    the nodes is the engine's own, with no call per node: it is the hot path of training.
    """
    interior = topological_order(root, leaves=False)
    for node in interior:
        node.grad = reset
    seed(root)
    pass_on(reversed(interior), observer)
