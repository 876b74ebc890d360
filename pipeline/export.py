"""Export the results store's tables as CSV (or Parquet, with the `parquet` extra)."""

from __future__ import annotations

import csv
import os
import sqlite3
from pathlib import Path
from typing import Any

from pipeline import store
from pipeline.errors import MissingDependency, StoreError

# The whole extraction is in results.jsonl; a CSV column of JSON helps nobody.
LEFT_OUT = {"documents": {"extraction_json"}}


def open_existing(db_path: str | os.PathLike[str]) -> sqlite3.Connection:
    """Open a results store that must already exist."""
    path = Path(db_path)
    if not path.is_file():
        raise StoreError(f"{path}: no results database here (run `councilplans batch` first)")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        conn.execute("SELECT value FROM store_info WHERE key = 'store_version'").fetchone()
    except sqlite3.DatabaseError as e:
        raise StoreError(f"{path}: not a councilplans results database ({e})") from e
    return conn


def export_tables(db_path: str | os.PathLike[str], out_dir: str | os.PathLike[str], fmt: str = "csv") -> list[Path]:
    """Write one file per result table into out_dir; returns the files written."""
    conn = open_existing(db_path)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    write = {"csv": _write_csv, "parquet": _write_parquet}[fmt]
    written = []
    try:
        for table in store.result_tables(conn):
            columns = [
                r[1] for r in conn.execute(f'PRAGMA table_info("{table}")') if r[1] not in LEFT_OUT.get(table, set())
            ]
            cursor = conn.execute("SELECT " + ", ".join(f'"{c}"' for c in columns) + f' FROM "{table}" ORDER BY rowid')
            written.append(write(out / f"{table}.{fmt}", columns, cursor))
    finally:
        conn.close()
    return written


def _write_csv(path: Path, columns: list[str], rows: sqlite3.Cursor) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        writer.writerows(rows)
    return path


def _write_parquet(path: Path, columns: list[str], rows: sqlite3.Cursor) -> Path:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as e:
        raise MissingDependency("Parquet needs pyarrow: pip install 'councilplans[parquet]'") from e
    data: list[list[Any]] = [[] for _ in columns]
    for row in rows:
        for values, value in zip(data, row, strict=True):
            values.append(value)
    pq.write_table(pa.table(dict(zip(columns, data, strict=True))), path)
    return path
