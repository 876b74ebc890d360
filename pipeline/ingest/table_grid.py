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
    return _tables(_cells(*_intersections(verticals, horizontals)))


def _snap(boxes: numpy.ndarray, length: numpy.ndarray, at: int, other: int) -> tuple[numpy.ndarray, numpy.ndarray]:
    """pdfplumber's snap_objects: edges whose positions chain within the tolerance move to
    their cluster's mean; edges come out cluster by cluster, in their order within one."""
    if not len(boxes):
        return boxes, length
    values = boxes[:, at]
    unique = numpy.unique(values)
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


Point = tuple[float, float]


def _intersections(verticals: numpy.ndarray, horizontals: numpy.ndarray) -> tuple[list[Point], list[int], list[int]]:
    """pdfplumber's edges_to_intersections: the points where a vertical and a horizontal edge
    meet within the tolerance, each with bit masks of the vertical and of the horizontal
    edges through it (merged edges are distinct, so a shared bit is a shared edge)."""
    v = verticals[numpy.lexsort((verticals[:, TOP], verticals[:, X0]))]
    h = horizontals[numpy.lexsort((horizontals[:, X0], horizontals[:, TOP]))]
    tol = INTERSECTION_TOLERANCE
    vx, vtop, vbottom = v[:, X0, None], v[:, TOP, None], v[:, BOTTOM, None]
    htop, hx0, hx1 = h[None, :, TOP], h[None, :, X0], h[None, :, X1]
    meet = (vtop <= htop + tol) & (vbottom >= htop - tol) & (vx >= hx0 - tol) & (vx <= hx1 + tol)
    index: dict[Point, int] = {}
    v_mask: list[int] = []
    h_mask: list[int] = []
    xs, tops = v[:, X0].tolist(), h[:, TOP].tolist()
    for i, j in zip(*(a.tolist() for a in numpy.nonzero(meet)), strict=True):
        point = (xs[i], tops[j])
        k = index.get(point)
        if k is None:
            k = index[point] = len(v_mask)
            v_mask.append(0)
            h_mask.append(0)
        v_mask[k] |= 1 << i
        h_mask[k] |= 1 << j
    return list(index), v_mask, h_mask


def _cells(points: list[Point], v_mask: list[int], h_mask: list[int]) -> list[BBox]:
    """pdfplumber's intersections_to_cells: from each point, the first point below it on a
    shared vertical edge and the first right of it on a shared horizontal edge whose far
    corner is a point joined to both."""
    order = sorted(range(len(points)), key=points.__getitem__)
    at = {points[k]: k for k in order}
    columns: dict[float, list[int]] = {}
    rows: dict[float, list[int]] = {}
    for k in order:
        x, y = points[k]
        columns.setdefault(x, []).append(k)
        rows.setdefault(y, []).append(k)
    column_rank = {k: i for column in columns.values() for i, k in enumerate(column)}
    row_rank = {k: i for row in rows.values() for i, k in enumerate(row)}
    cells: list[BBox] = []
    for k in order:
        x, y = points[k]
        vm, hm = v_mask[k], h_mask[k]
        below = [b for b in columns[x][column_rank[k] + 1 :] if vm & v_mask[b]]
        if not below:
            continue
        right = [r for r in rows[y][row_rank[k] + 1 :] if hm & h_mask[r]]
        cell = _first_cell(points, at, v_mask, h_mask, below, right)
        if cell is not None:
            cells.append((x, y, *cell))
    return cells


def _first_cell(points: list[Point], at: dict[Point, int], v_mask: list[int], h_mask: list[int],
                below: list[int], right: list[int]) -> Point | None:
    for b in below:
        bottom = points[b][1]
        for r in right:
            corner = at.get((points[r][0], bottom))
            if corner is not None and v_mask[corner] & v_mask[r] and h_mask[corner] & h_mask[b]:
                return points[r][0], bottom
    return None


def _tables(cells: list[BBox]) -> list[list[BBox]]:
    """pdfplumber's cells_to_tables: cells linked through shared corners form one table;
    tables of one cell are dropped."""
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[Point, int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            j = owner.setdefault(corner, i)
            if j != i:
                parent[root(i)] = root(j)
    groups: dict[int, list[BBox]] = {}
    for i, cell in enumerate(cells):
        groups.setdefault(root(i), []).append(cell)
    tables = [group for group in groups.values() if len(group) > 1]
    return sorted(tables, key=lambda t: min((c[1], c[0]) for c in t))
