"""Print how long the priorities and targets stages take on each corpus paper (ingestion excluded).

python scripts/bench_priorities.py
"""

from __future__ import annotations

import time
from pathlib import Path

from pipeline import nlp
from pipeline.ingest import load
from pipeline.parsed import Parsed
from pipeline.stages.priorities import find_priorities
from pipeline.stages.targets import find_targets
from pipeline.themes import default_matcher
from schemas import PlanExtraction

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    started = time.perf_counter()
    default_matcher()
    print(f"theme matcher built in {time.perf_counter() - started:.2f}s")
    papers = sorted((ROOT / "corpus" / "seeds").glob("*.txt")) + sorted((ROOT / "corpus" / "real-pdfs").glob("*.pdf"))
    total = 0.0
    for path in papers:
        document = load(path)
        parsed = Parsed(document=document, doc=nlp.parse(document.text))
        found = PlanExtraction(source=document.source)
        started = time.perf_counter()
        found.priorities = find_priorities(parsed, found)
        middle = time.perf_counter()
        targets = find_targets(parsed, found)
        ended = time.perf_counter()
        total += ended - started
        print(
            f"{path.name:55} {len(document.text):>8} chars"
            f"  priorities {middle - started:6.3f}s ({len(found.priorities)})"
            f"  targets {ended - middle:6.3f}s ({len(targets)})"
        )
    print(f"total {total:.2f}s for {len(papers)} papers")


if __name__ == "__main__":
    main()
