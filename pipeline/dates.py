"""British dates, years and plan periods as committee papers write them.

    >>> parse_date("29th November, 2010"), parse_date("12 th JULY 2012")
    (datetime.date(2010, 11, 29), datetime.date(2012, 7, 12))
    >>> parse_period("2010/11"), parse_period("2008- 2011"), parse_period("2009 to 2011")
    ((2010, 2011), (2008, 2011), (2009, 2011))
    >>> financial_year_end(2010, 2011)
    '2011-03'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.scan import finditer_before

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)\s*(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?,?\s+)?"
# Each pattern opens with a look at its first character: the same matches, and the regex
# engine skips most positions of a long text at once instead of trying every alternative.
_FIRST_OF_MONTH = "(?=[" + "".join(sorted({m[0] for m in MONTHS})) + "])"
_FIRST_OF_DAY = "(?=[0-9mtwfs])"  # a day in figures or a weekday name
# "29th November, 2010", "19TH OCTOBER 2009", "12 th JULY 2012", "Monday 24 April 2008"
_DMY = re.compile(
    _FIRST_OF_DAY + _WEEKDAY + _DAY + r"(?:\s+of)?[\s\-]+" + _MONTH + r",?[\s\-]+" + _YEAR + r"\b", re.I
)
# "November 29, 2010"
_MDY = re.compile(_FIRST_OF_MONTH + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b", re.I)
# "29/11/2010", "29.11.10", "29-11-2010" (day first, as in Britain)
_NUMERIC = re.compile(r"\b(?P<day>[0-3]?\d)[/.\-](?P<month>[01]?\d)[/.\-](?P<year>(?:19|20)?\d\d)\b")
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
_DIGIT = re.compile(r"\d")
# A date in words holds only word characters, spaces, commas, full stops and hyphens: it lies
# within one run of them, and only runs that hold a four-figure year can hold one.
# A day-first or month-first date ends with its year and holds no character but these.
_YEAR_END = re.compile(r"(?:19|20)\d\d\b")
_NOT_IN_A_DATE = re.compile(r"[^\w\s,.\-]")
_LONG_TEXT = 2_000  # shorter texts are searched whole
_MONTH_YEAR = re.compile(r"\b" + _MONTH + r",?\s+" + _YEAR + r"\b", re.I)

_Y4 = r"((?:19|20)\d\d)"
# "2010/11", "2010/2011", "2008-2011", "2008- 2011", "2012-13", "2009 to 2011", "2012/15"
_PERIOD = re.compile(_Y4 + r"\s*(?:/|-|–|—|to|until)\s*((?:19|20)?\d\d)\b(?![/.\-]\d)", re.I)


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in text, with its character range."""

    date: dt.date
    start: int
    end: int


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> Iterator[FoundDate]:
    """Every full date in a text, in order, whatever its British form."""
    if not _DIGIT.search(text):
        return  # every form has a day or a year in figures
    seen: list[tuple[int, int]] = []
    found: list[FoundDate] = []
    long = len(text) >= _LONG_TEXT
    for pattern in (_DMY, _MDY, _ISO, _NUMERIC):
        for m in written_dates(pattern, text) if long and pattern in (_DMY, _MDY) else pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in seen):
                continue
            month = m.group("month")
            month_no = MONTHS.get(month.lower().rstrip(".")) if not month.isdigit() else int(month)
            if not month_no:
                continue
            date = _make(_year(m.group("year")), month_no, int(m.group("day")))
            if date:
                seen.append((m.start(), m.end()))
                found.append(FoundDate(date, m.start(), m.end()))
    yield from sorted(found, key=lambda f: f.start)


def written_dates(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a day-first or month-first date, searched only in the
    stretches that lead up to a year (pipeline/scan.py)."""
    return finditer_before(pattern, text, _YEAR_END, _NOT_IN_A_DATE)


def parse_date(text: str) -> dt.date | None:
    """The first full date in a text."""
    return next((f.date for f in find_dates(text)), None)


def parse_month_year(text: str) -> tuple[int, int] | None:
    """(year, month) of the first "September 2011" in a text."""
    m = _MONTH_YEAR.search(text)
    if not m:
        return None
    return int(m.group("year")), MONTHS[m.group("month").lower().rstrip(".")]


def find_periods(text: str) -> Iterator[tuple[int, int, int, int]]:
    """Every year range in a text as (start_year, end_year, start, end) offsets."""
    for m in _PERIOD.finditer(text):
        start_year = int(m.group(1))
        end = m.group(2)
        end_year = int(end) if len(end) == 4 else (start_year // 100) * 100 + int(end)
        if end_year < start_year:
            end_year += 100
        if 0 < end_year - start_year <= 10:
            yield start_year, end_year, m.start(), m.end()


def parse_period(text: str) -> tuple[int, int] | None:
    """The first year range in a text: "2010/11" is (2010, 2011)."""
    return next(((a, b) for a, b, _, _ in find_periods(text)), None)


def financial_year_end(start_year: int, end_year: int | None = None) -> str:
    """The last month (YYYY-MM) of a UK financial year or run of years: April to March."""
    return f"{(end_year if end_year is not None else start_year + 1):04d}-03"


def month_deadline(year: int, month: int) -> str:
    """YYYY-MM of a "by March 2012" deadline."""
    return f"{year:04d}-{month:02d}"
