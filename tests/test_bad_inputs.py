"""Every kind of bad input gives its documented outcome through the API, `process` and the CLI."""

from __future__ import annotations

import inspect
import json
import os
import re
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from pipeline import errors, extract, process
from pipeline.errors import CouncilPlansError
from pipeline.ingest import load
from pipeline.runner import run_stages
from schemas import Status
from tests.bad_inputs import CASES, INGEST_PREFIXES, SETTINGS, BadInput
from tests.conftest import ROOT

pytest.importorskip("pypdf")
runner = CliRunner()
EXIT_CODE_OF = {
    cls.code: cls.exit_code
    for _, cls in inspect.getmembers(errors, inspect.isclass)
    if issubclass(cls, CouncilPlansError)
}


@pytest.fixture(autouse=True)
def unreadable_even_as_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod 000 does not stop root from reading: make such a file unreadable the way a user would see it."""
    if os.geteuid() != 0:
        return
    original = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.is_file() and self.stat().st_mode & 0o777 == 0:
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


def _ids(case: BadInput) -> str:
    return re.sub(r"[^a-z0-9]+", "-", case.name.lower()).strip("-")


@pytest.fixture(scope="session")
def bad_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every bad file, made once per session, each in its own folder."""
    root = tmp_path_factory.mktemp("bad-inputs")
    made = {}
    for case in CASES:
        folder = root / _ids(case)
        folder.mkdir()
        made[case.name] = case.make(folder)
    return made


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_api_outcome(case: BadInput, bad_files: dict[str, Path]) -> None:
    path = bad_files[case.name]
    if case.error:
        with pytest.raises(CouncilPlansError) as raised:
            extract(path, SETTINGS)
        assert raised.value.code == case.error
        return
    document = load(path, SETTINGS)
    assert {p.code for p in document.problems if p.code.startswith(INGEST_PREFIXES)} == case.problems
    assert case.contains in document.text
    plan = run_stages(document)
    assert plan.status != Status.failed
    assert not [p for p in plan.problems if p.code.startswith("stage.")]


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_cli_outcome(case: BadInput, bad_files: dict[str, Path], tmp_path: Path) -> None:
    config = tmp_path / "settings.json"
    config.write_text(SETTINGS.model_dump_json())
    result = runner.invoke(app, ["extract", str(bad_files[case.name]), "--compact", "--config", str(config)])
    assert "Traceback" not in result.output
    if case.error:
        assert result.exit_code == EXIT_CODE_OF[case.error], result.output
        (line,) = result.stderr.strip().splitlines()
        assert line.startswith("councilplans: error: ") and line.endswith(f"[{case.error}]")
        assert result.stdout == ""
    else:
        assert result.exit_code == 0, result.output
        plan = json.loads(result.stdout)
        assert plan["status"] in ("ok", "partial")


def test_process_records_every_bad_file_and_loses_none(bad_files: dict[str, Path]) -> None:
    paths = [bad_files[case.name] for case in CASES]
    results = [process(path, SETTINGS) for path in paths]
    assert len(results) == len(CASES)
    for case, path, result in zip(CASES, paths, results, strict=True):
        assert result.source.path == str(path)
        if case.error:
            assert result.status == Status.failed, case.name
            assert [p.code for p in result.problems] == [case.error], case.name
        else:
            assert result.status in (Status.ok, Status.partial), case.name


def test_readme_documents_every_bad_input() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for case in CASES:
        row = next((line for line in readme.splitlines() if line.startswith(f"| {case.name} |")), None)
        assert row is not None, f"README lacks a row for {case.name!r}"
        expected = case.error or "read"
        assert expected in row, (case.name, row)


def test_batch_records_every_bad_file_with_its_outcome(bad_files: dict[str, Path], tmp_path: Path) -> None:
    # As root, chmod 000 does not stop reading (and batch workers are other processes): that case is left out.
    cases = [c for c in CASES if not (os.geteuid() == 0 and c.error == "input.unreadable")]
    config = tmp_path / "settings.json"
    config.write_text(SETTINGS.model_dump_json())
    out = tmp_path / "results"
    args = [str(bad_files[c.name]) for c in cases]
    result = runner.invoke(app, ["batch", *args, "--out", str(out), "--workers", "2", "--quiet", "--json",
                                 "--config", str(config)])
    assert "Traceback" not in result.output
    assert result.exit_code == 1, result.output  # some documents failed, none was lost
    summary = json.loads(result.stdout)
    assert summary["inputs"] == len(cases)
    conn = sqlite3.connect(out / "results.db")
    rows = {
        path: (error_code, status, first_problem)
        for path, error_code, status, first_problem in conn.execute(
            "SELECT p.path, p.error_code, d.status, "
            "(SELECT code FROM problems q WHERE q.sha256 = d.sha256 ORDER BY problem_no LIMIT 1) "
            "FROM paths p LEFT JOIN documents d USING (sha256)"
        )
    }
    for case in cases:
        error_code, status, first_problem = rows[os.path.abspath(bad_files[case.name])]
        if case.error:
            assert (error_code or (first_problem if status == "failed" else None)) == case.error, case.name
        else:
            assert error_code is None and status in ("ok", "partial"), case.name
