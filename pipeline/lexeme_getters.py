"""spaCy's lexeme attribute functions, walked so that a new plain word sets only the attributes it has.

When spaCy meets a word for the first time (`Vocab._new_lexeme`) it walks
`vocab.lex_attr_getters.items()`: it calls each of some twenty functions on the word, adds each
string value (lower case, norm, shape, prefix, suffix, language) to its string store, and sets
the value in the new lexeme. The lexeme starts zeroed, so a value that is False, 0, "" or None
sets nothing; yet most of a word's attributes are such (a plain word is not a digit, a space, a
URL ...), and adding a string costs as much as a call.

`AttributeGetters` is the same mapping of attribute to function for every reader (`[]`, `get`,
`keys`, writes such as spaCy's `add_flag`, pickling). Only its `items()` differs, for a reader
that calls the first function while walking the pairs, as spaCy's loop does: on an ASCII word
of letters (most words) that call works out all of the word's attributes at once, and the walk
goes on over those that set something, each function then giving the value to set, a string
as its hash, so that spaCy need not add it again. Any other word is walked as spaCy walks it.
tests/test_lexeme_getters.py compares every field of lexemes made with it and without it.

The walk in progress is kept on the mapping, so only the thread that made it walks this way; any
other thread (a Dask worker runs tasks in threads that share the process's pipeline) is given
spaCy's own walk.
"""

from __future__ import annotations

import functools
import threading
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

from spacy import attrs
from spacy.strings import StringStore, hash_string  # type: ignore[attr-defined]
from spacy.symbols import IDS as SYMBOLS
from spacy.vocab import Vocab

from pipeline import lexeme_attrs

Getter = Callable[[str], Any]
Pair = tuple[int, Getter]
# Strings (shapes, letters, endings) whose hashes are remembered, at most; about 100 bytes each.
KNOWN_LIMIT = 50_000
# The attribute walked first: its function is C's, and False for every word read in one go.
_FIRST = attrs.IS_SPACE


class AttributeGetters(dict[int, Getter]):
    """`vocab.lex_attr_getters`, walked by spaCy's `_new_lexeme` over only what a new plain word sets."""

    def __init__(self, getters: dict[int, Getter], strings: StringStore, in_zone: Callable[[], bool]) -> None:
        # the same pairs, the first one first (the order does not change what a lexeme gets)
        super().__init__(sorted(getters.items(), key=lambda pair: pair[0] != _FIRST))
        self.strings = strings
        self.in_zone = in_zone  # whether spaCy's strings are freed at the end of a memory zone
        self.known: dict[str, int] = {}  # strings in the store for good, and their hashes
        self._walks: list[Pair] | None = None  # the pairs as walked, worked out again after each change
        self._walk: list[Pair] = []  # the pairs the last walk goes over
        self._first: Getter = bool
        self._plain: _PlainWords | None = None
        self._owner = threading.get_ident()  # the one thread whose walks use the state above

    def items(self) -> Iterator[Pair]:  # type: ignore[override]
        """Every (attribute, function) pair; for spaCy's loop over a new plain word, only those that set something."""
        if threading.get_ident() != self._owner:
            return iter(list(super().items()))
        self._walk = list(self._walks if self._walks is not None else self._prepare())
        return iter(self._walk)

    def _prepare(self) -> list[Pair]:
        pairs = list(super().items())
        self._plain = None
        if pairs and pairs[0][0] == _FIRST:
            self._first = pairs[0][1]
            pairs[0] = (_FIRST, self._read_first)
            if not self.in_zone():  # the strings it keeps must stay: it waits for a time out of zones
                self._plain = _PlainWords.of(self, self.strings, self.known, self.hash_of)
        # inside a zone it is worked out again at the next walk
        self._walks = pairs if self._plain is not None or not self.in_zone() else None
        return pairs

    def _read_first(self, text: str) -> Any:
        """The first attribute's function; and if the word is plain, the rest of the walk made of what it sets."""
        value = self._first(text)
        if self._plain is not None and text.isascii() and text.isalpha():
            # spaCy's loop calls each function before it asks for the next pair: the rest is replaced in time
            walk = self._walk
            del walk[1:]
            self._plain.fill(text, walk)
        return value

    def hash_of(self, string: str) -> int:
        """A string's hash, added to the store as spaCy's loop adds it; remembered while it stays for good."""
        key: int = self.strings.add(string, allow_transient=True)  # type: ignore[call-arg]
        # inside a memory zone the string is freed with the zone's words: not remembered
        if len(self.known) < KNOWN_LIMIT and not self.in_zone():
            self.known[string] = key
        return key

    # every write may change the functions in use
    def __setitem__(self, attr: int, getter: Getter) -> None:
        super().__setitem__(attr, getter)
        self._walks = None

    def __delitem__(self, attr: int) -> None:
        super().__delitem__(attr)
        self._walks = None

    def update(self, *args: Any, **kwargs: Any) -> None:
        """dict.update."""
        super().update(*args, **kwargs)
        self._walks = None

    def setdefault(self, attr: int, getter: Getter | None = None) -> Getter:
        """dict.setdefault."""
        self._walks = None
        return super().setdefault(attr, getter)  # type: ignore[arg-type]

    def pop(self, attr: int, *default: Any) -> Any:
        """dict.pop."""
        self._walks = None
        return super().pop(attr, *default)

    def popitem(self) -> Pair:
        """dict.popitem."""
        self._walks = None
        return super().popitem()

    def clear(self) -> None:
        """dict.clear."""
        super().clear()
        self._walks = None

    def __ior__(self, other: Any) -> AttributeGetters:  # type: ignore[override,misc]
        self.update(other)
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        # pickled as the plain dictionary spaCy made
        return dict, (dict(super().items()),)


class _PlainWords:
    """The attributes an ASCII word of letters only ("Partnership") sets, worked out in one go.

    Used only where the vocabulary's functions are the English ones of pipeline/lexeme_attrs.py;
    what each gives such a word is written out here: it has no digit, space, "@" or ".", and its
    first character is a letter, which is neither punctuation nor currency.
    """

    def __init__(
        self, getters: dict[int, Getter], strings: StringStore, known: dict[str, int], hash_of: Callable[[str], int]
    ) -> None:
        self.norms: dict[str, str] = getters[attrs.NORM].table  # type: ignore[attr-defined]
        self.stops: frozenset[str] = getters[attrs.IS_STOP].stops  # type: ignore[attr-defined]
        # the language's string is kept for good, so that its hash always stands for it
        code = getters[attrs.LANG].code  # type: ignore[attr-defined]
        self.lang = strings.add(code, allow_transient=False)  # type: ignore[call-arg]
        self.known, self.hash_of = known, hash_of  # strings' hashes: those remembered, any other
        # the words of letters some mark function names ("``" and the like are not): usually none
        self.marks: dict[str, list[Pair]] = {}
        for attr in (attrs.IS_BRACKET, attrs.IS_QUOTE, attrs.IS_LEFT_PUNCT, attrs.IS_RIGHT_PUNCT):
            for mark in getters[attr].__self__:  # type: ignore[attr-defined]  # a frozenset's __contains__
                if mark.isascii() and mark.isalpha():
                    self.marks.setdefault(mark, []).append((attr, bool))
        # The string fields' values wait in a queue, in the order of their pairs; each pair's
        # function, called by spaCy's loop with the word, takes the next one (C calls only).
        self.queue: deque[int] = deque()
        give = functools.partial(next, iter(self.queue.popleft, None))
        # a value that is always True is given by `bool` (a word is never empty)
        fields = (attrs.LOWER, attrs.NORM, attrs.PREFIX, attrs.SUFFIX, attrs.SHAPE, attrs.LANG)
        self.pairs = [(attr, give) for attr in fields] + [(attrs.IS_ALPHA, bool), (attrs.IS_ASCII, bool)]
        self.lower, self.upper, self.title = [(attrs.IS_LOWER, bool)], [(attrs.IS_UPPER, bool)], (attrs.IS_TITLE, bool)
        self.stop, self.number = (attrs.IS_STOP, bool), (attrs.LIKE_NUM, bool)

    @classmethod
    def of(
        cls, getters: dict[int, Getter], strings: StringStore, known: dict[str, int], hash_of: Callable[[str], int]
    ) -> _PlainWords | None:
        """The quick reading of plain words, if the vocabulary uses the functions it is written for."""
        twins = {attr: twin for attr, (_, twin) in lexeme_attrs.TWINS.items()}
        own = {attrs.NORM: "table", attrs.IS_STOP: "stops", attrs.LANG: "code"}  # their data read here
        if set(getters) != set(twins) | set(own) or any(getters[a] is not twin for a, twin in twins.items()):
            return None
        if not all(hasattr(getters[attr], name) for attr, name in own.items()):
            return None
        return cls(getters, strings, known, hash_of)

    def fill(self, text: str, walk: list[Pair]) -> None:
        """Put the pairs of what the word sets in the walk, and their values in the queue."""
        known, hash_of = self.known, self.hash_of
        lower = text.lower()
        length = len(text)
        # the word's own hash, as the store gives it, where a value is the word itself
        word = SYMBOLS.get(text) or hash_string(text) if lower == text or length <= 3 else 0
        walk += self.pairs
        # the shape of a word is its letters marked "x" or "X", a run of one mark cut to four
        if lower == text:
            lower_hash = word
            shape = "xxxx" if length >= 4 else "x" * length
            walk += self.lower
        else:
            lower_hash = known.get(lower) or hash_of(lower)
            if text.isupper():
                shape = "XXXX" if length >= 4 else "X" * length
                walk += self.upper
            elif text.istitle():
                shape = "Xxxxx" if length >= 5 else "X" + "x" * (length - 1)
            else:
                shape = lexeme_attrs.word_shape(text)
            if text.istitle():
                walk.append(self.title)
        if length >= lexeme_attrs.LONG_WORD:
            shape = lexeme_attrs.word_shape(text)
        if lower in self.stops:
            walk.append(self.stop)
        if lower in lexeme_attrs.NUMBER_WORDS:
            walk.append(self.number)
        if text in self.marks:
            walk += self.marks[text]
        norm = self.norms.get(text)
        queue = self.queue
        queue.clear()  # nothing left from a walk that was not finished
        queue.extend(
            (
                lower_hash,
                lower_hash if norm is None or norm == lower else known.get(norm) or hash_of(norm),
                word if length == 1 else known.get(text[0]) or hash_of(text[0]),
                word if length <= 3 else known.get(text[-3:]) or hash_of(text[-3:]),
                known.get(shape) or hash_of(shape),
                self.lang,
            )
        )


def read_new_words_faster(vocab: Vocab) -> None:
    """Give a vocabulary attribute functions that set only what each new plain word has."""
    getters = vocab.lex_attr_getters  # type: ignore[attr-defined]
    in_zone = lambda: bool(vocab.in_memory_zone)  # type: ignore[attr-defined]  # noqa: E731
    vocab.lex_attr_getters = AttributeGetters(getters, vocab.strings, in_zone)  # type: ignore[attr-defined]
