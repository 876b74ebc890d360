"""Allocation lists found by the parse's lemma column are those found by reading each token's lemma.

`funding_lists.allocation_lists` asks whether a sentence allocates from the LEMMA column of the
parse (string hashes) instead of making a Token per word; a token's `lemma_` is its hash looked
up, so the sentences that allocate are the same. Checked on every seed and held-out paper, and on
made-up lists.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import funding_lists
from pipeline.funding_lists import AllocationList, allocation_lists
from pipeline.ingest import load
from pipeline.stages.funding import _rules
from tests.conftest import ROOT, SEEDS
from tests.papers import paper_from_text

PAPERS = sorted(SEEDS.glob("*.txt")) + sorted(SEEDS.glob("*.pdf")) + sorted((ROOT / "tests/fixtures").rglob("*.txt"))
MADE_UP = (
    "The Partnership's budget of £48,500 was allocated as follows:\n(a) £18,000 - IDVA hours\n"
    "Taxi marshals: £6,000\n\nThe grant is spent as below:\n£5,000 CCTV\n\nWe funded these:\n£3,000 for x\n"
    "\nFunding allocated as follows:\u00a0\t\n£1,000 for y\nWe allocated these::\x0b\n£2,000 z\nlast: : \n£4 w\n:"
)


def _plain_allocation_lists(parsed, allocation_lemmas: set[str]) -> list[AllocationList]:
    """The plain reading: each token of the sentence made and its lemma read."""
    found = []
    lines = parsed.lines
    for i, line in enumerate(lines):
        if not line.text.rstrip().endswith(":"):
            continue
        colon = line.start + len(line.text.rstrip()) - 1
        token = parsed.doc.char_span(colon, colon + 1, alignment_mode="expand")
        if token is None:
            continue
        sentence = token[0].sent
        if not any(t.lemma_ in allocation_lemmas for t in sentence):
            continue
        items, end = funding_lists._items(lines, i + 1)
        if items:
            found.append(AllocationList(sentence.start_char, end, items))
    return found


@pytest.mark.parametrize("path", PAPERS, ids=lambda p: p.name)
def test_allocation_lists_read_from_the_lemma_column_equal_the_token_reading(path: Path) -> None:
    text = path.read_text(encoding="utf-8") if path.suffix == ".txt" else load(path).text
    lemmas = _rules().allocation
    for written in (text, text + "\n\n" + MADE_UP, MADE_UP):
        parsed, _ = paper_from_text(written)
        assert allocation_lists(parsed, lemmas) == _plain_allocation_lists(parsed, lemmas)


@pytest.mark.parametrize(
    ("written", "listed"),
    [
        ("The budget of £48,500 was allocated as follows:\n(a) £18,000 - IDVA hours\nTaxi marshals: £6,000\n", 2),
        ("We funded these:\n£3,000 for x\n", 1),
        ("The money is spent as below:\n£5,000 CCTV\n", 0),
    ],
)
def test_a_list_under_an_allocating_sentence_is_found_and_one_under_another_is_not(written: str, listed: int) -> None:
    parsed, _ = paper_from_text(written)
    assert sum(len(f.items) for f in allocation_lists(parsed, _rules().allocation)) == listed
