"""Where cleaned output goes: atomically written files, optionally compressed.

A file named with ``-o`` is written to a temporary file beside it and renamed
over the target only when the run finished writing it, so an interrupted or
failed run never leaves a half-written file that looks complete. A name
ending in ``.gz``, ``.bz2`` or ``.xz`` is compressed accordingly. A file
or folder that cannot be written raises :class:`OutputError`, whose message
is one line naming the target, not the temporary file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Self

from .compression import compression_of, open_writer
from .inputs import shown


def _default_mode() -> int:
    # mkstemp creates 0600; a finished output gets the mode open() would give it.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


class OutputError(Exception):
    """An output cannot be created or written; the message is one line naming it."""


def _cannot_write(path: Path, error: OSError) -> OutputError:
    return OutputError(f"{shown(str(path))}: cannot write: {error.strerror or error}")


def make_folder(path: Path) -> None:
    """``path`` as a folder for outputs, created with its parents if missing."""
    if path.exists() and not path.is_dir():
        raise OutputError(f"{shown(str(path))}: exists and is not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{shown(str(path))}: cannot create folder: {error.strerror or error}") from None


class AtomicOutput:
    """A binary output file that appears under its name only on ``commit``.

    Use as a context manager: leaving the block normally commits, an
    exception discards the temporary file.
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            fd, temporary = tempfile.mkstemp(
                prefix=f".{self.path.name}.", suffix=".part", dir=self.path.parent or "."
            )
        except OSError as error:
            raise _cannot_write(self.path, error) from None
        self._temporary = Path(temporary)
        self._raw = os.fdopen(fd, "wb")
        self._stream = open_writer(self._raw, compression_of(self.path.name))
        self._open = True

    def write(self, data: bytes) -> None:
        try:
            self._stream.write(data)
        except OSError as error:  # a full disk, a lost mount
            self.discard()
            raise _cannot_write(self.path, error) from None

    def commit(self) -> None:
        if not self._open:
            return
        try:
            self._finish()
        except OSError as error:
            self.discard()
            raise _cannot_write(self.path, error) from None

    def _finish(self) -> None:
        if self._stream is not self._raw:
            self._stream.close()  # writes the compressor's trailer; leaves _raw open
        self._raw.flush()
        os.fsync(self._raw.fileno())
        self._raw.close()
        os.chmod(self._temporary, _default_mode())
        os.replace(self._temporary, self.path)
        self._open = False

    def discard(self) -> None:
        if not self._open:
            return
        self._open = False
        try:
            self._raw.close()
        finally:
            self._temporary.unlink(missing_ok=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind, error, traceback) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()
