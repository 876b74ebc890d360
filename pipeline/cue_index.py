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

import itertools
import re
from collections.abc import Iterable, Iterator
from typing import Any

import numpy
from spacy.attrs import IDX, IS_SPACE, LEMMA, LENGTH, LOWER, ORTH, SENT_START
from spacy.strings import StringStore

from pipeline.nlp import Columns, token_columns

_ATTRS = {"LEMMA": LEMMA, "LOWER": LOWER, "ORTH": ORTH}
_REPEAT = re.compile(r"\{(\d*)(,?)(\d*)\}")

# One step of a phrase: the token attribute, the string hashes it may have, whether it may be left out.
_Step = tuple[int, frozenset[int], bool]


# The token attributes the indexes (and quotes, by sentence) read, as one numpy column each:
# those of a whole Doc are read once, with its parse.
columns = token_columns


# Below this many words a set is tested word by word: numpy.isin's own set-up costs more on
# the few hundred tokens of a short paper.
_FEW_WORDS = 16
# Up to this many words a lookup compares each with the column: past it, the table's six passes
# over the column cost less than two a word (15 words: less than half the time).
_FEW_TO_COMPARE = 3


def member(values: numpy.ndarray, words: numpy.ndarray) -> numpy.ndarray:
    """Per value, whether it is one of the words (numpy.isin, quicker for a few words)."""
    if len(words) > _FEW_WORDS or not len(words):
        return numpy.isin(values, words)
    found = values == words[0]
    for word in words[1:]:
        found |= values == word
    return found


def numbered(parts: list[list[numpy.ndarray]], block: int) -> numpy.ndarray:
    """Several groups' token positions in one array, group g's numbered g * block + token.

    Ascending when each group's positions are (and below `block`): one `searchsorted` then
    serves every group, a group's answers lying in its own block.
    """
    arrays = [a for group in parts for a in group]
    if not arrays:
        return _NOWHERE
    offsets = numpy.repeat(numpy.arange(len(parts)) * block, [sum(len(a) for a in group) for group in parts])
    return numpy.concatenate(arrays) + offsets


def sentences(column: Columns) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Per token, the first token of its sentence and the token after its last, as `Token.sent` has them."""
    # spaCy's rule: a sentence starts at the document's first token or where sent_start is 1
    # (-1, "not a start", reads as 2**64 - 1 in the unsigned column)
    is_start = column[SENT_START] == 1
    is_start[:1] = True
    starts = numpy.flatnonzero(is_start)
    bounds = numpy.append(starts, len(is_start))
    # each sentence's bounds repeated over its tokens: half the cost of numbering the tokens by
    # sentence and gathering
    lengths = numpy.diff(bounds)
    return numpy.repeat(starts, lengths), numpy.repeat(bounds[1:], lengths)


class WordLookup:
    """Which of some words each token holds, for every token of a column at once.

    spaCy's string hashes are uniform, so a few of their bits tell a few words apart: a small
    table over those bits names the one word a token may hold, and the word itself confirms
    it. On a long document that is a tenth of the cost of `numpy.searchsorted` or `isin` over
    the column (their binary search or sort runs per token). The table is kept as small as
    lets every word stand alone in it (a few kilobytes), as it is read cold after other stages'
    work. A word or two are compared one by one instead (`member`); words that no table of up to
    2**16 slots tells apart are looked up by `searchsorted`.
    """

    def __init__(self, words: Iterable[int]) -> None:
        self.words = numpy.array(sorted(set(words)), dtype=numpy.uint64)
        self._held = numpy.concatenate((numpy.zeros(1, dtype=numpy.uint64), self.words))  # by table entry
        self._number = numpy.arange(-1, len(self.words), dtype=numpy.intp)  # by table entry: the word's number
        self.shift: numpy.uint64 | None = None
        self.multiplier = numpy.uint64(0)
        # Table entries: a word's number + 1 (0, no word), as small as will hold them.
        self.table = numpy.zeros(0, dtype=numpy.uint8 if len(self.words) < 255 else numpy.uint16)
        for bits, multiplier in _TABLES:
            if 1 << bits < 2 * len(self.words):
                continue
            # multiplicative hashing: the top bits of the hash times an odd number
            shift = numpy.uint64(64 - bits)
            slots = (self.words * multiplier) >> shift
            if len(numpy.unique(slots)) == len(self.words):
                self.shift, self.multiplier = shift, multiplier
                self.table = numpy.zeros(1 << bits, dtype=self.table.dtype)
                self.table[slots] = numpy.arange(1, len(self.words) + 1)
                break

    def find(self, values: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
        """The positions of the values that are one of the words (ascending), and which word each is."""
        if not len(self.words):
            return _NOWHERE, _NOWHERE
        if len(self.words) <= _FEW_TO_COMPARE:  # a comparison or two cost less than the table
            where = numpy.flatnonzero(member(values, self.words))
            return where, numpy.searchsorted(self.words, values[where])
        if self.shift is None:
            word = numpy.searchsorted(self.words, values)
            numpy.minimum(word, len(self.words) - 1, out=word)
            where = numpy.flatnonzero(self.words[word] == values)
            return where, word[where]
        # The slots as intp (a view: they are below 2**16) read by `take`, and the filled ones
        # found in a boolean array: numpy's fancy indexing with uint64 and its nonzero of small
        # integers take their slow general paths (two to three times the cost).
        entry = self.table.take(((values * self.multiplier) >> self.shift).view(numpy.intp))
        where = (entry != 0).nonzero()[0]
        entry = entry[where]
        held = self._held[entry] == values[where]
        return where[held], self._number[entry[held]]


# Table sizes (bits) and odd multipliers to try, smallest table first; multiplying by an odd
# number wraps modulo 2**64 and loses nothing, and different multipliers mix different bits up.
_MULTIPLIERS = [
    numpy.uint64(m) for m in (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93)
]
_TABLES = [(bits, m) for bits in range(8, 17) for m in _MULTIPLIERS]


class WordSets:
    """Sets of words, each on one token attribute, found in a document in one pass per attribute.

    The words of every set on an attribute are looked up together (`WordLookup`); each set's
    positions are then read from the few tokens that hold one of them.
    """

    def __init__(self, strings: StringStore) -> None:
        self.strings = strings
        self.sets: list[tuple[int, set[int]]] = []  # (attribute, string hashes)
        self._by_attr: dict[int, tuple[WordLookup, list[list[int]], list[numpy.ndarray]]] | None = None

    def add(self, attr: int, words: Iterable[str | int]) -> int:
        """Record a set of words (strings or their hashes) on an attribute; its number."""
        self.sets.append((attr, set()))
        self.include(len(self.sets) - 1, words)
        return len(self.sets) - 1

    def include(self, number: int, words: Iterable[str | int]) -> None:
        """Add words to a set already recorded."""
        self.sets[number][1].update(self.strings.add(w) if isinstance(w, str) else w for w in words)
        self._by_attr = None

    def compile(self) -> None:
        """Build the look-up tables now (they are built on first use otherwise)."""
        self._attributes()

    def positions(self, column: Columns) -> list[numpy.ndarray]:
        """Per set, the positions (ascending) of the tokens whose attribute is one of its words."""
        found: list[numpy.ndarray] = [_NOWHERE] * len(self.sets)
        for attr, (lookup, numbers, within) in self._attributes().items():
            where, word = lookup.find(column[attr])
            for same, inside in zip(numbers, within, strict=True):
                positions = where[inside[word]]
                if len(same) > 1:
                    positions.flags.writeable = False  # one array for sets of the same words: read only
                for number in same:
                    found[number] = positions
        return found

    def _attributes(self) -> dict[int, tuple[WordLookup, list[list[int]], list[numpy.ndarray]]]:
        """Per attribute: a lookup of its sets' words; per distinct set of words, the numbers of the
        sets that hold them (rules repeat word lists: each is looked for once) and its mask over those words."""
        if self._by_attr is None:
            numbers: dict[int, dict[frozenset[int], list[int]]] = {}
            for number, (attr, words) in enumerate(self.sets):
                if words:
                    numbers.setdefault(attr, {}).setdefault(frozenset(words), []).append(number)
            self._by_attr = {}
            for attr, by_words in numbers.items():
                lookup = WordLookup(set().union(*by_words))
                within = [numpy.isin(lookup.words, numpy.fromiter(words, dtype=numpy.uint64)) for words in by_words]
                self._by_attr[attr] = (lookup, list(by_words.values()), within)
        return self._by_attr


_NOWHERE = numpy.empty(0, dtype=numpy.intp)


class PhraseIndex:
    """Phrase patterns of lemmas with optional line breaks, joiners and punctuation between them.

    A phrase is followed only from a token whose lemma and next lemma (or the one after a line
    break) are the phrase's first two, and from its second word on: most first words
    ("community", "plan") begin many phrases, and most phrases are two words.
    """

    def __init__(self, strings: StringStore) -> None:
        self.strings = strings
        self.by_first: dict[int, list[tuple[str, tuple[_Step, ...]]]] = {}
        self._phrases: list[tuple[str, tuple[_Step, ...]]] = []
        # per phrase, per step: the first step from it on that may not be left out (len(steps): none)
        self._required: list[tuple[int, ...]] = []
        # Phrase numbers by (first lemma, second lemma) and how far in the second word stands
        # (after a line break or not), and by first lemma for phrases whose second word does
        # not tell (one word, or a joiner next).
        self._by_pair: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self._open: dict[int, list[int]] = {}
        self._pairs: _PhrasePairs | None = None

    def add(self, label: str, pattern: list[dict[str, Any]]) -> bool:
        """Index a phrase pattern; False when it does not start with a lemma (left to the Matcher)."""
        steps = tuple(self._step(part) for part in pattern)
        if not steps or steps[0][0] != LEMMA or steps[0][2]:
            return False
        (first,) = steps[0][1]
        number = len(self._phrases)
        self._phrases.append((label, steps))
        self._required.append(tuple(_first_required(steps, i) for i in range(len(steps) + 1)))
        self.by_first.setdefault(first, []).append((label, steps))
        second = _second_word(steps)
        if second is None:
            self._open.setdefault(first, []).append(number)
        else:
            for lemma in steps[second][1]:
                self._by_pair.setdefault((first, lemma), []).append((number, second))
        self._pairs = None
        return True

    def _step(self, part: dict[str, Any]) -> _Step:
        optional = part.get("OP") == "?"
        if "IS_SPACE" in part:
            return IS_SPACE, frozenset({int(part["IS_SPACE"])}), optional
        attr = next(a for a in _ATTRS if a in part)
        value = part[attr]
        words = value["IN"] if isinstance(value, dict) else [value]
        return _ATTRS[attr], frozenset(self.strings.add(w) for w in words), optional

    def compile(self) -> _PhrasePairs:
        """Build the index of phrase starts now (it is built on first use otherwise)."""
        if self._pairs is None:
            self._pairs = _PhrasePairs(self._by_pair, self._open, [len(steps) for _, steps in self._phrases])
        return self._pairs

    def matches(self, column: Columns) -> list[tuple[str, int, int]]:
        """(label, start character, end character) of every phrase occurrence."""
        n = len(column[LEMMA])
        if not self._phrases or not n:
            return []
        pairs = self.compile()
        labels: list[str] = []
        first: list[int] = []
        last: list[int] = []
        for start, plan in pairs.starts(column):
            for number, rests, read in plan:
                label, steps = self._phrases[number]
                if read:  # every word read already (two-word phrases, mostly): it ends where it was followed to
                    for at in read:
                        labels.append(label)
                        first.append(start)
                        last.append(start + at - 1)
                    continue
                required = self._required[number]
                ends: list[int] = []
                for step, at in rests:
                    if step == len(steps):
                        ends.append(start + at)
                    else:
                        ends += _ends(column, steps, step, start + at, n, required[step])
                for end in dict.fromkeys(ends) if len(rests) > 1 else ends:
                    labels.append(label)
                    first.append(start)
                    last.append(end - 1)
        # the characters of every match read at once
        starts = column[IDX][first].tolist()
        ends = (column[IDX][last] + column[LENGTH][last]).tolist()
        return list(zip(labels, starts, ends, strict=True))


_THIS_AND_TWO_ON = numpy.arange(3)
# Up to this many tokens with a first lemma, the lemmas after them are read one by one.
_FEW_STARTS = 64
# Per phrase to follow from a token: its number, the (step, tokens on) pairs to follow it on
# from, and when each of them is past the phrase's last step, those tokens on (else empty).
_Plan = tuple[tuple[int, tuple[tuple[int, int], ...], tuple[int, ...]], ...]


class _PhrasePairs:
    """The tokens where phrases can start, found by their first two lemmas.

    The lemmas of phrases' first two words are numbered (`WordLookup`). A token may start
    phrases when it holds a first lemma and a lemma that comes second after it stands next
    (or past a line break), or its lemma begins a phrase whose second word does not tell;
    which phrases, and where to follow each on, is worked out once per triple of lemma
    numbers and kept. A lemma next that no phrase of the first has second counts as none, so
    the triples are few: a worker has met them all after a few papers.
    """

    def __init__(
        self, by_pair: dict[tuple[int, int], list[tuple[int, int]]], open_: dict[int, list[int]], lengths: list[int]
    ) -> None:
        self.lengths = lengths  # per phrase number, its steps
        self.lookup = WordLookup({w for pair in by_pair for w in pair} | set(open_))
        number = {int(w): i for i, w in enumerate(self.lookup.words)}
        self.by_pair = {(number[a], number[b]): phrases for (a, b), phrases in by_pair.items()}
        self.open = {number[a]: phrases for a, phrases in open_.items()}
        # Per lemma number, whether it begins a phrase, or an open phrase; per pair of them,
        # whether the second follows the first in a phrase, next or (where the phrase allows
        # one) past a line break. The last entry is read for -1, no lemma of a phrase.
        self.is_first, self.is_open = (numpy.zeros(len(number) + 1, dtype=bool) for _ in range(2))
        self.is_first[[a for a, _ in self.by_pair] + list(self.open)] = True
        self.is_open[list(self.open)] = True
        self.next_pairs = set(self.by_pair)
        self.break_pairs = {pair for pair, phrases in self.by_pair.items() if any(s == 2 for _, s in phrases)}
        self.is_next, self.is_past_break = (numpy.zeros((len(number) + 1,) * 2, dtype=bool) for _ in range(2))
        for table, pairs in ((self.is_next, self.next_pairs), (self.is_past_break, self.break_pairs)):
            table[tuple(numpy.array(sorted(pairs), dtype=numpy.intp).reshape(-1, 2).T)] = True
        self._plans: dict[tuple[int, int, int], _Plan] = {}

    def starts(self, column: Columns) -> Iterator[tuple[int, _Plan]]:
        """Per token where phrases start, the phrases (in the order added) and where to follow each on."""
        where, word = self.lookup.find(column[LEMMA])
        start = where[self.is_first[word]]
        if len(start) > _FEW_STARTS:
            rows = self._lemmas_after(column, where, word, start)
        else:
            rows = self._lemmas_after_few(column, where, word, start)
        for token, a, b, c in rows:
            plan = self._plans.get((a, b, c))
            if plan is None:
                plan = self._plans[a, b, c] = self._plan(a, b, c)
            if plan:
                yield token, plan

    def _lemmas_after(
        self, column: Columns, where: numpy.ndarray, word: numpy.ndarray, start: numpy.ndarray
    ) -> list[list[int]]:
        """Per start where a phrase can go on: [token, its lemma, the next, the one past a line break].

        The next lemmas are -1 where they follow the first in no phrase (or are none)."""
        n = len(column[LEMMA])
        # per token, the number of its lemma (-1: none), with two tokens of none past the end
        code = numpy.full(n + 2, -1, dtype=numpy.intp)
        code[where] = word
        lemmas = code[start[:, numpy.newaxis] + _THIS_AND_TWO_ON]
        lemmas[column[IS_SPACE][numpy.minimum(start + 1, n - 1)] != 1, 2] = -1
        first, next_, past_break = lemmas.T
        is_next, is_past_break = self.is_next[first, next_], self.is_past_break[first, past_break]
        keep = is_next | is_past_break | self.is_open[first]
        lemmas[~is_next, 1] = -1
        lemmas[~is_past_break, 2] = -1
        rows: list[list[int]] = numpy.column_stack((start, lemmas))[keep].tolist()
        return rows

    def _lemmas_after_few(
        self, column: Columns, where: numpy.ndarray, word: numpy.ndarray, start: numpy.ndarray
    ) -> list[list[int]]:
        """`_lemmas_after` for a few starts, read one by one: numpy's set-up would cost more."""
        n = len(column[LEMMA])
        number = dict(zip(where.tolist(), word.tolist(), strict=True))
        is_space = column[IS_SPACE]
        rows = []
        for token in start.tolist():
            next_ = number.get(token + 1, -1)
            past_break = number.get(token + 2, -1) if token + 1 < n and is_space.item(token + 1) == 1 else -1
            first = number[token]
            next_ = next_ if (first, next_) in self.next_pairs else -1
            past_break = past_break if (first, past_break) in self.break_pairs else -1
            if next_ >= 0 or past_break >= 0 or self.is_open[first]:
                rows.append([token, first, next_, past_break])
        return rows

    def _plan(self, first: int, next_: int, past_break: int) -> _Plan:
        """The phrases to follow from a token of lemma `first`, then `next_` (or a line break and `past_break`)."""
        rests: dict[int, list[tuple[int, int]]] = {number: [(1, 1)] for number in self.open.get(first, [])}
        for number, second in self.by_pair.get((first, next_), []):
            rests.setdefault(number, []).append((second + 1, 2))  # on past the second word, next
        for number, second in self.by_pair.get((first, past_break), []):
            if second == 2:  # the phrase allows a line break before its second word
                rests.setdefault(number, []).append((3, 3))
        plan = []
        for number, r in sorted(rests.items()):
            # the ways on are distinct (1, 2 or 3 tokens on): those past the last step need no dedup
            read = tuple(at for step, at in r) if all(step == self.lengths[number] for step, _ in r) else ()
            plan.append((number, tuple(r), read))
        return tuple(plan)


def _second_word(steps: tuple[_Step, ...]) -> int | None:
    """The step of a phrase's second word, when a line break at most stands before it and it is a lemma."""
    second = 2 if len(steps) > 2 and steps[1] == (IS_SPACE, frozenset({1}), True) else 1
    if second >= len(steps) or steps[second][0] != LEMMA or steps[second][2]:
        return None
    return second


def _ends(column: Columns, steps: tuple[_Step, ...], step: int, at: int, n: int, required: int) -> list[int]:
    """Every token position where the steps from `step` on can end, starting at token `at`.

    The positions reached are followed step by step, each once: an optional step keeps the
    positions it could skip as well as those it moves on. `required`: the first step from
    `step` on that may not be left out (`_first_required`).
    """
    if required < len(steps):
        # Most phrases followed this far stop at their next word: it must stand at `at` or past
        # the optional steps before it (one token each at most), else nothing is reached.
        attr, values, _ = steps[required]
        values_at = column[attr]
        for i in range(at, min(at + required - step + 1, n)):
            if values_at.item(i) in values:
                break
        else:
            return []
    reached = [at]
    for attr, values, optional in steps[step:]:
        values_at = column[attr]
        moved = [i + 1 for i in reached if i < n and values_at.item(i) in values]
        reached = list(dict.fromkeys(moved + reached)) if optional else moved
        if not reached:
            break
    return reached


def _joined(parts: list[numpy.ndarray]) -> numpy.ndarray:
    """The arrays one after the other (most are empty, or one: no copy then)."""
    filled = [p for p in parts if len(p)]
    if len(filled) > 1:
        return numpy.concatenate(filled)
    return filled[0] if filled else parts[0]


def _first_required(steps: tuple[_Step, ...], step: int) -> int:
    """The first step from `step` on that may not be left out (len(steps) when every one may)."""
    return next((i for i in range(step, len(steps)) if not steps[i][2]), len(steps))


class WordIndex:
    """One-token patterns on a single attribute: a token matches when its value is in the set."""

    def __init__(self, strings: StringStore, sets: WordSets | None = None) -> None:
        self.sets = WordSets(strings) if sets is None else sets
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

    def matches(self, column: Columns, where: list[numpy.ndarray] | None = None) -> list[tuple[str, int, int]]:
        """(label, start token, end token) of every matching token (`where`: the word sets' positions)."""
        if not self.words:
            return []
        where = self.sets.positions(column) if where is None else where
        return [(label, i, i + 1) for label, tokens in self.by_label(where) for i in tokens.tolist()]

    def by_label(self, where: list[numpy.ndarray]) -> list[tuple[str, numpy.ndarray]]:
        """Per label, the matching tokens, in the order `matches` gives them (`where`: the word sets' positions).

        A label's patterns were added together, so its tokens are those of its sets one after
        the other; a rule that looks around each token (a nearby word) then reads them at once.
        """
        grouped: list[tuple[str, list[numpy.ndarray]]] = []
        for label, number in self.words:
            if grouped and grouped[-1][0] == label:
                grouped[-1][1].append(where[number])
            else:
                grouped.append((label, [where[number]]))
        return [(label, _joined(parts)) for label, parts in grouped]


class Anchors:
    """Where token patterns can match: each pattern's first-token words and longest length.

    A start is kept only when the words the pattern's later steps must have (those that name
    words and may not be left out) stand within that length after it. A pattern whose last step
    must match a word ends on it: its stretch ends at the last such word within that length (the
    Matcher reads every token of a stretch, at a few microseconds a token).

    A pattern whose first token may be left out or repeated, names no word, or has no longest
    length makes every stretch a candidate (the whole document is searched).
    """

    def __init__(self, strings: StringStore, sets: WordSets | None = None) -> None:
        self.sets = WordSets(strings) if sets is None else sets
        # (first token's word set, longest length, the word sets later tokens must have, whether
        # the last of those is the pattern's last step)
        self.anchors: list[tuple[int, int, list[int], bool]] = []
        self.numbers: list[int] = []  # per anchor, the number of its pattern (in the order added)
        self.everywhere: list[int] = []  # the numbers of the patterns that can start anywhere
        self.count = 0

    def add(self, pattern: list[dict[str, Any]]) -> int:
        """Record where a pattern can start, how many tokens it can take at most, and the words it needs; its number."""
        self.count += 1
        first, length = _first_words(pattern[0]) if pattern else None, _longest(pattern)
        if first is None or length is None:
            self.everywhere.append(self.count - 1)
            return self.count - 1
        later = [w for w in map(_first_words, pattern[1:]) if w is not None]  # steps that must match once
        ends_on_word = len(pattern) > 1 and _first_words(pattern[-1]) is not None
        self.anchors.append((self.sets.add(*first), length, [self.sets.add(*w) for w in later], ends_on_word))
        self.numbers.append(self.count - 1)
        return self.count - 1

    def stretches(self, column: Columns, where: list[numpy.ndarray] | None = None) -> list[tuple[int, int]]:
        """Token ranges that hold every match of the patterns, merged where they overlap (`where`: as in WordSets)."""
        if self.everywhere:
            n = len(column[LEMMA])
            return [(0, n)] if n else []
        return _merged(self._reaches(column, where))

    def stretches_by_pattern(
        self, column: Columns, where: list[numpy.ndarray] | None = None
    ) -> dict[int, list[tuple[int, int]]]:
        """`stretches` of each pattern alone, by its number (those with none left out), in the order added.

        A Matcher of one pattern tries only that pattern at each token of its own stretches,
        where one of every pattern tries them all at each token of all of them."""
        by_pattern: dict[int, list[tuple[int, int, int]]] = {}
        for reach in self._reaches(column, where):
            by_pattern.setdefault(reach[2], []).append(reach)
        n = len(column[LEMMA])
        for number in self.everywhere:
            by_pattern[number] = [(0, n, number)] if n else []
        return {number: _merged(by_pattern[number]) for number in sorted(by_pattern) if by_pattern[number]}

    def _reaches(self, column: Columns, where: list[numpy.ndarray] | None) -> list[tuple[int, int, int]]:
        """(start, end, pattern number) of every start of an anchored pattern kept, as far as it can reach."""
        n = len(column[LEMMA])
        if not self.anchors:
            return []
        where = self.sets.positions(column) if where is None else where
        firsts = [where[first_set] for first_set, *_ in self.anchors]
        counts = [len(f) for f in firsts]
        if not any(counts):
            return []
        first = numpy.concatenate(firsts)
        ends = numpy.minimum(first + numpy.repeat([length for _, length, *_ in self.anchors], counts), n)
        pattern = numpy.repeat(self.numbers, counts)
        # A start is kept only when each word its pattern needs stands after it, within its length.
        # Every (pattern, needed word) check of every start at once: check c's needed words are
        # numbered apart from the others' (`numbered`), so two bisections answer them all.
        checks = [(p, needed) for p, (_, _, later, _) in enumerate(self.anchors) if counts[p] for needed in later]
        if checks:
            sizes = [counts[p] for p, _ in checks]
            begins = list(itertools.accumulate(counts, initial=0))  # where each pattern's starts are in `first`
            into = itertools.accumulate(sizes, initial=0)  # where each check's are among all checks'
            # per start a check reads, its place in `first`
            shift = [i - begins[p] for i, (p, _) in zip(into, checks, strict=False)]
            which = numpy.arange(sum(sizes)) - numpy.repeat(shift, sizes)
            block = n + 1
            base = numpy.repeat(numpy.arange(len(checks)) * block, sizes)
            needed = numbered([[where[word_set]] for _, word_set in checks], block)
            after = numpy.searchsorted(needed, base + first[which] + 1)
            within = numpy.searchsorted(needed, base + ends[which])
            kept = numpy.ones(len(first), dtype=bool)
            kept[which[within <= after]] = False
            # a pattern's last word (one check a start): the match ends on the last one in reach
            ends_there = [self.anchors[p][3] and word_set == self.anchors[p][2][-1] for p, word_set in checks]
            last = numpy.repeat(ends_there, sizes)
            last &= within > after
            ends[which[last]] = needed[within[last] - 1] - base[last] + 1
            first, ends, pattern = first[kept], ends[kept], pattern[kept]
        return list(zip(first.tolist(), ends.tolist(), pattern.tolist(), strict=True))


def _merged(reaches: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """The token ranges of some reaches (start, end, pattern), merged where they overlap, in order."""
    starts: dict[int, int] = {}
    for i, end, _ in reaches:
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
