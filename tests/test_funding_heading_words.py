"""Priority headings read only on the lines that hold a word their pattern needs are those of every line.

`PriorityHeadings` matches a heading pattern only on the lines where a word it needs
(`needed_words`: "Priority", "Theme", "Objective") stands; every line when the pattern needs no
known word or one in any case. Checked against the pattern run on every line, on every seed and
held-out paper and on made-up headings, for the bundled patterns and case-blind ones.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.funding_headings import PriorityHeadings
from pipeline.ingest import load
from pipeline.stages.funding import _rules
from pipeline.textlines import split_lines
from tests.conftest import ROOT, SEEDS

PAPERS = sorted(SEEDS.glob("*.txt")) + sorted(SEEDS.glob("*.pdf")) + sorted((ROOT / "tests/fixtures").rglob("*.txt"))
MADE_UP = (
    "Priority 1: Reduce re-offending £5,000\n  Key Priority 2 - Safer roads\nTheme: Alcohol\tfunding - 5K\n"
    "PRIORITY 3: capitals\nObjective – ASB £12,000\nPriority: \nText with Priority inside: no heading\n"
    "Strategic Theme: Roads\n\tPriority 4: in a cell"
)
CASE_BLIND = [re.compile(r"^[ \t]*priority[ \t]*\d+[ \t]*[:.–-][ \t]*(?P<text>[^\n\t]+)", re.M | re.I)]
NO_WORD = [re.compile(r"^[ \t]*[A-Z][a-z]+[ \t]*\d[ \t]*[:–-][ \t]*(?P<text>[^\n\t]+)", re.M)]


def _every_line(text: str, patterns: list[re.Pattern[str]]) -> list[list[tuple[int, int]]]:
    lines = split_lines(text)
    return [[m.span() for line in lines if (m := p.match(text, line.start, line.end))] for p in patterns]


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.name)
@pytest.mark.parametrize("patterns", [_rules().headings, CASE_BLIND, NO_WORD], ids=["bundled", "case-blind", "no-word"])
def test_headings_found_on_the_lines_holding_their_words_equal_those_of_every_line(path: Path, patterns) -> None:
    text = path.read_text(encoding="utf-8") if path.suffix == ".txt" else load(path).text
    for written in (text, text + "\n" + MADE_UP, MADE_UP):
        headings = PriorityHeadings(written, split_lines(written), patterns)
        assert [[m.span() for m in matches] for _, matches in headings._found] == _every_line(written, patterns)


def test_made_up_headings_are_found() -> None:
    headings = PriorityHeadings(MADE_UP, split_lines(MADE_UP), _rules().headings)
    assert sum(len(matches) for _, matches in headings._found) >= 5
