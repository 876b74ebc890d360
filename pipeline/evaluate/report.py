"""The evaluation for people (rich tables, Markdown) and the files kept under eval/."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

from pipeline.evaluate.model import DocumentEvaluation, EvaluationReport, Issue, Mode, Score

# Columns of the per-document and per-format summaries: a name and the fields summed into it.
GROUPS: dict[str, tuple[str, ...]] = {
    "metadata": ("metadata.",),
    "priorities": ("priorities",),
    "themes": ("priorities.themes",),
    "targets": ("targets",),
    "target parts": ("targets.",),
    "cells": ("tables.cells",),
    "partners": ("partners",),
    "funding": ("funding",),
    "statutory": ("statutory",),
}
REPORT_NAME = "corpus-report"
# a score on one line keeps the kept JSON short and its diffs readable
_SCORE_OBJECT = re.compile(r'\{\s*("tp": [^{}]*?)\s*\}')
MICRO_TITLE = "Micro-averaged over all documents (%; fuzzy unless marked strict)"


def group_score(scores: dict[str, Score], prefixes: Sequence[str]) -> Score:
    """Sum the fields named by a group: an exact name, or every field under a prefix ending in '.'."""
    total = Score()
    for name, score in scores.items():
        if any(name.startswith(p) if p.endswith(".") else name == p for p in prefixes):
            total.add(score)
    return total


def fmt(value: float | None) -> str:
    """A measure as a percentage with one decimal, or a dash when it is unknown."""
    return "–" if value is None else f"{100 * value:.1f}"


def _field_rows(report: EvaluationReport) -> Iterable[list[str]]:
    for name in report.micro["fuzzy"]:
        f, s = report.micro["fuzzy"][name], report.micro["strict"][name]
        yield [
            name,
            fmt(f.precision),
            fmt(f.recall),
            fmt(f.f1),
            str(f.tp),
            str(f.fp),
            str(f.fn),
            fmt(s.precision),
            fmt(s.recall),
            fmt(s.f1),
        ]


FIELD_HEADER = ["field", "P", "R", "F1", "tp", "fp", "fn", "strict P", "strict R", "strict F1"]


def _summary_rows(label_scores: Iterable[tuple[list[str], dict[str, Score]]]) -> Iterable[list[str]]:
    for labels, scores in label_scores:
        yield labels + [fmt(group_score(scores, prefixes).f1) for prefixes in GROUPS.values()]


def _documents(report: EvaluationReport) -> Iterable[tuple[list[str], dict[str, Score]]]:
    for d in report.documents:
        yield [Path(d.source).name, d.status], d.scores["fuzzy"]


def _formats(report: EvaluationReport) -> Iterable[tuple[list[str], dict[str, Score]]]:
    for fmt_name, scores in report.by_format.items():
        n = sum(1 for d in report.documents if (d.format or "?") == fmt_name)
        yield [fmt_name, str(n)], scores["fuzzy"]


def show_issue(issue: Issue) -> str:
    """One issue on one line: what the gold says, what was found, and where."""
    parts = [f"{issue.field} {issue.kind}"]
    if issue.context:
        parts.append(f"[{issue.context}]")
    if issue.gold is not None:
        parts.append(f"gold: {issue.gold!r}")
    if issue.found is not None:
        parts.append(f"found: {issue.found!r}")
    if issue.similarity is not None:
        parts.append(f"({100 * issue.similarity:.0f})")
    if issue.where:
        parts.append(f"at {issue.where}")
    return " ".join(parts)


def _table(title: str, header: list[str], rows: Iterable[list[str]]) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False)
    for i, h in enumerate(header):
        table.add_column(h, justify="left" if i == 0 else "right", no_wrap=i == 0)
    for row in rows:
        table.add_row(*row)
    return table


def print_report(report: EvaluationReport, console: Console, issues: Mode | None = "fuzzy") -> None:
    """Print the evaluation as rich tables, then the issues of one mode (None: no issues)."""
    when = f"{report.generated:%Y-%m-%d %H:%M} UTC"
    console.print(f"[bold]Evaluation[/] of {report.extractions} against {report.gold} ({when})")
    for mode, how in report.text_matching.items():
        console.print(f"  {mode}: {how}")
    if report.unmatched_gold:
        console.print(f"  [yellow]no extraction for[/] {', '.join(report.unmatched_gold)}")
    console.print(_table(MICRO_TITLE, FIELD_HEADER, _field_rows(report)))
    console.print(_table("F1 by format (fuzzy, %)", ["format", "docs", *GROUPS], _summary_rows(_formats(report))))
    by_document = _summary_rows(_documents(report))
    console.print(_table("F1 by document (fuzzy, %)", ["document", "status", *GROUPS], by_document))
    if issues is None:
        return
    for doc in report.documents:
        found = doc.issues[issues]
        console.rule(f"{Path(doc.source).name}: {len(found)} issues ({issues})", align="left")
        for line in issue_lines(doc, issues):
            console.print(line, markup=False, highlight=False, soft_wrap=True)


def _md_table(header: list[str], rows: Iterable[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return lines


def to_markdown(report: EvaluationReport, command: str | None = None, issues: Mode = "fuzzy") -> str:
    """The evaluation as a Markdown report (the dated corpus report kept under eval/)."""
    lines = [
        f"# Evaluation of {report.extractions} against {report.gold}",
        "",
        f"Generated {report.generated:%Y-%m-%d %H:%M} UTC by councilplans {report.version}.",
    ]
    if command:
        lines += ["", f"Regenerate with `{command}`."]
    lines += ["", "Text matching:", ""] + [f"- {mode}: {how}" for mode, how in report.text_matching.items()]
    if report.unmatched_gold:
        lines += ["", "No extraction for: " + ", ".join(report.unmatched_gold)]
    lines += ["", f"## {MICRO_TITLE}", "", *_md_table(FIELD_HEADER, _field_rows(report))]
    lines += ["", "## F1 by format (fuzzy, %)", ""]
    lines += _md_table(["format", "docs", *GROUPS], _summary_rows(_formats(report)))
    lines += ["", "## F1 by document (fuzzy, %)", ""]
    lines += _md_table(["document", "status", *GROUPS], _summary_rows(_documents(report)))
    lines += ["", f"## Misses and extras ({issues} matching)", ""]
    for doc in report.documents:
        lines += _md_issues(doc, issues)
    return "\n".join(lines) + "\n"


def issue_lines(doc: DocumentEvaluation, mode: Mode) -> list[str]:
    """The issues of a document, one a line; a failed extraction is one line, not every miss."""
    if doc.status == "failed":
        return [f"extraction failed ({', '.join(doc.problems)}): {len(doc.issues[mode])} misses, not listed"]
    return [show_issue(i) for i in doc.issues[mode]]


def _md_issues(doc: DocumentEvaluation, mode: Mode) -> list[str]:
    head = f"### {Path(doc.source).name} ({doc.status}; {len(doc.issues[mode])} issues)"
    problems = [f"Problems: {', '.join(doc.problems)}", ""] if doc.problems and doc.status != "failed" else []
    lines = [f"- {line}".replace("|", "\\|") for line in issue_lines(doc, mode)] or ["None."]
    return [head, "", *problems, *lines, ""]


def write_report(report: EvaluationReport, directory: Path, command: str | None = None) -> list[Path]:
    """Write the Markdown and JSON reports into a directory; the names stay the same from run
    to run so that a change of score shows as a diff in review (the date is inside)."""
    directory.mkdir(parents=True, exist_ok=True)
    md, js = directory / f"{REPORT_NAME}.md", directory / f"{REPORT_NAME}.json"
    md.write_text(to_markdown(report, command), encoding="utf-8")
    # the scores only: the issues are in the Markdown, and in full with --json
    scores_only = report.model_dump_json(indent=1, exclude={"documents": {"__all__": {"issues"}}})
    js.write_text(
        _SCORE_OBJECT.sub(lambda m: "{" + " ".join(m.group(1).split()) + "}", scores_only) + "\n", encoding="utf-8"
    )
    return [md, js]


def to_json(report: EvaluationReport) -> str:
    """The whole report as indented JSON (for --json)."""
    return json.dumps(report.model_dump(mode="json"), indent=2)
