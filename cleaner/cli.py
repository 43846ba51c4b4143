"""The ``newsclean`` command: a filter for shell pipelines.

Its exit codes are the EXIT_* constants below; ``EXIT_CODES_HELP`` prints
them under ``clean --help``, and the README's table says each in full.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .inputs import Source, check_encoding, expand_sources
from .lint import CATASTROPHIC, lint_pattern
from .output import OutputError, make_folder
from .parallel import default_jobs
from .pipeline import get_rules
from .records import RecordOptions, expand_jsonl_sources, is_jsonl_name
from .ruleset import (
    MATCH_TIMEOUT_SECONDS,
    RuleError,
    RuleSet,
    check_examples,
    expand_rule_paths,
    parse_rule_file,
)
from .textrun import ReportSink, TextOptions, TextSink, jobs_for, output_name, run_text

EXIT_OK = 0
EXIT_SOME_INPUTS_FAILED = 1
EXIT_USAGE = 2
EXIT_CANNOT_WRITE = 3

app = typer.Typer(
    help="Strip boilerplate (tickers, menus, promos, comment stubs, related articles, "
    "captcha notices...) from scraped news dumps, keeping the article and reporting "
    "every removal.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
rules_app = typer.Typer(help="List the rules in use, or check a rule file.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


class InputFormat(str, Enum):
    auto = "auto"
    text = "text"
    jsonl = "jsonl"


class OnError(str, Enum):
    keep = "keep"
    skip = "skip"
    fail = "fail"


class ReportFormat(str, Enum):
    diff = "diff"
    json = "json"
    summary = "summary"


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    typer.echo(f"newsclean: error: {message}", err=True)
    return typer.Exit(code)


def warn(message: str) -> None:
    typer.echo(f"newsclean: {message}", err=True)


def load_ruleset(rules: list[Path], disable: list[str]) -> RuleSet:
    try:
        return get_rules([str(path) for path in rules], disable)
    except RuleError as error:
        raise fail(str(error)) from None


# Printed under the options of ``clean --help``; the README has the long form.
EXIT_CODES_HELP = f"""\b
Exit codes:
  {EXIT_OK}  every input was cleaned
  {EXIT_SOME_INPUTS_FAILED}  some inputs failed (each named on stderr); the others were written
  {EXIT_USAGE}  usage error: bad option, rule file, language, encoding or output name
  {EXIT_CANNOT_WRITE}  an output or report cannot be written; no partial file is left"""


@app.command("clean", epilog=EXIT_CODES_HELP)
def clean_command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders (their *.txt) or - for stdin. None: stdin.",
                       show_default=False),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option("-o", "--output", metavar="PATH",
                     help="A file (one input) or a folder (several inputs, a folder input, or a "
                     "name ending in /): one output per input, same name (.json for .txt "
                     "with --format json). "
                     "Default: stdout, documents separated by a blank line.", show_default=False),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="text: the article; json: one object per "
                                   "document per line with the removals.")
    ] = OutputFormat.text,
    report: Annotated[
        str | None,
        typer.Option("--report", help="Write a report of what was removed to this file (- for stderr)."),
    ] = None,
    report_format: Annotated[
        ReportFormat, typer.Option("--report-format", help="diff: labelled unified diff; "
                                   "json: removals per document; summary: counts per category.")
    ] = ReportFormat.summary,
    rules: Annotated[
        list[Path] | None,
        typer.Option("--rules", help="Extra rule file or folder of .toml files (repeatable)."),
    ] = None,
    disable: Annotated[
        list[str] | None,
        typer.Option("--disable", help="Turn off a rule id or a whole category (repeatable)."),
    ] = None,
    lang: Annotated[
        str, typer.Option("--lang", help="Language for stopwords: ISO code (de, fr...) or auto.")
    ] = "auto",
    no_title: Annotated[
        bool, typer.Option("--no-title", help="Leave the detected title out of the output.")
    ] = False,
    encoding: Annotated[
        str | None,
        typer.Option("--encoding", help="Read every input with this encoding (cp1252, latin-1, "
                     "utf-16...). Default: UTF-8, else detected with a note on stderr."),
    ] = None,
    input_format: Annotated[
        InputFormat, typer.Option("--input-format", help="auto: JSON-lines for .jsonl/.ndjson "
                                  "names (also .gz/.bz2/.xz), text otherwise.")
    ] = InputFormat.auto,
    field: Annotated[
        str | None, typer.Option("--field", help="JSON-lines: the field to clean. [default: text]",
                                    show_default=False)
    ] = None,
    report_field: Annotated[
        str | None, typer.Option("--report-field", help="JSON-lines: add the removal report "
                                    "to each record under this key.")
    ] = None,
    on_error: Annotated[
        OnError | None, typer.Option("--on-error", help="JSON-lines: a faulty record is kept "
                                        "unchanged, skipped, or stops the run. [default: keep]",
                                        show_default=False)
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes; the output is the "
                                    "same for any number. [default: all cores]", show_default=False)
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    stats: Annotated[
        bool, typer.Option("--stats", help="End with a one-line summary on stderr: documents "
                           "(records), share of characters removed per category.")
    ] = False,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="JSON-lines: run on this dask.distributed "
                                    "scheduler (tcp://HOST:PORT), one output shard per input "
                                    "shard into the -o folder. Needs newsclean[dask].")
    ] = None,
) -> None:
    """Clean news dumps: the article goes to stdout (or -o), the report to --report.

    \b
    Examples:
      newsclean clean page.txt
      cat page.txt | newsclean clean --report - --report-format diff > article.txt
      newsclean clean dumps/ -o cleaned/ --report summary.txt
      newsclean clean dump.jsonl.gz --report-field removed -o cleaned.jsonl.gz --stats
    """
    ruleset = load_ruleset(rules or [], disable or [])
    output_path = None if output is None else Path(output)
    names_folder = output is not None and output.endswith(("/", os.sep))
    _check_language(lang)
    _check_encoding(encoding)
    jsonl_options = {"--field": field, "--report-field": report_field, "--on-error": on_error,
                     "--scheduler": scheduler}
    if _is_jsonl_run(paths, input_format):
        if output_format is not OutputFormat.text or report is not None:
            raise fail("--format and --report are for text inputs; with JSON-lines use "
                       "--report-field and --stats")
        if report_field is not None and report_field == (field or "text"):
            raise fail("--report-field must differ from --field")
        record_options = RecordOptions(field or "text", report_field, ruleset, lang, not no_title)
        _clean_jsonl(paths or [], output_path, record_options, JsonlSettings(
            jobs or default_jobs(), (on_error or OnError.keep).value, quiet, stats, scheduler,
            names_folder))
    given = [name for name, value in jsonl_options.items() if value is not None]
    if given:
        raise fail(f"{', '.join(given)}: only for JSON-lines inputs (see --input-format)")
    sources, errors = expand_sources(paths or [])
    for message in errors:
        warn(f"error: {message}")
    to_folder = output_path is not None and (
        names_folder or len(paths or []) > 1 or output_path.is_dir() or _has_folder(paths))
    if report not in (None, "-") and not to_folder and output_path is not None and (
            Path(report).resolve() == output_path.resolve()):
        raise fail("--report and -o name the same file")
    if to_folder:
        _check_distinct_names((s.name, output_name(s, output_format.value)) for s in sources)
    options = TextOptions(ruleset, lang, not no_title, encoding, output_format.value,
                          report_format.value if report is not None else None,
                          color=report == "-" and sys.stderr.isatty())
    _clean_text(sources, output_path, to_folder, options, report, jobs or default_jobs(),
                TextSettings(quiet, stats, failed=len(errors)))


@dataclass(frozen=True, slots=True)
class TextSettings:
    quiet: bool
    stats: bool
    failed: int  # inputs named on the command line that could not be used


def _clean_text(sources: list[Source], output: Path | None, to_folder: bool, options: TextOptions,
                report: str | None, jobs: int, settings: TextSettings) -> None:
    """The text run; always ends with typer.Exit."""
    sink = TextSink(output, to_folder, options.output_format)
    with _writing_run(settings.quiet, unit=" documents") as progress:
        if output is not None and to_folder:
            make_folder(output)
        # Opened before the first document: a report that cannot be written stops the run first.
        report_sink = (None if report is None or options.report_format is None
                       else ReportSink(report, options.report_format))
        run = run_text(sources, options, jobs_for(len(sources), jobs), sink, report_sink, warn, progress)
    if settings.stats:
        warn(f"stats: {run.stats.summary('documents')}")
    failed = settings.failed + run.failed
    raise typer.Exit(EXIT_SOME_INPUTS_FAILED if failed else EXIT_OK)


@dataclass(frozen=True, slots=True)
class JsonlSettings:
    jobs: int
    on_error: str
    quiet: bool
    stats: bool
    scheduler: str | None
    names_folder: bool  # -o ends in "/": a folder, even for one input


def _is_jsonl_run(paths: list[str] | None, input_format: InputFormat) -> bool:
    """JSON-lines when asked, or when every named input has a JSON-lines name."""
    if input_format is not InputFormat.auto:
        return input_format is InputFormat.jsonl
    named = [path for path in paths or [] if path != "-"]
    kinds = {is_jsonl_name(path) for path in named}
    if len(kinds) > 1:
        raise fail("JSON-lines and text inputs cannot be mixed in one run")
    return kinds == {True}


def _clean_jsonl(
    paths: list[str], output: Path | None, options: RecordOptions, settings: JsonlSettings
) -> None:
    """The JSON-lines run; always ends with typer.Exit."""
    from .runner import Sink, run_jsonl

    sources, errors = expand_jsonl_sources(paths)
    for message in errors:
        warn(f"error: {message}")
    to_folder = output is not None and (
        settings.scheduler is not None or settings.names_folder or output.is_dir() or len(paths) > 1
        or any(Path(p).is_dir() or p not in {s.name for s in sources} for p in paths if p != "-")
    )
    if to_folder:
        _check_distinct_names((s.name, s.path.name if s.path else "-") for s in sources)
    if settings.scheduler is not None:
        if output is None:
            raise fail("--scheduler needs -o FOLDER: one output shard per input shard")
        _clean_on_cluster(settings.scheduler, sources, output, options, settings, len(errors))
    with _writing_run(settings.quiet, unit=" records") as progress:
        if output is not None and to_folder:
            make_folder(output)
        run = run_jsonl(sources, Sink(output, to_folder, sources), options, settings.jobs,
                        settings.on_error, warn, progress)
    if settings.stats:
        warn(f"stats: {run.stats.summary()}")
    bad = len(errors) + run.failed_sources + run.stats.faults
    raise typer.Exit(EXIT_SOME_INPUTS_FAILED if bad else EXIT_OK)


def _clean_on_cluster(scheduler: str, sources, output: Path, options: RecordOptions,
                      settings: JsonlSettings, failed: int) -> None:
    try:
        from .dask import clean_shards_on
    except ImportError:
        raise fail("--scheduler needs Dask: pip install 'newsclean[dask]'") from None
    try:
        make_folder(output)
    except OutputError as error:
        raise fail(str(error), EXIT_CANNOT_WRITE) from None
    try:
        totals, messages, failed_shards = clean_shards_on(
            scheduler, sources, output, options, settings.on_error)
    except ValueError as error:
        raise fail(str(error)) from None
    except (OSError, TimeoutError) as error:
        raise fail(f"cannot reach scheduler {scheduler}: {error}") from None
    for message in messages:
        warn(message)
    if settings.stats:
        warn(f"stats: {totals.summary()}")
    bad = failed + failed_shards + totals.faults
    raise typer.Exit(EXIT_SOME_INPUTS_FAILED if bad else EXIT_OK)


def _check_distinct_names(names: Iterable[tuple[str, str]]) -> None:
    """One output per input, named like it: two inputs (input name, output name)
    of the same output name would overwrite each other."""
    seen: dict[str, str] = {}
    for source, name in names:
        if name in seen:
            raise fail(f"{seen[name]} and {source} would both be written to {name}")
        seen[name] = source


@contextmanager
def _writing_run(quiet: bool, unit: str) -> Iterator:
    """The block that cleans and writes, given a progress bar (or None): a
    closed stdout (`| head -1`: the reader has all it wants) ends the command
    quietly, and an output that cannot be written ends it in one line, exit 3."""
    progress = _progress_bar(quiet, unit)
    try:
        yield progress
    except BrokenPipeError:
        _silence_stdout()
        raise typer.Exit(EXIT_OK) from None
    except OutputError as error:
        raise fail(str(error), EXIT_CANNOT_WRITE) from None
    finally:
        if progress is not None:
            progress.close()


def _progress_bar(quiet: bool, unit: str):
    """A tqdm bar on stderr when a person watches it; None otherwise."""
    if quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    # No monitor thread: the worker processes are forked after the bar exists.
    tqdm.monitor_interval = 0
    return tqdm(unit=unit, unit_scale=True, file=sys.stderr, mininterval=0.5,
                dynamic_ncols=True)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush cannot fail."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _has_folder(paths: list[str] | None) -> bool:
    return any(Path(p).is_dir() for p in paths or [] if p != "-")


def _check_language(lang: str) -> None:
    from .language import resolve_language

    try:
        resolve_language(lang)
    except ValueError as error:
        raise fail(str(error)) from None


def _check_encoding(encoding: str | None) -> None:
    try:
        if encoding is not None:
            check_encoding(encoding)
    except ValueError as error:
        raise fail(str(error)) from None


@rules_app.command("list")
def rules_list(
    rules: Annotated[
        list[Path] | None, typer.Option("--rules", help="Also list rules from this file or folder.")
    ] = None,
    disable: Annotated[
        list[str] | None, typer.Option("--disable", help="Leave out a rule id or a whole category.")
    ] = None,
) -> None:
    """One line per rule in use: id, category, scope, why."""
    for rule in load_ruleset(rules or [], disable or []):
        typer.echo(f"{rule.id}\t{rule.category}\t{rule.scope}\t{rule.why}")


@rules_app.command("check")
def rules_check(
    files: Annotated[list[Path], typer.Argument(help="Rule files or folders to validate.")],
) -> None:
    """Validate rule files, run their match/no_match examples, lint their patterns.

    Exit 0 when every rule loads, every example behaves and no pattern is
    likely to backtrack catastrophically (nested quantifiers like (a+)+,
    overlapping alternatives like (a|a)*); 1 otherwise, with one line per
    problem naming the rule id. Patterns that may only be slow on very long
    lines (\\s*:?\\s*, a leading \\s*) get a warning line and do not fail the check.
    """
    try:
        paths = expand_rule_paths(files)
    except RuleError as error:
        raise fail(str(error)) from None
    problems = sum(_check_rule_file(path) for path in paths)
    raise typer.Exit(EXIT_SOME_INPUTS_FAILED if problems else EXIT_OK)


def _check_rule_file(path: Path) -> int:
    """Report the problems of one rule file on stderr; return how many."""
    try:
        loaded = parse_rule_file(path)
    except RuleError as error:
        warn(f"error: {error}")
        return 1
    failures, timeouts = [], 0
    for rule in loaded:  # one rule at a time: an example that times out names its rule
        try:
            failures += check_examples([rule])
        except TimeoutError:
            timeouts += 1
            warn(f"error: {path}: rule {rule.id}: an example timed out "
                 f"(over {MATCH_TIMEOUT_SECONDS} s): the pattern backtracks catastrophically")
    for failure in failures:
        expectation = "should match" if failure.expected_match else "should not match"
        warn(f"error: {path}: rule {failure.rule_id}: example {expectation}: {failure.example!r}")
    problems = len(failures) + timeouts + _lint_rules(path, loaded)
    if not problems:
        typer.echo(f"{path}: {len(loaded)} rules ok")
    return problems


def _lint_rules(path: Path, rules: list) -> int:
    """Report likely backtracking problems; return how many are errors (catastrophic)."""
    errors = 0
    for rule in rules:
        for finding in lint_pattern(rule.pattern):
            if finding.severity == CATASTROPHIC:
                errors += 1
                warn(f"error: {path}: rule {rule.id}: pattern may backtrack catastrophically: "
                     f"{finding.message}")
            else:
                warn(f"warning: {path}: rule {rule.id}: pattern may be slow on long lines: "
                     f"{finding.message}")
    return errors


def main() -> None:
    """Entry point: typer's app with broken pipes ending quietly (``| head``)."""
    try:
        app()
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(EXIT_OK)
