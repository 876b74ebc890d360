"""The README shows every command, and its examples use options that exist."""

from __future__ import annotations

import re
import shlex

import pytest
import typer

from cli import app
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = typer.main.get_command(app).commands  # type: ignore[attr-defined]
EXAMPLES = [
    line.strip()
    for block in re.findall(r"```bash\n(.*?)```", README, flags=re.S)
    for line in block.splitlines()
    if re.match(r"\s*(\.venv/bin/)?councilplans ", line)
]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_a_readme_section_with_an_example(name: str) -> None:
    assert re.search(rf"^###+ `councilplans {name}\b", README, flags=re.M), f"no README heading for {name}"
    assert any(shlex.split(ex)[1] == name for ex in EXAMPLES), f"no README example runs `councilplans {name}`"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_readme_documents_every_option_of(name: str) -> None:
    for param in COMMANDS[name].params:
        for opt in param.opts:
            if opt.startswith("--") and opt != "--help":
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


@pytest.mark.parametrize("example", EXAMPLES)
def test_readme_example_uses_real_options(example: str) -> None:
    words = shlex.split(example.split("|")[0].split(">")[0])
    command = COMMANDS.get(words[1])
    assert command is not None, f"unknown command in README example: {example}"
    known = {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)}
    used = {w.split("=")[0] for w in words[2:] if w.startswith("--")}
    assert used <= known, f"{example}: unknown options {sorted(used - known)}"


def test_readme_test_command_is_the_one_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = "python3 -m venv .venv && .venv/bin/pip install '.[test]' && .venv/bin/python -m pytest -q"
    assert command in README and command in ci
