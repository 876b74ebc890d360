"""The compare report in a real headless Chromium: it renders, and its heat-map links resolve."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.compare import build_comparison
from pipeline.reports.compare import REPORT_HTML, write_comparison
from tests.browser import dump_dom, png_distinct_bytes, png_size, screenshot
from tests.test_compare import store  # noqa: F401 - the fixture

pytestmark = pytest.mark.browser


def test_compare_report_renders_as_a_heat_map_in_chromium(store: Path, tmp_path: Path) -> None:  # noqa: F811
    write_comparison(build_comparison(store), tmp_path)
    page = tmp_path / REPORT_HTML
    png = screenshot(page, tmp_path / "compare.png", "1280,900")
    assert png_size(png) == (1280, 900)
    assert png.stat().st_size > 5_000 and png_distinct_bytes(png) > 50  # drawn, not a blank page
    dom = dump_dom(page)
    links = re.findall(r'<a href="#(cell-[^"]+)">(\d+)</a>', dom)
    assert len(links) == 7
    ids = set(re.findall(r'id="([^"]+)"', dom))
    assert {anchor for anchor, _ in links} <= ids


def test_an_empty_store_still_gives_a_readable_report(tmp_path: Path) -> None:
    from pipeline.store import connect

    connect(tmp_path / "results.db").close()
    write_comparison(build_comparison(tmp_path / "results.db"), tmp_path)
    dom = dump_dom(tmp_path / REPORT_HTML)
    assert "No extracted documents" in dom
