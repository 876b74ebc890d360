"""Target vocabulary (pipeline/data/target_terms.json), validated on load."""

from __future__ import annotations

import json
import re
from functools import cached_property, lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from pipeline.upfront import built_up_front

TERMS_FILE = Path(__file__).resolve().parent.parent / "data" / "target_terms.json"
Direction = str  # "reduce", "increase" or "maintain"


class TargetTerms(BaseModel):
    """Verbs and nouns of targets by direction, achieved-result markers, row labels, abbreviations."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    description: str = ""
    verbs: dict[str, list[str]]
    participles: dict[str, list[str]] = Field(default_factory=dict)
    nouns: dict[str, list[str]]
    # "to fewer than 160", "to at least 450": a ceiling (reduce) or floor (increase) after a verb
    level_words: dict[str, list[str]] = Field(default_factory=dict)
    # "No more than 60 first time entrants in 2016/17": a level that states a target on its own
    stated_levels: dict[str, list[str]] = Field(default_factory=dict)
    # "halve X by March 2014": a verb that states its amount (percent), "reduce" by 50
    implied_amounts: dict[str, float] = Field(default_factory=dict)
    achieved: list[str]
    row_labels: dict[str, list[str]]
    abbreviations: dict[str, str]
    metric_fillers: list[str]

    def direction_of(self, word: str, kind: str = "verbs") -> Direction | None:
        word = " ".join(word.lower().split())
        table = {
            "verbs": self.verbs,
            "nouns": self.nouns,
            "participles": self.participles,
            "level_words": self.level_words,
            "stated_levels": self.stated_levels,
        }[kind]
        return next((d for d, words in table.items() if word in words), None)

    @cached_property
    def verb_pattern(self) -> str:
        return _alternation([w for words in self.verbs.values() for w in words])

    @cached_property
    def level_verb_pattern(self) -> str:
        """The verbs of a level to hold ("maintain X at 25%"): those of the "maintain" direction."""
        return _alternation(self.verbs.get("maintain", []))

    @cached_property
    def participle_pattern(self) -> str:
        return _alternation([w for words in self.participles.values() for w in words])

    @cached_property
    def noun_pattern(self) -> str:
        return _alternation([w for words in self.nouns.values() for w in words])

    @cached_property
    def level_pattern(self) -> str:
        return _alternation([w for words in self.level_words.values() for w in words])

    @cached_property
    def stated_level_pattern(self) -> str:
        return _alternation([w for words in self.stated_levels.values() for w in words])

    def implied_amount(self, verb: str) -> float | None:
        """The percentage a verb states by itself ("halve": 50), else None."""
        return self.implied_amounts.get(verb.lower())

    @cached_property
    def achieved_pattern(self) -> re.Pattern[str]:
        return re.compile(rf"\b(?:{_alternation(self.achieved)})\b", re.I)

    @cached_property
    def _row_kinds(self) -> dict[str, str]:
        kinds: dict[str, str] = {}
        for kind, labels in self.row_labels.items():
            for label in labels:
                kinds.setdefault(label, kind)  # a label listed under two kinds keeps the first
        return kinds

    def row_kind(self, label: str) -> str | None:
        """ "target", "indicator" or "baseline" for the first cell of an action-plan row."""
        return self._row_kinds.get(" ".join(label.lower().rstrip(":-– ").split()))

    @cached_property
    def _abbreviation_patterns(self) -> list[tuple[str, re.Pattern[str], str]]:
        return [
            (short, re.compile(rf"\b{re.escape(short)}(?:'?s)?\b"), full) for short, full in self.abbreviations.items()
        ]

    @cached_property
    def _leading_fillers(self) -> re.Pattern[str]:
        return re.compile(rf"^(?:(?:{_alternation(self.metric_fillers)})\s+)+", re.I)

    def spell_out(self, metric: str) -> str:
        """A metric with abbreviations spelt out and fillers ("the number of") dropped."""
        for short, pattern, full in self._abbreviation_patterns:
            if short in metric:  # the pattern matches the abbreviation as written: most metrics have none
                metric = pattern.sub(full, metric)
        metric = self._leading_fillers.sub("", metric.strip())
        # "Theft from Motor Vehicle" and "theft from motor vehicle" are one measure; acronyms stay
        metric = _CAPITALISED_WORD.sub(_lower, metric)
        return " ".join(metric.split()).strip(" ,;:-–")


_CAPITALISED_WORD = re.compile(r"\b[A-Z][a-z]+\b")


def _lower(m: re.Match[str]) -> str:
    return m.group(0).lower()


def _alternation(words: list[str]) -> str:
    """The words as one alternation, longest first, behind a lookahead for their first letters."""
    if not words:
        return ""
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return f"{_first_letters(words)}(?:{alternatives})"


def _first_letters(words: list[str]) -> str:
    # A search tries a pattern at every position, and an alternation of words one word at a
    # time; the lookahead turns most positions away with one test. Matches are the same.
    firsts = {w[0] for w in words}
    if any(c.isspace() for c in firsts):
        return ""
    return "(?=[" + "".join(re.escape(c) for c in sorted(firsts)) + "])"


@built_up_front
@lru_cache(maxsize=1)
def load_terms(path: str | None = None) -> TargetTerms:
    """The target vocabulary, validated (the bundled file unless a path is given)."""
    return TargetTerms.model_validate(json.loads(Path(path or TERMS_FILE).read_text(encoding="utf-8")))
