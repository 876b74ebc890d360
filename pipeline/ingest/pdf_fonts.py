"""What pdfminer would read from a PDF's font dictionaries, read through qpdf (pikepdf).

PDFium falls back to the font's bounding box when a font descriptor gives no descent, where
pdfminer takes zero, and it reads a descent as a whole number of thousandths; PDFium gives
no font names from the descriptor either. The PDFium page reader therefore takes each font's
name and descent from the font dictionaries themselves, as pdfminer reads them, so that
character boxes (and the cells a character falls into) are the same on both paths. qpdf
reads the dictionaries in C++, a small fraction of what parsing them in Python costs.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import pikepdf

_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
_MAX_TREE_DEPTH = 64  # a page tree deeper than this is damaged (or loops back on itself)


class FontMetrics(NamedTuple):
    """What pdfminer reads from a font dictionary: its name and descent (per unit of size).

    Either is None where fonts sharing a base name disagree on it.
    """

    fontname: str | None
    descent: float | None


def font_metrics(path: Path) -> dict[str, FontMetrics]:
    """Name and descent of every font on the document's pages, keyed by base font name.

    PDFium drops the subset tag ("ABCDEF+") of simple fonts, so each font is filed under its
    name with and without the tag.
    """
    names: dict[str, set[str]] = {}
    descents: dict[str, set[float]] = {}
    seen: set[tuple[int, int]] = set()
    # qpdf copying inherited attributes down to every page costs most of the opening; the one
    # this reads, the resources, is looked up the page tree instead (as pdfminer inherits it).
    with pikepdf.open(path, inherit_page_attributes=False) as pdf:
        for page in pdf.pages:
            fonts = _dictionary(_dictionary(_resources(page.obj)).get("/Font"))
            for font in fonts.values():
                if font.is_indirect:
                    if font.objgen in seen:
                        continue
                    seen.add(font.objgen)
                spec = _dictionary(font)
                descriptor = spec.get("/FontDescriptor")
                if descriptor is None and "/DescendantFonts" in spec:
                    descendants = spec["/DescendantFonts"]
                    if isinstance(descendants, pikepdf.Array) and len(descendants):
                        descriptor = _dictionary(descendants[0]).get("/FontDescriptor")
                descriptor = _dictionary(descriptor)
                base = _name(spec.get("/BaseFont"))
                name = _name(descriptor.get("/FontName", "unknown"))
                descent = -abs(_number(descriptor.get("/Descent", 0))) / 1000
                for key in (base, _SUBSET_TAG.sub("", base)):
                    names.setdefault(key, set()).add(name)
                    descents.setdefault(key, set()).add(descent)
    return {
        key: FontMetrics(
            next(iter(names[key])) if len(names[key]) == 1 else None,
            next(iter(descents[key])) if len(descents[key]) == 1 else None,
        )
        for key in names
    }


def _resources(page: Any) -> Any:
    """The page's /Resources, or the nearest ancestor's in the page tree (None if none has one)."""
    node = page
    for _ in range(_MAX_TREE_DEPTH):
        if not isinstance(node, pikepdf.Dictionary):
            return None
        if "/Resources" in node:
            return node.get("/Resources")
        node = node.get("/Parent")
    return None


def _dictionary(value: Any) -> Any:
    """The value if it is a dictionary, else an empty one (pdfminer's dict_value)."""
    return value if isinstance(value, pikepdf.Dictionary) else pikepdf.Dictionary()


def _name(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, pikepdf.Name):
        return str(value)[1:]
    if isinstance(value, pikepdf.String):
        return bytes(value).decode("latin-1")
    return str(value)


def _number(value: Any) -> float:
    """A number, or 0 for anything else (pdfminer's num_value); pikepdf gives reals as Decimal."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return 0
    return float(value) if isinstance(value, Decimal) else value
