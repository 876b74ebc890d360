"""Report authors and contact officers: "Contact Name: ...", "CONTACT OFFICER / Name: / E Mail:"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.fields import LabelledValue
from pipeline.textlines import Line, name_case

# How far below its label a contact's details may stand.
DETAIL_LINES = 8

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?:\+44\s?\(?0?\)?|\(?0)\d[\d ()]{7,15}\d")
# Domain endings an email may have; a PDF line break can split one ("southampton.gov.u k").
_TLDS = frozenset(["uk", "com", "org", "net", "gov", "info", "eu", "co", "ac", "nhs", "police", "sch", "int"])
_NAME_WORD = re.compile(r"^(?:[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)*|Mc[A-Z][a-z]+|[A-Z]\.?|[A-Z][a-z]*[A-Z][a-z]+)$")
_NOT_NAME = frozenset(
    [
        "council",
        "team",
        "service",
        "services",
        "partnership",
        "officer",
        "manager",
        "unit",
        "department",
        "group",
        "the",
        "of",
    ]
)


@dataclass(slots=True)
class ContactFound:
    """A contact being assembled from its label and the details below it."""

    name: str | None = None
    role: str | None = None
    email: str | None = None
    phone: str | None = None
    name_span: tuple[int, int] | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)


def read_contacts(text: str, lines: list[Line], values: list[LabelledValue]) -> list[ContactFound]:
    """Contacts named after a contact label, each with the email and phone written near it."""
    anchors = [v for v in values if v.field == "contact"]
    found: list[ContactFound] = []
    for n, anchor in enumerate(anchors):
        stop = min(anchor.line + DETAIL_LINES, anchors[n + 1].line if n + 1 < len(anchors) else len(lines))
        contact = ContactFound(spans=[(anchor.start, anchor.end)])
        if anchor.value:
            _read_name_and_role(contact, anchor.value, anchor.start)
        for v in values:
            if not anchor.line <= v.line < stop or v is anchor:
                continue
            if v.field == "name" and contact.name is None:
                _read_name_and_role(contact, v.value, v.start)
            elif v.field == "email" and contact.email is None:
                contact.email = clean_email(text, v.start)
            elif v.field == "phone" and contact.phone is None:
                phone = PHONE.search(v.value)
                contact.phone = " ".join(phone.group(0).split()) if phone else None
        window = text[anchor.start : lines[stop - 1].end if stop > anchor.line else anchor.end]
        if contact.email is None:
            m = EMAIL.search(window)
            contact.email = clean_email(text, anchor.start + m.start()) if m else None
        if contact.phone is None:
            m = PHONE.search(window)
            contact.phone = " ".join(m.group(0).split()) if m else None
        if contact.name:
            found.append(contact)
    return _distinct(found)


def clean_email(text: str, start: int) -> str | None:
    """The email at an offset, lower-cased, with a top-level domain split by a line break mended."""
    m = EMAIL.match(text, start)
    if not m:
        return None
    email = m.group(0).rstrip(".")
    rest = re.match(r" ([a-z]{1,3})\b", text[m.end() : m.end() + 5])
    last = email.rsplit(".", 1)[-1].lower()
    if rest and last not in _TLDS and (last + rest.group(1)).lower() in _TLDS:
        email += rest.group(1)
    return email.lower()


def _read_name_and_role(contact: ContactFound, value: str, start: int) -> None:
    """'Steve Parry, Neighbourhood Crime & Justice Manager' / 'CHRIS SMITH (5924)'."""
    m = re.match(r"^(?P<name>[^,(\t–—]+?)\s*(?:\((?P<ext>[\d ]{3,})\)|[,–—]\s*(?P<role>[^\t]+?))?\s*$", value)
    if not m:
        return
    name = name_case(m.group("name").strip())
    words = name.split()
    if not 2 <= len(words) <= 4 or not all(_NAME_WORD.match(w) for w in words):
        return
    if any(w.lower() in _NOT_NAME for w in words):
        return
    contact.name = name
    contact.name_span = (start, start + len(m.group("name").strip()))
    if m.group("role"):
        contact.role = m.group("role").strip().rstrip(".")
    if m.group("ext") and contact.phone is None:
        contact.phone = m.group("ext").strip()


def _distinct(contacts: list[ContactFound]) -> list[ContactFound]:
    seen: set[str] = set()
    out = []
    for c in contacts:
        key = (c.name or "").lower()
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out
