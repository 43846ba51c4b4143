"""One run over text documents: read, clean and render in worker processes, write in order.

    sources --batches--> ordered_map(jobs) --> DocumentOutcome --> TextSink, ReportSink, Stats

It works like the JSON-lines run (runner.py). The workers read, decode,
clean and render each document, and the main process writes what comes back
in input order, so the output, the report and every stderr line are the same
for any number of jobs. The report is written document by document (a
summary at the end), so a run over a million files holds a few batches in
memory, not the whole run.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from .inputs import InputError, Source, read_source
from .output import AtomicOutput
from .parallel import ordered_map
from .pipeline import CleanResult, clean
from .records import Stats
from .report import render_diff, render_summary, summary_counts
from .ruleset import RuleSet

# A batch holds at most this many documents or bytes of input, whichever
# comes first. A document takes milliseconds to clean, so a batch of them
# makes the hand-over to a worker cheap; the byte bound keeps the batches in
# flight to a few MB when the files are large.
BATCH_DOCUMENTS = 16
BATCH_BYTES = 1 << 20

# A small run is cut into at least this many batches per worker, so that no
# worker idles while another cleans a batch of the run's last documents.
MIN_BATCHES_PER_JOB = 4


@dataclass(frozen=True, slots=True)
class TextOptions:
    """Everything a worker needs to turn a document into its outcome."""

    rules: RuleSet
    lang: str
    include_title: bool
    encoding: str | None  # None: UTF-8, else detected
    output_format: str  # "text": the article; "json": one object per document
    report_format: str | None  # "diff", "json", "summary"; None: no report
    color: bool = False  # colour the diff report (it goes to a terminal)


@dataclass(slots=True)
class DocumentOutcome:
    messages: list[str]  # its stderr lines in order, without the "newsclean: " prefix
    rendered: str | None  # its output; None when it could not be read
    report: str = ""  # its part of a diff or JSON report
    counts: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # for a summary report
    stats: Stats = field(default_factory=Stats)


@dataclass(slots=True)
class _Document:
    """A source on its way to a worker; standard input is read before it goes."""

    source: Source
    text: str | None = None
    messages: list[str] = field(default_factory=list)
    error: str | None = None


# --- in the workers -------------------------------------------------------

_WORKER_OPTIONS: TextOptions | None = None


def init_worker(options: TextOptions) -> None:
    """Process-pool initializer: the options (and rules) travel once per worker."""
    global _WORKER_OPTIONS
    _WORKER_OPTIONS = options


def process_batch(batch: list[_Document]) -> list[DocumentOutcome]:
    if _WORKER_OPTIONS is None:
        raise RuntimeError("process_batch runs only in a pool started with init_worker")
    return [process(document, _WORKER_OPTIONS) for document in batch]


def process(document: _Document, options: TextOptions) -> DocumentOutcome:
    """Read (unless read already), clean and render one document."""
    messages, text, error = list(document.messages), document.text, document.error
    if text is None and error is None:
        text, error = _read(document.source, options.encoding, messages)
    if error is not None:
        return DocumentOutcome([*messages, f"error: {error}"], None)
    assert text is not None  # _read gives the text or the reason it has none
    source = document.source
    result = clean(text, rules=options.rules, lang=options.lang, include_title=options.include_title)
    messages += [f"{source.name}: {message}" for message in result.warnings]
    stats = Stats()
    stats.add(text, result)
    stats.input_bytes = len(text.encode("utf-8", "surrogatepass"))
    outcome = DocumentOutcome(messages, render(source, result, options.output_format), stats=stats)
    if options.report_format == "summary":
        outcome.counts = summary_counts(result.removed)
    elif options.report_format == "diff":
        outcome.report = render_diff(text, result.removed, source.name, options.color)
    elif options.report_format == "json":
        outcome.report = json.dumps({"id": source.name, "removed": [r.as_dict() for r in result.removed]},
                                    ensure_ascii=False) + "\n"
    return outcome


def _read(source: Source, encoding: str | None, messages: list[str]) -> tuple[str | None, str | None]:
    """(text, None), or (None, the one-line reason it cannot be read)."""
    try:
        return read_source(source, encoding, note=messages.append), None
    except InputError as error:
        return None, str(error)


def render(source: Source, result: CleanResult, output_format: str) -> str:
    if output_format == "text":
        return result.text
    record = {
        "id": source.name,
        "title": result.title,
        "text": result.text,
        "removed": [removal.as_dict() for removal in result.removed],
    }
    return json.dumps(record, ensure_ascii=False) + "\n"


# --- in the main process --------------------------------------------------

# The output's name for standard input when writing into a folder.
STDIN_OUTPUT_NAME = "stdin.txt"
# The extension a text input's name loses when its output is JSON.
TEXT_EXTENSION = ".txt"


def output_name(source: Source, output_format: str = "text") -> str:
    """The name of the source's output in an output folder: the input's name
    (without .gz/.bz2/.xz); with ``--format json``, ending in .json instead
    of .txt, so that what a file holds is what its name says."""
    name = source.output_name if source.path else STDIN_OUTPUT_NAME
    if output_format == "json":
        name = name.removesuffix(TEXT_EXTENSION) + ".json"
    return name


class TextSink:
    """Where the articles go: stdout (documents separated by a blank line in
    text format), one file, or one file per input in a folder."""

    def __init__(self, output: Path | None, to_folder: bool, output_format: str):
        self.output, self.to_folder = output, to_folder
        self.output_format = output_format
        self.blank_line_between = output_format == "text"
        self.single: AtomicOutput | None = None  # -o FILE: created at the first document

    def write(self, index: int, source: Source, rendered: str) -> None:
        """``index``: the source's place among all sources, those that failed included."""
        if self.output is None:
            if self.blank_line_between and index > 0:
                sys.stdout.write("\n")
            sys.stdout.write(rendered)
            sys.stdout.flush()
        elif self.to_folder:
            with AtomicOutput(self.output / output_name(source, self.output_format)) as handle:
                handle.write(rendered.encode("utf-8"))
        else:
            if self.single is None:
                self.single = AtomicOutput(self.output)
            self.single.write(rendered.encode("utf-8"))

    def finish(self) -> None:
        if self.single is not None:
            self.single.commit()

    def abort(self) -> None:
        if self.single is not None:
            self.single.discard()


class ReportSink:
    """The removal report, written as documents come; a summary at the end.

    A report file is opened (as a temporary file) before the first document,
    so a destination that cannot be written stops the run before any work."""

    def __init__(self, destination: str, report_format: str):
        self.report_format = report_format
        self.file = None if destination == "-" else AtomicOutput(Path(destination))
        self.counts: dict[str, tuple[int, int, int]] = {}
        self.documents = 0

    def add(self, outcome: DocumentOutcome) -> None:
        self.documents += 1
        if self.report_format == "summary":
            for category, numbers in outcome.counts.items():
                spans, lines, characters = self.counts.get(category, (0, 0, 0))
                self.counts[category] = (spans + numbers[0], lines + numbers[1], characters + numbers[2])
        elif outcome.report:
            self._write(outcome.report)

    def finish(self) -> None:
        if self.report_format == "summary":
            self._write(render_summary(self.counts, f"documents: {self.documents}"))
        if self.file is not None:
            self.file.commit()

    def abort(self) -> None:
        if self.file is not None:
            self.file.discard()

    def _write(self, text: str) -> None:
        if self.file is None:
            sys.stderr.write(text)
            sys.stderr.flush()  # in order with the stderr lines of the documents after it
        else:
            self.file.write(text.encode("utf-8"))


@dataclass(slots=True)
class TextRunResult:
    failed: int = 0
    stats: Stats = field(default_factory=Stats)


def run_text(
    sources: list[Source],
    options: TextOptions,
    jobs: int,
    sink: TextSink,
    report: ReportSink | None,
    warn: Callable[[str], None],
    progress=None,
) -> TextRunResult:
    """Clean every source into ``sink`` (and ``report``); ``warn`` gets each stderr line."""
    run = TextRunResult()
    per_batch = _documents_per_batch(len(sources), jobs)
    batches = _batches(sources, options.encoding, per_batch)
    results = ordered_map(process_batch, batches, jobs, init_worker, (options,))
    index = 0
    try:
        with closing(results):
            for outcomes in results:
                for outcome in outcomes:
                    _take(outcome, index, sources[index], sink, report, warn, run)
                    index += 1
                if progress is not None:
                    progress.update(len(outcomes))
                    progress.set_postfix_str(f"{run.stats.input_bytes / 1e6:.1f} MB", refresh=False)
        sink.finish()
        if report is not None:
            report.finish()
    except BaseException:
        sink.abort()
        if report is not None:
            report.abort()
        raise
    return run


def _take(outcome: DocumentOutcome, index: int, source: Source, sink: TextSink,
          report: ReportSink | None, warn: Callable[[str], None], run: TextRunResult) -> None:
    for message in outcome.messages:
        warn(message)
    if outcome.rendered is None:
        run.failed += 1
        return
    sink.write(index, source, outcome.rendered)
    if report is not None:
        report.add(outcome)
    run.stats.merge(outcome.stats)


def _documents_per_batch(documents: int, jobs: int) -> int:
    if jobs <= 1:
        return BATCH_DOCUMENTS
    return max(1, min(BATCH_DOCUMENTS, documents // (MIN_BATCHES_PER_JOB * jobs)))


def _batches(sources: list[Source], encoding: str | None, per_batch: int) -> Iterator[list[_Document]]:
    """The sources in consecutive batches; standard input is read here, in the main process."""
    batch: list[_Document] = []
    size = 0
    for source in sources:
        document = _Document(source)
        if source.path is None:
            document.text, document.error = _read(source, encoding, document.messages)
            size += len(document.text or "")
        else:
            size += _file_size(source.path)
        batch.append(document)
        if len(batch) >= per_batch or size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the worker's read reports it


def jobs_for(sources: int, jobs: int) -> int:
    """No more worker processes than documents: one document needs no pool."""
    return max(1, min(jobs, sources))

