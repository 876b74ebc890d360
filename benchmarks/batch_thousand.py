"""A batch of 1,000 messy documents: every one accounted for, and kill -9 plus re-run changes nothing.

    python benchmarks/batch_thousand.py --count 1000 --workers 2

Makes the corpus copied `count` times (some copies duplicated, corrupted or empty) in a
temporary folder, runs `councilplans batch` over it uninterrupted, then again killed with
SIGKILL part-way and re-run, and prints the counts, the timings and whether the two stores
are equal.
"""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.messy_corpus import SEEDS, make_corpus  # noqa: E402
from pipeline import process  # noqa: E402
from pipeline.store import snapshot  # noqa: E402

QUICK = [*sorted(SEEDS.glob("*.txt")), SEEDS / "002_cc554ea183c4090a.pdf", SEEDS / "000_2ad17110b5a37932.docx"]


def batch(folder: Path, out: Path, workers: int) -> subprocess.Popen:
    """Start `councilplans batch` as its own process (group)."""
    command = [sys.executable, "-c", "from cli import app; app()", "batch", str(folder), "--out", str(out)]
    command += ["--workers", str(workers), "--quiet"]
    return subprocess.Popen(command, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL)


def documents(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--all-seeds", action="store_true", help="all seed PDFs too (slower)")
    args = parser.parse_args()
    sources = sorted(p for p in SEEDS.iterdir() if p.suffix in {".txt", ".pdf", ".docx"}) if args.all_seeds else QUICK
    with tempfile.TemporaryDirectory(prefix="councilplans-1000-") as tmp:
        root = Path(tmp)
        files = make_corpus(root / "in", args.count, sources)
        kinds = Counter(f.kind for f in files)
        print(f"{len(files)} files: {dict(kinds)}; {len({f.sha256 for f in files})} distinct contents")

        started = time.perf_counter()
        code = batch(root / "in", root / "whole", args.workers).wait()
        whole_s = time.perf_counter() - started
        expected = snapshot(root / "whole" / "results.db")
        print(f"uninterrupted: exit {code} in {whole_s:.1f} s")

        # Every input accounted for, with the status its source paper gives (broken copies failed).
        baseline = {s: process(s).status.value for s in sources}
        with sqlite3.connect(root / "whole" / "results.db") as conn:
            status = dict(conn.execute("SELECT p.path, d.status FROM paths p JOIN documents d USING (sha256)"))
            by_status = dict(conn.execute("SELECT status, count(*) FROM documents GROUP BY status"))
        wrong = [
            f.path
            for f in files
            if status.get(str(f.path)) != ("failed" if f.kind in {"empty", "corrupt"} else baseline[f.source])
        ]
        print(
            f"paths recorded {len(status)} of {len(files)}; documents by status {by_status}; wrong status {len(wrong)}"
        )

        db = root / "killed" / "results.db"
        proc = batch(root / "in", root / "killed", args.workers)
        while documents(db) < len(expected["documents"]) // 3 and proc.poll() is None:
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        at_kill = documents(db)
        started = time.perf_counter()
        code = batch(root / "in", root / "killed", args.workers).wait()
        rerun_s = time.perf_counter() - started
        print(f"killed (SIGKILL) with {at_kill} documents stored; re-run: exit {code} in {rerun_s:.1f} s")
        same = snapshot(db) == expected
        print(f"killed + re-run store equals the uninterrupted store: {same}")
        sys.exit(0 if same and not wrong and len(status) == len(files) else 1)


if __name__ == "__main__":
    main()
