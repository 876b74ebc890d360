"""Faster equivalents of the four searches spaCy's tokenizer runs on a word it has not met.

On a new word spaCy's tokenizer runs its prefix, suffix, infix and URL patterns, each an
alternation of many rules, several times over; Python's `re` tries every rule at every
position. Most words can be seen at a glance to match none of them, from the characters a
match must begin with, end with or hold:
- prefix: every rule starts at the start of the word ("^"), so the first character of the
  word must be one a rule can begin with;
- suffix: every rule ends at the end of the word ("$"), so only the rules that can end with
  the word's last character can match, and those only within their greatest width of the end;
- infix: a rule takes at least one character, and a word without any character a rule can
  begin with holds no infix;
- URL: every match holds a character of some small set (a dot), which the word must hold.
Each search is then run as before, on the rules that can match, so it finds the same match.
What a rule can begin with, end with or hold is read from the pattern itself (`re`'s own
parser); a pattern with a construct not understood here keeps spaCy's search as it is.
tests/test_affix_search.py compares them with spaCy's on the corpus words and on made-up ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pipeline.regex_parser import constants as c
from pipeline.regex_parser import sre_parse

Search = Callable[..., "re.Match[str] | None"]
FindAll = Callable[[str], Iterable["re.Match[str]"]]

_UNBOUNDED = c.MAXREPEAT
_ZERO_WIDTH = {c.AT, c.ASSERT, c.ASSERT_NOT}
_REPEATS = {c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)}
_ATOMIC = getattr(c, "ATOMIC_GROUP", c.SUBPATTERN)
# a character class larger than this is no use as a quick test (and costly to spell out)
_LARGEST_CLASS = 10_000
_REFUSED_FLAGS = re.IGNORECASE | re.MULTILINE | re.VERBOSE


@dataclass(frozen=True)
class Shape:
    """What a pattern's matches are made of: the characters one can begin and end with, a set
    of characters every match holds one of (None where unknown), and whether it may be empty."""

    first: frozenset[str] | None
    last: frozenset[str] | None
    holds: frozenset[str] | None
    may_be_empty: bool


_EMPTY = Shape(frozenset(), frozenset(), None, True)
_UNKNOWN = Shape(None, None, None, True)


def faster_prefix_search(search: Search) -> Search:
    """spaCy's prefix search (a compiled pattern's `search`), skipped on a word no rule can start."""
    pattern = _pattern_of(search)
    if pattern is None:
        return search
    items = sre_parse.parse(pattern.pattern, pattern.flags).data
    shape = _shape(items)
    if shape.first is None or shape.may_be_empty or not _anchored_at_start(items):
        return search
    first = shape.first

    def prefix_search(text: str) -> re.Match[str] | None:
        return search(text) if text[:1] in first else None

    return prefix_search


def faster_suffix_search(search: Search) -> Search:
    """spaCy's suffix search (a compiled pattern's `search`), on the rules that can end the word."""
    pattern = _pattern_of(search)
    rules = _rules(pattern) if pattern is not None else None
    if pattern is None or rules is None:
        return search
    parsed = [sre_parse.parse(rule, pattern.flags) for rule in rules]
    shapes = [_shape(p.data) for p in parsed]
    if any(s.last is None or s.may_be_empty for s in shapes) or not all(_anchored_at_end(p.data) for p in parsed):
        return search
    # the rules each last character can end, in their order: the same match, sooner
    ending: dict[str, list[int]] = {}
    for i, shape in enumerate(shapes):
        for char in shape.last or ():
            ending.setdefault(char, []).append(i)
    searches: dict[tuple[int, ...], _EndSearch] = {}
    try:
        for which in map(tuple, ending.values()):
            if which not in searches:
                searches[which] = _EndSearch.of([rules[i] for i in which], [parsed[i] for i in which], pattern.flags)
    except re.error:  # a rule that cannot stand apart from the first (a flag written inline)
        return search
    by_last = {char: searches[tuple(which)] for char, which in ending.items()}

    def suffix_search(text: str) -> re.Match[str] | None:
        if not text or text[-1] == "\n":  # "$" also matches before a final line break
            return search(text)
        found = by_last.get(text[-1])
        return found(text) if found is not None else None

    return suffix_search


@dataclass(frozen=True)
class _EndSearch:
    """Rules that all end at the end of a word ("$"), searched from where the first can start."""

    search: Search
    reach: int  # the greatest width of the rules of bounded width
    unbounded: Search | None  # the rules of unbounded width, looked for first

    @classmethod
    def of(cls, rules: list[str], parsed: list[Any], flags: int) -> _EndSearch:
        widths = [p.getwidth()[1] for p in parsed]
        unbounded = [r for r, w in zip(rules, widths, strict=True) if w >= _UNBOUNDED]
        bounded = [w for w in widths if w < _UNBOUNDED]
        return cls(
            search=re.compile("|".join(rules), flags).search,
            reach=max(bounded, default=0),
            unbounded=re.compile("|".join(unbounded), flags).search if unbounded else None,
        )

    def __call__(self, text: str) -> re.Match[str] | None:
        start = len(text) - self.reach
        if start <= 0 or not self.reach:
            return self.search(text)
        if self.unbounded is not None:
            early = self.unbounded(text)
            if early is not None and early.start() < start:
                return self.search(text)
        return self.search(text, start)


def faster_infix_finditer(finditer: FindAll) -> FindAll:
    """spaCy's infix search (a compiled pattern's `finditer`), skipped on a word that cannot hold one."""
    pattern = _pattern_of(finditer)
    if pattern is None:
        return finditer
    shape = _shape(sre_parse.parse(pattern.pattern, pattern.flags).data)
    if shape.first is None or shape.may_be_empty:
        return finditer
    first = shape.first
    none: tuple[re.Match[str], ...] = ()

    def infix_finditer(text: str) -> Iterable[re.Match[str]]:
        return none if first.isdisjoint(text) else finditer(text)

    return infix_finditer


def faster_url_match(match: Search | None) -> Search | None:
    """spaCy's URL match (a compiled pattern's `match`), skipped on a word without a character every URL holds."""
    pattern = _pattern_of(match)
    if match is None or pattern is None:
        return match
    holds = _shape(sre_parse.parse(pattern.pattern, pattern.flags).data).holds
    if not holds:
        return match

    def url_match(text: str) -> re.Match[str] | None:
        return None if holds.isdisjoint(text) else match(text)

    return url_match


def _pattern_of(method: Any) -> re.Pattern[str] | None:
    pattern = getattr(method, "__self__", None)
    if not isinstance(pattern, re.Pattern) or not isinstance(pattern.pattern, str):
        return None
    return None if pattern.flags & _REFUSED_FLAGS else pattern


def _rules(pattern: re.Pattern[str]) -> list[str] | None:
    """The top-level alternatives of a pattern, each a pattern of its own (None if unsure)."""
    rules = list(_split_alternatives(pattern.pattern))
    try:
        for rule in rules:
            re.compile(rule, pattern.flags)
    except re.error:
        return None
    # the parser keeps the alternatives as they are written when none share a first item
    items = sre_parse.parse(pattern.pattern, pattern.flags).data
    count = len(items[0][1][1]) if len(items) == 1 and items[0][0] is c.BRANCH else 1
    return rules if count == len(rules) else None


def _split_alternatives(text: str) -> Iterator[str]:
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += 1 + (text[i + 1 : i + 2] == "^")
            i += text[i : i + 1] == "]"  # a "]" just after the opening is a literal
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            yield text[start:i]
            start = i + 1
        i += 1
    yield text[start:]


def _anchored_at_start(items: list[tuple[Any, Any]]) -> bool:
    if items and items[0] == (c.AT, c.AT_BEGINNING):
        return True
    return len(items) == 1 and items[0][0] is c.BRANCH and all(_anchored_at_start(a.data) for a in items[0][1][1])


def _anchored_at_end(items: list[tuple[Any, Any]]) -> bool:
    return bool(items) and items[-1] == (c.AT, c.AT_END)


def _shape(items: list[tuple[Any, Any]]) -> Shape:
    """The shape of a sequence of parsed items."""
    shapes = [_item_shape(op, av) for op, av in items]
    return Shape(
        first=_ends(shapes),
        last=_ends(list(reversed(shapes)), last=True),
        holds=min((s.holds for s in shapes if s.holds and not s.may_be_empty), key=len, default=None),
        may_be_empty=all(s.may_be_empty for s in shapes),
    )


def _ends(shapes: list[Shape], last: bool = False) -> frozenset[str] | None:
    found: set[str] = set()
    for shape in shapes:
        chars = shape.last if last else shape.first
        if chars is None:
            return None
        found |= chars
        if not shape.may_be_empty:
            break
    return frozenset(found)


def _item_shape(op: Any, av: Any) -> Shape:
    if op in _ZERO_WIDTH:
        return _EMPTY
    if op is c.LITERAL:
        one = frozenset(chr(av))
        return Shape(one, one, one, False)
    if op is c.IN:
        chars = _class_chars(av)
        return Shape(chars, chars, chars, False) if chars is not None else Shape(None, None, None, False)
    if op is c.SUBPATTERN:  # (group, flags added, flags removed, pattern)
        return _UNKNOWN if av[1] or av[2] else _shape(av[3].data)
    if op is _ATOMIC:
        return _shape(av.data)
    if op in _REPEATS:
        low, _high, sub = av
        inner = _shape(sub.data)
        return Shape(inner.first, inner.last, inner.holds if low else None, inner.may_be_empty or not low)
    if op is c.BRANCH:
        alternatives = [_shape(a.data) for a in av[1]]
        return Shape(
            first=_union(a.first for a in alternatives),
            last=_union(a.last for a in alternatives),
            holds=_union(a.holds for a in alternatives),
            may_be_empty=any(a.may_be_empty for a in alternatives),
        )
    return _UNKNOWN


def _union(sets: Iterable[frozenset[str] | None]) -> frozenset[str] | None:
    found: set[str] = set()
    for chars in sets:
        if chars is None:
            return None
        found |= chars
    return frozenset(found)


def _class_chars(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """The characters of a character class, spelled out (None if negated, folded or too large)."""
    codes: list[range] = []
    for op, av in items:
        if op is c.LITERAL:
            codes.append(range(av, av + 1))
        elif op is c.RANGE:
            codes.append(range(av[0], av[1] + 1))
        else:
            return None  # a negated class, a category (\d), or one the parser folded for case
    if sum(map(len, codes)) > _LARGEST_CLASS:
        return None
    return frozenset(chr(code) for span in codes for code in span)
