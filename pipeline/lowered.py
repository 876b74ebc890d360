"""Case-blind search for a name in a whole paper, without lowering the whole paper.

`text.lower()` of a text that holds a single non-ASCII character (a dash, a curly quote: nearly
every paper) takes Python's slow path, about 60 instructions a character, though the names
looked for mostly stand in the paper's first lines. Here the text is read as ASCII bytes, from
its start and only as far as a search needs:
- every non-ASCII character is written as "?", one byte for one character, so offsets stay;
- ASCII letters lower as `str.lower` lowers them (A-Z to a-z, nothing else changes);
- the lower case of a non-ASCII character holds no ASCII character, except for "İ" (U+0130,
  which also lowers to two characters) and the Kelvin sign (U+212A, to "k"); and a character
  lowers alone, except for "Σ" (final or not, by the letters around it).
So where the text read holds none of those three, a name lowered stands in the lowered text
exactly where the lowered bytes hold its ASCII words at the same offset and the text there,
lowered, is the name. A text that holds any of them, or a name with no ASCII, is lowered
whole, as before. tests/test_lowered.py checks the three exceptions against every character.
"""

from __future__ import annotations

# The characters that make the lowered text differ from the lowered bytes in more than the
# non-ASCII characters: they lower to ASCII, to two characters, or by their neighbours.
SPECIAL = ("\u0130", "\u212a", "\u03a3")
# How much of the text is read first (doubled while a name is not found).
_FIRST_READ = 1024


class LowerCaseText:
    """`text.lower()` for `find` and `len`, read as ASCII bytes where that gives the same."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lowered: str | None = None
        self._ascii = b""  # the lowered bytes of the text read so far
        self._special = False  # whether that text holds a SPECIAL character

    def find(self, wanted: str, start: int = 0) -> int:
        """`text.lower().find(wanted, start)` (`wanted`: a name lowered)."""
        piece, offset = _ascii_piece(wanted)
        if not piece or start < 0:
            return self.lowered().find(wanted, start)
        at = start + offset  # where the piece must stand at the earliest
        while not self._special:
            found = self._ascii.find(piece, at)
            whole = len(self._ascii) == len(self.text)
            # a place is checked once the text under it is read (SPECIAL characters are looked for there)
            if found >= 0 and (whole or found - offset + len(wanted) <= len(self._ascii)):
                i = found - offset
                if self.text[i : i + len(wanted)].lower() == wanted:
                    return i
                at = found + 1
            elif whole:
                return -1
            else:
                self._read_more()
        return self.lowered().find(wanted, start)

    def _read_more(self) -> None:
        done = len(self._ascii)
        chunk = self.text[done : max(2 * done, _FIRST_READ)]
        self._special = any(c in chunk for c in SPECIAL)
        self._ascii += chunk.encode("ascii", "replace").lower()

    def __len__(self) -> int:
        """`len(text.lower())`: "İ" lowers to two characters, any other character to one."""
        return len(self.text) + self.text.count("\u0130")

    def lowered(self) -> str:
        """The text lowered (once)."""
        if self._lowered is None:
            self._lowered = self.text.lower()
        return self._lowered


def _ascii_piece(wanted: str) -> tuple[bytes, int]:
    """The longest run of ASCII characters in a name, as bytes, and where it starts in it."""
    if wanted.isascii():
        return wanted.encode("ascii"), 0
    best, best_at, run_at = "", 0, None
    for i, c in enumerate(wanted + "\u0100"):
        if c.isascii():
            run_at = i if run_at is None else run_at
        elif run_at is not None:
            if i - run_at > len(best):
                best, best_at = wanted[run_at:i], run_at
            run_at = None
    return best.encode("ascii"), best_at
