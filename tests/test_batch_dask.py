"""The same batch on a Dask cluster lands the same results in the same store."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.batch import DaskExecutor, LocalExecutor, run_batch
from pipeline.store import snapshot
from tests.conftest import SEEDS

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed (pip install '.[dask]')")


def test_dask_batch_gives_the_store_of_a_local_batch(tmp_path: Path) -> None:
    inputs = [*sorted(SEEDS.glob("*.txt")), SEEDS / "000_2ad17110b5a37932.docx", tmp_path / "missing.txt"]
    local = run_batch(inputs, tmp_path / "local", LocalExecutor(workers=1))
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        summary = run_batch(inputs, tmp_path / "dask", DaskExecutor(cluster.scheduler_address))
    assert summary.as_dict() | {"seconds": 0, "db": "", "jsonl": ""} == local.as_dict() | {
        "seconds": 0,
        "db": "",
        "jsonl": "",
    }
    assert snapshot(tmp_path / "dask" / "results.db") == snapshot(tmp_path / "local" / "results.db")
