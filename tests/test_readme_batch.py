"""The README shows the batch, export and compare commands with every option, and runs them first."""

from __future__ import annotations

import re

import pytest
import typer

from cli import app
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["batch", "export", "compare", "evaluate", "annotate"])
def test_readme_documents_every_option_of(name: str) -> None:
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    assert f"### `councilplans {name}" in README
    for param in command.params:
        for opt in param.opts:
            if opt.startswith("--") and opt not in {"--help", "--ocr", "--config"}:
                assert opt in README, f"{name} {opt} is not in the README"


def test_quick_start_installs_then_runs_batch_and_compare_on_the_bundled_corpus() -> None:
    block = re.search(r"## Quick start.*?```bash\n(.*?)```", README, re.S)
    assert block, "no Quick start command"
    command = block.group(1)
    assert (
        command.index("pip install .")
        < command.index("councilplans batch corpus/")
        < command.index("councilplans compare")
    )
