"""Where the extractions to evaluate come from: a documents directory or stored results."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from pydantic import ValidationError

from pipeline.errors import InputError, InputNotFound, StoreError
from pipeline.evaluate.gold import GoldAnnotation
from pipeline.settings import Settings
from schemas import PlanExtraction

# Every form of a paper is evaluated on its own: extraction must agree across formats.
FORMS = (".txt", ".md", ".pdf", ".docx", ".html", ".htm")


class ResultsError(InputError):
    """A results file that cannot be read as extractions."""

    code = "results.invalid"


def document_paths(golds: Iterable[GoldAnnotation], docs: Path) -> list[tuple[GoldAnnotation, Path]]:
    """Every form (.txt, .pdf, .docx, .html ...) of every gold document present in a directory."""
    if not docs.is_dir():
        raise InputNotFound(f"{docs}: not a directory of documents")
    return [(g, docs / (g.stem + suffix)) for g in golds for suffix in FORMS if (docs / (g.stem + suffix)).is_file()]


def extract_documents(
    paths: list[Path],
    settings: Settings | None = None,
    on_done: Callable[[Path], None] | None = None,
    jobs: int = 1,
) -> list[PlanExtraction]:
    """Run the pipeline over each path, in `jobs` processes; a document that fails is a failed
    result, not an error. Results come back in the order of the paths."""
    from pipeline import process

    if jobs <= 1 or len(paths) <= 1:
        results = []
        for path in paths:
            results.append(process(path, settings))
            if on_done is not None:
                on_done(path)
        return results
    with ProcessPoolExecutor(max_workers=min(jobs, len(paths))) as pool:
        futures = {pool.submit(process, path, settings): path for path in paths}
        for future in as_completed(futures):
            if on_done is not None:
                on_done(futures[future])
        return [future.result() for future in futures]


def load_results(path: Path) -> list[PlanExtraction]:
    """Stored extractions: a JSON-lines file (one PlanExtraction a line, as `batch` also
    writes) or a batch store (`results.db`, or the batch output directory that holds it)."""
    if path.is_dir():
        path = path / "results.db"
    if not path.is_file():
        raise InputNotFound(f"{path}: no such results file")
    if path.suffix == ".db":
        return _load_store(path)
    return list(_read_jsonl(path))


def _read_jsonl(path: Path) -> Iterator[PlanExtraction]:
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield PlanExtraction.model_validate(json.loads(line))
            except (json.JSONDecodeError, ValidationError) as e:
                raise ResultsError(f"{path}:{number}: not a PlanExtraction ({type(e).__name__})") from e


def _load_store(path: Path) -> list[PlanExtraction]:
    from pipeline.store import load_extractions

    try:
        return list(load_extractions(path))
    except (sqlite3.Error, ValidationError) as e:
        raise StoreError(f"{path}: not a councilplans results database ({type(e).__name__}: {e})") from e
