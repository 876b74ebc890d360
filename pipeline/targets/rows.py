"""Action-plan rows: "Performance Indicator", "Target:" and "Baseline" lines of a plan's tables.

Text exports and the PDF backend both write a table row as one line with tab-separated
cells; a row whose first cell is empty carries on the row above ("\t10% reduction in number
of repeats"). One block runs from its first labelled row to the next blank or prose line,
or to the next indicator row after a target row (the next priority's block).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.priorities.cues import period_label
from pipeline.priorities.lines import Line, split_lines
from pipeline.targets.terms import TargetTerms

# "ASB incidents (Police STORM Database) 2010/2011 (2090)"
_BASELINE = re.compile(
    r"(?P<metric>[A-Za-z][^()\t]*?)\s*(?:\([^)]*\)\s*)?(?P<period>(?:19|20)\d\d\s*[/\-]\s*(?:19|20)?\d\d)\s*"
    r"\((?P<value>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\)"
)
_A_YEAR = re.compile(r"(?:19|20)\d\d")
_BARE_NUMBER = re.compile(r"^\s*(?P<value>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<rest>.*)$")


@dataclass(slots=True)  # not frozen: made for every cell of every row, and a frozen one costs twice as much
class Cell:
    """A table cell's text and its range in the document."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Baseline:
    """A baseline figure: what was counted, over which year, how many."""

    metric: str
    period: str | None
    value: float
    start: int
    end: int


@dataclass(slots=True)
class Block:
    """The target rows of one action plan, with their cells by kind."""

    number: int
    cells: dict[str, list[Cell]] = field(default_factory=lambda: {"indicator": [], "target": [], "baseline": []})
    start: int = 0
    end: int = 0

    def baselines(self) -> list[Baseline]:
        """Every baseline figure the block's baseline cells state."""
        found: list[Baseline] = []
        for cell in self.cells["baseline"]:
            for m in _BASELINE.finditer(cell.text):
                found.append(
                    Baseline(
                        " ".join(m.group("metric").split()),
                        period_label(m.group("period")),
                        float(m.group("value").replace(",", "")),
                        cell.start + m.start(),
                        cell.start + m.end(),
                    )
                )
            bare = _BARE_NUMBER.match(cell.text)
            if not found and bare and not _A_YEAR.fullmatch(bare.group("value")):
                value = float(bare.group("value").replace(",", ""))
                found.append(Baseline(bare.group("rest"), period_label(cell.text), value, cell.start, cell.end))
        return found


def cells_of(text: str, start: int) -> list[Cell]:
    """The non-empty tab-separated cells of a row written at offset `start`."""
    cells: list[Cell] = []
    position = start
    for raw in text.split("\t"):
        stripped = raw.strip()
        if stripped:
            offset = position + raw.index(stripped)
            cells.append(Cell(stripped, offset, offset + len(stripped)))
        position += len(raw) + 1
    return cells


def find_blocks(text: str, terms: TargetTerms, lines: list[Line] | None = None) -> list[Block]:
    """Every block of indicator, target and baseline rows in a text (its lines, when split already)."""
    blocks: list[Block] = []
    block: Block | None = None
    kind: str | None = None
    for line in split_lines(text) if lines is None else lines:
        if "\t" not in line.text:
            block, kind = None, None
            continue
        first, _, rest = line.text.partition("\t")
        rest_start = line.start + len(first) + 1
        if first.strip():
            kind = terms.row_kind(first)
            if kind is None:
                continue
            if block is None or (kind == "indicator" and block.cells["target"]):
                block = Block(len(blocks) + 1, start=line.start)
                blocks.append(block)
        elif block is None or kind is None:
            continue
        block.cells[kind].extend(cells_of(rest, rest_start))
        block.end = line.end
    return [b for b in blocks if b.cells["target"] or b.cells["indicator"]]
