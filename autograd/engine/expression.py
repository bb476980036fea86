"""Safe text -> graph: the formula a learner types becomes a graph of ``Value`` nodes.

``expression("(a*b + c)*f", a=2, b=-3, c=10, f=-2)`` builds the same graph as the
Python code ``(a*b + c)*f`` on four labelled leaves, and returns its output.

Nothing typed is ever run by Python (no eval, no exec). The text is read by
Python's parser (``ast``), every node of the tree is checked against a short
whitelist, and the tree is compiled into a list of instructions for a tiny stack
machine (postfix order, as on an RPN calculator); only that machine builds the
graph, one ``Value`` operation per instruction.

Labels: each variable is one leaf labelled with its name (shared when the name
appears twice); numbers are constant leaves without a label, as in ``x * 2``; the
output is labelled ``name`` ("L" by default); the other nodes are numbered
``n1, n2, ...`` in the order the forward pass computes them (innermost first, left
to right), the names ``autograd.viz`` gives unlabelled nodes, so a typed formula and
the same graph built in code read alike. For ``(a*b + c)*f``: n1 = a*b, n2 = n1 + c,
L = n2*f.
"""

from __future__ import annotations

import ast
import math
import numbers
import operator
import re
import warnings
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from autograd.engine import ops
from autograd.engine.value import Value
from autograd.language import N_, _

MAX_LENGTH = 1000
FILENAME = "<formula>"  # the name Python's parser gives the text (it never runs it)
FUNCTIONS: dict[str, Callable[[Value], Value]] = {
    op.method: getattr(Value, op.method) for op in ops.FUNCTIONS  # exp, log, ... from the op table
}
ALLOWED = N_(  # a template: allowed() fills in the functions, in the language spoken now
    "allowed: numbers, variable names, + - * / **, unary - and +, parentheses, "
    "and the functions {functions} of one argument, e.g. tanh(w1*x1 + w2*x2 + b)"
)


def allowed() -> str:
    """The sentence that says what a formula may contain, in the language spoken now."""
    return _(ALLOWED).format(functions=", ".join(FUNCTIONS))


_BINARY: dict[type[ast.operator], Callable[[Value, Value], Value]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
}
_OTHER_OPERATORS = {
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.MatMult: "@",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.BitOr: "|",
    ast.BitAnd: "&",
    ast.BitXor: N_("^ (for a power write **)"),
    ast.Not: "not",  # the operator symbols are code: not translated
    ast.Invert: "~",
}
_FORBIDDEN = {
    ast.Attribute: N_("attribute access (a dot after a name)"),
    ast.Subscript: N_("indexing with [ ]"),
    ast.Compare: N_("comparisons"),
    ast.BoolOp: N_("'and' / 'or'"),
    ast.IfExp: N_("'if ... else'"),
    ast.Lambda: "lambda",
    ast.NamedExpr: N_("assignments (:=)"),
    ast.JoinedStr: N_("f-strings"),
    ast.Tuple: N_("several values separated by commas"),
    ast.List: N_("lists"),
    ast.Set: N_("sets"),
    ast.Dict: N_("dicts"),
    ast.ListComp: N_("comprehensions"),
    ast.SetComp: N_("comprehensions"),
    ast.DictComp: N_("comprehensions"),
    ast.GeneratorExp: N_("comprehensions"),
    ast.Starred: N_("* unpacking"),
    ast.Await: "await",
    ast.Yield: "yield",
    ast.YieldFrom: "yield",
    ast.Slice: N_("slices"),
}


class ExpressionError(ValueError):
    """A formula that cannot become a graph: says why, where (line, column) and what is allowed."""

    def __init__(
        self, reason: str, source: str = "", line: int = 0, column: int = 0, width: int = 1, snippet: str = ""
    ) -> None:
        self.reason = reason
        self.source = source
        self.line = line  # 1-based; 0 when the error has no position
        self.column = column  # 1-based, in characters
        self.snippet = snippet
        message = _("expression: {reason}").format(reason=reason)
        if line:
            lines = _lines(source)
            if len(lines) > 1:
                where = _("line {line}, column {column}").format(line=line, column=column)
            else:
                where = _("column {column}").format(column=column)
            shown = lines[line - 1]
            at = _("{where}: {snippet}").format(where=where, snippet=repr(snippet)) if snippet else where
            message += _(" (at {at})").format(at=at)
            message += f"\n    {shown}\n    {' ' * (column - 1)}{'^' * max(width, 1)}"
            message += f"\n{allowed()}"
        super().__init__(message)


# ----- compiling: text -> checked tree -> postfix instructions -----

# An instruction for the stack machine: (kind, argument).
#   ("number", x)   push a constant leaf           ("variable", name)  push the leaf of a variable
#   ("binary", op)  pop b, pop a, push op(a, b)    ("power", p)        pop a, push a ** p, p a number
#   ("negate", _)   pop a, push -a                 ("call", name)      pop a, push FUNCTIONS[name](a)
Instruction = tuple[str, object]


@dataclass(frozen=True)
class Program:
    """A checked formula: its instructions in postfix order and its variables by first appearance."""

    source: str
    instructions: tuple[Instruction, ...]
    variables: tuple[str, ...]


def compile_formula(text: str) -> Program:
    """Parse and check ``text``; raise ExpressionError (running nothing) unless it is allowed."""
    if not isinstance(text, str):
        raise TypeError(_("expression: the formula must be a str, got {type}: {text}").format(
            type=type(text).__name__, text=repr(text)))
    if len(text) > MAX_LENGTH:
        raise ExpressionError(_("the formula has {length} characters; at most {limit} are allowed").format(
            length=len(text), limit=MAX_LENGTH))
    source = text.strip()
    if not source:
        raise ExpressionError(_("the formula is empty; {allowed}").format(allowed=allowed()))
    return _Compiler(source).run(_parse(source))


def _parse(source: str) -> ast.expr:
    """The tree of one Python expression; friendly errors for statements and bad syntax."""
    try:
        return _tree(source, "eval").body
    except SyntaxError as error:
        _explain_statements(source)
        _explain_dangling_operator(source)
        line = error.lineno or 1
        column = error.offset or 1
        lines = _lines(source)
        shown = lines[line - 1] if line <= len(lines) else ""
        end = (
            error.end_offset if error.end_lineno == line and (error.end_offset or 0) > column else column + 1
        )
        raise ExpressionError(
            _("this is not a formula Python can read ({error})").format(error=error.msg),
            source,
            line,
            column,
            end - column,
            shown[column - 1 : end - 1],
        ) from None
    except (ValueError, RecursionError, MemoryError) as error:  # e.g. a null byte, absurd nesting
        reason = _("this is not a formula Python can read ({error})").format(error=error)
        raise ExpressionError(reason) from None


def _explain_dangling_operator(source: str) -> None:
    """Raise a specific error if ``source`` ends with an operator: Python's parser points at column 1."""
    lines = _lines(source)
    last = lines[-1]
    if last and last[-1] in "+-*/(":
        raise ExpressionError(
            _("the formula ends with {symbol}: a number, name or parenthesis is missing after it").format(
                symbol=repr(last[-1])),
            source, len(lines), len(last), 1, last[-1],
        )


def _tree(source: str, mode: str) -> ast.AST:
    """Python's parse tree of ``source``, without the warnings its parser may print (e.g. "1if")."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(source, FILENAME, mode=mode)


def _explain_statements(source: str) -> None:
    """Raise a specific error if ``source`` is statements (an assignment, two lines...)."""
    try:
        statements = _tree(source, "exec").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return
    if not statements:  # only comments
        raise ExpressionError(_("the formula is empty; {allowed}").format(allowed=allowed()))
    if len(statements) > 1:
        reason = _("only one formula is allowed, found {count} statements").format(count=len(statements))
        raise _error_at(source, statements[1], reason)
    if isinstance(statements[0], (ast.Assign, ast.AugAssign, ast.AnnAssign)):
        raise _error_at(source, statements[0], _("assignments are not allowed: type only the formula"))
    raise _error_at(source, statements[0], _("a statement ({kind}) is not a formula").format(
        kind=type(statements[0]).__name__))


def _lines(source: str) -> list[str]:
    """The lines of ``source`` as Python's parser counts them (ast positions index into these)."""
    return re.split(r"\r\n|\r|\n", source)


def _error_at(source: str, node: ast.AST, reason: str) -> ExpressionError:
    """An ExpressionError pointing at ``node``: line, column (in characters, ast counts bytes), text."""
    line = node.lineno
    text_line = _lines(source)[line - 1]
    column = len(text_line.encode(errors="surrogatepass")[: node.col_offset].decode(errors="replace")) + 1
    snippet = ast.get_source_segment(source, node) or ""
    width = len(snippet) if node.end_lineno == line else len(text_line) - column + 1
    return ExpressionError(reason, source, line, column, width, snippet)


def _operator_span(source: str, node: ast.BinOp | ast.UnaryOp) -> ast.AST:
    """Where the operator of ``node`` is written: ``^`` in ``a^2``, ``not`` in ``not a`` (ast keeps no
    position for operators: it lies between the operands, or before the operand of a unary one)."""
    if isinstance(node, ast.UnaryOp):
        line, start = node.lineno, node.col_offset
    else:
        line, start = node.left.end_lineno, node.left.end_col_offset
    text = _lines(source)[line - 1].encode(errors="surrogatepass")
    while start < len(text) and text[start : start + 1] in b" \t)":
        start += 1  # the spaces and closing brackets after the left operand
    end = start + 1
    while end < len(text) and text[end : end + 1] not in b" \t(" and not text[end : end + 1].isalnum():
        end += 1
    if text[start : start + 1].isalpha():  # a word operator: not
        end = start + len(text[start:].split()[0])
    span = ast.AST()
    span.lineno = span.end_lineno = line
    span.col_offset, span.end_col_offset = start, end
    return span


class _Compiler:
    """Checks a tree against the whitelist and lists its instructions in postfix order."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.instructions: list[Instruction] = []
        self.variables: dict[str, None] = {}  # an ordered set: first appearance first

    def run(self, tree: ast.expr) -> Program:
        # Iterative post-order walk: (node, False) checks a node and schedules its
        # operands; (node, True) emits it once its operands have been emitted.
        stack: list[tuple[ast.expr, bool]] = [(tree, False)]
        while stack:
            node, operands_done = stack.pop()
            if operands_done:
                self._emit(node)
            else:
                stack.append((node, True))
                stack.extend((operand, False) for operand in reversed(self._operands(node)))
        return Program(self.source, tuple(self.instructions), tuple(self.variables))

    def _operands(self, node: ast.expr) -> list[ast.expr]:
        """The sub-formulas of an allowed node; raise ExpressionError for anything else."""
        if isinstance(node, ast.BinOp):
            self._check_operator(node, node.op, _BINARY)
            return [node.left, node.right]
        if isinstance(node, ast.UnaryOp):
            self._check_operator(node, node.op, (ast.USub, ast.UAdd))
            return [node.operand]
        if isinstance(node, ast.Call):
            self._check_call(node)
            return node.args
        if isinstance(node, ast.Name):
            if node.id in FUNCTIONS:
                raise _error_at(self.source, node, _("{quoted} is a function: write {name}(x)").format(
                    quoted=repr(node.id), name=node.id))
            return []
        if isinstance(node, ast.Constant):
            self._check_number(node)
            return []
        what = _(_FORBIDDEN[type(node)]) if type(node) in _FORBIDDEN else _("{kind} expressions").format(
            kind=type(node).__name__)
        raise _error_at(self.source, node, _("{what} cannot be used in a formula").format(what=what))

    def _check_operator(self, node: ast.expr, op: ast.AST, allowed: Collection[type]) -> None:
        if type(op) not in allowed:
            symbol = _(_OTHER_OPERATORS[type(op)]) if type(op) in _OTHER_OPERATORS else type(op).__name__
            reason = _("the operator {symbol} cannot be used in a formula").format(symbol=symbol)
            raise _error_at(self.source, _operator_span(self.source, node), reason)

    def _check_call(self, node: ast.Call) -> None:
        if not isinstance(node.func, ast.Name):
            raise _error_at(self.source, node, _("only the functions {functions} can be called").format(
                functions=", ".join(FUNCTIONS)))
        name = node.func.id
        if name not in FUNCTIONS:
            raise _error_at(
                self.source,
                node.func,
                _("unknown function {name}: only {functions} can be called").format(
                    name=repr(name), functions=", ".join(FUNCTIONS)),
            )
        if node.keywords:
            raise _error_at(self.source, node.keywords[0], _("{name}() takes no keyword arguments").format(
                name=name))
        if len(node.args) != 1:
            raise _error_at(self.source, node, _("{name}() takes exactly one argument, got {count}").format(
                name=name, count=len(node.args)))

    def _check_number(self, node: ast.Constant) -> None:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            if isinstance(value, str):
                kind = _("strings")
            else:
                kind = _("{type} constants").format(type=type(value).__name__)
            raise _error_at(self.source, node, _("{kind} cannot be used in a formula, only numbers").format(
                kind=kind))
        try:
            finite = math.isfinite(float(value))
        except OverflowError:  # an int too large for a float
            finite = False
        if not finite:
            raise _error_at(
                self.source, node, _("this number is too large (the largest float is about 1.8e308)")
            )

    def _emit(self, node: ast.expr) -> None:
        last = self.instructions[-1] if self.instructions else None
        if isinstance(node, ast.Constant):
            self.instructions.append(("number", float(node.value)))
        elif isinstance(node, ast.Name):
            self.variables.setdefault(node.id)
            self.instructions.append(("variable", node.id))
        elif isinstance(node, ast.Call):
            self.instructions.append(("call", node.func.id))
        elif isinstance(node, ast.UnaryOp):
            # A sign in front of a number is part of the number: "-2" is one constant.
            if isinstance(node.op, ast.USub) and last[0] == "number":
                self.instructions[-1] = ("number", -last[1])
            elif isinstance(node.op, ast.USub):
                self.instructions.append(("negate", None))
        elif isinstance(node.op, ast.Pow) and last[0] == "number":
            # A number exponent stays a number, as in Python code: x**2 is one node "**2".
            self.instructions[-1] = ("power", last[1])
        else:
            self.instructions.append(("binary", _BINARY[type(node.op)]))


# ----- running: instructions + values -> graph -----


class Formula:
    """A checked formula, ready to build its graph for many sets of values (e.g. a slider's).

    ``Formula("(a*b + c)*f").evaluate({"a": 2, "b": -3, "c": 10, "f": -2})`` is the
    output Value ``L`` (data -8.0), with ``n1 = a*b`` and ``n2 = n1 + c``.
    """

    def __init__(self, text: str, name: str = "L") -> None:
        if not isinstance(name, str) or not name:
            raise TypeError(_(
                "expression: name= labels the output and must be a non-empty str, got {name} "
                "(a variable cannot be called 'name' in expression(); use Formula(text).evaluate(values))"
            ).format(name=repr(name)))
        self.program = compile_formula(text)
        self.variables = self.program.variables
        self.name = name
        if name in self.variables:
            raise ExpressionError(_(
                "the output is labelled {name}, which is also a variable of the formula; "
                "choose another label with name="
            ).format(name=repr(name)))
        self._prefix = _intermediate_prefix(self.variables + (name,))

    def evaluate(self, values: Mapping[str, object]) -> Value:
        """The graph of the formula at ``values`` (one number per variable); returns its output."""
        leaves = self._leaves(values)
        stack: list[Value] = []
        made: list[Value] = []  # the nodes made by operations, in forward-pass order
        for kind, argument in self.program.instructions:
            if kind == "number":
                stack.append(Value(argument))
                continue
            if kind == "variable":
                stack.append(leaves[argument])
                continue
            if kind == "power":
                node = stack.pop() ** argument
            elif kind == "negate":
                node = -stack.pop()
            elif kind == "call":
                node = FUNCTIONS[argument](stack.pop())
            else:
                right = stack.pop()
                node = argument(stack.pop(), right)
            stack.append(node)
            made.append(node)
        root = stack.pop()
        for k, node in enumerate(made[:-1], start=1):
            node.label = f"{self._prefix}{k}"
        if root.op or not root.label:  # a lone variable keeps its own name
            root.label = self.name
        return root

    def _leaves(self, values: Mapping[str, object]) -> dict[str, Value]:
        """One labelled leaf per variable; errors list every missing or unknown name."""
        missing = sorted(set(self.variables) - set(values))
        if missing:
            raise ExpressionError(_("missing values for {missing} (the formula uses {variables})").format(
                missing=", ".join(missing), variables=", ".join(self.variables)))
        unknown = sorted(set(values) - set(self.variables))
        if unknown:
            if self.variables:
                uses = _("it uses {variables}").format(variables=", ".join(self.variables))
            else:
                uses = _("it has no variables")
            given = ", ".join(unknown)
            reason = _("values given for {given}, which the formula does not use ({uses})")
            raise ExpressionError(reason.format(given=given, uses=uses))
        leaves = {}
        for name in self.variables:
            value = values[name]
            if isinstance(value, bool) or not isinstance(value, numbers.Real):
                reason = _("expression: the value of {name} must be a number, got {type}: {value}")
                raise TypeError(reason.format(name=repr(name), type=type(value).__name__, value=repr(value)))
            if not math.isfinite(value):
                raise ValueError(_("expression: the value of {name} must be finite, got {value}").format(
                    name=repr(name), value=repr(value)))
            leaves[name] = Value(value, label=name)
        return leaves


def _intermediate_prefix(taken: tuple[str, ...]) -> str:
    """ "n", or "n_", "n__"... if a variable is already called n1, n2... (labels stay unique)."""
    prefix = "n"
    while any(re.fullmatch(re.escape(prefix) + r"\d+", name) for name in taken):
        prefix += "_"
    return prefix


def variables(text: str) -> list[str]:
    """The variable names of a formula in order of first appearance, without building a graph."""
    return list(compile_formula(text).variables)


def expression(text: str, /, *, name: str = "L", **values: float) -> Value:
    """Build the graph of formula ``text`` with one leaf per variable; return the output node.

    ``expression("tanh(w*x + b)", w=0.5, x=2, b=-1)``. The keyword ``name`` labels the
    output, so a variable cannot be called "name" here (use ``Formula(text).evaluate``).
    Domain errors (log of a negative number...) come from the engine, with its message.
    """
    formula = Formula(text, name=name)
    return formula.evaluate(values)
