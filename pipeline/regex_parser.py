"""The parser `re` compiles with, for code that reads what a pattern can match from its parse.

`re._parser` and `re._constants` since Python 3.11, `sre_parse` and `sre_constants` before.
"""

from __future__ import annotations

import importlib

try:
    sre_parse = importlib.import_module("re._parser")
    constants = importlib.import_module("re._constants")
except ModuleNotFoundError:  # pragma: no cover
    sre_parse = importlib.import_module("sre_parse")
    constants = importlib.import_module("sre_constants")
