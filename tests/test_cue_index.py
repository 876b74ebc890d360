"""The cue indexes find exactly what the spaCy Matcher finds on the whole document.

Every cue matcher of the project (statutory elements, partner-list cues, funding's
not-an-allocation words) is run both ways on every seed text and on every sentence of one:
phrases followed from their first lemma, token patterns matched only where they can start,
against one Matcher holding every pattern, run on the whole parse.
"""

from __future__ import annotations

import pytest
from spacy.matcher import Matcher

from pipeline import nlp
from pipeline.checklist import matcher as checklist_matcher
from pipeline.cue_index import Anchors, columns
from pipeline.cues import CueMatcher, phrase_pattern
from pipeline.partner_names import list_cues
from pipeline.stages.funding import _rules as funding_rules
from tests.conftest import SEEDS

SEED_TEXTS = sorted(SEEDS.glob("*.txt"))


def _cue_matchers() -> list[CueMatcher]:
    return [checklist_matcher(), *list_cues(), funding_rules().not_allocation]


def _reference(cues: CueMatcher) -> Matcher:
    """One Matcher with every phrase and pattern of the cue matcher."""
    reference = Matcher(nlp.english().vocab)
    for label, steps in (item for items in cues.phrases.by_first.values() for item in items):
        phrase = label.split("\x1f")[2]
        reference.add(label, [phrase_pattern(phrase)])
        assert len(steps) == len(phrase_pattern(phrase))
    for label, patterns in cues.token_patterns.items():
        reference.add(label, patterns)
    return reference


def _both_ways(cues: CueMatcher, reference: Matcher, doc) -> tuple[set, set]:
    strings = nlp.english().vocab.strings
    want = {(strings[k], doc[s:e].start_char, doc[s:e].end_char) for k, s, e in reference(doc)}
    tokens = columns(doc)
    got = set(cues.phrases.matches(tokens))
    got |= {(label, doc[s:e].start_char, doc[s:e].end_char) for label, s, e in cues.token_matches(doc, tokens)}
    return want, got


@pytest.mark.parametrize("path", SEED_TEXTS, ids=lambda p: p.stem)
def test_cue_indexes_match_the_matcher(path):
    doc = nlp.parse(path.read_text(encoding="utf-8"))
    for cues in _cue_matchers():
        want, got = _both_ways(cues, _reference(cues), doc)
        assert got == want


def test_cue_indexes_match_the_matcher_on_sentences():
    doc = nlp.parse(SEED_TEXTS[-1].read_text(encoding="utf-8"))
    cues = funding_rules().not_allocation
    reference = _reference(cues)
    for sentence in doc.sents:
        want, got = _both_ways(cues, reference, sentence)
        assert got == want, sentence.text


def test_anchors_search_everywhere_for_unanchored_patterns():
    anchors = Anchors(nlp.english().vocab.strings)
    anchors.add([{"IS_ALPHA": True}, {"LOWER": "plan"}])
    doc = nlp.parse("A plan for three years.")
    assert anchors.stretches(columns(doc)) == [(0, len(doc))]


def test_anchors_cover_bounded_repeats():
    anchors = Anchors(nlp.english().vocab.strings)
    anchors.add([{"LEMMA": "review"}, {"IS_ALPHA": True, "OP": "{0,3}"}, {"LOWER": "every"}, {"LOWER": "year"}])
    doc = nlp.parse("We will review the plan every year. Nothing else here at all.")
    assert anchors.stretches(columns(doc)) == [(2, 8)]
