"""The `evaluate` command: gold loading, stored results, JSON output, reports and floors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from pipeline.errors import GoldError
from pipeline.evaluate.gold import load_gold, read_gold
from tests.conftest import GOLD, SEED_IDS, SEEDS
from tests.test_evaluate_fields import plan_from_gold

runner = CliRunner()


def write_results(tmp: Path, seeds: list[str]) -> Path:
    """A results.jsonl of perfect extractions of some seeds."""
    path = tmp / "results.jsonl"
    lines = [plan_from_gold(read_gold(GOLD / f"{s}.json")).model_dump_json() for s in seeds]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_every_corpus_gold_file_is_valid():
    assert [g.stem for g in load_gold(GOLD)] == SEED_IDS


@pytest.mark.parametrize(
    ("change", "where"),
    [({"priorites": []}, "priorites"), ({"statutory": {"plan_steps": "maybe"}}, "statutory.plan_steps")],
)
def test_bad_gold_file_names_the_file_and_field(tmp_path, change, where):
    data = json.loads((GOLD / f"{SEED_IDS[0]}.json").read_text(encoding="utf-8")) | change
    (tmp_path / "bad.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(GoldError, match=where):
        load_gold(tmp_path)


def test_results_jsonl_scores_full_marks_and_prints_json(tmp_path):
    results = write_results(tmp_path, SEED_IDS)
    out = runner.invoke(app, ["evaluate", "--gold", str(GOLD), "--results", str(results), "--json"])
    assert out.exit_code == 0, out.output
    report = json.loads(out.stdout)
    assert len(report["documents"]) == len(SEED_IDS)
    f1 = {name: s["f1"] for name, s in report["micro"]["strict"].items() if s["f1"] is not None}
    assert set(f1.values()) == {1.0}
    assert {"priorities", "targets", "tables.cells", "partners", "funding", "statutory"} <= set(f1)


def test_gold_without_extraction_is_reported(tmp_path):
    results = write_results(tmp_path, SEED_IDS[:1])
    out = runner.invoke(app, ["evaluate", "--gold", str(GOLD), "--results", str(results), "--issues", "none"])
    assert out.exit_code == 0, out.output
    assert "no extraction for" in out.stdout and SEED_IDS[1] in out.stdout


def test_report_and_floors_are_written_and_checked(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    shutil.copy(GOLD / f"{SEED_IDS[0]}.json", gold)
    results = write_results(tmp_path, SEED_IDS[:1])
    floors = tmp_path / "floors.json"
    args = ["evaluate", "--gold", str(gold), "--results", str(results), "--issues", "none"]
    out = runner.invoke(app, [*args, "--report", str(tmp_path / "eval"), "--write-floors", str(floors)])
    assert out.exit_code == 0, out.output
    assert (tmp_path / "eval" / "corpus-report.md").read_text(encoding="utf-8").startswith("# Evaluation")
    written = json.loads(floors.read_text(encoding="utf-8"))
    assert written["floors"]["all"]["fuzzy"]["priorities"] == 0.98
    assert written["floors"]["txt"]["strict"]["priorities"] == 0.98
    assert runner.invoke(app, [*args, "--check-floors", str(floors)]).exit_code == 0
    # an extraction that lost a priority falls under the floor
    plan = json.loads(results.read_text(encoding="utf-8"))
    plan["priorities"] = plan["priorities"][1:]
    results.write_text(json.dumps(plan) + "\n", encoding="utf-8")
    out = runner.invoke(app, [*args, "--check-floors", str(floors)])
    assert out.exit_code == 1
    assert "below floor: all strict priorities" in out.stderr
    assert "below floor: txt fuzzy priorities" in out.stderr


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--gold", "no-such-dir", "--results", "x.jsonl"], 3),
        (["--gold", str(GOLD)], 2),
        (["--gold", str(GOLD), "--results", "x.jsonl", "--scorer", "nope"], 2),
    ],
)
def test_bad_arguments_give_one_line_and_an_exit_code(args, code):
    out = runner.invoke(app, ["evaluate", *args])
    assert out.exit_code == code
    assert "Traceback" not in out.output


def test_results_file_that_is_not_extractions_is_an_error(tmp_path):
    bad = tmp_path / "results.jsonl"
    bad.write_text('{"not": "a plan"}\n', encoding="utf-8")
    out = runner.invoke(app, ["evaluate", "--gold", str(GOLD), "--results", str(bad)])
    assert out.exit_code == 3
    assert "[results.invalid]" in out.stderr and "results.jsonl:1" in out.stderr


def test_annotate_prints_a_valid_gold_draft(tmp_path):
    out = runner.invoke(app, ["annotate", str(SEEDS / f"{SEED_IDS[0]}.txt")])
    assert out.exit_code == 0, out.output
    (tmp_path / "draft.json").write_text(out.stdout, encoding="utf-8")
    assert read_gold(tmp_path / "draft.json").document == f"{SEED_IDS[0]}.txt"


def test_results_database_of_a_batch_is_evaluated(tmp_path):
    from pipeline.settings import Settings
    from pipeline.store import connect, write_document

    conn = connect(tmp_path / "results.db")
    for n, seed in enumerate(SEED_IDS):
        plan = plan_from_gold(read_gold(GOLD / f"{seed}.json"))
        plan.source.sha256 = f"{n:064x}"
        write_document(conn, plan, Settings())
    conn.close()
    out = runner.invoke(app, ["evaluate", "--gold", str(GOLD), "--results", str(tmp_path), "--json"])
    assert out.exit_code == 0, out.output
    report = json.loads(out.stdout)
    assert sorted(d["document"] for d in report["documents"]) == [f"{s}.txt" for s in SEED_IDS]
    assert report["micro"]["strict"]["priorities"]["f1"] == 1.0


def test_results_database_that_is_not_a_store_is_an_error(tmp_path):
    (tmp_path / "results.db").write_bytes(b"not sqlite at all" * 100)
    out = runner.invoke(app, ["evaluate", "--gold", str(GOLD), "--results", str(tmp_path / "results.db")])
    assert out.exit_code == 3
    assert "[store.error]" in out.stderr



def test_gold_without_extraction_counts_as_misses(tmp_path):
    """A results file that lost a paper scores lower than one holding it: its gold items are misses."""
    whole = runner.invoke(app, ["evaluate", "--gold", str(GOLD), "--results", str(write_results(tmp_path, SEED_IDS)),
                                "--json"])
    partial_dir = tmp_path / "partial"
    partial_dir.mkdir()
    partial = runner.invoke(app, ["evaluate", "--gold", str(GOLD), "--results",
                                  str(write_results(partial_dir, SEED_IDS[:1])), "--json"])
    assert whole.exit_code == 0 and partial.exit_code == 0, partial.output
    full, lost = (json.loads(out.stdout)["micro"]["strict"]["priorities"] for out in (whole, partial))
    assert lost["tp"] < full["tp"] and lost["fn"] > full["fn"] == 0
    assert lost["fp"] == full["fp"]
    missing = [d for d in json.loads(partial.stdout)["documents"] if d["format"] == "missing"]
    assert sorted(Path(d["document"]).stem for d in missing) == SEED_IDS[1:]
