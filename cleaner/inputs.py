"""Where documents come from and where cleaned ones go.

A path on the command line is a file, a folder (its ``*.txt`` files and
their compressed ``*.txt.gz``/``.bz2``/``.xz`` forms, sorted), or ``-`` for
standard input. Problems a user can cause are raised as ``InputError`` with a
one-line message naming the file.

Decoding (``decode``), in order:

1. a file that starts with a known binary signature (an image, a PDF, an
   archive, an executable...) is refused;
2. ``encoding`` given (``--encoding``): the bytes are decoded with it, strictly;
3. a byte-order mark says UTF-8, UTF-16 or UTF-32;
4. UTF-16 without a mark, when every other byte is NUL;
5. strict UTF-8, the default;
6. UTF-8 with a few broken sequences (a stray byte, a character cut at the
   end): read as UTF-8, each broken sequence replaced with U+FFFD, with a note;
7. otherwise charset-normalizer guesses the encoding, with a one-line note
   naming the file and the encoding used (``cp1252`` is preferred among
   guesses that read the bytes equally well: it is what Latin-1 and Windows
   pages are in practice);
8. text that is still mostly control characters (NUL-heavy) is refused as
   binary. Stray NULs and control characters in real text are kept: the
   cleaner copes with them.
"""

from __future__ import annotations

import codecs
import io
import lzma
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .compression import SUFFIXES, compression_of, open_reader

STDIN = "-"

# A compressed input may expand to at most this many bytes: a "zip bomb" is
# refused as one failed input instead of exhausting memory for the whole run.
MAX_DECOMPRESSED_BYTES = 1 << 30
FOLDER_PATTERNS = ("*.txt", *(f"*.txt{suffix}" for suffix in SUFFIXES))

# Known binary signatures: (magic bytes at offset 0, what the file is).
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "zip archive or office document"),
    (b"PK\x05\x06", "zip archive"),
    (b"\x1f\x8b", "gzip data; name it .gz to read it"),
    (b"\xfd7zXZ\x00", "xz data; name it .xz to read it"),
    (b"7z\xbc\xaf\x27\x1c", "7-zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"\x7fELF", "ELF executable"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O file"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"\x00asm", "WebAssembly module"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document (old Office format)"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"ID3", "MP3 audio"),
    (b"\x1aE\xdf\xa3", "Matroska/WebM media"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
)
BZIP2_MAGIC = b"BZh"  # followed by a digit and the block magic 1AY&SY

# Byte-order marks, longest first (the UTF-32-LE mark starts with UTF-16-LE's).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Text is binary when more than this share of its first SAMPLE characters are
# NUL or C0 control characters other than tab, line breaks, form feed and escape.
BINARY_CONTROL_SHARE = 0.05
SAMPLE = 1 << 16
TEXT_CONTROLS = frozenset("\t\n\v\f\r\x1b")
CONTROLS = frozenset(chr(code) for code in range(32)) - TEXT_CONTROLS

# Without a byte-order mark, UTF-16 is assumed when at least this share of
# the bytes at odd (LE) or even (BE) offsets are NUL and almost none of the others.
UTF16_NUL_SHARE = 0.3

# Bytes that are not valid UTF-8 are still read as UTF-8 (broken sequences
# replaced) when valid multi-byte characters outnumber the broken ones this much.
MOSTLY_UTF8_RATIO = 10

# Preferred among detector guesses that decode the bytes equally well.
PREFERRED_GUESSES = ("cp1252",)


class InputError(Exception):
    """An input cannot be read; the message is one line naming it."""


@dataclass(frozen=True, slots=True)
class Source:
    name: str  # the document id: a file name, or "-" for standard input
    path: Path | None  # None for standard input

    @property
    def output_name(self) -> str:
        """The name for its cleaned text: a compressed input's name without .gz/.bz2/.xz."""
        suffix = compression_of(self.name)
        return self.name[: -len(suffix)] if suffix else self.name


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
            found = sorted({p for pattern in FOLDER_PATTERNS for p in path.glob(pattern)
                            if p.is_file()})
            if not found:
                errors.append(f"{shown(raw)}: folder holds no .txt files")
            sources.extend(Source(p.name, p) for p in found)
        elif path.is_file():
            sources.append(Source(path.name, path))
        elif path.exists():
            errors.append(f"{shown(raw)}: not a regular file or folder")
        else:
            errors.append(f"{shown(raw)}: no such file or folder")
    return sources, errors


def shown(name: str) -> str:
    """A file name fit for a one-line message: control characters escaped."""
    if name.isprintable():
        return name
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in name)


def check_encoding(encoding: str) -> str:
    """The codec's canonical name; ValueError for a name Python does not know."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise ValueError(f"unknown encoding '{encoding}'") from None
    if not _is_text_codec(info.name):
        raise ValueError(f"'{encoding}' is not a text encoding")
    return info.name


def _is_text_codec(name: str) -> bool:
    try:
        "x".encode(name)
        b"x".decode(name)
    except (LookupError, TypeError, AttributeError):
        return False
    except UnicodeError:
        return True
    return True


def read_source(
    source: Source, encoding: str | None = None, note: Callable[[str], None] | None = None
) -> str:
    """The document's text (see the module docstring for how bytes become text).

    ``encoding`` forces a codec; ``note`` receives a one-line message naming
    the file when the text was not UTF-8 and its encoding was detected.
    """
    try:
        data = sys.stdin.buffer.read() if source.path is None else source.path.read_bytes()
    except OSError as error:
        raise InputError(f"{shown(source.name)}: cannot read: {error.strerror or error}") from None
    if source.path is not None:
        data = _decompress(data, source)
    return decode(data, source.name, encoding, note)


def _decompress(data: bytes, source: Source) -> bytes:
    suffix = compression_of(source.path.name) if source.path else None
    if suffix is None:
        return data
    try:
        with open_reader(io.BytesIO(data), suffix) as stream:
            text = stream.read(MAX_DECOMPRESSED_BYTES + 1)
        if len(text) > MAX_DECOMPRESSED_BYTES:
            raise InputError(f"{shown(source.name)}: decompresses to more than "
                             f"{MAX_DECOMPRESSED_BYTES >> 20} MiB, skipped")
        return text
    except (OSError, EOFError, ValueError, lzma.LZMAError, zlib.error) as error:
        kind = suffix.lstrip(".")
        raise InputError(f"{shown(source.name)}: corrupt or truncated {kind} data: {error}") from None
    except MemoryError:
        raise InputError(f"{shown(source.name)}: too large to decompress in memory") from None


def decode(
    data: bytes, name: str, encoding: str | None = None,
    note: Callable[[str], None] | None = None,
) -> str:
    """Bytes to text, or InputError naming ``name`` for binary or undecodable input."""
    kind = binary_signature(data)
    if kind is not None:
        raise InputError(f"{shown(name)}: binary file ({kind}), skipped")
    if encoding is not None:
        text = _decode_forced(data, name, encoding)
    else:
        text, used, how = _decode_detected(data, name)
        if note is not None and not (used == "utf-8" and how in ("default", "byte-order mark")):
            if used == "utf-8":
                note(f"{shown(name)}: not valid UTF-8, read as UTF-8 with {how}")
            else:
                note(f"{shown(name)}: not UTF-8, read as {used} ({how}; --encoding forces one)")
    if looks_binary(text):
        raise InputError(f"{shown(name)}: binary file (mostly NUL or control bytes), skipped")
    return text


def binary_signature(data: bytes) -> str | None:
    """What a file with a known binary signature is, or None."""
    for magic, kind in BINARY_SIGNATURES:
        if data.startswith(magic):
            return kind
    if data.startswith(BZIP2_MAGIC) and data[4:10] == b"1AY&SY":
        return "bzip2 data; name it .bz2 to read it"
    return None


def looks_binary(text: str) -> bool:
    """More than BINARY_CONTROL_SHARE of the first SAMPLE characters are control characters."""
    sample = text[:SAMPLE]
    if not sample:
        return False
    controls = sum(1 for char in sample if char in CONTROLS)
    return controls > BINARY_CONTROL_SHARE * len(sample)


def _decode_forced(data: bytes, name: str, encoding: str) -> str:
    codec = check_encoding(encoding)
    if codec == "utf-8":
        codec = "utf-8-sig"  # a byte-order mark is not text
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise InputError(f"{shown(name)}: not valid {encoding} (byte {error.start})") from None


def _decode_detected(data: bytes, name: str) -> tuple[str, str, str]:
    """(text, encoding used, how it was chosen)."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), codec, "byte-order mark"
            except UnicodeDecodeError as error:
                raise InputError(
                    f"{shown(name)}: not valid {codec} after its byte-order mark "
                    f"(byte {error.start + len(bom)})"
                ) from None
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    try:
        return data.decode("utf-8"), "utf-8", "default"
    except UnicodeDecodeError as error:
        first_bad = error.start
    mostly = _mostly_utf8(data, first_bad)
    if mostly is not None:
        return mostly
    guessed = _guess(data)
    if guessed is None:
        raise InputError(
            f"{shown(name)}: not UTF-8 (byte {first_bad}) and no text encoding fits; "
            "binary, or use --encoding"
        )
    return guessed


def _mostly_utf8(data: bytes, first_bad: int) -> tuple[str, str, str] | None:
    """UTF-8 with a few broken bytes (a cut multi-byte character, a stray
    byte): read as UTF-8 with U+FFFD for each broken sequence, rather than
    guessing a legacy encoding that would garble every other character."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - data.count("\ufffd".encode())
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    valid = non_ascii - broken - data.count("\ufffd".encode())
    if valid < MOSTLY_UTF8_RATIO * broken:
        return None
    plural = "s" if broken > 1 else ""
    return text, "utf-8", (f"{broken} broken sequence{plural} from byte {first_bad} "
                           "replaced with U+FFFD")


def _utf16_without_bom(data: bytes) -> tuple[str, str, str] | None:
    sample = data[:SAMPLE]
    if len(data) % 2 or len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    for codec, text_nuls, other_nuls in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if text_nuls >= UTF16_NUL_SHARE * half and other_nuls <= 0.01 * half:
            try:
                return data.decode(codec), codec, "detected"
            except UnicodeDecodeError:
                return None
    return None


def _guess(data: bytes) -> tuple[str, str, str] | None:
    """charset-normalizer's best guess among single- and multi-byte encodings
    that are not UTF-16/32 (those were ruled out above), cp1252 preferred on a tie."""
    from charset_normalizer import from_bytes

    matches = [m for m in from_bytes(data) if not m.encoding.startswith(("utf_16", "utf_32"))]
    if not matches:
        return None
    best = matches[0]
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    head = data[:SAMPLE]
    for preferred in PREFERRED_GUESSES:
        try:
            text = data.decode(preferred)
        except UnicodeDecodeError:
            continue
        same = text[:len(head)]  # single-byte: one character per byte
        if any(m.encoding == preferred or _head(head, m.encoding) == same for m in tied):
            return text, preferred, "detected"
    try:
        return data.decode(best.encoding), codecs.lookup(best.encoding).name, "detected"
    except (UnicodeDecodeError, LookupError):
        return str(best), best.encoding, "detected"


def _head(head: bytes, encoding: str) -> str | None:
    try:
        return head.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
