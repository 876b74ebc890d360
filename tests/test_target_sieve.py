"""The target sieve passes every text in which a wording of a target stands.

`reading._may_hold_wording` looks for each wording ("5%", "by 5", "at 25", "to 160", "no more
than 60", "halve") in the lower-cased text, from its first word and without the \\b before it.
It must pass every text that _FIGURE_UNIT, _BY_FIGURE, _AT_FIGURE or the level wordings match:
checked on every piece of every seed and held-out paper, on made-up wordings in odd case and
spacing, on generated texts, and, for what lower case does to each character, on all of Unicode.
"""

from __future__ import annotations

import random
import re
import string
import sys
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest import load
from pipeline.priorities.lines import split_lines as marked_lines
from pipeline.targets import collect, reading
from pipeline.targets.collect import sentences
from pipeline.targets.reading import _AT_FIGURE, _BY_FIGURE, _FIGURE_UNIT, _may_hold_wording
from pipeline.targets.rows import cells_of
from pipeline.targets.terms import TargetTerms, load_terms
from pipeline.textlines import split_lines
from schemas import PlanExtraction, SourceInfo
from tests.conftest import ROOT, SEEDS

PAPERS = sorted(SEEDS.glob("*.txt")) + sorted(SEEDS.glob("*.pdf")) + sorted((ROOT / "tests/fixtures").rglob("*.txt"))
# Wordings in odd case and spacing, and near misses
# fmt: off
MADE_UP = [
    "Reduce ASB BY 5% by 2012", "By\u00a0a further 3", "bY\tanother 2", "by at least 10 per cent", "stand-by 5",
    "AT 25", "At or Below 25", "maintain it at a level of 85 PerCent", "flat 5", "THAT 5", "at\u2003the end of 2011",
    "TO 160", "to Fewer Than 160", "to\nno more than 60", "16 to 24", "NO MORE THAN 60", "Not More Than 5",
    "no  fewer\tthan 7", "a Maximum of 12", "A minimum\u00a0of 3", "At Least 85%", "at most 2", "HALVE it",
    "Halving ASB", "halves", "5 PP", "5pc", "3 Per  Cent", "7percent", "2 percentage points", "12 %", "9\u00a0%",
    "support 5", "approach 2010", "pcso 4", "9 PCSOs", "at 1 April 2014", "by 1 April 2014", "to 2011/12",
    "ſo 5", "İt at 5", "ıt to 5", "no leſs than 5", "a maxımum of 3", "HALVİNG it", "haLvıng it", "\u212a 5",
    "by \u0665", "to \u0661\u0662", "\u0663 percent", "at\x1c5", "by\x855",
]
# fmt: on


def _plain(text: str) -> bool:
    """What the sieve stands in front of: a wording of a target stands in the text."""
    patterns = reading._bundled_patterns()
    return any(p.search(text) is not None for p in (_FIGURE_UNIT, _BY_FIGURE, _AT_FIGURE, patterns.level_cue))


@cache
def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.suffix == ".txt" else load(path).text


def _pieces(text: str) -> list[str]:
    rng = random.Random(len(text))
    lines = [line.text for line in split_lines(text)]
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    pieces = [text, *lines, *paragraphs]
    pieces += [s for p in paragraphs for _, _, s in sentences(p)]
    pieces += [c.text for line in lines for c in cells_of(line, 0)]
    pieces += [text[a : a + rng.randrange(300)] for a in range(0, len(text), 101)]
    return pieces


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.name)
def test_the_sieve_passes_every_piece_of_a_paper_that_holds_a_wording(path: Path) -> None:
    patterns = reading._bundled_patterns()
    for piece in _pieces(_text(path)) + MADE_UP:
        assert _may_hold_wording(piece, patterns) or not _plain(piece), piece


def test_the_sieve_passes_made_up_wordings_and_rules_out_their_near_misses() -> None:
    patterns = reading._bundled_patterns()
    held = [text for text in MADE_UP if _plain(text)]
    assert len(held) > 30  # the wordings above do hold wordings
    assert all(_may_hold_wording(text, patterns) for text in held)
    # and the sieve does sieve: prose with a year and no wording is ruled out
    for text in ("In April 2010 the partnership met", "Crime fell in 2010/11.", "See section 3.2 of the plan"):
        assert not _may_hold_wording(text, patterns), text


_FRAGMENTS = st.sampled_from(
    ["by", "BY", "By", "at", "At", "AT", "to", "TO", "no", "NOT", "more", "than", "fewer", "less", "Least", "MOST",
     "a", "maximum", "MINIMUM", "of", "halve", "HALVING", "per", "cent", "PC", "pp", "percent", "further", "another",
     "the", "end", "5", "10", "2011/12", "1,092", "2.5", "%", " ", "  ", "\t", "\n", "\u00a0", "\u2003", "\x1c", "-",
     "(", ".", "ı", "ſ", "İ", "\u212a", "\u0665", "é", "x", "s", "_"]
)  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=14).map("".join))
def test_the_sieve_passes_every_generated_text_that_holds_a_wording(text: str) -> None:
    assert _may_hold_wording(text, reading._bundled_patterns()) or not _plain(text)


def test_lower_case_reads_each_character_as_re_ignorecase_does() -> None:
    # What the sieve's exactness rests on, for every character: spaces and digits have no case,
    # and a character re.I reads as an ASCII letter lowers to that letter, but for "ı" and "ſ"
    # (which the sieve passes over) and those that lower to two characters ("İ").
    letter = re.compile("[a-z]", re.I)
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        lowered = char.lower()
        if char.isspace() or char.isdecimal():
            assert lowered == char, hex(code)
        if letter.fullmatch(char) and char not in "ıſ" and len(lowered) == 1:
            assert lowered in string.ascii_lowercase and re.fullmatch(lowered, char, re.I), hex(code)


def test_a_vocabulary_with_words_that_are_not_ascii_is_not_sieved() -> None:
    data = load_terms().model_dump()
    data["stated_levels"]["reduce"].append("höchstens")
    terms = TargetTerms.model_validate(data)
    patterns = reading._patterns(terms)
    assert _may_hold_wording("Prose with a year, 2010", patterns)


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.name)
def test_a_paper_read_with_the_sieve_reads_as_without_it(path: Path, monkeypatch) -> None:
    text = _text(path)
    terms = load_terms()
    lines = marked_lines(text)
    found = PlanExtraction(source=SourceInfo(path=path.name, sha256="0"))
    mentions = collect.collect(text, found, terms, lines)
    monkeypatch.setattr(reading, "_may_hold_wording", lambda text, patterns: True)
    assert collect.collect(text, found, terms, lines) == mentions
