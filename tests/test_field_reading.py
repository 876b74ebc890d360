"""The quick tests of a line in field reading answer as the plain ones do."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import fields
from pipeline.textlines import Line, split_lines
from tests.conftest import ROOT, SEEDS


def _plain_may_be_label(text: str, longest: int) -> bool:
    return len(text) <= longest or len("".join(text.split())) - text.count("?") <= longest


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="ab?: \t\u00a0\u2003\x0b\x1f\x85é", max_size=30), st.integers(0, 20))
def test_may_be_label_answers_as_the_plain_count(text, longest):
    assert fields._may_be_label(text, longest) == _plain_may_be_label(text, longest)


def test_the_only_printable_space_is_the_ascii_space():
    assert [c for c in range(sys.maxunicode + 1) if chr(c).isspace() and chr(c).isprintable()] == [0x20]


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="1a.)( :\t", max_size=12))
def test_enumerator_blanked_as_a_substitution_blanks_it(text):
    plain = fields._ENUMERATOR.sub(lambda m: " " * len(m.group(0)), text, count=1)
    assert fields._without_enumerator(text) == plain


def test_enumerator_pattern_is_anchored_at_the_start():
    # what lets one match at the start stand for a substitution anywhere
    assert fields._ENUMERATOR.pattern.startswith("^") and not fields._ENUMERATOR.flags & re.M


CELLS = ["Date", "Meeting", "CONTACT OFFICER", "Report Author", "x", "1.", "", " ", "Burglary", "12%"]


def _corpus_lines() -> list[Line]:
    paths = sorted(SEEDS.glob("*.txt")) + sorted((ROOT / "tests" / "fixtures").rglob("*.txt"))
    return [ln for p in paths for ln in split_lines(p.read_text(encoding="utf-8", errors="replace"))]


def test_a_line_passed_over_holds_no_label_on_any_corpus_line():
    r = fields.rules()
    for line in _corpus_lines():
        text = fields._without_enumerator(line.text)
        if not line.blank and not fields._may_hold_label(text, r):
            assert list(fields._values_on(line, text, r)) == [], line.text


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(CELLS), max_size=4))
def test_a_made_up_line_passed_over_holds_no_label(cells):
    r = fields.rules()
    line = split_lines("\t".join(cells))[0]
    text = fields._without_enumerator(line.text)
    if not line.blank and not fields._may_hold_label(text, r):
        assert list(fields._values_on(line, text, r)) == []
