"""The language the package speaks to the learner: English by default, French on request.

Every learner-facing message is written in English in the code and marked for translation:
``_("...")`` where the message is shown (translated at that moment, in the language chosen
last), ``N_("...")`` where it is only defined (a constant, an exercise's hint), for ``_()``
to translate when it is shown. Messages with values are templates filled after translation,
``_("{name} is not defined").format(name=name)``, so a translator can move the values.

The translations are GNU gettext catalogs: ``autograd/locale/<code>/LC_MESSAGES/autograd.po``
(the text a translator edits) compiled to ``autograd.mo`` beside it (what is read here,
with the standard library's ``gettext``). A notebook chooses its language once::

    from autograd.language import set_language
    set_language("fr")

Choice words of the self-check are marked ``NP_("choice", "forward")``: a msgctxt of their own, so
that the word "forward" answered in exercise 02.2 ("avant") and other uses of it never share a
translation. Keeping the catalog up to date (babel, as in requirements-test.txt)::

    .venv/bin/pybabel extract -F babel.cfg --no-default-keywords -k _ -k N_ -k ngettext:1,2 \
        -k pgettext:1c,2 -k NP_:1c,2 --no-location --sort-output -w 100 -o /tmp/autograd.pot .
    .venv/bin/pybabel update -D autograd -i /tmp/autograd.pot -d autograd/locale \
        --no-fuzzy-matching --ignore-obsolete -w 100
    # translate the new empty msgstr; keep the short header as it was (update adds template fields)
    .venv/bin/pybabel compile -D autograd -d autograd/locale

tests/test_language.py checks the result: every message translated, none obsolete, the same
{fields}, French typography, and the .mo compiled from the .po.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DOMAIN = "autograd"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = {"en": "English", "fr": "français"}  # code -> the language's name in itself
DEFAULT = "en"  # the language of the source code: no catalog needed

_current: gettext.NullTranslations = gettext.NullTranslations()
_code = DEFAULT


def N_(message: str) -> str:  # noqa: N802 (gettext's conventional name)
    """Mark ``message`` for translation without translating it now (``_()`` does, where it is shown)."""
    return message


def _(message: str) -> str:
    """``message`` in the language chosen with ``set_language`` (as written, in English)."""
    return _current.gettext(message)


def NP_(context: str, message: str) -> str:  # noqa: N802 (like N_, with a context)
    """Mark ``message`` for translation in ``context`` (``pgettext`` translates it where it is shown).

    A context keeps apart two uses of one English word: the choice "forward" of an exercise is
    translated ("avant") in context "choice", and the method name ``forward`` is not translated at all.
    """
    return message


def pgettext(context: str, message: str) -> str:
    """``message`` translated in ``context`` (a separate entry of the catalog), in the chosen language."""
    return _current.pgettext(context, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form of a message for ``count`` things, in the chosen language."""
    return _current.ngettext(singular, plural, count)


def language() -> str:
    """The code of the language the package speaks now: "en" or "fr"."""
    return _code


def set_language(code: str) -> None:
    """Speak the language ``code`` ("en" or "fr") from now on, and say so in that language."""
    global _current, _code
    _current, _code = _translations(code), code
    print(_("The course speaks English."))


@contextmanager
def speaking(code: str) -> Iterator[None]:
    """Speak ``code`` inside a ``with`` block (quietly), then the language spoken before it."""
    global _current, _code
    before = _current, _code
    _current, _code = _translations(code), code
    try:
        yield
    finally:
        _current, _code = before


def _translations(code: str) -> gettext.NullTranslations:
    """What ``_()`` reads to speak ``code``; a clear error for a language the course does not have."""
    if code not in LANGUAGES:
        known = ", ".join(repr(c) for c in LANGUAGES)
        raise ValueError(f"set_language: {code!r} is not a language of the course (known: {known})")
    return gettext.NullTranslations() if code == DEFAULT else catalog(code)


def catalog(code: str) -> gettext.GNUTranslations:
    """The compiled catalog of language ``code``, read from ``LOCALE_DIR``."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[code])
