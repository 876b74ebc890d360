"""The faster suffix and infix searches find what spaCy's patterns find, on every kind of word."""

from __future__ import annotations

import random
import re

import pytest
import spacy

from pipeline import nlp
from pipeline.affix_search import _split_alternatives, faster_infix_finditer, faster_suffix_search
from tests.conftest import ROOT, SEEDS

PLAIN = spacy.blank("en").tokenizer
SUFFIX = faster_suffix_search(PLAIN.suffix_search)
INFIX = faster_infix_finditer(PLAIN.infix_finditer)
# characters spaCy's English affix rules are written with, and some that they are not
AFFIX_CHARS = ".,;:!?'’\"()[]-–—/+*^%£$€°sSkmgKCF…~=<>&#_0123456789aAeEzZé\u00a9\u2192"


def _words() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests/fixtures").rglob("*.txt"))]
    chunks = sorted({w for text in texts for w in text.split()})
    # spaCy searches a word again each time it has cut an affix off: the ends of words too
    cut = {w[i:] for w in chunks for i in range(1, min(len(w), 4))} | {w[:-i] for w in chunks for i in range(1, 4)}
    rng = random.Random(8)
    made = ["".join(rng.choices(AFFIX_CHARS, k=rng.randint(1, 12))) for _ in range(20_000)]
    edges = ["", "\n", "a\n", "5km\n", "5km", "km", "x...", "x" + "." * 30, "." * 30 + "x", "...\n", "’s", "5.", "°C."]
    # the longest suffixes: units after a number
    edges += ["5km/h", "10mbar", "3мбар", "2اكواب", "2اكواب\n", "x2اكواب"]
    return chunks + sorted(cut) + made + edges


WORDS = _words()


def _span(match: re.Match[str] | None) -> tuple[int, int] | None:
    return None if match is None else match.span()


def test_spacys_english_patterns_get_the_faster_searches():
    assert SUFFIX is not PLAIN.suffix_search
    assert INFIX is not PLAIN.infix_finditer


def test_suffix_search_finds_spacys_suffix_in_every_word():
    assert [_span(SUFFIX(w)) for w in WORDS] == [_span(PLAIN.suffix_search(w)) for w in WORDS]


def test_infix_search_finds_spacys_infixes_in_every_word():
    assert [[m.span() for m in INFIX(w)] for w in WORDS] == [[m.span() for m in PLAIN.infix_finditer(w)] for w in WORDS]


def test_a_run_of_dots_longer_than_any_bounded_suffix_is_found_whole():
    word = "end" + "." * 20
    assert _span(SUFFIX(word)) == _span(PLAIN.suffix_search(word)) == (3, 23)


@pytest.mark.parametrize(
    "pattern",
    [r"(?i)ab$|c$", r"a|b", r"x*$", r"(?m)a$|b$"],
    ids=["ignore case", "no end anchor", "may be empty", "multiline"],
)
def test_a_suffix_pattern_of_another_kind_keeps_its_own_search(pattern):
    search = re.compile(pattern).search
    assert faster_suffix_search(search) is search


@pytest.mark.parametrize(
    "pattern", [r"[^a]", r"a?b", r"\b", r"(?i)-"], ids=["negated", "optional", "empty", "ignore case"]
)
def test_an_infix_pattern_of_another_kind_keeps_its_own_search(pattern):
    finditer = re.compile(pattern).finditer
    assert faster_infix_finditer(finditer) is finditer


def test_alternatives_are_split_at_the_top_level_only():
    pattern = r"a\|b|[|\]]|(c|d)|[]|]e|[^]|]f"
    assert list(_split_alternatives(pattern)) == [r"a\|b", r"[|\]]", "(c|d)", "[]|]e", "[^]|]f"]


def test_the_pipeline_tokenizer_uses_them():
    tokenizer = nlp.english().tokenizer.tokenizer
    assert tokenizer.suffix_search.__name__ == "suffix_search"
    assert tokenizer.infix_finditer.__name__ == "infix_finditer"
