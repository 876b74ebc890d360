"""What a heading line looks like, read from `data/headings.json`.

A heading is short and does not read as a sentence: "5. Summary", "3.0 Detail", "BRIEF SUMMARY",
"Appendix A – Action Plan". A numbered paragraph ("3.1 A requirement was established ...") is
numbered like a heading but reads as a sentence, so it is body text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from pipeline.textlines import SMALL_WORDS, is_upper
from pipeline.upfront import built_up_front


class HeadingRules(BaseModel):
    """Heading patterns and the word lists that tell a heading from a sentence."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int
    about: str = ""
    numbered: list[str] = Field(min_length=1)
    appendix: str
    contents_titles: list[str] = Field(min_length=1)
    contents_entry: str
    max_words: int = Field(ge=1)
    max_chars: int = Field(ge=10)
    max_title_case_words: int = Field(ge=1)
    max_top_number: int = Field(ge=1)
    bullets: list[str]
    sentence_openers: list[str]
    sentence_verbs: list[str]
    not_headings: list[str]
    ending_words: list[str] = Field(description="a line ending in one of these (or a small word) wraps on")

    @field_validator("numbered")
    @classmethod
    def _numbered_groups(cls, patterns: list[str]) -> list[str]:
        for p in patterns:
            groups = re.compile(p).groupindex
            if "number" not in groups or "heading" not in groups:
                raise ValueError(f"numbered pattern needs groups 'number' and 'heading': {p}")
        return patterns

    @model_validator(mode="after")
    def _title_case_words_within_max(self) -> HeadingRules:
        # a title-case heading is a heading shape with fewer words (see title_case_heading)
        if self.max_title_case_words > self.max_words:
            raise ValueError("max_title_case_words must not exceed max_words")
        return self

    @field_validator("appendix", "contents_entry")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        re.compile(pattern)
        return pattern

    @cached_property
    def numbered_res(self) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p) for p in self.numbered)

    @cached_property
    def appendix_re(self) -> re.Pattern[str]:
        return re.compile(self.appendix)

    @cached_property
    def contents_entry_re(self) -> re.Pattern[str]:
        return re.compile(self.contents_entry)

    @cached_property
    def bullet_marks(self) -> tuple[str, ...]:
        """What a list item starts with: a bullet and a space or tab."""
        return tuple(b + gap for b in self.bullets for gap in (" ", "\t"))

    @cached_property
    def sentence_words(self) -> tuple[frozenset[str], frozenset[str]]:
        return frozenset(self.sentence_openers), frozenset(self.sentence_verbs)

    @cached_property
    def not_heading_set(self) -> frozenset[str]:
        return frozenset(self.not_headings)

    @cached_property
    def ending_word_suffixes(self) -> tuple[str, ...]:
        return tuple(" " + w for w in self.ending_words)


@built_up_front
@cache
def heading_rules() -> HeadingRules:
    """The heading rule data (read and validated once)."""
    text = resources.files("pipeline").joinpath("data", "headings.json").read_text(encoding="utf-8")
    return HeadingRules.model_validate(json.loads(text))


@dataclass(frozen=True, slots=True)
class NumberedLine:
    """A line that starts with a section number: "3.1 Scope" -> ("3.1", (3, 1), "Scope")."""

    number: str
    parts: tuple[int, ...]
    heading: str


def numbered(text: str) -> NumberedLine | None:
    """The number and the rest of a numbered line, or None."""
    r = heading_rules()
    for pattern in r.numbered_res:
        m = pattern.match(text)
        if m:
            parts = [int(p) for p in m.group("number").split(".")]
            while len(parts) > 1 and parts[-1] == 0:  # "3.0 Detail" is section 3
                parts.pop()
            if not 0 < parts[0] <= r.max_top_number:
                return None
            return NumberedLine(".".join(map(str, parts)), tuple(parts), m.group("heading").strip())
    return None


def is_bulleted(text: str) -> bool:
    """A list item ("- 3.1 The report ...", "• Youth Issues") is never a heading."""
    return text.startswith(heading_rules().bullet_marks)


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_LONG_WORD = re.compile(r"[A-Za-z]{3,}")
_BRACKETED = re.compile(r"\([^)]*\)")
_MONEY_OR_FIGURE_END = re.compile(r"[%£$]|\d$")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def reads_as_sentence(text: str) -> bool:
    """True for sentence-like text: opens like a sentence or has a finite verb."""
    openers, verbs = heading_rules().sentence_words
    words = [w.lower() for w in _words(text)]
    if not words:
        return False
    return words[0] in openers or not verbs.isdisjoint(words)


def ends_as_prose(text: str) -> bool:
    """A stripped line that ends as a sentence or a clause does, or asks: never heading-shaped."""
    return text[-1] in ".,;!" or "?" in text


def heading_shaped(text: str, max_words: int | None = None) -> bool:
    """Short, unpunctuated at the end, capitalised, and not a sentence."""
    r = heading_rules()
    text = text.strip()
    if len(text) > r.max_chars or not text:
        return False
    if ends_as_prose(text) or not (text[0].isupper() or text[0].isdigit()):
        return False
    words = text.split()
    if len(words) > (max_words or r.max_words):
        return False
    body = text.rstrip(":").rstrip().lower()
    if body in r.not_heading_set or not _LONG_WORD.search(text):
        return False
    body_words = body.split()
    last = body_words[-1] if body_words else ""
    if len(words) > 1 and (last in SMALL_WORDS or body.endswith(r.ending_word_suffixes)):
        return False  # "... the Members of the", "RESOLVED that": the line goes on
    if text.count("(") != text.count(")"):
        return False  # the end of a wrapped parenthesis: "Plan)"
    if ":" in text.rstrip(":"):
        return False  # "Source: ONS", "Date: 29th November" are fields, not headings
    return not reads_as_sentence(text)


def upper_case_heading(text: str, shaped: bool | None = None) -> bool:
    """ "RESOURCE IMPLICATIONS", "DETAIL (Including consultation carried out)".

    `shaped` is `heading_shaped(text)` when the caller has it already.
    """
    shaped = heading_shaped(text) if shaped is None else shaped
    return shaped and is_upper(_BRACKETED.sub("", text))


def title_case_heading(text: str, shaped: bool | None = None) -> bool:
    """ "Community Forums", "Other Legal Implications:" — every main word capitalised.

    `shaped` is `heading_shaped(text)` when the caller has it already.
    """
    shaped = heading_shaped(text) if shaped is None else shaped
    if not shaped or len(text.split()) > heading_rules().max_title_case_words:
        return False
    words = _words(text)
    if not words or words[-1].lower() in SMALL_WORDS or _MONEY_OR_FIGURE_END.search(text):
        return False
    if text.count(",") >= 2:
        return False  # "Ms Hawkins, Mr Mallon, Mr Shonk": a list, not a heading
    main = [w for w in words if w.lower() not in SMALL_WORDS]
    return bool(main) and all(w[0].isupper() for w in main)


def contents_title(text: str) -> bool:
    """ "Contents", "TABLE OF CONTENTS", "Contents <tab> Page"."""
    first = text.strip().partition("\t")[0]
    return first.rstrip(":").strip().lower() in heading_rules().contents_titles


def contents_entry(text: str) -> str | None:
    """The entry of a contents line ("4 Rochford LSP ..... 8" -> "4 Rochford LSP")."""
    m = heading_rules().contents_entry_re.match(text.strip())
    return m.group("entry").rstrip(". ").strip() if m else None


_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")


def entry_key(text: str) -> str:
    """How a contents entry and its heading line are compared."""
    return _NOT_ALPHANUMERIC.sub(" ", text.lower()).strip()
