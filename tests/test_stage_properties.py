"""Properties of the sections and metadata stages on any text: they never raise, and the
sections they return nest and point into the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.stages.metadata import read_metadata
from pipeline.stages.sections import find_sections
from tests.papers import paper_from_text

# Pieces of council papers, so that random texts hit the rules and not only plain prose.
PIECES = [
    "Contents",
    "1 Introduction\t5",
    "Appendix A",
    "Appendix 2 – Plan",
    "Contact:",
    "Name:",
    "Date:",
    "To:",
    "1.",
    "2.1 The",
    "3.0 Detail",
    "BRIEF SUMMARY",
    "Community Forums",
    "\t",
    "\n",
    "\n\n",
    "Email: a@b.gov.u k",
    "Minutes of a meeting of the Council held",
    "2010/11",
    "Plan 2012-13",
    "ROTHERHAM BOROUGH COUNCIL",
    "Safer X Partnership",
    " ",
    "–",
    ":",
    "CONTACT OFFICER",
    "Tel: 01234 567890",
    "29th November, 2010",
    "(",
    ")",
]
papers = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=40).map("".join)


@settings(max_examples=80, deadline=None)
@given(papers)
def test_stages_accept_any_text(text):
    parsed, found = paper_from_text(text)
    sections = find_sections(parsed, found)
    ids = {s.id for s in sections}
    assert len(ids) == len(sections)
    for s in sections:
        assert 0 <= s.span.start <= s.span.end <= len(text)
        assert s.parent is None or s.parent in ids
    parsed.with_sections(sections)
    metadata = read_metadata(parsed, found)
    for contact in metadata.contacts:
        assert contact.span is not None and contact.span.end <= len(text)
