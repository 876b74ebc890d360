"""councilplans: structured, comparable data from council papers about community safety.

    >>> from pipeline import extract
    >>> plan = extract("corpus/seeds/000_2ad17110b5a37932.txt")
    >>> plan.council
    'Rotherham'
"""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.errors import CouncilPlansError
from pipeline.settings import Settings
from schemas import PlanExtraction, Problem, SourceInfo, Status

__version__ = "0.1.0"
__all__ = ["CouncilPlansError", "Settings", "__version__", "extract", "process"]


def extract(path: str | os.PathLike[str], settings: Settings | dict | None = None) -> PlanExtraction:
    """Extract one paper. Raises a CouncilPlansError when the input cannot be read at all."""
    from pipeline.ingest import load
    from pipeline.runner import run_stages

    document = load(path, Settings.resolve(settings))
    return run_stages(document)


def process(path: str | os.PathLike[str], settings: Settings | dict | None = None) -> PlanExtraction:
    """Extract one paper and never raise: an unreadable input gives a `failed` result."""
    try:
        return extract(path, settings)
    except CouncilPlansError as e:
        return failed_result(path, e.code, e.message)
    except Exception as e:  # a bug must cost one document, not the batch
        return failed_result(path, "internal.error", f"{type(e).__name__}: {e}")


def failed_result(path: str | os.PathLike[str], code: str, message: str) -> PlanExtraction:
    """The record of a document that could not be read."""
    from pipeline.ingest import file_sha256

    p = Path(path)
    sha, size = "", 0
    try:
        if p.is_file():  # never open a pipe or device: reading it could block the batch
            sha, size = file_sha256(p), p.stat().st_size
    except OSError:
        pass
    return PlanExtraction(
        source=SourceInfo(path=str(p), sha256=sha, bytes=size),
        status=Status.failed,
        problems=[Problem(code=code, message=message)],
    )
