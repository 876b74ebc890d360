"""Words a pattern cannot match without, read from its parse, to look for before the pattern runs.

A substring test is a memory scan; a search by a pattern that opens with a set of letters, a
word boundary or an optional part tests every character of a text. Where few texts hold a word
the pattern needs, testing for the word first passes over most of them, and finds the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from pipeline.regex_parser import sre_parse as _sre_parse

# A word, and whether any case of it will do (re.I: then the word is in lower case).
Word = tuple[str, bool]


@lru_cache(maxsize=512)  # a pattern's parse is read once: it costs more than many searches
def needed_words(pattern: re.Pattern[str]) -> frozenset[Word]:
    """Words one of which every match of the pattern holds (empty: none is known).

    Read from the pattern's parse: a sequence needs what any one of its parts needs (the part
    with the longest words is chosen), alternatives need what one of them needs, and a part that
    may be left out, or matches a set of characters, needs nothing. The words are of plain ASCII
    characters other than spaces; a case-blind one matches itself in any case, which lower case
    folds together (see `lowered_as_re_reads`).
    """
    parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
    return frozenset(_needed(parsed, bool(parsed.state.flags & re.I)) or ())


def _needed(parts: Iterable[tuple[object, object]], blind: bool) -> set[Word] | None:
    best: set[Word] | None = None
    run = ""

    def better(found: set[Word] | None) -> None:
        nonlocal best
        if found and (best is None or min(len(w) for w, _ in found) > min(len(w) for w, _ in best)):
            best = found

    for op, av in parts:
        if op is _sre_parse.LITERAL and chr(av).isascii() and not chr(av).isspace():  # type: ignore[arg-type]
            run += chr(av)  # type: ignore[arg-type]
            continue
        better({(run.lower() if blind else run, blind)} if run else None)
        run = ""
        if op is _sre_parse.SUBPATTERN:
            added: int = av[1]  # type: ignore[index]
            removed: int = av[2]  # type: ignore[index]
            better(_needed(av[3], (blind or bool(added & re.I)) and not removed & re.I))  # type: ignore[index]
        elif op is _sre_parse.BRANCH:
            each = [_needed(branch, blind) for branch in av[1]]  # type: ignore[index]
            better(set().union(*each) if all(each) else None)  # type: ignore[arg-type]
        elif op in (_sre_parse.MAX_REPEAT, _sre_parse.MIN_REPEAT) and av[0] >= 1:  # type: ignore[index]
            better(_needed(av[2], blind))  # type: ignore[index]
    better({(run.lower() if blind else run, blind)} if run else None)
    return best


def holds_one(text: str, lowered: str | None, words: Iterable[Word]) -> bool:
    """True when the text may hold one of the words: a case-blind one looked for in `lowered`
    (the text in lower case, `lowered_as_re_reads`; None: it may stand in any text)."""
    for word, blind in words:  # noqa: SIM110 (a loop: a generator costs more than the substring tests)
        if word in text if not blind else lowered is None or word in lowered:
            return True
    return False


def lowered_as_re_reads(text: str) -> str | None:
    """The text in lower case, or None where lower case reads a letter otherwise than re.I does.

    re.I reads a character as an ASCII letter only if it lowers to that letter, but for "ı"
    (read as "i"), "ſ" (read as "s") and letters that lower to two characters ("İ", which also
    shifts every offset after it): a text with one of these is None. Spaces and digits have no
    case. (tests/test_target_sieve.py checks this for every character.)
    """
    lowered = text.lower()
    if text.isascii() or (len(lowered) == len(text) and "ı" not in lowered and "ſ" not in lowered):
        return lowered
    return None
