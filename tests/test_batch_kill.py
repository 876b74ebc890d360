"""A batch killed with SIGKILL at any moment, then re-run, ends with the same store as an uninterrupted run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.messy_corpus import make_corpus
from pipeline.store import snapshot
from tests.conftest import ROOT, SEEDS

SOURCES = [SEEDS / "002_cc554ea183c4090a.pdf", *sorted(SEEDS.glob("*.txt"))]


def _batch(folder: Path, out: Path) -> subprocess.Popen:
    command = [
        sys.executable,
        "-c",
        "from cli import app; app()",
        "batch",
        str(folder),
        "--out",
        str(out),
        "-w",
        "2",
        "-q",
    ]
    return subprocess.Popen(
        command, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def _documents(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0


def _kill_when(proc: subprocess.Popen, db: Path, documents: int) -> int:
    deadline = time.monotonic() + 120
    while _documents(db) < documents and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the batch finished before it could be killed: make the test batch larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # Its workers notice their batch is gone and exit; none is left running.
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        os.killpg(proc.pid, signal.SIGKILL)
        raise AssertionError("worker processes outlived their killed batch")
    return _documents(db)


@pytest.mark.slow
def test_killed_batch_then_rerun_equals_an_uninterrupted_batch(tmp_path: Path) -> None:
    files = make_corpus(tmp_path / "in", 30, SOURCES)
    contents = len({f.sha256 for f in files})

    whole = _batch(tmp_path / "in", tmp_path / "whole")
    assert whole.wait(timeout=300) == 1  # the messy corpus has failures
    expected = snapshot(tmp_path / "whole" / "results.db")
    assert len(expected["documents"]) == contents and len(expected["paths"]) == len(files)

    db = tmp_path / "killed" / "results.db"
    first = _kill_when(_batch(tmp_path / "in", tmp_path / "killed"), db, 2)
    second = _kill_when(_batch(tmp_path / "in", tmp_path / "killed"), db, first + 4)
    assert 0 < first < second < contents
    rerun = _batch(tmp_path / "in", tmp_path / "killed")
    assert rerun.wait(timeout=300) == 1, rerun.stderr.read().decode() if rerun.stderr else ""
    assert snapshot(db) == expected
    jsonl = (tmp_path / "killed" / "results.jsonl").read_text(encoding="utf-8")
    assert jsonl == (tmp_path / "whole" / "results.jsonl").read_text(encoding="utf-8")
