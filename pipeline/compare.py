"""Compare councils: which themes each council prioritised, in which plan period.

Reads the normalised tables of a results store. A row of the matrix is a council and plan
period (councils with several plans get one row per period); a column is a theme; a cell
holds the priorities of that row with that theme, with their sources. Near-identical
priorities of different councils share a group (see `pipeline.priority_groups`).
"""

from __future__ import annotations

import os
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePath

from pipeline.export import open_existing
from pipeline.priority_groups import group_priorities
from pipeline.store import theme_label

NO_THEME = "unclassified"


@dataclass(frozen=True, slots=True)
class Source:
    """Where a priority or target was read: the paper, its page and section."""

    path: str
    page: int | None
    section: str | None = None


@dataclass(slots=True)
class PriorityEntry:
    """A priority as a council wrote it, its group, and every paper of the row that states it."""

    text: str
    council: str
    theme: str
    group: int
    rank: int  # 0 where the theme is the priority's main theme
    sources: list[Source] = field(default_factory=list)


@dataclass(slots=True)
class TargetEntry:
    """A target of a council's plan, and every paper of the row that states it."""

    metric: str
    direction: str
    amount: float | None
    unit: str | None
    deadline: str | None
    priority: str | None
    text: str | None
    sources: list[Source] = field(default_factory=list)

    def describe(self) -> str:
        """One line: "reduce burglary by 5% by 2012-03"."""
        amount = "" if self.amount is None else f" by {self.amount:g}{'%' if self.unit == 'percent' else ''}"
        return f"{self.direction} {self.metric}{amount}" + (f" by {self.deadline}" if self.deadline else "")


@dataclass(slots=True)
class CouncilPeriod:
    """A row of the matrix: one council in one plan period."""

    council: str
    period: str
    start_year: int | None
    documents: set[str] = field(default_factory=set)
    cells: dict[str, list[PriorityEntry]] = field(default_factory=lambda: defaultdict(list))
    targets: list[TargetEntry] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.council} {self.period}"


@dataclass(slots=True)
class Comparison:
    """The council x theme matrix and what backs each cell."""

    rows: list[CouncilPeriod]
    themes: list[str]
    labels: dict[str, str]
    groups: dict[int, list[PriorityEntry]]
    year_from: int | None = None
    year_to: int | None = None
    left_out: int = 0  # documents outside the years asked for, or of no known year
    off_topic: int = 0  # documents on other services (none of it about community safety)

    def count(self, row: CouncilPeriod, theme: str) -> int:
        """Number of the row's priorities with this theme."""
        return len(row.cells.get(theme, ()))

    def shared_groups(self) -> list[list[PriorityEntry]]:
        """Groups of near-identical priorities that more than one council set, largest first."""
        shared = [g for g in self.groups.values() if len({p.council for p in g}) > 1]
        return sorted(shared, key=lambda g: (-len({p.council for p in g}), g[0].text))


def build_comparison(
    db_path: str | os.PathLike[str], year_from: int | None = None, year_to: int | None = None
) -> Comparison:
    """Read a results store into the council x theme matrix, keeping plans that overlap the years."""
    conn = open_existing(db_path)
    conn.row_factory = sqlite3.Row
    try:
        # a store of version 1 (read-only here, so not brought up to date) has no community_safety
        known = {row[1] for row in conn.execute("PRAGMA table_info(documents)")}
        topic = "community_safety" if "community_safety" in known else "NULL AS community_safety"
        documents = conn.execute(
            "SELECT sha256, path, council, partnership, plan_start_year, plan_end_year, plan_period_text, "
            f"meeting_date, published, {topic} FROM documents WHERE status != 'failed' "
            # a content no input path holds any more (its file changed since) is history, not a plan
            "AND EXISTS (SELECT 1 FROM paths WHERE paths.sha256 = documents.sha256) ORDER BY sha256"
        ).fetchall()
        rows: dict[tuple[str, str], CouncilPeriod] = {}
        row_of: dict[str, CouncilPeriod] = {}
        left_out = off_topic = 0
        for d in documents:
            if d["community_safety"] == "none":  # a paper on other services: its priorities are not these
                off_topic += 1
                continue
            start, end = _years(d)
            if not _overlaps(start, end, year_from, year_to):
                left_out += 1
                continue
            council = d["council"] or d["partnership"] or PurePath(d["path"]).stem
            period = _period_label(start, end)
            row = rows.setdefault((council, period), CouncilPeriod(council, period, start))
            row.documents.add(d["path"])
            row_of[d["sha256"]] = row
        priorities = [p for p in _priorities(conn) if p["sha256"] in row_of]
        targets = [t for t in _targets(conn) if t["sha256"] in row_of]
    finally:
        conn.close()
    texts = sorted({p["text"] for p in priorities})
    group_of = dict(zip(texts, group_priorities(texts), strict=True))
    groups: dict[int, list[PriorityEntry]] = defaultdict(list)
    # A row's papers often repeat one priority (a plan and the report on it, or one paper in
    # two formats): it counts once, with every source.
    seen: dict[tuple[int, str, str], PriorityEntry] = {}
    for p in priorities:
        row = row_of[p["sha256"]]
        theme = p["theme"] or NO_THEME
        key = (id(row), theme, " ".join(p["text"].casefold().split()))
        entry = seen.get(key)
        if entry is None:
            entry = seen[key] = PriorityEntry(p["text"], row.council, theme, group_of[p["text"]], p["rank"])
            row.cells[theme].append(entry)
            if entry.rank == 0:
                groups[entry.group].append(entry)
        entry.sources.append(Source(p["path"], p["page"], p["section"]))
    targets_seen: dict[tuple[object, ...], TargetEntry] = {}
    for t in targets:
        row = row_of[t["sha256"]]
        fields = (t["metric"], t["direction"], t["amount"], t["unit"], t["deadline"], t["priority"], t["text"])
        target = targets_seen.get((id(row), *fields))
        if target is None:
            target = targets_seen[(id(row), *fields)] = TargetEntry(*fields)
            row.targets.append(target)
        target.sources.append(Source(t["path"], t["page"]))
    ordered = sorted(rows.values(), key=lambda r: (r.council.lower(), r.start_year or 0, r.period))
    themes = _theme_order(ordered)
    return Comparison(
        rows=ordered,
        themes=themes,
        labels={t: theme_label(t) if t != NO_THEME else "No theme" for t in themes},
        groups=dict(groups),
        year_from=year_from,
        year_to=year_to,
        left_out=left_out,
        off_topic=off_topic,
    )


def _years(d: sqlite3.Row) -> tuple[int | None, int | None]:
    """The plan period, or else the year of the meeting or of publication."""
    if d["plan_start_year"]:
        return d["plan_start_year"], d["plan_end_year"] or d["plan_start_year"]
    for value in (d["meeting_date"], d["published"]):
        if value:
            return int(value[:4]), int(value[:4])
    return None, None


def _overlaps(start: int | None, end: int | None, year_from: int | None, year_to: int | None) -> bool:
    if year_from is None and year_to is None:
        return True
    if start is None or end is None:
        return False
    return (year_to is None or start <= year_to) and (year_from is None or end >= year_from)


def _period_label(start: int | None, end: int | None) -> str:
    if start is None:
        return "undated"
    return str(start) if end in (None, start) else f"{start}–{end}"


def _priorities(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    # Every priority appears once per theme; a priority with no theme once, as NO_THEME.
    return conn.execute(
        "SELECT p.sha256, p.priority_no, p.text, p.section, p.page, d.path, t.theme, COALESCE(t.rank, 0) AS rank "
        "FROM priorities p JOIN documents d USING (sha256) "
        "LEFT JOIN priority_themes t ON t.sha256 = p.sha256 AND t.priority_no = p.priority_no "
        "ORDER BY p.sha256, p.priority_no, t.rank"
    ).fetchall()


def _targets(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    return conn.execute(
        "SELECT t.*, d.path FROM targets t JOIN documents d USING (sha256) ORDER BY t.sha256, t.target_no"
    ).fetchall()


def _theme_order(rows: list[CouncilPeriod]) -> list[str]:
    """Themes most councils share first; the unthemed column last."""
    spread: dict[str, int] = defaultdict(int)
    for row in rows:
        for theme in row.cells:
            spread[theme] += 1
    return sorted(spread, key=lambda t: (t == NO_THEME, -spread[t], t))
