"""Speed and memory of councilplans on the corpus, against pdfplumber's extract_text().

    python benchmarks/speed.py            # all measurements (a minute or two)
    python benchmarks/speed.py --rounds 5 # more rounds for the batch-memory check

Each measurement runs in a fresh subprocess, so its peak RSS is its own. Times are CPU
seconds of that process (wall-clock seconds beside them): on a shared machine CPU time is the
fairer measure, and both the pipeline and the baseline are measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GROUPS = {
    "seed PDFs": sorted((ROOT / "corpus/seeds").glob("*.pdf")),
    "real PDFs": sorted((ROOT / "corpus/real-pdfs").glob("*.pdf")),
    "seed texts": sorted((ROOT / "corpus/seeds").glob("*.txt")),
}
APPENDIX = ROOT / "corpus/real-pdfs/kent-cc_2025_qpr-q3-appendix.pdf"


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _clock() -> tuple[float, float]:
    return time.process_time(), time.perf_counter()


def worker(task: str, files: list[str], settings: dict) -> dict:
    """Run one measurement in this process and return its figures."""
    import pipeline
    from pipeline import nlp

    pages = chars = 0
    if task == "baseline":
        import pdfplumber

        start = _clock()
        for f in files:
            with pdfplumber.open(f) as pdf:
                for page in pdf.pages:
                    chars += len(page.extract_text() or "")
                    pages += 1
                    page.close()
    else:
        nlp.english()  # loading spaCy is once per process, not per document
        pipeline.process(files[0], settings)  # warm caches the way a batch has them
        start = _clock()
        rss = []
        for f in files:
            result = pipeline.process(f, settings)
            pages += result.source.pages or 0
            chars += result.source.chars if hasattr(result.source, "chars") else 0
            rss.append(_peak_rss_mb())
    cpu, wall = time.process_time() - start[0], time.perf_counter() - start[1]
    return {"cpu": cpu, "wall": wall, "pages": pages, "docs": len(files), "chars": chars, "rss": _peak_rss_mb()}


def text_bytes(files: list[Path]) -> int:
    """Bytes of text the pipeline reads from these files (their normalised document text)."""
    from pipeline.ingest import load

    return sum(len(load(f).text.encode("utf-8")) for f in files)


def measure(task: str, files: list[Path], settings: dict | None = None) -> dict:
    """Run a worker in a fresh subprocess."""
    payload = json.dumps({"task": task, "files": [str(f) for f in files], "settings": settings or {}})
    out = subprocess.run([sys.executable, __file__, "--worker", payload], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def batch_memory(rounds: int) -> list[float]:
    """Peak RSS after each pass of pipeline.process over every corpus file, in one process."""
    import pipeline

    files = [f for group in GROUPS.values() for f in group]
    peaks = []
    for _ in range(rounds):
        for f in files:
            pipeline.process(f)
        peaks.append(_peak_rss_mb())
    return peaks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--batch", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--rounds", type=int, default=3, help="passes over the corpus for the batch-memory check")
    args = parser.parse_args()
    if args.worker:
        job = json.loads(args.worker)
        print(json.dumps(worker(job["task"], job["files"], job["settings"])))
        return
    if args.batch:
        print(json.dumps(batch_memory(args.batch)))
        return

    cpu_count = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    print(f"machine: {cpu_count} cores, {platform.python_implementation()} {platform.python_version()}, {platform.machine()}")
    print(f"{'files':<12} {'run':<22} {'docs':>4} {'pages':>5} {'cpu s':>7} {'wall s':>7} "
          f"{'pages/s':>8} {'docs/s':>7} {'MB/s':>6} {'peak MB':>8} {'x base':>7}")
    for name, files in GROUPS.items():
        mb = text_bytes(files) / 1e6
        runs = {"pipeline": measure("pipeline", files)}
        if name.endswith("PDFs"):
            runs["pipeline, pdfplumber"] = measure("pipeline", files, {"pdf_engine": "pdfplumber"})
            runs["extract_text only"] = measure("baseline", files)
        base = runs.get("extract_text only")
        for run, r in runs.items():
            ratio = f"{base['cpu'] / r['cpu']:.1f}" if base else "-"
            pages = f"{r['pages'] / r['cpu']:.1f}" if r["pages"] else "-"
            print(f"{name:<12} {run:<22} {r['docs']:>4} {r['pages']:>5} {r['cpu']:>7.2f} {r['wall']:>7.2f} "
                  f"{pages:>8} {r['docs'] / r['cpu']:>7.1f} {mb / r['cpu']:>6.2f} {r['rss']:>8.0f} {ratio:>7}")
    r = measure("pipeline", [APPENDIX])
    print(f"71-page appendix alone: peak RSS {r['rss']:.0f} MB, {r['cpu']:.2f} s CPU")
    out = subprocess.run([sys.executable, __file__, "--batch", str(args.rounds)], capture_output=True, text=True, check=True)
    peaks = json.loads(out.stdout.strip().splitlines()[-1])
    print("peak RSS after each pass over the whole corpus (one process): " + ", ".join(f"{p:.0f} MB" for p in peaks))


if __name__ == "__main__":
    main()
