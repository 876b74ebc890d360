"""Make a large, messy batch at run time: the corpus copied many times, some copies broken.

Each copy gets a distinct content (a harmless trailing comment), so copies are real work
for the batch; some are exact duplicates of an earlier copy, some are corrupted (random
bytes, or a PDF cut after its first 3,000 bytes) and some are empty. The manifest says
what each file is, so a test can check every outcome.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "seeds"


@dataclass(frozen=True, slots=True)
class MessyFile:
    """One generated file: what it is, and the corpus file it was made from."""

    path: Path
    kind: str  # copy, duplicate, corrupt or empty
    source: Path
    sha256: str


def make_corpus(dest: Path, count: int, sources: list[Path] | None = None, seed: int = 6) -> list[MessyFile]:
    """Write `count` files under dest (in a few sub-folders) and return their manifest."""
    rng = random.Random(seed)
    sources = sources or sorted(p for p in SEEDS.iterdir() if p.suffix in {".txt", ".pdf", ".docx"})
    made: list[MessyFile] = []
    for i in range(count):
        source = sources[i % len(sources)]
        roll = rng.random()
        if roll < 0.04:
            kind, data = "empty", b""
        elif roll < 0.10:
            kind, data = "corrupt", _corrupt(source, rng)
        elif roll < 0.20 and made:
            earlier = rng.choice([m for m in made if m.kind == "copy"] or made)
            kind, source, data = "duplicate", earlier.source, earlier.path.read_bytes()
        else:
            kind, data = "copy", _variant(source, i)
        path = dest / f"batch-{i % 7}" / f"{i:05d}-{source.stem[:12]}{source.suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        made.append(MessyFile(path, kind, source, hashlib.sha256(data).hexdigest()))
    return made


def _variant(source: Path, i: int) -> bytes:
    data = source.read_bytes()
    if source.suffix == ".pdf":
        return data + f"\n% copy {i}\n".encode()  # after %%EOF: readers ignore it
    if source.suffix == ".docx":
        return data + f"copy {i}".encode()  # after the zip's end record: readers ignore it
    return data + f"\n\nCopy {i}.\n".encode()


def _corrupt(source: Path, rng: random.Random) -> bytes:
    if source.suffix == ".pdf":
        return source.read_bytes()[:3000]
    return bytes(rng.randrange(256) for _ in range(4096))
