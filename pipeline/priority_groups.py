"""Group near-identical priorities of different councils ("Reduce ASB" ~ "Tackling anti-social behaviour").

A wording is normalised first (rule data in `pipeline/data/priority_wording.json`):
abbreviations and spellings are expanded, words that only say what to do about a problem
("reduce", "tackle"), filler words and figures ("by 10% during 2010/2011") are dropped, the
rest is lemmatised. Normalised
wordings are then compared with rapidfuzz and joined (single link) above a threshold.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz, process

from pipeline import nlp
from pipeline.upfront import built_up_front

_WORD = re.compile(r"[a-z0-9&]+")
_CHUNK = 2000  # rows of the score matrix computed at once, to bound memory


class PriorityWording(BaseModel):
    """The rule data for normalising priority wordings."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int
    description: str = ""
    abbreviations: dict[str, str]
    action_words: frozenset[str]
    filler_words: frozenset[str]
    threshold: float = Field(ge=50, le=100)


@built_up_front
@lru_cache(maxsize=1)
def wording() -> PriorityWording:
    """The validated normalisation rules."""
    text = resources.files("pipeline").joinpath("data/priority_wording.json").read_text(encoding="utf-8")
    return PriorityWording.model_validate(json.loads(text))


def normalise(text: str, rules: PriorityWording | None = None) -> str:
    """The wording reduced to what it is about: "Tackling ASB" -> "anti social behaviour"."""
    rules = rules or wording()
    dropped = rules.action_words | rules.filler_words
    # Amounts, percentages and years say how much and by when: a target's business, not the priority's.
    words = [w for w in _WORD.findall(text.lower()) if not any(ch.isdigit() for ch in w)]
    expanded = " ".join(rules.abbreviations.get(w, w) for w in words)
    # Dropped words are filtered before lemmatising too: the lemma table reads "number" as "numb".
    lemmas = nlp.lemmas(" ".join(w for w in expanded.split() if w not in dropped))
    kept = [w for w in lemmas if _WORD.fullmatch(w) and w not in dropped]
    return " ".join(kept) or " ".join(words) or text.strip().lower()


def group_priorities(texts: Sequence[str], rules: PriorityWording | None = None) -> list[int]:
    """A group number per text (the index of the group's first text); near-identical texts share one."""
    rules = rules or wording()
    keys = [normalise(t, rules) for t in texts]
    parent = list(range(len(keys)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for start in range(0, len(keys), _CHUNK):
        scores = process.cdist(
            keys[start : start + _CHUNK], keys, scorer=fuzz.token_sort_ratio, score_cutoff=rules.threshold, workers=1
        )
        for offset, row in enumerate(scores):
            i = start + offset
            for j in row.nonzero()[0]:
                a, b = root(i), root(int(j))
                if a != b:
                    parent[max(a, b)] = min(a, b)
    return [root(i) for i in range(len(keys))]
