"""A real headless Chromium for tests that check rendered HTML.

`chromium()` gives the browser's path, or skips the test with the reason when none is
installed; with COUNCILPLANS_REQUIRE_TOOLS=1 (set by CI, which installs chromium) a missing
browser fails the test instead. `dump_dom` and `screenshot` run it with a fresh profile and
no network use beyond the page itself.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

import pytest

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
)
TIMEOUT = 60


def find_chromium() -> str | None:
    """Path of an installed Chromium (CHROMIUM env var first), or None."""
    explicit = os.environ.get("CHROMIUM")
    if explicit and Path(explicit).exists():
        return explicit
    return next((path for name in CANDIDATES if (path := shutil.which(name))), None)


def chromium() -> str:
    """The browser, or skip (fail when COUNCILPLANS_REQUIRE_TOOLS=1) with the reason."""
    path = find_chromium()
    if path:
        return path
    reason = "chromium is not installed (apt-get install chromium); the HTML report test needs a real browser"
    if os.environ.get("COUNCILPLANS_REQUIRE_TOOLS") == "1":
        pytest.fail(reason + " and COUNCILPLANS_REQUIRE_TOOLS=1")
    pytest.skip(reason)


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="councilplans-chromium-") as profile:
        command = [chromium(), *FLAGS, f"--user-data-dir={profile}", *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)


def dump_dom(page: Path) -> str:
    """The DOM of a local page after the browser rendered it."""
    result = _run(["--dump-dom", page.resolve().as_uri()])
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def screenshot(page: Path, out: Path, size: str = "1280,2400") -> Path:
    """A PNG of a local page as the browser draws it."""
    result = _run([f"--screenshot={out}", f"--window-size={size}", page.resolve().as_uri()])
    assert result.returncode == 0 and out.exists() and out.stat().st_size > 0, result.stderr[-2000:]
    return out


def png_size(png: Path) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{png} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def png_distinct_bytes(png: Path) -> int:
    """How many distinct byte values the decoded pixel rows hold (a blank page has very few)."""
    data = png.read_bytes()
    pos, idat = 8, b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        if data[pos + 4 : pos + 8] == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    return len(set(zlib.decompress(idat)))
