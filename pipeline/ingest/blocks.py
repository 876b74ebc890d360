"""Assembly of structured backends (Word, HTML): paragraphs and tables in reading order into one text.

Paragraphs are separated by a blank line, as in the text exports of the same papers; the items
of a list follow each other line by line. Tables are written one row a line with cells joined
by tabs, as the PDF backend writes them, and kept as RawTable grids.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.document import Document, Page, RawTable
from pipeline.ingest.normalise import normalise
from schemas import Problem, SourceInfo


@dataclass(slots=True)
class Block:
    """A paragraph (with its bold character ranges) or a table grid, as a backend read it."""

    text: str = ""
    bold: list[tuple[int, int]] = field(default_factory=list)
    table: tuple[tuple[str, ...], ...] | None = None
    # Blocks of one group ("list", "fields") follow each other line by line, without a blank line.
    group: str | None = None


def cell_text(text: str) -> str:
    """One cell on one line: a tab or line break inside a cell must not split the row."""
    return " ".join(text.split())


def merge_bold(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping bold ranges (adjacent runs joined)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(r for r in ranges if r[1] > r[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _join_wrapped_marks(blocks: list[Block]) -> list[Block]:
    """Join two paragraphs that a literal markdown bold mark opens and closes (converted papers split them)."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.table is None
            and block.table is None
            and prev.text.count("**") % 2 == 1
            and block.text.count("**") % 2 == 1
        ):
            shift = len(prev.text) + 1
            out[-1] = Block(
                text=prev.text + "\n" + block.text,
                bold=prev.bold + [(a + shift, b + shift) for a, b in block.bold],
                group=prev.group if prev.group == block.group else None,
            )
        else:
            out.append(block)
    return out


def assemble(
    pages: list[list[Block]],
    source: SourceInfo,
    *,
    table_source: str,
    problems: list[Problem] | None = None,
    fields: tuple[tuple[str, str], ...] = (),
) -> Document:
    """Write pages of blocks into one normalised Document with its page map, tables and emphasis."""
    chunks: list[str] = []
    out_pages: list[Page] = []
    tables: list[RawTable] = []
    emphasis: list[tuple[int, int]] = []
    offset = 0
    for number, blocks in enumerate(pages, start=1):
        start = offset
        previous: Block | None = None
        for block in _join_wrapped_marks(blocks):
            if block.table is not None:
                text, marks = normalise("\n".join("\t".join(row) for row in block.table))
            else:
                text, marks = normalise(block.text)
                if not marks and text == block.text:
                    marks = block.bold
            lead = len(text) - len(text.lstrip("\n"))
            text = text.strip("\n")
            marks = [(a - lead, b - lead) for a, b in marks if a >= lead]
            if not text.strip():
                continue
            if previous is not None:
                gap = "\n" if block.group is not None and previous.group == block.group else "\n\n"
                chunks.append(gap)
                offset += len(gap)
            if block.table is not None:
                end = offset + len(text)
                tables.append(RawTable(page=number, rows=block.table, start=offset, end=end, source=table_source))
            emphasis.extend((offset + a, offset + b) for a, b in marks if b <= len(text))
            chunks.append(text)
            offset += len(text)
            previous = block
        if previous is not None:
            chunks.append("\n")
            offset += 1
        out_pages.append(Page(number=number, start=start, end=offset))
    source = source.model_copy(update={"pages": len(out_pages)})
    return Document(
        text="".join(chunks),
        pages=out_pages,
        source=source,
        tables=tables,
        emphasis=merge_bold(emphasis),
        problems=list(problems or []),
        fields=fields,
    )
