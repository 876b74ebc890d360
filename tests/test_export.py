"""Export: one CSV (or Parquet) file per table of the results store, with every row."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from pipeline.export import export_tables
from tests.test_compare import corpus_store  # noqa: F401 - the fixture


def _counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'runs'")]
    counts = {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    conn.close()
    return counts


def test_csv_export_writes_every_row_of_every_table(corpus_store: Path, tmp_path: Path) -> None:  # noqa: F811
    result = CliRunner().invoke(app, ["export", "--db", str(corpus_store), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    counts = _counts(corpus_store)
    assert {p.stem for p in tmp_path.glob("*.csv")} == set(counts)
    for table, n in counts.items():
        with (tmp_path / f"{table}.csv").open(encoding="utf-8") as fh:
            assert sum(1 for _ in csv.reader(fh)) == n + 1, table
    with (tmp_path / "documents.csv").open(encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert "extraction_json" not in header and {"sha256", "status", "council"} <= set(header)


def test_parquet_export_round_trips(corpus_store: Path, tmp_path: Path) -> None:  # noqa: F811
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed (pip install '.[parquet]')")
    export_tables(corpus_store, tmp_path, "parquet")
    for table, n in _counts(corpus_store).items():
        assert pq.read_table(tmp_path / f"{table}.parquet").num_rows == n, table


def test_export_of_a_file_that_is_not_a_store_is_one_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "results.db"
    bogus.write_text("not a database", encoding="utf-8")
    result = CliRunner().invoke(app, ["export", "--db", str(bogus), "--out", str(tmp_path / "x")])
    assert result.exit_code == 3 and "[store.error]" in result.output and "Traceback" not in result.output
