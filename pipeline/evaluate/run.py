"""Evaluating extractions against gold: per document, in each mode, micro-averaged.

Each gold document is compared with every extraction of it (one per form of the paper),
under strict and fuzzy text matching; scores are summed over documents, overall and per
format.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from pipeline.evaluate.fields import compare, in_field_order
from pipeline.evaluate.gold import GoldAnnotation, load_gold, read_gold
from pipeline.evaluate.matching import DEFAULT_SCORER, DEFAULT_THRESHOLD, TextMatcher
from pipeline.evaluate.model import MODES, DocumentEvaluation, EvaluationReport, Mode, Score
from pipeline.evaluate.sources import document_paths, extract_documents, load_results
from pipeline.settings import Settings
from schemas import PlanExtraction, Problem, SourceInfo, Status


def matchers(scorer: str = DEFAULT_SCORER, threshold: float = DEFAULT_THRESHOLD) -> dict[Mode, TextMatcher]:
    """The text matcher of each mode."""
    return {mode: TextMatcher(mode, scorer, threshold) for mode in MODES}


def evaluate_document(gold: GoldAnnotation, plan: PlanExtraction, modes: dict[Mode, TextMatcher]) -> DocumentEvaluation:
    """Compare one extraction with its gold annotation in every mode."""
    sheets = {mode: compare(gold, plan, matcher) for mode, matcher in modes.items()}
    return DocumentEvaluation(
        document=gold.document,
        source=plan.source.path,
        format=plan.source.format or Path(plan.source.path).suffix.lstrip(".") or None,
        status=plan.status.value,
        problems=[p.code for p in plan.problems],
        scores={mode: _ordered(sheet.scores) for mode, sheet in sheets.items()},
        issues={mode: sheet.issues for mode, sheet in sheets.items()},
    )


def evaluate_plan(
    gold: GoldAnnotation | Mapping[str, Any] | str | Path,
    plan: PlanExtraction,
    *,
    scorer: str = DEFAULT_SCORER,
    threshold: float = DEFAULT_THRESHOLD,
) -> DocumentEvaluation:
    """Compare one extraction with one gold annotation (a model, its dict or its file) in every mode.

    A gold dict without a `document` name takes the extraction's file name.
    """
    if isinstance(gold, (str, Path)):
        gold = read_gold(Path(gold))
    elif not isinstance(gold, GoldAnnotation):
        gold = GoldAnnotation.model_validate({"document": Path(plan.source.path).name, **gold})
    return evaluate_document(gold, plan, matchers(scorer, threshold))


def evaluate_extractions(
    golds: list[GoldAnnotation],
    plans: Iterable[PlanExtraction],
    *,
    scorer: str = DEFAULT_SCORER,
    threshold: float = DEFAULT_THRESHOLD,
    gold_dir: str = "",
    source: str = "",
) -> EvaluationReport:
    """Evaluate extractions against gold: a plan belongs to the gold document of the same stem."""
    modes = matchers(scorer, threshold)
    latest = {plan.source.path: plan for plan in plans}  # a file extracted twice counts once: the last
    by_stem: dict[str, list[PlanExtraction]] = defaultdict(list)
    for plan in latest.values():
        by_stem[Path(plan.source.path).stem].append(plan)
    report = EvaluationReport(
        generated=dt.datetime.now(dt.timezone.utc).replace(microsecond=0),
        version=_version(),
        gold=gold_dir,
        extractions=source,
        text_matching={mode: m.describe() for mode, m in modes.items()},
    )
    for gold in golds:
        found = sorted(by_stem.get(gold.stem, []), key=lambda p: p.source.path)
        if not found:
            report.unmatched_gold.append(gold.document)
            missing = evaluate_document(gold, _no_extraction(gold), modes)
            report.documents.append(missing.model_copy(update={"format": "missing"}))
        report.documents.extend(evaluate_document(gold, plan, modes) for plan in found)
    report.micro = micro_average(report.documents)
    formats = sorted({d.format or "?" for d in report.documents})
    report.by_format = {f: micro_average([d for d in report.documents if (d.format or "?") == f]) for f in formats}
    return report


def _no_extraction(gold: GoldAnnotation) -> PlanExtraction:
    """What a gold paper with no extraction is scored against: nothing, so every item is a miss.

    A batch that lost a paper must score lower than one that read it, not the same.
    """
    return PlanExtraction(
        source=SourceInfo(path=gold.document, sha256="", format=None),
        status=Status.failed,
        problems=[Problem(code="evaluate.no_extraction", message="no extraction of this paper was given")],
    )


def micro_average(documents: Iterable[DocumentEvaluation]) -> dict[Mode, dict[str, Score]]:
    """Sum the counts of every field over documents."""
    totals: dict[Mode, dict[str, Score]] = {mode: defaultdict(Score) for mode in MODES}
    for doc in documents:
        for mode, fields in doc.scores.items():
            for name, score in fields.items():
                totals[mode][name].add(score)
    return {mode: _ordered(fields) for mode, fields in totals.items()}


def _ordered(scores: dict[str, Score]) -> dict[str, Score]:
    return {name: scores[name] for name in in_field_order(list(scores))}


def evaluate_corpus(
    gold: str | Path,
    *,
    docs: str | Path | None = None,
    results: str | Path | None = None,
    settings: Settings | None = None,
    scorer: str = DEFAULT_SCORER,
    threshold: float = DEFAULT_THRESHOLD,
    on_done: Callable[[Path], None] | None = None,
    jobs: int = 1,
) -> EvaluationReport:
    """Evaluate the documents of a directory (extracted now) or stored results against gold files."""
    golds = load_gold(gold)
    if (docs is None) == (results is None):
        raise ValueError("give either docs or results")
    if docs is not None:
        paths = [p for _, p in document_paths(golds, Path(docs))]
        plans = extract_documents(paths, settings, on_done, jobs)
        source = str(docs)
    else:
        plans = load_results(Path(results))  # type: ignore[arg-type]
        source = str(results)
    return evaluate_extractions(golds, plans, scorer=scorer, threshold=threshold, gold_dir=str(gold), source=source)


def _version() -> str:
    from pipeline import __version__

    return __version__
