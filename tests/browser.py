"""Headless Chromium for tests: screenshots and rendered DOM of the HTML reports.

Tests that need the browser skip with a reason when it is absent, and fail instead when
COUNCILPLANS_REQUIRE_TOOLS=1 (CI sets it and installs chromium).
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

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
]


def chromium() -> str:
    """The Chromium binary, or skip (fail when tools are required)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("COUNCILPLANS_REQUIRE_TOOLS") == "1":
        pytest.fail("chromium is required (COUNCILPLANS_REQUIRE_TOOLS=1) but not installed")
    pytest.skip("chromium is not installed (apt-get install chromium)")


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="councilplans-chromium-") as profile:
        command = [chromium(), *FLAGS, f"--user-data-dir={profile}", *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def screenshot(url: str, png: Path, width: int = 1280, height: int = 900) -> Path:
    """Render a page (file:// URL) to a PNG of the given window size."""
    result = _run([f"--screenshot={png}", f"--window-size={width},{height}", url])
    assert png.exists(), f"chromium wrote no screenshot: {result.stderr[-2000:]}"
    return png


def dump_dom(url: str) -> str:
    """The page's DOM after it loaded, as HTML."""
    result = _run(["--dump-dom", url])
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


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
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    return len(set(zlib.decompress(idat)))
