"""The package speaks French on request: a complete, compiled, well-typeset catalog, used everywhere.

The catalog is ``autograd/locale/fr/LC_MESSAGES/autograd.po``, compiled to ``autograd.mo`` beside it.
The messages are extracted from the source here with babel, in memory, exactly as the command that
maintains the catalog does (see autograd/language.py)::

    .venv/bin/pybabel extract -F babel.cfg --no-default-keywords -k _ -k N_ -k ngettext:1,2 \\
        -k pgettext:1c,2 -k NP_:1c,2 --no-location --sort-output -o /tmp/autograd.pot .

The tests compare with the catalog rather than with guessed French, so a better translation never
breaks them; what they hold fixed is that every message has one, and that the code shows it.
"""

from __future__ import annotations

import ast
import io
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from autograd.language import LOCALE_DIR, _, language, set_language

ROOT = Path(__file__).resolve().parents[1]
PO = LOCALE_DIR / "fr" / "LC_MESSAGES" / "autograd.po"
MO = PO.with_suffix(".mo")
# babel's keyword specs: a msgid in argument 1 (None), plurals (1, 2), a context then a msgid ((1, "c"), 2)
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "NP_": ((1, "c"), 2)}
FIELD = re.compile(r"\{([A-Za-z_]\w*)\}")  # a str.format field: {name}
MATH_OR_CODE = re.compile(r"\$\$.*?\$\$|\$[^$]*\$|`[^`]*`", re.S)  # LaTeX and Markdown code spans
MATH = re.compile(r"\$\$.*?\$\$|\$[^$]*\$", re.S)
WORDS_IN_MATH = re.compile(r"\\(?:text|mathrm)\{[^{}]*\}")  # \text{first use}: words, translated
NBSP, NNBSP = "\u00a0", "\u202f"


def catalog() -> Catalog:
    with PO.open("rb") as file:
        return read_po(file)


def translated(message: str, context: str | None = None) -> str:
    """The French of ``message`` as the .po file has it."""
    entry = catalog().get(message, context=context)
    assert entry is not None and entry.string, f"no French for {message!r}"
    return entry.string


def source_messages() -> set[tuple[str | tuple[str, ...], str | None]]:
    """Every (msgid, context) marked in the package's source, read with babel.cfg and KEYWORDS."""
    with (ROOT / "babel.cfg").open() as file:
        method_map, options_map = parse_mapping_cfg(file)
    found = set()
    for _filename, _line, message, _comments, context in extract_from_dir(
        ROOT, method_map, options_map, keywords=KEYWORDS, directory_filter=lambda path: ".venv" not in path
    ):
        found.add((message, context))
    return found


def entries() -> list:
    return [entry for entry in catalog() if entry.id]


def strings(entry) -> tuple[list[str], list[str]]:
    """(msgids, msgstrs) of an entry: one each, or the singular and plural forms."""
    ids = list(entry.id) if isinstance(entry.id, tuple) else [entry.id]
    strs = list(entry.string) if isinstance(entry.string, tuple) else [entry.string]
    return ids, strs


# ----- the catalog -----


def _messages(mo: bytes) -> dict:
    """The messages of a compiled catalog, header left out (it holds the time of compiling)."""
    def key(value):
        return tuple(value) if isinstance(value, list) else value

    return {(key(m.id), m.context): key(m.string) for m in read_mo(io.BytesIO(mo)) if m.id}


def test_the_compiled_catalog_is_the_po_file_compiled():
    """autograd.mo holds what `pybabel compile` makes of autograd.po now: the same messages."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog())
    want, have = _messages(buffer.getvalue()), _messages(MO.read_bytes())
    differ = sorted(str(key[0]) for key in want.keys() | have.keys() if want.get(key) != have.get(key))
    assert not differ, (
        "autograd.mo is out of date: run .venv/bin/pybabel compile -D autograd -d autograd/locale\n"
        + "\n".join(differ)
    )


def test_every_message_of_the_source_has_a_french_translation():
    by_key = {(entry.id, entry.context): entry for entry in entries()}
    missing = sorted(
        str(key[0]) for key in source_messages()
        if key not in by_key or not all(strings(by_key[key])[1]) or by_key[key].fuzzy
    )
    assert not missing, (
        f"{len(missing)} messages without a French translation (or a fuzzy one):\n" + "\n".join(missing)
    )


def test_every_marked_literal_is_one_babel_extracts():
    """babel does not look inside f-strings: ``f"<b>{_('repeat')}</b>"`` would stay English."""
    seen = set()
    for path in sorted((ROOT / "autograd").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in KEYWORDS:
                texts = [arg.value for arg in node.args if isinstance(arg, ast.Constant)]
                if len(texts) == len(node.args) and all(isinstance(text, str) for text in texts):
                    msgid = texts[1] if node.func.id in ("pgettext", "NP_") else texts[0]
                    context = texts[0] if node.func.id in ("pgettext", "NP_") else None
                    seen.add((f"{path.relative_to(ROOT)}:{node.lineno}", msgid, context))
    extracted = {(key[0] if isinstance(key[0], str) else key[0][0], key[1]) for key in source_messages()}
    hidden = sorted(where for where, msgid, context in seen if (msgid, context) not in extracted)
    assert len(seen) > 300 and not hidden, f"marked but not extracted (inside an f-string?): {hidden}"


def test_the_catalog_has_no_obsolete_messages():
    used = source_messages()
    obsolete = sorted(str(entry.id) for entry in entries() if (entry.id, entry.context) not in used)
    assert not obsolete, "messages no longer in the source, remove them from autograd.po:\n" + "\n".join(
        obsolete
    )
    assert not catalog().obsolete, "autograd.po keeps #~ obsolete entries"


def test_translations_keep_the_fields_of_their_message():
    """The {fields} outside LaTeX must be the same; LaTeX braces ({k} in \\frac{2}{k}) are math."""
    wrong = []
    for entry in entries():
        ids, strs = strings(entry)
        want = sorted(FIELD.findall(MATH.sub("", ids[-1])))
        for text in strs:
            if sorted(FIELD.findall(MATH.sub("", text))) != want:
                wrong.append(f"{entry.id!r}: {text!r}")
    assert not wrong, "\n".join(wrong)


def test_translations_keep_the_latex_of_their_message():
    """The formulas are the same, character for character; only words in \\text{...} are translated."""
    wrong = []
    for entry in entries():
        ids, strs = strings(entry)
        want = [WORDS_IN_MATH.sub("", math) for math in MATH.findall(ids[0])]
        if [WORDS_IN_MATH.sub("", math) for math in MATH.findall(strs[0])] != want:
            wrong.append(str(entry.id))
    assert not wrong, "\n".join(wrong)


def test_french_typography():
    """Outside LaTeX and `code`: no ordinary space before : ; ? !, and the right non-breaking one.

    ; ? ! take a narrow no-break space (U+202F), : a no-break space (U+00A0), as in the glossary
    (notebooks/fr/GLOSSAIRE.md). A colon may also be glued to what precedes it when that is code:
    the name of a function or class that opens a message, as in Python's own messages ("descend: ...",
    "Trainer.train: ...", "{who}: ..." where {who} is such a name), or the
    operator ":=". "!" followed by "=" is the operator "!=". Guillemets « » hold no-break spaces.
    """
    wrong = []
    for entry in entries():
        for text in strings(entry)[1]:
            prose = MATH_OR_CODE.sub(" ", text)
            problems = []
            if re.search(r" [:;?]| !(?!=)", prose):
                problems.append("an ordinary space before : ; ? or !")
            if re.search(rf"[^ {NNBSP}][;?]|[^ {NNBSP}!]!(?!=)", prose):
                problems.append("; ? or ! without U+202F before it")
            for match in re.finditer(r":(?!=)", prose):
                before = prose[: match.start()]
                code_prefix = re.fullmatch(r"[A-Za-z_][\w.]*|\{who\}", before)  # descend, Trainer.train
                if not (before.endswith(NBSP) or code_prefix):
                    problems.append(f"a colon without U+00A0 before it, after {before[-20:]!r}")
            if re.search(r"«[^\u00a0]|[^\u00a0]»", prose):
                problems.append("guillemets without U+00A0 inside")
            if problems:
                wrong.append(f"{text!r}: {'; '.join(problems)}")
    assert not wrong, "\n".join(wrong)


# ----- the package in French -----


def test_set_language_switches_both_ways_and_refuses_unknown_languages(capsys):
    set_language("fr")
    assert language() == "fr"
    assert _("show gradients") == translated("show gradients") != "show gradients"
    assert capsys.readouterr().out.strip() == translated("The course speaks English.")
    set_language("en")
    assert language() == "en" and _("show gradients") == "show gradients"
    with pytest.raises(ValueError, match=r"'de' is not a language of the course \(known: 'en', 'fr'\)"):
        set_language("de")
    assert language() == "en"


def test_self_check_verdicts_and_solutions_are_french():
    from autograd.course.selfcheck import EXERCISES, check, solution

    set_language("fr")
    unanswered = check("03.1", ...)
    not_yet = translated("not answered yet: replace ... with your answer and run the cell again")
    assert unanswered.message == not_yet
    assert str(unanswered) == translated("{mark} {key}: {message}").format(
        mark="✗", key="03.1", message=unanswered.message
    )
    exercise = EXERCISES["03.1"]
    hint = dict(exercise.mistakes)[1.0]
    not_quite = translated("not quite: {value}. {hint}")
    assert check("03.1", 1).message == not_quite.format(value="1", hint=translated(hint))
    text = str(solution("03.1"))
    assert translated(exercise.question) in text and translated(exercise.solution) in text
    set_language("en")
    assert exercise.question in str(solution("03.1"))


def test_choices_are_answered_in_french_or_english_except_method_names():
    from autograd.course.selfcheck import check

    set_language("fr")
    negative = translated("negative", context="choice")
    assert check("00.2", negative).ok and check("00.2", "negative").ok
    assert check("00.2", negative.upper()).ok and check("00.2", "negatif").ok  # case and accents do not count
    positive = translated("positive", context="choice")
    assert repr(positive) in check("00.2", "maybe").message  # the choices are listed in French
    assert not check("00.2", positive).ok
    # Method names stay as they are: "forward" is not "avant" there, and "step" is accepted as such.
    assert check("06.4", "step").ok and check("08.2", "step").ok
    avant = translated("forward", context="choice")
    not_a_choice = check("06.4", avant)
    assert not not_a_choice.ok and "'forward', 'zero_grad', 'backward', 'step'" in not_a_choice.message
    set_language("en")
    assert not check("00.2", negative).ok  # in English, only the English words


def test_widget_labels_are_french():
    from autograd.widgets import explore, step_through

    set_language("fr")
    explorer = explore("a*b", a=2, b=3)
    assert explorer.show_grads.description == translated("show gradients")
    stepper = step_through("a*b", a=2, b=3)
    assert stepper.slider.description == translated("step", context="backward pass") == "étape"
    heading = translated("step {k} of {last}").format(k=0, last=len(stepper.frames) - 1)
    assert heading in stepper.explanation.value


def test_stepper_explanations_are_french():
    import numpy as np

    from autograd.engine.tensor import Tensor
    from autograd.viz import backward_steps

    set_language("fr")
    x, w = Tensor(np.ones((2, 3)), label="X"), Tensor(np.ones(3), label="b")
    loss = (x + w).sum()
    loss.label = "L"
    lines = "\n".join(frame.explanation for frame in backward_steps(loss))
    assert translated("Forward pass: every value is known, no gradient yet.") in lines
    assert translated("{up} copied to {where}").format(up="1", where=translated("every entry")) in lines
    summed = translated("{share} summed over {axes}").format(share="dL/dn1",
                                                               axes=translated("axis {axis}").format(axis=0))
    assert summed in lines


def test_formula_errors_are_french():
    from autograd.engine.expression import ExpressionError, expression

    set_language("fr")
    with pytest.raises(ExpressionError) as error:
        expression("a = 2")
    assert translated("assignments are not allowed: type only the formula") in str(error.value)
    allowed = translated("allowed: numbers, variable names, + - * / **, unary - and +, parentheses, "
                         "and the functions {functions} of one argument, e.g. tanh(w1*x1 + w2*x2 + b)")
    assert allowed.format(functions="exp, log, tanh, sigmoid, relu, abs, sin, cos") in str(error.value)


def test_the_divergence_message_is_french():
    from autograd.learning.divergence import Diverged

    set_language("fr")
    message = str(Diverged(3, 10.0, "w"))
    template = translated("diverged at step {step} with lr = {lr}: {what}; try a smaller learning rate")
    assert message == template.format(step=3, lr="10", what="w")
    set_language("en")
    assert str(Diverged(3, 10.0, "w")) == "diverged at step 3 with lr = 10: w; try a smaller learning rate"


def test_jupyterlab_itself_can_speak_french():
    """requirements.txt installs JupyterLab's French language pack: Settings > Language > French."""
    from jupyterlab_server.translation_utils import get_language_packs

    packs, errors = get_language_packs("en")
    assert "fr_FR" in packs and not errors, (sorted(packs), errors)
