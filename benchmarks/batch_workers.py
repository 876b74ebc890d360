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

from benchmarks.messy_corpus import SEEDS, make_corpus  # noqa: E402
from pipeline.batch import LocalExecutor, run_batch  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=60, help="documents in the batch")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    sources = sorted(p for p in SEEDS.iterdir() if p.suffix in {".txt", ".pdf"})
    with tempfile.TemporaryDirectory(prefix="councilplans-bench-") as tmp:
        files = make_corpus(Path(tmp) / "in", args.count, sources)
        print(f"batch of {len(files)} documents from {len(sources)} seed papers; {os.cpu_count()} cores")
        print(f"{'workers':>7} {'docs':>5} {'pages':>6} {'seconds':>8} {'docs/s':>7} {'pages/s':>8} {'cpu s':>7}")
        seconds: dict[int, float] = {}
        for n in args.workers:
            cpu = os.times()
            started = time.perf_counter()
            summary = run_batch([Path(tmp) / "in"], Path(tmp) / f"out-{n}", LocalExecutor(workers=n))
            seconds[n] = time.perf_counter() - started
            used = os.times()
            cpu_s = sum(getattr(used, f) - getattr(cpu, f) for f in ("user", "system", "children_user", "children_system"))
            print(
                f"{n:>7} {summary.extracted:>5} {summary.pages:>6} {seconds[n]:>8.1f} "
                f"{summary.extracted / seconds[n]:>7.2f} {summary.pages / seconds[n]:>8.1f} {cpu_s:>7.1f}"
            )
        base = min(args.workers)
        for n in args.workers:
            if n != base:
                print(f"speed-up {n} workers vs {base}: {seconds[base] / seconds[n]:.2f}x")
        print(f"load average now: {os.getloadavg()[0]:.2f} (other work on the machine slows the figures)")


if __name__ == "__main__":
    main()
