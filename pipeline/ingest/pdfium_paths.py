"""A page's path objects read through PDFium: their points, in page coordinates.

Asking PDFium for each segment of a path costs four foreign calls a point; a table drawn as
cell rectangles has thousands. PDFium keeps a path's points in one array, so they are copied
in one go (the layout of that array is checked once against PDFium's own calls, which remain
the fallback). Walking a page's objects one foreign call at a time still costs more than
PDFium's work, so the C module (pipeline/ingest/_pdfium_chars.c) makes the same walk where it
was built; the walk here is the fallback and its reference. The points become table edges in
pipeline/ingest/path_edges.py.
"""

from __future__ import annotations

import ctypes
from functools import cache
from typing import Any

import numpy
import pypdfium2.raw as pdfium_c

from pipeline.ingest.path_edges import NO_EDGES, PageEdges, path_edges
from pipeline.ingest.pdf_chars import compiled
from pipeline.ingest.pdfium_calls import address_of, plain_call

_PATH = pdfium_c.FPDF_PAGEOBJ_PATH
_FORM = pdfium_c.FPDF_PAGEOBJ_FORM
# One point of a PDFium path as it lies in memory: x, y (path space), segment kind, whether it
# closes the figure.
_POINT = numpy.dtype([("x", "<f4"), ("y", "<f4"), ("kind", "u1"), ("close", "u1"), ("pad", "V2")])
_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1, 0, 0, 1, 0, 0)


def page_edges(page: Any, top_y: float, use_compiled: bool = True) -> PageEdges:
    """pdfplumber's edges of every painted path on the page (inside form objects too)."""
    frame: Any  # each path's frame: an array from the C walk, a list from the Python one
    if compiled is not None and use_compiled and _COMPILED_KINDS:
        frame, record, counts, inner, unpainted, frames = _read_paths_compiled(address_of(page))
    else:
        objects, frame, frames = _path_objects(address_of(page))
        if not objects:
            return NO_EDGES
        record, counts, inner, unpainted = _read_paths(objects)
    if not len(counts):
        return NO_EDGES
    outer = numpy.array(frames, dtype=numpy.float64)[frame]
    if unpainted.any():  # an unpainted path draws nothing (pdfminer never sees it)
        drawn = ~unpainted
        record, counts, inner, outer = record[numpy.repeat(drawn, counts)], counts[drawn], inner[drawn], outer[drawn]
    if not len(record):
        return NO_EDGES
    # Page coordinates, computed as pdfminer would in double precision (origin top-left).
    m = numpy.repeat(_compose(inner.astype(numpy.float64), outer), counts, axis=0)
    px, py = record["x"].astype(numpy.float64), record["y"].astype(numpy.float64)
    xs = m[:, 0] * px + m[:, 2] * py + m[:, 4]
    ys = top_y - (m[:, 1] * px + m[:, 3] * py + m[:, 5])
    return path_edges(xs, ys, record["kind"], record["close"], counts)


_count_objects = plain_call(pdfium_c.FPDFPage_CountObjects, ctypes.c_int)
_object_at = plain_call(pdfium_c.FPDFPage_GetObject, ctypes.c_void_p)
_count_form_objects = plain_call(pdfium_c.FPDFFormObj_CountObjects, ctypes.c_int)
_form_object_at = plain_call(pdfium_c.FPDFFormObj_GetObject, ctypes.c_void_p)
_object_type = plain_call(pdfium_c.FPDFPageObj_GetType, ctypes.c_int)
_get_matrix = plain_call(pdfium_c.FPDFPageObj_GetMatrix, ctypes.c_int)
_draw_mode = plain_call(pdfium_c.FPDFPath_GetDrawMode, ctypes.c_int)
_count_segments = plain_call(pdfium_c.FPDFPath_CountSegments, ctypes.c_int)
_segment_at = plain_call(pdfium_c.FPDFPath_GetPathSegment, ctypes.c_void_p)
_segment_point = plain_call(pdfium_c.FPDFPathSegment_GetPoint, ctypes.c_int)
_segment_kind = plain_call(pdfium_c.FPDFPathSegment_GetType, ctypes.c_int)
_segment_closes = plain_call(pdfium_c.FPDFPathSegment_GetClose, ctypes.c_int)


# The C module's walk knows PDFium's object kinds by number.
_COMPILED_KINDS = (_PATH, _FORM) == (2, 5)
_PATH_FUNCTIONS = (
    pdfium_c.FPDFPage_CountObjects,
    pdfium_c.FPDFPage_GetObject,
    pdfium_c.FPDFFormObj_CountObjects,
    pdfium_c.FPDFFormObj_GetObject,
    pdfium_c.FPDFPageObj_GetType,
    pdfium_c.FPDFPageObj_GetMatrix,
    pdfium_c.FPDFPath_GetDrawMode,
    pdfium_c.FPDFPath_CountSegments,
    pdfium_c.FPDFPath_GetPathSegment,
    pdfium_c.FPDFPathSegment_GetPoint,
    pdfium_c.FPDFPathSegment_GetType,
    pdfium_c.FPDFPathSegment_GetClose,
)
_PATH_ADDRESSES = tuple(address_of(f) for f in _PATH_FUNCTIONS)


def _read_paths_compiled(
    page: int,
) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray, numpy.ndarray, numpy.ndarray, list[_Matrix]]:
    """What _path_objects and _read_paths give, read by the C module in one call: each path's
    frame, the points, each path's number of points, its own matrix, whether it is unpainted,
    and the frames' matrices."""
    frame, counts, matrices, modes, points, parents, forms = compiled.read_paths(
        _PATH_ADDRESSES, page, _points_lie_in_one_array()
    )
    modes = numpy.frombuffer(modes, numpy.int32).reshape(-1, 3)
    unpainted = (modes[:, 0] != 0) & (modes[:, 1] == 0) & (modes[:, 2] == 0)
    frames: list[_Matrix] = [_IDENTITY]
    own = numpy.frombuffer(forms, numpy.float32).reshape(-1, 6).astype(numpy.float64)
    for k, inside in enumerate(numpy.frombuffer(parents, numpy.int32).tolist()):
        frames.append(tuple(_compose(own[k : k + 1], numpy.array([frames[inside]], dtype=numpy.float64))[0].tolist()))
    return (
        numpy.frombuffer(frame, numpy.int32),
        numpy.frombuffer(points, _POINT),
        numpy.frombuffer(counts, numpy.int64),
        numpy.frombuffer(matrices, numpy.float32).reshape(-1, 6),
        unpainted,
        frames,
    )


def _path_objects(page: int) -> tuple[list[int], list[int], list[_Matrix]]:
    """Every path object in the order pdfminer meets them (a form's paths after those of the
    page around it), the frame each lies in, and each frame's matrix to the page (the page's
    own first, then each form's)."""
    objects: list[int] = []
    frame: list[int] = []
    frames: list[_Matrix] = [_IDENTITY]
    matrix = pdfium_c.FS_MATRIX()
    stack: list[tuple[int, int, bool]] = [(page, 0, True)]
    while stack:
        holder, inside, is_page = stack.pop()
        count_objects, object_at = (_count_objects, _object_at) if is_page else (_count_form_objects, _form_object_at)
        for index in range(count_objects(holder)):
            obj = object_at(holder, index)
            kind = _object_type(obj)
            if kind == _PATH:
                objects.append(obj)
                frame.append(inside)
            elif kind == _FORM:
                _get_matrix(obj, ctypes.addressof(matrix))
                own = numpy.array([[matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f]])
                frames.append(tuple(_compose(own, numpy.array([frames[inside]], dtype=numpy.float64))[0].tolist()))
                stack.append((obj, len(frames) - 1, False))
    return objects, frame, frames


def _compose(inner: numpy.ndarray, outer: numpy.ndarray) -> numpy.ndarray:
    """Matrices (rows of a, b, c, d, e, f) applied one after the other, as pdfminer multiplies them."""
    a, b, c, d, e, f = inner.T
    A, B, C, D, E, F = outer.T
    return numpy.column_stack(
        (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)
    )


def _read_paths(objects: list[int]) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    """All the paths' points as one array of _POINT records, each path's number of points, its
    own matrix (a, b, c, d, e, f) and whether it is painted neither by fill nor by stroke."""
    matrices = numpy.zeros((len(objects), 6), dtype=numpy.float32)  # as FS_MATRIX
    modes = numpy.zeros((len(objects), 2), dtype=numpy.int32)  # fill mode, stroke
    matrix_at, mode_at = matrices.ctypes.data, modes.ctypes.data
    size, direct = _POINT.itemsize, _points_lie_in_one_array()
    known: list[int] = []
    counts: list[int] = []
    chunks: list[bytes] = []
    for k, obj in enumerate(objects):
        _get_matrix(obj, matrix_at + 24 * k)
        known.append(_draw_mode(obj, mode_at + 8 * k, mode_at + 8 * k + 4))
        count = _count_segments(obj)
        if count <= 0:
            counts.append(0)
            continue
        counts.append(count)
        first = _segment_at(obj, 0)
        if direct and first and _segment_at(obj, count - 1) == first + size * (count - 1):
            chunks.append(ctypes.string_at(first, size * count))
        else:
            chunks.append(_points_one_by_one(obj, count).tobytes())
    unpainted = numpy.array(known, dtype=bool) & (modes[:, 0] == 0) & (modes[:, 1] == 0)
    record = numpy.frombuffer(b"".join(chunks), _POINT)
    return record, numpy.array(counts, dtype=numpy.int64), matrices, unpainted


def _points_one_by_one(obj: int, n: int) -> numpy.ndarray:
    record = numpy.zeros(n, _POINT)
    point = numpy.zeros(2, dtype=numpy.float32)
    for index in range(n):
        segment = _segment_at(obj, index)
        _segment_point(segment, point.ctypes.data, point.ctypes.data + 4)
        record[index] = (point[0], point[1], _segment_kind(segment), bool(_segment_closes(segment)), b"")
    return record


@cache
def _points_lie_in_one_array() -> bool:
    """Whether this PDFium keeps a path's points as one array of _POINT records, checked on
    a path made here against what PDFium's own calls say of each segment."""
    path = pdfium_c.FPDFPageObj_CreateNewPath(1.5, 2.25)
    address = address_of(path)
    try:
        pdfium_c.FPDFPath_LineTo(path, 10.75, 2.25)
        pdfium_c.FPDFPath_BezierTo(path, 11, 3, 12, 4, 13.5, 5.5)
        pdfium_c.FPDFPath_Close(path)
        pdfium_c.FPDFPath_MoveTo(path, -7.125, 300.5)
        pdfium_c.FPDFPath_LineTo(path, 8, -9)
        n = _count_segments(address)
        first = _segment_at(address, 0)
        if n != 7 or not first or _segment_at(address, n - 1) != first + _POINT.itemsize * (n - 1):
            return False
        copied = numpy.frombuffer(ctypes.string_at(first, _POINT.itemsize * n), _POINT)
        asked = _points_one_by_one(address, n)
        return all(copied[f].tolist() == asked[f].tolist() for f in ("x", "y", "kind", "close"))
    finally:
        pdfium_c.FPDFPageObj_Destroy(path)
