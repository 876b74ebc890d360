"""Scores of the generalisation papers (tests/fixtures/generalisation) against their gold.

Run as a script to print one line per paper: metadata fields right, priority F1, main-theme
and scope accuracy over matched priorities, target F1.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scoring import field_accuracy, main_theme, score_priorities, score_targets

from pipeline import extract
from schemas import PlanExtraction

PAPERS = Path(__file__).resolve().parent / "fixtures" / "generalisation"
PAPER_IDS = sorted(p.stem for p in PAPERS.glob("*.txt"))
METADATA_FIELDS = ("kind", "council", "partnership", "meeting", "title", "plan_period", "published", "contacts")


@cache
def paper_plan(name: str) -> PlanExtraction:
    """The extraction of one generalisation paper (made once per session)."""
    return extract(PAPERS / f"{name}.txt")


def paper_gold(name: str) -> dict:
    return json.loads((PAPERS / f"{name}.json").read_text(encoding="utf-8"))


def _loose(text: str | None) -> str | None:
    """Case, whitespace and the kind of dash do not matter in a title or name."""
    if text is None:
        return None
    return re.sub(r"\s+", " ", re.sub(r"\s*[–—-]\s*", " - ", text)).strip().casefold()


def metadata_misses(plan: PlanExtraction, gold: dict) -> dict[str, tuple]:
    """Each metadata field of the gold the extraction gets wrong: field -> (gold, got)."""
    got: dict[str, object] = {
        "kind": plan.kind,
        "council": plan.council,
        "partnership": _loose(plan.partnership),
        "meeting": plan.meeting
        and {"body": plan.meeting.body, "date": plan.meeting.date and plan.meeting.date.isoformat()},
        "title": _loose(plan.title),
        "plan_period": plan.plan_period
        and {"start_year": plan.plan_period.start_year, "end_year": plan.plan_period.end_year},
        "published": plan.published,
        "contacts": sorted((c.name, c.email) for c in plan.contacts if c.name or c.email),
    }
    want = dict(gold)
    want["partnership"] = _loose(gold.get("partnership"))
    want["title"] = _loose(gold.get("title"))
    want["contacts"] = sorted((c["name"], c["email"]) for c in gold.get("contacts", []))
    misses = {}
    for name in METADATA_FIELDS:
        if name not in want:
            continue
        if name == "contacts":
            # every gold contact must be found; extra contacts are not wrong
            if not set(want[name]) <= set(got[name]):
                misses[name] = (want[name], got[name])
        elif got[name] != want[name]:
            misses[name] = (want[name], got[name])
    return misses


@dataclass
class PaperScore:
    """The measures of one paper."""

    metadata_right: int
    metadata_judged: int
    metadata_misses: dict
    priority_f1: float
    theme_right: int
    theme_judged: int
    scope_right: int
    scope_judged: int
    target_f1: float
    missed_priorities: list
    extra_priorities: list
    missed_targets: list
    extra_targets: list


def score_paper(name: str) -> PaperScore:
    """Score one generalisation paper against its gold."""
    plan, gold = paper_plan(name), paper_gold(name)
    misses = metadata_misses(plan, gold)
    judged = sum(1 for f in METADATA_FIELDS if f in gold)
    priorities = score_priorities(gold["priorities"], plan.priorities)
    theme_right = sum(main_theme(p) == g["themes"][0] for g, p in priorities.pairs)
    scope_right, scope_judged = field_accuracy(priorities.pairs, "scope")
    targets = score_targets(gold["targets"], plan.targets, gold.get("optional_targets") or ())
    return PaperScore(
        judged - len(misses),
        judged,
        misses,
        priorities.f1,
        theme_right,
        len(priorities.pairs),
        scope_right,
        scope_judged,
        targets.f1,
        [g["text"] for g in priorities.missed],
        [(p.text, p.themes) for p in priorities.extra],
        [g["metric"] for g in targets.missed],
        [(t.metric, t.direction, t.amount, t.unit) for t in targets.extra],
    )


def main() -> None:
    verbose = "-v" in sys.argv
    for name in PAPER_IDS:
        s = score_paper(name)
        print(
            f"{name:38} metadata {s.metadata_right}/{s.metadata_judged}  priorities F1 {s.priority_f1:.2f}"
            f"  main theme {s.theme_right}/{s.theme_judged}  scope {s.scope_right}/{s.scope_judged}"
            f"  targets F1 {s.target_f1:.2f}"
        )
        if verbose:
            for key, (want, got) in s.metadata_misses.items():
                print(f"    {key}: gold {want!r} got {got!r}")
            for label, items in (
                ("missed priority", s.missed_priorities),
                ("extra priority", s.extra_priorities),
                ("missed target", s.missed_targets),
                ("extra target", s.extra_targets),
            ):
                for item in items:
                    print(f"    {label}: {item}")
            plan, gold = paper_plan(name), paper_gold(name)
            pairs = score_priorities(gold["priorities"], plan.priorities).pairs
            for g, p in pairs:
                if main_theme(p) != g["themes"][0] or ("scope" in g and g["scope"] != p.scope):
                    print(f"    theme/scope: {p.text!r} got {p.themes} {p.scope} gold {g['themes']} {g.get('scope')}")


if __name__ == "__main__":
    main()
