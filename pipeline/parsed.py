"""What every stage reads: the Document and its one spaCy parse."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc

from pipeline.document import Document
from pipeline.textlines import Line, split_lines
from schemas import Evidence, Section, Span


@dataclass(slots=True)
class Parsed:
    """The document text, its page map and its single tokenisation and sentence split."""

    document: Document
    doc: Doc
    sections: list[Section] = field(default_factory=list)
    _section_starts: list[int] = field(default_factory=list, repr=False)
    _lines: tuple[Line, ...] | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def lines(self) -> tuple[Line, ...]:
        """The text's lines with their offsets (split once, read by every stage that reads lines)."""
        if self._lines is None:
            self._lines = tuple(split_lines(self.document.text))
        return self._lines

    def with_sections(self, sections: list[Section]) -> None:
        """Record the section structure (set by the runner after the sections stage)."""
        self.sections = sorted(sections, key=lambda s: s.span.start)
        self._section_starts = [s.span.start for s in self.sections]

    def section_at(self, offset: int) -> Section | None:
        """The innermost section whose heading precedes an offset."""
        i = bisect.bisect_right(self._section_starts, offset) - 1
        while i >= 0:
            section = self.sections[i]
            if section.span.start <= offset < max(section.span.end, section.span.start + 1):
                return section
            i -= 1
        return None

    def section_label(self, offset: int) -> str | None:
        """How findings name their section: its number, else its heading."""
        section = self.section_at(offset)
        if section is None:
            return None
        return section.number or section.heading

    def span(self, start: int, end: int) -> Span:
        return self.document.span(start, end)

    def evidence(self, start: int, end: int, *, quote: str | None = None) -> Evidence:
        """Evidence for a text range: the quote, its page, section and span (`quote`: its words, if read)."""
        quote = " ".join(self.text[start:end].split()) if quote is None else quote
        page = self.document.page_at(start)
        # the span is validated with the evidence, in one call (`self.span` would validate it alone first)
        span = {"page": page, "start": start, "end": end}
        return Evidence(quote=quote, page=page, section=self.section_label(start), span=span)

    def sentence_around(self, start: int, end: int | None = None) -> tuple[int, int]:
        """The character range of the sentence(s) that hold a range."""
        end = start if end is None else end
        first = self.doc.char_span(start, max(end, start + 1), alignment_mode="expand")
        if first is None:
            return start, end
        return first[0].sent.start_char, first[-1].sent.end_char
