"""Quotes for evidence: the whole sentence around a finding, kept readable in tables."""

from __future__ import annotations

from collections.abc import Iterable

import numpy
from spacy.attrs import IDX, LENGTH

from pipeline.cue_index import Columns, columns, sentences
from pipeline.parsed import Parsed
from schemas import Evidence

# A "sentence" in a table-heavy page can run for a whole grid; past this length the quote is
# the line that holds the finding instead, so an auditor still reads the words that show it.
MAX_QUOTE = 400
# A line shorter than this ends where it ends (a heading, a list item, a contents line); a
# longer one is prose wrapped at the page edge and its sentence goes on below.
WRAPPED_LINE = 60


def quote_range(parsed: Parsed, start: int, end: int) -> tuple[int, int]:
    """The sentence around a range, or its line(s) when the sentence is a run of table text."""
    text = parsed.text
    return _quote_range(text, _within_lines(text, *parsed.sentence_around(start, end), start, end), start, end)


class Quotes:
    """The quotes of one stage's many findings: sentence bounds read once from the parse, each range quoted once.

    Gives what `quote_range` and `quote_evidence` give, without walking the tokens of a
    sentence for every finding in it; `quote_all` works out many ranges in a few numpy passes.
    """

    def __init__(self, parsed: Parsed, tokens: Columns | None = None) -> None:
        self.parsed = parsed
        tokens = columns(parsed.doc) if tokens is None else tokens
        first, after = sentences(tokens)
        self._token_start = tokens[IDX].astype(numpy.int64)
        self._token_end = self._token_start + tokens[LENGTH].astype(numpy.int64)  # before the space after it
        # per token: where its sentence starts and ends
        self._sentence_start = self._token_start[first]
        self._sentence_end = self._token_end[after - 1]
        doc = parsed.doc
        self._text_end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
        self._hard_breaks: numpy.ndarray | None = None
        self._ranges: dict[tuple[int, int], tuple[int, int]] = {}
        self._words: dict[tuple[int, int], str] = {}
        self._quoted: dict[tuple[int, int], tuple[tuple[int, int], str]] = {}

    def sentence_around(self, start: int, end: int | None = None) -> tuple[int, int]:
        """`Parsed.sentence_around`, from the table."""
        end = start if end is None else end
        s, e, holds = self._sentences(numpy.array([start]), numpy.array([end]))
        if not holds[0]:
            raise IndexError("a range of spaces only holds no token")  # as the empty span spaCy gives
        return int(s[0]), int(e[0])

    def range(self, start: int, end: int) -> tuple[int, int]:
        """`quote_range` of a range."""
        key = (start, end)
        if key not in self._ranges:
            self.quote_all([key])
            if key not in self._ranges:
                raise IndexError("a range of spaces only, or outside the text, has no quote")
        return self._ranges[key]

    def quote_all(self, ranges: Iterable[tuple[int, int]]) -> None:
        """Work out the quotes of many ranges at once (`range` then gives them)."""
        todo = [r for r in dict.fromkeys(ranges) if r not in self._ranges]
        if not todo:
            return
        start, end = numpy.array(todo, dtype=numpy.int64).reshape(-1, 2).T
        s, e, holds = self._sentences(start, end)
        s, e = self._within_lines(s, e, start, end)
        text = self.parsed.text
        # A short sentence is quoted whole, whichever range in it is quoted (`_quote_range`): the
        # findings of one sentence share its quote, worked out once.
        whole: dict[tuple[int, int], tuple[tuple[int, int], str]] = {}
        for (a, b), x, y, ok in zip(todo, s.tolist(), e.tolist(), holds.tolist(), strict=True):
            if not ok:
                continue  # no quote: `range` raises IndexError, as quote_range does
            quoted = whole.get((x, y))
            if quoted is None:
                try:
                    quote = _quote_range(text, (x, y), a, b)
                except IndexError:  # a range past the end of the text, likewise
                    continue
                quoted = (quote, self.words(*quote))
                if y - x <= MAX_QUOTE:
                    whole[x, y] = quoted
            self._ranges[a, b] = quoted[0]
            self._quoted[a, b] = quoted

    def _sentences(self, start: numpy.ndarray, end: numpy.ndarray) -> tuple[numpy.ndarray, ...]:
        """Per range: its sentence bounds as `Parsed.sentence_around` gives them, and whether it holds a token.

        The tokens are those `doc.char_span(start, max(end, start + 1), alignment_mode="expand")`
        spans, found by bisection over the token starts instead of a Span per finding.
        """
        n = len(self._token_start)
        last_char = numpy.maximum(end, start + 1) - 1
        # the token whose text or following space holds a character (spaCy's token_by_char)
        first = numpy.searchsorted(self._token_start, start, side="right") - 1
        last = numpy.searchsorted(self._token_start, last_char, side="right") - 1
        found = (start >= 0) & (last_char < self._text_end) & (first >= 0)
        if not n or not found.any():
            return start, end, numpy.ones(len(start), dtype=bool)
        # numpy.clip, whose set-up costs five times these two calls on a paper's few hundred ranges
        first, last = numpy.minimum(numpy.maximum(first, 0), n - 1), numpy.minimum(numpy.maximum(last, 0), n - 1)
        first += start == self._token_end[first]  # on the space after a token: the span starts after it
        holds = ~found | (first <= last)
        first = numpy.minimum(first, n - 1)
        return (
            numpy.where(found, self._sentence_start[first], start),
            numpy.where(found, self._sentence_end[last], end),
            holds,
        )

    def _within_lines(
        self, s: numpy.ndarray, e: numpy.ndarray, start: numpy.ndarray, end: numpy.ndarray
    ) -> tuple[numpy.ndarray, numpy.ndarray]:
        """`_within_lines` of many ranges, from the breaks that end a line hard (read once from the parse's lines)."""
        if self._hard_breaks is None:
            # the line break after every line but the last, where that line ends hard (`_ends_hard`,
            # written out: a call per line costs more than the test)
            breaks = [
                line.end for line in self.parsed.lines[:-1] if line.end - line.start < WRAPPED_LINE or "\t" in line.text
            ]
            self._hard_breaks = numpy.array(breaks, dtype=numpy.int64)
        hard = self._hard_breaks
        if not len(hard):
            return s, e
        before = numpy.searchsorted(hard, start) - 1  # the last hard break before the range
        at = hard[numpy.maximum(before, 0)]
        s = numpy.where((before >= 0) & (at >= s), at + 1, s)
        after = numpy.searchsorted(hard, end)  # the first at or after its end
        at = hard[numpy.minimum(after, len(hard) - 1)]
        e = numpy.where((after < len(hard)) & (at < e), at, e)
        return s, e

    def quoted(self, start: int, end: int) -> tuple[tuple[int, int], str]:
        """`range` of a range, and the words of that quote (`words`): what a finding quotes, in one look-up."""
        key = (start, end)
        if key not in self._quoted:
            quote = self.range(start, end)
            self._quoted[key] = (quote, self.words(*quote))
        return self._quoted[key]

    def words(self, start: int, end: int) -> str:
        """The words of a text range as a quote gives them (one line, single spaces)."""
        key = (start, end)
        if key not in self._words:
            self._words[key] = " ".join(self.parsed.text[start:end].split())
        return self._words[key]

    def evidence(self, start: int, end: int) -> Evidence:
        """`quote_evidence` of a range."""
        return self.parsed.evidence(*self.range(start, end))


def _quote_range(text: str, within: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The quote of a range, from its sentence cut at hard line breaks (`within`)."""
    s, e = within
    if e - s <= MAX_QUOTE:
        return _trim(text, s, e)
    s = max(text.rfind("\n", 0, start) + 1, s)
    line_end = text.find("\n", end)
    e = min(line_end if line_end >= 0 else len(text), e)
    if e - s > MAX_QUOTE:
        # One very long line (a PDF cell run): keep the words around the finding.
        s = max(s, text.rfind(" ", 0, max(start - MAX_QUOTE // 2, s)) + 1)
        cut = text.find(" ", min(end + MAX_QUOTE // 2, e))
        e = min(e, cut if cut >= 0 else e)
    return _trim(text, s, e)


def quote_evidence(parsed: Parsed, start: int, end: int) -> Evidence:
    """Evidence for a finding at a range: its sentence (or line), page, section and span."""
    s, e = quote_range(parsed, start, end)
    return parsed.evidence(s, e)


# A quote reads as a sentence, not a heading or a table fragment, with this many words and
# one of these marks at its end.
SENTENCE_WORDS = 6
_SENTENCE_ENDS = ".!?:;"


def is_sentence(quote: str) -> bool:
    """True for a quote that reads as a sentence rather than a heading or a table fragment."""
    return len(quote.split()) >= SENTENCE_WORDS and quote.rstrip()[-1:] in _SENTENCE_ENDS


def words_read_as_sentence(words: str) -> bool:
    """`is_sentence` of a quote's words (`Quotes.words`: one space apart, none at either end),
    without splitting them again: they are one more than their spaces."""
    return words.count(" ") >= SENTENCE_WORDS - 1 and words[-1:] in _SENTENCE_ENDS


def _within_lines(text: str, s: int, e: int, start: int, end: int) -> tuple[int, int]:
    """Cut a sentence at hard line breaks: the spaCy sentence runs across headings and lists."""
    n = text.rfind("\n", s, start)
    while n >= 0:
        line_start = text.rfind("\n", 0, n) + 1
        if _ends_hard(text[line_start:n]):
            s = n + 1
            break
        n = line_start - 1 if line_start > s else -1
    n = text.find("\n", end, e)
    while n >= 0:
        if _ends_hard(text[text.rfind("\n", 0, n) + 1 : n]):
            e = n
            break
        n = text.find("\n", n + 1, e)
    return s, e


def _ends_hard(line: str) -> bool:
    """A short line (heading, list item, contents entry) or a table row ends where it ends."""
    return len(line) < WRAPPED_LINE or "\t" in line


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\n-•*":
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
