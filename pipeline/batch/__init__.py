"""Batch processing: many papers, several worker processes or a Dask cluster, one results store.

>>> from pipeline.batch import LocalExecutor, run_batch
>>> summary = run_batch(["corpus/seeds"], "results", LocalExecutor(workers=2))
"""

from pipeline.batch.executors import DaskExecutor, Executor, LocalExecutor
from pipeline.batch.runner import DB_NAME, JSONL_NAME, BatchSummary, run_batch

__all__ = ["DB_NAME", "JSONL_NAME", "BatchSummary", "DaskExecutor", "Executor", "LocalExecutor", "run_batch"]
