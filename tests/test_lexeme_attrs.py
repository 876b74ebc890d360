"""The faster lexeme attributes give what spaCy's own functions give, for every kind of string."""

from __future__ import annotations

import itertools
import sys
import unicodedata

import pytest
import spacy
from spacy.attrs import IDS as ATTRIBUTE_IDS
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


PLAIN_GETTERS = spacy.blank("en").vocab.lex_attr_getters
NAMES = {number: name for name, number in ATTRIBUTE_IDS.items()}


@pytest.mark.parametrize("attribute", sorted(PLAIN_GETTERS), ids=lambda a: NAMES[a])
def test_every_attribute_of_the_pipeline_vocabulary_equals_spacys(attribute):
    ours = nlp.english().vocab.lex_attr_getters[attribute]
    plain = PLAIN_GETTERS[attribute]
    assert [_outcome(ours, s) for s in STRINGS] == [_outcome(plain, s) for s in STRINGS]


def test_no_letter_or_digit_is_punctuation_or_currency():
    # is_punct and is_currency answer a word that starts with a letter or digit at once
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char.isalnum():
            assert not unicodedata.category(char).startswith(("P", "Sc")), hex(code)


def test_the_pipeline_vocabulary_uses_them_and_a_plain_one_does_not():
    getters = nlp.english().vocab.lex_attr_getters
    assert (getters[LIKE_NUM], getters[LIKE_URL], getters[SHAPE]) == tuple(f for f, _ in PAIRS)
    assert PLAIN_GETTERS[SHAPE] is spacy_attrs.word_shape
    replaced = [a for a in PLAIN_GETTERS if getters[a] is not PLAIN_GETTERS[a]]
    assert len(replaced) == len(PLAIN_GETTERS)  # every one of spaCy's English functions has a faster twin


def test_words_of_a_seed_text_have_spacys_attributes():
    text = (SEEDS / "001_af8bf309ee297552.txt").read_text(encoding="utf-8")
    plain = spacy.blank("en")
    fields = (
        "lower_", "norm_", "prefix_", "suffix_", "shape_", "lang_", "is_alpha", "is_ascii", "is_digit",
        "is_lower", "is_upper", "is_title", "is_punct", "is_space", "is_stop", "is_bracket", "is_quote",
        "is_left_punct", "is_right_punct", "is_currency", "like_num", "like_url", "like_email",
    )
    ours = [tuple(getattr(t, f) for f in fields) for t in nlp.parse(text)]
    assert ours == [tuple(getattr(t, f) for f in fields) for t in plain(text)]
