"""JSON-lines dumps: one record per line, one field cleaned, the rest untouched.

A record's output line is its input line with only the cleaned field's value
replaced (and the report field's value replaced or appended): the other
fields keep their order, their values and even their spacing, byte for byte.

A faulty line (not UTF-8, not JSON, not an object, no such field, a field that
is not a string) is reported as a fault; the caller's ``--on-error`` policy
decides whether it is written through unchanged, dropped, or stops the run.
Blank lines hold no record and are dropped silently.
"""

from __future__ import annotations

import glob
import json
import lzma
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from json.decoder import scanstring  # type: ignore[attr-defined]  # public, but not in typeshed
from pathlib import Path
from typing import BinaryIO

from .compression import compression_of, open_reader
from .inputs import STDIN
from .pipeline import CleanResult, clean
from .ruleset import RuleSet

JSONL_SUFFIXES = (".jsonl", ".ndjson")
ON_ERROR_POLICIES = ("keep", "skip", "fail")
_DECODER = json.JSONDecoder()
_WHITESPACE = " \t\r\n"  # JSON's white space
BYTE_ORDER_MARK = "\ufeff"
_GLOB_CHARACTERS = frozenset("*?[")


def is_jsonl_name(name: str) -> bool:
    """``x.jsonl``, ``x.ndjson``, each optionally followed by ``.gz``/``.bz2``/``.xz``."""
    path = Path(name)
    if compression_of(path.name):
        path = path.with_suffix("")
    return path.suffix.lower() in JSONL_SUFFIXES


@dataclass(frozen=True, slots=True)
class JsonlSource:
    name: str  # as shown in messages: the path as given, or "-"
    path: Path | None  # None for standard input


def expand_jsonl_sources(paths: list[str]) -> tuple[list[JsonlSource], list[str]]:
    """Files as given, glob patterns and folders expanded (sorted); one error per unusable path."""
    sources: list[JsonlSource] = []
    errors: list[str] = []
    for raw in paths or [STDIN]:
        path = Path(raw)
        if raw == STDIN:
            sources.append(JsonlSource(STDIN, None))
        elif path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and is_jsonl_name(p.name))
            if not found:
                errors.append(f"{raw}: folder holds no JSON-lines files")
            sources.extend(JsonlSource(str(p), p) for p in found)
        elif path.is_file():
            sources.append(JsonlSource(raw, path))
        elif _GLOB_CHARACTERS & set(raw):
            # Quoted patterns ('shards/*.jsonl.gz') reach us unexpanded.
            found = sorted(Path(p) for p in glob.glob(raw) if Path(p).is_file())
            if not found:
                errors.append(f"{raw}: no file matches")
            sources.extend(JsonlSource(str(p), p) for p in found)
        else:
            errors.append(f"{raw}: no such file or folder")
    return sources, errors


def open_source(source: JsonlSource) -> BinaryIO:
    """The source's bytes, decompressed by file name; raises OSError."""
    if source.path is None:
        return sys.stdin.buffer
    suffix = compression_of(source.path.name)
    return open_reader(source.path, suffix) if suffix else open(source.path, "rb")


# --- one record ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RecordOptions:
    """What to do with each record; pickled once into every worker."""

    field: str = "text"
    report_field: str | None = None
    rules: RuleSet | None = None
    lang: str = "auto"
    include_title: bool = True


@dataclass(slots=True)
class Outcome:
    """One input line's result, sent back from a worker."""

    number: int  # line number in its source, from 1
    line: bytes  # the output line with its b"\n"; for a fault, the input line as it was
    fault: str | None = None  # why the record was not cleaned
    warnings: list[str] = field(default_factory=list)


class RecordFault(ValueError):
    """A line that holds no cleanable record; the message is short and one line."""


def process_line(number: int, raw: bytes, options: RecordOptions, stats: Stats) -> Outcome | None:
    """Clean one JSON-lines line; None for a blank line (no record)."""
    line = raw.rstrip(b"\r\n")
    if not line.strip():
        return None
    try:
        text, spans = _parse(line, options, first=number == 1)
    except RecordFault as fault:
        stats.faults += 1
        unchanged = raw if raw.endswith(b"\n") else raw + b"\n"  # the last line may lack one
        return Outcome(number, unchanged, fault=str(fault))
    result = clean(text, rules=options.rules, lang=options.lang, include_title=options.include_title)
    stats.add(text, result)
    return Outcome(number, _render(spans, result, options).encode("utf-8") + b"\n",
                   warnings=list(result.warnings))


def _parse(line: bytes, options: RecordOptions, first: bool) -> tuple[str, _Spans]:
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RecordFault(f"not UTF-8 (byte {error.start + 1})") from None
    if first:
        decoded = decoded.removeprefix(BYTE_ORDER_MARK)  # an editor's mark, not part of the record
    try:
        record = json.loads(decoded)
    except json.JSONDecodeError as error:
        raise RecordFault(f"not JSON ({error.msg}, column {error.colno})") from None
    if not isinstance(record, dict):
        raise RecordFault(f"not a JSON object but {_json_type(record)}")
    if options.field not in record:
        raise RecordFault(f"no field {options.field!r}")
    if not isinstance(record[options.field], str):
        raise RecordFault(f"field {options.field!r} is {_json_type(record[options.field])}, not a string")
    return record[options.field], _Spans(decoded, options)


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    names: dict[type, str] = {list: "an array", dict: "an object", str: "a string"}
    return names[type(value)]


class _Spans:
    """Where the cleaned field's and the report field's values sit in the line.

    Walks the top-level members of an object already known to be valid JSON,
    so that only those values are replaced and everything else is kept as is.
    With duplicate keys the last one counts, as in ``json.loads``.
    """

    def __init__(self, line: str, options: RecordOptions):
        self.line = line
        self.value: tuple[int, int] | None = None
        self.report: tuple[int, int] | None = None
        self.last_end = 0
        position = self._skip(line.index("{") + 1)
        while line[position] != "}":
            key, position = scanstring(line, position + 1)
            position = self._skip(self._skip(position) + 1)  # past the colon
            _, end = _DECODER.raw_decode(line, position)
            if key == options.field:
                self.value = (position, end)
            elif key == options.report_field:
                self.report = (position, end)
            self.last_end = end
            position = self._skip(end)
            if line[position] == ",":
                position = self._skip(position + 1)

    def _skip(self, position: int) -> int:
        while self.line[position] in _WHITESPACE:
            position += 1
        return position


def _render(spans: _Spans, result: CleanResult, options: RecordOptions) -> str:
    if spans.value is None:  # the caller has checked that the field is there
        raise RecordFault(f"no field {options.field!r}")
    replacements = [(spans.value, json.dumps(result.text, ensure_ascii=False))]
    line = spans.line
    if options.report_field is not None:
        report = json.dumps(
            {"title": result.title, "removed": [r.as_dict() for r in result.removed]},
            ensure_ascii=False,
        )
        if spans.report is not None:
            replacements.append((spans.report, report))
        else:
            member = ", " + json.dumps(options.report_field, ensure_ascii=False) + ": " + report
            replacements.append(((spans.last_end, spans.last_end), member))
    pieces, position = [], 0
    for (start, end), new in sorted(replacements):
        pieces += [line[position:start], new]
        position = end
    pieces.append(line[position:])
    return "".join(pieces)


# --- batches and totals ----------------------------------------------------


@dataclass(slots=True)
class Stats:
    """Totals for --stats and progress: records, input size, removed characters."""

    records: int = 0
    faults: int = 0
    input_bytes: int = 0
    characters: int = 0
    removed: Counter = field(default_factory=Counter)  # category -> characters

    def add(self, text: str, result: CleanResult) -> None:
        self.records += 1
        self.characters += len(text)
        for removal in result.removed:
            self.removed[removal.category] += removal.end - removal.start

    def merge(self, other: Stats) -> None:
        self.records += other.records
        self.faults += other.faults
        self.input_bytes += other.input_bytes
        self.characters += other.characters
        self.removed.update(other.removed)

    def summary(self, unit: str = "records") -> str:
        """One line: records (or ``unit``), MB, the removed share of characters in all and per category."""
        total = sum(self.removed.values())
        share = (lambda n: f"{100 * n / self.characters:.1f}%") if self.characters else (lambda n: "0%")
        categories = ", ".join(f"{name} {share(n)}" for name, n in self.removed.most_common())
        faults = f", {self.faults} faulty" if self.faults else ""
        return (f"{self.records} {unit}{faults}, {self.input_bytes / 1e6:.1f} MB, "
                f"removed {share(total)} of characters" + (f" ({categories})" if categories else ""))


@dataclass(slots=True)
class Batch:
    """Consecutive lines of one source."""

    source: int  # index into the run's sources
    lines: list[tuple[int, bytes]]  # (line number, raw line)


@dataclass(slots=True)
class BatchResult:
    source: int
    outcomes: list[Outcome]
    stats: Stats


_WORKER_OPTIONS: RecordOptions | None = None


def init_worker(options: RecordOptions) -> None:
    """Process-pool initializer: the options travel once per worker, not per batch."""
    global _WORKER_OPTIONS
    _WORKER_OPTIONS = options


def clean_batch(batch: Batch) -> BatchResult:
    """Clean a batch with the options given to :func:`init_worker`."""
    if _WORKER_OPTIONS is None:
        raise RuntimeError("clean_batch runs only in a pool started with init_worker")
    return clean_lines(batch, _WORKER_OPTIONS)


def clean_lines(batch: Batch, options: RecordOptions) -> BatchResult:
    stats = Stats()
    outcomes = []
    for number, raw in batch.lines:
        stats.input_bytes += len(raw)
        outcome = process_line(number, raw, options, stats)
        if outcome is not None:
            outcomes.append(outcome)
    return BatchResult(batch.source, outcomes, stats)


# --- reading sources in batches --------------------------------------------

# A batch holds up to this many records or bytes, whichever comes first: big
# enough that pickling and the hand-over to a worker cost little next to
# cleaning (milliseconds a record), small enough that the batches in flight
# hold a few MB, not the dump.
BATCH_RECORDS = 64
BATCH_BYTES = 1 << 20

# What a truncated or corrupt compressed file raises while being read.
READ_ERRORS = (OSError, EOFError, lzma.LZMAError)


@dataclass(slots=True)
class SourceError:
    """A source that could not be read (to the end); passed along in order."""

    source: int
    message: str


def read_batches(sources: list[JsonlSource]) -> Iterator[Batch | SourceError]:
    """Each source's lines in batches; every source ends with one batch, maybe empty."""
    for index, source in enumerate(sources):
        lines: list[tuple[int, bytes]] = []
        size = 0
        try:
            stream = open_source(source)
            try:
                for number, raw in enumerate(stream, 1):
                    lines.append((number, raw))
                    size += len(raw)
                    if len(lines) >= BATCH_RECORDS or size >= BATCH_BYTES:
                        yield Batch(index, lines)
                        lines, size = [], 0
            finally:
                if source.path is not None:
                    stream.close()
        except READ_ERRORS as error:
            yield Batch(index, lines)
            reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
            yield SourceError(index, f"{source.name}: cannot read: {reason}")
            continue
        yield Batch(index, lines)


def clean_item(item: Batch | SourceError) -> BatchResult | SourceError:
    """The pool's function: clean a batch; a read error passes through in its place."""
    return item if isinstance(item, SourceError) else clean_batch(item)
