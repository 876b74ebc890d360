import numpy

INTERFACE: int

def read_chars(
    functions: tuple[int | None, ...],
    textpage: int,
    numbers: numpy.ndarray,
    handles: numpy.ndarray,
    flags: numpy.ndarray,
) -> None: ...
def read_paths(
    functions: tuple[int, ...], page: int, direct: bool
) -> tuple[bytes, bytes, bytes, bytes, bytes, bytes, bytes]: ...
def group_words(
    top: numpy.ndarray,
    x0: numpy.ndarray,
    x1: numpy.ndarray,
    bottom: numpy.ndarray,
    codes: numpy.ndarray,
    blank: numpy.ndarray,
    runs: numpy.ndarray,
    x_tolerance: float,
    y_tolerance: float,
    heads: numpy.ndarray,
    right: numpy.ndarray,
    upper: numpy.ndarray,
    lower: numpy.ndarray,
) -> list[str] | None: ...
def clusters(values: numpy.ndarray, tolerance: float, groups: numpy.ndarray, ids: numpy.ndarray) -> bool: ...
def chars_in_boxes(x: numpy.ndarray, y: numpy.ndarray, boxes: numpy.ndarray) -> tuple[bytes, bytes]: ...
def line_rows(
    top: numpy.ndarray, rounded: numpy.ndarray, x0: numpy.ndarray, tolerance: float, order: numpy.ndarray,
    new_row: numpy.ndarray,
) -> bool: ...
