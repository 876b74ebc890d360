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
