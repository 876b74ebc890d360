"""Cue rules as data: phrases matched on lemmas, token patterns, nearby words, fuzzy phrases.

A `Cues` block is the part of a rule file that says which wording shows something. It is
compiled once into a `CueMatcher` over the shared spaCy vocabulary and run on the document's
one parse; nothing here re-tokenises the document.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy
from pydantic import BaseModel, ConfigDict, Field, field_validator
from rapidfuzz import fuzz
from spacy.attrs import IDX, LEMMA, LENGTH, LOWER, ORTH
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from pipeline import nlp
from pipeline.cue_index import Anchors, Columns, PhraseIndex, WordIndex, WordSets, columns, numbered, sentences

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


class CueHit(NamedTuple):
    """One place the wording was found: character range and the cue that matched.

    A named tuple: a paper gives hundreds, and a frozen dataclass costs three times as much to make.
    """

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
    Phrases are followed from their first lemma; token patterns run each in its own spaCy Matcher, only
    where their first word stands (pipeline/cue_index.py);
    nearby-word and fuzzy rules use the Matcher to find their first word, then look around it.
    Every word any of them looks for is found in one pass per token attribute (`WordSets`).
    """

    def __init__(self, cues: Cues | Mapping[str, Cues]) -> None:
        sets = {"": cues} if isinstance(cues, Cues) else dict(cues)
        self.keys = list(sets)
        vocab = nlp.english().vocab
        # per token pattern the indexes leave to spaCy, by its number in `anchors`: its label and a
        # Matcher of it alone
        self.token_matchers: list[tuple[str, Matcher]] = []
        self.sets = WordSets(vocab.strings)
        self.phrases = PhraseIndex(vocab.strings)
        self.anchors = Anchors(vocab.strings, self.sets)
        self.words = WordIndex(vocab.strings, self.sets)
        self.token_patterns: dict[str, list[list[dict[str, Any]]]] = {}  # what the Matcher holds
        self.near: dict[str, _NearWords] = {}
        self.fuzzy: dict[str, list[str]] = {}
        self._parts: dict[str, tuple[str, str, str]] = {}  # label: (key, method, cue)
        for key, c in sets.items():
            for phrase in dict.fromkeys(c.phrases):  # a phrase listed twice is one label, found once
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
        # The indexes' tables are built with the matcher (up front in a worker), not on its first paper.
        self.sets.compile()
        self.phrases.compile()

    def _label(self, key: str, method: str, cue: str) -> str:
        label = _SEP.join((key, method, cue))
        self._parts[label] = (key, method, cue)
        return label

    def _add(self, label: str, patterns: list[list[dict[str, Any]]]) -> None:
        self.token_patterns[label] = patterns
        for pattern in patterns:
            if not self.words.add(label, pattern):
                matcher = Matcher(nlp.english().vocab)
                matcher.add(label, [pattern])
                self.token_matchers.append((label, matcher))
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
        # Each phrase occurrence comes once (labels are distinct, and no other rule has a phrase's label).
        for label, a, b in self.phrases.matches(tokens):
            key, _, cue = self._parts[label]
            found[key].append(CueHit(a, b, cue, "phrase"))
        idx, length = tokens[IDX], tokens[LENGTH]
        matches = self._token_matches_by_label(doc, tokens, where)
        around: _Around | None = None  # the whole document's tokens, for rules that look past a match
        if any(label in self.near for label, _, _ in matches):
            around = _Around(tokens, where) if whole is doc else _Around(columns(whole))
            # every nearby-word rule is looked up at once (the starts as tokens of the whole document)
            near = iter(around.near([(self.near[label], s + offset) for label, s, _ in matches if label in self.near]))
        for label, starts, ends in matches:
            key, method, cue = self._parts[label]
            hits: Sequence[CueHit | None]
            if method == "phrase":  # a few matches a label: read one by one
                hits = [
                    CueHit(idx.item(a), idx.item(b - 1) + length.item(b - 1), cue, method)
                    for a, b in zip(starts.tolist(), ends.tolist(), strict=True)
                ]
            elif method == "near":
                hits = next(near)
            else:
                around = around or (_Around(tokens, where) if whole is doc else _Around(columns(whole)))
                hits = around.fuzzy(self.fuzzy[label], starts + offset)
            for hit in hits:
                if hit is not None and (label, hit.start, hit.end) not in seen:
                    seen.add((label, hit.start, hit.end))
                    found[key].append(hit)
        for hits in found.values():
            if len(hits) > 1:
                sort_by_position(hits)
        return found

    def token_matches(
        self, doc: Doc | Span, tokens: Columns, where: list[numpy.ndarray] | None = None
    ) -> list[tuple[str, int, int]]:
        """(label, start token, end token) of every token pattern, as the Matcher on `doc` gives them."""
        return [
            (label, start, end)
            for label, starts, ends in self._token_matches_by_label(doc, tokens, where)
            for start, end in zip(starts.tolist(), ends.tolist(), strict=True)
        ]

    def _token_matches_by_label(
        self, doc: Doc | Span, tokens: Columns, where: list[numpy.ndarray] | None = None
    ) -> list[tuple[str, numpy.ndarray, numpy.ndarray]]:
        """`token_matches` as (label, start tokens, end tokens), a run of one label's matches at a time."""
        where = self.sets.positions(tokens) if where is None else where
        found = [(label, starts, starts + 1) for label, starts in self.words.by_label(where) if len(starts)]
        # Each pattern's Matcher runs only on the stretches where it can start (same matches).
        spans = [
            (label, start + a, end + a)
            for number, stretches in self.anchors.stretches_by_pattern(tokens, where).items()
            for label, matcher in self.token_matchers[number : number + 1]
            for a, b in stretches
            for _, start, end in matcher(doc[a:b])
        ]
        if spans:  # one array of each, a one-match slice of it a match
            starts, ends = numpy.array([[start, end] for _, start, end in spans], dtype=numpy.intp).T
            found += [(label, starts[i : i + 1], ends[i : i + 1]) for i, (label, _, _) in enumerate(spans)]
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

    def near(self, rules: list[tuple[_NearWords, numpy.ndarray]]) -> list[list[CueHit]]:
        """Per nearby-word rule and the tokens where its left words stand, the hits of those with a right word near.

        Each left word takes the first right word (other than itself, and not followed by a word
        that makes it a name) within the window and its sentence. Every rule is read at once, by
        bisection: rule r's tokens are numbered r * block + token, so the rules' right words lie
        in one ascending array, each rule's apart from the others'.
        """
        if not rules:
            return []
        where = self.where if self.where is not None else rules[0][0].sets.positions(self.tokens)
        block = len(self.tokens[LEMMA]) + 2  # past a token after the last (a right word's next)
        others = _sorted_once(numbered([[where[n] for n in near.right] for near, _ in rules], block))
        unless = numbered([[where[near.unless]] for near, _ in rules], block)
        if len(unless) and len(others):
            after = numpy.minimum(numpy.searchsorted(unless, others + 1), len(unless) - 1)
            others = others[unless[after] != others + 1]
        counts = [len(left) for _, left in rules]
        if not len(others):
            return [[] for _ in rules]
        left = numpy.concatenate([left for _, left in rules])
        rule = numpy.repeat(numpy.arange(len(rules)), counts)
        window = numpy.array([near.rule.window for near, _ in rules])[rule]
        base = rule * block
        lo = base + numpy.maximum(left - window, self.sentence_start[left])
        hi = base + numpy.minimum(left + window + 1, self.sentence_end[left])
        last = len(others) - 1
        k = numpy.searchsorted(others, lo)
        k += (k <= last) & (others[numpy.minimum(k, last)] == base + left)  # not the left word itself
        is_near = (k <= last) & (others[numpy.minimum(k, last)] < hi)
        i, j = left[is_near], others[k[is_near]] - base[is_near]
        a, b = numpy.minimum(i, j), numpy.maximum(i, j)
        idx, length, lower = self.tokens[IDX], self.tokens[LENGTH], self.tokens[LOWER]
        strings = self.strings
        hits = [
            CueHit(start, end, f"{strings[x]} ~ {strings[y]}", "near")
            for start, end, x, y in zip(
                idx[a].tolist(), (idx[b] + length[b]).tolist(), lower[i].tolist(), lower[j].tolist(), strict=True
            )
        ]
        # back to one list per rule
        bounds = numpy.searchsorted(rule[is_near], numpy.arange(len(rules) + 1)).tolist()
        return [hits[x:y] for x, y in itertools.pairwise(bounds)]

    def fuzzy(self, phrase: list[str], first: numpy.ndarray) -> list[CueHit | None]:
        """Per token where a fuzzy phrase's first word stands, its hit if the words after it are near enough."""
        # An exact first word anchors the window; the rest may be misspelt. (The columns and the
        # phrase are read once for every start: a paper has dozens of them.)
        orth, lemma, idx, length = (self.tokens[a] for a in (ORTH, LEMMA, IDX, LENGTH))
        strings, size, n = self.strings, len(phrase), len(orth)
        wanted = " ".join(phrase)
        hits: list[CueHit | None] = []
        for i in first.tolist():
            window = []  # the first words (alphabetic tokens) among the next 3 tokens a word
            for k in range(i, min(i + 3 * size, n)):
                if strings[orth.item(k)].isalpha():
                    window.append(k)
                    if len(window) == size:
                        break
            else:
                hits.append(None)
                continue
            if fuzz.ratio(" ".join(strings[lemma.item(k)] for k in window), wanted) < FUZZY_SCORE:
                hits.append(None)
                continue
            hits.append(CueHit(idx.item(window[0]), idx.item(window[-1]) + length.item(window[-1]), wanted, "fuzzy"))
        return hits


def sort_by_position(hits: list[CueHit]) -> None:
    """Sort hits by start, the longer first, hits of one range in the order found.

    The order `sort(key=lambda h: (h.start, -h.end))` gives, from two stable sorts on C keys,
    without a Python call per hit.
    """
    hits.sort(key=_END, reverse=True)
    hits.sort(key=_START)


def _sorted_once(values: numpy.ndarray) -> numpy.ndarray:
    """`numpy.unique` of a few hundred values, without its set-up (which costs five times the sort)."""
    values = numpy.sort(values)
    return values[numpy.concatenate(([True], values[1:] != values[:-1]))] if len(values) else values


_SEP = "\x1f"
_START, _END = operator.itemgetter(0), operator.itemgetter(1)  # of a CueHit
