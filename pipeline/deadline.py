"""A time limit on one paper's extraction, checked between PDF pages and between stages.

A batch must not spend a worker on one paper for ever. The local executor kills a worker that
runs past its limit; but a Dask worker reads papers in threads, and a thread cannot be killed.
So the pipeline stops by itself, at the next check after a paper's time is up: before each page
of a PDF (an OCR page takes seconds) and before each stage. The paper is then recorded as
failed with the code `batch.timeout` (a re-run of the batch tries it again), and the worker
goes on to the next paper. One call that never returns (a hang inside a PDF library) is not
stopped this way: the local executor still kills such a worker.

The limit is a context variable, so each thread (each Dask task) has its own.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from pipeline.errors import TimeLimitExceeded

# (when the time is up, on the monotonic clock; the limit in seconds), or None: no limit
_LIMIT: ContextVar[tuple[float, float] | None] = ContextVar("councilplans_time_limit", default=None)


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Stop the extraction inside the block at the next check once `seconds` have passed (None: never)."""
    token = _LIMIT.set(None if seconds is None else (time.monotonic() + seconds, seconds))
    try:
        yield
    finally:
        _LIMIT.reset(token)


def check(where: str) -> None:
    """Raise TimeLimitExceeded if the paper's time is up."""
    limit = _LIMIT.get()
    if limit is not None and time.monotonic() > limit[0]:
        raise TimeLimitExceeded(f"stopped after its time limit of {limit[1]:g} s, at {where}")
