"""Faster equivalents of spaCy's English lexeme attribute functions.

spaCy computes some twenty attributes of every word the first time it meets it, by calling
Python functions (`vocab.lex_attr_getters`); a batch worker meets thousands of new words in
each of its first papers, and these calls are about half of what a new word costs.
- `like_num`, `like_url` and `word_shape` loop over characters or scan lists in Python: the
  versions here answer the common case (a plain word) at once.
- `is_punct`, `is_currency` and `like_email` look at every character or run a pattern: a word
  that starts with a letter or digit is neither punctuation nor currency, and an e-mail address
  holds an "@".
- The rest wrap one string method or a lookup in a Python function: they are replaced by the
  method itself (`str.isalpha` for `is_alpha`) or by one lookup.
Every other string goes to spaCy's own function, so each gives what spaCy gives for every
string (tests/test_lexeme_attrs.py compares them on many strings, and on every character).
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable
from typing import Any

from spacy import attrs
from spacy.attrs import LIKE_NUM, LIKE_URL, SHAPE
from spacy.lang import lex_attrs as spacy_attrs
from spacy.lang.en import lex_attrs as spacy_english
from spacy.util import _get_attr_unless_lookup
from spacy.vocab import Vocab

NUMBER_WORDS = frozenset(spacy_english._num_words) | frozenset(spacy_english._ordinal_words)


def like_num(text: str) -> bool:
    """spaCy's English `like_num`: "10", "1,000", "3/4", "ten", "tenth", "21st"."""
    if text.isalpha():
        # letters only: no sign, separator, digit or ordinal suffix after digits to look for
        return text.lower() in NUMBER_WORDS
    return bool(spacy_english.like_num(text))


def like_url(text: str) -> bool:
    """spaCy's `like_url`: "www.example.org", "http://...", "example.gov.uk"."""
    if text and "." not in text and not text.startswith(("http://", "https://")):
        return False  # spaCy's function looks for a dot character by character to say so
    return spacy_attrs.like_url(text)


# spaCy's shape marks an ASCII letter "X" or "x" and a digit "d", and keeps other characters;
# a run of one mark is cut to four ("Xxxxx" for "Partnership").
_ASCII_SHAPE = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "X" * 26 + "x" * 26 + "d" * 10
)
_LONG_RUN = re.compile(r"(.)\1{4,}", re.S)
LONG_WORD = 100


def word_shape(text: str) -> str:
    """spaCy's `word_shape`: "Partnership" -> "Xxxxx", "2009/10" -> "dddd/dd"."""
    if not text.isascii() or len(text) >= LONG_WORD:
        return str(spacy_attrs.word_shape(text))
    # most words are one of these, whose shape needs no pattern
    if text.isalpha():
        if text.islower():
            return "x" * min(len(text), 4)
        if text.isupper():
            return "X" * min(len(text), 4)
        if text.istitle():
            return "X" + "x" * min(len(text) - 1, 4)
    elif text.isdigit():
        return "d" * min(len(text), 4)
    shape = text.translate(_ASCII_SHAPE)
    return _LONG_RUN.sub(_four, shape) if _LONG_RUN.search(shape) else shape


def _four(run: re.Match[str]) -> str:
    return run.group(1) * 4


def is_punct(text: str) -> bool:
    """spaCy's `is_punct`: every character a punctuation mark ("...", "-", "(")."""
    # no letter or digit is punctuation (tested on every character)
    return False if text[:1].isalnum() else spacy_attrs.is_punct(text)


def is_currency(text: str) -> bool:
    """spaCy's `is_currency`: every character a currency sign ("£", "$")."""
    return False if text[:1].isalnum() else spacy_attrs.is_currency(text)


def like_email(text: str) -> bool:
    """spaCy's `like_email`: "name@council.gov.uk"."""
    return "@" in text and spacy_attrs.like_email(text)


def _members(function: Callable[[str], bool]) -> Callable[[str], bool]:
    """spaCy's `text in (...)` functions as one set lookup."""
    # the strings are the function's one tuple of constants
    (options,) = [c for c in function.__code__.co_consts if isinstance(c, tuple)]
    return frozenset(options).__contains__


# spaCy's English function of each attribute, and its faster twin
TWINS: dict[int, tuple[Callable[[str], Any], Callable[[str], Any]]] = {
    LIKE_NUM: (spacy_english.like_num, like_num),
    LIKE_URL: (spacy_attrs.like_url, like_url),
    SHAPE: (spacy_attrs.word_shape, word_shape),
    attrs.IS_PUNCT: (spacy_attrs.is_punct, is_punct),
    attrs.IS_CURRENCY: (spacy_attrs.is_currency, is_currency),
    attrs.LIKE_EMAIL: (spacy_attrs.like_email, like_email),
    # each a call of one string method or an index
    attrs.LOWER: (spacy_attrs.lower, str.lower),
    attrs.PREFIX: (spacy_attrs.prefix, operator.itemgetter(0)),
    attrs.SUFFIX: (spacy_attrs.suffix, operator.itemgetter(slice(-3, None))),
    attrs.IS_ALPHA: (spacy_attrs.is_alpha, str.isalpha),
    attrs.IS_DIGIT: (spacy_attrs.is_digit, str.isdigit),
    attrs.IS_LOWER: (spacy_attrs.is_lower, str.islower),
    attrs.IS_SPACE: (spacy_attrs.is_space, str.isspace),
    attrs.IS_TITLE: (spacy_attrs.is_title, str.istitle),
    attrs.IS_UPPER: (spacy_attrs.is_upper, str.isupper),
    attrs.IS_ASCII: (spacy_attrs.is_ascii, str.isascii),
    # each asks whether a word is one of a few strings
    **{
        attr: (function, _members(function))
        for attr, function in {
            attrs.IS_BRACKET: spacy_attrs.is_bracket,
            attrs.IS_QUOTE: spacy_attrs.is_quote,
            attrs.IS_LEFT_PUNCT: spacy_attrs.is_left_punct,
            attrs.IS_RIGHT_PUNCT: spacy_attrs.is_right_punct,
        }.items()
    },
}


def _one_lookup(getter: Any) -> Callable[[str], Any] | None:
    """spaCy's NORM: a table of exceptions, else the lower case; as one dictionary lookup."""
    if not (isinstance(getter, functools.partial) and getter.func is _get_attr_unless_lookup):
        return None
    default, tables = getter.args
    if default is not spacy_attrs.lower or len(tables) != 1 or None in tables[0].values():
        return None
    table = dict(tables[0])

    def norm(text: str) -> Any:
        found = table.get(text)
        return text.lower() if found is None else found

    norm.table = table  # type: ignore[attr-defined]  # read by pipeline/lexeme_getters.py
    return norm


def _given(getter: Any, function: Callable[..., Any], keyword: str) -> Any:
    """What spaCy gave one of its functions by `functools.partial` (its stop list, its language)."""
    if isinstance(getter, functools.partial) and getter.func is function and not getter.args:
        return getter.keywords[keyword]
    return None


def _stop_words(getter: Any) -> Callable[[str], bool] | None:
    """spaCy's `is_stop`, without the partial's call."""
    stops = _given(getter, spacy_attrs.is_stop, "stops")
    if stops is None:
        return None

    def is_stop(text: str) -> bool:
        return text.lower() in stops

    is_stop.stops = stops  # type: ignore[attr-defined]
    return is_stop


def _language(getter: Any) -> Callable[[str], str] | None:
    """spaCy's `get_lang`, without the partial's call."""
    code = _given(getter, spacy_attrs.get_lang, "lang")
    if code is None:
        return None

    def lang(text: str) -> str:
        return code

    lang.code = code  # type: ignore[attr-defined]
    return lang


def use_faster_attributes(vocab: Vocab) -> None:
    """Give a vocabulary the faster functions where it uses spaCy's English ones."""
    getters: dict[int, Callable[[str], Any]] = vocab.lex_attr_getters  # type: ignore[attr-defined]
    for attr, (original, twin) in TWINS.items():
        if getters.get(attr) is original:
            getters[attr] = twin
    replacements = {
        attrs.NORM: _one_lookup(getters.get(attrs.NORM)),
        attrs.IS_STOP: _stop_words(getters.get(attrs.IS_STOP)),
        attrs.LANG: _language(getters.get(attrs.LANG)),
    }
    for attr, found in replacements.items():
        if found is not None:
            getters[attr] = found
