"""Batch: every input accounted for, one extraction per content, resumable, crashes contained."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from benchmarks.messy_corpus import make_corpus
from cli import app
from pipeline import process
from pipeline.batch import LocalExecutor, run_batch
from pipeline.batch.executors import TIMED_OUT, WORKER_CRASHED, extract_one
from pipeline.settings import Settings
from pipeline.store import load_extractions, snapshot
from tests.conftest import SEEDS

# Quick sources: text seeds and the smallest seed PDF (large PDFs would only slow the tests).
QUICK_SOURCES = [*sorted(SEEDS.glob("*.txt")), SEEDS / "002_cc554ea183c4090a.pdf", SEEDS / "000_2ad17110b5a37932.docx"]


def _db(out: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(out / "results.db")
    conn.row_factory = sqlite3.Row
    return conn


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> tuple[list, Path, object]:
    root = tmp_path_factory.mktemp("messy")
    files = make_corpus(root / "in", 40, QUICK_SOURCES)
    summary = run_batch([root / "in"], root / "out", LocalExecutor(workers=2))
    return files, root / "out", summary


def test_every_input_of_a_messy_batch_is_accounted_for(messy) -> None:
    files, out, summary = messy
    expected_source = {s: process(s).status.value for s in QUICK_SOURCES}
    conn = _db(out)
    rows = {r["path"]: r for r in conn.execute("SELECT p.path, d.status FROM paths p JOIN documents d USING (sha256)")}
    assert len(rows) == len(files) == summary.inputs
    for f in files:
        status = rows[str(f.path)]["status"]
        if f.kind in {"empty", "corrupt"}:
            assert status == "failed", f.path
        else:
            assert status == expected_source[f.source], f.path
    contents = {f.sha256 for f in files}
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == len(contents) == summary.contents
    failed_files = sum(rows[str(f.path)]["status"] == "failed" for f in files)
    assert summary.failed == failed_files > 0
    assert sum(summary.statuses.values()) == len(files)


def test_same_content_under_two_paths_is_extracted_once_and_both_paths_are_kept(messy) -> None:
    files, out, _ = messy
    duplicate = next(f for f in files if f.kind == "duplicate")
    twins = sorted(str(f.path) for f in files if f.sha256 == duplicate.sha256)
    conn = _db(out)
    assert [
        r[0] for r in conn.execute("SELECT path FROM paths WHERE sha256 = ? ORDER BY path", (duplicate.sha256,))
    ] == twins
    (path,) = conn.execute("SELECT path FROM documents WHERE sha256 = ?", (duplicate.sha256,)).fetchone()
    assert path == twins[0]


def test_failed_documents_keep_their_problem_codes(messy) -> None:
    files, out, summary = messy
    conn = _db(out)
    empty = next(f for f in files if f.kind == "empty")
    codes = [r[0] for r in conn.execute("SELECT code FROM problems WHERE sha256 = ?", (empty.sha256,))]
    assert codes == ["input.empty"]
    assert summary.failures["input.empty"] == sum(f.kind == "empty" for f in files)


def test_jsonl_holds_one_line_per_content_that_loads_back(messy) -> None:
    files, out, _ = messy
    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len({f.sha256 for f in files})
    loaded = list(load_extractions(out / "results.db"))
    assert [p.model_dump_json() for p in loaded] == lines
    assert {p.source.sha256 for p in loaded} == {json.loads(line)["source"]["sha256"] for line in lines}


def test_rerun_skips_what_is_done_and_extracts_a_changed_file(tmp_path: Path) -> None:
    make_corpus(tmp_path / "in", 8, QUICK_SOURCES[:3])
    first = run_batch([tmp_path / "in"], tmp_path / "out", LocalExecutor(workers=1))
    before = snapshot(tmp_path / "out" / "results.db")
    again = run_batch([tmp_path / "in"], tmp_path / "out", LocalExecutor(workers=1))
    assert (again.extracted, again.skipped) == (0, first.contents)
    assert snapshot(tmp_path / "out" / "results.db") == before
    changed = sorted((tmp_path / "in").rglob("*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    third = run_batch([tmp_path / "in"], tmp_path / "out", LocalExecutor(workers=1))
    assert third.extracted == 1
    conn = _db(tmp_path / "out")
    assert conn.execute("SELECT count(*) FROM paths").fetchone()[0] == first.inputs  # no duplicate path rows


def test_files_folders_and_globs_are_expanded_and_missing_arguments_recorded(tmp_path: Path) -> None:
    summary = run_batch(
        [SEEDS / "000_2ad17110b5a37932.txt", str(SEEDS / "00[12]_*.txt"), tmp_path / "no-such-paper.pdf"],
        tmp_path / "out",
        LocalExecutor(workers=1),
    )
    assert summary.inputs == 4 and summary.failures == Counter({"input.not_found": 1})
    row = (
        _db(tmp_path / "out")
        .execute("SELECT sha256, error_code FROM paths WHERE path LIKE '%no-such-paper.pdf'")
        .fetchone()
    )
    assert (row["sha256"], row["error_code"]) == (None, "input.not_found")


def crash_on_marked(path: str, settings: Settings):
    """A worker that dies on a file whose name says so."""
    if "crash" in Path(path).name:
        os._exit(9)
    if "hang" in Path(path).name:
        time.sleep(60)
    return extract_one(path, settings)


def test_a_document_that_kills_or_hangs_its_worker_is_recorded_failed_and_retried_next_run(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "crash.txt", "hang.txt", "b.txt"):
        (folder / name).write_text(f"Community Safety Plan {name}\n\n1. Reduce crime.\n", encoding="utf-8")
    executor = LocalExecutor(workers=2, timeout=3, work=crash_on_marked)
    summary = run_batch([folder], tmp_path / "out", executor)
    assert summary.inputs == 4 and summary.statuses["ok"] == 2
    assert summary.failures == Counter({WORKER_CRASHED: 1, TIMED_OUT: 1})
    again = run_batch([folder], tmp_path / "out", LocalExecutor(workers=1))
    assert again.extracted == 2 and again.failed == 0


def test_cli_batch_summary_and_exit_code_count_failures(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "plan.txt").write_bytes((SEEDS / "000_2ad17110b5a37932.txt").read_bytes())
    result = CliRunner().invoke(
        app, ["batch", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-w", "1", "--json", "-q"]
    )
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert (summary["inputs"], summary["failed"], summary["failures"]) == (2, 1, {"input.empty": 1})
    ok = CliRunner().invoke(app, ["batch", str(tmp_path / "in" / "plan.txt"), "--out", str(tmp_path / "out2"), "-q"])
    assert ok.exit_code == 0, ok.output


def test_batch_into_a_file_that_is_not_a_store_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "results.db").write_text("not a database", encoding="utf-8")
    result = CliRunner().invoke(app, ["batch", str(SEEDS / "000_2ad17110b5a37932.txt"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 3 and "[store.error]" in result.output and "Traceback" not in result.output
