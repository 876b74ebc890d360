"""Exact, cheaper stand-ins for the spaCy Matcher, over the token arrays of one parse.

The Matcher tries every pattern at every token, and its `IN` sets are Python calls per token
and pattern. Here the tokens a pattern can start at are found first, in one numpy pass over
the document's lemma, lower-case and orth hashes:
- `PhraseIndex` follows lemma phrases (`cues.phrase_pattern`) from their first lemma;
- `WordIndex` finds one-word patterns ("any of these lemmas") directly;
- `Anchors` gives the stretches of a document where token patterns can match at all (from
  their first token to their longest length), so the Matcher runs only there.
Both give the very matches the Matcher gives on the whole document.
"""

from __future__ import annotations

import re
from typing import Any

import numpy
from spacy.attrs import IDX, IS_SPACE, LEMMA, LENGTH, LOWER, ORTH, SENT_START
from spacy.strings import StringStore
from spacy.tokens import Doc, Span

COLUMNS = (LEMMA, LOWER, ORTH, IS_SPACE, IDX, LENGTH, SENT_START)
_ATTRS = {"LEMMA": LEMMA, "LOWER": LOWER, "ORTH": ORTH}
_REPEAT = re.compile(r"\{(\d*)(,?)(\d*)\}")

Columns = dict[int, Any]
# One step of a phrase: the token attribute, the string hashes it may have, whether it may be left out.
_Step = tuple[int, frozenset[int], bool]


# Where a parse keeps its columns once read (spaCy's own per-Doc dict for derived data).
_COLUMNS_KEY = "councilplans.columns"


def columns(doc: Doc | Span) -> Columns:
    """The token attributes the indexes (and quotes, by sentence) read, as one numpy column each.

    `to_array` over a long document is not free (about 0.2 µs a token and attribute), and
    several stages read the same columns of the one parse: a whole Doc's are read once and
    kept with it, read-only.
    """
    if not isinstance(doc, Doc):
        return _read_columns(doc)
    kept: Columns | None = doc.user_data.get(_COLUMNS_KEY)
    if kept is None or len(kept[LEMMA]) != len(doc):
        kept = doc.user_data[_COLUMNS_KEY] = _read_columns(doc)
        for column in kept.values():
            column.flags.writeable = False
    return kept


def _read_columns(doc: Doc | Span) -> Columns:
    table = doc.to_array(list(COLUMNS))  # type: ignore[union-attr]  # Span.to_array exists; the stubs lack it
    return {attr: table[:, i] for i, attr in enumerate(COLUMNS)}


# Below this many words a set is tested word by word: numpy.isin's own set-up costs more on
# the few hundred tokens of a short paper.
_FEW_WORDS = 16


def member(values: numpy.ndarray, words: numpy.ndarray) -> numpy.ndarray:
    """Per value, whether it is one of the words (numpy.isin, quicker for a few words)."""
    if len(words) > _FEW_WORDS or not len(words):
        return numpy.isin(values, words)
    found = values == words[0]
    for word in words[1:]:
        found |= values == word
    return found


def sentences(column: Columns) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Per token, the first token of its sentence and the token after its last, as `Token.sent` has them."""
    # spaCy's rule: a sentence starts at the document's first token or where sent_start is 1
    is_start = column[SENT_START].astype(numpy.int64) == 1
    is_start[:1] = True
    starts = numpy.flatnonzero(is_start)
    sentence = numpy.cumsum(is_start) - 1
    return starts[sentence], numpy.append(starts[1:], len(is_start))[sentence]


class PhraseIndex:
    """Phrase patterns of lemmas with optional line breaks, joiners and punctuation between them."""

    def __init__(self, strings: StringStore) -> None:
        self.strings = strings
        self.by_first: dict[int, list[tuple[str, tuple[_Step, ...]]]] = {}
        # The lemmas that can come second in a phrase (after at most one line break), and the
        # first lemmas of phrases whose second word does not tell (one word, or a joiner).
        self.seconds: set[int] = set()
        self.open_firsts: set[int] = set()

    def add(self, label: str, pattern: list[dict[str, Any]]) -> bool:
        """Index a phrase pattern; False when it does not start with a lemma (left to the Matcher)."""
        steps = tuple(self._step(part) for part in pattern)
        if not steps or steps[0][0] != LEMMA or steps[0][2]:
            return False
        (first,) = steps[0][1]
        second = _second_lemmas(steps)
        if second is None:
            self.open_firsts.add(first)
        else:
            self.seconds.update(second)
        self.by_first.setdefault(first, []).append((label, steps))
        return True

    def _step(self, part: dict[str, Any]) -> _Step:
        optional = part.get("OP") == "?"
        if "IS_SPACE" in part:
            return IS_SPACE, frozenset({int(part["IS_SPACE"])}), optional
        attr = next(a for a in _ATTRS if a in part)
        value = part[attr]
        words = value["IN"] if isinstance(value, dict) else [value]
        return _ATTRS[attr], frozenset(self.strings.add(w) for w in words), optional

    def matches(self, column: Columns) -> list[tuple[str, int, int]]:
        """(label, start character, end character) of every phrase occurrence."""
        n = len(column[LEMMA])
        if not self.by_first or not n:
            return []
        firsts = numpy.fromiter(self.by_first, dtype=numpy.uint64, count=len(self.by_first))
        found = []
        for start in self._starts(column, member(column[LEMMA], firsts)).tolist():
            for label, steps in self.by_first[int(column[LEMMA][start])]:
                for end in dict.fromkeys(_ends(column, steps, 1, start + 1, n)):
                    found.append((label, int(column[IDX][start]), int(column[IDX][end - 1] + column[LENGTH][end - 1])))
        return found

    def _starts(self, column: Columns, first: numpy.ndarray) -> numpy.ndarray:
        """The tokens with a first lemma where a phrase can go on: a second lemma follows, or need not."""
        lemma = column[LEMMA]
        if not self.seconds:
            return numpy.flatnonzero(first)
        seconds = numpy.fromiter(self.seconds, dtype=numpy.uint64, count=len(self.seconds))
        # the lemma one token on, and two on past a line break (0, no lemma, at the end)
        nxt = numpy.zeros(len(lemma) + 2, dtype=numpy.uint64)
        nxt[: len(lemma)] = lemma
        is_second = member(nxt, seconds)
        is_space = numpy.zeros(len(lemma) + 1, dtype=bool)
        is_space[: len(lemma)] = column[IS_SPACE] == 1
        goes_on = is_second[1:-1] | (is_space[1:] & is_second[2:])
        if self.open_firsts:
            opens = numpy.fromiter(self.open_firsts, dtype=numpy.uint64, count=len(self.open_firsts))
            goes_on |= member(lemma, opens)
        return numpy.flatnonzero(first & goes_on)


def _second_lemmas(steps: tuple[_Step, ...]) -> frozenset[int] | None:
    """The lemmas a phrase's second word may have, when a line break at most stands before it."""
    rest = steps[2:] if len(steps) > 2 and steps[1] == (IS_SPACE, frozenset({1}), True) else steps[1:]
    if not rest or rest[0][0] != LEMMA or rest[0][2]:
        return None
    return rest[0][1]


def _ends(column: Columns, steps: tuple[_Step, ...], step: int, at: int, n: int) -> list[int]:
    """Every token position where the steps from `step` on can end, starting at token `at`."""
    if step == len(steps):
        return [at]
    attr, values, optional = steps[step]
    ends = _ends(column, steps, step + 1, at + 1, n) if at < n and int(column[attr][at]) in values else []
    if optional:
        ends += _ends(column, steps, step + 1, at, n)
    return ends


class WordSets:
    """Sets of words, each on one token attribute, found in a document in one scan per attribute.

    Each set's positions come from the few tokens that hold a word of any set on that
    attribute, not from a scan of the whole column per set.
    """

    def __init__(self, strings: StringStore) -> None:
        self.strings = strings
        self.sets: list[tuple[int, numpy.ndarray]] = []  # (attribute, hashes)
        self._by_attr: dict[int, tuple[numpy.ndarray, list[int]]] | None = None

    def add(self, attr: int, words: list[str]) -> int:
        """Record a set of words on an attribute; its number."""
        self.sets.append((attr, numpy.array([self.strings.add(w) for w in words], dtype=numpy.uint64)))
        self._by_attr = None
        return len(self.sets) - 1

    def positions(self, column: Columns) -> list[numpy.ndarray]:
        """Per set, the positions (ascending) of the tokens whose attribute is one of its words."""
        found: list[numpy.ndarray] = [numpy.empty(0, dtype=numpy.intp)] * len(self.sets)
        for attr, (union, numbers) in self._attributes().items():
            where = numpy.flatnonzero(member(column[attr], union))
            values = column[attr][where]
            for number in numbers:
                found[number] = where[member(values, self.sets[number][1])]
        return found

    def _attributes(self) -> dict[int, tuple[numpy.ndarray, list[int]]]:
        """Per attribute, every word of its sets and the sets' numbers."""
        if self._by_attr is None:
            numbers: dict[int, list[int]] = {}
            for number, (attr, _) in enumerate(self.sets):
                numbers.setdefault(attr, []).append(number)
            self._by_attr = {
                attr: (numpy.unique(numpy.concatenate([self.sets[i][1] for i in ns])), ns)
                for attr, ns in numbers.items()
            }
        return self._by_attr


class WordIndex:
    """One-token patterns on a single attribute: a token matches when its value is in the set."""

    def __init__(self, strings: StringStore) -> None:
        self.sets = WordSets(strings)
        self.words: list[tuple[str, int]] = []  # (label, number of its set)

    def add(self, label: str, pattern: list[dict[str, Any]]) -> bool:
        """Index a one-token pattern; False when it is anything else (left to the Matcher)."""
        if len(pattern) != 1 or len(pattern[0]) != 1:
            return False
        first = _first_words(pattern[0])
        if first is None:
            return False
        self.words.append((label, self.sets.add(*first)))
        return True

    def matches(self, column: Columns) -> list[tuple[str, int, int]]:
        """(label, start token, end token) of every matching token."""
        if not self.words:
            return []
        where = self.sets.positions(column)
        return [(label, i, i + 1) for label, number in self.words for i in where[number].tolist()]


class Anchors:
    """Where token patterns can match: each pattern's first-token words and longest length.

    A start is kept only when the words the pattern's later steps must have (those that name
    words and may not be left out) stand within that length after it.

    A pattern whose first token may be left out or repeated, names no word, or has no longest
    length makes every stretch a candidate (the whole document is searched).
    """

    def __init__(self, strings: StringStore) -> None:
        self.sets = WordSets(strings)
        # (first token's word set, longest length, the word sets later tokens must have)
        self.anchors: list[tuple[int, int, list[int]]] = []
        self.everywhere = False

    def add(self, pattern: list[dict[str, Any]]) -> None:
        """Record where a pattern can start, how many tokens it can take at most, and the words it needs."""
        first, length = _first_words(pattern[0]) if pattern else None, _longest(pattern)
        if first is None or length is None:
            self.everywhere = True
            return
        later = [w for w in map(_first_words, pattern[1:]) if w is not None]  # steps that must match once
        self.anchors.append((self.sets.add(*first), length, [self.sets.add(*w) for w in later]))

    def stretches(self, column: Columns) -> list[tuple[int, int]]:
        """Token ranges that hold every match of the patterns (merged where they overlap)."""
        n = len(column[LEMMA])
        if self.everywhere:
            return [(0, n)] if n else []
        where = self.sets.positions(column) if self.anchors else []
        starts: dict[int, int] = {}
        for first_set, length, later in self.anchors:
            first = where[first_set]
            ends = numpy.minimum(first + length, n)
            for later_set in later:
                # a start is kept only when each word the pattern needs stands after it, within its length
                needed = where[later_set]
                keep = numpy.searchsorted(needed, ends) > numpy.searchsorted(needed, first + 1)
                first, ends = first[keep], ends[keep]
            for i, end in zip(first.tolist(), ends.tolist(), strict=True):
                starts[i] = max(starts.get(i, 0), end)
        merged: list[tuple[int, int]] = []
        for start in sorted(starts):
            end = starts[start]
            if merged and start < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return merged


def _first_words(spec: dict[str, Any]) -> tuple[int, list[str]] | None:
    """The attribute and words the first token must have (a superset test is enough), if any."""
    if "OP" in spec:
        return None
    for name, attr in _ATTRS.items():
        value = spec.get(name)
        if isinstance(value, str):
            return attr, [value]
        if isinstance(value, dict) and set(value) == {"IN"}:
            return attr, list(value["IN"])
    return None


def _longest(pattern: list[dict[str, Any]]) -> int | None:
    """The most tokens a pattern can match, None when unbounded (or an operator not read here)."""
    total = 0
    for spec in pattern:
        op = spec.get("OP")
        if op is None or op == "?":
            total += 1
            continue
        repeat = _REPEAT.fullmatch(op) if isinstance(op, str) else None
        if repeat is None:
            return None
        low, comma, high = repeat.groups()
        most = high or ("" if comma else low)
        if not most:
            return None
        total += int(most)
    return total
