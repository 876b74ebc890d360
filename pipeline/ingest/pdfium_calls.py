"""PDFium functions called with plain addresses.

pypdfium2's raw functions take ctypes pointer objects; building one for each of a page's
thousands of characters or path objects costs more than the call itself. The same C function,
declared with plain addresses for its pointer arguments, takes and gives ints.
"""

from __future__ import annotations

import ctypes
from typing import Any


def plain_call(function: Any, restype: Any) -> Any:
    """The same PDFium function, taking plain addresses for its pointer arguments (no argument
    conversion by ctypes) and giving `restype`."""
    argtypes = [ctypes.c_int if kind is ctypes.c_int else ctypes.c_void_p for kind in function.argtypes]
    return ctypes.CFUNCTYPE(restype, *argtypes)(address_of(function))


def address_of(pointer: Any) -> int:
    """The address a ctypes pointer (or function) holds; a null pointer is an error."""
    address = ctypes.cast(pointer, ctypes.c_void_p).value
    if address is None:
        raise ValueError("null PDFium pointer")
    return address
