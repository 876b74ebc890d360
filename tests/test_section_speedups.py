"""The quick tests of the sections stage answer as the plain ones do."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import headings as h
from pipeline.document import RawTable
from pipeline.ingest import load
from pipeline.stages.sections import (
    _KEPT_IN_KEYS,
    LONG_ENTRY,
    ContentsEntries,
    _contents,
    _listed,
    _section_ends,
    _table_lines,
)
from pipeline.textlines import Ranges, split_lines
from tests.conftest import ROOT, SEEDS

KEY = st.text(alphabet="ab 1", max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(KEY, st.integers(1, 2), max_size=8), KEY)
def test_begins_with_answers_as_a_scan_of_the_entries(levels, key):
    entries = ContentsEntries(levels)
    assert entries.begins_with(key) == any(entry.startswith(key) for entry in levels)


def _in_ranges(text: str, tables: list[RawTable]) -> set[int]:
    ranges = Ranges((t.start, t.end) for t in tables)
    return {ln.index for ln in split_lines(text) if ln.start in ranges}


def test_lines_in_tables_are_those_a_range_search_finds_in_every_corpus_pdf():
    for path in [*sorted(SEEDS.glob("*.pdf")), *sorted((ROOT / "corpus" / "real-pdfs").glob("*.pdf"))[:3]]:
        document = load(path)
        assert _table_lines(split_lines(document.text), document.tables) == _in_ranges(
            document.text, document.tables
        ), path.name


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab\n", max_size=30), st.lists(st.tuples(st.integers(0, 32), st.integers(-3, 12))))
def test_lines_in_tables_are_those_a_range_search_finds(text, ranges):
    tables = [RawTable(page=1, rows=(), start=a, end=a + n, source="pdfplumber") for a, n in ranges]
    assert _table_lines(split_lines(text), tables) == _in_ranges(text, tables)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.integers(1, 4), max_size=12))
def test_section_ends_are_the_next_start_at_the_same_level_or_above(levels):
    starts = [(10 * i, level) for i, level in enumerate(levels)]
    expected = [next((s for s, lv in starts[n + 1 :] if lv <= level), 999) for n, (_, level) in enumerate(starts)]
    assert _section_ends(starts, 999) == expected


def _listed_plain(listed: ContentsEntries, text: str) -> int | None:
    key = h.entry_key(text)
    if key in listed:
        return listed[key]
    if len(key) >= LONG_ENTRY and listed.begins_with(key):
        return next(level for entry, level in listed.items() if entry.startswith(key))
    return None


def test_a_key_opens_with_the_first_character_of_its_text_where_the_key_keeps_it():
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        first = char.lower()[:1]
        if first in _KEPT_IN_KEYS:
            for rest in ("", "Σ of 2", " – Plan"):
                assert h.entry_key(char + rest)[:1] == first, hex(code)
        else:
            assert h.entry_key(char + "x")[:1] != first or not first, hex(code)


ENTRY = st.text(alphabet="aBk1 .İK–", max_size=40)


@settings(max_examples=1000, deadline=None)
@given(st.dictionaries(ENTRY.map(h.entry_key), st.integers(1, 2), max_size=6), ENTRY)
def test_a_line_ruled_out_by_its_first_character_is_listed_by_no_entry(levels, text):
    listed = ContentsEntries(levels)
    assert _listed(listed, text) == _listed_plain(listed, text)


def test_the_lines_ruled_out_by_their_first_character_are_listed_on_no_paper():
    fixtures = sorted((ROOT / "tests" / "fixtures").rglob("*.txt"))
    paths = [*sorted(SEEDS.glob("*.txt")), *sorted(SEEDS.glob("*.pdf")), *fixtures]
    with_contents = 0
    for path in paths:
        lines = split_lines(load(path).text)
        _, listed = _contents(lines)
        with_contents += bool(listed)
        for entries in (listed, ContentsEntries({h.entry_key(ln.text): 1 for ln in lines[::7] if not ln.blank})):
            for line in lines:
                text = line.stripped.replace("\t", " ").strip()
                assert _listed(entries, text) == _listed_plain(entries, text), (path.name, text)
    assert with_contents >= 2
