"""Scores of the audit stages against gold: status accuracy, partner and funding F1.

Partners match on type and a fuzzy name; funding matches on the amount and a fuzzy purpose.
Each gold item matches at most one found item.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from schemas import Funding, Partner, PlanExtraction

NAME_SCORE = 80
PURPOSE_SCORE = 70
GENERIC_WORDS = {
    "the",
    "council",
    "district",
    "borough",
    "county",
    "city",
    "metropolitan",
    "police",
    "fire",
    "service",
    "and",
    "&",
    "rescue",
    "nhs",
    "trust",
    "probation",
    "authority",
    "primary",
    "care",
    "pct",
}


@dataclass(frozen=True)
class Score:
    """True positives, found and expected counts, and the measures made of them."""

    tp: int
    found: int
    expected: int

    @property
    def precision(self) -> float:
        return self.tp / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.found + other.found, self.expected + other.expected)


def statutory_hits(plan: PlanExtraction, gold: dict[str, str]) -> tuple[int, int, list[str]]:
    """(right, judged, wrong element notes) for the elements gold lists."""
    got = {f.element: f.status for f in plan.statutory}
    wrong = [f"{k}: gold {v}, got {got.get(k)}" for k, v in gold.items() if got.get(k) != v]
    return len(gold) - len(wrong), len(gold), wrong


def partner_score(found: list[Partner] | None, gold: list[dict[str, Any]] | None) -> Score:
    """Partners right by type and name."""

    def same(p: Partner, g: dict[str, Any]) -> bool:
        # The place words must agree too: "Council" is not "South Derbyshire District Council".
        found, want = p.name.lower(), g["name"].lower()
        places = set(want.split()) - GENERIC_WORDS
        return p.type == g["type"] and fuzz.token_set_ratio(found, want) >= NAME_SCORE and places <= set(found.split())

    return _match(found or [], gold or [], same)


def funding_score(found: list[Funding], gold: list[dict[str, Any]]) -> Score:
    """Sums right by amount and purpose."""

    def same(f: Funding, g: dict[str, Any]) -> bool:
        if abs(f.amount_gbp - float(g["amount_gbp"])) > 0.5:
            return False
        want = (g.get("purpose") or "").lower()
        return not want or fuzz.token_set_ratio((f.purpose or "").lower(), want) >= PURPOSE_SCORE

    return _match(found, gold, same)


def _match(found: list[Any], gold: list[dict[str, Any]], same: Callable[[Any, dict[str, Any]], bool]) -> Score:
    free = list(found)
    tp = 0
    for g in gold:
        hit = next((f for f in free if same(f, g)), None)
        if hit is not None:
            free.remove(hit)
            tp += 1
    return Score(tp, len(found), len(gold))
