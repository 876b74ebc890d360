"""Faster equivalents of spaCy's slowest English lexeme attribute functions.

spaCy computes some twenty attributes of every word the first time it meets it, by calling
Python functions (`vocab.lex_attr_getters`); a batch worker meets thousands of new words in
each of its first papers. `like_num`, `like_url` and `word_shape` are the costly ones: they
loop over characters or scan lists in Python. The versions here answer the common case (a
plain word) at once and hand every other string to spaCy's own function, so they give what
spaCy gives for every string (tests/test_lexeme_attrs.py compares them on many strings).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.attrs import LIKE_NUM, LIKE_URL, SHAPE
from spacy.lang import lex_attrs as spacy_attrs
from spacy.lang.en import lex_attrs as spacy_english
from spacy.vocab import Vocab

_NUMBER_WORDS = frozenset(spacy_english._num_words) | frozenset(spacy_english._ordinal_words)


def like_num(text: str) -> bool:
    """spaCy's English `like_num`: "10", "1,000", "3/4", "ten", "tenth", "21st"."""
    if text.isalpha():
        # letters only: no sign, separator, digit or ordinal suffix after digits to look for
        return text.lower() in _NUMBER_WORDS
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
_LONG_WORD = 100


def word_shape(text: str) -> str:
    """spaCy's `word_shape`: "Partnership" -> "Xxxxx", "2009/10" -> "dddd/dd"."""
    if not text.isascii() or len(text) >= _LONG_WORD:
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


FASTER: dict[int, Callable[[str], Any]] = {LIKE_NUM: like_num, LIKE_URL: like_url, SHAPE: word_shape}


def use_faster_attributes(vocab: Vocab) -> None:
    """Give a vocabulary the faster functions where it uses spaCy's English ones."""
    originals = {LIKE_NUM: spacy_english.like_num, LIKE_URL: spacy_attrs.like_url, SHAPE: spacy_attrs.word_shape}
    getters: dict[int, Callable[[str], Any]] = vocab.lex_attr_getters  # type: ignore[attr-defined]
    for attr, faster in FASTER.items():
        if getters.get(attr) is originals[attr]:
            getters[attr] = faster
