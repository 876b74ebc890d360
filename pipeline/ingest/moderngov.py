"""Council web pages, ModernGov in particular: page address, ModernGov ids and labelled fields.

ModernGov (the committee system most English councils publish with) shows a decision or an
agenda item as labelled fields: "Decision Maker:", "Date of decision:", "Report author:"...,
either as a heading followed by its value, as "Label: value" in one paragraph, or as a two-cell
table row. Such pairs are written into the text as one "Label:\tValue" line (the form the
metadata stage reads in reports) and also kept in `Document.fields` under a canonical name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

from pydantic import BaseModel, ConfigDict

from pipeline.ingest.blocks import Block
from pipeline.upfront import built_up_front

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
_WS = re.compile(r"\s+")
# A field value is short; a long paragraph after a label is the body of a section.
MAX_VALUE_CHARS = 300


class ModernGovRules(BaseModel):
    """The data file pipeline/data/moderngov.json."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int
    comment: str = ""
    pages: dict[str, str]
    ids: list[str]
    labels: dict[str, str]


@built_up_front
@cache
def rules() -> ModernGovRules:
    """Load and validate the ModernGov rules once."""
    text = (DATA_DIR / "moderngov.json").read_text(encoding="utf-8")
    return ModernGovRules.model_validate(json.loads(text))


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a page says it lives, and the publisher's ids in that address."""

    url: str | None
    ids: dict[str, str]
    page_kind: str | None


def provenance(root: Any, saved_from: str | None = None) -> Provenance:
    """The page's address (canonical link, og:url, base + form action, "saved from") and its ModernGov ids."""
    canonical = _first(root, "//link[translate(@rel,'CANONICAL','canonical')='canonical']/@href")
    og_url = _first(root, "//meta[@property='og:url']/@content")
    base = _first(root, "//base/@href")
    # ModernGov pages are ASP.NET forms that post back to their own address.
    action = _first(root, "//form[@action]/@action")
    url = canonical or og_url
    if url is None and base and action:
        url = urljoin(base, action)
    elif url is None:
        url = saved_from or base
    ids: dict[str, str] = {}
    page_kind = None
    for address in (url, action):
        if not address:
            continue
        parts = urlsplit(address)
        name = parts.path.rsplit("/", 1)[-1]
        page_kind = page_kind or _page_kind(name)
        wanted = {k.lower(): k for k in rules().ids}
        for key, value in parse_qsl(parts.query):
            if key.lower() in wanted and value:
                ids.setdefault(wanted[key.lower()], value)
    return Provenance(url=url, ids=ids, page_kind=page_kind)


def _page_kind(name: str) -> str | None:
    lowered = {k.lower(): v for k, v in rules().pages.items()}
    return lowered.get(name.lower())


def _first(root: Any, xpath: str) -> str | None:
    found = root.xpath(xpath)
    value = str(found[0]).strip() if found else ""
    return value or None


def main_title(root: Any) -> str | None:
    """The title ModernGov shows above a decision, issue or agenda item."""
    found = root.xpath("//*[contains(concat(' ', normalize-space(@class), ' '), ' mgSubTitleTxt ')]")
    text = _WS.sub(" ", found[0].text_content()).strip() if found else ""
    return text or None


def canonical_label(label: str) -> str | None:
    """The canonical field name of a page label ("Date of decision:" -> "Decision date")."""
    key = _WS.sub(" ", label).strip().rstrip(":").strip().lower()
    return rules().labels.get(key)


def label_fields(blocks: list[Block]) -> tuple[list[Block], list[tuple[str, str]]]:
    """Write labelled values as "Label:\tValue" lines and collect them as (canonical name, value)."""
    out: list[Block] = []
    fields: list[tuple[str, str]] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.table is not None:
            fields.extend(_table_fields(block.table))
            out.append(block)
            i += 1
            continue
        label, value = _split_label(block.text)
        if label is None and block.group == "term":  # <dt>Decision maker</dt><dd>...</dd>: no colon needed
            label, value = _WS.sub(" ", block.text).strip(), ""
        name = canonical_label(label) if label else None
        if name is None or label is None:
            out.append(block)
            i += 1
            continue
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if not value and following is not None and _is_value(following):
            value = following.text.strip()
            i += 1
        if value and len(value) <= MAX_VALUE_CHARS:
            out.append(Block(text=f"{label.rstrip(':')}:\t{value}", group="fields"))
            fields.append((name, value))
        else:
            out.append(block)
        i += 1
    return out, fields


def front_sheet(blocks: list[Block], heading: str | None) -> list[Block]:
    """Gather a ModernGov page's field lines under its title, where a report has its front sheet.

    ModernGov shows "Date of decision", "Report author"... at the foot of the page; papers put
    them at the head, and that is where readers of papers (and the metadata stage) look.
    """
    fields = [b for b in blocks if b.group == "fields"]
    rest = [b for b in blocks if b.group != "fields"]
    at = next((i + 1 for i, b in enumerate(rest[:6]) if heading and _WS.sub(" ", b.text).strip() == heading), 0)
    return rest[:at] + fields + rest[at:]


def _split_label(text: str) -> tuple[str | None, str]:
    head, sep, rest = text.partition(":")
    if not sep or len(head) > 60 or "\n" in head:
        return None, ""
    return _WS.sub(" ", head).strip(), _WS.sub(" ", rest).strip()


def _is_value(block: Block) -> bool:
    if block.table is not None or len(block.text) > MAX_VALUE_CHARS:
        return False
    label, _ = _split_label(block.text)
    return not (label and canonical_label(label))


def _table_fields(rows: tuple[tuple[str, ...], ...]) -> list[tuple[str, str]]:
    fields = []
    for row in rows:
        cells = [c for c in row if c]
        if len(cells) == 2 and (name := canonical_label(cells[0])):
            fields.append((name, cells[1]))
    return fields
