"""The compressed forms newsclean reads and writes, recognised by file name.

One table for every place that reads or writes a compressed file (text
inputs, JSON-lines dumps, ``-o`` outputs), so the three always agree on
which names mean what.
"""

from __future__ import annotations

import bz2
import gzip
import lzma
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO, cast

# File suffix -> its codec's opener; each opener takes a path or a binary file object
# and, in mode "rb" or "wb", gives a binary file object.
OPENERS: dict[str, Callable[..., Any]] = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}
SUFFIXES = tuple(OPENERS)

# gzip stores a timestamp in its header; a fixed one keeps the output of the
# same input byte-identical from run to run (and across --jobs).
GZIP_MTIME = 0


def compression_of(name: str) -> str | None:
    """``.gz``, ``.bz2`` or ``.xz`` for a compressed file name, else None."""
    suffix = Path(name).suffix.lower()
    return suffix if suffix in OPENERS else None


def open_reader(source: str | Path | BinaryIO, suffix: str) -> BinaryIO:
    """A stream of the decompressed bytes of ``source``."""
    return OPENERS[suffix](source, "rb")


def open_writer(raw: BinaryIO, suffix: str | None) -> BinaryIO:
    """``raw`` wrapped in the compressor for ``suffix`` (``raw`` itself for None).

    Closing the wrapper writes the compressor's trailer and leaves ``raw`` open.
    """
    if suffix == ".gz":
        return cast(BinaryIO, gzip.GzipFile(fileobj=raw, mode="wb", mtime=GZIP_MTIME, filename=""))
    if suffix is None:
        return raw
    return OPENERS[suffix](raw, "wb")
