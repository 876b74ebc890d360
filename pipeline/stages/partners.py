"""Stage: partners. The responsible authorities a document lists, each with its type.

Only lists introduced as the statutory partners count ("the statutory partners are: ...",
"adopted by the following organisations as statutory partners:"), or, when there is no such
list, as the partnership's core members ("the main contributors ... are the Council, Police,
PCT ..."). Sub-group memberships, "other partners" and bodies such as the Home Office or
voluntary groups are not responsible authorities. None when no list is found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.cue_index import columns
from pipeline.cues import CueHit
from pipeline.parsed import Parsed
from pipeline.partner_names import NameMatch, find_names, list_cues
from pipeline.quotes import quote_evidence
from pipeline.stages.topic import Judged
from schemas import Partner, PlanExtraction

# How far a list may run after its cue.
MAX_INLINE = 600
MAX_LIST_LINES = 15
MAX_ITEM_WORDS = 12
# The end of a name wrapped onto the next line of a PDF table cell.
MAX_WRAP_WORDS = 4
# "Our partners are Victim Support and the police" is not a list of responsible authorities.
WEAK_LIST_MIN = 2
# A council named by its kind alone: "the Council", "the County Borough Council".
_GENERIC_COUNCIL = re.compile(r"(?:(?:County|Metropolitan)\s+)?(?:(?:Borough|City|District)\s+)?Council", re.I)
_ALIAS = re.compile(r"\s*\(\s*(?:the\s+)?(?:local\s+)?", re.I)
_BULLET = re.compile(r"^[\s\-–•*·o>]*(?:\(?[0-9a-z]{1,3}[.)]\s+)?")
HEAD_CHARS = 3000
_PARAGRAPH_NUMBER = re.compile(r"(?:\d+(?:\.\d+)*\.?|\(?[a-z]\)|\(?[ivx]+\)|[a-z]\.)")
# Words that open an inline list after its cue.
_INTRODUCED = re.compile(
    r"\b(?:are|is|were|was|include[sd]?|including|comprise[sd]?|comprising|namely|being|consists? of|such as|i\.e)\b"
    r"|[:(–—-]",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"[,;]|\b(?:with|by|alongside)\b", re.I)
# A cue that ends its sentence, the list opening the next: "... names as responsible authorities.
# They are Ryedale District Council, ...".
# The next sentence may name the place first and hold the list on the lines below: "... requires the
# responsible authorities to work together. In Gedling they are:" / "- Gedling Borough Council".
_NEXT_SENTENCE_LIST = re.compile(
    r"\.\s+(?:(?:In|Across|Within|For)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2},?\s+|Locally,?\s+)?"
    r"(?i:they|these|those)\s+(?:are|were|include|comprise)\b[ \t]*:?[ \t]*"
)
# Other laws have responsible authorities of their own: "the responsible authorities under the
# Licensing Act 2003 are the chief officer of police, ... environmental health, trading standards".
_OTHER_ACT = re.compile(
    r"\s+(?:under|for the purposes of|within the meaning of|named in|set out in)\s+(?:section\s+\S+\s+of\s+)?"
    r"the\s+(?!(?:[\w,]+\s+){0,6}?(?:Crime|Police|Disorder|Policing)\b)(?:[A-Z][\w,]*\s+){1,6}Act\b"
)
# A body named inside another's bracket is part of it: "the London Borough of Lewisham
# (including the Youth Offending Service)".
_PART_OF = re.compile(r"\s*\(\s*(?:including|incl\.?|which includes|part of|within)\s+(?:the\s+)?", re.I)
# The header of a table of partners: "Organisation | Role in the partnership".
_PARTNER_TABLE = re.compile(
    r"^[ \t]*(?:partner organisations?|organisations?|partners?|agency|agencies|members?|bodies|body)[ \t]*\t",
    re.I | re.M,
)
TABLE_MIN_KINDS = 3
_PARTNERSHIP_PLACE = re.compile(
    r"\b(?:Safer|Safe|Stronger)\s+((?:[A-Z][a-z'’-]+\s+){0,2}[A-Z][a-z'’-]+)\s+(?:Community Safety\s+)?Partnership"
    r"|\b((?:[A-Z][a-z'’-]+\s+){0,2}[A-Z][a-z'’-]+)\s+Community Safety Partnership"
)
# Also in a front sheet's capitals: "READING BOROUGH COUNCIL".
_COUNCIL_NAME = re.compile(
    r"((?:[A-Z][\w'’.-]*[ \t]+){1,4})(?i:District|Borough|City|County|Metropolitan Borough) (?i:Council)\b"
)



def find_partners(parsed: Parsed, found: PlanExtraction) -> list[Partner] | None:
    """The statutory partners the document lists, or None when it lists none."""
    judged = Judged(found.community_safety)
    strong, weak = list_cues()
    tokens = columns(parsed.doc)
    # Two cues that read alike ("statutory partner", "statutory partners") find the same place:
    # the list after it is read once.
    lists: dict[tuple[int, int], list[NameMatch]] = {}
    for matcher, least in ((strong, 1), (weak, WEAK_LIST_MIN)):
        names = []
        for hit in matcher.find(parsed.doc, tokens):
            if not judged.hold(hit.start) or _OTHER_ACT.match(parsed.text, hit.end):
                continue
            if (hit.start, hit.end) not in lists:
                lists[hit.start, hit.end] = listed_after(parsed.text, hit)
            names += lists[hit.start, hit.end]
        partners = _partners(parsed, found, names)
        if len(partners) >= least:
            return partners
    return _partner_table(parsed, found, judged)


def _partner_table(parsed: Parsed, found: PlanExtraction, judged: Judged) -> list[Partner] | None:
    """A table of the partnership's members, first column the body, when no cue names them."""
    for m in _partner_table_headers(parsed.text):
        if not judged.hold(m.start()):
            continue
        partners = _partners(parsed, found, _list_lines(parsed.text, m.start()))  # from its header row
        kinds = {p.type.split("_")[-1] if p.type.endswith("council") else p.type for p in partners}
        if len(kinds) >= TABLE_MIN_KINDS:
            return partners
    return None


def listed_after(text: str, cue: CueHit) -> list[NameMatch]:
    """Partner names in the list a cue introduces: inline up to the sentence end, or lines below."""
    line_end = _line_end(text, cue.end)
    colon = text.find(":", cue.end, min(cue.end + 300, len(text)))
    stop = text.find(".", cue.end, colon) if colon >= 0 else -1
    if colon >= 0 and stop < 0 and not text[colon + 1 : _line_end(text, colon)].strip():
        return _list_lines(text, _line_end(text, colon) + 1)
    if not text[cue.end : line_end].strip(" \t:") or "\t" in text[cue.end : line_end]:
        return _list_lines(text, line_end + 1)  # a list, or a table whose header holds the cue
    end = _sentence_end(text, cue.end)
    names = [n for n in find_names(text[cue.end : end], cue.end) if not _in_later_cell(text, n.start)]
    if not names and (after := _NEXT_SENTENCE_LIST.match(text, end)):
        if not text[after.end() : _line_end(text, after.end())].strip():
            return _list_lines(text, _line_end(text, after.end()) + 1)
        end = _sentence_end(text, after.end())
        return [n for n in find_names(text[after.end() : end], after.end()) if not _in_later_cell(text, n.start)]
    # The cue may carry the verb itself: "the partnership comprises ...". Apposition needs no verb
    # ("statutory partners Kent Police and ..."), but a clause break does.
    gap = text[cue.start : names[0].start] if names else ""
    if names and _CLAUSE_BREAK.search(gap) and not _INTRODUCED.search(gap):
        return []  # "the responsible authorities of the Partnership, with the PCC as a key partner"
    return names


def _list_lines(text: str, start: int) -> list[NameMatch]:
    names: list[NameMatch] = []
    pos, lines = start, 0
    table = False  # the list is a table: its first line has cells
    header = ""
    while pos < len(text) and lines < MAX_LIST_LINES:
        end = _line_end(text, pos)
        line = text[pos:end]
        if line.strip():
            lines += 1
            body = _BULLET.match(line).end()  # type: ignore[union-attr]
            if lines == 1:
                table = "\t" in line.strip()
                header = line.strip() if table else ""
            # In a table of partners the first cell names the body; the others name officers.
            if table and "\t" not in line.strip():
                pos = end + 1
                continue  # a later cell wrapped onto the next line: "licensing and / environmental health"
            item = line[body:].split("\t")[0] if "\t" in line.strip() else line[body:]
            here = find_names(item, pos + body)
            if "\t" in line.strip() and item.strip() and not _ends_with_name(item, here, pos + body):
                here, end = _wrapped_cell(text, item, pos + body, end) or (here, end)
            if not here and lines == 1 and "\t" in line.strip():
                pos = end + 1
                continue  # a table's header row
            # A list item is a name, not a sentence that happens to hold one ("Other partners ...").
            if not here or len(item.split()) > MAX_ITEM_WORDS:
                break
            names += here
        elif names and header and text[end + 1 : _line_end(text, end + 1)].strip() == header:
            end = _line_end(text, end + 1)  # the table goes on after a page break, its header repeated
        elif names and not _BULLET.match(text[end + 1 : _line_end(text, end + 1)]).group().strip():  # type: ignore[union-attr]
            break  # a blank line ends a list unless the next item is bulleted
        pos = end + 1
    return names


def _ends_with_name(item: str, names: list[NameMatch], start: int) -> bool:
    return bool(names) and names[-1].end >= start + len(item.rstrip())


def _wrapped_cell(text: str, item: str, start: int, line_end: int) -> tuple[list[NameMatch], int] | None:
    """A first cell that wrapped onto the next PDF line ("Durham Tees Valley Community Rehabilitation" /
    "Company"): the name read across both, and the end of the line that carried it on."""
    nxt_start = line_end + 1
    nxt_end = _line_end(text, nxt_start)
    nxt = text[nxt_start:nxt_end]
    if not nxt.strip() or "\t" in nxt or len(nxt.split()) > MAX_WRAP_WORDS:
        return None
    joined = item.rstrip() + " " + nxt.strip()
    cut = len(item.rstrip()) + 1
    lead = len(nxt) - len(nxt.lstrip())

    def at(i: int) -> int:
        return start + i if i < cut else nxt_start + lead + i - cut

    names = [NameMatch(at(n.start), at(n.end), n.name, n.type) for n in find_names(joined)]
    if not names or names[-1].end <= nxt_start:
        return None
    return names, nxt_end


def _partners(parsed: Parsed, found: PlanExtraction, names: list[NameMatch]) -> list[Partner]:
    two_tier = any(n.type == "county_council" for n in names)
    partners: list[Partner] = []
    seen: set[tuple[str, str]] = set()
    previous: NameMatch | None = None
    for n in names:
        # "NHS Kirkford (the local Primary Care Trust)": the bracket names the same body again.
        between = parsed.text[previous.end : n.start] if previous is not None else ""
        alias = previous is not None and _ALIAS.fullmatch(between)
        if previous is not None and _PART_OF.fullmatch(between):
            continue  # the bracket's body belongs to the one before, which stays `previous`
        previous = n
        if alias:
            continue
        type_ = n.type
        name = re.sub(r"\s*\([^)]*\)$", "", n.name)
        if type_ == "council":
            type_ = "district_council" if two_tier else "unitary_council"
        if _GENERIC_COUNCIL.fullmatch(name):
            # A county council is named only from the paper: the metadata names the paper's own council.
            name = _own_council(parsed.text, found, two_tier, name, type_ != "county_council") or name
        key = (type_, name.lower())
        if key in seen:
            continue
        seen.add(key)
        partners.append(
            Partner(
                name=name,
                type=type_,
                span=parsed.span(n.start, n.end),
                section=parsed.section_label(n.start),
                stage="partners",
                evidence=[quote_evidence(parsed, n.start, n.end)],
            )
        )
    return partners


def _own_council(text: str, found: PlanExtraction, two_tier: bool, written: str, own: bool = True) -> str | None:
    """Name "the Council" of a report: the council the document names most, else its metadata."""
    counts: dict[str, int] = {}
    for m in council_names(text):
        name = _from_capitals(m.group(0)) if m.group(0).isupper() else m.group(0)
        # "the Council" of a district is not the county council named beside it.
        other_tier = name.lower().endswith("county council") and "county" not in written.lower()
        if name.lower().endswith(written.lower()) and not other_tier and not _GENERIC_COUNCIL.fullmatch(name):
            counts[name] = counts.get(name, 0) + 1
    if counts:
        return max(counts, key=lambda k: counts[k])
    if not own:
        return None
    place = found.council or _partnership_place(found.partnership or "") or _partnership_place(text[:HEAD_CHARS])
    if place:
        # "City Council", "Borough Council": the paper's own word for its council stays.
        kind = re.sub(r"^the\s+", "", written, flags=re.I)
        if kind.lower() != "council":
            return f"{place} {kind}"
        return f"{place} {'District Council' if two_tier else 'Council'}"
    return None


def _partner_table_headers(text: str) -> Iterator[re.Match[str]]:
    """What `_PARTNER_TABLE.finditer(text)` finds, tried only at the start of each line that holds
    a tab: the pattern reads one line from its start and ends with a tab."""
    tab = text.find("\t")
    while tab != -1:
        start = text.rfind("\n", 0, tab) + 1
        end = text.find("\n", tab)
        end = len(text) if end < 0 else end
        if m := _PARTNER_TABLE.match(text, start):
            yield m
        tab = text.find("\t", end)


# "Council" in any case, as the end of `_COUNCIL_NAME` reads it: a quick search where that pattern,
# tried at every position of a paper, is slow. Its first letter stands outside the case-blind
# group ("C" and "c" are its only cases), so the scan skips to the next "c" at C speed.
_COUNCIL_WORD = re.compile(r"[Cc](?i:ouncil)")


def council_names(text: str) -> list[re.Match[str]]:
    """What `_COUNCIL_NAME.finditer(text)` finds, run only over the lines that hold "Council".

    A council's name lies within one line (its words are joined by spaces and tabs), so the
    pattern finds the same names line by line.
    """
    names: list[re.Match[str]] = []
    end = 0
    for word in _COUNCIL_WORD.finditer(text):
        if word.start() < end:
            continue  # a line already read
        start = text.rfind("\n", 0, word.start()) + 1
        end = text.find("\n", word.end())
        end = len(text) if end < 0 else end
        names += _COUNCIL_NAME.finditer(text, start, end)
    return names


# Words a front sheet's capitals put before a council's name: "REPORT OF WYVERN DISTRICT COUNCIL".
_NOT_A_PLACE = {"report", "reports", "of", "to", "from", "by", "for", "the", "and", "meeting", "agenda", "item"}


def _from_capitals(name: str) -> str:
    words = name.title().split()
    while len(words) > 2 and words[0].lower() in _NOT_A_PLACE:
        words = words[1:]
    return " ".join(words)


def _partnership_place(text: str) -> str | None:
    """The area a partnership is named after: "Safer South Derbyshire Partnership"."""
    m = _PARTNERSHIP_PLACE.search(text)
    return (m.group(1) or m.group(2)) if m else None


def _in_later_cell(text: str, pos: int) -> bool:
    """True when a position lies after a filled cell of a tab-separated line."""
    before = text[text.rfind("\n", 0, pos) + 1 : pos]
    parts = before.split("\t")  # the last part is the cell that holds the name
    # "2.1<tab>The partnership comprises ...": a paragraph number is not a cell.
    if len(parts) > 1 and _PARAGRAPH_NUMBER.fullmatch(parts[0].strip()):
        parts = parts[1:]
    return len(parts) > 1 and bool(parts[0].strip())


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _sentence_end(text: str, pos: int) -> int:
    m = re.compile(r"\.(?:\s|$)|\n\s*\n").search(text, pos, min(pos + MAX_INLINE, len(text)))
    return m.start() if m else min(pos + MAX_INLINE, len(text))
