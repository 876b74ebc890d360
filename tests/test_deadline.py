"""A paper's time limit: the pipeline stops by itself between pages and stages, in any thread."""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path

import pytest

from pipeline import extract, process
from pipeline.batch import DaskExecutor, LocalExecutor, run_batch
from pipeline.batch.executors import TIMED_OUT
from pipeline.deadline import time_limit
from pipeline.errors import TimeLimitExceeded
from schemas import Status
from tests.conftest import SEEDS

PDF = SEEDS / "004_344879f04729efa5.pdf"
TEXT = SEEDS / "000_2ad17110b5a37932.txt"


def _timed_out(path: Path, seconds: float | None) -> str | None:
    plan = process(path) if seconds is None else _limited(path, seconds)
    codes = [p for p in plan.problems if p.code == TimeLimitExceeded.code]
    assert (plan.status == Status.failed) == bool(codes)
    return codes[0].message if codes else None


def _limited(path: Path, seconds: float):
    with time_limit(seconds):
        return process(path)


def test_pdf_past_its_time_stops_before_a_page() -> None:
    assert _timed_out(PDF, 0) == "stopped after its time limit of 0 s, at page 1 of 24"


def test_text_paper_past_its_time_stops_before_a_stage() -> None:
    assert _timed_out(TEXT, 0) == "stopped after its time limit of 0 s, at the sections stage"


def test_paper_within_its_time_is_read_as_without_a_limit() -> None:
    assert _limited(PDF, 600) == process(PDF)
    with time_limit(0):
        with time_limit(None):  # an inner block's limit replaces the outer one, and ends with it
            assert process(TEXT).status == Status.ok
        with pytest.raises(TimeLimitExceeded):  # extract raises it; process records it
            extract(TEXT)
    assert process(TEXT).status == Status.ok


def test_each_thread_keeps_its_own_limit() -> None:
    results: dict[str, str | None] = {}

    def run(name: str, seconds: float | None) -> None:
        results[name] = _timed_out(TEXT, seconds)

    threads = [threading.Thread(target=run, args=(f"t{i}", 0 if i % 2 else None)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [results[f"t{i}"] is not None for i in range(4)] == [False, True, False, True]


def test_local_batch_records_papers_past_their_time_and_keeps_its_workers(tmp_path: Path) -> None:
    summary = run_batch([TEXT, PDF], tmp_path, LocalExecutor(workers=1, timeout=1e-6))
    assert summary.failures == Counter({TIMED_OUT: 2})
    again = run_batch([TEXT, PDF], tmp_path, LocalExecutor(workers=1))
    assert (again.extracted, again.failed) == (2, 0)  # a time-out is tried again on the next run


def test_dask_batch_keeps_the_time_limit_too(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as c:
        summary = run_batch([TEXT, PDF], tmp_path, DaskExecutor(c.scheduler_address, timeout=1e-6))
        assert summary.failures == Counter({TIMED_OUT: 2})
        again = run_batch([TEXT, PDF], tmp_path, DaskExecutor(c.scheduler_address))
    assert (again.extracted, again.failed) == (2, 0)
