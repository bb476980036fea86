"""``Value``, the pictures, the graph widgets and the self-check work without numpy and matplotlib.

A browser edition (Pyodide) need not download numpy: it is imported only when a learner uses
``Tensor``, toy data, the tensor network or a matplotlib figure. Each check runs in a fresh
interpreter in which importing numpy or matplotlib fails, as if they were not installed.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import autograd

BLOCK = """
import sys

class Blocked:
    \"\"\"numpy and matplotlib are not installed: importing them, or any of their modules, fails.\"\"\"

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("numpy", "matplotlib"):
            raise ModuleNotFoundError(f"No module named {name!r} (blocked by the test)", name=name)
        return None

sys.meta_path.insert(0, Blocked())
"""


def run_without_numpy(code: str) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter where numpy and matplotlib cannot be imported."""
    source = BLOCK + textwrap.dedent(code)
    return subprocess.run([sys.executable, "-c", source], capture_output=True, text=True, timeout=120)


def test_the_scalar_course_runs_without_numpy_or_matplotlib():
    done = run_without_numpy("""
        import autograd
        import autograd.course.exercises
        import autograd.course.selfcheck
        import autograd.viz
        import autograd.widgets
        from autograd import SGD, MLP, Value, expression, topological_order
        from autograd.course.selfcheck import check, solution
        from autograd.engine.expression import Formula
        from autograd.viz import backward_steps, draw, format_number, path
        from autograd.widgets import explore, step_through

        # notebook 03's example, built by hand
        a, b, c, f = Value(2.0, "a"), Value(-3.0, "b"), Value(10.0, "c"), Value(-2.0, "f")
        e = a * b
        d = e + c
        L = d * f
        e.label, d.label, L.label = "e", "d", "L"
        L.backward()
        assert L.data == -8.0
        assert (a.grad, b.grad, c.grad, f.grad) == (6.0, -4.0, -2.0, 4.0)
        assert [node.data for node in topological_order(L)] == [2.0, -3.0, -6.0, 10.0, 4.0, -2.0, -8.0]

        assert "<svg" in draw(L).pipe(format="svg", encoding="utf-8")
        assert draw(L, highlight=path(a, L)).source
        frames = backward_steps(L)
        assert len(frames) == 5 and frames[-1].grads[a] == 6.0
        assert "dL/da" in frames[-1].explanation
        assert format_number(-6.25) == "-6.25"
        stepper = step_through(L)
        stepper.slider.value = len(stepper.frames) - 1
        assert "<svg" in stepper.picture.value
        explorer = explore("a*b + c", a=2, b=3, c=1)
        assert explorer.root.data == 7.0
        explorer.sliders["a"].value = 4
        assert explorer.root.data == 13.0 and "<svg" in explorer.picture.value

        typed = expression("(a*b + c)*f", a=2, b=-3, c=10, f=-2)  # a typed formula
        typed.backward()
        grads = {node.label: node.grad for node in topological_order(typed) if not node.parents}
        assert grads == {"a": 6.0, "b": -4.0, "c": -2.0, "f": 4.0}
        assert Formula("x**2").variables == ("x",)

        assert check("03.1", -3.0).ok
        assert not check("03.1", 1.0).ok
        assert solution("03.1").text

        model = MLP(2, [4, 1], seed=0)  # the scalar network and its optimizer
        loss = (model([1.0, -1.0]) - 1.0) ** 2
        optimizer = SGD(model.parameters(), lr=0.1)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

        assert "numpy" not in sys.modules and "matplotlib" not in sys.modules
        assert "Tensor" in autograd.__all__ and "Tensor" in dir(autograd)
        print("ok")
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_tensor_without_numpy_is_a_clear_import_error():
    done = run_without_numpy("""
        import autograd
        try:
            from autograd import Tensor
        except ImportError as error:
            print(type(error).__name__, error)
        else:
            raise AssertionError("Tensor was imported without numpy")
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ModuleNotFoundError ")
    assert "numpy" in done.stdout and "install" in done.stdout


def test_tensor_is_an_attribute_of_the_package_with_numpy():
    from autograd import Tensor
    from autograd.engine.tensor import Tensor as EngineTensor

    assert autograd.Tensor is Tensor is EngineTensor
    assert "Tensor" in autograd.__all__ and "Tensor" in dir(autograd)
    assert (Tensor([1.0, 2.0]) * 3).sum().data == 9.0
    assert not hasattr(autograd, "NoSuchName")
