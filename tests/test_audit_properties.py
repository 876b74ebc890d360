"""Properties of the audit stages on arbitrary text: no exceptions, spans inside the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.money import find_sums
from pipeline.stages import funding, partners, statutory
from tests.papers import paper_from_text

WORDS = st.sampled_from(
    [
        "statutory partners are:",
        "Essex Police",
        "the Council",
        "£5,000",
        "5K",
        "allocated to",
        "\n",
        "\t",
        "-",
        "domestic homicide review",
        "Resources:",
        "Priority 1:",
        "and",
        ",",
        ".",
        "12 March 2010",
        "NHS",
        "(",
        ")",
    ]
)
TEXT = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=60).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(TEXT)
def test_money_spans_are_inside_the_text(text: str) -> None:
    for s in find_sums(text, bare=True):
        assert 0 <= s.start < s.end <= len(text) and s.amount_gbp >= 0
        assert text[s.start : s.end] == s.text


@settings(max_examples=40, deadline=None)
@given(TEXT)
def test_audit_stages_never_raise(text: str) -> None:
    parsed, found = paper_from_text(text)
    found.partners = partners.find_partners(parsed, found)
    found.funding = funding.find_funding(parsed, found)
    findings = statutory.audit(parsed, found)
    assert len(findings) == 13
    for item in [*(found.partners or []), *found.funding]:
        assert item.span and 0 <= item.span.start <= item.span.end <= len(text)
    for f in findings:
        for e in f.evidence:
            assert e.span and text[e.span.start : e.span.end].split() == e.quote.split()
