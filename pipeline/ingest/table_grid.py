"""Ruled-table cells from a page's edges: pdfplumber's TableFinder ('lines' strategy, default
settings), computed on arrays.

pdfplumber snaps nearby parallel edges to their mean, joins collinear pieces, takes the
points where horizontal and vertical edges cross, makes a cell of each point and the
nearest points right of and below it that edges connect, and groups cells that share
corners into tables. Its Python objects cost most of a millisecond a table; the same steps
are done here on arrays and small integers, with every float computed by the same
operations in the same order, so the cells are the very ones pdfplumber finds
(tests/test_table_grid.py compares them on every corpus page).
"""

from __future__ import annotations

from itertools import pairwise
from typing import NamedTuple

import numpy

from pipeline.ingest.path_edges import PageEdges

# pdfplumber's TableSettings defaults.
SNAP_TOLERANCE = 3
JOIN_TOLERANCE = 3
INTERSECTION_TOLERANCE = 3
EDGE_MIN_LENGTH_PREFILTER = 1
EDGE_MIN_LENGTH = 3

BBox = tuple[float, float, float, float]
X0, TOP, X1, BOTTOM = range(4)


def table_cells(edges: PageEdges) -> list[list[BBox]]:
    """The cells of each ruled table on the page, tables in pdfplumber's order (top to
    bottom, then left to right), as TableFinder(page).tables would hold them."""
    if not edges.may_hold_table():
        return []
    boxes, horizontal = edges.boxes, edges.horizontal
    width = boxes[:, X1] - boxes[:, X0]
    height = boxes[:, BOTTOM] - boxes[:, TOP]
    upright = ~horizontal & (height >= EDGE_MIN_LENGTH_PREFILTER)
    flat = horizontal & (width >= EDGE_MIN_LENGTH_PREFILTER)
    verticals = _merge(*_snap(boxes[upright], height[upright], X0, X1), TOP, BOTTOM)
    horizontals = _merge(*_snap(boxes[flat], width[flat], TOP, BOTTOM), X0, X1)
    if len(verticals) < 2 or len(horizontals) < 2:
        return []
    points = _intersections(verticals, horizontals)
    return _tables(points, _cells(points)) if points is not None else []


def _snap(boxes: numpy.ndarray, length: numpy.ndarray, at: int, other: int) -> tuple[numpy.ndarray, numpy.ndarray]:
    """pdfplumber's snap_objects: edges whose positions chain within the tolerance move to
    their cluster's mean; edges come out cluster by cluster, in their order within one."""
    if not len(boxes):
        return boxes, length
    values = boxes[:, at]
    unique = numpy.sort(values)  # numpy.unique's own overhead outweighs its work on a page's few edges
    unique = unique[numpy.concatenate(([True], unique[1:] != unique[:-1]))]  # a NaN twice: one cluster all the same
    cluster_of = numpy.concatenate(([0], numpy.cumsum(unique[1:] > unique[:-1] + SNAP_TOLERANCE)))
    cluster = cluster_of[numpy.searchsorted(unique, values)]
    order = numpy.argsort(cluster, kind="stable")
    ordered = values[order].tolist()
    bounds = [0, *(numpy.flatnonzero(numpy.diff(cluster[order])) + 1).tolist(), len(ordered)]
    # Python's own sum, over the same values in the same order, gives pdfplumber's mean.
    means = numpy.array([sum(ordered[a:b]) / (b - a) for a, b in pairwise(bounds)])
    shift = means[cluster] - values
    moved = boxes.copy()
    moved[:, at] = values + shift
    moved[:, other] = boxes[:, other] + shift
    return moved[order], length[order]


def _merge(boxes: numpy.ndarray, length: numpy.ndarray, low: int, high: int) -> numpy.ndarray:
    """pdfplumber's join_edge_group on every line, then its final length filter: along one
    line (same snapped position), pieces that overlap or lie within the tolerance become one
    edge, the first piece stretched to the furthest end."""
    if not len(boxes):
        return boxes
    at = X0 if low == TOP else TOP  # the position that names the line
    order = numpy.argsort(boxes[:, low], kind="stable")
    order = order[numpy.argsort(boxes[order, at], kind="stable")]
    rows = boxes[order].tolist()
    lengths = length[order].tolist()
    stretch_sum = low == TOP  # pdfplumber grows a vertical edge's height by each stretch
    kept: list[list[float]] = []
    kept_length: list[float] = []
    last: list[float] | None = None
    for row, size in zip(rows, lengths, strict=True):
        if last is not None and row[at] == last[at] and row[low] <= last[high] + JOIN_TOLERANCE:
            if row[high] > last[high]:
                kept_length[-1] = kept_length[-1] + (row[high] - last[high]) if stretch_sum else row[high] - last[low]
                last[high] = row[high]
            continue
        last = list(row)
        kept.append(last)
        kept_length.append(size)
    merged = numpy.array(kept)
    return merged[numpy.array(kept_length) >= EDGE_MIN_LENGTH]


class _Points(NamedTuple):
    """The points where edges cross, sorted by x then y (pdfplumber's order), with the
    vertical and the horizontal edges through each as bits: an edge's bit is its rank among
    the edges on its line, as points are only ever compared with points on the same line."""

    x: numpy.ndarray
    y: numpy.ndarray
    column: numpy.ndarray  # rank of the point's x among the points' xs
    row: numpy.ndarray  # rank of its y
    v_mask: numpy.ndarray
    h_mask: numpy.ndarray
    rows: int


def _intersections(verticals: numpy.ndarray, horizontals: numpy.ndarray) -> _Points | None:
    """pdfplumber's edges_to_intersections: the points where a vertical and a horizontal edge
    meet within the tolerance (a point keeps the coordinates of the first pair that made it)."""
    v = verticals[numpy.lexsort((verticals[:, TOP], verticals[:, X0]))]
    h = horizontals[numpy.lexsort((horizontals[:, X0], horizontals[:, TOP]))]
    tol = INTERSECTION_TOLERANCE
    vx, vtop, vbottom = v[:, X0, None], v[:, TOP, None], v[:, BOTTOM, None]
    htop, hx0, hx1 = h[None, :, TOP], h[None, :, X0], h[None, :, X1]
    meet = (vtop <= htop + tol) & (vbottom >= htop - tol) & (vx >= hx0 - tol) & (vx <= hx1 + tol)
    vi, hi = numpy.nonzero(meet)  # pdfplumber's loop order: verticals outside, horizontals inside
    if not len(vi):
        return None
    v_line, v_bit = _lines(v[:, X0])
    h_line, h_bit = _lines(h[:, TOP])
    rows = int(h_line[-1]) + 1
    keys, first, which = _unique(v_line[vi] * rows + h_line[hi])
    return _Points(
        v[vi[first], X0], h[hi[first], TOP], v_line[vi[first]], h_line[hi[first]],
        _masks(v_bit[vi], which, len(keys)), _masks(h_bit[hi], which, len(keys)), rows,
    )


def _unique(values: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    """numpy.unique of integers with return_index and return_inverse, at a fraction of its cost
    on small arrays: the distinct values, where each first occurs, and each value's rank."""
    order = numpy.argsort(values, kind="stable")
    ordered = values[order]
    new = numpy.concatenate(([True], ordered[1:] != ordered[:-1]))
    which = numpy.empty(len(values), dtype=numpy.intp)
    which[order] = numpy.cumsum(new) - 1
    return ordered[new], order[new], which


def _lines(positions: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """For edges sorted by position: the rank of each one's line (position), and its bit."""
    new = numpy.concatenate(([True], positions[1:] != positions[:-1]))
    line = numpy.cumsum(new) - 1
    rank = numpy.arange(len(positions)) - numpy.flatnonzero(new)[line]
    if rank.max() < 62:
        return line, numpy.left_shift(1, rank)
    return line, numpy.array([1 << r for r in rank.tolist()], dtype=object)  # many dashes on one line


def _masks(bits: numpy.ndarray, which: numpy.ndarray, n: int) -> numpy.ndarray:
    masks = numpy.zeros(n, dtype=bits.dtype)
    if bits.dtype == object:
        masks[:] = 0
    numpy.bitwise_or.at(masks, which, bits)
    return masks


_Cell = tuple[int, int, int, int]  # its points: top left, top right, bottom left, bottom right


def _cells(points: _Points) -> list[_Cell]:
    """pdfplumber's intersections_to_cells: from each point, the first of the points below it
    on a shared vertical edge and the first of those right of it on a shared horizontal edge
    whose far corner is a point on both their edges.

    Points sharing an edge with a point form a run next to it along its column (or row): an
    edge meets every line that crosses between two of its points. So the first pair tried is
    the next point down and the next point right; only where their corner fails (a cell
    spanning rulings) is the rest searched as pdfplumber does.
    """
    column, row, v_mask, h_mask, rows = points.column, points.row, points.v_mask, points.h_mask, points.rows
    n = len(column)
    down = numpy.full(n, -1)
    same_column = column[1:] == column[:-1]
    down[:-1][same_column] = numpy.flatnonzero(same_column) + 1
    across = numpy.full(n, -1)
    by_row = numpy.lexsort((column, row))
    same_row = row[by_row[1:]] == row[by_row[:-1]]
    across[by_row[:-1][same_row]] = by_row[1:][same_row]
    linked_down = (down >= 0) & (v_mask & v_mask[down] != 0)
    linked_across = (across >= 0) & (h_mask & h_mask[across] != 0)
    tried = numpy.flatnonzero(linked_down & linked_across)
    keys = column * rows + row
    corner = numpy.minimum(numpy.searchsorted(keys, column[across[tried]] * rows + row[down[tried]]), n - 1)
    ok = (
        (keys[corner] == column[across[tried]] * rows + row[down[tried]])
        & (v_mask[corner] & v_mask[across[tried]] != 0)
        & (h_mask[corner] & h_mask[down[tried]] != 0)
    )
    hit = tried[ok]
    found = list(zip(hit.tolist(), across[hit].tolist(), down[hit].tolist(), corner[ok].tolist(), strict=True))
    missed = tried[~ok].tolist()
    if missed:
        search = _Search(points, keys, by_row)
        found.extend(cell for cell in map(search.cell_from, missed) if cell is not None)
    return found


class _Search:
    """pdfplumber's full search from one point, over the runs of points linked to it."""

    def __init__(self, points: _Points, keys: numpy.ndarray, by_row: numpy.ndarray) -> None:
        self.column, self.row = points.column.tolist(), points.row.tolist()
        self.v_mask, self.h_mask = points.v_mask.tolist(), points.h_mask.tolist()
        self.rows = points.rows
        self.at = {key: k for k, key in enumerate(keys.tolist())}
        self.by_row = by_row.tolist()
        self.row_rank = {k: i for i, k in enumerate(self.by_row)}

    def cell_from(self, k: int) -> _Cell | None:
        """The cell whose top left corner is point k, if any."""
        column, row, v_mask, h_mask = self.column, self.row, self.v_mask, self.h_mask
        below = []
        j = k + 1
        while j < len(column) and column[j] == column[k] and v_mask[j] & v_mask[k]:
            below.append(j)
            j += 1
        right = []
        i = self.row_rank[k] + 1
        while i < len(self.by_row) and row[self.by_row[i]] == row[k] and h_mask[self.by_row[i]] & h_mask[k]:
            right.append(self.by_row[i])
            i += 1
        for b in below:
            for r in right:
                c = self.at.get(column[r] * self.rows + row[b])
                if c is not None and v_mask[c] & v_mask[r] and h_mask[c] & h_mask[b]:
                    return k, r, b, c
        return None


def _tables(points: _Points, cells: list[_Cell]) -> list[list[BBox]]:
    """pdfplumber's cells_to_tables: cells linked through shared corners form one table;
    tables of one cell are dropped. Tables come top to bottom, then left to right."""
    parent = list(range(len(points.x)))  # union-find over the points, joined through cells
    roots = []
    for cell in cells:
        top_left = cell[0]
        while parent[top_left] != top_left:
            parent[top_left] = parent[parent[top_left]]
            top_left = parent[top_left]
        for k in cell[1:]:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            parent[k] = top_left
        roots.append(top_left)
    x, y = points.x.tolist(), points.y.tolist()
    tables: dict[int, list[BBox]] = {}
    for (k, r, b, _), top_left in zip(cells, roots, strict=True):
        while parent[top_left] != top_left:
            top_left = parent[top_left]
        tables.setdefault(top_left, []).append((x[k], y[k], x[r], y[b]))
    found = [table for table in tables.values() if len(table) > 1]
    return sorted(found, key=lambda t: min((c[1], c[0]) for c in t))
