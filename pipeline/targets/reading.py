"""Read quantified targets out of one sentence, list item or table cell.

Two wordings carry a target:

- a verb: "Reduce anti-social behaviour by 2% during 2011/2012", "to reduce the number of
  sexual offences by 2%", "Reduce X and increase Y by 10%" (a shared amount applies to both);
- a future: "By 2028, the sickness rate will have reduced by 6%", "ASB will be reduced by 5% by
  March 2013" (the metric is the subject before "will");
- a noun: "2% reduction in ASB incidents by March 2012 (2048)";
- a level to hold: "maintain the proven re-offending rate at 25% or below by March 2026"
  (direction "maintain", the level as the target value, no amount);
- a level to reach: "reduce knife crime to fewer than 160 offences by March 2020", "No more
  than 60 first time entrants in 2016/17", "At least 85% of victims to be satisfied by March
  2017" (the level as the target value, no amount; the verb, or the ceiling or floor, gives
  the direction);
- a verb that states its amount: "halve X by March 2014" (a 50% reduction).

"to below the national average" states no figure, and is no quantified target.

A result already achieved ("has reduced by 39% to 198 offences", "achieved a reduction of
9.4%") is performance, not a target: "reduced" is no target verb, and achieved-result words
just before a match rule it out.

Deadlines follow the UK financial year: "during 2010/2011" and "by 2010/11" end 2011-03, "by
March 2012" is 2012-03, and a bare "by 2012" is read as the end of the financial year that
ends in 2012, 2012-03.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import NamedTuple

from pipeline.dates import MONTHS, financial_year_end, find_periods, month_deadline
from pipeline.needed_words import lowered_as_re_reads
from pipeline.targets.terms import TargetTerms, load_terms
from pipeline.upfront import built_up_front

# A figure: "1,092", "2.5", "12". Written `\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?` with its first digit
# drawn out of the alternatives (the same matches, tried in the same order), so that a pattern
# that opens with a figure opens with a digit, and its search skips to the next digit.
_NUMBER = r"\d(?:\d{0,2}(?:,\d{3})+|\d*(?:\.\d+)?)"
_UNIT = r"%|percentage\s+points?\b|per\s*cent\b|percent\b|pc\b|pp\b"
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d\d"
_DEADLINE = re.compile(
    rf"\b(?P<lead>by|during|in|for|over|before|until|throughout|within)\s+(?:the\s+)?(?:end\s+of\s+)?"
    rf"(?:(?:financial|fiscal|calendar)\s+year\s+)?(?:(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?P<month>{_MONTH})\.?\s+)?(?P<year>{_YEAR})"
    rf"(?P<range>\s*(?:/|-|–|to)\s*(?:{_YEAR}|\d\d)\b)?",
    re.I,
)
# "(April 2011 – March 2012)": the months a plan year runs
_MONTH_RANGE = re.compile(rf"\b(?:{_MONTH})\s+{_YEAR}\s*(?:-|–|to)\s*(?P<month>{_MONTH})\s+(?P<year>{_YEAR})", re.I)
_VALUE_AFTER = re.compile(
    rf"^\s*(?:\((?P<paren>{_NUMBER})\)|,?\s*to\s+(?:a\s+total\s+of\s+)?(?P<to>{_NUMBER})\b(?!\s*(?:{_UNIT}|/)))"
)
# "(from 212 in 2016/17)", ", against a baseline of 2,090 (2010/11)", "from a 2007/08 baseline of 3,120",
# "against the 2021/22 figure of 2,350"
_BASELINE_AFTER = re.compile(
    rf"^\s*,?\s*\(?\s*(?:from|against|on)\s+(?:a\s+|the\s+)?(?:(?P<period_before>{_YEAR}\s*[/\-]\s*(?:{_YEAR}|\d\d))\s+)?"
    rf"(?:(?:baseline|figure|level|total)\s+(?:of\s+)?)?(?P<value>{_NUMBER})"
    rf"(?:\s*%(?=\s+(?:in|during|for)\s+{_YEAR})|\b(?!\s*(?:{_UNIT}|/)))"
    rf"(?:(?:\s+[a-z]+){{0,2}}?\s*(?:\(|,)?\s*(?:in|during|for)?\s*(?P<period>{_YEAR}\s*[/\-]\s*(?:{_YEAR}|\d\d)\b))?",
    re.I,
)
# "(81% in 2015/16)": the figure of a year before, in brackets after a level to reach
_BASELINE_IN_BRACKETS = re.compile(
    rf"^\s*\(\s*(?P<value>{_NUMBER})\s*%?\s+(?:in|during|for)\s+(?P<period>{_YEAR}\s*[/\-]\s*(?:{_YEAR}|\d\d))\s*\)"
)
# "to be satisfied", "will be": the verb between a stated level's figure and what it measures
_TO_BE = re.compile(r"\b(?:to|will|should)\s+be\s+", re.I)
# "NI 16 Serious acquisitive crime - " before "reduce by 12%": an indicator code, the measure, a dash
_NAMED_BEFORE = re.compile(
    r"(?:^|\t)\s*(?:[A-Z]{2,5}\s*\d{1,3}[a-z]?\s+)?(?P<metric>[A-Za-z][^\t:–—]*?)\s*(?:\s[-–—]|:)\s*$"
)
_DIGIT = re.compile(r"\d")
# "by 5": the same as `\bby\s+\d` under re.I, written so that the search skips to a "b" (a
# pattern that opens with a letter under re.I, or with \b, is tried at every position)
# "by a further 5%", "by another 2%", "by at least 10%": words between "by" and its amount
_AMOUNT_LEAD = r"(?:(?:a\s+)?further\s+|another\s+|at\s+least\s+)?"
_AFTER_BY = rf"\s+{_AMOUNT_LEAD}\d"
_BY_FIGURE = re.compile(rf"[Bb](?<=\b[Bb])[Yy]{_AFTER_BY}")
_FIGURE_UNIT = re.compile(rf"\d\s*(?:{_UNIT})", re.I)
# "at 25", "at or below 25", "at a level of 25" (up to three words between), written as
# `\bat\s+...` under re.I would be, to skip to an "a" as _BY_FIGURE does
_AFTER_AT = r"\s+(?:[A-Za-z]+\s+){0,3}\d"
_AT_FIGURE = re.compile(rf"[Aa](?<=\b[Aa])[Tt]{_AFTER_AT}")
# What _FIGURE_UNIT needs, in lower-cased text: "%", or a unit word after a figure or space
# ("percentage points" and "percent" open as "per cent" does); see `_sieve`
_UNIT_SIEVE = [
    ("%", re.compile("%")),
    *(
        (word, re.compile(rf"{word}(?<=[\d\s]{word}){after}"))
        for word, after in (("per", r"\s*cent"), ("pc", ""), ("pp", ""))
    ),
]
_AUXILIARY = re.compile(r"\b(?:has|have|had|been|being|was|were|is|are)\s+$", re.I)
_LONGEST_AUXILIARY = 5  # letters of "being"
_AUXILIARY_REACH = 40
_DEADLINE_REACH = 40  # characters between a level and its deadline that still make one statement
# Compiled with the module, not looked up in the re module's cache on every call.
_A_YEAR = re.compile(_YEAR)
_ENDS_AND_TO = re.compile(r"(?:\band(?:\s+to)?|,)\s*$")
_ENDS_AND = re.compile(r"(?:\band|,)\s*$")
_SPACED_AND_AT_END = re.compile(r"(?:\s*\band|,)\s*$")
_JOINING = re.compile(r"[\s,]*(?:and|as\s+well\s+as)\s+(?:an?\s+)?")
_LETTERS = re.compile(r"[A-Za-z]+")
_EXPANDED_ACRONYM = re.compile(r"\b([A-Z]{2,})\s*\(([^()]+)\)")
_REPORTED_AT_END = re.compile(r"\s+(?:reported|recorded)$")
# a paragraph number may stand first: "4.", "2)", "3.1.2" (or its last part, "2 ", where the
# sentence split stopped at its points)
_SENTENCE_START = re.compile(
    r"^[\s\-•*–(\"'‘“]*(?:\d+(?:\.\d+)*[.)]?\s+|\d+[.)])?(?:to\s+|we\s+will\s+|will\s+|aim\s+to\s+)?$", re.I
)


@dataclass(frozen=True, slots=True)
class Reading:
    """One target as read from a piece of text (offsets into that text)."""

    direction: str
    amount: float | None
    unit: str | None
    metric: str
    deadline: str | None
    target_value: float | None
    start: int
    end: int
    baseline: float | None = None
    baseline_period: str | None = None


def read_deadline(text: str) -> tuple[str, int, int] | None:
    """The first deadline in a text as (YYYY-MM, start, end), under the UK financial-year reading."""
    best: tuple[str, int, int] | None = None
    for m in _DEADLINE.finditer(text):
        year = int(m.group("year"))
        if m.group("range"):
            period = next(find_periods(m.group(0)), None)
            if period is None:
                continue
            value = financial_year_end(period[0], period[1])
        elif m.group("month"):
            value = month_deadline(year, MONTHS[m.group("month").lower()])
        elif m.group("lead").lower() in ("by", "before", "until", "within"):
            value = financial_year_end(year - 1, year)  # bare "by 2012": the year ending March 2012
        else:
            continue  # "in 2011" names a year, not the end of a target period
        best = (value, m.start(), m.end())
        break
    month_range = _MONTH_RANGE.search(text)
    if month_range and (best is None or month_range.start() < best[1]):
        value = month_deadline(int(month_range.group("year")), MONTHS[month_range.group("month").lower()])
        return value, month_range.start(), month_range.end()
    return best


def _number(text: str | None) -> float | None:
    return float(text.replace(",", "")) if text else None


def _unit(text: str | None) -> str:
    return "percent" if text else "count"


def _is_year(amount: str, unit: str | None) -> bool:
    return unit is None and _A_YEAR.fullmatch(amount) is not None


class _Patterns(NamedTuple):
    """The wordings of one vocabulary, compiled."""

    verbs: re.Pattern[str]
    amount: re.Pattern[str]
    nominal: re.Pattern[str]
    nominal_of: re.Pattern[str]
    future: re.Pattern[str]
    noun_after_unit: re.Pattern[str]
    of_figure: re.Pattern[str]
    level: re.Pattern[str]
    to_level: re.Pattern[str]
    stated_level: re.Pattern[str]
    stated_figure: re.Pattern[str]
    level_cue: re.Pattern[str]
    sieve: list[tuple[str, re.Pattern[str]]]


def _compile(terms: TargetTerms) -> _Patterns:
    verbs = re.compile(rf"\b(?P<verb>{terms.verb_pattern})\b", re.I)
    # "by 1 April 2014" is a date, not an amount
    amount = re.compile(
        rf"\bby\s+{_AMOUNT_LEAD}(?P<amount>{_NUMBER})(?!\s*(?:st|nd|rd|th)?\s+(?:{_MONTH})\b)\s*(?P<unit>{_UNIT})?",
        re.I,
    )
    stop = r"(?=\s+(?:by|during|before|until|in\s+(?:19|20)\d\d)\b|\s*\((?:\d|[^)]*\d{4})|[.;:\t]|$)"
    nominal = re.compile(
        rf"(?P<amount>{_NUMBER})\s*(?P<unit>{_UNIT})\s+(?P<noun>{terms.noun_pattern})\b(?:\s+(?:in|of)\s+(?P<metric>.+?))?{stop}",
        re.I | re.S,
    )
    nominal_of = re.compile(
        rf"\b(?P<noun>{terms.noun_pattern})\s+of\s+(?P<amount>{_NUMBER})\s*(?P<unit>{_UNIT})\s+in\s+(?P<metric>.+?){stop}",
        re.I | re.S,
    )
    future = re.compile(
        rf"\bwill\s+(?:have\s+)?(?:been\s+|be\s+)?(?P<verb>{terms.participle_pattern})\s+by\s+{_AMOUNT_LEAD}(?P<amount>{_NUMBER})\s*(?P<unit>{_UNIT})?",
        re.I,
    )
    # What each noun wording needs in a row, without its figure: the figure's reading backtracks
    # at every digit of a paper's tables, and most texts with a figure and unit have no such noun.
    # A match of the wording holds a match of these, so a text without one is passed over.
    noun_after_unit = re.compile(rf"\d\s*(?:{_UNIT})\s+(?:{terms.noun_pattern})\b", re.I | re.S)
    of_figure = re.compile(r"of\s+\d", re.I)
    # "maintain X at (or below) 25%", "sustaining X at a level of 85 per cent or above"; never a
    # date ("at 1 April 2014")
    level = re.compile(
        rf"\b(?P<verb>{terms.level_verb_pattern or '(?!)'})\b(?P<metric>[^.;:\t]*?)\s+at\s+"
        rf"(?:(?:or\s+)?(?:below|above|under|over|less\s+than|more\s+than|least)\s+)?(?:a\s+(?:level|rate)\s+of\s+)?"
        rf"(?P<value>{_NUMBER})(?!\s*(?:st|nd|rd|th)?\s+(?:{_MONTH})\b)\s*(?P<unit>{_UNIT})?",
        re.I,
    )
    # "to fewer than 160", "to 1,450": the level a verb's measure is to reach (never "16 to 24")
    to_level = re.compile(
        rf"(?<![\d\s])\s+to\s+(?:(?P<qualifier>{terms.level_pattern or '(?!)'})\s+)?(?P<value>{_NUMBER})"
        rf"(?!\s*(?:st|nd|rd|th)?\s+(?:{_MONTH})\b)(?![\d/])\s*(?P<unit>{_UNIT})?",
        re.I,
    )
    stated_level = re.compile(
        rf"\b(?P<qualifier>{terms.stated_level_pattern or '(?!)'})\s+(?P<value>{_NUMBER})(?![\d/])"
        rf"\s*(?P<unit>{_UNIT})?\s+(?:of\s+)?",
        re.I,
    )
    # What the level wordings need, without their measure: "halve", "to 1,450", "to fewer than
    # 160", "no more than 60"; each opens with a set of letters, so that its search skips to one
    halving = [(w, r"\b") for w in terms.implied_amounts]
    to_level_figure = [("to", rf"\s+(?:(?:{terms.level_pattern or '(?!)'})\s+)?\d")]
    stated_figures = [(w, r"\s+\d") for words in terms.stated_levels.values() for w in words]
    stated_figure = re.compile(_skipping(stated_figures))
    level_cue = re.compile(_skipping(halving + to_level_figure + stated_figures))  # any of the three
    # what any wording needs: a figure's unit, "by <figure>", "at <figure>" or a level's wording
    words = [("by", _AFTER_BY), ("at", _AFTER_AT)] + [(w, "") for w in terms.implied_amounts]
    sieve = _UNIT_SIEVE + _sieve(words + to_level_figure + stated_figures)
    return _Patterns(
        verbs, amount, nominal, nominal_of, future, noun_after_unit, of_figure, level, to_level, stated_level,
        stated_figure, level_cue, sieve,
    )  # fmt: skip


def _skipping(wordings: list[tuple[str, str]]) -> str:
    """Words in any case, each with the pattern that must follow it, as one pattern that opens
    with the set of their first letters.

    `\b(?:halve|halving)` under re.I is tried at every position of a text; a pattern that opens
    with a set of letters is tried only where one stands ("[Hh](?<=\b[Hh])(?i:(?<=h)alve\b|...)").
    """
    if not wordings:
        return "(?!)"
    firsts = "".join(sorted({c for w, _ in wordings for c in (w[0].lower(), w[0].upper())}))
    tails = "|".join(
        f"(?<={re.escape(w[0])}){re.escape(w[1:]).replace(chr(92) + ' ', chr(92) + 's+')}{after}"
        for w, after in sorted(wordings, key=lambda wording: len(wording[0]), reverse=True)
    )
    return f"[{firsts}](?<=\\b[{firsts}])(?i:{tails})"


def _sieve(wordings: list[tuple[str, str]]) -> list[tuple[str, re.Pattern[str]]]:
    """Words, each with the pattern that must follow it, as tests of lower-cased text: what a
    text must hold for any of the words to stand, found fast (see `_may_hold_wording`).

    Each test is a word, looked for as a substring (a memory scan), and where it stands a
    pattern that opens with it: re searches for such a pattern by a scan for its first letter,
    its quickest search, where a pattern that opens with a set of letters ("[Bb]", "\\d") tests
    every character against the set and is tried at each one found (every "a", "t" and "n" of
    a text for "at least", "to 5", "no more than"), many times the cost. A wording whose first
    word is a single letter ("a maximum of") is looked for from its next word. For words that
    are not ASCII (their lower case may read otherwise than re.I reads them), one test that
    passes every text.
    """
    if not all(word.isascii() for word, _ in wordings):
        return [("", re.compile(""))]
    by_first: dict[str, list[str]] = {}  # the pattern after each first word
    for word, after in wordings:
        words = word.lower().split()
        while len(words) > 1 and len(words[0]) == 1:
            words = words[1:]
        rest = "".join(rf"\s+{re.escape(w)}" for w in words[1:])
        by_first.setdefault(words[0], []).append(f"{rest}(?i:{after})")
    return [(first, re.compile(f"{re.escape(first)}(?:{'|'.join(tails)})")) for first, tails in by_first.items()]


# by the id of a vocabulary object, kept with the object itself so that its id is never reused
_COMPILED: dict[int, tuple[TargetTerms, _Patterns]] = {}


def _patterns(terms: TargetTerms) -> _Patterns:
    # compiled once per vocabulary object; the vocabulary is frozen
    key = id(terms)
    if key not in _COMPILED:
        _COMPILED[key] = (terms, _compile(terms))
    return _COMPILED[key][1]


def has_digit(text: str) -> bool:
    """`_DIGIT.search(text) is not None`, the ASCII digits looked for by substring tests (a memory
    scan each, where the pattern tests character by character); the pattern reads on only in text
    with other characters, where a digit of another script may stand."""
    # the ten tests written out: a generator over the digits costs more than the scans themselves
    if "0" in text or "1" in text or "2" in text or "3" in text or "4" in text or "5" in text:
        return True
    if "6" in text or "7" in text or "8" in text or "9" in text:
        return True
    return not text.isascii() and _DIGIT.search(text) is not None


def may_state_target(text: str) -> bool:
    """False for a text that states no target: no figure, or no wording that needs one ("2%",
    "by <figure>", "at <figure>", "to <figure>", "no more than <figure>") and no "halve".

    Then no sentence of it (split after a full stop) and no cell of it (a tab-separated row)
    states one either, so a paragraph or table row can be passed over whole. The sieve stands
    in for the wordings' own patterns (it passes every text they match, see `_may_hold_wording`):
    a paragraph it passes is read sentence by sentence, and each sentence by those patterns.
    """
    if not has_digit(text):  # most paragraphs: a quick test, stopped at the first figure
        return False
    return _may_hold_wording(text, _bundled_patterns())  # most of the rest: prose with a year in it


def _may_hold_wording(text: str, patterns: _Patterns) -> bool:
    """False when no wording of a target stands in the text: no match of _FIGURE_UNIT,
    _BY_FIGURE, _AT_FIGURE or of a level wording. Exact, and a few scans of the text where those
    patterns test every character.

    Each test of the sieve (see `_sieve`) is the pattern of a wording without the \\b before it,
    over the lower-cased text, so it finds every match of the wording; a text whose lower case
    reads otherwise than re.I reads it is passed as it is (see `lowered_as_re_reads`).
    """
    lowered = lowered_as_re_reads(text)
    if lowered is None:
        return True
    for word, pattern in patterns.sieve:  # noqa: SIM110 (a loop: a generator costs more than the tests)
        if word in lowered and pattern.search(lowered) is not None:
            return True
    return False


@built_up_front
def _bundled_patterns() -> _Patterns:
    """The patterns of the bundled target terms (what a worker compiles before its first paper)."""
    return _patterns(load_terms())


def read_targets(
    text: str, terms: TargetTerms, *, in_row: bool = False, default_deadline: str | None = None
) -> list[Reading]:
    """Every target a piece of text states (a sentence, list item or table cell)."""
    # Every wording needs a figure, and the verb and future wordings "by <figure>": most
    # sentences of a paper have neither, and are passed over before the costly patterns.
    patterns = _patterns(terms)
    if not has_digit(text) or not _may_hold_wording(text, patterns):
        return []
    # the noun wordings need a figure with its unit: "2% reduction", "a reduction of 5 per cent in"
    readings = _noun_targets(text, terms, in_row, default_deadline) if _FIGURE_UNIT.search(text) else []
    by_figure = _BY_FIGURE.search(text) is not None
    # a verb's amount is "by <figure>"; its level "to <figure>"; "halve" states its own amount
    level = patterns.level_cue.search(text) is not None
    if by_figure or level:
        future = _future_targets(text, terms, default_deadline) if by_figure else []
        readings = _verb_targets(text, terms, default_deadline) + future + readings
    if _AT_FIGURE.search(text) is not None:
        readings += _level_targets(text, terms, default_deadline)
    if level and patterns.stated_figure.search(text) is not None:
        readings += _stated_level_targets(text, terms, default_deadline)
    return [_with_baseline(r, text) for r in readings]


def _level_targets(text: str, terms: TargetTerms, default_deadline: str | None) -> list[Reading]:
    """ "Maintain X at 25% or below by March 2026": a level to hold, stated as a target is."""
    readings: list[Reading] = []
    for m in _patterns(terms).level.finditer(text):
        if _is_year(m.group("value"), m.group("unit")) or _after_auxiliary(text, m.start()):
            continue
        deadline = read_deadline(text[m.end() :])
        opens_sentence = _SENTENCE_START.match(text[: m.start()]) is not None
        if not opens_sentence and (deadline is None or _achieved_before(text, m.start(), terms)):
            continue
        metric = terms.spell_out(_tidy_metric(m.group("metric")))
        if not metric:
            continue
        readings.append(Reading(
            direction="maintain",
            amount=None,
            unit=_unit(m.group("unit")),
            metric=metric,
            deadline=deadline[0] if deadline else default_deadline,
            target_value=_number(m.group("value")),
            start=m.start(),
            end=m.end(),
        ))
    return readings


def _future_targets(text: str, terms: TargetTerms, default_deadline: str | None) -> list[Reading]:
    if not terms.participles:
        return []
    pattern = _patterns(terms).future  # compiled with the vocabulary, not once a text
    readings: list[Reading] = []
    for m in pattern.finditer(text):
        if _is_year(m.group("amount"), m.group("unit")):
            continue
        clause_start = max(text.rfind(",", 0, m.start()), text.rfind(";", 0, m.start())) + 1
        deadline = read_deadline(text[m.end() :]) or read_deadline(text[: m.start()])
        value, end = _value_after(text, m.end(), read_deadline(text[m.end() :]))
        metric = terms.spell_out(_tidy_metric(text[clause_start : m.start()]))
        if not metric:
            continue
        subject = text[clause_start : m.start()]
        start = clause_start + len(subject) - len(subject.lstrip())
        direction = terms.direction_of(m.group("verb"), "participles")
        readings.append(_reading(direction, m, metric, deadline, default_deadline, value, start, end))
    return readings


def _achieved_before(text: str, start: int, terms: TargetTerms) -> bool:
    window = " ".join(text[max(0, start - 60) : start].split()[-6:])
    return terms.achieved_pattern.search(window) is not None


def _verb_targets(text: str, terms: TargetTerms, default_deadline: str | None) -> list[Reading]:
    verbs, amount_pattern, *_ = _patterns(terms)
    found = [m for m in verbs.finditer(text) if not _after_auxiliary(text, m.start())]
    clauses = []
    for i, verb in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        amount = amount_pattern.search(text, verb.end(), end)
        if amount and _is_year(amount.group("amount"), amount.group("unit")):
            amount = None
        clauses.append((verb, end, amount))
    readings: list[Reading] = []
    opens_sentence = False
    previous: Reading | None = None
    for i, (verb, end, amount) in enumerate(clauses):
        coordinated = i > 0 and _ENDS_AND_TO.search(text[clauses[i - 1][0].end() : verb.start()])
        # a verb joined by "and" to a sentence-opening target verb opens the sentence too
        opens_sentence = bool(_SENTENCE_START.match(text[: verb.start()])) or bool(coordinated and opens_sentence)
        metric_end = amount.start() if amount else end
        shared = None
        if amount is None and i + 1 < len(clauses) and clauses[i + 1][2] is not None:
            joint = text[verb.end() : end]
            if _ENDS_AND.search(joint):  # "Reduce X and increase Y by 10%"
                shared = clauses[i + 1][2]
                metric_end = end - len(_SPACED_AND_AT_END.search(joint).group(0))  # type: ignore[union-attr]
        source = amount or shared
        if source is None:
            reached = _level_to_reach(text, verb, end, terms, opens_sentence, default_deadline)
            readings += [reached] if reached is not None else []
            continue
        if not opens_sentence and _achieved_before(text, verb.start(), terms):
            continue
        after_amount = amount.end() if amount else end
        deadline = read_deadline(text[after_amount:])
        if deadline is None and coordinated and previous is not None and previous.deadline:
            # "to reduce X by 5% by March 2015 and to increase Y by 10%": one deadline for both
            deadline = (previous.deadline, 0, 0)
        if not opens_sentence and deadline is None:
            continue
        value, value_from = _value_after(text, after_amount, deadline)
        metric = terms.spell_out(_tidy_metric(text[verb.end() : metric_end]) or _named_before(text[: verb.start()]))
        if not metric:
            continue
        direction = terms.direction_of(verb.group("verb"))
        previous = _reading(direction, source, metric, deadline, default_deadline, value, verb.start(), value_from)
        readings.append(previous)
    return readings


def _level_to_reach(
    text: str, verb: re.Match[str], end: int, terms: TargetTerms, opens_sentence: bool, default_deadline: str | None
) -> Reading | None:
    """A verb with no "by <amount>": "reduce X to fewer than 160 by March 2020" (a level to reach,
    the target value) or "halve X by March 2014" (the amount the verb implies); else None."""
    if not opens_sentence and _achieved_before(text, verb.start(), terms):
        return None
    level = _patterns(terms).to_level.search(text, verb.end(), end)
    if level is not None and _is_year(level.group("value"), level.group("unit")):
        level = None
    implied = terms.implied_amount(verb.group("verb"))
    if level is None and implied is None:
        return None
    if level is not None:
        metric_end, after = level.start(), level.end()
    else:
        stated = read_deadline(text[verb.end() : end])
        metric_end = after = verb.end() + stated[1] if stated else end
    deadline = read_deadline(text[after:])
    if deadline is None and not opens_sentence:
        return None
    metric = terms.spell_out(_tidy_metric(text[verb.end() : metric_end]))
    if not metric:
        return None
    close = deadline is not None and deadline[1] <= _DEADLINE_REACH  # "160 offences by March 2020"
    return Reading(
        direction=terms.direction_of(verb.group("verb")) or "reduce",
        amount=implied if level is None else None,
        unit=_unit(level.group("unit")) if level is not None else "percent",
        metric=metric,
        deadline=deadline[0] if deadline else default_deadline,
        target_value=_number(level.group("value")) if level is not None else None,
        start=verb.start(),
        end=after + deadline[2] if close and deadline else after,
    )


def _stated_level_targets(text: str, terms: TargetTerms, default_deadline: str | None) -> list[Reading]:
    """ "No more than 60 first time entrants in 2016/17", "At least 85% of victims to be satisfied
    by March 2017": a ceiling or floor that opens a sentence and has a deadline."""
    readings: list[Reading] = []
    for m in _patterns(terms).stated_level.finditer(text):
        if _is_year(m.group("value"), m.group("unit")) or not _SENTENCE_START.match(text[: m.start()]):
            continue
        deadline = read_deadline(text[m.end() :])
        if deadline is None:
            continue
        wording = text[m.end() : m.end() + deadline[1]]
        if terms.achieved_pattern.search(wording):
            continue  # "At least 20 people were hurt in 2015": a count, not a target
        metric = terms.spell_out(_tidy_metric(_TO_BE.sub("", wording)))
        if metric:
            readings.append(Reading(
                direction=terms.direction_of(m.group("qualifier"), "stated_levels") or "reduce",
                amount=None,
                unit=_unit(m.group("unit")),
                metric=metric,
                deadline=deadline[0],
                target_value=_number(m.group("value")),
                start=m.start(),
                end=m.end() + deadline[2],
            ))
    return readings


def _after_auxiliary(text: str, end: int) -> bool:
    """`_AUXILIARY.search(text[:end])`, looked for in the last characters before `end` only.

    A match is an auxiliary (five letters at most) and the spaces after it, up to `end`: the
    search need not read the whole text before every verb. A `\\b` at the window's start reads
    the character before it, as in the whole text; past a long run of spaces the whole text is read.
    """
    start = max(0, end - _AUXILIARY_REACH)
    if start and len(text[start:end].rstrip()) <= _LONGEST_AUXILIARY:
        start = 0
    return _AUXILIARY.search(text, start, end) is not None


def _named_before(head: str) -> str:
    """The measure an indicator line names before its verb: "NI 16 Serious acquisitive crime - reduce"."""
    m = _NAMED_BEFORE.search(head)
    return m.group("metric") if m else ""


def _noun_targets(text: str, terms: TargetTerms, in_row: bool, default_deadline: str | None) -> list[Reading]:
    _, _, nominal, nominal_of, _, noun_after_unit, of_figure, *_ = _patterns(terms)
    readings: list[Reading] = []
    for pattern, needed in ((nominal, noun_after_unit), (nominal_of, of_figure)):
        if needed.search(text) is None:
            continue
        for m in pattern.finditer(text):
            if _achieved_before(text, m.start(), terms):
                continue
            tail = text[m.end() :]
            deadline = read_deadline(tail[:40])
            joined = next((r for r in readings if _joined(text, r.end, m.start())), None)
            if deadline is None and joined is not None and joined.deadline:
                # "a 10% reduction in X by March 2026, and a 15% reduction in Y": one deadline for both
                deadline = (joined.deadline, 0, 0)
            if deadline is None and not in_row:
                continue
            value, after = _value_after(text, m.end(), deadline)
            metric = terms.spell_out(_tidy_metric(m.group("metric") or ""))
            if not (metric or in_row) or terms.achieved_pattern.match(metric):
                continue
            direction = terms.direction_of(m.group("noun"), "nouns")
            readings.append(_reading(direction, m, metric, deadline, default_deadline, value, m.start(), after))
    return readings


def _joined(text: str, end: int, start: int) -> bool:
    """True when only ", and a" stands between the end of one reading and the start of the next."""
    between = text[end:start]
    return 0 <= start - end <= 40 and _JOINING.fullmatch(between) is not None


def _reading(
    direction: str | None,
    amount: re.Match[str],
    metric: str,
    deadline: tuple[str, int, int] | None,
    default_deadline: str | None,
    value: re.Match[str] | None,
    start: int,
    end: int,
) -> Reading:
    """A Reading from the matched amount, metric, deadline and resulting value."""
    return Reading(
        direction=direction or "reduce",
        amount=_number(amount.group("amount")),
        unit=_unit(amount.group("unit")),
        metric=metric,
        deadline=deadline[0] if deadline else default_deadline,
        target_value=_number(value.group("paren") or value.group("to")) if value else None,
        start=start,
        end=end,
    )


def _value_after(text: str, position: int, deadline: tuple[str, int, int] | None) -> tuple[re.Match[str] | None, int]:
    """The resulting number stated right after the amount or the deadline: "(2048)", "to 1,200"."""
    value = _VALUE_AFTER.match(text[position:])
    if value:
        return value, position + value.end()
    if deadline and not text[position : position + deadline[1]].strip(" ,"):
        position += deadline[2]
        value = _VALUE_AFTER.match(text[position:])
        return value, position + (value.end() if value else 0)
    return None, position + (deadline[2] if deadline else 0)


def _with_baseline(reading: Reading, text: str) -> Reading:
    """The reading with a baseline stated right after it ("from 212 in 2016/17"), if any."""
    m = _BASELINE_AFTER.match(text[reading.end :])
    if m is None and reading.target_value is not None and reading.amount is None:
        m = _BASELINE_IN_BRACKETS.match(text[reading.end :])  # a level to reach, then "(81% in 2015/16)"
    if not m or _A_YEAR.fullmatch(m.group("value")):
        return reading
    period = next(find_periods(m.groupdict().get("period_before") or m.group("period") or ""), None)
    return replace(
        reading,
        baseline=_number(m.group("value")),
        baseline_period=f"{period[0]}/{period[1]}" if period else None,
        end=reading.end + m.end(),
    )


def _drop_expansion(m: re.Match[str]) -> str:
    initials = "".join(w[0] for w in _LETTERS.findall(m.group(2))).upper()
    return m.group(1) if initials == m.group(1).upper() else m.group(0)


def _tidy_metric(raw: str) -> str:
    # "MARAC (Multi Agency Risk Assessment Conference)": the acronym is enough
    metric = _EXPANDED_ACRONYM.sub(_drop_expansion, " ".join(raw.split()))
    metric = _REPORTED_AT_END.sub("", metric)
    if metric.count("(") > metric.count(")"):
        metric = metric[: metric.rfind("(")]
    return metric.strip(" ,;:-–")
