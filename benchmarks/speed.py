"""Speed and memory of councilplans on the corpus, against pdfplumber's extract_text().

    python benchmarks/speed.py            # all measurements (about five minutes)
    python benchmarks/speed.py --rounds 5 # more rounds for the batch-memory check

Each measurement runs in a fresh subprocess, so its peak RSS is its own, and is repeated
(the run with the least CPU time is kept): a group's rows are run in turn, round after round,
so that a spell of the machine running slow falls on all of them. Times are CPU
seconds of that process (wall-clock seconds beside them): on a shared machine CPU time is the
fairer measure, and both the pipeline and the baseline are measured in the same run.

The rows of each group:
    pipeline               a fresh process that has read one of the group's files (spaCy
                           loaded, the rule data built), then reads them all
    pipeline, mid-batch    a process that has first read every other paper it has: the 53
                           held-out papers of tests/fixtures and the corpus papers that are
                           not these (the real PDFs before the seeds, the seeds before the
                           real PDFs), as a batch worker has read others before these: the
                           words they share are known, these papers' own words are not
    pipeline, warm vocab   (texts) a process that has read these very files before: the bound
    pipeline, pdfplumber   (PDFs) every page read by pdfplumber, the reference engine
    extract_text only      (PDFs) pdfplumber's extract_text() on every page: the baseline
x base is the baseline's CPU time over the row's, and MB/s is the text the pipeline reads.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GROUPS = {
    "seed PDFs": sorted((ROOT / "corpus/seeds").glob("*.pdf")),
    "real PDFs": sorted((ROOT / "corpus/real-pdfs").glob("*.pdf")),
    "seed texts": sorted((ROOT / "corpus/seeds").glob("*.txt")),
}
# The seed texts are short (17 kB on average), so their MB/s is mostly per-document cost; the
# text of the real PDFs, saved as text papers (42 kB on average), is measured beside them.
LONG_TEXTS = "long texts"
APPENDIX = ROOT / "corpus/real-pdfs/kent-cc_2025_qpr-q3-appendix.pdf"
# Papers that are in no group: the held-out test papers, read first by a mid-batch worker.
HELD_OUT = sorted(
    p for p in (ROOT / "tests/fixtures").rglob("*")
    if p.suffix in {".txt", ".md", ".html", ".pdf"} and p.name != "README.md"
)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _clock() -> tuple[float, float]:
    return time.process_time(), time.perf_counter()


def other_papers(name: str) -> list[Path]:
    """What a mid-batch worker reads before a group: every paper that is not one of its papers in any form."""
    seeds = GROUPS["seed PDFs"] + GROUPS["seed texts"]
    return HELD_OUT + (GROUPS["real PDFs"] if name.startswith("seed") else seeds)


def worker(task: str, files: list[str], settings: dict, before: list[str]) -> dict:
    """Run one measurement in this process and return its figures."""
    if task == "baseline":
        import pdfplumber

        pages = 0
        start = _clock()
        for f in files:
            with pdfplumber.open(f) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    pages += 1
                    page.close()
        return _figures(start, pages, len(files))
    if task == "stages":
        return stage_costs(files)
    import pipeline
    from pipeline.runner import prepare_worker

    prepare_worker()  # as a batch worker starts: spaCy and the rule data loaded, then frozen
    # What the process has read before: the first file (a fresh worker), other papers (a worker
    # in the middle of a batch: common words and rule data known, these papers' words not), or
    # these very papers (their words known too: the upper bound).
    warm = {"pipeline": files[:1], "pipeline-batch": before, "pipeline-warm": files}[task]
    for f in warm:
        pipeline.process(f, settings)
    start = _clock()
    pages = sum(pipeline.process(f, settings).source.pages or 0 for f in files)
    return _figures(start, pages, len(files))


def _figures(start: tuple[float, float], pages: int, docs: int) -> dict:
    cpu, wall = time.process_time() - start[0], time.perf_counter() - start[1]
    return {"cpu": cpu, "wall": wall, "pages": pages, "docs": docs, "rss": _peak_rss_mb()}


def stage_costs(files: list[str]) -> dict:
    """CPU seconds of ingestion, of the one spaCy parse, and of each stage, over the files."""
    from pipeline import runner
    from pipeline.ingest import load

    costs = dict.fromkeys(["ingest", "spaCy parse", *(s.name for s in runner.STAGES)], 0.0)

    def timed(stage: runner.Stage) -> runner.Stage:
        def run(parsed, found):
            t = time.process_time()
            try:
                return stage.run(parsed, found)
            finally:
                costs[stage.name] += time.process_time() - t

        return runner.Stage(stage.name, run, stage.into)

    stages = tuple(timed(s) for s in runner.STAGES)
    runner.prepare_worker()
    runner.run_stages(load(files[0]), stages)
    costs.update(dict.fromkeys(costs, 0.0))
    for f in files:
        t = time.process_time()
        document = load(f)
        costs["ingest"] += time.process_time() - t
        before = sum(costs[s.name] for s in stages)
        t = time.process_time()
        runner.run_stages(document, stages)
        costs["spaCy parse"] += time.process_time() - t - (sum(costs[s.name] for s in stages) - before)
    return costs


def text_bytes(files: list[Path]) -> int:
    """Bytes of text the pipeline reads from these files (their normalised document text)."""
    from pipeline.ingest import load

    return sum(len(load(f).text.encode("utf-8")) for f in files)


REPEAT = 5


def _run_once(task: str, files: Sequence[Path], settings: dict | None = None, before: Sequence[Path] = ()) -> dict:
    """One run of a worker in a fresh subprocess."""
    payload = json.dumps(
        {"task": task, "files": [str(f) for f in files], "settings": settings or {}, "before": [str(f) for f in before]}
    )
    out = subprocess.run([sys.executable, __file__, "--worker", payload], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(task: str, files: list[Path], settings: dict | None = None, before: Sequence[Path] = ()) -> dict:
    """Run a worker in a fresh subprocess, REPEAT times; keep the run with the least CPU time."""
    runs = [_run_once(task, files, settings, before) for _ in range(REPEAT if task != "stages" else 1)]
    return min(runs, key=lambda r: r.get("cpu", 0.0))


def measure_rows(rows: dict[str, tuple]) -> dict[str, dict]:
    """Each row's run with the least CPU time, over REPEAT rounds of every row in turn.

    The machine's speed drifts over seconds; taking the rows in turn, round after round, spreads
    a slow spell over all of them, where REPEAT runs of one row in a row would all fall in it.
    """
    best: dict[str, dict] = {}
    for _ in range(REPEAT):
        for name, args in rows.items():
            r = _run_once(*args)
            if name not in best or r["cpu"] < best[name]["cpu"]:
                best[name] = r
    return best


def batch_memory(rounds: int) -> dict[str, list[float]]:
    """Peak RSS in one process: after each pass over the corpus, and every ten papers full of
    words never seen before (the vocabulary's growth is what a long batch would feel)."""
    import random
    import string

    import pipeline
    from pipeline.runner import prepare_worker

    prepare_worker()
    files = [f for group in GROUPS.values() for f in group]
    peaks: dict[str, list[float]] = {"corpus passes": [], "novel-word papers": []}
    for _ in range(rounds):
        for f in files:
            pipeline.process(f)
        peaks["corpus passes"].append(_peak_rss_mb())
    rng = random.Random(8)
    base = (ROOT / "corpus/seeds/000_2ad17110b5a37932.txt").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(10 * rounds):
            novel = " ".join("".join(rng.choices(string.ascii_lowercase, k=9)) for _ in range(20_000))
            paper = Path(tmp) / f"{i}.txt"
            paper.write_text(base + "\n" + novel, encoding="utf-8")
            pipeline.process(paper)
            paper.unlink()
            if i % 10 == 9:
                peaks["novel-word papers"].append(_peak_rss_mb())
    return peaks


def long_texts(folder: Path) -> list[Path]:
    """The real PDFs' text, as the pipeline reads it, saved as text papers in the folder."""
    from pipeline.ingest import load

    out = []
    for pdf in GROUPS["real PDFs"]:
        paper = folder / f"{pdf.stem}.txt"
        paper.write_text(load(pdf).text, encoding="utf-8")
        out.append(paper)
    return out


def report(name: str, files: list[Path]) -> None:
    """Measure one group of files and print its rows."""
    mb = text_bytes(files) / 1e6
    rows: dict[str, tuple] = {
        "pipeline": ("pipeline", files),
        "pipeline, mid-batch": ("pipeline-batch", files, None, other_papers(name)),
    }
    if name.endswith("PDFs"):
        rows["pipeline, pdfplumber"] = ("pipeline", files, {"pdf_engine": "pdfplumber"})
        rows["extract_text only"] = ("baseline", files)
    else:
        rows["pipeline, warm vocab"] = ("pipeline-warm", files)
    runs = measure_rows(rows)
    base = runs.get("extract_text only")
    for run, r in runs.items():
        ratio = f"{base['cpu'] / r['cpu']:.1f}" if base else "-"
        text_mb = f"{mb / r['cpu']:.2f}" if run.startswith("pipeline") else "-"
        rates = f"{r['pages'] / r['cpu']:>8.1f} {r['docs'] / r['cpu']:>7.1f} {text_mb:>6}"
        print(f"{name:<12} {run:<22} {r['docs']:>4} {r['pages']:>5} {r['cpu']:>7.2f} {r['wall']:>7.2f} "
              f"{rates} {r['rss']:>8.0f} {ratio:>7}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--batch", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--rounds", type=int, default=3, help="passes over the corpus for the batch-memory check")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each measurement (the least CPU time is kept)")
    args = parser.parse_args()
    if args.worker:
        job = json.loads(args.worker)
        print(json.dumps(worker(job["task"], job["files"], job["settings"], job["before"])))
        return
    global REPEAT
    REPEAT = args.repeat
    if args.batch:
        print(json.dumps(batch_memory(args.batch)))
        return

    cpu_count = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    python = f"{platform.python_implementation()} {platform.python_version()}"
    print(f"machine: {cpu_count} cores, {python}, {platform.machine()}")
    print(f"{'files':<12} {'run':<22} {'docs':>4} {'pages':>5} {'cpu s':>7} {'wall s':>7} "
          f"{'pages/s':>8} {'docs/s':>7} {'MB/s':>6} {'peak MB':>8} {'x base':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        groups = {**GROUPS, LONG_TEXTS: long_texts(Path(tmp))}
        for name, files in groups.items():
            report(name, files)
    print("\nCPU seconds by step (all corpus files):")

    costs = measure("stages", [f for group in GROUPS.values() for f in group])
    total = sum(costs.values()) or 1.0
    print("  " + ", ".join(f"{step} {cost:.2f} s ({100 * cost / total:.0f}%)" for step, cost in costs.items()))
    r = measure("pipeline", [APPENDIX])
    print(f"\n71-page appendix alone: peak RSS {r['rss']:.0f} MB, {r['cpu']:.2f} s CPU")
    batch = [sys.executable, __file__, "--batch", str(args.rounds)]
    out = subprocess.run(batch, capture_output=True, text=True, check=True)
    for name, peaks in json.loads(out.stdout.strip().splitlines()[-1]).items():
        print(f"peak RSS in one process, {name}: " + ", ".join(f"{p:.0f} MB" for p in peaks))


if __name__ == "__main__":
    main()
