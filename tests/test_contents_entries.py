"""A contents page's entries found by the start of a heading as a scan of every entry finds them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.stages.sections import ContentsEntries

KEY = st.text(alphabet="ab 1", max_size=6)


@settings(max_examples=1000, deadline=None)
@given(st.dictionaries(KEY, st.integers(1, 2), max_size=8), KEY)
def test_begins_with_answers_as_a_scan_of_the_entries(levels, key):
    entries = ContentsEntries(levels)
    assert entries.begins_with(key) == any(entry.startswith(key) for entry in levels)
