"""One run over JSON-lines sources: read in batches, clean in parallel, write in order.

    sources --read_batches--> batches --ordered_map(jobs)--> results --Sink--> stdout | file | folder

The main process only reads, hands out batches and writes; the workers parse
and clean. Faulty records follow the ``on_error`` policy: ``keep`` writes
them through unchanged, ``skip`` drops them, ``fail`` stops the run after
writing everything before them. Each fault is one stderr line with its line
number.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from .output import AtomicOutput
from .parallel import ordered_map
from .records import (
    BatchResult,
    JsonlSource,
    RecordOptions,
    SourceError,
    Stats,
    clean_item,
    init_worker,
    read_batches,
)

# Name of the output for standard input when writing into a folder.
STDIN_OUTPUT_NAME = "stdin.jsonl"


@dataclass(slots=True)
class RunResult:
    stats: Stats = field(default_factory=Stats)
    failed_sources: int = 0
    stopped: bool = False  # --on-error fail hit a faulty record


class Sink:
    """Where records go: stdout, one file, or one file per source in a folder."""

    def __init__(self, output: Path | None, to_folder: bool, sources: list[JsonlSource]):
        self.output, self.to_folder, self.sources = output, to_folder, sources
        self.current: int | None = None
        self.file: AtomicOutput | None = None
        if output is not None and not to_folder:
            self.file = AtomicOutput(output)

    def target(self, index: int) -> Path:
        if self.output is None:
            raise ValueError("a sink that writes to stdout has no target files")
        source = self.sources[index]
        return self.output / (source.path.name if source.path else STDIN_OUTPUT_NAME)

    def switch(self, index: int) -> None:
        if index == self.current:
            return
        self.current = index
        if self.to_folder:
            self.finish()
            self.file = AtomicOutput(self.target(index))

    def write(self, data: bytes) -> None:
        if self.file is None:
            sys.stdout.buffer.write(data)
        else:
            self.file.write(data)

    def flush(self) -> None:
        if self.file is None:
            sys.stdout.buffer.flush()  # a pipeline downstream sees records as they come

    def drop_current(self) -> None:
        """A folder output whose source failed to read is not left looking complete."""
        if self.to_folder and self.file is not None:
            self.file.discard()
            self.file = None

    def finish(self) -> None:
        if self.file is not None:
            self.file.commit()
            self.file = None

    def abort(self) -> None:
        if self.file is not None:
            self.file.discard()
            self.file = None


def run_jsonl(
    sources: list[JsonlSource],
    sink: Sink,
    options: RecordOptions,
    jobs: int,
    on_error: str,
    report: Callable[[str], None],
    progress=None,
) -> RunResult:
    """Clean every source into ``sink``; ``report`` gets each stderr line (without prefix)."""
    run = RunResult()
    results = ordered_map(clean_item, read_batches(sources), jobs, init_worker, (options,))
    try:
        with closing(results):
            for result in results:
                if isinstance(result, SourceError):
                    report(f"error: {result.message}")
                    sink.drop_current()
                    run.failed_sources += 1
                    continue
                if not _write_batch(result, sink, sources, on_error, report, run):
                    break
                if progress is not None:
                    progress.update(result.stats.records + result.stats.faults)
                    progress.set_postfix_str(f"{run.stats.input_bytes / 1e6:.1f} MB", refresh=False)
        sink.finish()
    except BaseException:
        sink.abort()
        raise
    return run


def _write_batch(
    result: BatchResult, sink: Sink, sources: list[JsonlSource], on_error: str,
    report: Callable[[str], None], run: RunResult,
) -> bool:
    """Write one batch's records; False when --on-error fail must stop the run."""
    sink.switch(result.source)
    name = sources[result.source].name
    for outcome in result.outcomes:
        for message in outcome.warnings:
            report(f"{name}:{outcome.number}: {message}")
        if outcome.fault is not None:
            if on_error == "fail":
                report(f"error: {name}:{outcome.number}: {outcome.fault}; stopping (--on-error fail)")
                run.stats.merge(_counted_until(result, outcome.number))
                run.stopped = True
                return False
            action = "dropped" if on_error == "skip" else "written through unchanged"
            report(f"warning: {name}:{outcome.number}: {outcome.fault}; record {action}")
            if on_error == "skip":
                continue
        sink.write(outcome.line)
    sink.flush()
    run.stats.merge(result.stats)
    return True


def _counted_until(result: BatchResult, number: int) -> Stats:
    """Stats of a stopped batch: its totals are per batch, so count just the records written."""
    partial = Stats()
    partial.records = sum(1 for o in result.outcomes if o.number < number and o.fault is None)
    partial.faults = 1
    return partial
