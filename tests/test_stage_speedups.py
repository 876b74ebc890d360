"""The quick paths of the later stages give what the plain ones give, on every seed text."""

from __future__ import annotations

import bisect
import random
from pathlib import Path

import numpy
import pytest
from rapidfuzz import fuzz
from spacy.attrs import LEMMA
from spacy.matcher import Matcher

from pipeline import nlp
from pipeline.cue_index import columns, member
from pipeline.ingest import load
from pipeline.parsed import Parsed
from pipeline.priorities.cues import load_cues
from pipeline.priorities.forms import _inline_candidates, _naming_priorities, other_forms
from pipeline.priorities.lines import PARAGRAPH_START, document_lines, split_lines
from pipeline.priorities.merge import _near_pairs
from pipeline.priorities.wording import Wording, same_wording, wordings
from pipeline.quotes import Quotes, quote_range
from pipeline.stages.funding import _Marked, _rules
from pipeline.themes import _FUZZY_PHRASE, _FUZZY_WORD, _Tokens, default_matcher
from tests.conftest import SEEDS

SEED_TEXTS = sorted(SEEDS.glob("*.txt"))
PRIORITY_FIXTURES = sorted((Path(__file__).parent / "fixtures" / "priorities").glob("*.txt"))


def _parsed(path) -> Parsed:
    document = load(path)
    return Parsed(document=document, doc=nlp.parse(document.text))


@pytest.mark.parametrize("path", SEED_TEXTS, ids=lambda p: p.name)
def test_wordings_read_together_equal_one_by_one(path):
    bodies = [line.body for line in split_lines(path.read_text(encoding="utf-8")) if line.body]
    bodies += ["Priority 1: Reduce ASB by 10% during 2010/2011", "a% of the 5%", "İstanbul priorities"]
    bodies += ["PRİORİTY 2: reduce 5 per cent", "prıorıty 3 - by 2012", "the 10 PerCent of 2011-12", ""]
    assert wordings(bodies) == [Wording.of(b) for b in bodies]


@pytest.mark.parametrize("path", SEED_TEXTS, ids=lambda p: p.name)
def test_quotes_from_the_sentence_table_equal_quote_range(path):
    parsed = _parsed(path)
    quotes = Quotes(parsed)
    rng = random.Random(path.name)
    for _ in range(300):
        start = rng.randrange(len(parsed.text))
        end = min(len(parsed.text), start + rng.randrange(40))
        assert _outcome(quotes.sentence_around, start, end) == _outcome(parsed.sentence_around, start, end)
        assert _outcome(quotes.range, start, end) == _outcome(quote_range, parsed, start, end)


def _outcome(read, *args):
    try:
        return read(*args)
    except IndexError:  # a range of spaces only: both ways fail alike
        return "IndexError"


@pytest.mark.parametrize("path", SEED_TEXTS, ids=lambda p: p.name)
def test_savings_wording_found_once_equals_searching_each_span(path):
    parsed = _parsed(path)
    rules = _rules()
    marked = _Marked(parsed, rules)
    doc = parsed.doc
    rng = random.Random(path.name)
    spans = [doc[a : min(len(doc), a + rng.randrange(40))] for a in (rng.randrange(len(doc)) for _ in range(300))]
    for start in marked.starts:  # spans that hold a cue, or cut through it
        token = doc.char_span(start, start + 1, alignment_mode="expand").start
        spans += [doc[max(0, token - k) : token + j] for k in (0, 1, 3) for j in (0, 1, 2, 6)]
    for span in spans:
        assert marked.within(span) == bool(rules.not_allocation.find(span)), span.text


def test_membership_of_a_few_words_equals_numpy_isin():
    values = columns(nlp.parse(SEED_TEXTS[0].read_text(encoding="utf-8")))[LEMMA]
    for words in (values[:1], values[5:9], values[:40], numpy.array([], dtype=numpy.uint64)):
        assert (member(values, words) == numpy.isin(values, words)).all()


@pytest.mark.parametrize("path", SEED_TEXTS, ids=lambda p: p.name)
def test_lines_naming_priorities_found_by_plain_search_equal_the_pattern(path):
    cues = load_cues()
    for text in (path.read_text(encoding="utf-8"), path.read_text(encoding="utf-8").replace("s", "ſ", 50)):
        lines = split_lines(text)
        by_pattern = {i for i, line in enumerate(lines) if cues.priority_line_hint.search(line.text)}
        # a phrase looked for by its last two words names the line of its last word
        starts = [line.start for line in lines]
        by_pattern |= {
            bisect.bisect_right(starts, m.start(1)) - 1
            for pair in cues.priority_line_pairs
            for m in pair.finditer(text)
        }
        assert _naming_priorities(text, lines, cues) == sorted(by_pattern)


@pytest.mark.parametrize("path", SEED_TEXTS, ids=lambda p: p.name)
def test_near_pairs_hold_every_pair_that_is_one_priority(path):
    bodies = [line.body for line in split_lines(path.read_text(encoding="utf-8")) if line.body]
    leads = [Wording.of(b) for b in bodies[::10][:12]] + [Wording.of(bodies[0] + "s and")]
    leads += [Wording.of(b) for b in bodies if "%" in b or "20" in b][:6]  # with targets and years
    others = [Wording.of(b) for b in bodies]
    near = set(_near_pairs(leads, others))
    same = {(i, j) for i, lead in enumerate(leads) for j, other in enumerate(others) if same_wording(lead, other)}
    assert same and same <= near


@pytest.mark.parametrize("path", SEED_TEXTS, ids=lambda p: p.name)
def test_kept_token_columns_equal_a_fresh_reading_and_stay_read_only(path):
    doc = nlp.parse(path.read_text(encoding="utf-8"))
    kept = columns(doc)
    assert columns(doc) is kept
    fresh = columns(doc[0 : len(doc)])  # a Span is read afresh
    assert all(numpy.array_equal(kept[attr], fresh[attr]) for attr in kept)
    with pytest.raises(ValueError):
        kept[LEMMA][0] = 0


@pytest.mark.parametrize("path", SEED_TEXTS, ids=lambda p: p.name)
def test_document_lines_equal_split_lines_and_are_the_callers_own(path):
    parsed = _parsed(path)
    first = document_lines(parsed)
    assert first == split_lines(parsed.text)
    first.clear()
    assert document_lines(parsed) == split_lines(parsed.text)


@pytest.mark.parametrize("path", SEED_TEXTS, ids=lambda p: p.name)
def test_theme_near_misses_equal_every_window_scored(path):
    matcher = default_matcher()
    texts = [line.body for line in split_lines(path.read_text(encoding="utf-8")) if line.body][:150]
    texts += ["Reducing re offending and anti socal behaviour", "tackling domestik abuse"]
    for text in texts:
        doc = nlp.lemmatised(" ".join(text.split()))
        found = [(m.theme, m.term, m.start, m.end, m.method, m.score) for m in matcher._fuzzy(_Tokens.of(doc.text))]
        assert found == _every_window_scored(matcher, doc)


def _every_window_scored(matcher, doc):
    """The near-misses with every window of every term length scored against every term."""
    words = [t.lower_.replace("-", "") for t in doc if t.is_alpha or t.like_num]
    at = [t.i for t in doc if t.is_alpha or t.like_num]
    found = []
    for order, (theme, term, size, target) in enumerate(matcher._fuzzy_terms):
        limit = _FUZZY_WORD if size == 1 else _FUZZY_PHRASE
        for w in range(len(words) - size + 1):
            if words[w][:1] != target[:1]:  # a misspelling keeps its first letter
                continue
            score = fuzz.ratio(" ".join(words[w : w + size]), target, score_cutoff=limit)
            if score:
                found.append((order, w, theme, term, at[w], at[w + size - 1] + 1, score / 100))
    return [(th, term, a, b, "fuzzy", s) for _, _, th, term, a, b, s in sorted(found, key=lambda f: f[:2])]


@pytest.mark.parametrize("path", SEED_TEXTS, ids=lambda p: p.name)
def test_theme_ranking_words_found_in_token_lists_equal_spacy_matcher_and_spans(path):
    matcher = default_matcher()
    related = Matcher(nlp.english().vocab)
    participles = matcher.taxonomy.qualifying_participles
    related.add("related", [[{"ORTH": "-", "OP": "?"}, {"LOWER": {"IN": participles}}]])
    texts = [line.body for line in split_lines(path.read_text(encoding="utf-8")) if line.body][:150]
    texts += ["Alcohol-related and youth - related crime", "drug related", "- related -related"]
    for text in texts:
        doc = nlp.lemmatised(" ".join(text.split()))
        tokens = _Tokens.of(doc.text)
        assert sorted(matcher._marks(tokens).related) == sorted(s for _, s, _ in related(doc))
        for start in range(len(doc)):
            for end in range(start + 1, min(len(doc), start + 5) + 1):
                assert tokens.span_text(start, end) == doc[start:end].text


@pytest.mark.parametrize("path", SEED_TEXTS + PRIORITY_FIXTURES, ids=lambda p: p.name)
def test_inline_lists_read_in_paragraphs_naming_priorities_equal_every_paragraph_read(path):
    text = path.read_text(encoding="utf-8")
    text += "\n\n3.1 Our priorities are: burglary, robbery and ASB.\nPriority One: the three priorities were:\n"
    text += "- the five priorities are: A, B, C, D\nand E.\n\tthe priorities: x and y\n"
    # a sentence that leads into a list over several lines, its count on the line before the cue
    text += "\nLast year the board agreed that\nthe five priorities would be: burglary, robbery, ASB,\n"
    text += "hate crime and drugs.\n\nWe read the data. The priorities\nare: x, y and z.\n"
    text += "\nMembers agreed the two\npriorities are: burglary and robbery.\n"
    lines, cues = split_lines(text), load_cues()
    inline = [c for c in other_forms(text, lines, cues, 0) if c.source == "inline"]
    every: list = []
    for group, (start, end) in enumerate(_every_paragraph(lines, cues), start=1):
        every += _inline_candidates(text, start, end, cues, group)
    assert every and _with_groups_apart(inline) == _with_groups_apart(every)


def _with_groups_apart(candidates):
    """The candidates without their group numbers, and which of them share a group."""
    plain = [(c.text, c.start, c.end, c.source, c.description, c.scope, c.period) for c in candidates]
    shared = {frozenset(k for k, o in enumerate(candidates) if o.group == c.group) for c in candidates}
    return plain, shared


def _every_paragraph(lines, cues):
    """Every prose paragraph, read line by line: a run of unmarked lines, started anew by a marked
    line, a numbered paragraph or a "Priority One: ..." line."""
    found, start, end = [], None, 0
    for line in lines:
        if line.blank or line.is_table_row or PARAGRAPH_START.match(line.text) or cues.heading_pattern.match(line.text):
            if start is not None:
                found.append((start, end))
            start = None if line.blank or line.is_table_row else line.start
            end = line.end
            continue
        if line.style is not None:
            if start is not None:
                found.append((start, end))
            start = line.body_start
        elif start is None:
            start = line.start
        end = line.end
    if start is not None:
        found.append((start, end))
    return found
