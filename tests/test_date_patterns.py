"""The date patterns' opening look at the first character, and the search by runs, change no match, only speed."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import dates
from pipeline.priorities import wording
from tests.conftest import SEEDS

_PLAIN = {
    "day first": (dates._DMY, re.compile(dates._DMY.pattern.replace(dates._FIRST_OF_DAY, "", 1), re.I)),
    "month first": (dates._MDY, re.compile(dates._MDY.pattern.replace(dates._FIRST_OF_MONTH, "", 1), re.I)),
}
_PIECES = st.sampled_from(
    ["29", "3rd", " ", "\n", ",", "-", "of ", "Nov", "November", "sept.", "Wednesday ", "MON ", "2010", "19", "x", "1"]
)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize("name", sorted(_PLAIN))
@pytest.mark.parametrize("paper", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_same_dates_on_the_seed_texts(name, paper):
    fast, plain = _PLAIN[name]
    text = paper.read_text(encoding="utf-8")
    assert _spans(fast, text) == _spans(plain, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_same_dates_on_any_run_of_date_parts(text):
    for fast, plain in _PLAIN.values():
        assert _spans(fast, text) == _spans(plain, text)


# Searching only the stretches of word characters, spaces and , . - that lead up to a year finds the same.
_WORDED = {"day first": dates._DMY, "month first": dates._MDY}
_PIECES_AND_MARKS = st.sampled_from(
    ["29", "3rd", " ", "\n", ",", "-", "of ", "Nov", "sept.", "MON ", "2010", "19", "20", "x", "(", ")", ":", "/", "’"]
)


def _run_spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in dates.written_dates(pattern, text)]


@pytest.mark.parametrize("name", sorted(_WORDED))
@pytest.mark.parametrize("paper", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_same_worded_dates_within_runs_on_the_seed_texts(name, paper):
    text = paper.read_text(encoding="utf-8")
    assert _run_spans(_WORDED[name], text) == _spans(_WORDED[name], text)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES_AND_MARKS, max_size=30).map("".join))
def test_same_worded_dates_within_runs_on_any_text(text):
    for pattern in _WORDED.values():
        assert _run_spans(pattern, text) == _spans(pattern, text)


def test_same_deadlines_on_the_seed_texts():
    plain = re.compile(wording._DEADLINE.pattern.replace(r"(?=[bdifou])", "", 1), re.I)
    assert plain.pattern != wording._DEADLINE.pattern
    for paper in sorted(SEEDS.glob("*.txt")):
        text = paper.read_text(encoding="utf-8")
        assert wording._DEADLINE.sub(" ", text) == plain.sub(" ", text), paper.name
