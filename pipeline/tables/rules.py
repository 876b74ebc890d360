"""The word lists table reading relies on, loaded once from pipeline/data/tables.json."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, field_validator

DATA = Path(__file__).resolve().parent.parent / "data" / "tables.json"


class TableRules(BaseModel):
    """Status words, action-plan and key-value row labels, contents headers, wrap connectors."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int
    status_words: dict[str, str]
    # "G", "A", "R": status letters, read only in a column headed as a rating ("RAG").
    rag_letters: dict[str, str] = {}
    rating_headers: frozenset[str] = frozenset()
    # A table whose figures all stand under these words is a budget, not a performance table.
    finance_headers: frozenset[str] = frozenset()
    action_plan_labels: frozenset[str]
    key_value_labels: frozenset[str]
    contents_headers: frozenset[str]
    wrap_connectors: frozenset[str]

    @field_validator("status_words", "rag_letters")
    @classmethod
    def _lower_keys(cls, value: dict[str, str]) -> dict[str, str]:
        if any(k != k.lower() for k in value):
            raise ValueError("status words are matched lower-case; write the keys lower-case")
        return value


def load_rules(path: Path = DATA) -> TableRules:
    """Read and validate the table rules file."""
    return TableRules.model_validate(json.loads(path.read_text(encoding="utf-8")))


RULES = load_rules()
