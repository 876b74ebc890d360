"""The runner owns the order of stages. A new stage is one module and one line here."""

from __future__ import annotations

import gc
import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pipeline import deadline, nlp, upfront
from pipeline.document import Document
from pipeline.parsed import Parsed
from pipeline.stages import funding, metadata, partners, priorities, sections, statutory, tables, targets, topic
from schemas import PlanExtraction, Problem, Status

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Stage:
    """A named step: reads the parse and what earlier stages found, returns what it adds.

    `into` names the PlanExtraction field the result fills; with None the result is a model
    whose fields are copied across (the metadata stage fills several fields at once).
    """

    name: str
    run: Callable[[Parsed, PlanExtraction], Any]
    into: str | None


STAGES: tuple[Stage, ...] = (
    Stage("sections", sections.find_sections, "sections"),
    Stage("metadata", metadata.read_metadata, None),
    Stage("community_safety", topic.community_safety, "community_safety"),
    Stage("tables", tables.find_tables, "tables"),
    Stage("priorities", priorities.find_priorities, "priorities"),
    Stage("targets", targets.find_targets, "targets"),
    Stage("partners", partners.find_partners, "partners"),
    Stage("funding", funding.find_funding, "funding"),
    Stage("statutory", statutory.audit, "statutory"),
)


def prepare_worker() -> None:
    """Ready a process for a long run of papers: spaCy and the stages' rule data loaded and
    compiled (pipeline/upfront.py), then kept out of the garbage collector's full collections
    (`gc.freeze`).

    A worker holds all of it for good (about 100,000 objects), and each full collection, which
    a run of papers sets off every so often, walked it again: about 80 ms a time, a third of
    the CPU a worker spent on short papers in the middle of a batch. Done once a process.

    The collector is also set to run less often (`YOUNG_OBJECTS`): a paper leaves almost no
    reference cycles behind (none for a text paper, a few dozen objects for a PDF), so its
    passes in the middle of a paper walked the paper's live objects for nothing, 3-4% of a
    worker's CPU and up to 20 ms at a time. It still runs, on objects made and not freed.
    """
    global _prepared
    if _prepared:
        return
    nlp.english()
    upfront.build_all()  # rule files read and their patterns compiled before the first paper
    # the text backend's patterns too (the PDF and office backends, heavy to import, wait for a paper)
    importlib.import_module("pipeline.ingest.text")
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_OBJECTS, *gc.get_threshold()[1:])
    _prepared = True


_prepared = False
# Objects made and not yet freed before the collector's youngest generation is collected
# (Python's default is 700). Objects a paper makes and frees do not count, so the collector
# runs as a worker's caches and vocabulary grow, and on the cycles a PDF leaves behind.
YOUNG_OBJECTS = 20_000


def run_stages(document: Document, stages: tuple[Stage, ...] = STAGES) -> PlanExtraction:
    """Run every stage over a Document; a failing stage makes the result partial."""
    with nlp.document_scope():  # in a long batch, the document's new words are freed after it
        return _run_stages(document, stages)


def _run_stages(document: Document, stages: tuple[Stage, ...]) -> PlanExtraction:
    parsed = Parsed(document=document, doc=nlp.parse(document.text))
    result = PlanExtraction(source=document.source, problems=list(document.problems))
    for stage in stages:
        deadline.check(f"the {stage.name} stage")  # outside the stage's guard: the paper stops here
        try:
            output = stage.run(parsed, result)
        except Exception as e:  # one stage's bug must not lose the document
            log.exception("stage %s failed on %s", stage.name, document.source.path)
            result.problems.append(Problem(code=f"stage.{stage.name}.error", message=f"{type(e).__name__}: {e}"))
            continue
        store_output(result, stage, output)
        if stage.name == "sections":
            parsed.with_sections(result.sections)
    if result.problems and any(not p.code.startswith("note.") for p in result.problems):
        result.status = Status.partial
    return result


def store_output(result: PlanExtraction, stage: Stage, output: Any) -> None:
    """Put a stage's output into the extraction, where the later stages read it."""
    if stage.into is not None:
        setattr(result, stage.into, output)
        return
    for name in type(output).model_fields:
        setattr(result, name, getattr(output, name))
