"""The numpy-backed ``Tensor``: ``Value``'s habits, one array at a time.

A ``Tensor`` node holds a whole numpy array in ``data`` and, after ``backward()``,
an array of the same shape in ``grad``: entry by entry, d(output)/d(entry). Like
``Value`` it keeps its ``parents`` (operands, in order), its ``op`` and, computed
in the forward pass, one *local derivative* per parent; ``backward()`` applies
the chain rule node by node, ``upstream x local``.

For an elementwise operation the local derivative is an array (or a number),
d(out[i])/d(parent[i]), and upstream x local is a product, as for ``Value``; where
a parent was broadcast, the product is then summed over the broadcast axes. For
``@``, ``sum``, ``mean``, ``reshape`` and ``transpose`` the Jacobian is too large
to store, so the local derivative is a small ``LocalMap`` object that holds the
operand arrays it needs and applies the Jacobian: ``local.chain(upstream)``. In
PyTorch this is a node's ``grad_fn``. No closure and nothing that points back to
the output node is stored, so a graph holds no reference cycles and is freed as
soon as it is no longer used.

Arrays are shared, not copied, between a node and the local derivatives of its
children: change a parameter's ``data`` (as SGD does) only after ``backward()``.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Iterable, Sequence
from typing import ClassVar

from autograd.language import N_, _

try:
    import numpy as np
except ImportError as error:  # the scalar engine runs without numpy (a browser edition); Tensor needs it
    raise ModuleNotFoundError(
        _("autograd's Tensor needs numpy, which could not be imported ({error}); install it "
          "(pip install numpy; in JupyterLite: %pip install numpy). Value, the pictures of graphs, "
          "the graph widgets and the self-check work without it.").format(error=error),
        name="numpy",
    ) from error

from autograd.engine.graph import Observer, backpropagate, topological_order  # noqa: E402 (after numpy's check)
from autograd.engine.ops import (  # noqa: E402
    ONE_OPERAND_METHODS,
    OPS,
    Op,
    first_index,
    method_names,
    power_op,
)

Number = int | float


class LocalMap:
    """A local derivative applied rather than stored: ``chain(upstream)`` = upstream x d(out)/d(parent).

    ``explained`` says the same in words, for the backward-pass stepper: a template over ``{up}``
    (the gradient arriving at the node), ``{a}``, ``{b}`` (the operands), and for a sum or a mean
    ``{count}`` (entries averaged) and ``{where}`` (the entries the gradient is copied to).
    """

    __slots__ = ()
    explained: ClassVar[str]

    def chain(self, upstream: np.ndarray) -> np.ndarray:
        """The parent's share of the gradient, shaped like the parent."""
        raise NotImplementedError


class MatmulShare(LocalMap):
    """What d(a @ b)/da and d(a @ b)/db share: the other operand, and how to fit a share to the parent.

    Shapes follow numpy's rule (see ``Tensor.__matmul__``): upstream is first given back the axes
    that 1-D operands lost (``upstream_shape``); the product is then summed over the batch axes along
    which the parent was broadcast (down to ``promoted_shape``) and given the parent's ``shape``.
    """

    __slots__ = ("other_t", "upstream_shape", "promoted_shape", "shape")

    def __init__(self, other_t: np.ndarray, upstream_shape: tuple[int, ...],
                 promoted_shape: tuple[int, ...], shape: tuple[int, ...]) -> None:
        self.other_t = other_t  # the other operand, its last two axes swapped (a view of its data)
        self.upstream_shape = upstream_shape
        self.promoted_shape = promoted_shape
        self.shape = shape

    def _fit(self, share: np.ndarray) -> np.ndarray:
        """``share`` summed over the parent's broadcast batch axes, then given the parent's shape."""
        if share.shape != self.promoted_shape:
            share = _unbroadcast(share, self.promoted_shape)
        return share.reshape(self.shape)


class MatmulLeft(MatmulShare):
    """d(a @ b)/da: upstream -> upstream @ b.T on the last two axes, summed over a's broadcast batch axes."""

    __slots__ = ()
    explained = "{up} @ {b}ᵀ"

    def chain(self, upstream: np.ndarray) -> np.ndarray:
        if upstream.shape != self.upstream_shape:
            upstream = upstream.reshape(self.upstream_shape)
        share = upstream @ self.other_t
        return share if share.shape == self.shape else self._fit(share)


class MatmulRight(MatmulShare):
    """d(a @ b)/db: upstream -> a.T @ upstream on the last two axes, summed over b's broadcast batch axes."""

    __slots__ = ()
    explained = "{a}ᵀ @ {up}"

    def chain(self, upstream: np.ndarray) -> np.ndarray:
        if upstream.shape != self.upstream_shape:
            upstream = upstream.reshape(self.upstream_shape)
        share = self.other_t @ upstream
        return share if share.shape == self.shape else self._fit(share)


class Spread(LocalMap):
    """d(sum)/d(entry) = 1: upstream is copied back over the summed axes."""

    __slots__ = ("kept_shape", "shape", "scale")
    explained = N_("{up} copied to {where}")  # translated where the stepper shows it

    def __init__(self, kept_shape: tuple[int, ...], shape: tuple[int, ...], scale: float = 1.0) -> None:
        self.kept_shape = kept_shape
        self.shape = shape
        self.scale = scale

    def chain(self, upstream: np.ndarray) -> np.ndarray:
        share = np.empty(self.shape)
        share[...] = upstream.reshape(self.kept_shape) * self.scale
        return share


class SpreadMean(Spread):
    """d(mean)/d(entry) = 1/count: upstream divided by the count, copied back over the averaged axes."""

    __slots__ = ()
    explained = N_("{up} ÷ {count} copied to {where}")


class Reshape(LocalMap):
    """Reshaping moves entries without changing them: upstream is reshaped back."""

    __slots__ = ("shape",)
    explained = N_("{up} reshaped back")

    def __init__(self, shape: tuple[int, ...]) -> None:
        self.shape = shape

    def chain(self, upstream: np.ndarray) -> np.ndarray:
        return upstream.reshape(self.shape)


class Transpose(LocalMap):
    """Transposing moves entries without changing them: upstream is transposed back."""

    __slots__ = ("inverse",)
    explained = N_("{up} transposed back")

    def __init__(self, axes: tuple[int, ...]) -> None:
        self.inverse = tuple(int(i) for i in np.argsort(axes))

    def chain(self, upstream: np.ndarray) -> np.ndarray:
        return upstream.transpose(self.inverse)


class Tensor:
    """An array in a computation graph: ``data``, ``grad``, ``op``, ``parents``, ``local_grads``.

    ``Tensor([[1.0, 2.0]], label="x")`` is a leaf (an input or a weight); its data
    is a float64 copy. Operations return new nodes: ``(x @ W).op == "@"`` and
    ``(x @ W).parents == (x, W)``.
    """

    __slots__ = ("data", "grad", "label", "op", "parents", "local_grads")
    __array_ufunc__ = None  # numpy arrays on the left defer to Tensor's operators

    def __init__(self, data: Number | Sequence | np.ndarray, label: str = "") -> None:
        if isinstance(data, Tensor):
            raise TypeError(_("Tensor() takes numbers or an array, got a Tensor: use its .data"))
        try:
            array = np.asarray(data)
        except ValueError as error:  # a ragged nested list
            message = _("Tensor() takes a rectangular array of numbers: {error}")
            raise ValueError(message.format(error=error)) from None
        if array.dtype.kind not in "iuf":
            message = _("Tensor() takes real numbers (int or float), got dtype {dtype} from "
                        "{type}: {data}")
            raise TypeError(message.format(dtype=array.dtype, type=type(data).__name__, data=repr(data)))
        if array.size == 0:
            message = _("Tensor() needs at least one entry, got shape {shape}")
            raise ValueError(message.format(shape=array.shape))
        array = np.array(array, dtype=np.float64)  # a copy: the tensor owns its data
        finite = np.isfinite(array)
        if not finite.all():
            index = first_index(~finite)
            message = _("Tensor() takes finite numbers, got {value} at index {index}")
            raise ValueError(message.format(value=float(array[index]), index=index))
        if not isinstance(label, str):
            raise TypeError(_("Tensor() label must be a str, got {type}").format(type=type(label).__name__))
        self.data = array
        self.grad = np.zeros(array.shape)
        self.label = label
        self.op = ""
        self.parents: tuple[Tensor, ...] = ()
        self.local_grads: tuple[np.ndarray | float | LocalMap, ...] = ()

    # ----- shape -----

    @property
    def shape(self) -> tuple[int, ...]:
        return self.data.shape

    @property
    def ndim(self) -> int:
        return self.data.ndim

    @property
    def size(self) -> int:
        return self.data.size

    # ----- elementwise arithmetic, with numpy broadcasting -----

    def __add__(self, other: Tensor | Number | np.ndarray) -> Tensor:
        """a + b;  d/da = 1,  d/db = 1."""
        if type(other) is not Tensor and (other := _operand(other)) is None:
            return NotImplemented
        return _binary("+", self, other)

    def __sub__(self, other: Tensor | Number | np.ndarray) -> Tensor:
        """a - b;  d/da = 1,  d/db = -1."""
        if type(other) is not Tensor and (other := _operand(other)) is None:
            return NotImplemented
        return _binary("-", self, other)

    def __mul__(self, other: Tensor | Number | np.ndarray) -> Tensor:
        """a * b;  d/da = b,  d/db = a."""
        if type(other) is not Tensor and (other := _operand(other)) is None:
            return NotImplemented
        return _binary("*", self, other)

    def __truediv__(self, other: Tensor | Number | np.ndarray) -> Tensor:
        """a / b;  d/da = 1/b,  d/db = -a/b**2."""
        if type(other) is not Tensor and (other := _operand(other)) is None:
            return NotImplemented
        return _binary("/", self, other)

    def __pow__(self, other: Tensor | Number | np.ndarray) -> Tensor:
        """a ** p;  d/da = p * a**(p-1),  d/dp = a**p * ln(a) (for a Tensor exponent)."""
        if isinstance(other, np.ndarray):
            other = Tensor(other)
        if isinstance(other, Tensor):
            return _binary("**", self, other)
        if isinstance(other, bool) or not isinstance(other, numbers.Real):
            return NotImplemented
        p = float(other)
        if not np.isfinite(p):
            raise ValueError(_("power: the exponent must be finite, got ** {p}").format(p=repr(p)))
        # A number exponent is a constant: it is shown in the op, not as a node.
        out, local = _POW_NUMBER(self.data, p)
        return _node(out, power_op(p), (self,), local)

    def __radd__(self, other: Number | np.ndarray) -> Tensor:
        return self + other

    def __rsub__(self, other: Number | np.ndarray) -> Tensor:
        other = _operand(other)
        return NotImplemented if other is None else other - self

    def __rmul__(self, other: Number | np.ndarray) -> Tensor:
        return self * other

    def __rtruediv__(self, other: Number | np.ndarray) -> Tensor:
        other = _operand(other)
        return NotImplemented if other is None else other / self

    def __rpow__(self, other: Number | np.ndarray) -> Tensor:
        other = _operand(other)
        return NotImplemented if other is None else other**self

    # ----- matrix product -----

    def __matmul__(self, other: Tensor | np.ndarray) -> Tensor:
        """a @ b as numpy's ``np.matmul`` (and PyTorch's ``torch.matmul``) does it.

        The last two axes are matrices, (n, k) @ (k, m) -> (n, m); the axes before them are a batch of
        matrices, broadcast against each other: (2, 1, 3, 4) @ (5, 4, 2) -> (2, 5, 3, 2). A 1-D operand
        is a row on the left, (k,) -> (1, k), a column on the right, (k,) -> (k, 1), and that axis is
        removed from the result: vector @ vector is a 0-d tensor.
        Locally, upstream x d(a @ b)/da = upstream @ b.T and upstream x d(a @ b)/db = a.T @ upstream
        (on the last two axes), summed over the batch axes along which the operand was broadcast.
        """
        if isinstance(other, np.ndarray):
            other = Tensor(other)
        if not isinstance(other, Tensor):
            return NotImplemented
        return _matmul(self, other)

    def __rmatmul__(self, other: np.ndarray) -> Tensor:
        return Tensor(other) @ self if isinstance(other, np.ndarray) else NotImplemented

    # ----- elementwise functions: -t, abs(t) and t.exp(), t.tanh(), t.sin()... are made from the op
    # table, one method per entry of ops.ONE_OPERAND_METHODS (see the end of this module) -----

    # ----- reductions -----

    def sum(self, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Tensor:
        """Sum of the entries along ``axis`` (all of them by default);  d/d(entry) = 1."""
        return self._reduce("sum", axis, keepdims)

    def mean(self, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Tensor:
        """Mean of the entries along ``axis`` (all of them by default);  d/d(entry) = 1/count."""
        return self._reduce("mean", axis, keepdims)

    def _reduce(self, name: str, axis: int | tuple[int, ...] | None, keepdims: bool) -> Tensor:
        a = self.data
        if axis is None:  # every axis, the common case
            axes, kept_shape, count = None, (1,) * a.ndim, a.size
        else:
            axes = _axes(name, axis, a.shape)
            kept_shape = tuple(1 if i in axes else n for i, n in enumerate(a.shape))
            count = math.prod(a.shape[i] for i in axes)
        out = a.sum(axis=axes, keepdims=keepdims)
        local = Spread(kept_shape, a.shape)
        if name == "mean":
            local = SpreadMean(kept_shape, a.shape, 1.0 / count)
            out = out / count
        options = [f"axis={axis}"] if axis is not None else []
        options += ["keepdims=True"] if keepdims else []
        op = f"{name}({', '.join(options)})" if options else name
        return _node(out, op, (self,), (local,))

    # ----- moving entries around -----

    def reshape(self, *shape: int | tuple[int, ...]) -> Tensor:
        """The same entries in another shape (``-1``: the size that fits);  upstream is reshaped back."""
        if len(shape) == 1 and isinstance(shape[0], tuple):
            shape = shape[0]
        a = self.data
        try:
            out = a.reshape(shape)
        except (TypeError, ValueError):
            message = _("reshape: cannot reshape shape {shape} ({size} entries) into {new}")
            raise ValueError(message.format(shape=a.shape, size=a.size, new=shape)) from None
        return _node(out, f"reshape{out.shape}", (self,), (Reshape(a.shape),))

    def transpose(self, *axes: int) -> Tensor:
        """Axes in a new order (reversed by default: the matrix transpose);  upstream is moved back."""
        a = self.data
        order = tuple(axes) if axes else tuple(reversed(range(a.ndim)))
        if sorted(order) != list(range(a.ndim)):
            message = _("transpose: {order} is not an order of the axes of shape {shape}")
            raise ValueError(message.format(order=order, shape=a.shape))
        op = f"transpose{order}" if axes else "transpose"
        return _node(a.transpose(order), op, (self,), (Transpose(order),))

    @property
    def T(self) -> Tensor:  # noqa: N802 (numpy's name)
        """The matrix transpose (axes reversed)."""
        return self.transpose()

    # ----- the backward pass -----

    def backward(
        self, gradient: Number | Sequence | np.ndarray | None = None, observer: Observer | None = None
    ) -> None:
        """Fill ``grad`` of every node with d(self)/d(node), by the chain rule.

        A tensor of one entry starts from d(self)/d(self) = 1; any other output
        needs ``gradient``, an array of its shape: d(loss)/d(self) for some loss.
        Nodes are visited from ``self`` back to the leaves (reverse topological
        order), so a node's gradient is complete before it is passed on.
        Intermediate gradients are recomputed on each call; leaf gradients
        *accumulate*, as in PyTorch: two calls add the same gradient twice.
        ``observer(node)``, if given, is called after each node has passed its gradient on.
        """
        seed = _seed(gradient, self.data.shape)
        backpropagate(self, None, lambda root: _accumulate(root, seed), _pass_on, observer)

    def zero_grad(self) -> None:
        """Set ``grad`` to zeros on every node of the graph that ends in ``self``."""
        for node in topological_order(self):
            node.grad = np.zeros(node.data.shape)

    # ----- conversions -----

    def item(self) -> float:
        """The single entry of a one-entry tensor, as a float."""
        if self.data.size != 1:
            message = _("item: the tensor has shape {shape}, not a single entry")
            raise ValueError(message.format(shape=self.data.shape))
        return float(self.data.reshape(()))

    def __float__(self) -> float:
        return self.item()

    def __repr__(self) -> str:
        label = f", label={self.label!r}" if self.label else ""
        op = f", op={self.op!r}" if self.op else ""
        data = np.array2string(self.data, separator=", ", prefix="Tensor(")
        return f"Tensor({data}, shape={self.data.shape}{op}{label})"


_new = object.__new__


def _node(data: np.ndarray, op: str, parents: tuple[Tensor, ...],
          local_grads: tuple[np.ndarray | float | LocalMap, ...]) -> Tensor:
    """A new graph node: the result of ``op`` on ``parents``."""
    if type(data) is not np.ndarray:  # numpy gives a scalar for 0-d results
        data = np.asarray(data)
    out = _new(Tensor)
    out.data = data
    out.grad = np.zeros(data.shape)
    out.label = ""
    out.op = op
    out.parents = parents
    out.local_grads = local_grads
    return out


def _operand(x: object) -> Tensor | None:
    """``x`` as a Tensor (numbers and arrays become constant leaves); None if it is neither."""
    kind = type(x)
    if kind is Tensor:
        return x
    if (kind is float or kind is int) and np.isfinite(x):  # the common case, kept fast
        return _node(np.asarray(float(x)), "", (), ())
    if isinstance(x, Tensor):
        return x
    if isinstance(x, np.ndarray) or (isinstance(x, numbers.Real) and not isinstance(x, bool)):
        return Tensor(x)
    return None


_NUMPY_NAMES = {"+": "add", "-": "subtract", "*": "multiply", "/": "divide", "**": "power"}  # for errors
_POW_NUMBER = OPS["**p"].array


def _binary(name: str, a: Tensor, b: Tensor) -> Tensor:
    """The node ``a <name> b``, entry by entry with numpy broadcasting, by the op table's array rule."""
    sa, sb = a.data.shape, b.data.shape
    if sa != sb:
        try:
            np.broadcast_shapes(sa, sb)
        except ValueError:
            raise _broadcast_error(_NUMPY_NAMES[name], sa, sb) from None
    out, local = OPS[name].array(a.data, b.data)
    return _node(out, name, (a, b), local)


def _matmul(x: Tensor, y: Tensor) -> Tensor:
    """The node ``x @ y`` (rules in ``Tensor.__matmul__``), shapes checked with errors that name both."""
    a, b = x.data, y.data
    sa, sb = a.shape, b.shape
    if not (a.ndim and b.ndim):
        message = _("matmul: needs tensors of at least 1 axis, got shapes {sa} and {sb} "
                    "(to scale by a number, use *)")
        raise ValueError(message.format(sa=sa, sb=sb))
    a2 = a if a.ndim != 1 else a[None, :]  # a row: (k,) -> (1, k)
    b2 = b if b.ndim != 1 else b[:, None]  # a column: (k,) -> (k, 1)
    if a2.shape[-1] != b2.shape[-2]:
        inner = _("only axis") if b.ndim == 1 else _("second-to-last axis")
        message = _("matmul: shapes {sa} and {sb} do not line up: {left} != {right} (the last axis of "
                    "the left operand must match the {inner} of the right)")
        raise ValueError(message.format(sa=sa, sb=sb, left=sa[-1], right=b2.shape[-2], inner=inner))
    if b2.ndim == 2:  # x @ W, the common case: a's batch axes only add rows, so each share is one 2-D
        # product, and d/dW sums over the batch inside it: (batch*n, k).T @ (batch*n, m)
        if a2.ndim != 2:
            a2 = a2.reshape(-1, a2.shape[-1])
        upstream_shape = (a2.shape[0], b2.shape[1])
    else:
        try:
            batch = np.broadcast_shapes(a2.shape[:-2], b2.shape[:-2])
        except ValueError:
            raise _broadcast_error("matmul", sa, sb, matrix_axes=2) from None
        upstream_shape = (*batch, a2.shape[-2], b2.shape[-1])
    a_t = a2.T if a2.ndim == 2 else a2.swapaxes(-1, -2)
    b_t = b2.T if b2.ndim == 2 else b2.swapaxes(-1, -2)
    left = MatmulLeft(b_t, upstream_shape, a2.shape, sa)
    right = MatmulRight(a_t, upstream_shape, b2.shape, sb)
    return _node(a @ b, "@", (x, y), (left, right))


def _broadcast_error(name: str, sa: tuple[int, ...], sb: tuple[int, ...], matrix_axes: int = 0) -> ValueError:
    """The error for shapes that do not broadcast, naming the first axis (from the right) that clashes.

    ``matrix_axes`` trailing axes are not broadcast (matmul's rows and columns): only the batch axes
    before them are compared.
    """
    last = -min(len(sa), len(sb)) - 1
    axis = next(i for i in range(-1 - matrix_axes, last, -1) if 1 != sa[i] != sb[i] != 1)
    what = _("the batch axes of shapes {sa} and {sb}") if matrix_axes else _("shapes {sa} and {sb}")
    message = _("{who}: {what} do not broadcast: on axis {axis}, {a} != {b} "
                "(sizes must be equal, or one of them 1)")
    what = what.format(sa=sa, sb=sb)
    return ValueError(message.format(who=name, what=what, axis=axis, a=sa[axis], b=sb[axis]))


def _pass_on(nodes: Iterable[Tensor], observer: Observer | None) -> None:
    """For each node in turn: parent.grad += upstream × local for every parent (a LocalMap applies
    itself; broadcasts are summed)."""
    for node in nodes:
        upstream = node.grad
        for parent, local in zip(node.parents, node.local_grads):
            if isinstance(local, LocalMap):
                _accumulate(parent, local.chain(upstream))
            else:
                _accumulate(parent, _unbroadcast(local * upstream, parent.data.shape))
        if observer is not None:
            observer(node)


def _function(op: Op, method_name: str) -> Callable[[Tensor], Tensor]:
    """The method ``Tensor.<op.method>()``: entry by entry, value and local derivative from the table."""
    rule, name = op.array, op.name

    def method(self: Tensor) -> Tensor:
        out, local = rule(self.data)
        return _node(out, name, (self,), local)

    method.__name__ = method.__qualname__ = method_name
    method.__doc__ = op.english_doc
    return method


def _accumulate(node: Tensor, share: np.ndarray) -> None:
    """node.grad += share, in a new array: a grad array is never written into, so grads may share memory."""
    grad = share if node.grad is None else node.grad + share
    node.grad = grad if type(grad) is np.ndarray else np.asarray(grad)  # numpy gives 0-d sums as scalars


def _unbroadcast(share: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """``share`` summed over the axes along which a parent of ``shape`` was broadcast."""
    if share.shape == shape:
        return share
    extra = share.ndim - len(shape)
    stretched = tuple(extra + i for i, n in enumerate(shape) if n == 1 and share.shape[extra + i] != 1)
    return share.sum(axis=tuple(range(extra)) + stretched).reshape(shape)


def _axes(name: str, axis: int | tuple[int, ...], shape: tuple[int, ...]) -> tuple[int, ...]:
    """``axis`` as a sorted tuple of axes in range(ndim), with an error naming a bad one."""
    ndim = len(shape)
    items = axis if isinstance(axis, tuple) else (axis,)
    axes: list[int] = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, numbers.Integral):
            message = _("{who}: an axis is a whole number, got {item} in axis={axis}")
            raise TypeError(message.format(who=name, item=repr(item), axis=repr(axis)))
        if not -ndim <= item < ndim:
            message = _("{who}: axis {item} is out of range for shape {shape}")
            raise ValueError(message.format(who=name, item=item, shape=shape))
        if int(item) % ndim in axes:
            message = _("{who}: axis {item} is repeated in axis={axis}")
            raise ValueError(message.format(who=name, item=item, axis=repr(axis)))
        axes.append(int(item) % ndim)
    return tuple(sorted(axes))


def _seed(gradient: Number | Sequence | np.ndarray | None, shape: tuple[int, ...]) -> np.ndarray:
    """Where backward starts: d(self)/d(self) = 1 for one entry, else the given ``gradient``."""
    if gradient is None:
        if math.prod(shape) != 1:
            raise ValueError(_(
                "backward: the output has shape {shape}, not a single number: pass gradient=, an "
                "array of that shape holding d(loss)/d(output) for the loss you want"
            ).format(shape=shape))
        return np.ones(shape)
    seed = Tensor(gradient).data
    if seed.shape != shape:
        message = _("backward: gradient has shape {gradient}, the output has shape {shape}")
        raise ValueError(message.format(gradient=seed.shape, shape=shape))
    return seed


for _op in ONE_OPERAND_METHODS:
    for _name in method_names(_op):
        setattr(Tensor, _name, _function(_op, _name))
