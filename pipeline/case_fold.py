"""Text in lower case, where a word that a case-blind (re.I) pattern needs may be looked for as a substring."""

from __future__ import annotations


def lowered_as_re_reads(text: str) -> str | None:
    """The text in lower case, or None where lower case reads a letter otherwise than re.I does.

    re.I reads a character as an ASCII letter only if it lowers to that letter, but for "ı"
    (read as "i"), "ſ" (read as "s") and letters that lower to two characters ("İ", which also
    shifts every offset after it): a text with one of these is None. Spaces and digits have no
    case. (tests/test_target_sieve.py checks this for every character.)
    """
    lowered = text.lower()
    if text.isascii() or (len(lowered) == len(text) and "ı" not in lowered and "ſ" not in lowered):
        return lowered
    return None
