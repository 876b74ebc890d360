"""Cells too long to be an empty mark or a status word are typed as without the length guards."""

from __future__ import annotations

import pytest

from pipeline.tables import cells
from pipeline.tables.rules import RULES

WORDS = [*RULES.status_words, *cells._EMPTY, "İ", "Green", "GREEN ", " n/a ", "Not Achieved", "ǅ"]
TEXTS = WORDS + [w.upper() for w in WORDS] + [w + x for w in WORDS for x in ("İ", "s", " 12", "%")]


def _typed_all() -> list[object]:
    cells._typed.cache_clear()
    cells.cell_type.cache_clear()
    out = [cells.type_cell(t).model_dump() for t in TEXTS] + [cells.cell_type(t) for t in TEXTS]
    cells._typed.cache_clear()
    cells.cell_type.cache_clear()
    return out


def test_length_guards_change_no_cell_type(monkeypatch: pytest.MonkeyPatch):
    guarded = _typed_all()
    monkeypatch.setattr(cells, "_LONGEST_EMPTY", 10**6)
    monkeypatch.setattr(cells, "_LONGEST_STATUS", 10**6)
    assert _typed_all() == guarded


def test_a_row_validated_at_once_holds_the_cells_type_cell_makes():
    row = cells.cell_fields("39.0% (127 offences)", column="2009/10")
    assert cells.Cell.model_validate(row) == cells.type_cell("39.0% (127 offences)", column="2009/10")


@pytest.mark.parametrize("header", [False, True])
@pytest.mark.parametrize("column", [None, "RAG", "2010/11"])
def test_an_empty_cell_read_at_once_is_the_cell_its_spaces_make(header: bool, column: str | None):
    # "" is answered before its text is read; "  " is read, and normalises to ""
    for read in (cells.cell_fields, cells.type_cell):
        assert read("", header=header, column=column) == read(" \t ", header=header, column=column)
