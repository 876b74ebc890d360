"""Allocations listed under a sentence that allocates: "the Partnership's budget of £48,500 was
allocated as follows:" then one line per sum ("(a) £18,000 - IDVA hours", "Taxi marshals: £6,000").

The sum in the sentence is the list's total, not an allocation of its own; each line below
gives one sum and, beside it, what it is for.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.attrs import LEMMA

from pipeline.cue_index import columns
from pipeline.money import Sum, find_sums
from pipeline.parsed import Parsed
from pipeline.textlines import Line

# A list runs this many lines at most below its sentence.
MAX_ITEMS = 20
_BULLET = re.compile(r"^[ \t]*(?:[-–•*·o>][ \t]+|\(?(?:[0-9]{1,2}|[a-z]|[ivx]{1,4})[.)][ \t]+)?", re.I)
_SEPARATOR = " \t-–—:=,;."
# A colon that ends a line, whatever spaces follow it: what `line.text.rstrip().endswith(":")`
# finds (a line is split off at "\n" only, and rstrip strips the spaces `\s` matches)
_ENDS_IN_COLON = re.compile(r":[^\S\n]*$", re.M)


@dataclass(frozen=True, slots=True)
class ListedSum:
    """A sum on a line of an allocation list, and the purpose beside it."""

    sum: Sum
    purpose: str


@dataclass(frozen=True, slots=True)
class AllocationList:
    """One allocating sentence and the sums listed below it."""

    start: int  # the sentence that introduces the list
    end: int  # the end of the list's last line
    items: list[ListedSum]


def allocation_lists(parsed: Parsed, allocation_lemmas: set[str]) -> list[AllocationList]:
    """Every list of sums introduced by a sentence that ends in a colon and allocates."""
    found: list[AllocationList] = []
    lines = parsed.lines
    lemmas = None
    starts: list[int] = []
    # few lines end in a colon (spaces after it aside): the sentence is read only there
    for m in _ENDS_IN_COLON.finditer(parsed.text):
        colon = m.start()
        starts = starts or [line.start for line in lines]
        i = bisect.bisect_right(starts, colon) - 1  # the line that holds it
        token = parsed.doc.char_span(colon, colon + 1, alignment_mode="expand")
        if token is None:
            continue
        sentence = token[0].sent
        if lemmas is None:
            # the lemmas as the parse's column of string hashes (a token's `lemma_` is its
            # LEMMA hash looked up), not one Token object made per word of the sentence
            lemmas = columns(parsed.doc)[LEMMA]
            allocating = {parsed.doc.vocab.strings.add(lemma) for lemma in allocation_lemmas}
        if allocating.isdisjoint(lemmas[sentence.start : sentence.end].tolist()):
            continue
        items, end = _items(lines, i + 1)
        if items:
            found.append(AllocationList(sentence.start_char, end, items))
    return found


def _items(lines: Sequence[Line], first: int) -> tuple[list[ListedSum], int]:
    """The sums on the lines from `first`, one a line, up to the first line that is not an item."""
    items: list[ListedSum] = []
    end = lines[first - 1].end if first else 0
    blank = 0
    for line in lines[first : first + MAX_ITEMS * 2]:
        if not line.text.strip():
            blank += 1
            if blank > 1 or (items and not _next_is_item(lines, line.index)):
                break
            continue
        blank = 0
        if "\t" in line.text.strip():
            break  # a table: its columns are read as such
        body = _BULLET.match(line.text).end()  # type: ignore[union-attr]  # the pattern matches anywhere
        written = line.text[body:]
        sums = list(find_sums(written, line.start + body))
        if len(sums) != 1:
            if items and not sums and written[:1].islower():
                end = line.end  # the purpose wrapped onto this line
                continue
            break
        s = sums[0]
        before = written[: s.start - line.start - body].strip(_SEPARATOR)
        after = written[s.end - line.start - body :].strip(_SEPARATOR)
        # the sum opens the line, its purpose after it; or the purpose opens it, the sum ends it
        purpose = after if not before else before if not after else ""
        if not purpose:
            break
        items.append(ListedSum(s, purpose))
        end = line.end
        if len(items) >= MAX_ITEMS:
            break
    return items, end


def _next_is_item(lines: Sequence[Line], blank_index: int) -> bool:
    nxt = next((ln for ln in lines[blank_index + 1 : blank_index + 3] if ln.text.strip()), None)
    return nxt is not None and next(find_sums(nxt.text), None) is not None
