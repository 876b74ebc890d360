"""Text comparison and one-to-one matching of gold items with extracted items.

Matching is an assignment problem. Every (gold, found) pair gets a similarity in [0, 1]; a
pair may match only when its similarity reaches the matcher's bar (1.0 strict, the fuzzy
threshold otherwise) and any other condition of the field holds (e.g. equal amounts for
funding). Among admissible pairs, the Hungarian algorithm (scipy's linear_sum_assignment)
picks the assignment with the most matches, then the highest total of similarity plus
half the field's agreement score (e.g. the same amount and deadline, which tells apart two
targets on one metric). Each gold item matches at most one found item and the reverse, so a duplicate in
the extraction is left over as an extra, and a gold item nobody reached is a miss.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

from rapidfuzz import fuzz

G = TypeVar("G")
F = TypeVar("F")

Mode = Literal["strict", "fuzzy"]
SCORERS: dict[str, Callable[..., float]] = {
    "ratio": fuzz.ratio,
    "token_sort_ratio": fuzz.token_sort_ratio,
    "token_set_ratio": fuzz.token_set_ratio,
    "partial_ratio": fuzz.partial_ratio,
    "WRatio": fuzz.WRatio,
}
DEFAULT_SCORER = "token_sort_ratio"
DEFAULT_THRESHOLD = 85.0

_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")
_QUOTES = dict.fromkeys(map(ord, "‘’‚‛′`"), "'") | dict.fromkeys(map(ord, "“”„‟″"), '"')
_SPACE = re.compile(r"\s+")
_BULLET = re.compile(r"^(?:[•*·▪◦>\-]+|\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)])\s+")
_END = re.compile(r"[\s.,;:!?]+$")


def normalise(text: str | None) -> str:
    """The form strict matching compares: NFKC, case-folded, one kind of dash and quote,
    single spaces, no bullet or list number in front and no trailing punctuation."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).translate(_DASHES).translate(_QUOTES).casefold()
    text = _SPACE.sub(" ", text).strip()
    return _END.sub("", _BULLET.sub("", text))


@dataclass(frozen=True, slots=True)
class TextMatcher:
    """Compares two texts in one mode: strict (equal once normalised) or fuzzy (a rapidfuzz
    scorer on the normalised texts reaching a threshold out of 100)."""

    mode: Mode = "fuzzy"
    scorer: str = DEFAULT_SCORER
    threshold: float = DEFAULT_THRESHOLD

    def __post_init__(self) -> None:
        if self.scorer not in SCORERS:
            raise ValueError(f"unknown scorer {self.scorer!r}: choose from {', '.join(SCORERS)}")
        if not 0 < self.threshold <= 100:
            raise ValueError("the fuzzy threshold is a score out of 100")

    @property
    def bar(self) -> float:
        """The least similarity (0..1) at which two texts count as the same."""
        return 1.0 if self.mode == "strict" else self.threshold / 100

    def similarity(self, a: str | None, b: str | None) -> float:
        """Similarity in [0, 1]; 1 when the normalised texts are equal."""
        na, nb = normalise(a), normalise(b)
        if not na or not nb:
            return 0.0
        if na == nb:
            return 1.0
        return min(SCORERS[self.scorer](na, nb) / 100, 0.999)

    def same(self, a: str | None, b: str | None) -> bool:
        """True when the texts match in this mode (two empty texts are the same)."""
        if not normalise(a) and not normalise(b):
            return True
        return self.similarity(a, b) >= self.bar

    def describe(self) -> str:
        """How texts are compared, in words, for reports."""
        if self.mode == "strict":
            return "equal after normalising case, spaces, dashes, quotes, bullets and end punctuation"
        return f"rapidfuzz {self.scorer} >= {self.threshold:g} on the normalised texts"


@dataclass(slots=True)
class Matching(Generic[G, F]):
    """The outcome of matching: pairs (gold index, found index, similarity), misses, extras."""

    pairs: list[tuple[int, int, float]] = field(default_factory=list)
    misses: list[int] = field(default_factory=list)
    extras: list[int] = field(default_factory=list)


def assign(
    gold: Sequence[G],
    found: Sequence[F],
    similarity: Callable[[G, F], float],
    bar: float,
    admissible: Callable[[G, F], bool] | None = None,
    tiebreak: Callable[[G, F], float] | None = None,
) -> Matching[G, F]:
    """Match gold items to found items one-to-one (see the module docstring)."""
    import numpy as np  # imported here: the CLI starts without numpy and scipy
    from scipy.optimize import linear_sum_assignment

    result: Matching[G, F] = Matching()
    if not gold or not found:
        result.misses, result.extras = list(range(len(gold))), list(range(len(found)))
        return result
    sims = np.array([[similarity(g, f) for f in found] for g in gold], dtype=float)
    ok = sims >= bar - 1e-9
    if admissible is not None:
        ok &= np.array([[admissible(g, f) for f in found] for g in gold], dtype=bool)
    # A match is worth more than any sum of similarities and tie-breaks, so the count of
    # matches comes first: k matches always outweigh k-1 matches with perfect scores.
    big = 2.0 * (min(len(gold), len(found)) + 1)
    weight = big + sims
    if tiebreak is not None:
        weight += 0.5 * np.array([[tiebreak(g, f) for f in found] for g in gold], dtype=float)
    weight[~ok] = 0.0
    rows, cols = linear_sum_assignment(weight, maximize=True)
    matched_g, matched_f = set(), set()
    for gi, fi in zip(rows.tolist(), cols.tolist(), strict=True):
        if ok[gi, fi]:
            result.pairs.append((gi, fi, float(sims[gi, fi])))
            matched_g.add(gi)
            matched_f.add(fi)
    result.pairs.sort()
    result.misses = [i for i in range(len(gold)) if i not in matched_g]
    result.extras = [i for i in range(len(found)) if i not in matched_f]
    return result


def nearest(text: str, candidates: Sequence[str], matcher: TextMatcher) -> tuple[str, float] | None:
    """The most similar candidate to a text and its similarity, to explain a miss."""
    best = max(((c, matcher.similarity(text, c)) for c in candidates), key=lambda x: x[1], default=None)
    return best if best and best[1] > 0 else None
