"""Cue phrases for priority lists (pipeline/data/priority_cues.json), validated on load."""

from __future__ import annotations

import json
import re
from functools import cached_property, lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from pipeline.dates import find_periods
from pipeline.upfront import built_up_front

_HEADING_WORDS = 6
_OPENING_PHRASE = re.compile(
    r"^(?:in|with|following|as|under|given|due\s+to|through|after|having|to|from|based\s+on|in\s+line\s+with)\b[^,;:]*,\s*",
    re.I,
)
CUES_FILE = Path(__file__).resolve().parent.parent / "data" / "priority_cues.json"


class PriorityCues(BaseModel):
    """What makes a sentence lead into a list of priorities, and how groups name their scope."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    description: str = ""
    priority_words: list[str] = Field(min_length=1)
    not_priority_after: list[str] = Field(default_factory=list)
    introducers: list[str] = Field(default_factory=list)
    counts: list[str] = Field(default_factory=list)
    not_cues: list[str] = Field(default_factory=list)
    county_labels: list[str] = Field(default_factory=list)
    local_labels: list[str] = Field(default_factory=list)
    heading_prefixes: list[str] = Field(default_factory=list)
    heading_words: list[str] = Field(default_factory=lambda: ["priority"], min_length=1)

    @cached_property
    def priority_pattern(self) -> re.Pattern[str]:
        words = _alternation(self.priority_words)
        adjectival = _alternation(self.not_priority_after)
        return re.compile(rf"\b(?:{words})\b(?!\s+(?:{adjectival})\b)", re.I)

    @cached_property
    def priority_line_words(self) -> tuple[str, ...]:
        """Words found, in any case, in every line that names priorities: "priorit" and the last word
        of each priority word. A superset of the lines a cue or a "Priority N" heading stands on.

        A phrase ending in a short word ("will focus on") is looked for as its last two words
        (`priority_line_pairs`): "on" alone stands on nearly every line."""
        words = {"priorit", *(w.split()[-1].lower() for w in self.priority_words if not _pair_of(w))}
        words |= {w.lower() for w in self.heading_words}
        return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))

    @cached_property
    def priority_line_pairs(self) -> tuple[re.Pattern[str], ...]:
        """The phrases looked for as their last two words, each a pattern whose group 1 is the last
        word, in lower case (searched in the lower-cased text: a pattern that opens with a plain word
        skips to it, where one under re.I is tried at every character)."""
        pairs = sorted({pair for w in self.priority_words if (pair := _pair_of(w))})
        return tuple(re.compile(rf"{re.escape(lead)}\s+({re.escape(last)})") for lead, last in pairs)

    @cached_property
    def priority_line_pairs_any_case(self) -> tuple[re.Pattern[str], ...]:
        """`priority_line_pairs` under re.I, for a text whose lower case moves its offsets."""
        return tuple(re.compile(p.pattern, re.I) for p in self.priority_line_pairs)

    @cached_property
    def priority_line_hint(self) -> re.Pattern[str]:
        """`priority_line_words` as one pattern."""
        return re.compile("|".join(re.escape(w) for w in self.priority_line_words), re.I)

    @cached_property
    def not_cue_pattern(self) -> re.Pattern[str]:
        return re.compile(rf"\b(?:{_alternation(self.not_cues)})\b", re.I)

    @cached_property
    def count_pattern(self) -> re.Pattern[str]:
        counts = _alternation(self.counts)
        return re.compile(
            rf"\b(?:\d{{1,2}}|{counts})\s+(?:\w+\s+){{0,3}}?(?:{_alternation(self.priority_words)})\b", re.I
        )

    @cached_property
    def introducer_pattern(self) -> re.Pattern[str]:
        return re.compile(rf"\b(?:{_alternation(self.introducers)})\b", re.I)

    @cached_property
    def heading_pattern(self) -> re.Pattern[str]:
        """ "Strategic Priority 1: Reduce ...", "Priority Two – Tackling ...", "Objective 3: ..." """
        prefixes = _alternation(self.heading_prefixes)
        number = r"(?:\d{1,2}|[ivx]{1,5}|one|two|three|four|five|six|seven|eight|nine|ten)"
        word = _alternation(self.heading_words)
        return re.compile(
            rf"^[ \t]*(?:(?:{prefixes})\s+)?(?:{word})\s+\(?{number}\)?\s*[:.–\-]\s*(?P<text>\S.*?)"
            r"(?:\s*\.{3,}.*|\t+\s*\d{1,3}\s*)?$",  # dot leaders and page numbers of a contents page
            re.I,
        )

    @cached_property
    def bare_heading_pattern(self) -> re.Pattern[str]:
        """ "PRIORITY ONE" or "Strategic Priority 2" alone on its line: the title follows."""
        prefixes = _alternation(self.heading_prefixes)
        number = r"(?:\d{1,2}|[ivx]{1,5}|one|two|three|four|five|six|seven|eight|nine|ten)"
        word = _alternation(self.heading_words)
        return re.compile(rf"^[ \t]*(?:(?:{prefixes})\s+)?(?:{word})\s+\(?{number}\)?\s*[:.–\-]?\s*$", re.I)

    @cached_property
    def table_header_pattern(self) -> re.Pattern[str]:
        """The first header cell of a table that lists priorities: "Priority", "Our priorities"."""
        prefixes = _alternation(self.heading_prefixes)
        return re.compile(rf"^(?:(?:{prefixes})\s+)*(?:priority|priorities)(?:\s+areas?)?\s*:?$", re.I)

    def is_cue(self, lead_in: str) -> bool:
        """True when a sentence names priorities and introduces the list that follows it."""
        text = " ".join(lead_in.split())
        if not text or not self.priority_pattern.search(text):
            return False
        # an opening phrase is no part of what is listed: "In line with our statutory duty, the
        # partnership agreed the following priorities:" is a cue, "The data sources used to
        # identify the priorities include:" is not
        main = _OPENING_PHRASE.sub("", text)
        if not self.priority_pattern.search(main) or self.not_cue_pattern.search(main):
            return False
        if re.search(r"(?::-?|–|—|-)\s*$", text):
            return True
        if len(text.split()) <= _HEADING_WORDS and not re.search(r"[.,;]", text):
            return True  # a heading such as "Our Priorities for 2013/14" right above the list
        return bool(self.count_pattern.search(text) or self.introducer_pattern.search(text))

    def scope_named(self, lead_in: str) -> str | None:
        """county/local when a lead-in names the scope of its priorities ("our county-wide priorities")."""
        m = _scope_named_pattern(tuple(self.priority_words)).search(lead_in)
        return self.scope_of(m.group(1)) if m else None

    def scope_of(self, label: str) -> str | None:
        """county/local for a group label such as "County:" or "Bromsgrove:"."""
        text = " ".join(label.lower().replace(":", " ").split())
        if _any_word(tuple(self.county_labels)).search(text):
            return "county"
        if _any_word(tuple(self.local_labels)).search(text):
            return "local"
        return None


# The patterns are built from the cue data once, not for every lead-in and label.
# A last word this short stands on nearly every line: the phrase is looked for by its last two.
_SHORT_LAST_WORD = 3


def _pair_of(phrase: str) -> tuple[str, str] | None:
    """A phrase's last two words (lower case), where its last word is too short to look for alone."""
    words = phrase.lower().split()
    return (words[-2], words[-1]) if len(words) >= 2 and len(words[-1]) <= _SHORT_LAST_WORD else None


@lru_cache(maxsize=16)
def _scope_named_pattern(priority_words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"((?:\b[\w-]+\s+){{1,2}})(?:{_alternation(list(priority_words))})\b", re.I)


@lru_cache(maxsize=16)
def _any_word(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_alternation(list(words))})\b")


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@built_up_front
@lru_cache(maxsize=1)
def _bundled_patterns() -> tuple[re.Pattern[str], ...]:
    """The scope patterns of the bundled cue data, compiled before a worker's first paper."""
    cues = load_cues()
    words = (cues.priority_words, cues.county_labels, cues.local_labels)
    return (_scope_named_pattern(tuple(words[0])), *(_any_word(tuple(w)) for w in words[1:]))


@built_up_front
@lru_cache(maxsize=1)
def load_cues(path: str | None = None) -> PriorityCues:
    """The priority cue data, validated (the bundled file unless a path is given)."""
    return PriorityCues.model_validate(json.loads(Path(path or CUES_FILE).read_text(encoding="utf-8")))


def period_label(text: str) -> str | None:
    """The one year range a text names, as "2011/2012" (None when none or several)."""
    periods = {(a, b) for a, b, _, _ in find_periods(text) if b - a == 1}
    if len(periods) != 1:
        return None
    start, end = periods.pop()
    return f"{start}/{end}"
