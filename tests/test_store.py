"""The results store: normalised rows that match the extraction, and the extraction kept whole."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pipeline import process
from pipeline.settings import Settings
from pipeline.store import connect, load_extractions, snapshot, write_document
from schemas import PlanExtraction
from tests.conftest import SEEDS

PAPERS = sorted(p.name for p in SEEDS.glob("*.txt"))


def _count(conn: sqlite3.Connection, table: str, sha: str) -> int:
    return conn.execute(f'SELECT count(*) FROM "{table}" WHERE sha256 = ?', (sha,)).fetchone()[0]


@pytest.mark.parametrize("paper", PAPERS)
def test_store_rows_match_the_extraction_of(paper: str, tmp_path: Path) -> None:
    plan = process(SEEDS / paper)
    conn = connect(tmp_path / "results.db")
    write_document(conn, plan, Settings(), [(str(SEEDS / paper), plan.source.bytes, 0)])
    sha = plan.source.sha256
    expected = {
        "sections": len(plan.sections),
        "priorities": len(plan.priorities),
        "priority_themes": sum(len(p.themes) for p in plan.priorities),
        "targets": len(plan.targets),
        "performance_tables": len(plan.tables),
        "table_rows": sum(len(t.rows) for t in plan.tables),
        "table_cells": sum(len(r.cells) for t in plan.tables for r in t.rows),
        "partners": len(plan.partners or []),
        "funding": len(plan.funding),
        "statutory_findings": len(plan.statutory),
        "problems": len(plan.problems),
        "contacts": len(plan.contacts),
    }
    assert {table: _count(conn, table, sha) for table in expected} == expected
    row = conn.execute("SELECT status, pages, council, community_safety FROM documents WHERE sha256 = ?", (sha,))
    assert tuple(row.fetchone()) == (plan.status.value, plan.source.pages, plan.council, "whole")
    conn.close()
    assert list(load_extractions(tmp_path / "results.db")) == [plan]


def test_writing_a_document_again_replaces_its_rows(tmp_path: Path) -> None:
    plan = process(SEEDS / "004_344879f04729efa5.txt")
    conn = connect(tmp_path / "results.db")
    write_document(conn, plan, Settings())
    first = snapshot(tmp_path / "results.db")
    write_document(conn, plan, Settings())
    conn.close()
    assert snapshot(tmp_path / "results.db") == first


def test_foreign_keys_keep_rows_tied_to_a_document(tmp_path: Path) -> None:
    conn = connect(tmp_path / "results.db")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO problems (sha256, problem_no, code, message) VALUES ('nope', 0, 'x', 'y')")
    plan = process(SEEDS / "001_af8bf309ee297552.txt")
    write_document(conn, plan, Settings())
    conn.execute("DELETE FROM documents WHERE sha256 = ?", (plan.source.sha256,))
    assert all(n == 0 for table, n in _table_sizes(conn).items() if table not in {"store_info", "runs", "themes"})


def test_a_failed_write_leaves_nothing_of_the_document(tmp_path: Path) -> None:
    plan = process(SEEDS / "004_344879f04729efa5.txt")
    broken = plan.model_copy(update={"problems": [*plan.problems, None]})  # breaks mid-transaction
    conn = connect(tmp_path / "results.db")
    with pytest.raises(AttributeError):
        write_document(conn, broken, Settings())  # type: ignore[arg-type]
    assert all(n == 0 for table, n in _table_sizes(conn).items() if table != "store_info")


def _table_sizes(conn: sqlite3.Connection) -> dict[str, int]:
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def test_extractions_load_back_as_the_schema(tmp_path: Path) -> None:
    conn = connect(tmp_path / "results.db")
    for paper in PAPERS:
        write_document(conn, process(SEEDS / paper), Settings())
    conn.close()
    loaded = list(load_extractions(tmp_path / "results.db", "status = ?", ("ok",)))
    assert len(loaded) == len(PAPERS) and all(isinstance(p, PlanExtraction) for p in loaded)


def test_store_of_version_1_is_brought_up_to_date_and_keeps_its_rows(tmp_path: Path) -> None:
    plan = process(SEEDS / "004_344879f04729efa5.txt")
    db = tmp_path / "results.db"
    conn = connect(db)
    write_document(conn, plan, Settings())
    # what a version 1 store was: no community_safety column
    conn.execute("ALTER TABLE documents DROP COLUMN community_safety")
    conn.execute("UPDATE store_info SET value = '1' WHERE key = 'store_version'")
    conn.close()
    conn = connect(db)
    assert conn.execute("SELECT value FROM store_info WHERE key = 'store_version'").fetchone()[0] == "2"
    assert tuple(conn.execute("SELECT council, community_safety FROM documents").fetchone()) == (plan.council, None)
    write_document(conn, plan, Settings())
    assert conn.execute("SELECT community_safety FROM documents").fetchone()[0] == "whole"
    conn.close()
