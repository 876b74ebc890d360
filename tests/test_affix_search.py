"""The faster affix and URL searches find what spaCy's patterns find, on every kind of word."""

from __future__ import annotations

import random
import re

import pytest
import spacy

from pipeline import nlp
from pipeline.affix_search import (
    _split_alternatives,
    faster_infix_finditer,
    faster_prefix_search,
    faster_suffix_search,
    faster_url_match,
)
from tests.conftest import ROOT, SEEDS

PLAIN = spacy.blank("en").tokenizer
PREFIX = faster_prefix_search(PLAIN.prefix_search)
SUFFIX = faster_suffix_search(PLAIN.suffix_search)
INFIX = faster_infix_finditer(PLAIN.infix_finditer)
URL = faster_url_match(PLAIN.url_match)
# characters spaCy's English affix rules are written with, and some that they are not
AFFIX_CHARS = ".,;:!?'’\"()[]-–—/+*^%£$€°sSkmgKCFUAwh…~=<>&#_@0123456789aAeEzZé\u00a9\u2192"


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
    # addresses and currencies written before a number
    edges += ["www.kent.gov.uk", "https://x.org/a?b", "a@b.com", "10.0.0.1", "US$5", "C$10", "A$", "Mex$3", "E£"]
    return chunks + sorted(cut) + made + edges


WORDS = _words()


def _span(match: re.Match[str] | None) -> tuple[int, int] | None:
    return None if match is None else match.span()


def test_spacys_english_patterns_get_the_faster_searches():
    assert PREFIX is not PLAIN.prefix_search
    assert SUFFIX is not PLAIN.suffix_search
    assert INFIX is not PLAIN.infix_finditer
    assert URL is not PLAIN.url_match


def test_prefix_search_finds_spacys_prefix_in_every_word():
    assert [_span(PREFIX(w)) for w in WORDS] == [_span(PLAIN.prefix_search(w)) for w in WORDS]


def test_url_match_finds_spacys_urls_in_every_word():
    assert [_span(URL(w)) for w in WORDS] == [_span(PLAIN.url_match(w)) for w in WORDS]


def test_suffix_search_finds_spacys_suffix_in_every_word():
    assert [_span(SUFFIX(w)) for w in WORDS] == [_span(PLAIN.suffix_search(w)) for w in WORDS]


def test_infix_search_finds_spacys_infixes_in_every_word():
    assert [[m.span() for m in INFIX(w)] for w in WORDS] == [[m.span() for m in PLAIN.infix_finditer(w)] for w in WORDS]


def test_a_run_of_dots_longer_than_any_bounded_suffix_is_found_whole():
    word = "end" + "." * 20
    assert _span(SUFFIX(word)) == _span(PLAIN.suffix_search(word)) == (3, 23)


KEPT = [
    (faster_suffix_search, "search", r"(?i)ab$|c$", "suffix, ignore case"),
    (faster_suffix_search, "search", r"a|b", "suffix, no end anchor"),
    (faster_suffix_search, "search", r"x*$", "suffix, may be empty"),
    (faster_suffix_search, "search", r"(?m)a$|b$", "suffix, multiline"),
    (faster_prefix_search, "search", r"a|^b", "prefix, not anchored"),
    (faster_prefix_search, "search", r"^a?", "prefix, may be empty"),
    (faster_prefix_search, "search", r"(?i)^a", "prefix, ignore case"),
    (faster_prefix_search, "search", r"^[^a]", "prefix, negated"),
    (faster_infix_finditer, "finditer", r"[^a]", "infix, negated"),
    (faster_infix_finditer, "finditer", r"\d-", "infix, category"),
    (faster_infix_finditer, "finditer", r"\b", "infix, empty"),
    (faster_infix_finditer, "finditer", r"(?i)-", "infix, ignore case"),
    (faster_url_match, "match", r"\w+:?", "url, nothing every match holds"),
]


@pytest.mark.parametrize(("make", "use", "pattern"), [k[:3] for k in KEPT], ids=[k[3] for k in KEPT])
def test_a_pattern_of_another_kind_keeps_its_own_search(make, use, pattern):
    search = getattr(re.compile(pattern), use)
    assert make(search) is search


def test_no_url_pattern_stays_none():
    assert faster_url_match(None) is None


SMALL_WORDS = ["".join(random.Random(n).choices("ab-.9xyz\n", k=n % 9)) for n in range(3000)]


@pytest.mark.parametrize(
    ("make", "use", "pattern"),
    [
        (faster_prefix_search, "search", r"^a?b|^(?:x|y)+z|^\.\.+"),
        (faster_suffix_search, "search", r"a?b$|(?:x|y)+z$|\.\.+$|(?<=[0-9])-$|9$"),
        (faster_infix_finditer, "finditer", r"a?b|(?<=[0-9])-(?=[a-z])|\.\.+|(?:x|y){2}"),
        (faster_url_match, "match", r"^(?:[a-z]+)?(?:\.[a-z]+){1,2}(?:-9)?$"),
    ],
    ids=["prefix", "suffix", "infix", "url"],
)
def test_other_patterns_of_a_known_kind_are_searched_the_same(make, use, pattern):
    plain = getattr(re.compile(pattern), use)
    faster = make(plain)
    assert faster is not plain

    def found(search, word):
        out = search(word)
        return [m.span() for m in out] if use == "finditer" else _span(out)

    assert [found(faster, w) for w in SMALL_WORDS] == [found(plain, w) for w in SMALL_WORDS]


def test_alternatives_are_split_at_the_top_level_only():
    pattern = r"a\|b|[|\]]|(c|d)|[]|]e|[^]|]f"
    assert list(_split_alternatives(pattern)) == [r"a\|b", r"[|\]]", "(c|d)", "[]|]e", "[^]|]f"]


def test_the_pipeline_tokenizer_uses_them():
    tokenizer = nlp.english().tokenizer.tokenizer
    names = [f.__name__ for f in (tokenizer.prefix_search, tokenizer.suffix_search, tokenizer.infix_finditer)]
    assert names == ["prefix_search", "suffix_search", "infix_finditer"]
    assert tokenizer.url_match.__name__ == "url_match"
