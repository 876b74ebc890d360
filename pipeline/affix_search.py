"""Faster equivalents of spaCy's suffix search and infix search, giving the same matches.

spaCy's tokenizer splits each run of characters it has not met before with three patterns,
each an alternation of many rules. Python's `re` tries every rule at every position of the
word, so on a new word these two searches cost more than the rest of the split:
- A suffix rule ends at the end of the word ("$"), so a rule that matches at most N
  characters cannot start earlier than N characters from the end: the search starts there.
  A rule without such a limit (spaCy's "\\.\\.+$") is looked for on its own first, and where it
  would start earlier the whole pattern is searched as before.
- An infix rule must take at least one character, and the first character it can take is one
  of a known set ("-", ",", "." and the like). A word with none of them holds no infix.
Both are worked out from the patterns themselves (`re._parser`), and either is used only when
every rule is of a kind understood here; otherwise spaCy's own search is kept.
tests/test_affix_search.py compares them with spaCy's on the corpus words and on made-up ones.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

# the parser `re` compiles with: re._parser since Python 3.11, sre_parse before
try:
    sre_parse = importlib.import_module("re._parser")
    sre_constants = importlib.import_module("re._constants")
except ModuleNotFoundError:  # pragma: no cover
    sre_parse = importlib.import_module("sre_parse")
    sre_constants = importlib.import_module("sre_constants")

Search = Callable[[str], "re.Match[str] | None"]
FindAll = Callable[[str], Iterable["re.Match[str]"]]

_UNBOUNDED = sre_constants.MAXREPEAT
_ZERO_WIDTH = {sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT}
_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None)}
_CLASSES = {
    sre_constants.CATEGORY_DIGIT: r"\d",
    sre_constants.CATEGORY_NOT_DIGIT: r"\D",
    sre_constants.CATEGORY_SPACE: r"\s",
    sre_constants.CATEGORY_NOT_SPACE: r"\S",
    sre_constants.CATEGORY_WORD: r"\w",
    sre_constants.CATEGORY_NOT_WORD: r"\W",
}


def faster_suffix_search(search: Search) -> Search:
    """spaCy's suffix search (a compiled pattern's `search`), started where a suffix can start."""
    pattern = getattr(search, "__self__", None)
    if not isinstance(pattern, re.Pattern) or pattern.flags & (re.MULTILINE | re.IGNORECASE):
        return search
    rules = _rules(pattern)
    if rules is None or not all(rule.endswith("$") for rule in rules):
        return search
    widths = [_width(rule, pattern.flags)[1] for rule in rules]
    bounded = [w for w in widths if w < _UNBOUNDED]
    if not bounded:
        return search
    # "$" also matches before a final line break: one character more
    reach = max(bounded) + 1
    unbounded = [rule for rule, w in zip(rules, widths, strict=True) if w >= _UNBOUNDED]
    find_unbounded = re.compile("|".join(unbounded), pattern.flags).search if unbounded else None
    search_from = pattern.search

    def suffix_search(text: str) -> re.Match[str] | None:
        start = len(text) - reach
        if start <= 0:
            return search_from(text)
        if find_unbounded is not None:
            early = find_unbounded(text)
            if early is not None and early.start() < start:
                return search_from(text)
        return search_from(text, start)

    return suffix_search


def faster_infix_finditer(finditer: FindAll) -> FindAll:
    """spaCy's infix search (a compiled pattern's `finditer`), skipped on a word that cannot hold one."""
    pattern = getattr(finditer, "__self__", None)
    if not isinstance(pattern, re.Pattern) or pattern.flags & re.IGNORECASE:
        return finditer
    rules = _rules(pattern)
    if rules is None:
        return finditer
    starts = []
    for rule in rules:
        if _width(rule, pattern.flags)[0] == 0:
            return finditer  # a rule that can match nothing can match anywhere
        first = _first_characters(sre_parse.parse(rule, pattern.flags).data)
        if first is None:
            return finditer
        starts.extend(first)
    may_hold = re.compile("[" + "".join(starts) + "]", pattern.flags).search
    find_all = pattern.finditer
    none: tuple[re.Match[str], ...] = ()

    def infix_finditer(text: str) -> Iterable[re.Match[str]]:
        return find_all(text) if may_hold(text) else none

    return infix_finditer


def _rules(pattern: re.Pattern[str]) -> list[str] | None:
    """The top-level alternatives of a pattern, each a pattern of its own (None if unsure)."""
    rules = list(_split_alternatives(pattern.pattern))
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
        for rule in rules:
            re.compile(rule, pattern.flags)
    except re.error:
        return None
    # the parser keeps the alternatives as they are written when none share a first item
    items = parsed.data
    count = len(items[0][1][1]) if len(items) == 1 and items[0][0] is sre_constants.BRANCH else 1
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


def _width(rule: str, flags: int) -> tuple[int, int]:
    return sre_parse.parse(rule, flags).getwidth()


def _first_characters(items: list[tuple[Any, Any]]) -> list[str] | None:
    """The characters a match can begin with, as parts of a character class (None if unsure)."""
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is sre_constants.LITERAL:
            return [_escaped(av)]
        if op is sre_constants.IN:
            return _class_items(av)
        if op is sre_constants.SUBPATTERN:
            sub = av[-1]
            return _first_characters(sub.data) if sub.getwidth()[0] > 0 else None
        if op in _REPEATS:
            low, _high, sub = av
            return _first_characters(sub.data) if low > 0 and sub.getwidth()[0] > 0 else None
        if op is sre_constants.BRANCH:
            found: list[str] = []
            for alternative in av[1]:
                first = _first_characters(alternative.data) if alternative.getwidth()[0] > 0 else None
                if first is None:
                    return None
                found.extend(first)
            return found
        return None
    return None


def _class_items(items: list[tuple[Any, Any]]) -> list[str] | None:
    out = []
    for op, av in items:
        if op is sre_constants.LITERAL:
            out.append(_escaped(av))
        elif op is sre_constants.RANGE:
            out.append(f"{_escaped(av[0])}-{_escaped(av[1])}")
        elif op is sre_constants.CATEGORY and av in _CLASSES:
            out.append(_CLASSES[av])
        else:
            return None  # a negated class, or one the parser folded for case
    return out


def _escaped(code: int) -> str:
    return f"\\U{code:08x}"
