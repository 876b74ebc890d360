"""How batch throughput scales with worker processes: prints the figures and the ratio.

    python benchmarks/batch_workers.py --count 60 --workers 1 2

The batch is the corpus's seed papers (text and PDF) copied `count` times under other
names, each copy a distinct content, made at run time in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.messy_corpus import SEEDS, make_corpus
from pipeline.batch import LocalExecutor, run_batch

WIDTHS = (7, 5, 6, 8, 7, 8, 11, 13)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=60, help="documents in the batch")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rounds", type=int, default=1, help="runs of each worker count; the fastest counts")
    args = parser.parse_args()
    sources = sorted(p for p in SEEDS.iterdir() if p.suffix in {".txt", ".pdf"})
    with tempfile.TemporaryDirectory(prefix="councilplans-bench-") as tmp:
        files = make_corpus(Path(tmp) / "in", args.count, sources)
        print(f"batch of {len(files)} documents from {len(sources)} seed papers; {os.cpu_count()} cores")
        head = ("workers", "docs", "pages", "seconds", "docs/s", "pages/s", "batch cpu s", "workers cpu s")
        print(" ".join(f"{h:>{w}}" for h, w in zip(head, WIDTHS, strict=True)))
        seconds: dict[int, float] = {}
        for n in [n for _ in range(args.rounds) for n in args.workers]:  # interleaved, so load hits each alike
            cpu = os.times()
            started = time.perf_counter()
            summary = run_batch([Path(tmp) / "in"], Path(tmp) / f"out-{n}", LocalExecutor(workers=n), force=True)
            took = time.perf_counter() - started
            seconds[n] = min(seconds.get(n, took), took)
            used = os.times()
            own = sum(getattr(used, f) - getattr(cpu, f) for f in ("user", "system"))
            workers = sum(getattr(used, f) - getattr(cpu, f) for f in ("children_user", "children_system"))
            figures = (
                n,
                summary.extracted,
                summary.pages,
                f"{took:.1f}",
                f"{summary.extracted / took:.2f}",
                f"{summary.pages / took:.1f}",
                f"{own:.1f}",
                f"{workers:.1f}",
            )
            print(" ".join(f"{v:>{w}}" for v, w in zip(figures, WIDTHS, strict=True)))
        base = min(args.workers)
        for n in args.workers:
            if n != base:
                print(f"speed-up {n} workers vs {base} (fastest runs): {seconds[base] / seconds[n]:.2f}x")
        print(f"load average now: {os.getloadavg()[0]:.2f} (other work on the machine slows the figures)")


if __name__ == "__main__":
    main()
