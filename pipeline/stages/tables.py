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
    for grid in find_grids(parsed.document, parsed.lines):
        shaped = shape_grid(grid.rows, grid.row_pages)
        if shaped is None or not shaped.rows:
            continue
        tables.append(
            PerformanceTable(
                title=caption_above(parsed.text, grid.start) or _title_from_header(shaped.header),
                header=shaped.header,
                header_rows=shaped.header_rows,
                columns=shaped.columns,
                rows=shaped.rows,
                pages=grid.pages,
                kind=shaped.kind,
                quality=list(dict.fromkeys(grid.notes + shaped.notes)),
                span=parsed.span(grid.start, grid.end),
                section=parsed.section_label(grid.start),
                stage="tables",
            )
        )
    return tables


def _title_from_header(header: list[str]) -> str | None:
    """A label column headed by a name of several words ("Customer Services KPIs") names the table."""
    name = header[0] if header else ""
    return name if len(name.split()) >= 2 and name[0].isupper() and not name.endswith(".") else None


def caption_above(text: str, start: int) -> str | None:
    """The caption or heading just above a table: the nearest short line that is not prose."""
    lines = text[max(0, start - 4000) : start].split("\n")
    full = max((len(ln.strip()) for ln in lines[-CAPTION_WINDOW:]), default=0)
    seen = 0
    below = ""  # the text line under the one looked at, when no blank line parts them
    for raw in reversed(lines):
        cells = [c for c in raw.split("\t") if c.strip()]
        if len(cells) > 1:
            break  # another table's row: the caption, if any, is not above it
        line = raw.strip()
        if not line:
            below = ""
            continue
        seen += 1
        if seen > CAPTION_WINDOW:
            break
        if _CAPTION.match(line):
            return line
        # A line nearly as wide as the text, with text right under it, is a wrapped paragraph line.
        wrapped = bool(below) and full >= 60 and len(line) >= PARAGRAPH_WIDTH * full
        if _heading_like(line, below) and not wrapped:
            return line
        below = line
    return None


def _heading_like(line: str, below: str) -> bool:
    if len(line) > MAX_CAPTION or len(line) < 3:
        return False
    if line.endswith((".", ",", ";", ":", ":-")) or not (line[0].isupper() or line[0].isdigit()):
        return False
    return not below[:1].islower()  # a line the next line carries on is part of a paragraph
