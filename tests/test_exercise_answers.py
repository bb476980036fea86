"""The self-check's answers, derived independently: no oracle here reads an exercise's ``expected``.

Every course exercise (``autograd.course.exercises``) has an oracle that computes its answer from the question
itself: by the engine on the question's own graph, by sympy, by finite differences, or from a small
demonstration run with the engine (for a choice that is a concept, e.g. which line moves the weights).
The tests then hold ``expected``, the worked solution and every diagnosed mistake to that answer, so a
typo in any of them fails here, naming the exercise.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import pytest
import sympy

import autograd.course.exercises  # noqa: F401  (registers the course's exercises)
from autograd import MLP, SGD, Layer, Tensor, Value, expression, topological_order
from autograd.course.selfcheck import EXERCISES, Exercise, check, solution
from autograd.engine.numeric import central_difference, forward_difference, numeric_gradient
from autograd.learning.descent import descend

Answer = float | str | Callable[[float], float]
TEST_PREFIX = "test."  # exercises the tests register to try the checker: not the course's


@dataclass(frozen=True)
class Oracle:
    """How an exercise's answer is derived (``method``), and the derivation."""

    method: str  # "engine", "sympy", "numeric", "closed form" or "demonstration"
    derive: Callable[[], Answer]


ORACLES: dict[str, Oracle] = {}
METHODS = ("engine", "sympy", "numeric", "closed form", "demonstration")


def oracle(key: str, method: str) -> Callable[[Callable[[], Answer]], Callable[[], Answer]]:
    """Register ``derive`` as the oracle of exercise ``key`` (each key once)."""
    assert method in METHODS, method

    def register(derive: Callable[[], Answer]) -> Callable[[], Answer]:
        assert key not in ORACLES, f"two oracles for {key}"
        ORACLES[key] = Oracle(method, derive)
        return derive

    return register


def course_exercises() -> list[str]:
    """The keys of the course's exercises, sorted."""
    return sorted(key for key in EXERCISES if not key.startswith(TEST_PREFIX))


# ----- helpers the oracles share -----


def backward_visiting(root: Value, visits: Iterable[Value], accumulate: bool = True) -> None:
    """A backward pass that visits the nodes in the order given, adding shares (+=) or assigning (=)."""
    for node in topological_order(root):
        node.grad = 0.0
    root.grad = 1.0
    for node in visits:
        for parent, local in zip(node.parents, node.local_grads):
            share = local * node.grad
            parent.grad = parent.grad + share if accumulate else share


def approach(loss: Callable[[Value], Value], start: float, lr: float, minimum: float) -> str:
    """Run gradient descent and say how w approaches ``minimum``: monotone, oscillates or diverges."""
    path = descend(loss, start, lr, steps=30)
    offsets = [w - minimum for w in path.column(path.names[0])]
    if path.diverged or abs(offsets[-1]) >= abs(offsets[0]):
        return "diverges"
    flips = [(a < 0) != (b < 0) for a, b in zip(offsets, offsets[1:]) if a and b]
    return "oscillates" if flips and all(flips) else "monotone"


def divergence_threshold(loss: sympy.Expr, weights: Sequence[sympy.Symbol]) -> float:
    """The learning rate above which gradient descent on a quadratic ``loss`` diverges, by sympy.

    One step is the map w -> w - lr * grad L(w); its Jacobian is constant for a quadratic. A direction
    blows up once an eigenvalue of that Jacobian falls below -1: the threshold is the smallest
    positive lr where some eigenvalue equals -1.
    """
    lr = sympy.Symbol("lr", positive=True)
    step = sympy.Matrix([w - lr * sympy.diff(loss, w) for w in weights])
    jacobian = step.jacobian(list(weights))
    limits = [root for eigenvalue in jacobian.eigenvals() for root in sympy.solve(eigenvalue + 1, lr)]
    return float(min(limits))


X, TARGET = [0.5, -1.0], 1.0  # one data point for the small network of the training-step demos


class TrainingStep:
    """The lines of a training step on a small MLP, run one by one by name, with plain SGD."""

    def __init__(self, lr: float = 0.1) -> None:
        self.model = MLP(2, [3, 1], seed=0)
        self.optimizer = SGD(self.model.parameters(), lr=lr)
        self.loss: Value | None = None

    def run(self, *lines: str) -> None:
        """Run the lines in order: 'forward', 'zero_grad', 'backward', 'step'."""
        actions = {
            "forward": self.forward,
            "zero_grad": self.model.zero_grad,
            "backward": lambda: self.loss.backward(),
            "step": self.optimizer.step,
        }
        for line in lines:
            actions[line]()

    def forward(self) -> None:
        """The forward pass: the squared error of the network on the one point."""
        self.loss = (self.model(X) - TARGET) ** 2

    def weights(self) -> np.ndarray:
        """Every parameter's .data, in order."""
        return np.array([p.data for p in self.model.parameters()])

    def grads(self) -> np.ndarray:
        """Every parameter's .grad, in order."""
        return np.array([p.grad for p in self.model.parameters()])


def the_line_that_moves_the_weights(lines: Sequence[str]) -> str:
    """Run a training step line by line and name the one line after which the weights changed."""
    demo = TrainingStep()
    movers = []
    for line in lines:
        before = demo.weights()
        demo.run(line)
        if not np.array_equal(demo.weights(), before):
            movers.append(line)
    assert len(movers) == 1, f"expected one line to move the weights, got {movers}"
    return movers[0]


def which(observed: np.ndarray, candidates: dict[str, np.ndarray]) -> str:
    """The name of the one candidate array that ``observed`` equals (to rounding)."""
    names = [name for name, candidate in candidates.items() if np.allclose(observed, candidate)]
    assert len(names) == 1, f"expected one match, got {names}"
    return names[0]


# ----- 00: reading a picture of a graph (the notebook draws expression("(x - 1)*y", x=3, y=-2)) -----


def picture_00() -> dict[str, Value]:
    """The nodes of notebook 00's picture, by the names the picture gives them, after backward()."""
    L = expression("(x - 1)*y", x=3, y=-2)
    L.backward()
    return {node.label: node for node in topological_order(L)}


@oracle("00.1", "engine")
def _() -> float:
    return picture_00()["n1"].data


@oracle("00.2", "engine")
def _() -> str:
    return "positive" if picture_00()["x"].grad > 0 else "negative"


# ----- 01: the forward pass -----


@oracle("01.1", "engine")
def _() -> float:
    a, b, c = Value(3.0), Value(-2.0), Value(4.0)
    return (a * b + c).data


@oracle("01.2", "engine")
def _() -> float:
    a, b, c, f = Value(3.0), Value(-2.0), Value(4.0), Value(5.0)
    return ((a * b + c) * f).data


@oracle("01.3", "engine")
def _() -> str:
    a, b, c, f = Value(3.0), Value(-2.0), Value(4.0), Value(5.0)
    e = a * b
    d = e + c
    (d * f).backward()
    leaves = [name for name, node in {"e": e, "d": d, "c": c}.items() if not node.parents]
    assert len(leaves) == 1, leaves
    return leaves[0]


@oracle("01.4", "engine")
def _() -> float:
    x1, x2, w1, w2, b = Value(2.0), Value(-1.0), Value(0.5), Value(1.0), Value(1.0)
    return (w1 * x1 + w2 * x2 + b).tanh().data


# ----- 02: derivatives as slopes -----


@oracle("02.1", "numeric")
def _() -> float:
    return forward_difference(lambda x: x**2, 3.0, h=0.1)


@oracle("02.2", "numeric")
def _() -> str:
    """Measure both estimates at h = 0.01 on a few smooth curves, the true slope from sympy."""
    x = sympy.Symbol("x")
    curves = [sympy.sin(x), sympy.exp(x), x**3 - 2 * x, sympy.log(1 + x**2), sympy.tanh(x)]
    wins = {"forward": 0, "central": 0}
    for curve, at in itertools.product(curves, (-1.3, 0.4, 2.1)):
        f = sympy.lambdify(x, curve)
        slope = float(sympy.diff(curve, x).subs(x, at))
        forward_error = abs(forward_difference(f, at, h=0.01) - slope)
        central_error = abs(central_difference(f, at, h=0.01) - slope)
        wins["central" if central_error < forward_error else "forward"] += 1
    return max(wins, key=wins.get)


@oracle("02.3", "engine")
def _() -> float:
    a, b, c, f = Value(2.0), Value(-3.0), Value(10.0), Value(-2.0)
    ((a * b + c) * f).backward()
    return b.grad * 0.01  # change ~ slope x nudge


@oracle("02.4", "numeric")
def _() -> int:
    """Take the gradient of a 10,000-parameter loss by forward differences and count the distinct
    parameter vectors it is evaluated at: each one is a forward pass."""
    weights = np.linspace(-1.0, 1.0, 10_000)
    passes: set[tuple[int, float] | None] = set()

    def loss_along(i: int) -> Callable[[float], float]:
        def loss(x: float) -> float:
            passes.add(None if x == weights[i] else (i, x))  # None: the unchanged parameters
            return x * x

        return loss

    for i, w in enumerate(weights):
        forward_difference(loss_along(i), w, h=1e-3)
    return len(passes)


# ----- 03: the chain rule by hand, new values a = 2, b = 5, c = -4, f = -3 -----


def gradients_03() -> dict[str, float]:
    """dL/d(input) for L = (a*b + c)*f at the self-check's new values, by backward()."""
    inputs = {"a": Value(2.0), "b": Value(5.0), "c": Value(-4.0), "f": Value(-3.0)}
    a, b, c, f = inputs.values()
    ((a * b + c) * f).backward()
    return {name: leaf.grad for name, leaf in inputs.items()}


@oracle("03.1", "engine")
def _() -> float:
    return gradients_03()["c"]


@oracle("03.2", "engine")
def _() -> float:
    return gradients_03()["a"]


@oracle("03.3", "engine")
def _() -> float:
    x = Value(3.0)
    (x * x + x).backward()
    return x.grad


@oracle("03.4", "engine")
def _() -> str:
    p, q = Value(2.0), Value(3.0)
    s = p + q
    (5 * s).backward()  # the upstream gradient arriving at s is 5
    assert s.grad == 5.0
    return which(np.array([p.grad, q.grad]), {
        "unchanged": np.array([5.0, 5.0]),
        "other": np.array([q.data * 5, p.data * 5]),
        "half": np.array([2.5, 2.5]),
    })


# ----- 04: the autograd engine -----


@oracle("04.1", "engine")
def _() -> float:
    a = Value(3.0)
    (a * a).backward()
    return a.grad


@oracle("04.2", "demonstration")
def _() -> float:
    """The engine's backward pass with = in place of +=, in the order the question gives: L, then a*b."""
    a, b = Value(2.0), Value(5.0)
    n = a * b
    L = n + a
    assert topological_order(L, leaves=False)[::-1] == [L, n]
    backward_visiting(L, [L, n], accumulate=False)
    return a.grad


@oracle("04.3", "demonstration")
def _() -> str:
    """On notebook 04's graph (e used twice), try every visiting order of the operation nodes against
    central differences: 'any' if all give the right gradients, else the one named order that does."""
    start = {"a": 2.0, "b": -3.0, "c": 10.0}
    right = numeric_gradient(lambda a, b, c: (a * b) * (a * b + c), start)

    def correct(order: Callable[[list[Value]], Iterable[Value]]) -> bool:
        leaves = {name: Value(x) for name, x in start.items()}
        e = leaves["a"] * leaves["b"]
        L = e * (e + leaves["c"])
        backward_visiting(L, order(topological_order(L, leaves=False)))
        return all(math.isclose(leaves[n].grad, right[n], rel_tol=1e-6) for n in start)

    if all(correct(lambda nodes, i=i: [nodes[j] for j in i]) for i in itertools.permutations(range(3))):
        return "any"
    named = {"reverse": lambda nodes: reversed(nodes), "forward": lambda nodes: nodes}
    working = [name for name, order in named.items() if correct(order)]
    assert len(working) == 1, working
    return working[0]


@oracle("04.4", "engine")
def _() -> float:
    x = Value(5.0)
    y = x * x
    y.backward()
    y.backward()
    return x.grad


# ----- 05: gradient descent -----

W, W1, W2 = sympy.symbols("w w1 w2")


@oracle("05.1", "engine")
def _() -> float:
    return descend(lambda w: (w - 3) ** 2, 5.0, lr=0.1, steps=1).column("w")[-1]


@oracle("05.2", "engine")
def _() -> str:
    return approach(lambda w: 2 * (w - 1) ** 2, start=3.0, lr=0.3, minimum=1.0)


@oracle("05.3", "sympy")
def _() -> float:
    return divergence_threshold(5 * (W - 1) ** 2, [W])


@oracle("05.4", "sympy")
def _() -> float:
    return divergence_threshold(W1**2 + 10 * W2**2, [W1, W2])


# ----- 06: training a network -----


@oracle("06.1", "demonstration")
def _() -> str:
    """The step in the learner's order against a normal step from the same weights."""
    learner, normal = TrainingStep(), TrainingStep()
    start = learner.weights()
    learner.run("forward", "backward", "zero_grad", "step")
    normal.run("forward", "zero_grad", "backward", "step")
    move, normal_move = learner.weights() - start, normal.weights() - start
    return which(move, {"nothing": 0 * move, "right": normal_move, "double": 2 * normal_move})


@oracle("06.2", "engine")
def _() -> float:
    return len(MLP(2, [4, 4, 1]).parameters())


@oracle("06.3", "demonstration")
def _() -> str:
    """Two steps without zero_grad, against the gradients G1, G2 of the same two steps done right."""
    without, right = TrainingStep(), TrainingStep()
    without.run("forward", "backward", "step", "forward", "backward")
    right.run("zero_grad", "forward", "backward")
    g1 = right.grads()
    right.run("step", "zero_grad", "forward", "backward")
    g2 = right.grads()
    return which(without.grads(), {"adds": g1 + g2, "replaced": g2, "zero": 0 * g2})


@oracle("06.4", "demonstration")
def _() -> str:
    return the_line_that_moves_the_weights(["forward", "zero_grad", "backward", "step"])


# ----- 07: scalars and tensors -----

X_07 = np.random.default_rng(0).normal(size=(32, 5))  # 32 points of 5 features
W_07 = np.random.default_rng(1).normal(size=(5, 4))


@oracle("07.1", "engine")
def _() -> float:
    return Tensor(np.zeros((8, 16, 3, 64, 64))).ndim


@oracle("07.2", "engine")
def _() -> float:
    return (Tensor(X_07) @ Tensor(W_07)).size


@oracle("07.3", "engine")
def _() -> float:
    """x @ W one number at a time, as autograd.learning.nn does (a linear Layer of 4 neurons on 5 inputs)."""
    layer = Layer(5, 4, activation="linear")
    outputs = [out for point in X_07 for out in layer([float(v) for v in point])]
    return sum(1 for node in topological_order(Value.sum(outputs)) if node.op == "*")


@oracle("07.4", "engine")
def _() -> float:
    x, w, b = Tensor(X_07), Tensor(W_07), Tensor([0.1, -0.2, 0.3, 0.4])
    (x @ w + b).sum().backward()
    return float(b.grad[0])


# ----- 08: your questions, T1 = log(T2*T3 + T4) -----


@oracle("08.1", "engine")
def _() -> float:
    T2, T3, T4 = Value(2.0), Value(3.0), Value(1.0)
    return len(topological_order((T2 * T3 + T4).log()))


@oracle("08.2", "demonstration")
def _() -> str:
    return the_line_that_moves_the_weights(["forward", "backward", "step"])


@oracle("08.3", "engine")
def _() -> float:
    T2, T3, T4 = Value(0.5), Value(4.0), Value(3.0)
    (T2 * T3 + T4).log().backward()
    return T4.grad


# ----- comparing answers, reading solutions -----


@cache
def answer(key: str) -> Answer:
    """The oracle's answer to exercise ``key`` (a float, a word, or a function of x)."""
    if key not in ORACLES:
        pytest.fail(f"exercise {key} has no oracle: add one to {__name__}")
    derived = ORACLES[key].derive()
    return derived if isinstance(derived, str) or callable(derived) else float(derived)


def same(exercise: Exercise, a: Answer, b: Answer) -> bool:
    """Whether two answers are the same, for this exercise: numbers within its tolerance, the same
    word, or functions equal at its sample points."""
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    if callable(a) or callable(b):
        return callable(a) and callable(b) and all(same(exercise, a(x), b(x)) for x in exercise.sample_points)
    return math.isclose(a, b, rel_tol=exercise.tolerance, abs_tol=exercise.tolerance)


def plain(text: str) -> str:
    """A solution's text with one minus sign, plain fractions a/b and no digit-group separators."""
    text = text.replace("\u2212", "-")
    text = re.sub(r"\\[dt]?frac\{\s*(-?\d+(?:\.\d+)?)\s*\}\{\s*(\d+(?:\.\d+)?)\s*\}", r"\1/\2", text)
    return re.sub(r"(?<=\d)(?:\\,|\\ |,|\u2009|\u202f)(?=\d{3}(?!\d))", "", text)


STATED = re.compile(
    r"(?:=|\\approx|≈)(?:\s|\$|\*|`|\\[,;!])*"  # an equals or approx sign, then LaTeX or Markdown
    r"(-?\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)?)(?![\w])"  # the number: -15, 0.5, 1/2 (not 2a)
)


def stated_numbers(text: str) -> list[float]:
    """The numbers a worked solution states as results: each one after an = or an approx sign."""
    numbers = [number.partition("/") for number in STATED.findall(plain(text))]
    return [float(top) / float(bottom or 1) for top, _, bottom in numbers]


def other_than(exercise: Exercise, right: Answer) -> list[Answer]:
    """Wrong answers of the exercise's kind: the other choices, or the right one plus 1."""
    if isinstance(right, str):
        return [choice for choice in exercise.choices if choice != right]
    if callable(right):
        return [lambda x: right(x) + 1.0]
    return [right + 1.0]


# ----- the tests -----

COURSE = course_exercises()


def test_every_exercise_has_an_oracle_and_every_oracle_an_exercise() -> None:
    assert COURSE, "no course exercise registered"
    assert sorted(set(COURSE) - set(ORACLES)) == [], "exercises without an oracle"
    assert sorted(set(ORACLES) - set(COURSE)) == [], "oracles of no registered exercise"


@pytest.mark.parametrize("key", COURSE)
def test_the_expected_answer_is_the_derived_one(key: str) -> None:
    exercise, right = EXERCISES[key], answer(key)
    assert same(exercise, right, exercise.expected), (
        f"{key}: expected {exercise.expected!r}, the {ORACLES[key].method} oracle derives {right!r}"
    )
    result = check(key, right)
    assert result.ok, f"{key}: the derived answer {right!r} is not accepted: {result}"
    wrongs = other_than(exercise, right)
    assert wrongs, f"{key}: a choice needs at least two choices"
    for wrong in wrongs:
        assert not check(key, wrong).ok, f"{key}: the wrong answer {wrong!r} is accepted"


@pytest.mark.parametrize("key", COURSE)
def test_the_worked_solution_states_the_answer(key: str) -> None:
    exercise, right = EXERCISES[key], answer(key)
    text = exercise.solution
    shown = str(solution(key))
    assert exercise.question in shown and text in shown
    if callable(right):
        pytest.skip(f"{key}: a function's worked solution is not read by this test")
    if isinstance(right, str):
        assert re.search(rf"\b{re.escape(right)}\b", text, re.IGNORECASE), (
            f"{key}: the worked solution never says {right!r}"
        )
        return
    stated = stated_numbers(text)
    assert any(same(exercise, number, right) for number in stated), (
        f"{key}: the worked solution states {stated} (after = or approx), none of them the answer {right:g}"
    )


@pytest.mark.parametrize("key", COURSE)
def test_each_diagnosed_mistake_is_wrong_and_gets_its_own_hint(key: str) -> None:
    exercise, right = EXERCISES[key], answer(key)
    for wrong, hint in exercise.mistakes:
        assert not same(exercise, wrong, right), f"{key}: the 'mistake' {wrong!r} is the right answer"
        result = check(key, wrong)
        assert not result.ok and hint in result.message, (
            f"{key}: the mistake {wrong!r} should get its hint {hint!r}, check says {result}"
        )
