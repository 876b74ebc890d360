"""Score extracted priorities and targets against gold annotations (precision, recall, F1).

Priorities match when their texts agree to PRIORITY_MATCH (rapidfuzz token_sort_ratio on
lower-cased words, 0-100); each gold item matches at most one extracted item, best first.
Targets match on direction, amount and unit, and a metric that agrees to METRIC_MATCH
(token_set_ratio, so "anti-social behaviour" matches "anti-social behaviour incidents").
Extracted targets that match a gold `optional_targets` entry are neither right nor wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

PRIORITY_MATCH = 85
METRIC_MATCH = 75
_ABBREVIATIONS = {"asb": "anti social behaviour", "tfmv": "theft from motor vehicle", "da": "domestic abuse"}


def words(text: str) -> str:
    """Lower-case words, abbreviations spelt out, for fuzzy comparison."""
    tokens = re.sub(r"[^a-z0-9%]+", " ", (text or "").lower()).split()
    return " ".join(_ABBREVIATIONS.get(t, t) for t in tokens)


@dataclass
class Score:
    """Counts and pairs of one comparison."""

    true_positives: int = 0
    extracted: int = 0
    gold: int = 0
    pairs: list[tuple[dict, Any]] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)
    extra: list[Any] = field(default_factory=list)

    def add(self, other: Score) -> Score:
        return Score(
            self.true_positives + other.true_positives,
            self.extracted + other.extracted,
            self.gold + other.gold,
            self.pairs + other.pairs,
            self.missed + other.missed,
            self.extra + other.extra,
        )

    @property
    def precision(self) -> float:
        return self.true_positives / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _pair(gold: Sequence[dict], found: Sequence[Any], similarity: Callable[[dict, Any], float], floor: float) -> Score:
    scored = sorted(
        ((similarity(g, f), gi, fi) for gi, g in enumerate(gold) for fi, f in enumerate(found)),
        key=lambda t: -t[0],
    )
    used_gold: set[int] = set()
    used_found: set[int] = set()
    pairs: list[tuple[dict, Any]] = []
    for value, gi, fi in scored:
        if value < floor or gi in used_gold or fi in used_found:
            continue
        used_gold.add(gi)
        used_found.add(fi)
        pairs.append((gold[gi], found[fi]))
    return Score(
        len(pairs),
        len(found),
        len(gold),
        pairs,
        [g for i, g in enumerate(gold) if i not in used_gold],
        [f for i, f in enumerate(found) if i not in used_found],
    )


def score_priorities(gold: Sequence[dict], found: Sequence[Any]) -> Score:
    """Match extracted priorities (objects with .text) to gold priorities (dicts with "text")."""
    return _pair(gold, found, lambda g, f: fuzz.token_sort_ratio(words(g["text"]), words(f.text)), PRIORITY_MATCH)


def _target_similarity(g: dict, f: Any) -> float:
    if g.get("direction") != f.direction or g.get("unit", f.unit) != f.unit:
        return 0.0
    if g.get("amount") is not None and (f.amount is None or abs(float(g["amount"]) - f.amount) > 1e-6):
        return 0.0
    return fuzz.token_set_ratio(words(g["metric"]), words(f.metric))


def score_targets(gold: Sequence[dict], found: Sequence[Any], optional: Sequence[dict] = ()) -> Score:
    """Match extracted targets to gold targets; extras that match optional gold are not counted."""
    score = _pair(gold, found, _target_similarity, METRIC_MATCH)
    if optional and score.extra:
        spare = _pair(optional, score.extra, _target_similarity, METRIC_MATCH)
        matched = {id(f) for _, f in spare.pairs}
        score.extra = [f for f in score.extra if id(f) not in matched]
        score.extracted -= len(matched)
    return score


def field_accuracy(
    pairs: Sequence[tuple[dict, Any]], name: str, read: Callable[[Any], Any] | None = None
) -> tuple[int, int]:
    """(right, judged) for one field over matched pairs, judging only pairs whose gold gives it."""
    right = judged = 0
    for g, f in pairs:
        if name not in g:
            continue
        judged += 1
        value = read(f) if read else getattr(f, name)
        right += value == g[name]
    return right, judged


def main_theme(priority: Any) -> str | None:
    return priority.themes[0] if priority.themes else None
