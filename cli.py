"""The councilplans command line: a thin Typer layer over the `pipeline` API.

Data goes to stdout as JSON; progress and errors go to stderr. Exit codes are listed by
`councilplans --help` and in the README.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, NoReturn

import typer
from rich.console import Console

from pipeline import Settings, __version__
from pipeline.errors import EXIT_CODES, CouncilPlansError, MissingDependency
from pipeline.evaluate.floors import DEFAULT_MARGIN
from pipeline.evaluate.matching import DEFAULT_SCORER, DEFAULT_THRESHOLD, SCORERS

if TYPE_CHECKING:
    from pipeline.batch import BatchSummary

app = typer.Typer(
    name="councilplans",
    help="Structured, comparable data from UK council papers about community safety.\n\n"
    + "Exit codes: " + "; ".join(f"{k} {v}" for k, v in sorted(EXIT_CODES.items())),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)

OcrOption = Annotated[bool, typer.Option("--ocr", help="Read scanned pages through tesseract (needs tesseract-ocr).")]
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config", help="JSON file of settings (see `councilplans schema --settings`).", exists=True, dir_okay=False
    ),
]


def settings_from(ocr: bool, config: Path | None) -> Settings:
    """Build the one settings object from a config file and flags (flags win)."""
    base = Settings.resolve(config)
    return base.model_copy(update={"ocr": ocr or base.ocr})


def fail(error: CouncilPlansError) -> NoReturn:
    """One line on stderr and the error's exit code; never a traceback."""
    err.print(f"councilplans: error: {error.message} [{error.code}]", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(error.exit_code)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"councilplans {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Structured, comparable data from UK council papers about community safety."""


@app.command()
def extract(
    paper: Annotated[Path, typer.Argument(help="A council paper: .txt, .md, .pdf, .docx or .html.")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write the JSON here instead of stdout.")] = None,
    compact: Annotated[bool, typer.Option("--compact", help="One line of JSON instead of indented.")] = False,
    ocr: OcrOption = False,
    config: ConfigOption = None,
) -> None:
    """Extract one paper and print its structured plan as JSON.

    Example: councilplans extract corpus/seeds/000_2ad17110b5a37932.txt > rotherham.json
    """
    from pipeline import extract as run_extract

    try:
        plan = run_extract(paper, settings_from(ocr, config))
    except CouncilPlansError as e:
        fail(e)
    text = plan.model_dump_json(indent=None if compact else 2)
    if out is None:
        sys.stdout.write(text + "\n")
    else:
        out.write_text(text + "\n", encoding="utf-8")
        err.print(f"wrote {out}")


@app.command()
def schema(
    settings: Annotated[bool, typer.Option("--settings", help="Print the settings schema instead.")] = False,
) -> None:
    """Print the JSON Schema of the extraction output (or of the settings file).

    Example: councilplans schema > plan.schema.json
    """
    from schemas import PlanExtraction

    model = Settings if settings else PlanExtraction
    sys.stdout.write(json.dumps(model.model_json_schema(), indent=2) + "\n")


# --- audit (statutory elements) ---

AUDIT_STATUSES = ("present", "absent", "not_in_force", "not_applicable")


def _audit_formats(value: str) -> tuple[str, ...]:
    from pipeline.reports.audit import FORMATS

    chosen = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        choices = ", ".join(FORMATS)
        raise typer.BadParameter(f"choose from {choices} (comma-separated), not {', '.join(unknown) or 'nothing'}")
    return chosen


@app.command()
def audit(
    papers: Annotated[list[Path], typer.Argument(help="Council papers or plans: .txt, .md, .pdf, .docx or .html.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory for the audit files.", file_okay=False)] = Path(
        "audit"
    ),
    formats: Annotated[
        str, typer.Option("--format", "-f", help="Files to write, comma-separated: json,csv,md,html.")
    ] = "json,csv,md,html",
    fail_on: Annotated[
        list[str] | None,
        typer.Option("--fail-on", help="Exit 1 when any element has this status (e.g. absent). Repeatable."),
    ] = None,
    ocr: OcrOption = False,
    config: ConfigOption = None,
) -> None:
    """Check papers against the statutory plan checklist, with quotes as evidence.

    Prints a table per paper (element, status, quote, page, section) and writes
    OUT/<paper>.audit.json, .csv, .md and .html (a self-contained page); with several
    papers also OUT/audit-summary.csv, one row per paper and element.

    Example: councilplans audit corpus/seeds/004_344879f04729efa5.pdf --out audit --fail-on absent
    """
    from rich.table import Table
    from rich.text import Text

    from pipeline import extract as run_extract
    from pipeline.reports.audit import STATUS_LABEL, audit_date, write_audit, write_summary

    wanted = _audit_formats(formats)
    bad = [s for s in fail_on or [] if s not in AUDIT_STATUSES]
    if bad:
        raise typer.BadParameter(f"--fail-on takes {', '.join(AUDIT_STATUSES)}, not {', '.join(bad)}")
    out_console = Console(soft_wrap=False)
    error_code, failed_check = 0, False
    audited = []
    colour = {"present": "green", "absent": "red", "not_in_force": "dim", "not_applicable": "dim"}
    for paper in papers:
        try:
            plan = run_extract(paper, settings_from(ocr, config))
        except CouncilPlansError as e:
            message = f"councilplans: error: {paper}: {e.message} [{e.code}]"
            err.print(message, markup=False, highlight=False, soft_wrap=True)
            error_code = error_code or e.exit_code
            continue
        table = Table(title=f"{paper.name} (as of {audit_date(plan) or 'unknown date'})", show_lines=True, expand=True)
        table.add_column("element", no_wrap=True)
        table.add_column("status", no_wrap=True)
        table.add_column("quote", ratio=1, min_width=30, overflow="fold")
        table.add_column("page", justify="right")
        table.add_column("section", max_width=16, overflow="ellipsis", no_wrap=True)
        for f in plan.statutory:
            first = f.evidence[0] if f.evidence else None
            # Document text goes in as Text, never as markup: a quote may hold "[...]".
            table.add_row(
                f.element,
                Text(STATUS_LABEL[f.status], style=colour[f.status]),
                Text(first.quote if first else ""),
                str(first.page or "") if first else "",
                Text(first.section or "" if first else ""),
            )
        out_console.print(table)
        for path in write_audit(plan, out, wanted, version=__version__):  # type: ignore[arg-type]
            err.print(f"wrote {path}", highlight=False)
        failed_check = failed_check or any(f.status in (fail_on or []) for f in plan.statutory)
        audited.append(plan)
    if len(audited) > 1 and "csv" in wanted:
        err.print(f"wrote {write_summary(audited, out)}", highlight=False)
    if error_code:
        raise typer.Exit(error_code)
    if failed_check:
        raise typer.Exit(1)



# --- batch, export and compare ---

ExecutorChoice = Literal["local", "dask"]


@app.command()
def batch(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (searched recursively) and glob patterns.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder of the results: results.db and results.jsonl.")],
    workers: Annotated[
        int | None, typer.Option("--workers", "-w", min=1, help="Worker processes (default: all cores).")
    ] = None,
    executor: Annotated[ExecutorChoice, typer.Option("--executor", help="local or dask.")] = "local",
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler, e.g. tcp://host:8786.")] = None,
    timeout: Annotated[float, typer.Option("--timeout", min=1, help="Seconds one document may take.")] = 600,
    retry_failed: Annotated[bool, typer.Option("--retry-failed", help="Extract failed documents again.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Extract everything again, even what is done.")] = False,
    summary_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON on stdout.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    ocr: OcrOption = False,
    config: ConfigOption = None,
) -> None:
    """Extract many papers into a results database, resumably (exit code 1 if any failed).

    Example: councilplans batch corpus/seeds 'papers/**/*.pdf' --out results --workers 4
    """
    from pipeline.batch import DaskExecutor, LocalExecutor, run_batch
    from pipeline.batch.executors import default_workers
    from pipeline.batch.progress import BatchProgress

    if executor == "dask" and not scheduler:
        raise typer.BadParameter("--executor dask needs --scheduler ADDRESS", param_hint="--scheduler")
    if executor == "dask" and importlib.util.find_spec("distributed") is None:
        fail(MissingDependency("the dask executor needs dask: pip install 'councilplans[dask]'"))
    runner = (
        DaskExecutor(scheduler, timeout=timeout) if executor == "dask" and scheduler
        else LocalExecutor(workers=workers or default_workers(), timeout=timeout)
    )
    try:
        summary = run_batch(
            paths, out, runner, settings_from(ocr, config), retry_failed=retry_failed, force=force,
            progress=BatchProgress(err, enabled=not quiet),
        )
    except CouncilPlansError as e:
        fail(e)
    err.print(_batch_report(summary), highlight=False, soft_wrap=True)
    if summary_json:
        sys.stdout.write(json.dumps(summary.as_dict()) + "\n")
    if summary.interrupted:
        raise typer.Exit(130)
    raise typer.Exit(1 if summary.failed else 0)


def _batch_report(summary: BatchSummary) -> str:
    s = summary.statuses
    failures = ", ".join(f"{code} {n}" for code, n in summary.failures.most_common())
    return (
        f"{'interrupted: ' if summary.interrupted else ''}{summary.inputs} inputs, {summary.contents} distinct; "
        f"extracted {summary.extracted} ({summary.pages} pages) in {summary.seconds:.1f} s, "
        f"skipped {summary.skipped} already done\n"
        f"ok {s['ok']}, partial {s['partial']}, [{'red' if summary.failed else 'green'}]failed {summary.failed}[/]"
        + (f" ({failures})" if failures else "")
        + f"\nresults: {summary.db}, {summary.jsonl}"
    )


@app.command()
def export(
    db: Annotated[Path, typer.Option("--db", help="The results database of `batch`.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for one file per table.")],
    fmt: Annotated[Literal["csv", "parquet"], typer.Option("--format", help="csv or parquet.")] = "csv",
) -> None:
    """Write every table of a results database as CSV (or Parquet) files.

    Example: councilplans export --db results/results.db --out results/csv
    """
    from pipeline.export import export_tables

    try:
        written = export_tables(db, out, fmt)
    except CouncilPlansError as e:
        fail(e)
    err.print(f"wrote {len(written)} {fmt} files to {out}", highlight=False)


@app.command()
def compare(
    db: Annotated[Path, typer.Option("--db", help="The results database of `batch`.")] = Path("results/results.db"),
    year_from: Annotated[int | None, typer.Option("--from", help="Plans that run in or after this year.")] = None,
    year_to: Annotated[int | None, typer.Option("--to", help="Plans that run in or before this year.")] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Folder for CSV and HTML (default: db's).")] = None,
) -> None:
    """Compare councils: the council x theme matrix as CSV and an HTML heat map with sources.

    Example: councilplans compare --db results/results.db --from 2010 --to 2014 --out results
    """
    from pipeline.compare import build_comparison
    from pipeline.reports.compare import write_comparison

    if year_from and year_to and year_from > year_to:
        raise typer.BadParameter(f"--from {year_from} is after --to {year_to}", param_hint="--from")
    try:
        comparison = build_comparison(db, year_from, year_to)
    except CouncilPlansError as e:
        fail(e)
    for path in write_comparison(comparison, out or db.parent):
        err.print(f"wrote {path}", highlight=False)



# --- evaluate ---


GoldOption = Annotated[Path, typer.Option("--gold", help="Directory of gold annotation files (*.json).")]
DocsOption = Annotated[
    Path | None, typer.Option("--docs", help="Extract every form (.txt .pdf .docx .html) of each gold document here.")
]
ResultsOption = Annotated[
    Path | None,
    typer.Option("--results", help="Stored extractions: a .jsonl file (one PlanExtraction a line) or results.db."),
]
ThresholdOption = Annotated[
    float, typer.Option("--fuzzy-threshold", min=1, max=100, help="Least rapidfuzz score (0-100) of a fuzzy match.")
]
FloorsOption = Annotated[
    Path | None,
    typer.Option("--check-floors", exists=True, dir_okay=False, help="Exit 1 when a score is under a floor here."),
]


@app.command()
def evaluate(
    gold: GoldOption,
    docs: DocsOption = None,
    results: ResultsOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole report as JSON.")] = False,
    threshold: ThresholdOption = DEFAULT_THRESHOLD,
    scorer: Annotated[str, typer.Option("--scorer", help=f"rapidfuzz scorer: {', '.join(SCORERS)}.")] = DEFAULT_SCORER,
    issues: Annotated[str, typer.Option("--issues", help="List misses and extras of: fuzzy, strict, none.")] = "fuzzy",
    report: Annotated[Path | None, typer.Option("--report", help="Write Markdown and JSON reports here.")] = None,
    write_floors: Annotated[Path | None, typer.Option("--write-floors", help="Set score floors from this run.")] = None,
    margin: Annotated[float, typer.Option("--floor-margin", min=0, max=1, help="F1 margin.")] = DEFAULT_MARGIN,
    check_floors: FloorsOption = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Extract in this many processes.")] = 1,
    ocr: OcrOption = False,
    config: ConfigOption = None,
) -> None:
    """Compare extractions with gold annotations: precision, recall and F1 per field.

    Example: councilplans evaluate --gold corpus/gold --docs corpus/seeds --report eval/
    """
    from rich.console import Console as RichConsole
    from rich.progress import Progress

    from pipeline.evaluate import evaluate_corpus
    from pipeline.evaluate.floors import below_floors, floors_from, read_floors
    from pipeline.evaluate.floors import write_floors as save_floors
    from pipeline.evaluate.report import print_report, to_json, write_report

    if (docs is None) == (results is None):
        raise typer.BadParameter("give either --docs DIR or --results FILE", param_hint="--docs/--results")
    if scorer not in SCORERS:
        raise typer.BadParameter(f"choose from {', '.join(SCORERS)}", param_hint="--scorer")
    if issues not in ("fuzzy", "strict", "none"):
        raise typer.BadParameter("choose from fuzzy, strict, none", param_hint="--issues")
    try:
        with Progress(console=err, transient=True) as progress:
            task = progress.add_task("extracting", total=None)
            evaluation = evaluate_corpus(
                gold,
                docs=docs,
                results=results,
                settings=settings_from(ocr, config),
                scorer=scorer,
                threshold=threshold,
                jobs=jobs,
                on_done=lambda path: progress.update(task, advance=1, description=path.name),
            )
    except CouncilPlansError as e:
        fail(e)
    if as_json:
        sys.stdout.write(to_json(evaluation) + "\n")
    else:
        console = RichConsole(width=None if sys.stdout.isatty() else 160)  # a pipe gets whole rows
        print_report(evaluation, console, issues=None if issues == "none" else issues)  # type: ignore[arg-type]
    if report is not None:
        source = f"--docs {docs}" if docs is not None else f"--results {results}"
        command = f"councilplans evaluate --gold {gold} {source} --report {report}"
        if (scorer, threshold) != (DEFAULT_SCORER, DEFAULT_THRESHOLD):
            command += f" --scorer {scorer} --fuzzy-threshold {threshold:g}"
        for path in write_report(evaluation, report, command):
            err.print(f"wrote {path}")
    if write_floors is not None:
        source = str(docs if docs is not None else results)
        save_floors(floors_from(evaluation, gold=str(gold), docs=source, scorer=scorer, threshold=threshold,
                                margin=margin), write_floors)
        err.print(f"wrote {write_floors}")
    if check_floors is not None:
        failures = below_floors(evaluation, read_floors(check_floors))
        for scope, mode, name, f1, floor in failures:
            now = "none" if f1 is None else f"{f1:.3f}"
            err.print(f"below floor: {scope} {mode} {name} F1 {now} < {floor:.3f}")
        if failures:
            raise typer.Exit(1)


@app.command()
def annotate(
    paper: Annotated[Path, typer.Argument(help="A council paper to annotate.")],
    ocr: OcrOption = False,
    config: ConfigOption = None,
) -> None:
    """Print a gold annotation drafted from the extraction of a paper, to correct by hand.

    Example: councilplans annotate my-docs/2014_leeds_csp.pdf > my-gold/2014_leeds_csp.json
    """
    from pipeline import extract as run_extract
    from pipeline.evaluate.draft import gold_draft

    try:
        plan = run_extract(paper, settings_from(ocr, config))
    except CouncilPlansError as e:
        fail(e)
    sys.stdout.write(gold_draft(plan).model_dump_json(indent=2, exclude_defaults=False) + "\n")


if __name__ == "__main__":
    app()
