"""A partner-name pattern runs only on a text that holds a word it needs, and finds the same names.

`partner_names.needed_words` reads from each pattern's parse the words (lower case) one of which
every match holds; `find_names` looks for them in the lower-cased text before it runs the
pattern. Checked on crafted patterns, on every piece of every seed and held-out paper, and on
generated texts with names in odd case, spacing and letters that re.I reads as others.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import partner_names
from pipeline.ingest import load
from pipeline.needed_words import holds_one, lowered_as_re_reads, needed_words
from pipeline.partner_names import find_names
from pipeline.textlines import split_lines
from tests.conftest import ROOT, SEEDS

PAPERS = sorted(SEEDS.glob("*.txt")) + sorted(SEEDS.glob("*.pdf")) + sorted((ROOT / "tests/fixtures").rglob("*.txt"))


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (r"(?:ab|cd)e?", {"ab", "cd"}),
        (r"x*yz", {"yz"}),
        (r"Foo\s+Barbaz", {"barbaz"}),
        (r"(?i:FOO)", {"foo"}),
        (r"a|b", set()),  # one set of characters: no word
        (r"(?:abc)?d", {"d"}),
        (r"(?:abc)?", set()),
        (r"(?:abc|d?)x", {"x"}),  # an alternative that needs nothing
        (r"[A-Z][\w]*\s+Police(?:\s+Service)?", {"police"}),
        (r"\bYO[TS]s?\b", {"yo"}),
        (r"(?:ab){2,}c", {"ab"}),
    ],
)
def test_the_words_a_pattern_needs_are_read_from_its_parse(pattern: str, words: set[str]) -> None:
    assert needed_words(re.compile(pattern, re.I)) == {(w, True) for w in words}


def test_a_word_of_a_case_sensitive_part_keeps_its_case() -> None:
    assert needed_words(re.compile(r"^[ \t]*(?:Key )?Priority[ \t]*\d+", re.M)) == {("Priority", False)}
    assert needed_words(re.compile(r"(?-i:Kent)\s+(?i:Po)", re.I)) == {("Kent", False)}
    assert needed_words(re.compile(r"(?i)Probation")) == {("probation", True)}
    assert holds_one("West PROBATION", "west probation", {("probation", True)})
    assert not holds_one("KENT", "kent", {("Kent", False)})
    assert holds_one("İ probation", None, {("probation", True)})  # lower case not to be trusted: may hold it


def _plain_find_names(text: str, monkeypatch) -> list:
    with monkeypatch.context() as patched:
        plain = tuple((kind, tuple((p, body, ()) for p, body, _ in ps)) for kind, ps in partner_names._compiled())
        patched.setattr(partner_names, "_compiled", lambda: plain)
        return find_names(text, 3)


def _every_pattern_needs_a_word_of_each_match(text: str) -> None:
    for _, patterns in partner_names._compiled():
        for pattern, _, needs in patterns:
            for m in pattern.finditer(text):
                found = m.group(0)
                assert not needs or holds_one(found, lowered_as_re_reads(found), needs), (pattern.pattern, found)


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.name)
def test_names_found_with_the_word_test_equal_those_found_by_every_pattern(path: Path, monkeypatch) -> None:
    text = path.read_text(encoding="utf-8") if path.suffix == ".txt" else load(path).text
    rng = random.Random(path.name)
    pieces = [line.text for line in split_lines(text)]
    pieces += [text[a : a + rng.randrange(600)] for a in range(0, len(text), 499)]
    for piece in pieces:
        _every_pattern_needs_a_word_of_each_match(piece)
        assert find_names(piece, 3) == _plain_find_names(piece, monkeypatch), piece


_FRAGMENTS = st.sampled_from(
    ["Kent", "West", "Mercia", "Police", "POLİCE", "polıce", "Probation", "PROBATİON", "Trust", "NHS", "nhs", "PCC",
     "Office of the", "Crime", "Commissioner", "and", "&", "Fire", "Rescue", "Service", "Authority", "County",
     "Council", "council", "District", "Borough", "London Borough of", "Youth", "Offending", "Team", "YOT", "CRC",
     "Public", "Health", "health", "local", "authorities", "Clinical", "Commissioning", "Group", "ſervice", "the",
     " ", "\n", "\t", ", ", "\u00a0", "(", ")", "\u212a"]
)  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=12).map(" ".join))
def test_names_in_generated_lists_are_found_as_every_pattern_finds_them(text: str) -> None:
    _every_pattern_needs_a_word_of_each_match(text)
    plain = tuple((kind, tuple((p, body, ()) for p, body, _ in ps)) for kind, ps in partner_names._compiled())
    quick = find_names(text, 3)
    original = partner_names._compiled
    partner_names._compiled = lambda: plain  # type: ignore[assignment]
    try:
        assert find_names(text, 3) == quick
    finally:
        partner_names._compiled = original
