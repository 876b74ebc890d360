"""Write a comparison as CSV files and one self-contained HTML report (no external assets)."""

from __future__ import annotations

import csv
import html
from importlib import resources
from pathlib import Path

from pipeline.compare import Comparison, CouncilPeriod, PriorityEntry, Source, TargetEntry

MATRIX_CSV = "compare_matrix.csv"
PRIORITIES_CSV = "compare_priorities.csv"
REPORT_HTML = "compare.html"


def write_comparison(comparison: Comparison, out_dir: str | Path) -> list[Path]:
    """Write the matrix CSV, the long CSV of priorities and their sources, and the HTML report."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = [_write_matrix(comparison, out / MATRIX_CSV), _write_priorities(comparison, out / PRIORITIES_CSV)]
    report = out / REPORT_HTML
    report.write_text(render_html(comparison), encoding="utf-8")
    return [*written, report]


def _write_matrix(c: Comparison, path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["council", "period", "documents", *c.themes])
        for row in c.rows:
            writer.writerow([row.council, row.period, len(row.documents), *(c.count(row, t) for t in c.themes)])
    return path


def _write_priorities(c: Comparison, path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["council", "period", "theme", "main_theme", "priority", "group", "path", "page", "section"])
        for row in c.rows:
            for theme in c.themes:
                for p in row.cells.get(theme, ()):
                    for src in p.sources:
                        main = int(p.rank == 0)
                        writer.writerow([row.council, row.period, theme, main, p.text, p.group, *_where(src)])
    return path


def render_html(c: Comparison) -> str:
    """The report as one HTML page with its style inlined."""
    css = resources.files("pipeline").joinpath("data/compare_report.css").read_text(encoding="utf-8")
    years = ""
    if c.year_from or c.year_to:
        years = f" · plans overlapping {c.year_from or '…'}–{c.year_to or '…'} ({c.left_out} documents outside)"
    if c.off_topic:
        years += f" · {c.off_topic} papers on other services left out"
    priorities = sum(1 for row in c.rows for ps in row.cells.values() for p in ps if p.rank == 0)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>councilplans: priorities compared across councils</title>",
        f"<style>{css}</style></head><body>",
        "<h1>Priorities compared across councils</h1>",
        f'<p class="lede">{len({r.council for r in c.rows})} councils · {len(c.rows)} council plan periods · '
        f"{priorities} priorities · {len(c.themes)} themes{_e(years)}</p>",
        _heatmap(c),
        "<h2>The priorities behind each cell</h2>",
        *(_cell(c, i, row, theme) for i, row in enumerate(c.rows) for theme in c.themes if c.count(row, theme)),
        "" if priorities else '<p class="none">No priorities were found in these papers.</p>',
        "<h2>Targets side by side</h2>",
        '<div class="cards">',
        *(_target_card(row) for row in c.rows),
        "</div>",
        "<h2>Priorities shared across councils</h2>",
        _groups(c),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _cell_id(i: int, theme: str) -> str:
    return f"cell-{i}-{theme}"


def _heatmap(c: Comparison) -> str:
    top = max((c.count(row, t) for row in c.rows for t in c.themes), default=0)
    head = "".join(f'<th scope="col">{_e(c.labels[t])}</th>' for t in c.themes)
    body = []
    for i, row in enumerate(c.rows):
        cells = []
        for theme in c.themes:
            n = c.count(row, theme)
            if not n:
                cells.append("<td></td>")
                continue
            alpha = 0.15 + 0.85 * n / top
            dark = ' class="dark"' if alpha > 0.55 else ""
            title = f"{row.council} {row.period}: {n} priorit{'y' if n == 1 else 'ies'} on {c.labels[theme]}"
            cells.append(
                f'<td{dark} style="background: rgba(200, 70, 43, {alpha:.2f})" title="{_e(title)}">'
                f'<a href="#{_cell_id(i, theme)}">{n}</a></td>'
            )
        name = f'{_e(row.council)}<span class="period">{_e(row.period)}</span>'
        body.append(f'<tr><th scope="row">{name}</th>{"".join(cells)}</tr>')
    if not c.rows:
        return '<p class="none">No extracted documents in the results database for these years.</p>'
    return (
        f'<table class="heatmap"><thead><tr><th>Council and plan period</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
        '<p class="legend">Each number is the count of priorities on a theme; darker is more. Click it for the '
        "priority texts and their sources.</p>"
    )


def _where(src: Source) -> tuple[str, int | None, str | None]:
    return src.path, src.page, src.section


def _sources(sources: list[Source]) -> str:
    return "<br>".join(_source(s) for s in sources)


def _source(src: Source) -> str:
    path, page, section = _where(src)
    p = Path(path)
    href = p.as_uri() if p.is_absolute() else path
    where = f", p. {page}" if page else ""
    anchor = f"#page={page}" if page else ""
    extra = f", section {_e(section)}" if section else ""
    return f'<span class="source"><a href="{_e(href + anchor)}">{_e(p.name)}</a>{where}{extra}</span>'


def _priority_item(c: Comparison, p: PriorityEntry) -> str:
    others = sorted({q.council for q in c.groups.get(p.group, ()) if q.council != p.council})
    group = f'<span class="group">also set by {_e(", ".join(others))}</span>' if others else ""
    secondary = '<span class="secondary">(secondary theme)</span>' if p.rank else ""
    return f"<li>{_e(p.text)}{secondary}{group}<br>{_sources(p.sources)}</li>"


def _target_item(t: TargetEntry) -> str:
    quote = f"<br><q>{_e(t.text)}</q>" if t.text else ""
    return f"<li>{_e(t.describe())}{quote}<br>{_sources(t.sources)}</li>"


def _cell(c: Comparison, i: int, row: CouncilPeriod, theme: str) -> str:
    entries = row.cells[theme]
    texts = {p.text for p in entries}
    targets = [t for t in row.targets if t.priority in texts]
    target_list = (
        "".join(_target_item(t) for t in targets) or '<li class="none">no target tied to these priorities</li>'
    )
    priority_list = "".join(_priority_item(c, p) for p in entries)
    return (
        f'<section class="cell" id="{_cell_id(i, theme)}">'
        f"<h3>{_e(row.council)} {_e(row.period)} · {_e(c.labels[theme])}</h3>"
        f'<div class="side"><div><h4>Priorities</h4><ul class="items">{priority_list}</ul></div>'
        f'<div><h4>Targets</h4><ul class="items">{target_list}</ul></div></div></section>'
    )


def _target_card(row: CouncilPeriod) -> str:
    items = "".join(_target_item(t) for t in row.targets) or '<li class="none">no quantified targets found</li>'
    return f'<div class="card"><h3>{_e(row.council)} {_e(row.period)}</h3><ul class="items">{items}</ul></div>'


def _groups(c: Comparison) -> str:
    shared = c.shared_groups()
    if not shared:
        return '<p class="none">No priority is worded alike by more than one council.</p>'
    rows = []
    for group in shared:
        by_council = "".join(
            f"<li>{_e(p.council)}: {_e(p.text)}</li>" for p in sorted(group, key=lambda p: (p.council, p.text))
        )
        theme = c.labels.get(group[0].theme, group[0].theme)
        rows.append(f'<tr><td>{_e(theme)}</td><td><ul class="items">{by_council}</ul></td></tr>')
    head = "<thead><tr><th>Theme</th><th>Wordings</th></tr></thead>"
    return f'<table class="groups">{head}<tbody>{"".join(rows)}</tbody></table>'
