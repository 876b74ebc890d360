"""Report authors and contact officers: "Contact Name: ...", "CONTACT OFFICER / Name: / E Mail:"."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from pipeline.fields import LabelledValue
from pipeline.textlines import Line, name_case

# How far below its label a contact's details may stand.
DETAIL_LINES = 12
# A line under a name longer than this is prose, not a job title.
ROLE_WORDS = 12
# Without a contact label, a name this close before the email that spells it is the contact.
NAME_REACH = 200

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


def find_emails(text: str) -> Iterator[re.Match[str]]:
    """Every email address in a text, as EMAIL.finditer gives them, read only on lines with an "@"."""
    at = text.find("@")
    while at != -1:
        end = text.find("\n", at)
        end = len(text) if end == -1 else end
        yield from EMAIL.finditer(text, text.rfind("\n", 0, at) + 1, end)  # no address spans a line break
        at = text.find("@", end)


@dataclass(slots=True)
class ContactFound:
    """A contact being assembled from its label and the details below it."""

    name: str | None = None
    role: str | None = None
    email: str | None = None
    phone: str | None = None
    name_span: tuple[int, int] | None = None
    name_line: int | None = None  # where a name stands alone on its line, its role is the next line


def read_contacts(
    text: str, lines: Sequence[Line], values: list[LabelledValue], heading_lines: frozenset[int] = frozenset()
) -> list[ContactFound]:
    """Contacts named after a contact label, each with the email and phone written near it.

    A label with the name beside it ("Contact Name: Steve Parry, ...") gives one contact; a
    label standing alone ("CONTACT OFFICER", "4. Contact details") may head several, each a
    name line followed by role, phone and email lines.
    """
    anchors = [v for v in values if v.field == "contact"]
    by_line: dict[int, list[LabelledValue]] = {}
    for v in values:
        by_line.setdefault(v.line, []).append(v)
    found: list[ContactFound] = []
    for n, anchor in enumerate(anchors):
        stop = min(anchor.line + DETAIL_LINES, anchors[n + 1].line if n + 1 < len(anchors) else len(lines))
        current: ContactFound | None = None
        if anchor.value:
            current = ContactFound()
            _read_name_and_role(current, anchor.value, anchor.start)
            found.append(current)
        for line in lines[anchor.line : stop]:
            if line.index != anchor.line and line.index in heading_lines:
                break
            labelled = [v for v in by_line.get(line.index, []) if v is not anchor]
            if labelled:
                current = _read_labelled(text, labelled, current, found)
            elif not anchor.value and line.index != anchor.line:
                current = _read_unlabelled(text, line, current, found)
            elif current is not None:
                _read_email_and_phone(text, line, current)
    named = _distinct([c for c in found if c.name])
    _emails_by_name(text, named)
    return named or _written_beside_email(text)


def _written_beside_email(text: str) -> list[ContactFound]:
    """Without a contact label: a name written just before the email that spells it.

    "This report was written by Jane Smith, ..., who can be contacted on ... or jane.smith@..."
    """
    found: list[ContactFound] = []
    for m in find_emails(text):
        local = m.group(0).split("@")[0].lower()
        parts = re.split(r"[._-]", local)
        if len(parts) != 2 or not all(len(p) > 1 and p.isalpha() for p in parts):
            continue
        window_start = max(0, m.start() - NAME_REACH)
        pattern = rf"\b({parts[0]})\s+({parts[1]})\b"
        name = next(reversed(list(re.finditer(pattern, text[window_start : m.start()], re.I))), None)
        if name is None or not all(w[0].isupper() for w in name.groups()):
            continue
        contact = ContactFound()
        start = window_start + name.start()
        _read_name_and_role(contact, name.group(0), start)
        if contact.name:
            contact.email = clean_email(text, m.start())
            found.append(contact)
    return _distinct(found)


def _emails_by_name(text: str, contacts: list[ContactFound]) -> None:
    """A contact left without an email takes the one of the text whose address spells the name.

    Papers often give the author's name in the header and a bare "Email:" line under a job title
    at the end ("Report Author: Jane Smith" ... "Contact Officer: / Email: jane.smith@...").
    """
    emails: set[str] | None = None
    for contact in contacts:
        if contact.email or not contact.name:
            continue
        if emails is None:
            emails = {m.group(0).rstrip(".").lower() for m in find_emails(text)}
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", contact.name) if len(w) > 1]
        if len(words) < 2:
            continue
        first, last = words[0], words[-1]
        spelt = sorted(e for e in emails if re.fullmatch(rf"(?:{first}|{first[0]})[._-]?{last}", e.split("@")[0]))
        if len(spelt) == 1:
            contact.email = spelt[0]


def _read_labelled(
    text: str, labelled: list[LabelledValue], current: ContactFound | None, found: list[ContactFound]
) -> ContactFound | None:
    for v in labelled:
        if v.field == "name":
            if current is None or current.name:
                current = ContactFound()
                found.append(current)
            _read_name_and_role(current, v.value, v.start)
        elif current is not None and v.field == "role" and current.role is None:
            current.role = v.value
        elif current is not None and v.field == "email" and current.email is None:
            current.email = clean_email(text, v.start)
        elif current is not None and v.field == "phone" and current.phone is None:
            phone = PHONE.search(v.value)
            current.phone = " ".join(phone.group(0).split()) if phone else None
    return current


def _read_unlabelled(
    text: str, line: Line, current: ContactFound | None, found: list[ContactFound]
) -> ContactFound | None:
    """Lines under a contact heading: a name starts a contact, the line after it is the role."""
    value = line.stripped
    if not value:
        return current
    candidate = ContactFound()
    _read_name_and_role(candidate, value, line.start + line.text.index(value))
    if candidate.name and (current is None or current.email or current.phone or current.role):
        candidate.name_line = line.index
        found.append(candidate)
        return candidate
    if current is None:
        return None
    under_name = current.name_line is not None and line.index == current.name_line + 1
    if under_name and current.role is None and not EMAIL.search(value) and not PHONE.search(value):
        current.role = value if len(value.split()) <= ROLE_WORDS else None
    _read_email_and_phone(text, line, current)
    return current


def _read_email_and_phone(text: str, line: Line, contact: ContactFound) -> None:
    if contact.email is None and (m := EMAIL.search(line.text)):
        contact.email = clean_email(text, line.start + m.start())
    if contact.phone is None and (m := PHONE.search(line.text)):
        contact.phone = " ".join(m.group(0).split())


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
        # "Jane Smith, Community Safety Manager, 01234 567890, jane@x.gov.uk": the role ends
        # where the phone number or email begins
        parts = [p.strip() for p in m.group("role").split(",")]
        role = [p for p in itertools.takewhile(lambda p: not re.search(r"\d|@", p), parts)]
        contact.role = ", ".join(role).rstrip(".") or None
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
