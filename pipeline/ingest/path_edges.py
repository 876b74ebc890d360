"""Table edges from a page's path points, as pdfminer and pdfplumber make them.

pdfminer reads each subpath of a painted path as a line (a moveto and one lineto), an
axis-aligned rectangle (a moveto and linetos around four corners, back to the start) or a
curve; pdfplumber's `page.edges` are a line itself, a rectangle's four sides and a curve's
straight pieces, each "h" or "v" by the coordinate it keeps (a line: "h" when flat, else
"v"). A straight line and a rectangle make nearly every ruling, so paths of those two shapes
are read on arrays, a fixed five slots a path; any other path is read point by point.
"""

from __future__ import annotations

from itertools import pairwise
from typing import NamedTuple

import numpy
import pypdfium2.raw as pdfium_c

LINETO = pdfium_c.FPDF_SEGMENT_LINETO
BEZIERTO = pdfium_c.FPDF_SEGMENT_BEZIERTO
MOVETO = pdfium_c.FPDF_SEGMENT_MOVETO
_LINE, _RECT, _CURVE = 0, 1, 2  # what pdfminer makes of a subpath
_SLOTS = 5  # pieces a plain path can give: a line one, a rectangle four, a closed quadrilateral five
_NEXT = [1, 2, 3, 4, 0]  # where each of a quadrilateral's pieces ends


class PageEdges(NamedTuple):
    """A page's horizontal and vertical edges as pdfplumber's `page.edges` gives them (slanted
    curve pieces left out), in drawing order, and whether pdfplumber sees lines or rectangles."""

    boxes: numpy.ndarray  # (n, 4) float: x0, top, x1, bottom
    horizontal: numpy.ndarray  # (n,) bool: orientation "h"; the others are "v"
    ruled: bool

    def may_hold_table(self) -> bool:
        """False where no ruled table can be found: a cell needs two horizontal and two
        vertical edges at least a point long (shorter ones pdfplumber drops first)."""
        if not self.ruled or len(self.boxes) < 4:
            return False
        x0, top, x1, bottom = self.boxes.T
        long = numpy.where(self.horizontal, x1 - x0, bottom - top) >= 1
        flat = int(numpy.count_nonzero(long & self.horizontal))
        return flat >= 2 and int(numpy.count_nonzero(long)) - flat >= 2


NO_EDGES = PageEdges(numpy.empty((0, 4)), numpy.empty(0, dtype=bool), False)


def path_edges(xs: numpy.ndarray, ys: numpy.ndarray, kinds: numpy.ndarray, closes: numpy.ndarray,
               counts: numpy.ndarray, point_by_point: bool = False) -> PageEdges:
    """The edges of paths given point after point (page coordinates, origin top-left; PDFium's
    segment kinds and close flags), `counts[i]` points for path i.

    point_by_point reads every path as pdfminer does, one point at a time (the slower reference).
    """
    if not len(xs):
        return NO_EDGES
    starts = numpy.concatenate(([0], numpy.cumsum(counts)[:-1]))
    # Each path's first five points (padding past the end never counts: the shape tests below
    # look only at paths of two or five points).
    at = numpy.minimum(starts[:, None] + numpy.arange(_SLOTS), len(xs) - 1)
    kind, close, px, py = kinds[at], closes[at], xs[at], ys[at]
    starts_moving = kind[:, 0] == MOVETO
    line = (counts == 2) & starts_moving & (kind[:, 1] == LINETO) & (not point_by_point)
    quad = (counts == 5) & starts_moving & (kind[:, 1:] == LINETO).all(axis=1) & (close[:, 1:4] == 0).all(axis=1)
    quad &= not point_by_point
    back = (px[:, 4] == px[:, 0]) & (py[:, 4] == py[:, 0])
    square = ((px[:, 0] == px[:, 1]) & (py[:, 1] == py[:, 2]) & (px[:, 2] == px[:, 3]) & (py[:, 3] == py[:, 0])) | (
        (py[:, 0] == py[:, 1]) & (px[:, 1] == px[:, 2]) & (py[:, 2] == py[:, 3]) & (px[:, 3] == px[:, 0])
    )
    rect = quad & back & square
    curve = quad & ~rect
    # A line from its first point to its second; a curve's pieces run point to point, and on
    # to the start where a closed path did not end there; a rectangle's sides come from its
    # corners 0 and 2 (top, bottom, left, right).
    used = numpy.zeros((len(counts), _SLOTS), dtype=bool)
    used[:, 0] = line | curve
    used[:, 1:4] = curve[:, None]
    used[:, 4] = curve & (close[:, 4] != 0) & ~back
    ax, ay, bx, by = px, py, px[:, _NEXT], py[:, _NEXT]
    if rect.any():
        x0, x1 = numpy.minimum(px[:, 0], px[:, 2]), numpy.maximum(px[:, 0], px[:, 2])
        top, bottom = numpy.minimum(py[:, 0], py[:, 2]), numpy.maximum(py[:, 0], py[:, 2])
        sides = rect[:, None]
        ax = numpy.where(sides, numpy.column_stack((x0, x0, x0, x1, x1)), ax)
        ay = numpy.where(sides, numpy.column_stack((top, bottom, top, top, top)), ay)
        bx = numpy.where(sides, numpy.column_stack((x1, x1, x0, x1, x1)), bx)
        by = numpy.where(sides, numpy.column_stack((top, bottom, bottom, bottom, bottom)), by)
        used[:, :4] |= sides
    shape = numpy.where(line, _LINE, numpy.where(rect, _RECT, _CURVE))
    shapes = numpy.broadcast_to(shape[:, None], used.shape)
    pieces: list[tuple[numpy.ndarray, ...]] = [
        (numpy.nonzero(used)[0], ax[used], ay[used], bx[used], by[used], shapes[used])
    ]
    ruled = bool(line.any() or rect.any())
    other = numpy.flatnonzero(~(line | quad) & (counts > 0))
    if len(other):
        general, general_ruled = _general_pieces(xs, ys, kinds, closes, starts[other], counts[other], other)
        pieces.append(general)
        ruled = ruled or general_ruled
    path, ax, ay, bx, by, shape = (numpy.concatenate(column) for column in zip(*pieces, strict=True))
    if len(pieces) > 1:
        order = numpy.argsort(path, kind="stable")  # drawing order: path after path
        ax, ay, bx, by, shape = ax[order], ay[order], bx[order], by[order], shape[order]
    x0, x1 = numpy.minimum(ax, bx), numpy.maximum(ax, bx)
    top, bottom = numpy.minimum(ay, by), numpy.maximum(ay, by)
    is_line = shape == _LINE
    upright = numpy.where(is_line, top != bottom, ax == bx)
    flat = numpy.where(is_line, top == bottom, (ax != bx) & (ay == by))
    keep = upright | flat
    return PageEdges(numpy.column_stack((x0, top, x1, bottom))[keep], flat[keep], ruled)


def _general_pieces(xs: numpy.ndarray, ys: numpy.ndarray, kinds: numpy.ndarray, closes: numpy.ndarray,
                    starts: numpy.ndarray, counts: numpy.ndarray,
                    paths: numpy.ndarray) -> tuple[tuple[numpy.ndarray, ...], bool]:
    """The straight pieces of any other paths, subpath by subpath as pdfminer reads them
    (path, ax, ay, bx, by, shape), and whether any subpath is a line or a rectangle."""
    rows: list[tuple[int, float, float, float, float, int]] = []
    x, y, kind, close = xs.tolist(), ys.tolist(), kinds.tolist(), closes.tolist()
    for path, start, count in zip(paths.tolist(), starts.tolist(), counts.tolist(), strict=True):
        for pts, shape in _subpaths(x, y, kind, close, start, start + count):
            reading = _classify(pts, shape)
            if reading == _LINE:
                segments = [(pts[0], pts[1])]
            elif reading == _RECT:
                (xa, ya), (xb, yb) = pts[0], pts[2]
                x0, x1, top, bottom = min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)
                segments = [((x0, top), (x1, top)), ((x0, bottom), (x1, bottom)),
                            ((x0, top), (x0, bottom)), ((x1, top), (x1, bottom))]
            else:
                segments = list(pairwise(pts))
            rows.extend((path, ax, ay, bx, by, reading) for (ax, ay), (bx, by) in segments)
    columns = list(zip(*rows, strict=True)) or [()] * 6
    ruled = any(row[5] != _CURVE for row in rows)
    return (numpy.array(columns[0], dtype=numpy.int64), *(numpy.array(c, dtype=numpy.float64) for c in columns[1:5]),
            numpy.array(columns[5], dtype=numpy.int64)), ruled


def _subpaths(xs: list[float], ys: list[float], kinds: list[int], closes: list[int], start: int,
              end: int) -> list[tuple[list[tuple[float, float]], str]]:
    """A path's subpaths as pdfminer sees them: points and shape letters (m, l, c, h)."""
    found = []
    pts: list[tuple[float, float]] = []
    shape: list[str] = []
    bezier_points = 0
    for index in range(start, end):
        kind = kinds[index]
        if kind == BEZIERTO:
            # PDFium stores a Bézier as three points; pdfminer keeps one "c" with its end point.
            bezier_points += 1
            if bezier_points % 3:
                continue
        point = (xs[index], ys[index])
        if kind == MOVETO:
            if shape:
                found.append((pts, "".join(shape)))
            pts, shape, bezier_points = [point], ["m"], 0
            continue
        shape.append("c" if kind == BEZIERTO else "l")
        pts.append(point)
        if closes[index]:
            shape.append("h")
            pts.append(pts[0])
    if shape and shape[0] == "m":
        found.append((pts, "".join(shape)))
    return found


def _classify(pts: list[tuple[float, float]], shape: str) -> int:
    """pdfminer's reading of a subpath: a line, an axis-aligned rectangle, or a curve."""
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("mlh", "ml"):
        return _LINE
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            return _RECT
    return _CURVE
