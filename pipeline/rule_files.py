"""The rule files packaged in pipeline/data: read, and validated by their Pydantic model.

A broken file is a `data.invalid` error naming the file and the field, never a half-loaded rule set.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from pipeline.errors import RuleDataError

Rules = TypeVar("Rules", bound=BaseModel)


def packaged(name: str) -> str:
    """The text of a rule file packaged in pipeline/data."""
    return resources.files("pipeline").joinpath("data", name).read_text(encoding="utf-8")


def parse_rules(model: type[Rules], text: str, name: str) -> Rules:
    """A rule file's JSON validated as `model`; errors name the file and the field."""
    try:
        return model.model_validate(json.loads(text))
    except (ValueError, ValidationError) as e:
        raise RuleDataError(f"{name}: {e}") from e
