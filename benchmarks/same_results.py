"""Snapshot every corpus paper's full extraction, or check that it is unchanged since a snapshot.

    python benchmarks/same_results.py save /tmp/before      # before a change
    python benchmarks/same_results.py check /tmp/before     # after it: lists every paper that differs

Both PDF engines are covered (the default and `pdf_engine="pdfplumber"`). A speed change must
leave every result as it was; this is the check, paper by paper and field by field.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipeline import process

ROOT = Path(__file__).resolve().parent.parent
# The corpus and the held-out papers the tests read (stages must give the same on both).
PAPERS = sorted(
    p for d in ("corpus/seeds", "corpus/real-pdfs", "tests/fixtures") for p in (ROOT / d).rglob("*")
    if p.suffix in {".pdf", ".txt", ".docx", ".md", ".html"}
)
ENGINES = {"default": None, "pdfplumber": {"pdf_engine": "pdfplumber"}}


def snapshots() -> dict[str, dict]:
    """Every paper's extraction as JSON data, keyed by engine and file name."""
    out = {}
    for engine, settings in ENGINES.items():
        for paper in PAPERS:
            if engine != "default" and paper.suffix != ".pdf":
                continue
            data = process(paper, settings).model_dump(mode="json")
            data["source"]["path"] = paper.relative_to(ROOT).as_posix()  # checkouts may lie anywhere
            out[f"{engine}/{data['source']['path']}"] = data
    return out


def differences(before: object, after: object, where: str = "") -> list[str]:
    """Paths at which two JSON values differ (the first few of each list)."""
    if isinstance(before, dict) and isinstance(after, dict):
        return [d for k in sorted(before.keys() | after.keys())
                for d in differences(before.get(k), after.get(k), f"{where}.{k}")]
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [d for i, (b, a) in enumerate(zip(before, after, strict=True))
                for d in differences(b, a, f"{where}[{i}]")]
    return [] if before == after else [f"{where}: {str(before)[:80]!r} -> {str(after)[:80]!r}"]


def _file_name(key: str) -> str:
    return key.replace("/", "__") + ".json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["save", "check"])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    results = snapshots()
    if args.action == "save":
        args.folder.mkdir(parents=True, exist_ok=True)
        for key, data in results.items():
            (args.folder / _file_name(key)).write_text(json.dumps(data, indent=1))
        print(f"saved {len(results)} extractions to {args.folder}")
        return 0
    changed = new = 0
    for key, data in results.items():
        kept = args.folder / _file_name(key)
        if not kept.exists():  # a paper added since the snapshot: nothing to compare it with
            new += 1
            print(f"{key}: new, not in the snapshot")
            continue
        diffs = differences(json.loads(kept.read_text()), data)
        if diffs:
            changed += 1
            print(f"{key}: {len(diffs)} differences", *diffs[:5], sep="\n  ")
    compared = len(results) - new
    print(f"{compared - changed} of {compared} extractions unchanged" + (f"; {new} new papers" if new else ""))
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
