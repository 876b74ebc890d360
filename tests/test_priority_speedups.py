"""The quick paths of the priorities stage give what the plain ones give."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from pipeline.priorities.cues import load_cues
from pipeline.priorities.forms import lower_by_line
from pipeline.priorities.lines import split_lines, wrap_width
from pipeline.priorities.lists import _list_at, _may_open_list
from pipeline.priorities.merge import _lengths_may_score, _near
from pipeline.priorities.wording import SAME_PRIORITY, Wording, wordings
from tests.conftest import SEEDS
from tests.test_priority_properties import papers

SEED_TEXTS = sorted(SEEDS.glob("*.txt"))
PRIORITY_FIXTURES = sorted((Path(__file__).parent / "fixtures" / "priorities").glob("*.txt"))


@pytest.mark.parametrize("path", SEED_TEXTS, ids=lambda p: p.name)
def test_text_lowered_by_line_equals_lowered_whole(path):
    text = path.read_text(encoding="utf-8")
    assert lower_by_line(text) == text.lower()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"ΣσςAaİIıKſ \n\t.'’-\u0345\u00ad", "ΟΔΟΣ", "Σ\n", "\nΣ"]), max_size=30).map("".join))
def test_lowering_by_line_keeps_the_final_sigma_rule(text):
    # the one rule of lower-casing that looks at neighbouring letters: a capital sigma ends a word
    assert lower_by_line(text) == text.lower()


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 120), st.integers(0, 80), st.integers(0, 200), st.integers(50, 100))
def test_lengths_that_may_score_equal_every_length_tried(shortest, spread, length, cutoff):
    longest = shortest + spread
    tried = any(200 * min(a, length) >= cutoff * (a + length) for a in range(shortest, longest + 1))
    assert _lengths_may_score(shortest, longest, length, cutoff) == tried


@pytest.mark.parametrize("path", SEED_TEXTS, ids=lambda p: p.name)
def test_near_matrix_scoring_reachable_lengths_equals_every_pair_scored(path):
    bodies = [line.body for line in split_lines(path.read_text(encoding="utf-8")) if line.body]
    leads = [Wording.of(b) for b in bodies[::9][:15]]
    others = [w for w in wordings(bodies) if w.words]
    cutoff = SAME_PRIORITY - 2
    by_sort = process.cdist(
        [" ".join(sorted(w.words.split())) for w in leads],
        [" ".join(sorted(w.words.split())) for w in others],
        scorer=fuzz.ratio,
        score_cutoff=cutoff,
    )
    by_set = numpy.array(
        [[_set_counts(a, b) and fuzz.token_set_ratio(a.words, b.words) for b in others] for a in leads]
    )
    assert (_near(leads, others) == ((by_sort >= cutoff) | (by_set >= cutoff))).all()


def _set_counts(a, b):
    """The set score counts between wordings of three words or more, neither twice as long."""
    la, lb = len(a.words.split()), len(b.words.split())
    return la >= 3 and lb >= 3 and la <= 2 * lb and lb <= 2 * la


def test_no_letter_outside_ascii_matches_the_letters_of_a_percentage_case_blind():
    # a line is read for percentages only when its lower case holds "%" or "cent"
    letters = re.compile("[%cent]", re.I)
    assert [c for c in map(chr, range(sys.maxunicode + 1)) if letters.match(c)] == list("%CENTcent")


def _lists_skipped(text):
    """The lines a list is not looked for at, with what `_list_at` finds there."""
    lines, cues = split_lines(text), load_cues()
    width = wrap_width(lines)
    return [_list_at(lines, i, width, cues)[0] for i in range(len(lines)) if not _may_open_list(lines, i, cues)]


@pytest.mark.parametrize("path", SEED_TEXTS + PRIORITY_FIXTURES, ids=lambda p: p.name)
def test_no_list_starts_where_none_is_looked_for(path):
    skipped = _lists_skipped(path.read_text(encoding="utf-8"))
    assert skipped and not any(skipped)


@settings(max_examples=200, deadline=None)
@given(papers)
def test_no_list_starts_where_none_is_looked_for_in_any_text(text):
    assert not any(_lists_skipped(text))


def _contents_opening_with_a_space(text):
    return [line for line in split_lines(text) if line.text[line.body_start - line.start :][:1].isspace()]


@pytest.mark.parametrize("path", SEED_TEXTS + PRIORITY_FIXTURES, ids=lambda p: p.name)
def test_a_line_content_opens_with_no_space(path):
    # repeats are looked for from each line's body start, taken as the first character of its content
    assert _contents_opening_with_a_space(path.read_text(encoding="utf-8")) == []


@settings(max_examples=200, deadline=None)
@given(st.one_of(papers, st.text(alphabet=" \t\n\u00a0\u2003-•1.)(ai:xX", max_size=40)))
def test_a_line_content_opens_with_no_space_in_any_text(text):
    assert _contents_opening_with_a_space(text) == []
