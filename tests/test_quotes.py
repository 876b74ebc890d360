"""Quotes worked out for many ranges at once equal `quote_range` of each, on every seed text."""

from __future__ import annotations

import random

import pytest

from pipeline import nlp
from pipeline.ingest import load
from pipeline.parsed import Parsed
from pipeline.quotes import Quotes, quote_range
from tests.conftest import SEEDS

SEED_TEXTS = sorted(SEEDS.glob("*.txt"))


def _ranges(text: str, rng: random.Random) -> list[tuple[int, int]]:
    """Random ranges, and ranges that start or end on, just before or just after every line break."""
    ranges = [(a, min(len(text), a + rng.randrange(60))) for a in (rng.randrange(len(text)) for _ in range(300))]
    breaks = [i for i, c in enumerate(text) if c == "\n"]
    for i in rng.sample(breaks, min(150, len(breaks))):
        ranges += [(max(0, i + d), min(len(text), i + d + k)) for d in (-1, 0, 1) for k in (1, 5, 80)]
        ranges += [(max(0, i - 30), i + d) for d in (0, 1)]
    return [*ranges, (0, 0), (len(text) - 1, len(text)), (len(text), len(text) + 5), (-3, 2)]


@pytest.mark.parametrize("path", SEED_TEXTS, ids=lambda p: p.name)
def test_quotes_of_many_ranges_at_once_equal_quote_range(path):
    document = load(path)
    parsed = Parsed(document=document, doc=nlp.parse(document.text))
    ranges = _ranges(parsed.text, random.Random(path.name))
    quotes = Quotes(parsed)
    quotes.quote_all(ranges)
    for start, end in ranges:
        try:
            want: object = quote_range(parsed, start, end)
        except IndexError:  # a range of spaces only: no sentence holds it
            want = IndexError
        try:
            got: object = quotes.range(start, end)
        except IndexError:
            got = IndexError
        assert got == want, (start, end)
        if want is not IndexError:
            # what a finding quotes, in one look-up: the range and the words Evidence gives it
            quote, words = quotes.quoted(start, end)
            assert quote == want and words == " ".join(parsed.text[slice(*quote)].split())  # as Parsed.evidence
            assert words.lower() == " ".join(words.lower().split())  # its own comparison key (statutory `_key`)
