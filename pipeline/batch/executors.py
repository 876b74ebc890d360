"""Executors run the extraction of many documents and hand back one result per document.

Both keep the store out of the workers: a worker returns the PlanExtraction and the
calling process writes it. A worker that dies, or a document that runs past its time, is
turned into a `failed` result with a `batch.*` problem code, so no document is lost.

A document's time limit is kept by the pipeline itself (pipeline/deadline.py): it stops at the
next page or stage once the time is up, and its worker goes on. The local executor also kills a
worker whose document has not stopped a little after that (a call that never returns); a Dask
worker's thread cannot be killed, so there the pipeline's own stop is the only one.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, as_completed
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from typing import Protocol

from pipeline import process
from pipeline.batch.inputs import Content
from pipeline.deadline import time_limit
from pipeline.runner import prepare_worker
from pipeline.settings import Settings
from schemas import PlanExtraction, Problem, SourceInfo, Status

WORKER_CRASHED = "batch.worker_crashed"
TIMED_OUT = "batch.timeout"  # TimeLimitExceeded.code
# A local worker whose document has not stopped by itself at its time limit is killed at this
# multiple of the limit.
KILL_AFTER = 1.25
WORKER_ERROR = "batch.worker_error"
# Codes of failures that say nothing about the document itself: a re-run tries it again.
TRANSIENT_CODES = frozenset({WORKER_CRASHED, TIMED_OUT, WORKER_ERROR})


class Executor(Protocol):
    """Runs the pipeline over contents and yields (content, result) as each finishes."""

    name: str
    workers: int

    def run(self, contents: Sequence[Content], settings: Settings) -> Iterator[tuple[Content, PlanExtraction]]: ...


def default_workers() -> int:
    """The cores this process may run on (fewer than the machine's in a container or under taskset)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def extract_one(path: str, settings: Settings) -> PlanExtraction:
    """The work of one document, in a worker (never raises for a bad document)."""
    prepare_worker()  # once a process: a Dask worker has no start-up hook of ours
    return process(path, settings)


def within_time(
    work: Callable[[str, Settings], PlanExtraction], seconds: float | None, path: str, settings: Settings
) -> PlanExtraction:
    """`work` on one document, stopped once `seconds` have passed (a module-level function: it is sent to workers)."""
    with time_limit(seconds):
        return work(path, settings)


def lost_result(content: Content, code: str, message: str) -> PlanExtraction:
    """The failed result of a document whose worker gave no answer."""
    return PlanExtraction(
        source=SourceInfo(path=content.path, sha256=content.sha256, bytes=content.bytes),
        status=Status.failed,
        problems=[Problem(code=code, message=message)],
    )


@dataclass
class LocalExecutor:
    """Worker processes on this machine; a worker that crashes or hangs is replaced."""

    workers: int
    timeout: float | None = 600.0
    max_tasks: int = 200  # a worker is renewed after this many documents, to bound memory
    name: str = "local"
    work: Callable[[str, Settings], PlanExtraction] = field(default=extract_one, repr=False)

    def run(self, contents: Sequence[Content], settings: Settings) -> Iterator[tuple[Content, PlanExtraction]]:
        from pebble import ProcessExpired, ProcessPool

        pool = ProcessPool(max_workers=self.workers, max_tasks=self.max_tasks, initializer=_start_worker)
        kill_after = None if self.timeout is None else self.timeout * KILL_AFTER
        try:
            futures: dict[Future[PlanExtraction], Content] = {
                pool.schedule(within_time, args=(self.work, self.timeout, c.path, settings), timeout=kill_after): c
                for c in contents
            }
            for future in as_completed(futures):
                content = futures.pop(future)
                try:
                    plan = future.result()
                except FutureTimeout:
                    plan = lost_result(
                        content, TIMED_OUT, f"{content.path}: its worker was stopped after {kill_after:g} s"
                    )
                except ProcessExpired as e:
                    plan = lost_result(
                        content, WORKER_CRASHED, f"{content.path}: the worker died (exit code {e.exitcode})"
                    )
                except Exception as e:  # e.g. a result that cannot be sent back
                    plan = lost_result(content, WORKER_ERROR, f"{content.path}: {type(e).__name__}: {e}")
                yield content, plan
            pool.close()
        finally:
            pool.stop()
            pool.join()


@dataclass
class DaskExecutor:
    """Tasks on an existing Dask distributed cluster; workers must see the same file paths."""

    scheduler: str
    timeout: float | None = 600.0
    name: str = "dask"
    workers: int = 0
    work: Callable[[str, Settings], PlanExtraction] = field(default=extract_one, repr=False)

    def run(self, contents: Sequence[Content], settings: Settings) -> Iterator[tuple[Content, PlanExtraction]]:
        from distributed import Client, KilledWorker
        from distributed import as_completed as dask_completed

        with Client(self.scheduler, set_as_default=False) as client:
            self.workers = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values())
            futures = {
                client.submit(
                    within_time,
                    self.work,
                    self.timeout,
                    c.path,
                    settings,
                    key=f"councilplans-extract-{c.sha256}",
                    pure=False,
                ): c
                for c in contents
            }
            try:
                for future in dask_completed(futures, loop=client.loop):
                    content = futures.pop(future)
                    try:
                        plan = future.result()
                    except KilledWorker as e:
                        plan = lost_result(content, WORKER_CRASHED, f"{content.path}: {e}")
                    except Exception as e:
                        plan = lost_result(content, WORKER_ERROR, f"{content.path}: {type(e).__name__}: {e}")
                    future.release()
                    yield content, plan
            finally:
                client.cancel(list(futures))


def _start_worker() -> None:
    # Ctrl-C is the batch's to handle; a worker whose batch was killed exits at once.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent.sentinel,), daemon=True).start()
    prepare_worker()


def _exit_with(sentinel: int) -> None:
    wait([sentinel])
    os._exit(1)
