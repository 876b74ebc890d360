"""The quick paths of the later stages give what the plain ones give, on every seed text."""

from __future__ import annotations

import random

import numpy
import pytest
from spacy.attrs import LEMMA

from pipeline import nlp
from pipeline.cue_index import columns, member
from pipeline.ingest import load
from pipeline.parsed import Parsed
from pipeline.priorities.cues import load_cues
from pipeline.priorities.forms import _naming_priorities
from pipeline.priorities.lines import split_lines
from pipeline.priorities.merge import comparable, comparable_all
from pipeline.quotes import Quotes, quote_range
from pipeline.stages.funding import _Marked, _rules
from tests.conftest import SEEDS

SEED_TEXTS = sorted(SEEDS.glob("*.txt"))


def _parsed(path) -> Parsed:
    document = load(path)
    return Parsed(document=document, doc=nlp.parse(document.text))


@pytest.mark.parametrize("path", SEED_TEXTS, ids=lambda p: p.name)
def test_comparable_words_read_together_equal_one_by_one(path):
    bodies = [line.body for line in split_lines(path.read_text(encoding="utf-8")) if line.body]
    bodies += ["Priority 1: Reduce ASB by 10% during 2010/2011", "a% of the 5%", "İstanbul priorities"]
    assert comparable_all(bodies) == [comparable(b) for b in bodies]


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
        assert _naming_priorities(text, lines, cues) == sorted(by_pattern)
