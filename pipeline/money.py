"""Sums of money as committee papers write them: "£107,400", "£75k", "£1.2m", "5K"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_SCALE = {
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "million": 1_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
}
_POUNDS = re.compile(
    r"£\s?(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?P<d>\.\d+)?(?:\s?(?P<s>k|m|bn|thousand|million|billion)\b)?", re.I
)
# "5K", "3k" without a pound sign: only where the context already says money (a resources cell).
_BARE_K = re.compile(r"(?<![\w£.,])(?P<n>\d{1,4})(?P<d>\.\d+)?\s?(?P<s>[kK])\b")


@dataclass(frozen=True, slots=True)
class Sum:
    """A sum found in a text: its value in pounds, the words as written, and where."""

    amount_gbp: float
    text: str
    start: int
    end: int


def find_sums(text: str, offset: int = 0, bare: bool = False) -> Iterator[Sum]:
    """Every sum in a text, in order; with `bare`, also "5K" written without a pound sign."""
    if not bare and "£" not in text:
        return  # most lines and cells of a paper name no sum: no pattern needs to run
    found = [_sum(m, offset) for m in _POUNDS.finditer(text)]
    if bare:
        taken = [(f.start - offset, f.end - offset) for f in found]
        found += [_sum(m, offset) for m in _BARE_K.finditer(text) if not any(a <= m.start() < b for a, b in taken)]
    yield from sorted(found, key=lambda s: s.start)


def _sum(m: re.Match[str], offset: int) -> Sum:
    value = float(m.group("n").replace(",", "") + (m.group("d") or ""))
    scale = _SCALE.get((m.group("s") or "").lower(), 1)
    return Sum(round(value * scale, 2), m.group(0), m.start() + offset, m.end() + offset)
