"""The quick tests of the sections stage answer as the plain ones do."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.document import RawTable
from pipeline.ingest import load
from pipeline.stages.sections import ContentsEntries, _section_ends, _table_lines
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
