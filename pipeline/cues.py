"""Cue rules as data: phrases matched on lemmas, token patterns, nearby words, fuzzy phrases.

A `Cues` block is the part of a rule file that says which wording shows something. It is
compiled once into a `CueMatcher` over the shared spaCy vocabulary and run on the document's
one parse; nothing here re-tokenises the document.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy
from pydantic import BaseModel, ConfigDict, Field, field_validator
from rapidfuzz import fuzz
from spacy.attrs import IDX, IS_SPACE, LEMMA, LENGTH, ORTH
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from pipeline import nlp

# Hyphens, dashes and slashes inside a phrase are optional: "re-offending", "re offending".
_JOINERS = {"-", "–", "—", "/"}
FUZZY_SCORE = 87.0
# A phrase may wrap onto the next line of a PDF: "statutory\npartners".
_LINE_BREAK: dict[str, Any] = {"IS_SPACE": True, "OP": "?"}


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


# One step of a phrase: the token attribute, the string hashes it may have, whether it may be left out.
_Step = tuple[int, frozenset[int], bool]


def _phrase_steps(phrase: str) -> tuple[_Step, ...]:
    """`phrase_pattern` as steps over token attribute hashes (the same tokens match)."""
    strings = nlp.english().vocab.strings
    steps: list[_Step] = []
    for part in phrase_pattern(phrase):
        if "IS_SPACE" in part:
            steps.append((IS_SPACE, frozenset({1}), True))
        elif "LEMMA" in part:
            steps.append((LEMMA, frozenset({strings.add(part["LEMMA"])}), False))
        else:
            orth = part["ORTH"]
            words = orth["IN"] if isinstance(orth, dict) else [orth]
            steps.append((ORTH, frozenset(strings.add(w) for w in words), True))
    return tuple(steps)


class _PhraseIndex:
    """Lemma phrases found by their first word's lemma in a numpy pass, then followed step by step.

    Equivalent to the spaCy Matcher on `phrase_pattern` (every start and end it would give), at a
    fraction of its cost: the Matcher tries every pattern at every token, this only where a
    phrase's first lemma stands.
    """

    _COLUMNS = (LEMMA, ORTH, IS_SPACE, IDX, LENGTH)

    def __init__(self) -> None:
        self.by_first: dict[int, list[tuple[str, tuple[_Step, ...]]]] = {}

    def add(self, label: str, phrase: str) -> bool:
        """Index a phrase; False when it does not start with a word (left to the Matcher)."""
        steps = _phrase_steps(phrase)
        if not steps or steps[0][0] != LEMMA:
            return False
        (first,) = steps[0][1]
        self.by_first.setdefault(first, []).append((label, steps))
        return True

    def matches(self, doc: Doc | Span) -> list[tuple[str, int, int]]:
        """(label, start character, end character) of every phrase occurrence."""
        if not self.by_first or not len(doc):
            return []
        table = doc.to_array(list(self._COLUMNS))
        column = {attr: table[:, i] for i, attr in enumerate(self._COLUMNS)}
        firsts = numpy.fromiter(self.by_first, dtype=numpy.uint64, count=len(self.by_first))
        found = []
        n = len(table)
        for start in numpy.flatnonzero(numpy.isin(column[LEMMA], firsts)).tolist():
            for label, steps in self.by_first[int(column[LEMMA][start])]:
                for end in dict.fromkeys(_ends(column, steps, 1, start + 1, n)):
                    found.append((label, int(column[IDX][start]), int(column[IDX][end - 1] + column[LENGTH][end - 1])))
        return found


def _ends(column: dict[int, Any], steps: tuple[_Step, ...], step: int, at: int, n: int) -> list[int]:
    """Every token position where the steps from `step` on can end, starting at token `at`."""
    if step == len(steps):
        return [at]
    attr, values, optional = steps[step]
    ends = _ends(column, steps, step + 1, at + 1, n) if at < n and int(column[attr][at]) in values else []
    if optional:
        ends += _ends(column, steps, step + 1, at, n)
    return ends


class CueMatcher:
    """Compiled cues, one set or several by key, found in one pass over the document.

    `find(doc)` gives the hits of a single set; `find_all(doc)` the hits of every key.
    Phrases are followed from their first lemma; token patterns run in a spaCy Matcher;
    nearby-word and fuzzy rules use the Matcher to find their first word, then look around it.
    """

    def __init__(self, cues: Cues | Mapping[str, Cues]) -> None:
        sets = {"": cues} if isinstance(cues, Cues) else dict(cues)
        self.keys = list(sets)
        self.matcher = Matcher(nlp.english().vocab)
        self.phrases = _PhraseIndex()
        self.near: dict[str, tuple[NearRule, set[str], set[str]]] = {}
        self.fuzzy: dict[str, list[str]] = {}
        for key, c in sets.items():
            for phrase in c.phrases:
                if not self.phrases.add(_label(key, "phrase", phrase), phrase):
                    self.matcher.add(_label(key, "phrase", phrase), [phrase_pattern(phrase)])
            for i, pattern in enumerate(c.patterns):
                self.matcher.add(_label(key, "phrase", f"pattern {i + 1}"), [pattern])
            for i, rule in enumerate(c.near):
                label = _label(key, "near", str(i))
                left, right = _lemma_set(rule.left), _lemma_set(rule.right)
                self.near[label] = (rule, left, right)
                self.matcher.add(label, [[{"LEMMA": {"IN": sorted(left)}}], [{"LOWER": {"IN": sorted(left)}}]])
            for i, phrase in enumerate(c.fuzzy):
                label = _label(key, "fuzzy", str(i))
                self.fuzzy[label] = nlp.lemmas(phrase)
                self.matcher.add(label, [[{"LEMMA": self.fuzzy[label][0]}]])

    def find(self, doc: Doc | Span) -> list[CueHit]:
        """Every place in the document that shows the (single) cue set, ordered by position."""
        return self.find_all(doc).get(self.keys[0], []) if self.keys else []

    def find_all(self, doc: Doc | Span) -> dict[str, list[CueHit]]:
        """The hits of every cue set by key, each list ordered by position."""
        found: dict[str, list[CueHit]] = {key: [] for key in self.keys}
        seen: set[tuple[str, int, int]] = set()
        whole = doc if isinstance(doc, Doc) else doc.doc
        offset = 0 if isinstance(doc, Doc) else doc.start
        for label, a, b in self.phrases.matches(doc):
            key, _, cue = label.split(_SEP)
            if (label, a, b) not in seen:
                seen.add((label, a, b))
                found[key].append(CueHit(a, b, cue, "phrase"))
        for match_id, start, end in self.matcher(doc) if len(self.matcher) else []:
            label = doc.vocab.strings[match_id]
            key, method, cue = label.split(_SEP)
            hit = self._hit(whole, label, method, cue, start + offset, end + offset)
            if hit is not None and (label, hit.start, hit.end) not in seen:
                seen.add((label, hit.start, hit.end))
                found[key].append(hit)
        for hits in found.values():
            hits.sort(key=lambda h: (h.start, -h.end))
        return found

    def _hit(self, doc: Doc, label: str, method: str, cue: str, start: int, end: int) -> CueHit | None:
        if method == "phrase":
            span = doc[start:end]
            return CueHit(span.start_char, span.end_char, cue, "phrase")
        if method == "near":
            rule, _, right = self.near[label]
            token = doc[start]
            # Look only within the window and the sentence: long documents cost no more than a scan.
            lo, hi = max(token.i - rule.window, token.sent.start), min(token.i + rule.window + 1, token.sent.end)
            other = next((t for t in doc[lo:hi] if t.i != token.i and _one_of(t, right)), None)
            if other is None:
                return None
            a, b = sorted((token, other), key=lambda t: t.i)
            return CueHit(a.idx, b.idx + len(b), f"{token.lower_} ~ {other.lower_}", "near")
        phrase = self.fuzzy[label]
        # An exact first word anchors the window; the rest may be misspelt.
        window = [t for t in doc[start : start + 3 * len(phrase)] if t.is_alpha][: len(phrase)]
        wanted = " ".join(phrase)
        if len(window) == len(phrase) and fuzz.ratio(" ".join(t.lemma_ for t in window), wanted) >= FUZZY_SCORE:
            return CueHit(window[0].idx, window[-1].idx + len(window[-1]), wanted, "fuzzy")
        return None


_SEP = "\x1f"


def _label(key: str, method: str, cue: str) -> str:
    return _SEP.join((key, method, cue))
