"""Cue rules as data: phrases matched on lemmas, token patterns, nearby words, fuzzy phrases.

A `Cues` block is the part of a rule file that says which wording shows something. It is
compiled once into a `CueMatcher` over the shared spaCy vocabulary and run on the document's
one parse; nothing here re-tokenises the document.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy
from pydantic import BaseModel, ConfigDict, Field, field_validator
from rapidfuzz import fuzz
from spacy.attrs import IDX, LEMMA, LENGTH, LOWER
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from pipeline import nlp
from pipeline.cue_index import Anchors, Columns, PhraseIndex, WordIndex, columns, member, sentences

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
    # "community safety" names a service, not the people of a community.
    unless_followed_by: list[str] = Field(default_factory=list)


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


class CueMatcher:
    """Compiled cues, one set or several by key, found in one pass over the document.

    `find(doc)` gives the hits of a single set; `find_all(doc)` the hits of every key.
    Phrases are followed from their first lemma; token patterns run in a spaCy Matcher, only
    where their first word stands (pipeline/cue_index.py);
    nearby-word and fuzzy rules use the Matcher to find their first word, then look around it.
    """

    def __init__(self, cues: Cues | Mapping[str, Cues]) -> None:
        sets = {"": cues} if isinstance(cues, Cues) else dict(cues)
        self.keys = list(sets)
        vocab = nlp.english().vocab
        self.matcher = Matcher(vocab)
        self.phrases = PhraseIndex(vocab.strings)
        self.anchors = Anchors(vocab.strings)
        self.words = WordIndex(vocab.strings)
        self.token_patterns: dict[str, list[list[dict[str, Any]]]] = {}  # what the Matcher holds
        self.near: dict[str, tuple[NearRule, set[str], set[str]]] = {}
        self.fuzzy: dict[str, list[str]] = {}
        for key, c in sets.items():
            for phrase in c.phrases:
                if not self.phrases.add(_label(key, "phrase", phrase), phrase_pattern(phrase)):
                    self._add(_label(key, "phrase", phrase), [phrase_pattern(phrase)])
            for i, pattern in enumerate(c.patterns):
                self._add(_label(key, "phrase", f"pattern {i + 1}"), [pattern])
            for i, rule in enumerate(c.near):
                label = _label(key, "near", str(i))
                left, right = _lemma_set(rule.left), _lemma_set(rule.right)
                self.near[label] = (rule, left, right)
                self._add(label, [[{"LEMMA": {"IN": sorted(left)}}], [{"LOWER": {"IN": sorted(left)}}]])
            for i, phrase in enumerate(c.fuzzy):
                label = _label(key, "fuzzy", str(i))
                self.fuzzy[label] = nlp.lemmas(phrase)
                self._add(label, [[{"LEMMA": self.fuzzy[label][0]}]])

    def _add(self, label: str, patterns: list[list[dict[str, Any]]]) -> None:
        self.token_patterns[label] = patterns
        for pattern in patterns:
            if not self.words.add(label, pattern):
                self.matcher.add(label, [pattern])
                self.anchors.add(pattern)

    def find(self, doc: Doc | Span, tokens: Columns | None = None) -> list[CueHit]:
        """Every place in the document that shows the (single) cue set, ordered by position."""
        return self.find_all(doc, tokens).get(self.keys[0], []) if self.keys else []

    def find_all(self, doc: Doc | Span, tokens: Columns | None = None) -> dict[str, list[CueHit]]:
        """The hits of every cue set by key, each list ordered by position (`tokens`: the doc's columns, if read)."""
        found: dict[str, list[CueHit]] = {key: [] for key in self.keys}
        seen: set[tuple[str, int, int]] = set()
        whole = doc if isinstance(doc, Doc) else doc.doc
        offset = 0 if isinstance(doc, Doc) else doc.start
        tokens = columns(doc) if tokens is None else tokens
        nearby: _Nearby | None = None
        for label, a, b in self.phrases.matches(tokens):
            key, _, cue = label.split(_SEP)
            if (label, a, b) not in seen:
                seen.add((label, a, b))
                found[key].append(CueHit(a, b, cue, "phrase"))
        for label, start, end in self.token_matches(doc, tokens):
            key, method, cue = label.split(_SEP)
            if method == "near":
                nearby = nearby or _Nearby(whole, tokens if whole is doc else None)
                hit = nearby.hit(self.near[label], start + offset)
            else:
                hit = self._hit(whole, label, method, cue, start + offset, end + offset)
            if hit is not None and (label, hit.start, hit.end) not in seen:
                seen.add((label, hit.start, hit.end))
                found[key].append(hit)
        for hits in found.values():
            hits.sort(key=lambda h: (h.start, -h.end))
        return found

    def token_matches(self, doc: Doc | Span, tokens: Columns) -> list[tuple[str, int, int]]:
        """(label, start token, end token) of every token pattern, as the Matcher on `doc` gives them."""
        found = self.words.matches(tokens)
        # The Matcher runs only on the stretches where a pattern can start (same matches).
        for a, b in self.anchors.stretches(tokens) if len(self.matcher) else []:
            found += [(doc.vocab.strings[key], start + a, end + a) for key, start, end in self.matcher(doc[a:b])]
        return found

    def _hit(self, doc: Doc, label: str, method: str, cue: str, start: int, end: int) -> CueHit | None:
        if method == "phrase":
            span = doc[start:end]
            return CueHit(span.start_char, span.end_char, cue, "phrase")
        phrase = self.fuzzy[label]
        # An exact first word anchors the window; the rest may be misspelt.
        window = [t for t in doc[start : start + 3 * len(phrase)] if t.is_alpha][: len(phrase)]
        wanted = " ".join(phrase)
        if len(window) == len(phrase) and fuzz.ratio(" ".join(t.lemma_ for t in window), wanted) >= FUZZY_SCORE:
            return CueHit(window[0].idx, window[-1].idx + len(window[-1]), wanted, "fuzzy")
        return None


class _Nearby:
    """The nearby-word rules over the token arrays of a whole document (no Token objects made)."""

    def __init__(self, doc: Doc, tokens: Columns | None = None) -> None:
        self.tokens = columns(doc) if tokens is None else tokens
        self.strings = doc.vocab.strings
        self.sentence_start, self.sentence_end = sentences(self.tokens)
        self._others: dict[int, list[int]] = {}

    def _other_words(self, rule: tuple[NearRule, set[str], set[str]]) -> list[int]:
        """Where a right-hand word of the rule stands, not followed by a word that makes it a name."""
        key = id(rule)
        if key not in self._others:
            near, _, right = rule
            lemma, lower = self.tokens[LEMMA], self.tokens[LOWER]
            wanted = numpy.array([self.strings.add(w) for w in right], dtype=numpy.uint64)
            other = member(lemma, wanted) | member(lower, wanted)
            if near.unless_followed_by:
                unless = numpy.array([self.strings.add(w) for w in near.unless_followed_by], dtype=numpy.uint64)
                other[:-1] &= ~member(lower[1:], unless)
            self._others[key] = numpy.flatnonzero(other).tolist()
        return self._others[key]

    def hit(self, rule: tuple[NearRule, set[str], set[str]], i: int) -> CueHit | None:
        """The hit of a rule whose left word stands at token i, if a right word is near it."""
        others = self._other_words(rule)
        # Look only within the window and the sentence: long documents cost no more than a scan.
        lo = max(i - rule[0].window, int(self.sentence_start[i]))
        hi = min(i + rule[0].window + 1, int(self.sentence_end[i]))
        k = bisect.bisect_left(others, lo)
        while k < len(others) and others[k] == i:
            k += 1
        if k == len(others) or others[k] >= hi:
            return None
        j = others[k]
        a, b = sorted((i, j))
        idx, length, lower = self.tokens[IDX], self.tokens[LENGTH], self.tokens[LOWER]
        cue = f"{self.strings[int(lower[i])]} ~ {self.strings[int(lower[j])]}"
        return CueHit(int(idx[a]), int(idx[b] + length[b]), cue, "near")


_SEP = "\x1f"


def _label(key: str, method: str, cue: str) -> str:
    return _SEP.join((key, method, cue))
