"""CPU seconds of reading the corpus PDFs through PDFium, step by step.

    python benchmarks/pdf_reading.py            # best of 5 runs
    python benchmarks/pdf_reading.py --python   # characters read by the Python loop and grouped by the
                                                # array code, not the C module

Steps, over every page of corpus/seeds/*.pdf and corpus/real-pdfs/*.pdf: opening the document
with its font metrics, loading each page and its text page (PDFium's own work), reading the
characters, grouping them into words and lines, finding ruled tables and their cell texts,
and the whole `load()` of each file for comparison (which also reads through pdfplumber any
page PDFium cannot stand in for).
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

import pypdfium2 as pdfium

from pipeline.ingest import load, pdf_chars, pdf_words, pdfium_text
from pipeline.ingest.pdf import _words_to_lines
from pipeline.ingest.pdf_fonts import font_metrics
from pipeline.ingest.pdf_tables import find_page_tables

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "corpus/seeds").glob("*.pdf")) + sorted((ROOT / "corpus/real-pdfs").glob("*.pdf"))


def steps(compiled: bool) -> tuple[dict[str, float], int]:
    """CPU seconds of each step over all files, and the number of pages."""
    cost: dict[str, float] = defaultdict(float)
    pages = 0

    def timed(step: str, fn, *args):  # type: ignore[no-untyped-def]
        start = time.process_time()
        try:
            return fn(*args)
        finally:
            cost[step] += time.process_time() - start

    for path in FILES:
        document = timed("open + font metrics", pdfium.PdfDocument, path)
        reader = pdfium_text.PageReader(document, timed("open + font metrics", font_metrics, path))
        reader.compiled = compiled
        for index in range(len(document)):
            pages += 1
            page = timed("page + text page load", document.__getitem__, index)
            textpage = timed("page + text page load", page.get_textpage)
            top = page.get_mediabox()[3]
            chars = timed("characters", reader._chars, textpage.raw, top)
            textpage.close()
            if chars:
                edges = timed("tables", reader.edges, page, top)
                bbox = (0.0, 0.0, page.get_width(), page.get_height())
                tables = timed("tables", find_page_tables, pdf_words.TablePage(edges, chars, bbox))
                body = timed("words + lines", pdf_words.outside, chars, [t.bbox for t in tables])
                timed("words + lines", lambda c: _words_to_lines(pdf_words.words(c)), body)
            page.close()
        document.close()
    start = time.process_time()
    for path in FILES:
        load(path)
    cost["whole load()"] = time.process_time() - start
    return dict(cost), pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", action="store_true", help="read and group characters without the C module")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    compiled = not args.python
    if compiled and pdf_chars.compiled is None:
        print("the C module is not built: characters are read by the Python loop")
    if not compiled:
        pdf_chars.compiled = None  # words, lines and cells grouped by the array code too
    load(FILES[0])  # warm imports
    runs = [steps(compiled) for _ in range(args.runs)]
    pages = runs[0][1]
    best = {step: min(r[0][step] for r in runs) for step in runs[0][0]}
    print(f"{len(FILES)} PDFs, {pages} pages; CPU seconds, best of {args.runs} runs")
    for step, seconds in best.items():
        print(f"  {step:<24} {seconds:6.3f} s  {1000 * seconds / pages:6.2f} ms/page")
    core = sum(best[s] for s in ("open + font metrics", "page + text page load", "characters", "words + lines"))
    print(f"  {'open, chars, words':<24} {core:6.3f} s  {1000 * core / pages:6.2f} ms/page")


if __name__ == "__main__":
    main()
