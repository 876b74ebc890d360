"""Run a batch: find the inputs, skip what the store already holds, extract the rest.

Results are keyed by content hash. The same content under several paths is extracted
once (from the first path in sorted order) and every path is recorded. A re-run skips
contents already extracted with the same settings, except failures that said nothing about
the document (a crashed or timed-out worker), which are tried again.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import store
from pipeline.batch.executors import TRANSIENT_CODES, Executor
from pipeline.batch.inputs import BadInput, Content, expand, group_by_content
from pipeline.batch.progress import BatchProgress
from pipeline.settings import Settings
from schemas import PlanExtraction, Status

DB_NAME = "results.db"
JSONL_NAME = "results.jsonl"


@dataclass
class BatchSummary:
    """What a batch did, counted per input file unless said otherwise."""

    inputs: int = 0
    contents: int = 0  # distinct file contents among the inputs
    extracted: int = 0  # contents extracted in this run
    skipped: int = 0  # contents already in the store
    pages: int = 0  # pages read in this run
    statuses: Counter[str] = field(default_factory=Counter)  # input files by status
    failures: Counter[str] = field(default_factory=Counter)  # failed input files by problem code
    seconds: float = 0.0
    interrupted: bool = False
    db: str = ""
    jsonl: str = ""

    @property
    def failed(self) -> int:
        return self.statuses[Status.failed.value]

    def as_dict(self) -> dict[str, object]:
        """The summary as plain JSON-ready data."""
        return {
            "inputs": self.inputs,
            "contents": self.contents,
            "extracted": self.extracted,
            "skipped": self.skipped,
            "pages": self.pages,
            "statuses": dict(self.statuses),
            "failed": self.failed,
            "failures": dict(self.failures),
            "seconds": round(self.seconds, 2),
            "interrupted": self.interrupted,
            "db": self.db,
            "jsonl": self.jsonl,
        }


def run_batch(
    args: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    executor: Executor,
    settings: Settings | None = None,
    *,
    retry_failed: bool = False,
    force: bool = False,
    progress: BatchProgress | None = None,
) -> BatchSummary:
    """Extract every input into DIR/results.db and DIR/results.jsonl; returns the summary."""
    settings = settings or Settings()
    progress = progress or BatchProgress(enabled=False)
    started = time.monotonic()
    out = Path(out_dir)
    summary = BatchSummary(db=str(out / DB_NAME), jsonl=str(out / JSONL_NAME))
    conn = store.connect(out / DB_NAME)
    run_id = conn.execute(
        "INSERT INTO runs (started_at, command, executor, workers) VALUES (?, ?, ?, ?)",
        (store.now(), " ".join(sys.argv), executor.name, executor.workers),
    ).lastrowid
    try:
        files, bad = expand(args)
        contents = list(group_by_content(files, store.known_paths(conn), bad))
        listed = {f.path for f in files}
        summary.inputs = len(files) + sum(b.path not in listed for b in bad)
        summary.contents = len(contents)
        for b in bad:
            store.record_unreadable(conn, b.path, b.code, b.message)
            _count_bad(summary, b)
        todo = _plan(conn, contents, settings, summary, retry_failed=retry_failed, force=force)
        with progress:
            progress.note(
                f"{summary.inputs} inputs, {summary.contents} distinct contents: "
                f"{summary.skipped} already done, {len(todo)} to extract"
                + (f" with {executor.workers} workers" if executor.name == "local" else f" on {executor.name}")
            )
            progress.start(len(todo))
            try:
                for content, plan in executor.run(todo, settings):
                    _write(conn, content, plan, settings)
                    _count(summary, plan, len(content.files))
                    summary.extracted += 1
                    summary.pages += plan.source.pages
                    progress.advance(plan)
            except KeyboardInterrupt:
                summary.interrupted = True
        store.write_jsonl(conn, out / JSONL_NAME)
    finally:
        summary.seconds = time.monotonic() - started
        conn.execute(
            "UPDATE runs SET finished_at = ?, inputs = ?, processed = ?, failed = ? WHERE id = ?",
            (store.now(), summary.inputs, summary.extracted, summary.failed, run_id),
        )
        conn.close()
    return summary


def _plan(
    conn: sqlite3.Connection,
    contents: list[Content],
    settings: Settings,
    summary: BatchSummary,
    *,
    retry_failed: bool,
    force: bool,
) -> list[Content]:
    """Contents still to extract, largest first (so the last to finish are short); record the rest."""
    done = {} if force else store.done_documents(conn, settings)
    transient = _transient_failures(conn) if done else set()
    todo: list[Content] = []
    kept: list[tuple[str, str, int, int]] = []
    for content in contents:
        status = done.get(content.sha256)
        if status is None or (status == Status.failed.value and (retry_failed or content.sha256 in transient)):
            todo.append(content)
            continue
        kept += [(f.path, content.sha256, f.bytes, f.mtime_ns) for f in content.files]
        summary.skipped += 1
        summary.statuses[status] += len(content.files)
        if status == Status.failed.value:
            for code in _problem_codes(conn, content.sha256):
                summary.failures[code] += len(content.files)
    store.record_paths(conn, kept)
    return sorted(todo, key=lambda c: (-c.bytes, c.path))


def _transient_failures(conn: sqlite3.Connection) -> set[str]:
    marks = ", ".join("?" * len(TRANSIENT_CODES))
    rows = conn.execute(f"SELECT DISTINCT sha256 FROM problems WHERE code IN ({marks})", tuple(TRANSIENT_CODES))
    return {r[0] for r in rows}


def _problem_codes(conn: sqlite3.Connection, sha256: str) -> list[str]:
    rows = conn.execute("SELECT code FROM problems WHERE sha256 = ? ORDER BY problem_no LIMIT 1", (sha256,))
    return [r[0] for r in rows]


def _write(conn: sqlite3.Connection, content: Content, plan: PlanExtraction, settings: Settings) -> None:
    if not plan.source.sha256:  # the file vanished or became unreadable after it was hashed
        for f in content.files:
            code = plan.problems[0].code if plan.problems else "input.unreadable"
            store.record_unreadable(conn, f.path, code, plan.problems[0].message if plan.problems else "")
        return
    # A file changed after it was hashed: its result belongs to the new content, and only to it.
    files = content.files if plan.source.sha256 == content.sha256 else content.files[:1]
    store.write_document(conn, plan, settings, [(f.path, f.bytes, f.mtime_ns) for f in files])


def _count(summary: BatchSummary, plan: PlanExtraction, copies: int) -> None:
    summary.statuses[plan.status.value] += copies
    if plan.status is Status.failed and plan.problems:
        summary.failures[plan.problems[0].code] += copies


def _count_bad(summary: BatchSummary, bad: BadInput) -> None:
    summary.statuses[Status.failed.value] += 1
    summary.failures[bad.code] += 1
