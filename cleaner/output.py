"""Where cleaned output goes: atomically written files, optionally compressed.

A file named with ``-o`` is written to a temporary file beside it and renamed
over the target only when the run finished writing it, so an interrupted or
failed run never leaves a half-written file that looks complete. A name
ending in ``.gz``, ``.bz2`` or ``.xz`` is compressed accordingly.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Self

from .compression import compression_of, open_writer


def _default_mode() -> int:
    # mkstemp creates 0600; a finished output gets the mode open() would give it.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


class AtomicOutput:
    """A binary output file that appears under its name only on ``commit``.

    Use as a context manager: leaving the block normally commits, an
    exception discards the temporary file.
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        fd, temporary = tempfile.mkstemp(
            prefix=f".{self.path.name}.", suffix=".part", dir=self.path.parent or "."
        )
        self._temporary = Path(temporary)
        self._raw = os.fdopen(fd, "wb")
        self._stream = open_writer(self._raw, compression_of(self.path.name))
        self._open = True

    def write(self, data: bytes) -> None:
        self._stream.write(data)

    def commit(self) -> None:
        if not self._open:
            return
        self._open = False
        if self._stream is not self._raw:
            self._stream.close()  # writes the compressor's trailer; leaves _raw open
        self._raw.flush()
        os.fsync(self._raw.fileno())
        self._raw.close()
        os.chmod(self._temporary, _default_mode())
        os.replace(self._temporary, self.path)

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
