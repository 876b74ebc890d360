"""Shared fixtures: the bundled corpus and its gold files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEEDS = CORPUS / "seeds"
GOLD = CORPUS / "gold"
REAL_PDFS = CORPUS / "real-pdfs"

SEED_IDS = sorted(p.stem for p in GOLD.glob("*.json"))


def gold_for(seed_id: str) -> dict:
    """The gold annotation of a seed; a missing gold file is a failure, never skipped."""
    path = GOLD / f"{seed_id}.json"
    assert path.exists(), f"missing gold file {path}"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS
