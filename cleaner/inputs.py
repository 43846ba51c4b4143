"""Where documents come from and where cleaned ones go.

A path on the command line is a file, a folder (its ``*.txt`` files, sorted),
or ``-`` for standard input. Problems a user can cause are raised as
``InputError`` with a one-line message naming the file.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

STDIN = "-"


class InputError(Exception):
    """An input cannot be read; the message is one line naming it."""


@dataclass(frozen=True, slots=True)
class Source:
    name: str  # the document id: a file name, or "-" for standard input
    path: Path | None  # None for standard input


def expand_sources(paths: list[str]) -> tuple[list[Source], list[str]]:
    """Sources for the given paths, and one error line per path that is unusable."""
    sources: list[Source] = []
    errors: list[str] = []
    for raw in paths or [STDIN]:
        if raw == STDIN:
            sources.append(Source(STDIN, None))
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.glob("*.txt") if p.is_file())
            if not found:
                errors.append(f"{raw}: folder holds no .txt files")
            sources.extend(Source(p.name, p) for p in found)
        elif path.is_file():
            sources.append(Source(path.name, path))
        elif path.exists():
            errors.append(f"{raw}: not a regular file or folder")
        else:
            errors.append(f"{raw}: no such file or folder")
    return sources, errors


def read_source(source: Source) -> str:
    """The document's text: UTF-8, a byte-order mark dropped."""
    try:
        data = sys.stdin.buffer.read() if source.path is None else source.path.read_bytes()
    except OSError as error:
        raise InputError(f"{source.name}: cannot read: {error.strerror or error}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{source.name}: not UTF-8 (byte {error.start}); convert it first"
        ) from None
