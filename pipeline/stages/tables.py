"""Stage: performance tables with typed cells, from backend grids and tab- or pipe-separated text.

Key-value blocks ("Meeting: / Date:") and contents lists are left to the metadata stage;
action-plan forms are kept with kind "action_plan"; grids with no figures are kind "other".
"""

from __future__ import annotations

import re

from pipeline.parsed import Parsed
from pipeline.tables.grids import find_grids
from pipeline.tables.shape import shape_grid
from schemas import PerformanceTable, PlanExtraction

# How far above a table its caption may stand, in non-empty lines.
CAPTION_WINDOW = 12
# A line this long against the longest line nearby is a wrapped line of a paragraph.
PARAGRAPH_WIDTH = 0.75
MAX_CAPTION = 100
_CAPTION = re.compile(r"^(?:table|figure|chart)\s+\d+[a-z]?\s*[:.–-]", re.I)


def find_tables(parsed: Parsed, found: PlanExtraction) -> list[PerformanceTable]:
    """Every table of the document, typed, with its title, pages, span and section."""
    tables: list[PerformanceTable] = []
    for grid in find_grids(parsed.document):
        shaped = shape_grid(grid.rows, grid.row_pages)
        if shaped is None:
            continue
        tables.append(
            PerformanceTable(
                title=caption_above(parsed.text, grid.start) or _title_from_header(shaped.header),
                header=shaped.header,
                header_rows=shaped.header_rows,
                columns=shaped.columns,
                rows=shaped.rows,
                pages=grid.pages,
                kind=shaped.kind,  # type: ignore[arg-type]
                quality=grid.notes + shaped.notes,
                span=parsed.span(grid.start, grid.end),
                section=parsed.section_label(grid.start),
                stage="tables",
            )
        )
    return tables


def _title_from_header(header: list[str]) -> str | None:
    """A label column headed by a name of several words ("Customer Services KPIs") names the table."""
    return header[0] if header and len(header[0].split()) >= 2 else None


def caption_above(text: str, start: int) -> str | None:
    """The caption or heading just above a table: the nearest short line that is not prose."""
    lines = text[max(0, start - 4000) : start].split("\n")
    nearby = [len(ln.strip()) for ln in lines[-CAPTION_WINDOW:]]
    full = max(nearby, default=0)
    seen = 0
    below = ""
    for raw in reversed(lines):
        cells = [c for c in raw.split("\t") if c.strip()]
        if len(cells) > 1:
            break  # another table's row: the caption, if any, is not above it
        line = raw.strip()
        if not line:
            continue
        seen += 1
        if seen > CAPTION_WINDOW:
            break
        if _CAPTION.match(line):
            return line
        if _heading_like(line, below) and not (full >= 60 and len(line) >= PARAGRAPH_WIDTH * full):
            return line
        below = line
    return None


def _heading_like(line: str, below: str) -> bool:
    if len(line) > MAX_CAPTION or len(line) < 3:
        return False
    if line.endswith((".", ",", ";", ":", ":-")) or not (line[0].isupper() or line[0].isdigit()):
        return False
    return not below[:1].islower()  # a line the next line carries on is part of a paragraph
