"""Typing one table cell: counts, signed percentages and changes, money, RAG status, periods.

>>> type_cell("1,092").value, type_cell("- 5.9%").value, type_cell("- 937").type
(1092.0, -5.9, 'change')
>>> c = type_cell("39.0% (127 offences)"); (c.type, c.value, c.count)
('percent', 39.0, 127.0)
>>> type_cell("£75k").value, type_cell("5K").value, type_cell("GREEN").value
(75000.0, 5000.0, 'Green')
>>> type_cell("Apr-Aug 2009", header=True).period
TimePeriod(start='2009-04', end='2009-08')
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pipeline.dates import MONTHS, find_periods
from pipeline.tables.rules import RULES
from schemas import Cell, TimePeriod

# Signs as council tables print them: "-11.1%", "- 5.9%", "−3", "+12".
_SIGN = r"(?P<sign>[+\-−–])?\s*"
_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_PERCENT = re.compile(_SIGN + _NUM + r"\s*%$")
_NUMBER = re.compile(_SIGN + _NUM + r"$")
_MONEY = re.compile(_SIGN + r"£\s*" + _NUM + r"\s*(?P<scale>k|m|bn|million|billion|thousand)?$", re.I)
# "5K", "10k", "3.5m": money by its scale letter, as budget lines write it.
_SCALED = re.compile(_SIGN + _NUM + r"\s?(?P<scale>k|m|bn)$", re.I)
_SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
# A figure with a count in brackets: "39.0% (127 offences)", "1,234 (12%)".
_COMBINED = re.compile(r"^(?P<main>[^()]+?)\s*\((?P<inner>[^()]+)\)$")
_COUNT_IN = re.compile(r"^[+\-−–]?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\s+[a-z][\w\s-]*)?$", re.I)
_DIGIT = re.compile(r"\d")
# "Latest: 97%": a value that carries its own key.
_KEYED = re.compile(r"^(?P<key>[A-Za-z][A-Za-z ]{1,30}):\s*(?P<value>\S.*)$")
# The types that carry a figure or a rating (what makes a row a data row).
FIGURE_TYPES = frozenset({"count", "number", "percent", "change", "money", "status"})
_EMPTY = {"", "-", "–", "—", "n/a", "na", "*", "..", "tbc", "nil"}
# A cell longer than these is not lower-cased to be looked up (lower case is never shorter).
_LONGEST_EMPTY = max(map(len, _EMPTY))
_LONGEST_STATUS = max(map(len, RULES.status_words), default=0)

_MONTH = r"(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# A month, then maybe a year: "Apr", "April 09", "Dec-23", "March 2010".
_MONTH_YEAR = re.compile(r"\b" + _MONTH + r"(?:[\s\-']*((?:19|20)\d\d|\d\d)\b)?", re.I)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_QUARTER = re.compile(r"\b(?:q[1-4]|quarter\s*[1-4]?|year to date|ytd|\d+\s*(?:m|mths|months)\b)", re.I)


def _signed(match: re.Match[str]) -> float:
    value = float(match.group("num").replace(",", ""))
    return -value if match.group("sign") in ("-", "−", "–") else value


def type_cell(text: str, *, header: bool = False, column: str | None = None) -> Cell:
    """Type the text of one cell; header cells are read as periods where they name one."""
    return Cell(**cell_fields(text, header=header, column=column))


def cell_fields(text: str, *, header: bool = False, column: str | None = None) -> dict[str, Any]:
    """The fields of the Cell `type_cell` makes, unvalidated: for a row that validates its cells at once."""
    if not text:
        # most cells of a padded grid: "" stays "" below and is an empty cell, header or not
        return {"text": "", "type": "empty", "column": column}
    text = " ".join(text.split())
    if _is_empty(text):
        return {"text": text, "type": "empty", "column": column}
    if header:
        period = parse_period_key(text)
        return {"text": text, "type": "period" if period else "text", "value": text, "column": column, "period": period}
    typed, column = _typed(text, column)
    if typed is None:
        return {"text": text, "type": "text", "value": text, "column": column}
    kind, value, count = typed
    return {"text": text, "type": kind, "value": value, "count": count, "column": column}


def _is_empty(text: str) -> bool:
    return len(text) <= _LONGEST_EMPTY and text.lower() in _EMPTY


def is_no_value(text: str) -> bool:
    """True for a cell printed as holding no value: "", "-", "n/a", "tbc" (typed "empty")."""
    return _is_empty(" ".join(text.split()))


@lru_cache(maxsize=8192)
def cell_type(text: str) -> str:
    """The type `type_cell` gives a body cell outside a rating column, without making the Cell."""
    text = " ".join(text.split())
    if _is_empty(text):
        return "empty"
    typed, _ = _typed(text, None)
    return "text" if typed is None else typed[0]


@lru_cache(maxsize=8192)  # a table repeats its figures and words ("Green", "0", "n/a") down its columns
def _typed(text: str, column: str | None) -> tuple[tuple[str, float | str, float | None] | None, str | None]:
    """The type, value and count of a cell's text, and its column (a keyed value names its own)."""
    typed = _typed_value(text)
    if typed is None and column is not None and _rating_column(column):
        letter = RULES.rag_letters.get(text.lower())
        typed = ("status", letter, None) if letter else None
    if typed is None and ":" in text:
        keyed = _KEYED.match(text)
        typed = _typed_value(keyed.group("value")) if keyed else None
        if typed is not None and keyed is not None and column is None:
            column = keyed.group("key").strip()
    return typed, column


_NOT_RATING_WORD = re.compile(r"[^\w/ ]")


def _rating_column(header: str) -> bool:
    """True for a column headed as a RAG rating, where a lone letter is a status."""
    return " ".join(_NOT_RATING_WORD.sub(" ", header.lower()).split()) in RULES.rating_headers


def _typed_value(text: str) -> tuple[str, float | str, float | None] | None:
    status = RULES.status_words.get(text.lower()) if len(text) <= _LONGEST_STATUS else None
    if status:
        return "status", status, None
    simple = _simple(text)
    if simple is not None:
        return simple[0], simple[1], None
    m = _COMBINED.match(text) if "(" in text else None
    if m:
        main = _simple(m.group("main"))
        inner = m.group("inner").strip()
        if main is not None:
            count_match = _COUNT_IN.match(inner)
            count = float(count_match.group(1).replace(",", "")) if count_match else None
            if count is None and RULES.status_words.get(inner.lower()):
                return main[0], main[1], None  # "97% (Green)": the rating in brackets repeats a status
            return main[0], main[1], count
    return None


# A run of four or more digits that starts with a zero is no count anyone writes.
_ZERO_LED = re.compile(r"0\d{3,}")


def _simple(text: str) -> tuple[str, float] | None:
    if not _DIGIT.search(text):
        return None  # every figure has one
    text = text.strip()
    m = _PERCENT.match(text)
    if m:
        return "percent", _signed(m)
    m = _MONEY.match(text) or _SCALED.match(text)
    if m:
        scale = _SCALES[(m.group("scale") or "").lower()] if m.group("scale") else 1.0
        return "money", _signed(m) * scale
    m = _NUMBER.match(text)
    if m:
        if _ZERO_LED.fullmatch(m.group("num")):
            return None  # "01273": a telephone number's or a code's digits, not a figure
        value = _signed(m)
        if m.group("sign"):
            return "change", value
        return ("count" if "." not in m.group("num") else "number"), value
    return None


def parse_period_key(text: str) -> TimePeriod | None:
    """The time a column header names: "Apr-Aug 2009", "2010/11", "Year to Date (April 09- March 10)"."""
    if text.lstrip().startswith("%") or "change" in text.lower():
        return None  # "% 2009/2010 to 2010/2011" compares two periods: it is a measure, not a period
    months = [(MONTHS[m.group(1).lower()], m.group(2)) for m in _MONTH_YEAR.finditer(text)]
    if months:
        years = [_full_year(y) for _, y in months if y]
        if not years:
            found = _YEAR.findall(text)
            years = [int(found[-1])] if found else []
        if not years:
            return None
        # A month without its year takes the next year written ("Apr-Aug 2009").
        ends: list[str] = []
        fill = years[-1]
        for month, year in reversed(months):
            fill = _full_year(year) if year else fill
            ends.append(f"{fill:04d}-{month:02d}")
        ends.reverse()
        return TimePeriod(start=ends[0], end=ends[-1])
    ranges = list(find_periods(text))
    if ranges:
        return TimePeriod(start=str(ranges[0][0]), end=str(ranges[-1][1]))
    years = _YEAR.findall(text)
    if years and (len(text) <= 12 or _QUARTER.search(text)):
        return TimePeriod(start=years[0], end=years[-1])
    if _QUARTER.search(text) and len(text) <= 20:
        return TimePeriod()
    return None


def _full_year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year
