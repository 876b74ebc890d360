"""CPU time of ruled-table detection on the PDFium path, over every corpus PDF page.

    python benchmarks/pdf_tables.py            # best of 5 rounds
    python benchmarks/pdf_tables.py --rounds 9

Prints, summed over the pages: reading the edges (PageReader.edges), finding the tables on
them (pipeline.ingest.table_grid: cells, tables and their rows) and, for comparison in the
same run, pdfplumber's TableFinder on the same edges; then find_page_tables as the page
reader calls it (cell texts included). Characters are read once beforehand and not timed.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from pdfplumber.table import Table, TableFinder

from pipeline.ingest import pdf_words, pdfium_text
from pipeline.ingest.pdf_chars import no_chars
from pipeline.ingest.pdf_fonts import font_metrics
from pipeline.ingest.pdf_tables import find_page_tables
from pipeline.ingest.table_grid import table_cells

ROOT = Path(__file__).resolve().parent.parent
PDFS = sorted((ROOT / "corpus/seeds").glob("*.pdf")) + sorted((ROOT / "corpus/real-pdfs").glob("*.pdf"))


class _EdgePage:
    """What TableFinder reads of a page: edges as pdfplumber's dictionaries, and the box."""

    def __init__(self, edges: pdfium_text.PageEdges, bbox: tuple[float, float, float, float]) -> None:
        self.bbox = bbox
        self.edges = [
            {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top,
             "orientation": "h" if flat else "v"}
            for (x0, top, x1, bottom), flat in zip(edges.boxes.tolist(), edges.horizontal.tolist(), strict=True)
        ]


def _pages() -> list[tuple[Any, ...]]:
    pages = []
    for path in PDFS:
        document = pdfium.PdfDocument(path)
        reader = pdfium_text.PageReader(document, font_metrics(path))
        for index in range(len(document)):
            page = document[index]
            left, bottom, right, top = page.get_mediabox()
            chars = reader.chars(page, top)
            pages.append((reader, page, top, (left, 0.0, right, top - bottom), no_chars() if chars is None else chars))
    return pages


def _best(rounds: int, step: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        start = time.process_time()
        step()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    pages = _pages()
    edges = [reader.edges(page, top) for reader, page, top, _, _ in pages]
    table_pages = [pdf_words.TablePage(e, chars, bbox) for e, (_, _, _, bbox, chars) in zip(edges, pages, strict=True)]
    candidates = [p for p in table_pages if p.lines]
    finder_pages = [_EdgePage(e, bbox) for e, (*_, bbox, _) in zip(edges, pages, strict=True) if e.ruled]
    figures = {
        "edges (PageReader.edges)": _best(args.rounds, lambda: [r.edges(p, t) for r, p, t, _, _ in pages]),
        "tables (table_grid: cells, rows)": _best(
            args.rounds, lambda: [[Table(p, c).rows for c in table_cells(p.edges)] for p in candidates]  # type: ignore[arg-type]
        ),
        "  pdfplumber TableFinder, same edges": _best(
            args.rounds, lambda: [[t.rows for t in TableFinder(p).tables] for p in finder_pages]  # type: ignore[arg-type]
        ),
        "find_page_tables (with cell texts)": _best(args.rounds, lambda: [find_page_tables(p) for p in table_pages]),
    }
    tables = sum(len(p.find_tables()) for p in candidates)
    print(f"{len(PDFS)} PDFs, {len(pages)} pages; {sum(e.ruled for e in edges)} with lines or rectangles, "
          f"{len(candidates)} with enough of them for a table; {tables} tables")
    print(f"CPU seconds, best of {args.rounds} rounds")
    for step, seconds in figures.items():
        print(f"{step:<40}{seconds:>8.3f}")
    total = figures["edges (PageReader.edges)"] + figures["tables (table_grid: cells, rows)"]
    print(f"{'edges + tables':<40}{total:>8.3f}")


if __name__ == "__main__":
    main()
