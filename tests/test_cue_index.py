"""The cue indexes find exactly what the spaCy Matcher finds on the whole document.

Every cue matcher of the project (statutory elements, partner-list cues, funding's
not-an-allocation words) is run both ways on every seed text and on every sentence of one:
phrases followed from their first lemma, token patterns matched only where they can start,
against one Matcher holding every pattern, run on the whole parse.
"""

from __future__ import annotations

import numpy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz
from spacy.attrs import LEMMA
from spacy.matcher import Matcher

from pipeline import nlp
from pipeline.checklist import matcher as checklist_matcher
from pipeline.cue_index import Anchors, PhraseIndex, WordLookup, columns, sentences
from pipeline.cues import FUZZY_SCORE, CueHit, CueMatcher, phrase_pattern, sort_by_position
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
    phrases = cues.phrases.matches(tokens)
    assert len(set(phrases)) == len(phrases), "each phrase occurrence once (find_all keeps them all)"
    got = set(phrases)
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
    assert anchors.stretches(columns(doc)) == [(2, 7)]  # to its last word, "year", not its longest length (8)


@pytest.mark.parametrize("path", SEED_TEXTS, ids=lambda p: p.stem)
def test_word_sets_found_by_lookup_equal_numpy_isin(path):
    tokens = columns(nlp.parse(path.read_text(encoding="utf-8")))
    for cues in _cue_matchers():
        found = cues.sets.positions(tokens)
        for number, (attr, words) in enumerate(cues.sets.sets):
            wanted = numpy.fromiter(words, dtype=numpy.uint64, count=len(words))
            assert found[number].tolist() == numpy.flatnonzero(numpy.isin(tokens[attr], wanted)).tolist()


@pytest.mark.parametrize("path", SEED_TEXTS[:2], ids=lambda p: p.stem)
def test_word_lookup_whose_words_share_every_slot_falls_back_to_bisection(path):
    lemma = columns(nlp.parse(path.read_text(encoding="utf-8")))[LEMMA]
    # 70,000 words cannot stand alone in 65,536 slots: the table gives way to searchsorted
    words = numpy.concatenate((numpy.unique(lemma)[::3], numpy.arange(1, 70_001, dtype=numpy.uint64)))
    crowded = WordLookup(words.tolist())
    assert crowded.shift is None
    for lookup in (crowded, WordLookup(numpy.unique(lemma)[::3].tolist())):
        where, word = lookup.find(lemma)
        assert where.tolist() == numpy.flatnonzero(numpy.isin(lemma, lookup.words)).tolist()
        assert (lookup.words[word] == lemma[where]).all()


def test_phrase_after_a_line_break_only_where_the_phrase_allows_one():
    """A pair of lemmas past a line break starts only phrases written with one between."""
    strings = nlp.english().vocab.strings
    phrases = PhraseIndex(strings)
    phrases.add("tight", [{"LEMMA": "community"}, {"LEMMA": "safety"}])
    phrases.add("loose", phrase_pattern("community safety"))
    doc = nlp.parse("Our community\nsafety plan and community safety.")
    reference = Matcher(nlp.english().vocab)
    reference.add("tight", [[{"LEMMA": "community"}, {"LEMMA": "safety"}]])
    reference.add("loose", [phrase_pattern("community safety")])
    want = {(strings[k], doc[s:e].start_char, doc[s:e].end_char) for k, s, e in reference(doc)}
    assert set(phrases.matches(columns(doc))) == want
    assert {label for label, _, _ in want} == {"tight", "loose"}


def _near_and_fuzzy_by_tokens(cues: CueMatcher, doc) -> dict[str, list[tuple]]:
    """The nearby-word and fuzzy hits, worked out on Token objects one match at a time (the plain way).

    Per key, in the order `find_all` gives: a rule's repeats of a range dropped, then by position.
    """
    found: dict[str, list[tuple]] = {}
    seen = set()

    def keep(key, label, hit):
        if (label, hit[0], hit[1]) not in seen:
            seen.add((label, hit[0], hit[1]))
            found.setdefault(key, []).append(hit)

    for label, start, _ in cues.token_matches(doc, columns(doc)):
        key, method, _ = label.split("\x1f")
        if method == "fuzzy":
            phrase = cues.fuzzy[label]
            window = [t for t in doc[start : start + 3 * len(phrase)] if t.is_alpha][: len(phrase)]
            wanted = " ".join(phrase)
            if len(window) == len(phrase) and fuzz.ratio(" ".join(t.lemma_ for t in window), wanted) >= FUZZY_SCORE:
                keep(key, label, (window[0].idx, window[-1].idx + len(window[-1]), wanted))
        elif method == "near":
            near = cues.near[label]
            rule = near.rule
            right = {lemma for w in rule.right for lemma in nlp.lemmas(w)}
            token = doc[start]
            sentence = token.sent
            lo, hi = max(start - rule.window, sentence.start), min(start + rule.window + 1, sentence.end)
            for other in doc[lo:hi]:
                if other.i == start or not (other.lemma_ in right or other.lower_ in right):
                    continue
                following = doc[other.i + 1].lower_ if other.i + 1 < len(doc) else None
                if following in rule.unless_followed_by:
                    continue
                a, b = sorted((token, other), key=lambda t: t.i)
                keep(key, label, (a.idx, b.idx + len(b), f"{token.lower_} ~ {other.lower_}"))
                break
    for hits in found.values():
        hits.sort(key=lambda h: (h[0], -h[1]))
    return found


@pytest.mark.parametrize("path", SEED_TEXTS, ids=lambda p: p.stem)
def test_nearby_and_fuzzy_hits_read_from_columns_equal_those_read_from_tokens(path):
    doc = nlp.parse(path.read_text(encoding="utf-8"))
    cues = checklist_matcher()
    got = {
        key: [(h.start, h.end, h.cue) for h in hits if h.method in ("near", "fuzzy")]
        for key, hits in cues.find_all(doc).items()
    }
    want = _near_and_fuzzy_by_tokens(cues, doc)
    assert want, "the seed shows nearby or misspelt wording"
    for key in cues.keys:
        assert got[key] == want.get(key, []), key


@pytest.mark.parametrize("path", SEED_TEXTS, ids=lambda p: p.stem)
def test_lemmas_after_a_few_starts_read_one_by_one_equal_those_read_at_once(path):
    tokens = columns(nlp.parse(path.read_text(encoding="utf-8")))
    for cues in _cue_matchers():
        cues.phrases.matches(tokens)  # builds the pair index
        pairs = cues.phrases._pairs
        where, word = pairs.lookup.find(tokens[LEMMA])
        start = where[pairs.is_first[word]]
        assert pairs._lemmas_after_few(tokens, where, word, start) == pairs._lemmas_after(tokens, where, word, start)


def _stretches_one_pattern_at_a_time(anchors: Anchors, tokens) -> list[tuple[int, int]]:
    """`Anchors.stretches` the plain way: each pattern's starts, each word it needs looked for in turn."""
    n = len(tokens[LEMMA])
    where = anchors.sets.positions(tokens)
    starts: dict[int, int] = {}
    for first_set, length, later, ends_on_word in anchors.anchors:
        for i in where[first_set].tolist():
            end = min(i + length, n)
            if all(any(i < p < end for p in where[needed].tolist()) for needed in later):
                if ends_on_word:  # a match ends on the pattern's last word
                    end = max(p for p in where[later[-1]].tolist() if i < p < end) + 1
                starts[i] = max(starts.get(i, 0), end)
    merged: list[tuple[int, int]] = []
    for start in sorted(starts):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], starts[start]))
        else:
            merged.append((start, starts[start]))
    return merged


@pytest.mark.parametrize("path", SEED_TEXTS, ids=lambda p: p.stem)
def test_stretches_checked_all_at_once_equal_one_pattern_at_a_time(path):
    doc = nlp.parse(path.read_text(encoding="utf-8"))
    anchors = checklist_matcher().anchors
    for tokens in (columns(doc), *(columns(s) for s in list(doc.sents)[:60])):
        assert anchors.stretches(tokens) == _stretches_one_pattern_at_a_time(anchors, tokens)


@pytest.mark.parametrize("path", SEED_TEXTS, ids=lambda p: p.stem)
def test_sentence_bounds_of_every_token_equal_token_sent(path):
    doc = nlp.parse(path.read_text(encoding="utf-8"))
    first, after = sentences(columns(doc))
    assert list(zip(first.tolist(), after.tolist(), strict=True)) == [(t.sent.start, t.sent.end) for t in doc]
    assert [a.tolist() for a in sentences(columns(nlp.parse("")))] == [[], []]


def test_stretch_ends_on_the_last_word_in_reach_only_when_a_pattern_must_end_on_it():
    doc = nlp.parse("Review each year and every year, then more words follow here.")
    ends_on_word = [{"LEMMA": "review"}, {"IS_ALPHA": True, "OP": "{0,5}"}, {"LOWER": "year"}]  # 7 tokens at most
    optional_end = [*ends_on_word, {"IS_PUNCT": True, "OP": "?"}]
    for pattern, stretch in ((ends_on_word, (0, 6)), (optional_end, (0, 8))):
        anchors = Anchors(nlp.english().vocab.strings)
        anchors.add(pattern)
        assert anchors.stretches(columns(doc)) == [stretch]
        reference = Matcher(nlp.english().vocab)
        reference.add("p", [pattern])
        assert all(stretch[0] <= s and e <= stretch[1] for _, s, e in reference(doc))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6), st.sampled_from(["a", "b", "c"])), max_size=40))
def test_hits_sorted_by_position_as_by_start_and_longer_first(rows):
    hits = [CueHit(start, start + length, cue, "phrase") for start, length, cue in rows]
    sorted_here = list(hits)
    sort_by_position(sorted_here)
    assert sorted_here == sorted(hits, key=lambda h: (h.start, -h.end))
