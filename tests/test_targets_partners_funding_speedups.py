"""The quick paths of the targets, partners and funding stages give what the plain ones give.

Each is checked against the plain reading it replaces, on every seed paper (text and PDF) and
every held-out text paper, and on made-up stretches that hit the awkward cases.
"""

from __future__ import annotations

import random
import re
from functools import cache
from pathlib import Path

import pytest

from pipeline import partner_names
from pipeline.funding_headings import PRIORITY_REACH, PriorityHeadings
from pipeline.ingest import load
from pipeline.stages.funding import _cell_value, _is_header, _labels, _names_a_column, _rules
from pipeline.stages.partners import _COUNCIL_NAME, council_names
from pipeline.targets import reading
from pipeline.targets import terms as target_terms
from pipeline.targets.collect import sentences
from pipeline.targets.reading import _AT_FIGURE, _BY_FIGURE, may_state_target, read_targets
from pipeline.targets.rows import cells_of
from pipeline.targets.terms import load_terms
from pipeline.textlines import split_lines
from tests.conftest import ROOT, SEEDS
from tests.papers import paper_from_text

PAPERS = sorted(SEEDS.glob("*.txt")) + sorted(SEEDS.glob("*.pdf")) + sorted((ROOT / "tests/fixtures").rglob("*.txt"))
# Stretches that hit the edges of the readings: decimal points, stops at the very end, headings
# on the line of a sum, labels in later cells, empty cells after a label.
MADE_UP = (
    "Reduce ASB by 2.5% by 2012. Increase detections by 10.25 per cent! Why? 3.\n"
    "Priority 1: Reduce re-offending £5,000\n\tBudget:\t\t£3k for CCTV\nPriority 2 - Safer roads\n"
    "Theme: Alcohol\tfunding - 5K\n...\n1.2.3 end.\n\tCSP Resources:  5K CSP Allocation\n"
    "Objective – ASB £12,000\nPriority: \n"
)

# The plain readings the quick paths replace.
# (a sentence runs on over a decimal point or a paragraph number's points: "by 2.5%", "3.2")
_PLAIN_SENTENCE = re.compile(r"[^.!?]+(?:[.!?](?=\d)[^.!?]*)*(?:[.!?](?!\d)|$)")


@cache
def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.suffix == ".txt" else load(path).text


def _texts(path: Path) -> list[str]:
    text = _text(path)
    return [text, text + "\n" + MADE_UP, MADE_UP]


def _plain_last_heading(text: str, patterns: list[re.Pattern[str]], pos: int) -> re.Match[str] | None:
    best: re.Match[str] | None = None
    for pattern in patterns:
        for m in pattern.finditer(text, max(0, pos - PRIORITY_REACH), pos):
            if best is None or m.start() > best.start():
                best = m
    return best


def _plain_cell_value(text: str, pos: int) -> tuple[int, int]:
    while pos < len(text) and text[pos] in "\t ":
        pos += 1
    end = pos
    while end < len(text) and text[end] not in "\t\n":
        end += 1
    return pos, end


def _found(m: re.Match[str] | None) -> tuple[int, int, dict[str, str | None]] | None:
    return None if m is None else (m.start(), m.end(), m.groupdict())


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.name)
def test_sentences_equal_the_plain_sentence_pattern(path: Path) -> None:
    for text in _texts(path):
        rng = random.Random(path.name)
        ranges = [(0, len(text))] + [(line.start, line.end) for line in split_lines(text)]
        ranges += [(a, min(len(text), a + rng.randrange(1500))) for a in (rng.randrange(len(text)) for _ in range(200))]
        for start, end in ranges:
            plain = _PLAIN_SENTENCE.finditer(text, start, end)
            assert sentences(text[start:end]) == [(m.start() - start, m.end() - start, m.group(0)) for m in plain]


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.name)
def test_priority_headings_found_once_equal_the_window_search(path: Path) -> None:
    patterns = _rules().headings
    for text in _texts(path):
        headings = PriorityHeadings(text, split_lines(text), patterns)
        rng = random.Random(path.name)
        # every line start and end, every sum, and places at random
        places = {p for line in split_lines(text) for p in (line.start, line.end, line.start + 1)}
        places |= {m.start() for m in re.finditer(r"£", text)} | {rng.randrange(len(text) + 1) for _ in range(100)}
        for pos in sorted(p for p in places if p <= len(text)):
            assert _found(headings.last_above(pos)) == _found(_plain_last_heading(text, patterns, pos)), pos


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.name)
def test_funding_labels_read_by_line_equal_the_whole_text_search(path: Path) -> None:
    rules = _rules()
    for text in _texts(path):
        parsed, _ = paper_from_text(text)
        assert [_found(m) for m in _labels(parsed, rules)] == [_found(m) for m in rules.label.finditer(text)]


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.name)
def test_cell_value_equals_reading_character_by_character(path: Path) -> None:
    for text in _texts(path):
        for pos in [m.end() for m in re.finditer(r":|\t|\n", text)] + [len(text)]:
            assert _cell_value(text, pos) == _plain_cell_value(text, pos)


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.name)
def test_an_abbreviation_is_spelt_out_only_where_it_is_written(path: Path) -> None:
    # `TargetTerms.spell_out` runs an abbreviation's pattern only on metrics that hold it as written
    terms = load_terms()
    lines = [line.text for line in split_lines(_text(path))]
    lines += [f"{short}'s and {short.lower()}" for short in terms.abbreviations]
    for short, pattern, _ in terms._abbreviation_patterns:
        assert all(short in line for line in lines if pattern.search(line)), short


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.name)
def test_partner_names_found_after_their_body_equal_every_pattern_run(path: Path, monkeypatch) -> None:
    text = _text(path)
    rng = random.Random(path.name)
    # list items, and stretches across lines (names wrap onto the next line of a PDF)
    items = [line.text for line in split_lines(text)]
    items += [text[a : a + rng.randrange(400)] for a in range(0, len(text), 997)]
    items += ["West Mercia Police and Crime Commissioner, Hereford &\nWorcester Fire and Rescue", "the fire service"]
    quick = [partner_names.find_names(item, 7) for item in items]
    plain = tuple((kind, tuple((p, None, ()) for p, _, _ in patterns)) for kind, patterns in partner_names._compiled())
    monkeypatch.setattr(partner_names, "_compiled", lambda: plain)
    assert [partner_names.find_names(item, 7) for item in items] == quick


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.name)
def test_a_row_that_names_no_column_word_is_no_funding_header(path: Path) -> None:
    rules = _rules()
    for text in _texts(path):
        rows = [line.text for line in split_lines(text) if "\t" in line.text]
        rows += ["\tBudget (£)\tSpend", "ΑΣ\tALLOCATION:", "İtem\tGrant"]
        for row in rows:
            assert _names_a_column(row, rules) or not _is_header(row.split("\t"), rules), row


def test_by_figure_equals_the_case_blind_pattern() -> None:
    plain = re.compile(r"\bby\s+\d", re.I)
    texts = [line.text for path in PAPERS for line in split_lines(_text(path))]
    texts += ["by 5", "BY 5", "bY\t7", "Stand-by 5", "abby 5", "_by 5", "ſby 5", "by5", "ƀy 5", "bý 5", "ＢＹ 5"]
    for text in texts:
        assert _found(_BY_FIGURE.search(text)) == _found(plain.search(text)), text


def test_at_figure_equals_the_case_blind_pattern() -> None:
    plain = re.compile(r"\bat\s+(?:[A-Za-z]+\s+){0,3}\d", re.I)
    texts = [line.text for path in PAPERS for line in split_lines(_text(path))]
    texts += ["at 5", "AT 5", "aT\t7", "at or below 5", "at a level of 5", "at a b c d 5", "flat 5", "_at 5", "ſat 5"]
    for text in texts:
        assert _found(_AT_FIGURE.search(text)) == _found(plain.search(text)), text


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.name)
def test_a_paragraph_or_row_that_cannot_state_a_target_has_no_sentence_or_cell_that_does(path: Path) -> None:
    terms = load_terms()
    text = _text(path)
    chunks = [line.text for line in split_lines(text)] + [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    for chunk in chunks:
        parts = [s for _, _, s in sentences(chunk)] + [c.text for c in cells_of(chunk, 0)]
        for part in parts:
            if read_targets(part, terms) or read_targets(part, terms, in_row=True):
                assert may_state_target(part), part
            if may_state_target(part):
                assert may_state_target(chunk), part


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.name)
def test_council_names_read_line_by_line_equal_the_whole_text_search(path: Path) -> None:
    made_up = "READING BOROUGH COUNCIL\nWyvern District\nCouncil and Kirkford City council\tEast Riding County CouncİL"
    for text in (_text(path), made_up, made_up + "\n"):
        assert [_found(m) for m in council_names(text)] == [_found(m) for m in _COUNCIL_NAME.finditer(text)]


def _built(terms: target_terms.TargetTerms) -> target_terms.TargetTerms:
    """The vocabulary with every pattern built (they are built when first used)."""
    for name in ("verb_pattern", "participle_pattern", "noun_pattern", "achieved_pattern", "_leading_fillers"):
        getattr(terms, name)
    return terms


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.name)
def test_targets_read_with_first_letter_lookaheads_equal_the_plain_alternations(path: Path, monkeypatch) -> None:
    quick = _built(load_terms())
    monkeypatch.setattr(target_terms, "_first_letters", lambda words: "")
    plain = _built(target_terms.TargetTerms.model_validate(quick.model_dump()))  # its patterns without lookaheads
    assert plain.verb_pattern != quick.verb_pattern
    text = _text(path)
    pieces = [s for _, _, s in sentences(text)] + [line.text for line in split_lines(text)]
    pieces += ["ſustain ASB by 5% and reduce burglary by 2% by March 2012", "a 10% REDUCTION in thefts by 2012"]
    for piece in pieces:
        for in_row in (False, True):
            assert read_targets(piece, quick, in_row=in_row) == read_targets(piece, plain, in_row=in_row), piece
    for piece in pieces:
        assert quick.spell_out(piece) == plain.spell_out(piece)


# Auxiliaries far before, just before and past long runs of spaces; a word that ends in one.
_AUXILIARY_EDGES = ["has" + " " * n + "reduce ASB by 5%" for n in (1, 30, 34, 35, 36, 37, 60)] + [
    "chas  reduce",
    "He IS\n\treducing",
    "was \u2003reduce",
    "it is " + "x" * 50 + " reduce",
    "being\n",
    "are",
]


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.name)
def test_auxiliary_read_before_the_verb_only_equals_the_search_of_the_whole_head(path: Path) -> None:
    text = _text(path)
    pieces = [s for _, _, s in sentences(text)] + [line.text for line in split_lines(text)] + _AUXILIARY_EDGES
    for piece in pieces:
        ends = range(len(piece) + 1) if len(piece) < 200 else [i + 1 for i, c in enumerate(piece) if c.isspace()]
        for end in ends:
            plain = reading._AUXILIARY.search(piece[:end]) is not None
            assert reading._after_auxiliary(piece, end) == plain, (piece, end)


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.name)
def test_a_text_the_noun_wordings_read_holds_what_they_need(path: Path) -> None:
    patterns = reading._patterns(load_terms())
    nominal, nominal_of, noun_after_unit, of_figure = (
        patterns.nominal, patterns.nominal_of, patterns.noun_after_unit, patterns.of_figure
    )
    text = _text(path)
    pieces = [s for _, _, s in sentences(text)] + [line.text for line in split_lines(text)] + [MADE_UP]
    pieces += ["a 10% REDUCTION in thefts by 2012", "an increase OF 5\tper cent in reports", "2 pc\nfall in ASB"]
    read = 0
    for piece in pieces:
        for wording, needed in ((nominal, noun_after_unit), (nominal_of, of_figure)):
            if wording.search(piece) is not None:
                read += 1
                assert needed.search(piece) is not None, piece
    assert read  # the check saw noun wordings
