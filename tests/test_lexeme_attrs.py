"""The faster lexeme attributes give what spaCy's own functions give, for every kind of string."""

from __future__ import annotations

import itertools
import sys

import pytest
import spacy
from spacy.attrs import LIKE_NUM, LIKE_URL, SHAPE
from spacy.lang import lex_attrs as spacy_attrs
from spacy.lang.en import lex_attrs as spacy_english

from pipeline import lexeme_attrs, nlp
from tests.conftest import SEEDS

PAIRS = [
    (lexeme_attrs.like_num, spacy_english.like_num),
    (lexeme_attrs.like_url, spacy_attrs.like_url),
    (lexeme_attrs.word_shape, spacy_attrs.word_shape),
]
IDS = ["like_num", "like_url", "word_shape"]


def _strings() -> list[str]:
    # every character of the first planes, and a sample of the rest
    chars = [chr(c) for c in itertools.chain(range(0x3400), range(0x3400, sys.maxunicode + 1, 97))]
    words = sorted({w for path in SEEDS.glob("*.txt") for w in path.read_text(encoding="utf-8").split()})
    parts = ["", "a", "A", "1", "²", "٣", "Ⅻ", ".", ",", "/", "-", "+", "±", "~", "st", "nd", "TH", "ß", "É", "ǅ", "x"]
    made = ["".join(p) for p in itertools.product(parts, repeat=3)]
    runs = [c * n + tail for c in "aA1-.é" for n in range(1, 8) for tail in ("", "b", "B2", "....")]
    specials = [
        "tenth", "Twenty", "ELEVENTH", "21st", "1,000.5", "3/4", "-3/4", "½", "www.", "www.a", "http://x",
        "https://", "kent.gov.uk", "a@b.com", "x.co/", "localhost:8080", ".com", "com.", "gov.uk/path",
        "x" * 99, "x" * 100, "X" * 150, "McDonald", "iPhone", "O'Neill", "CO2", "2009/10", "£75k", "ﬁrst",
    ]
    return chars + words + made + runs + specials


STRINGS = _strings()


@pytest.mark.parametrize(("faster", "spacys"), PAIRS, ids=IDS)
def test_faster_attribute_equals_spacys_on_every_kind_of_string(faster, spacys):
    assert [_outcome(faster, s) for s in STRINGS] == [_outcome(spacys, s) for s in STRINGS]


def _outcome(attribute, text: str) -> object:
    try:
        return attribute(text)
    except Exception as e:  # spaCy's like_url fails on "" (a word is never empty): so must ours
        return type(e)


def test_the_pipeline_vocabulary_uses_them_and_a_plain_one_does_not():
    getters = nlp.english().vocab.lex_attr_getters
    assert (getters[LIKE_NUM], getters[LIKE_URL], getters[SHAPE]) == tuple(f for f, _ in PAIRS)
    assert spacy.blank("en").vocab.lex_attr_getters[SHAPE] is spacy_attrs.word_shape


def test_words_of_a_seed_text_have_spacys_attributes():
    text = (SEEDS / "001_af8bf309ee297552.txt").read_text(encoding="utf-8")
    plain = spacy.blank("en")
    fields = ("shape_", "like_num", "like_url")
    ours = [tuple(getattr(t, f) for f in fields) for t in nlp.parse(text)]
    assert ours == [tuple(getattr(t, f) for f in fields) for t in plain(text)]
