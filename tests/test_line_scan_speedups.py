"""Quick scans of the targets, metadata and partners stages and of text lines give what the plain
scans they replace give: on every seed paper (text and PDF), every held-out text paper, made-up
text, and every character where a test reads one character."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import fields
from pipeline.priorities.lines import Line, split_lines
from pipeline.stages import metadata, partners
from pipeline.targets import reading
from pipeline.targets.collect import _DIGIT, _Ranges, _segments, sentences
from pipeline.targets.reading import has_digit, may_state_target
from pipeline.targets.rows import cells_of, find_blocks
from pipeline.targets.terms import load_terms
from pipeline.textlines import split_lines as split_text_lines
from tests.test_targets_partners_funding_speedups import PAPERS, _text

# Lines that end in a tab, rows inside and outside action-plan blocks, list items and paragraphs.
MADE_UP = (
    "Performance Indicator\tReduce burglary by 5% by 2012\t\nTarget\t10% reduction\n\tby 5 per cent\n"
    "Reduce ASB by 2.5% by 2012. More\nof it by 3%.\n- Cut crime by 4% by 2013\t\n\nnone here 2%\n"
)


def _texts(path: Path) -> list[str]:
    text = _text(path)
    return [text, text + "\n" + MADE_UP, MADE_UP]


def _plain_segments(text: str, lines: list[Line]) -> list[tuple[int, int, str]]:
    segments: list[tuple[int, int, str]] = []
    paragraph: list[tuple[int, int]] = []

    def flush() -> None:
        if paragraph:
            start, end = paragraph[0][0], paragraph[-1][1]
            if may_state_target(text[start:end]):
                segments.extend((start + a, start + b, s) for a, b, s in sentences(text[start:end]) if _DIGIT.search(s))
            paragraph.clear()

    for line in lines:
        blank = line.blank
        if blank or line.style is not None or "\t" in line.text:
            flush()
        if blank:
            continue
        if "\t" in line.text:
            if may_state_target(line.text):
                segments += [(c.start, c.end, c.text) for c in cells_of(line.text, line.start) if _DIGIT.search(c.text)]
            continue
        paragraph.append((line.body_start, line.end))
    flush()
    return segments


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.name)
def test_target_segments_outside_blocks_equal_every_segment_then_those_in_blocks_dropped(path: Path) -> None:
    for text in _texts(path):
        lines = split_lines(text)
        in_blocks = _Ranges([(b.start, b.end) for b in find_blocks(text, load_terms(), lines)])
        plain = _plain_segments(text, lines)
        assert _segments(text, lines) == plain
        assert _segments(text, lines, in_blocks) == [s for s in plain if s[0] not in in_blocks]



def test_a_line_is_blank_as_its_stripped_text_is_empty_for_every_character() -> None:
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert split_text_lines(char)[0].blank == (not char.split("\n")[0].strip()), hex(code)
    for text in ("", " \t ", " x ", "\u3000\u00a0", " \n x\n\t"):
        assert [ln.blank for ln in split_text_lines(text)] == [not ln.strip() for ln in text.split("\n")], repr(text)


def _plain_without_enumerator(text: str) -> str:
    m = fields._ENUMERATOR.match(text)
    return " " * m.end() + text[m.end() :] if m else text


def test_enumerators_blanked_as_the_plain_match_blanks_them_for_every_first_character() -> None:
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        # what follows makes an enumerator of a first space, digit, "(" or small letter
        for text in (char + "1 x", char + " x", char + ") x", char + "a) x"):
            assert fields._without_enumerator(text) == _plain_without_enumerator(text), hex(code)


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.name)
def test_enumerators_of_every_line_blanked_as_the_plain_match_blanks_them(path: Path) -> None:
    for text in _texts(path):
        for line in text.split("\n"):
            assert fields._without_enumerator(line) == _plain_without_enumerator(line)


def test_a_digit_is_found_as_the_digit_pattern_finds_it_for_every_character() -> None:
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        for text in (char, "é" + char):
            assert has_digit(text) == (_DIGIT.search(text) is not None), hex(code)


# The plain patterns the first-letter ones replace, and the whole-text search of partner tables.
_PLAIN_PARTNERSHIP_END = re.compile(r"(?<=[ \t\n])(?i:partnership)\b")
_PLAIN_COUNCIL_WORD = re.compile(r"(?i:Council)")
WORDS_MADE_UP = (
    "Partnership\n partnership \tPARTNERSHIP. Safer Partnerships x-partnership Council council COUNCIL councillor\n"
    "Partners\tRole\n  agencies \t Police\nmembers\t\nBody\tx\n\tPartners\tRole"
)


def _spans(matches: Iterable[re.Match[str]]) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.name)
def test_words_found_by_their_first_letter_as_by_the_plain_patterns(path: Path) -> None:
    for text in [*_texts(path), WORDS_MADE_UP]:
        assert _spans(metadata._PARTNERSHIP_END.finditer(text)) == _spans(_PLAIN_PARTNERSHIP_END.finditer(text))
        assert _spans(partners._COUNCIL_WORD.finditer(text)) == _spans(_PLAIN_COUNCIL_WORD.finditer(text))
        assert _spans(partners._partner_table_headers(text)) == _spans(partners._PARTNER_TABLE.finditer(text))


def test_the_first_letters_have_no_other_case() -> None:
    for letter in "pc":
        cases = [chr(c) for c in range(sys.maxunicode + 1) if re.fullmatch(f"(?i:{letter})", chr(c))]
        assert cases == sorted({letter, letter.upper()})


_PLAIN_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"


def _with_plain_number(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(pattern.pattern.replace(reading._NUMBER, _PLAIN_NUMBER), pattern.flags)


def _readings(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


# the target patterns that read a figure
_TARGET_PATTERNS = [
    p for p in (*reading._patterns(load_terms()), reading._VALUE_AFTER, reading._BASELINE_AFTER)
    if isinstance(p, re.Pattern) and reading._NUMBER in p.pattern
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["1", "12", "1,092", ",", ".", "5", " ", "%", "by ", "reduction", " in x", "to "]),
                max_size=12).map("".join))
def test_figures_drawn_from_their_first_digit_read_as_the_plain_figure(text: str) -> None:
    for pattern in _TARGET_PATTERNS:
        assert _readings(pattern, text) == _readings(_with_plain_number(pattern), text), pattern.pattern


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.name)
def test_figures_of_every_paper_read_as_the_plain_figure(path: Path) -> None:
    for text in _texts(path):
        for pattern in _TARGET_PATTERNS:
            assert _readings(pattern, text) == _readings(_with_plain_number(pattern), text), pattern.pattern
