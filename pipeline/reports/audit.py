"""The statutory audit of one paper as JSON, CSV, Markdown and a self-contained HTML page."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from html import escape
from importlib import resources
from pathlib import Path
from string import Template
from typing import Literal

from schemas import Evidence, PlanExtraction, StatutoryFinding

AuditFormat = Literal["json", "csv", "md", "html"]
FORMATS: tuple[AuditFormat, ...] = ("json", "csv", "md", "html")
STATUS_LABEL = {
    "present": "present",
    "absent": "absent",
    "not_in_force": "not in force",
    "not_applicable": "not applicable",
}


def audit_date(plan: PlanExtraction) -> dt.date | None:
    """The document date the audit was judged at."""
    return next((f.as_of for f in plan.statutory if f.as_of), None)


def status_counts(plan: PlanExtraction) -> dict[str, int]:
    """How many elements have each status."""
    counts = dict.fromkeys(STATUS_LABEL, 0)
    for finding in plan.statutory:
        counts[finding.status] += 1
    return counts


def about_community_safety(plan: PlanExtraction) -> str:
    """How much of the paper the checklist was judged on, in words."""
    topic = plan.community_safety
    if topic is None:
        return "unknown"
    if topic.reach == "part":
        sections = ", ".join(topic.sections) or "passages without a heading"
        return f"in part ({topic.share:.0%} of its words): only {sections} judged"
    return {"whole": "yes", "none": "no: the checklist does not apply"}[topic.reach]


def explain(finding: StatutoryFinding) -> str:
    """Why an element without quotes has its status, in words."""
    if finding.status == "not_in_force":
        return f"not a duty on {finding.as_of}; in force from {finding.in_force_from}"
    if finding.status == "absent":
        return "in force, but the document does not show it"
    if finding.status == "not_applicable":
        return finding.note or "the document is not about community safety"
    return ""


def to_json(plan: PlanExtraction) -> str:
    """The audit as JSON: the document, the date judged at, every element, partners and funding."""
    as_of = audit_date(plan)
    data = {
        "document": plan.source.path,
        "sha256": plan.source.sha256,
        "council": plan.council,
        "title": plan.title,
        "kind": plan.kind,
        "community_safety": plan.community_safety.model_dump(mode="json") if plan.community_safety else None,
        "as_of": as_of.isoformat() if as_of else None,
        "summary": status_counts(plan),
        "elements": [f.model_dump(mode="json") for f in plan.statutory],
        "partners": None if plan.partners is None else [p.model_dump(mode="json") for p in plan.partners],
        "funding": [f.model_dump(mode="json") for f in plan.funding],
        "problems": [p.model_dump(mode="json") for p in plan.problems],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def to_csv(*plans: PlanExtraction) -> str:
    """One row per element of each paper, with its first quote."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["document", "element", "title", "status", "quote", "page", "section", "as_of", "note", "source"])
    for plan, f in ((p, f) for p in plans for f in p.statutory):
        first = f.evidence[0] if f.evidence else Evidence(quote="")
        writer.writerow(
            [
                plan.source.path,
                f.element,
                f.title,
                f.status,
                first.quote,
                first.page or "",
                first.section or "",
                f.as_of or "",
                f.note or "",
                f.source,
            ]
        )
    return out.getvalue()


def to_markdown(plan: PlanExtraction) -> str:
    """A Markdown page: the element table, then partners and funding."""
    as_of = audit_date(plan)
    lines = [
        f"# Statutory audit: {_md(_title(plan))}",
        "",
        f"Document: `{plan.source.path}`  ",
        f"Judged as of: {as_of or 'unknown'}  ",
        f"About community safety: {about_community_safety(plan)}",
        "",
    ]
    lines += ["| element | status | quote | page | section |", "|---|---|---|---|---|"]
    for f in plan.statutory:
        first = f.evidence[0] if f.evidence else None
        quote = _md(first.quote) if first else _md(explain(f))
        if f.note:
            quote += f" *Note: {_md(f.note)}*"
        lines.append(
            f"| {_md(f.title or f.element)} | {STATUS_LABEL[f.status]} | {quote} | "
            f"{first.page if first and first.page else ''} | {_md(first.section or '') if first else ''} |"
        )
    lines += ["", "## Responsible authorities", ""]
    lines += [f"- {_md(p.name)} ({p.type})" for p in plan.partners or []] or ["None listed."]
    lines += ["", "## Funding allocated", ""]
    lines += [
        f"- £{f.amount_gbp:,.0f}: {_md(f.purpose or '')}" + (f" ({_md(f.priority)})" if f.priority else "")
        for f in plan.funding
    ] or ["None found."]
    return "\n".join(lines) + "\n"


def to_html(plan: PlanExtraction, version: str = "") -> str:
    """A self-contained HTML page (inline CSS, no scripts, no external assets); all text escaped."""
    template = Template(resources.files("pipeline").joinpath("data", "audit.html").read_text(encoding="utf-8"))
    as_of = audit_date(plan)
    meta = [
        f"<span>Document: <code>{escape(plan.source.path)}</code></span>",
        f"<span>Judged as of: {as_of or 'unknown'}</span>",
        f"<span>About community safety: {escape(about_community_safety(plan))}</span>",
    ]
    if plan.council:
        meta.append(f"<span>Council: {escape(plan.council)}</span>")
    summary = " ".join(
        f'<span class="status status-{k}">{n} {STATUS_LABEL[k]}</span>' for k, n in status_counts(plan).items()
    )
    return template.substitute(
        title=escape(_title(plan)),
        meta="".join(meta),
        summary=summary,
        rows="\n".join(_html_row(f) for f in plan.statutory),
        partners=_html_list(
            [f"{escape(p.name)} <small>({escape(p.type)})</small>" for p in plan.partners or []], "None listed."
        ),
        funding=_html_list(
            [
                f"£{f.amount_gbp:,.0f} &mdash; {escape(f.purpose or '')}"
                + (f" <small>({escape(f.priority)})</small>" if f.priority else "")
                for f in plan.funding
            ],
            "None found.",
        ),
        version=escape(version),
    )


def write_audit(
    plan: PlanExtraction, out_dir: Path, formats: tuple[AuditFormat, ...] = FORMATS, version: str = ""
) -> list[Path]:
    """Write the chosen formats as OUT/<paper stem>.audit.<ext>; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = Path(plan.source.path).stem
    writers: dict[str, Callable[[PlanExtraction], str]] = {
        "json": to_json,
        "csv": to_csv,
        "md": to_markdown,
        "html": lambda p: to_html(p, version),
    }
    written = []
    for fmt in formats:
        path = out_dir / f"{stem}.audit.{fmt}"
        path.write_text(writers[fmt](plan), encoding="utf-8")
        written.append(path)
    return written


def write_summary(plans: list[PlanExtraction], out_dir: Path) -> Path:
    """OUT/audit-summary.csv: every paper of a run in one table, for comparing many papers."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "audit-summary.csv"
    path.write_text(to_csv(*plans), encoding="utf-8")
    return path


def _title(plan: PlanExtraction) -> str:
    return plan.title or Path(plan.source.path).name


def _html_row(f: StatutoryFinding) -> str:
    quotes = (
        "".join(
            f'<blockquote>{escape(e.quote)}</blockquote><div class="where">{escape(_where(e))}</div>'
            for e in f.evidence
        )
        or f'<span class="none">{escape(explain(f))}</span>'
    )
    if f.note:
        quotes += f'<p class="note">Note: {escape(f.note)}</p>'

    return (
        f'<tr id="{escape(f.element)}" data-status="{escape(f.status)}">'
        f'<td class="element">{escape(f.title or f.element)}<small>{escape(f.source or "")}</small></td>'
        f'<td><span class="status status-{escape(f.status)}">{STATUS_LABEL[f.status]}</span></td>'
        f"<td>{quotes}</td></tr>"
    )


def _where(e: Evidence) -> str:
    parts = [f"page {e.page}" if e.page else "", f"section {e.section}" if e.section else ""]
    return ", ".join(p for p in parts if p)


def _html_list(items: list[str], empty: str) -> str:
    if not items:
        return f'<p class="none">{escape(empty)}</p>'
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def _md(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
