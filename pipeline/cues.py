"""Cue rules as data: phrases matched on lemmas, token patterns, nearby words, fuzzy phrases.

A `Cues` block is the part of a rule file that says which wording shows something. It is
compiled once into a `CueMatcher` over the shared spaCy vocabulary and run on the document's
one parse; nothing here re-tokenises the document.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator
from rapidfuzz import fuzz
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from pipeline import nlp

# Hyphens, dashes and slashes inside a phrase are optional: "re-offending", "re offending".
_JOINERS = {"-", "–", "—", "/"}
FUZZY_SCORE = 87.0
# A phrase may wrap onto the next line of a PDF: "statutory\npartners".
_LINE_BREAK: dict[str, Any] = {"IS_SPACE": True, "OP": "*"}


class NearRule(BaseModel):
    """Two words within a few tokens of each other in one sentence, either order."""

    model_config = ConfigDict(extra="forbid")

    left: list[str] = Field(min_length=1)
    right: list[str] = Field(min_length=1)
    window: int = Field(5, ge=1, le=20)


class Cues(BaseModel):
    """The wording that shows something: see pipeline/data/statutory.json for examples."""

    model_config = ConfigDict(extra="forbid")

    phrases: list[str] = Field(default_factory=list)
    patterns: list[list[dict[str, Any]]] = Field(default_factory=list)
    near: list[NearRule] = Field(default_factory=list)
    fuzzy: list[str] = Field(default_factory=list, description="phrases also found when misspelt")

    @field_validator("patterns")
    @classmethod
    def _valid_patterns(cls, patterns: list[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
        if patterns:
            # spaCy validates token patterns when they are added; fail at load, not at match time.
            Matcher(nlp.english().vocab, validate=True).add("check", patterns)
        return patterns


@dataclass(frozen=True, slots=True)
class CueHit:
    """One place the wording was found: character range and the cue that matched."""

    start: int
    end: int
    cue: str
    method: str


def phrase_pattern(phrase: str) -> list[dict[str, Any]]:
    """A Matcher pattern for a phrase: each word on its lemma, joiners and line breaks optional."""
    pattern: list[dict[str, Any]] = []
    for lemma in nlp.lemmas(phrase):
        if pattern:
            pattern.append(_LINE_BREAK)
        if lemma in _JOINERS:
            pattern.append({"ORTH": {"IN": sorted(_JOINERS)}, "OP": "?"})
        elif not lemma.isalnum():
            pattern.append({"ORTH": lemma, "OP": "?"})
        else:
            pattern.append({"LEMMA": lemma})
    return pattern


def _lemma_set(words: list[str]) -> set[str]:
    return {lemma for w in words for lemma in nlp.lemmas(w)}


def _one_of(token: Token, words: set[str]) -> bool:
    return token.lemma_ in words or token.lower_ in words


class CueMatcher:
    """Compiled cues: `find(doc)` yields every hit in document order."""

    def __init__(self, cues: Cues) -> None:
        vocab = nlp.english().vocab
        self.matcher = Matcher(vocab)
        for phrase in cues.phrases:
            self.matcher.add(phrase, [phrase_pattern(phrase)])
        for i, pattern in enumerate(cues.patterns):
            self.matcher.add(f"pattern {i + 1}", [pattern])
        self.near = [(rule, _lemma_set(rule.left), _lemma_set(rule.right)) for rule in cues.near]
        self.fuzzy = [nlp.lemmas(phrase) for phrase in cues.fuzzy]

    def find(self, doc: Doc) -> list[CueHit]:
        """Every place in the document that shows the cues, ordered by position."""
        hits = list(self._phrases(doc)) + list(self._near(doc)) + list(self._fuzzy(doc))
        hits.sort(key=lambda h: (h.start, -h.end))
        return hits

    def _phrases(self, doc: Doc) -> Iterator[CueHit]:
        if not len(self.matcher):
            return
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            yield CueHit(span.start_char, span.end_char, doc.vocab.strings[match_id], "phrase")

    def _near(self, doc: Doc) -> Iterator[CueHit]:
        for rule, left, right in self.near:
            for token in doc:
                if not _one_of(token, left):
                    continue
                # Look only within the window, so long documents cost no more than a scan.
                lo, hi = max(token.i - rule.window, token.sent.start), min(token.i + rule.window + 1, token.sent.end)
                other = next((t for t in doc[lo:hi] if t.i != token.i and _one_of(t, right)), None)
                if other is not None:
                    a, b = sorted((token, other), key=lambda t: t.i)
                    yield CueHit(a.idx, b.idx + len(b), f"{token.lower_} ~ {other.lower_}", "near")

    def _fuzzy(self, doc: Doc) -> Iterator[CueHit]:
        words = [t for t in doc if t.is_alpha]
        for phrase in self.fuzzy:
            wanted, size = " ".join(phrase), len(phrase)
            for k in range(len(words) - size + 1):
                # An exact first word anchors the window; the rest may be misspelt.
                if words[k].lemma_ != phrase[0]:
                    continue
                window = words[k : k + size]
                if fuzz.ratio(" ".join(t.lemma_ for t in window), wanted) >= FUZZY_SCORE:
                    yield CueHit(window[0].idx, window[-1].idx + len(window[-1]), wanted, "fuzzy")
