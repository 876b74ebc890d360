"""Bad inputs to `extract` give one line on stderr and a documented exit code."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from pipeline.errors import EXIT_CODES
from tests.conftest import SEEDS

runner = CliRunner()


def _make_encrypted(tmp: Path) -> Path:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=SEEDS / "000_2ad17110b5a37932.pdf")
    writer.encrypt(user_password="secret", owner_password="owner")
    out = tmp / "encrypted.pdf"
    writer.write(out)
    return out


def _make(tmp: Path, name: str) -> Path:
    if name == "missing":
        return tmp / "no-such-paper.pdf"
    if name == "directory":
        return tmp
    if name == "encrypted":
        return _make_encrypted(tmp)
    path = tmp / {"empty": "empty.txt", "corrupt": "corrupt.pdf", "unknown": "image.bin"}[name]
    content = {
        "empty": b"",
        "corrupt": (SEEDS / "000_2ad17110b5a37932.pdf").read_bytes()[:3000],
        "unknown": bytes(range(256)) * 40,
    }[name]
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("case", "exit_code", "code"),
    [
        ("missing", 3, "input.not_found"),
        ("directory", 3, "input.not_a_file"),
        ("empty", 4, "input.empty"),
        ("corrupt", 6, "input.corrupt"),
        ("encrypted", 7, "input.encrypted"),
        ("unknown", 5, "input.unsupported_format"),
    ],
)
def test_bad_input_gives_one_line_error(tmp_path: Path, case: str, exit_code: int, code: str) -> None:
    result = runner.invoke(app, ["extract", str(_make(tmp_path, case))])
    assert result.exit_code == exit_code, result.output
    assert exit_code in EXIT_CODES
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("councilplans: error:") and f"[{code}]" in lines[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""
