"""Time of `extract` on papers, split into ingestion, the spaCy parse and each stage.

    python benchmarks/stages.py                       # the 24-page Rochford seed PDF
    python benchmarks/stages.py corpus/seeds/001_af8bf309ee297552.pdf --rounds 5
    python benchmarks/stages.py corpus/seeds/*.txt    # several papers: times summed, and per MB of text

Prints wall-clock and CPU seconds (the best of the rounds, after one warm-up that loads
spaCy and the rule data), and CPU seconds per MB of document text: on a shared machine CPU
time is the fairer figure.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline import extract, nlp
from pipeline.ingest import load
from pipeline.parsed import Parsed
from pipeline.runner import STAGES, store_output
from schemas import PlanExtraction

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "corpus/seeds/004_344879f04729efa5.pdf"


def timed(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - wall, time.process_time() - cpu


def one_round(paths: list[Path]) -> dict[str, tuple[float, float]]:
    """The times of every step, summed over the papers."""
    total: dict[str, tuple[float, float]] = {}
    for path in paths:
        for step, (wall, cpu) in one_paper(path).items():
            before = total.get(step, (0.0, 0.0))
            total[step] = (before[0] + wall, before[1] + cpu)
    return total


def one_paper(path: Path) -> dict[str, tuple[float, float]]:
    times: dict[str, tuple[float, float]] = {}
    document, *times["ingest"] = timed(lambda: load(path))
    doc, *times["nlp parse"] = timed(lambda: nlp.parse(document.text))
    parsed = Parsed(document=document, doc=doc)
    found = PlanExtraction(source=document.source)
    for stage in STAGES:
        out, *times[f"stage {stage.name}"] = timed(lambda s=stage: s.run(parsed, found))
        store_output(found, stage, out)  # later stages read earlier ones' output, as in the runner
        if stage.name == "sections":
            parsed.with_sections(out)
    _, *times["extract (whole)"] = timed(lambda: extract(path))
    return times  # type: ignore[return-value]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("papers", nargs="*", type=Path, default=[DEFAULT])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    for paper in args.papers:
        extract(paper)  # warm-up: spaCy, lookups and rule data load once per process
    megabytes = sum(len(load(p).text.encode("utf-8")) for p in args.papers) / 1e6
    rounds = [one_round(args.papers) for _ in range(args.rounds)]
    names = args.papers[0].name if len(args.papers) == 1 else f"{len(args.papers)} papers"
    print(f"{names}, {megabytes:.3f} MB of text: best of {args.rounds} rounds")
    print(f"{'step':<22}{'wall s':>9}{'cpu s':>9}{'cpu s/MB':>10}")
    for step in rounds[0]:
        wall = min(r[step][0] for r in rounds)
        cpu = min(r[step][1] for r in rounds)
        print(f"{step:<22}{wall:>9.3f}{cpu:>9.3f}{cpu / megabytes:>10.3f}")


if __name__ == "__main__":
    main()
