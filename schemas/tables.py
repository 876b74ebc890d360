"""Performance tables with typed cells."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from schemas.common import Located, Model

CellType = Literal["count", "number", "percent", "change", "money", "status", "period", "text", "empty"]


class TimePeriod(Model):
    """The time a period cell covers, as "YYYY" or "YYYY-MM" at each end."""

    start: str | None = None
    end: str | None = None


class Cell(Model):
    """One cell: its text as printed and its typed value."""

    text: str
    type: CellType = "text"
    value: float | str | None = None
    count: float | None = Field(None, description='count part of a combined cell "39.0% (127 offences)"')
    column: str | None = Field(None, description="header of the column")
    period: TimePeriod | None = Field(None, description="what a period cell covers")


class TableRow(Model):
    """A row: its label, its cells, and the group a sub-header row opened."""

    label: str
    cells: list[Cell] = Field(default_factory=list)
    group: str | None = None
    page: int | None = None


class PerformanceTable(Located):
    """A table: title, header rows, typed rows, pages and doubts about the parse."""

    title: str | None = None
    header: list[str] = Field(default_factory=list, description="one name per column")
    header_rows: list[list[str]] = Field(default_factory=list)
    rows: list[TableRow] = Field(default_factory=list)
    pages: list[int] = Field(default_factory=list)
    kind: Literal["performance", "action_plan", "other"] = "performance"
    quality: list[str] = Field(default_factory=list, description="notes where the parse is doubtful")
    columns: list[Cell] = Field(default_factory=list, description="the header typed: periods as column keys")
