"""Dask integration: the cleaner mapped over a dask.bag, a DataFrame column, or shards on a cluster.

Needs ``pip install 'newsclean[dask]'``.

    import dask.bag as db, json
    from cleaner.dask import clean_bag, to_json_line

    records = db.read_text("shards/*.jsonl.gz").map(json.loads)
    clean_bag(records, report_field="removed").map(to_json_line).to_textfiles(
        "out/*.jsonl.gz", last_endline=True)

Workers rebuild nothing: the rule set travels with the task graph, so user
rules given on the client need not exist on the workers. On a cluster,
:func:`clean_shards_on` cleans each input shard into one output shard with
exactly the code of a single-process run, so the bytes are the same.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import dask.bag as db

from .pipeline import clean, get_rules
from .records import JsonlSource, RecordOptions, Stats
from .runner import Sink, run_jsonl

# How long the client waits for the scheduler before giving up with a message.
CONNECT_TIMEOUT = "15s"


def _options(field: str, report_field: str | None, rules, lang: str, include_title: bool):
    return RecordOptions(field, report_field, rules if rules is not None else get_rules(), lang,
                         include_title)


def clean_record(record: dict, options: RecordOptions, on_error: str = "keep") -> dict | None:
    """A copy of ``record`` with its field cleaned (and the report added); same key order.

    A record without the field, or whose field is not a string, is returned
    unchanged (``keep``), dropped as None (``skip``) or raises ValueError (``fail``).
    """
    value = record.get(options.field) if isinstance(record, dict) else None
    if not isinstance(value, str):
        if on_error == "fail":
            raise ValueError(f"record has no string field {options.field!r}")
        return None if on_error == "skip" else record
    result = clean(value, rules=options.rules, lang=options.lang, include_title=options.include_title)
    cleaned = dict(record)
    cleaned[options.field] = result.text
    if options.report_field is not None:
        cleaned[options.report_field] = {
            "title": result.title, "removed": [r.as_dict() for r in result.removed]}
    return cleaned


def _clean_partition(records: Iterable[dict], options: RecordOptions, on_error: str) -> list[dict]:
    cleaned = (clean_record(record, options, on_error) for record in records)
    return [record for record in cleaned if record is not None]


def clean_bag(
    bag: db.Bag,
    *,
    field: str = "text",
    report_field: str | None = None,
    rules=None,
    lang: str = "auto",
    include_title: bool = True,
    on_error: str = "keep",
) -> db.Bag:
    """A bag of records (dicts) with ``field`` cleaned in each; order and other keys kept."""
    options = _options(field, report_field, rules, lang, include_title)
    return bag.map_partitions(_clean_partition, options, on_error)


def clean_column(column, *, rules=None, lang: str = "auto", include_title: bool = True):
    """A dask DataFrame column (Series of str) with each text cleaned; needs dask[dataframe]."""
    options = _options("text", None, rules, lang, include_title)

    def clean_series(series):
        return series.map(lambda text: clean(text, rules=options.rules, lang=options.lang,
                                             include_title=options.include_title).text
                          if isinstance(text, str) else text)

    return column.map_partitions(clean_series, meta=column._meta)


def _clean_shard(shard: tuple[str, str, str], options: RecordOptions, on_error: str):
    """On a worker: one input shard into one output shard; (stats, messages, failed).

    ``shard`` is (name for messages, absolute input path, absolute output folder).
    """
    source, folder = JsonlSource(shard[0], Path(shard[1])), Path(shard[2])
    messages: list[str] = []
    run = run_jsonl([source], Sink(folder, True, [source]), options, 1, on_error, messages.append)
    return run.stats, messages, run.failed_sources


def clean_shards_on(
    address: str, sources: list[JsonlSource], output: Path, options: RecordOptions, on_error: str
) -> tuple[Stats, list[str], int]:
    """Clean each shard on the dask.distributed scheduler at ``address`` into ``output``/.

    The paths must be readable and ``output`` writable by the workers (a shared
    file system). Returns the summed stats, the stderr lines (without the
    ``newsclean:`` prefix) in shard order, and how many shards failed.
    """
    from distributed import Client

    paths = [source.path for source in sources if source.path is not None]
    if len(paths) < len(sources):
        raise ValueError("standard input cannot be spread over a cluster")
    pairs = [(source.name, str(path.resolve()), str(output.resolve())) for source, path in zip(sources, paths)]
    totals, failed = Stats(), 0
    messages: list[str] = []
    if not pairs:
        return totals, messages, failed
    with Client(address, timeout=CONNECT_TIMEOUT) as client:
        bag = db.from_sequence(pairs, npartitions=len(pairs)).map(_clean_shard, options, on_error)
        for stats, shard_messages, shard_failed in client.compute(bag).result():
            totals.merge(stats)
            messages.extend(shard_messages)
            failed += shard_failed
    return totals, messages, failed


def to_json_line(record: dict) -> str:
    """One record as a JSON line, non-ASCII kept as is (for ``Bag.map`` before ``to_textfiles``)."""
    return json.dumps(record, ensure_ascii=False)
