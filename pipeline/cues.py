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
from spacy.attrs import IDX, LEMMA, LENGTH, LOWER, ORTH
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from pipeline import nlp
from pipeline.cue_index import Anchors, Columns, PhraseIndex, WordIndex, WordSets, columns, sentences

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
    Every word any of them looks for is found in one pass per token attribute (`WordSets`).
    """

    def __init__(self, cues: Cues | Mapping[str, Cues]) -> None:
        sets = {"": cues} if isinstance(cues, Cues) else dict(cues)
        self.keys = list(sets)
        vocab = nlp.english().vocab
        self.matcher = Matcher(vocab)
        self.sets = WordSets(vocab.strings)
        self.phrases = PhraseIndex(vocab.strings)
        self.anchors = Anchors(vocab.strings, self.sets)
        self.words = WordIndex(vocab.strings, self.sets)
        self.token_patterns: dict[str, list[list[dict[str, Any]]]] = {}  # what the Matcher holds
        self.near: dict[str, _NearWords] = {}
        self.fuzzy: dict[str, list[str]] = {}
        self._parts: dict[str, tuple[str, str, str]] = {}  # label: (key, method, cue)
        for key, c in sets.items():
            for phrase in c.phrases:
                if not self.phrases.add(self._label(key, "phrase", phrase), phrase_pattern(phrase)):
                    self._add(self._label(key, "phrase", phrase), [phrase_pattern(phrase)])
            for i, pattern in enumerate(c.patterns):
                self._add(self._label(key, "phrase", f"pattern {i + 1}"), [pattern])
            for i, rule in enumerate(c.near):
                label = self._label(key, "near", str(i))
                left, right = _lemma_set(rule.left), _lemma_set(rule.right)
                self.near[label] = _NearWords(rule, self.sets, right)
                self._add(label, [[{"LEMMA": {"IN": sorted(left)}}], [{"LOWER": {"IN": sorted(left)}}]])
            for i, phrase in enumerate(c.fuzzy):
                label = self._label(key, "fuzzy", str(i))
                self.fuzzy[label] = nlp.lemmas(phrase)
                self._add(label, [[{"LEMMA": self.fuzzy[label][0]}]])

    def _label(self, key: str, method: str, cue: str) -> str:
        label = _SEP.join((key, method, cue))
        self._parts[label] = (key, method, cue)
        return label

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
        where = self.sets.positions(tokens)
        around: _Around | None = None  # the whole document's tokens, for rules that look past a match
        for label, a, b in self.phrases.matches(tokens):
            if (label, a, b) not in seen:
                seen.add((label, a, b))
                key, _, cue = self._parts[label]
                found[key].append(CueHit(a, b, cue, "phrase"))
        idx, length = tokens[IDX], tokens[LENGTH]
        for label, start, end in self.token_matches(doc, tokens, where):
            key, method, cue = self._parts[label]
            if method == "phrase":
                hit: CueHit | None = CueHit(idx.item(start), idx.item(end - 1) + length.item(end - 1), cue, method)
            else:
                around = around or (_Around(tokens, where) if whole is doc else _Around(columns(whole)))
                rule = start + offset
                hit = around.near(self.near[label], rule) if method == "near" else around.fuzzy(self.fuzzy[label], rule)
            if hit is not None and (label, hit.start, hit.end) not in seen:
                seen.add((label, hit.start, hit.end))
                found[key].append(hit)
        for hits in found.values():
            hits.sort(key=lambda h: (h.start, -h.end))
        return found

    def token_matches(
        self, doc: Doc | Span, tokens: Columns, where: list[numpy.ndarray] | None = None
    ) -> list[tuple[str, int, int]]:
        """(label, start token, end token) of every token pattern, as the Matcher on `doc` gives them."""
        where = self.sets.positions(tokens) if where is None else where
        found = self.words.matches(tokens, where)
        # The Matcher runs only on the stretches where a pattern can start (same matches).
        for a, b in self.anchors.stretches(tokens, where) if len(self.matcher) else []:
            found += [(doc.vocab.strings[key], start + a, end + a) for key, start, end in self.matcher(doc[a:b])]
        return found


class _NearWords:
    """A nearby-word rule and the word sets that give its right-hand words."""

    def __init__(self, rule: NearRule, sets: WordSets, right: set[str]) -> None:
        self.rule = rule
        self.sets = sets
        self.right = (sets.add(LEMMA, right), sets.add(LOWER, right))
        self.unless = sets.add(LOWER, rule.unless_followed_by)


class _Around:
    """What nearby-word and fuzzy rules read around a match, from the token arrays of a whole document.

    No Token objects are made: a fuzzy window's words and the nearby words are read from the
    columns (`Token.is_alpha` is `str.isalpha` of the token's text).
    """

    def __init__(self, tokens: Columns, where: list[numpy.ndarray] | None = None) -> None:
        self.tokens = tokens
        self.where = where
        self.strings = nlp.english().vocab.strings
        self.sentence_start, self.sentence_end = sentences(self.tokens)
        self._others: dict[int, list[int]] = {}

    def _other_words(self, near: _NearWords) -> list[int]:
        """Where a right-hand word of the rule stands, not followed by a word that makes it a name."""
        key = id(near)
        if key not in self._others:
            if self.where is None:
                self.where = near.sets.positions(self.tokens)
            lemma, lower = (self.where[number].tolist() for number in near.right)
            unless = set(self.where[near.unless].tolist())
            self._others[key] = sorted(i for i in set(lemma).union(lower) if i + 1 not in unless)
        return self._others[key]

    def near(self, near: _NearWords, i: int) -> CueHit | None:
        """The hit of a rule whose left word stands at token i, if a right word is near it."""
        others = self._other_words(near)
        window = near.rule.window
        # Look only within the window and the sentence: long documents cost no more than a scan.
        lo = max(i - window, self.sentence_start.item(i))
        hi = min(i + window + 1, self.sentence_end.item(i))
        k = bisect.bisect_left(others, lo)
        while k < len(others) and others[k] == i:
            k += 1
        if k == len(others) or others[k] >= hi:
            return None
        j = others[k]
        a, b = (i, j) if i < j else (j, i)
        idx, length, lower = self.tokens[IDX], self.tokens[LENGTH], self.tokens[LOWER]
        cue = f"{self.strings[lower.item(i)]} ~ {self.strings[lower.item(j)]}"
        return CueHit(idx.item(a), idx.item(b) + length.item(b), cue, "near")

    def fuzzy(self, phrase: list[str], i: int) -> CueHit | None:
        """The hit of a fuzzy phrase whose first word stands at token i, if the words after it are near enough."""
        # An exact first word anchors the window; the rest may be misspelt.
        orth, lemma = self.tokens[ORTH], self.tokens[LEMMA]
        window = []  # the first words (alphabetic tokens) among the next 3 tokens a word
        for k in range(i, min(i + 3 * len(phrase), len(orth))):
            if self.strings[orth.item(k)].isalpha():
                window.append(k)
                if len(window) == len(phrase):
                    break
        else:
            return None
        wanted = " ".join(phrase)
        if fuzz.ratio(" ".join(self.strings[lemma.item(k)] for k in window), wanted) < FUZZY_SCORE:
            return None
        idx, length = self.tokens[IDX], self.tokens[LENGTH]
        return CueHit(idx.item(window[0]), idx.item(window[-1]) + length.item(window[-1]), wanted, "fuzzy")


_SEP = "\x1f"
