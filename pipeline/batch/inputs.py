"""Inputs of a batch: files, folders (recursively) and glob patterns, hashed by content.

A folder contributes the files with a paper's extension, hidden files and folders left
out; a file named on the command line or matched by a pattern is always taken (its
content decides its format). An argument that names nothing is an input too: it is
reported as not found, never dropped.
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import InputNotFound, NotAFile, UnreadableInput
from pipeline.ingest import file_sha256
from pipeline.store import KnownPath

PAPER_SUFFIXES = frozenset({".pdf", ".docx", ".txt", ".md", ".markdown", ".html", ".htm"})


@dataclass(frozen=True, slots=True)
class InputFile:
    """An input file: its absolute path, size and modification time."""

    path: str
    bytes: int
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class BadInput:
    """An argument or file that cannot be read at all, with the problem code that says why."""

    path: str
    code: str
    message: str


@dataclass(slots=True)
class Content:
    """One distinct file content and every input path that holds it (first path is read)."""

    sha256: str
    files: list[InputFile] = field(default_factory=list)

    @property
    def path(self) -> str:
        return self.files[0].path

    @property
    def bytes(self) -> int:
        return self.files[0].bytes


def expand(args: Iterable[str | os.PathLike[str]]) -> tuple[list[InputFile], list[BadInput]]:
    """Every file the arguments name, once each and sorted, and the arguments that name none."""
    found: dict[str, InputFile] = {}
    bad: list[BadInput] = []
    for arg in args:
        text = os.fspath(arg)
        matches = sorted(glob.glob(text, recursive=True)) if glob.has_magic(text) else [text]
        named = [Path(m) for m in matches if os.path.lexists(m)]
        if not named:
            what = "no file matches the pattern" if glob.has_magic(text) else "no such file or folder"
            bad.append(BadInput(os.path.abspath(text), InputNotFound.code, f"{text}: {what}"))
            continue
        for path in named:
            for file in _walk(path) if path.is_dir() else [path]:
                _add(file, found, bad)
    return sorted(found.values(), key=lambda f: f.path), sorted(bad, key=lambda b: b.path)


def group_by_content(files: Iterable[InputFile], known: dict[str, KnownPath], bad: list[BadInput]) -> Iterator[Content]:
    """Group files by content hash; a file whose size and mtime are unchanged is not re-read."""
    groups: dict[str, Content] = {}
    for file in files:
        seen = known.get(file.path)
        if seen and seen.sha256 and seen.bytes == file.bytes and seen.mtime_ns == file.mtime_ns:
            sha = seen.sha256
        else:
            try:
                sha = file_sha256(Path(file.path))
            except OSError as e:
                bad.append(BadInput(file.path, UnreadableInput.code, f"{file.path}: cannot be read ({e.strerror})"))
                continue
        groups.setdefault(sha, Content(sha)).files.append(file)
    yield from groups.values()


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith(".") and Path(name).suffix.lower() in PAPER_SUFFIXES:
                yield Path(root, name)


def _add(path: Path, found: dict[str, InputFile], bad: list[BadInput]) -> None:
    absolute = os.path.abspath(path)
    if absolute in found:
        return
    try:
        st = path.stat()
    except OSError as e:
        code = InputNotFound.code if isinstance(e, FileNotFoundError) else UnreadableInput.code
        bad.append(BadInput(absolute, code, f"{path}: cannot be read ({e.strerror})"))
        return
    if not stat.S_ISREG(st.st_mode):
        bad.append(BadInput(absolute, NotAFile.code, f"{path}: not a regular file"))
        return
    found[absolute] = InputFile(absolute, st.st_size, st.st_mtime_ns)
