"""The councilplans command line: a thin Typer layer over the `pipeline` API.

Data goes to stdout as JSON; progress and errors go to stderr. Exit codes are listed by
`councilplans --help` and in the README.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from pipeline import Settings, __version__
from pipeline.errors import EXIT_CODES, CouncilPlansError

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
    Path | None, typer.Option("--config", help="JSON file of settings (see `councilplans schema --settings`).", exists=True, dir_okay=False)
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
    version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version.")] = False,
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


# --- batch, export and compare ---


# --- evaluate ---


if __name__ == "__main__":
    app()
