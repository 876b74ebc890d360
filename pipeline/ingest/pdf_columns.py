"""Column gaps a PDF line holds because the lines around it show them.

A table drawn without rules is read line by line, and a gap wider than a column gap between two
words marks a column. Tables printed with narrow padding ("Indicator  Target  Actual") leave
some of their column gaps narrower than that: a long label runs into the first figure, a header
row reads as one cell. The lines of such a table line up, though: where every line of a run of
tabbed lines leaves the same strip of the page empty, and at least two of them have a column gap
across it, that strip is a gutter between columns, and a narrower gap across it in any other line
of the run is a column gap too. A gap confirms a gutter only where the words of a column begin or
end at its edge, as the cells of a column do.
"""

from __future__ import annotations

import numpy

# Lines with a column gap that confirm a gutter before the narrower gaps across it count as one.
CONFIRMING_LINES = 2
# How far apart (points) the edges of words in one column may stand and still line up.
ALIGNED = 1.0
# A gap this many font sizes wide is more than a word space: before a word at a column's left edge
# ("2008/09 2009/10", "90.4% 91.0%", a narrow gap left by a padding of a few points), a column gap.
EDGE_GAP_EM = 0.6
# Lines with a word at one x after such a gap (one of them a column gap) that make it a column's edge.
EDGE_LINES = 3
# Cells a line needs once split at such edges (two are a label and its text, a numbered paragraph).
EDGE_COLUMNS = 3
# Lines without a column gap that a table's run of lines may hold between two with one (the next
# line of a wrapped cell, a code wrapped in a narrow column).
BRIDGED = 2


def aligned_gaps(x0: numpy.ndarray, x1: numpy.ndarray, row_of: numpy.ndarray, wide: numpy.ndarray) -> numpy.ndarray:
    """`wide` (a column gap before each word, words in reading order) with the gaps across a gutter added."""
    tabbed = numpy.zeros(int(row_of[-1]) + 1 if len(row_of) else 0, dtype=bool)
    tabbed[row_of[wide]] = True
    if tabbed.sum() < CONFIRMING_LINES + 1:
        return wide
    out = wide.copy()
    for first, last in _runs(tabbed):
        if last - first + 1 > CONFIRMING_LINES:
            at = numpy.flatnonzero((row_of >= first) & (row_of <= last))
            _add_gutter_gaps(x0, x1, row_of, out, at)
    return out


def edge_gaps(x0: numpy.ndarray, x1: numpy.ndarray, size: numpy.ndarray, row_of: numpy.ndarray,
              wide: numpy.ndarray) -> numpy.ndarray:
    """`wide` with the gaps wider than a word space added that end where a column's words begin.

    Where the words of EDGE_LINES lines of a table start at one x after a gap, and at least one of
    those gaps is a column gap, that x is a column's left edge: a header whose cells stand a narrow
    padding apart, or figures printed close together, keep their columns.
    """
    tabbed = numpy.zeros(int(row_of[-1]) + 1 if len(row_of) else 0, dtype=bool)
    tabbed[row_of[wide]] = True
    if tabbed.sum() < 2:
        return wide
    follows = numpy.flatnonzero(row_of[1:] == row_of[:-1]) + 1  # words with a word before them on the line
    before = size[follows - 1]
    before = numpy.maximum(numpy.where(before == 0, 10, before), 4)
    spaced = follows[x0[follows] - x1[follows - 1] >= EDGE_GAP_EM * before]
    out = wide
    for first, last in table_runs(tabbed):
        at = spaced[(row_of[spaced] >= first) & (row_of[spaced] <= last)]
        if len(at) < EDGE_LINES:
            continue
        at = at[numpy.argsort(x0[at], kind="stable")]
        edge = numpy.concatenate(([0], numpy.cumsum(numpy.diff(x0[at]) > ALIGNED)))
        for members in numpy.split(at, numpy.flatnonzero(numpy.diff(edge)) + 1):
            if len(set(row_of[members].tolist())) >= EDGE_LINES and wide[members].any() and not out[members].all():
                out = out.copy() if out is wide else out
                out[members] = True
    if out is not wide:  # a line of a label and its text keeps its spaces: a table has more columns
        added = out & ~wide
        cells = numpy.bincount(row_of[out], minlength=len(tabbed)) + 1
        out[added & (cells[row_of] < EDGE_COLUMNS)] = False
    return out


def table_runs(tabbed: numpy.ndarray) -> list[tuple[int, int]]:
    """First and last line of each run of two or more lines with column gaps, bridging up to
    BRIDGED lines without one between."""
    runs: list[tuple[int, int]] = []
    for i in numpy.flatnonzero(tabbed).tolist():
        if runs and i - runs[-1][1] - 1 <= BRIDGED:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return [(a, b) for a, b in runs if b > a]


def _runs(flags: numpy.ndarray) -> list[tuple[int, int]]:
    """First and last index of each run of True."""
    edges = numpy.diff(numpy.concatenate(([0], flags.astype(numpy.int8), [0])))
    return list(zip(numpy.flatnonzero(edges == 1).tolist(), (numpy.flatnonzero(edges == -1) - 1).tolist(), strict=True))


def _add_gutter_gaps(x0: numpy.ndarray, x1: numpy.ndarray, row_of: numpy.ndarray, wide: numpy.ndarray,
                     at: numpy.ndarray) -> None:
    """Mark in `wide` the narrow gaps of the words `at` (one run of lines) that cross a confirmed gutter."""
    # Gaps between neighbours on a line: the word that follows each, and where the gap runs.
    follows = at[1:][row_of[at[1:]] == row_of[at[:-1]]]
    if not len(follows):
        return
    gap_from, gap_to = x1[follows - 1], x0[follows]
    for start, end in _gutters(x0[at], x1[at]):
        across = (gap_from <= start) & (gap_to >= end)
        # a column's words begin (or end) at the gutter's edge: a gap that merely passes over a
        # strip between a longer line's words confirms nothing
        edged = (gap_to - end <= ALIGNED) | (start - gap_from <= ALIGNED)
        if numpy.count_nonzero(across & edged & wide[follows]) >= CONFIRMING_LINES:
            wide[follows[across]] = True


def _gutters(x0: numpy.ndarray, x1: numpy.ndarray) -> list[tuple[float, float]]:
    """The strips between the leftmost and rightmost word that no word covers."""
    order = numpy.argsort(x0, kind="stable")
    reach = numpy.maximum.accumulate(x1[order])  # the right edge covered so far
    starts = x0[order]
    empty = numpy.flatnonzero(starts[1:] > reach[:-1])
    return list(zip(reach[empty].tolist(), starts[empty + 1].tolist(), strict=True))
