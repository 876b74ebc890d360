"""Evaluation against gold annotations: field-level precision, recall and F1.

    >>> from pipeline.evaluate import evaluate_corpus
    >>> report = evaluate_corpus("corpus/gold", docs="corpus/seeds")  # doctest: +SKIP
    >>> report.micro["fuzzy"]["priorities"].f1  # doctest: +SKIP

Modules: `gold` (the gold format), `matching` (text comparison and one-to-one matching),
`sheet` and `fields` (counts per field), `tables` (cells), `run` (evaluating documents),
`report` (tables, Markdown, JSON) and `floors` (the score floors of the corpus test).
The names below are loaded on first use, so the CLI starts without numpy or scipy.
"""

from __future__ import annotations

from typing import Any

__all__ = ["EvaluationReport", "evaluate_corpus", "evaluate_extractions", "load_gold"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from pipeline.evaluate import run

        return getattr(run, name)
    raise AttributeError(f"module 'pipeline.evaluate' has no attribute {name!r}")
