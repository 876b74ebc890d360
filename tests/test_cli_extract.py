"""`councilplans extract` prints JSON that validates against PlanExtraction and its JSON Schema."""

from __future__ import annotations

import json
from functools import cache

import jsonschema
import pytest
from typer.testing import CliRunner

from cli import app
from schemas import PlanExtraction
from tests.conftest import SEEDS
from tests.extractions import SEED_FILES, extracted, seed_case_id

runner = CliRunner()


@cache
def _schema() -> dict:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    return json.loads(result.stdout)


def test_schema_command_prints_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(_schema())


@pytest.mark.parametrize("case", SEED_FILES, ids=seed_case_id)
def test_extract_prints_valid_plan_json(case):
    seed, fmt = case
    result = runner.invoke(app, ["extract", str(SEEDS / f"{seed}.{fmt}"), "--compact"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, _schema())
    plan = PlanExtraction.model_validate(data)
    assert plan.source.format == fmt and plan.status.value == "ok"
    assert plan.council and plan.kind != "other" and plan.sections


@pytest.mark.parametrize("case", SEED_FILES, ids=seed_case_id)
def test_plan_round_trips_through_json(case):
    plan = extracted(*case)
    again = PlanExtraction.model_validate_json(plan.model_dump_json())
    assert again == plan
