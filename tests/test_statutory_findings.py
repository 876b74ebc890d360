"""Statutory evidence taken from findings: a finding without quotes of its own is quoted from its span."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline import nlp
from pipeline.checklist import checklist
from pipeline.ingest import load
from pipeline.parsed import Parsed
from pipeline.quotes import Quotes, is_sentence, words_read_as_sentence
from pipeline.runner import run_stages
from pipeline.stages.statutory import _from_findings
from tests.conftest import SEEDS


def test_finding_without_evidence_is_quoted_from_its_span():
    """Regression: the quote table was shadowed by the finding's empty evidence list, and the
    stage failed on the first finding that had a span but no quote."""
    document = load(SEEDS / "004_344879f04729efa5.txt")
    found = run_stages(document)
    element = next(e for e in checklist().elements if e.findings == "targets")
    assert found.targets, "the seed states targets"
    for target in found.targets:
        target.evidence = []
    parsed = Parsed(document=document, doc=nlp.parse(document.text))
    parsed.with_sections(found.sections)
    evidence = _from_findings(element, Quotes(parsed), found)
    assert evidence
    first = found.targets[0].span
    assert evidence[0].span is not None and evidence[0].span.start <= first.start < evidence[0].span.end
    assert evidence[0].quote in " ".join(document.text.split())


@given(st.text(st.sampled_from([*"ab .;?\n\t", "\u2003", "\xa0"]), max_size=40))
def test_words_of_a_quote_read_as_a_sentence_as_is_sentence_reads_them(text):
    words = " ".join(text.split())  # as `Quotes.words` gives a quote's words
    assert words_read_as_sentence(words) == is_sentence(words)
