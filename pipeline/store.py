"""The results store: an SQLite database of extractions, one transaction per document.

The schema (with its documentation) is `pipeline/data/results_schema.sql`. Each document's
rows are written in one transaction, so a process killed at any moment leaves either the
whole document or none of it. Rows are keyed by content hash and item position, so the
store's content does not depend on the order in which documents finish.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from pipeline.errors import StoreError
from pipeline.settings import Settings
from schemas import (
    SCHEMA_VERSION,
    Evidence,
    Funding,
    Located,
    Partner,
    PlanExtraction,
    Priority,
    StatutoryFinding,
    Target,
)

STORE_VERSION = "2"
# What brings a store of an older version up to the next one (a store is never rebuilt: it
# holds a batch's work). Its documents are extracted again on the next run of the batch, as
# their schema version is older too.
_MIGRATIONS = {"1": ("ALTER TABLE documents ADD COLUMN community_safety TEXT",)}
# Columns that record when, not what: left out when two stores are compared.
VOLATILE_COLUMNS = {"documents": {"processed_at"}, "paths": {"seen_at"}}
LOG_TABLES = {"runs"}


def schema_sql() -> str:
    """The documented DDL of the store."""
    return resources.files("pipeline").joinpath("data/results_schema.sql").read_text(encoding="utf-8")


def connect(db_path: str | os.PathLike[str]) -> sqlite3.Connection:
    """Open (creating if need be) a results store in WAL mode with foreign keys on."""
    Path(db_path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db_path, timeout=60, isolation_level=None)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        # NORMAL is durable against a killed process (the case a batch must survive); only a
        # power cut may lose the last transactions, never corrupt the file.
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.executescript(schema_sql())
    except sqlite3.DatabaseError as e:
        conn.close()
        raise StoreError(f"{db_path}: not a councilplans results database ({e})") from e
    conn.execute("INSERT OR IGNORE INTO store_info VALUES ('store_version', ?)", (STORE_VERSION,))
    (version,) = conn.execute("SELECT value FROM store_info WHERE key = 'store_version'").fetchone()
    version = _migrated(conn, version)
    if version != STORE_VERSION:
        conn.close()
        raise StoreError(f"{db_path}: a results database of store version {version}; this is version {STORE_VERSION}")
    return conn


def _migrated(conn: sqlite3.Connection, version: str) -> str:
    """Bring an older store up to this version, one step at a time, each step in one transaction."""
    while version in _MIGRATIONS:
        step = int(version) + 1
        with conn:  # all of a step, or none of it
            conn.execute("BEGIN IMMEDIATE")
            for statement in _MIGRATIONS[version]:
                conn.execute(statement)
            conn.execute("UPDATE store_info SET value = ? WHERE key = 'store_version'", (str(step),))
        version = str(step)
    return version


def settings_hash(settings: Settings) -> str:
    """A short fingerprint of the extraction settings (a result made otherwise is redone)."""
    return hashlib.sha256(settings.model_dump_json().encode()).hexdigest()[:16]


def now() -> str:
    """UTC time stamp, ISO 8601, to the second."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


@dataclass(frozen=True, slots=True)
class KnownPath:
    """What the store remembers of an input path."""

    sha256: str | None
    bytes: int | None
    mtime_ns: int | None


def known_paths(conn: sqlite3.Connection) -> dict[str, KnownPath]:
    """Every recorded input path with its content hash, size and modification time."""
    rows = conn.execute("SELECT path, sha256, bytes, mtime_ns FROM paths")
    return {r["path"]: KnownPath(r["sha256"], r["bytes"], r["mtime_ns"]) for r in rows}


def done_documents(conn: sqlite3.Connection, settings: Settings) -> dict[str, str]:
    """sha256 -> status of the documents already extracted with these settings."""
    rows = conn.execute(
        "SELECT sha256, status FROM documents WHERE settings_hash = ? AND schema_version = ?",
        (settings_hash(settings), SCHEMA_VERSION),
    )
    return {r["sha256"]: r["status"] for r in rows}


_UPSERT_PATH = (
    "INSERT INTO paths (path, sha256, bytes, mtime_ns, error_code, error_message, seen_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, bytes = excluded.bytes, mtime_ns = excluded.mtime_ns, "
    "error_code = excluded.error_code, error_message = excluded.error_message, seen_at = excluded.seen_at"
)


def record_paths(conn: sqlite3.Connection, paths: Iterable[tuple[str, str, int, int]]) -> None:
    """Record (path, sha256, bytes, mtime_ns) of inputs whose content is already stored."""
    stamp = now()
    with transaction(conn):
        conn.executemany(
            _UPSERT_PATH, [(path, sha, size, mtime, None, None, stamp) for path, sha, size, mtime in paths]
        )


def record_unreadable(conn: sqlite3.Connection, path: str, code: str, message: str) -> None:
    """Record an input that could not be read at all (no content to key it by)."""
    with transaction(conn):
        conn.execute(_UPSERT_PATH, (path, None, None, None, code, message, now()))


class transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")


def write_document(
    conn: sqlite3.Connection,
    plan: PlanExtraction,
    settings: Settings,
    paths: Iterable[tuple[str, int, int]] = (),
) -> None:
    """Replace one document's rows, and record the (path, bytes, mtime_ns) that hold it, atomically."""
    sha = plan.source.sha256
    with transaction(conn):
        conn.execute("DELETE FROM documents WHERE sha256 = ?", (sha,))
        conn.execute(_insert("documents", _DOCUMENT_COLUMNS), _document_row(plan, settings))
        themes = sorted({t for p in plan.priorities for t in p.themes})
        conn.executemany(
            "INSERT OR IGNORE INTO themes (id, label) VALUES (?, ?)", [(t, theme_label(t)) for t in themes]
        )
        for table, columns, rows in _item_rows(plan):
            if rows:
                conn.executemany(_insert(table, columns), [(sha, *row) for row in rows])
        stamp = now()
        conn.executemany(_UPSERT_PATH, [(path, sha, size, mtime, None, None, stamp) for path, size, mtime in paths])


def load_extractions(
    db_path: str | os.PathLike[str], where: str = "", params: tuple[Any, ...] = ()
) -> Iterator[PlanExtraction]:
    """Every stored extraction as a PlanExtraction, in content-hash order (`where` filters documents)."""
    conn = sqlite3.connect(f"file:{Path(db_path)}?mode=ro", uri=True)
    try:
        sql = "SELECT extraction_json FROM documents " + (f"WHERE {where} " if where else "") + "ORDER BY sha256"
        for (text,) in conn.execute(sql, params):
            yield PlanExtraction.model_validate_json(text)
    finally:
        conn.close()


def write_jsonl(conn: sqlite3.Connection, out: Path) -> int:
    """Rewrite results.jsonl from the store (one extraction a line) atomically; returns the count."""
    tmp = out.with_name(out.name + ".tmp")
    count = 0
    with tmp.open("w", encoding="utf-8") as fh:
        for (text,) in conn.execute("SELECT extraction_json FROM documents ORDER BY sha256"):
            fh.write(text + "\n")
            count += 1
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, out)
    return count


def result_tables(conn: sqlite3.Connection) -> list[str]:
    """Names of the tables that hold results (not the run log), in schema order."""
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
    )
    return [r[0] for r in rows if r[0] not in LOG_TABLES]


def snapshot(db_path: str | os.PathLike[str]) -> dict[str, list[tuple[Any, ...]]]:
    """Every result table's rows, sorted, without time stamps: two equal snapshots are equal stores."""
    conn = connect(db_path)
    try:
        out: dict[str, list[tuple[Any, ...]]] = {}
        for table in result_tables(conn):
            columns = [r["name"] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            keep = [c for c in columns if c not in VOLATILE_COLUMNS.get(table, set())]
            rows = conn.execute("SELECT " + ", ".join(f'"{c}"' for c in keep) + f' FROM "{table}"').fetchall()
            out[table] = sorted((tuple(r) for r in rows), key=repr)
        return out
    finally:
        conn.close()


# --- rows of one extraction ---

_DOCUMENT_COLUMNS = (
    "sha256",
    "path",
    "status",
    "format",
    "pages",
    "bytes",
    "kind",
    "community_safety",
    "council",
    "partnership",
    "title",
    "meeting_body",
    "meeting_date",
    "published",
    "plan_start_year",
    "plan_end_year",
    "plan_period_text",
    "partners_listed",
    "problem_codes",
    "settings_hash",
    "schema_version",
    "processed_at",
    "extraction_json",
)
_SPAN = ("section", "page", "start", '"end"')


def _insert(table: str, columns: tuple[str, ...]) -> str:
    names = ", ".join(c if c.startswith('"') else f'"{c}"' for c in columns)
    return f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})'


def _document_row(plan: PlanExtraction, settings: Settings) -> tuple[Any, ...]:
    meeting, period = plan.meeting, plan.plan_period
    return (
        plan.source.sha256,
        plan.source.path,
        plan.status.value,
        plan.source.format,
        plan.source.pages,
        plan.source.bytes,
        plan.kind,
        plan.community_safety.reach if plan.community_safety else None,
        plan.council,
        plan.partnership,
        plan.title,
        meeting.body if meeting else None,
        meeting.date.isoformat() if meeting and meeting.date else None,
        plan.published,
        period.start_year if period else None,
        period.end_year if period else None,
        period.text if period else None,
        int(plan.partners is not None),
        " ".join(p.code for p in plan.problems),
        settings_hash(settings),
        plan.schema_version,
        now(),
        plan.model_dump_json(),
    )


def _where(item: Located) -> tuple[Any, ...]:
    span = item.span
    return (item.section, span.page if span else None, span.start if span else None, span.end if span else None)


def _evidence(kind: str, number: int, evidence: list[Evidence]) -> list[tuple[Any, ...]]:
    return [
        (kind, number, k, e.quote, e.page, e.section, e.span.start if e.span else None, e.span.end if e.span else None)
        for k, e in enumerate(evidence)
    ]


def _item_rows(plan: PlanExtraction) -> list[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]]:
    """(table, columns after sha256, rows) for every child table, parents before children."""
    priorities = list(enumerate(plan.priorities))
    tables = list(enumerate(plan.tables))
    evidence: list[tuple[Any, ...]] = []
    cited: tuple[tuple[str, Sequence[Priority | Target | Partner | Funding | StatutoryFinding]], ...] = (
        ("priority", plan.priorities),
        ("target", plan.targets),
        ("partner", plan.partners or []),
        ("funding", plan.funding),
        ("statutory_finding", plan.statutory),
    )
    for kind, items in cited:
        for i, item in enumerate(items):
            evidence += _evidence(kind, i, item.evidence)
    return [
        (
            "problems",
            ("sha256", "problem_no", "code", "message", "page"),
            [(i, p.code, p.message, p.page) for i, p in enumerate(plan.problems)],
        ),
        (
            "contacts",
            ("sha256", "contact_no", "name", "role", "email", "phone"),
            [(i, c.name, c.role, c.email, c.phone) for i, c in enumerate(plan.contacts)],
        ),
        (
            "sections",
            ("sha256", "section_no", "id", "number", "heading", "level", "parent", "kind", "page", "start", '"end"'),
            [
                (
                    i,
                    s.id,
                    s.number,
                    s.heading,
                    s.level,
                    s.parent,
                    s.kind,
                    s.span.page or s.page,
                    s.span.start,
                    s.span.end,
                )
                for i, s in enumerate(plan.sections)
            ],
        ),
        (
            "priorities",
            ("sha256", "priority_no", "text", "description", "main_theme", "scope", "period", *_SPAN),
            [
                (i, p.text, p.description, p.themes[0] if p.themes else None, p.scope, p.period, *_where(p))
                for i, p in priorities
            ],
        ),
        (
            "priority_themes",
            ("sha256", "priority_no", "rank", "theme", "term", "method", "score"),
            [(i, rank, theme, *_reason(p, theme)) for i, p in priorities for rank, theme in enumerate(p.themes)],
        ),
        (
            "targets",
            (
                "sha256",
                "target_no",
                "metric",
                "direction",
                "amount",
                "unit",
                "deadline",
                "baseline",
                "baseline_period",
                "target_value",
                "priority",
                "text",
                *_SPAN,
            ),
            [
                (
                    i,
                    t.metric,
                    t.direction,
                    t.amount,
                    t.unit,
                    t.deadline,
                    t.baseline,
                    t.baseline_period,
                    t.target_value,
                    t.priority,
                    t.text,
                    *_where(t),
                )
                for i, t in enumerate(plan.targets)
            ],
        ),
        (
            "performance_tables",
            ("sha256", "table_no", "title", "kind", "header", "pages", "quality", *_SPAN),
            [
                (i, t.title, t.kind, json.dumps(t.header), json.dumps(t.pages), json.dumps(t.quality), *_where(t))
                for i, t in tables
            ],
        ),
        (
            "table_rows",
            ("sha256", "table_no", "row_no", "label", '"group"', "page"),
            [(i, r, row.label, row.group, row.page) for i, t in tables for r, row in enumerate(t.rows)],
        ),
        (
            "table_cells",
            ("sha256", "table_no", "row_no", "col_no", '"column"', "text", "type", "value_num", "value_text", "count"),
            [
                (i, r, c, cell.column, cell.text, cell.type, *_typed(cell.value), cell.count)
                for i, t in tables
                for r, row in enumerate(t.rows)
                for c, cell in enumerate(row.cells)
            ],
        ),
        (
            "partners",
            ("sha256", "partner_no", "name", "type", *_SPAN),
            [(i, p.name, p.type, *_where(p)) for i, p in enumerate(plan.partners or [])],
        ),
        (
            "funding",
            ("sha256", "funding_no", "amount_gbp", "text", "purpose", "priority", *_SPAN),
            [(i, f.amount_gbp, f.text, f.purpose, f.priority, *_where(f)) for i, f in enumerate(plan.funding)],
        ),
        (
            "statutory_findings",
            ("sha256", "finding_no", "element", "status", "title", "source"),
            [(i, s.element, s.status, s.title, s.source) for i, s in enumerate(plan.statutory)],
        ),
        (
            "evidence",
            ("sha256", "item_kind", "item_no", "evidence_no", "quote", "page", "section", "start", '"end"'),
            evidence,
        ),
    ]


def theme_label(theme: str) -> str:
    """The taxonomy's name for a theme id; an id it lacks is spelled out ("road_safety" -> "Road safety")."""
    label = _taxonomy_labels().get(theme)
    if label:
        return label
    words = theme.replace("_", " ")
    return words[:1].upper() + words[1:]


@lru_cache(maxsize=1)
def _taxonomy_labels() -> dict[str, str]:
    from pipeline.themes import load_taxonomy

    return {t.id: t.label for t in load_taxonomy().themes}


def _reason(priority: Any, theme: str) -> tuple[Any, ...]:
    for reason in priority.theme_reasons:
        if reason.theme == theme:
            return (reason.term, reason.method, reason.score)
    return (None, None, None)


def _typed(value: float | str | None) -> tuple[float | None, str | None]:
    if isinstance(value, (int, float)):
        return float(value), None
    return None, value
