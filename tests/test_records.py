"""JSON-lines dumps: every record and field in place, only the cleaned field changes."""

import gzip
import json
import subprocess
import sys

import pytest
from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import clean
from cleaner.records import RecordOptions, Stats, is_jsonl_name, process_line


def seed_records() -> list[dict]:
    inputs = sorted(p for p in SEEDS.glob("*.txt") if not p.name.endswith(".expected.txt"))
    return [{"id": p.stem, "text": p.read_text(encoding="utf-8"), "n": i, "tags": ["a", "é"]}
            for i, p in enumerate(inputs)]


def write_jsonl(path, records) -> bytes:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "wb") as handle:
        handle.write(data)
    return data


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "cleaner", *map(str, args)],
                          check=False, capture_output=True, cwd=cwd, timeout=300)


@pytest.mark.parametrize("name", ["dump.jsonl", "dump.jsonl.gz", "dump.ndjson"])
def test_round_trip_keeps_every_record_and_field(tmp_path, name):
    records = seed_records()
    write_jsonl(tmp_path / name, records)
    out = tmp_path / ("out-" + name)
    done = run("clean", name, "-o", out.name, "-j", "1", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    opener = gzip.open if name.endswith(".gz") else open
    with opener(out, "rt", encoding="utf-8") as handle:
        cleaned = [json.loads(line) for line in handle]
    assert len(cleaned) == len(records)
    for before, after in zip(records, cleaned):
        assert list(after) == list(before)
        assert {k: v for k, v in after.items() if k != "text"} == {
            k: v for k, v in before.items() if k != "text"}
        assert after["text"] == clean(before["text"]).text


def test_only_the_cleaned_field_changes_byte_for_byte():
    line = b'{ "id" :1,"text":"Share\\nThe minister said on Monday that talks resume.",  "x":[1, 2] }\n'
    outcome = process_line(1, line, RecordOptions(), Stats())
    cleaned = json.dumps(clean(json.loads(line)["text"]).text, ensure_ascii=False).encode()
    start = line.index(b'"Share')
    end = line.index(b'",  "x"') + 1
    assert outcome.line == line[:start] + cleaned + line[end:]


def test_report_field_is_added_last_or_replaced():
    options = RecordOptions(report_field="removed")
    line = json.dumps({"text": "Share\nThe minister said on Monday that talks resume."}).encode()
    record = json.loads(process_line(1, line, options, Stats()).line)
    assert list(record) == ["text", "removed"]
    assert {r["category"] for r in record["removed"]["removed"]} == {"share"}
    again = json.loads(process_line(1, json.dumps({"removed": 1, "text": "x"}).encode(), options,
                                    Stats()).line)
    assert list(again) == ["removed", "text"] and isinstance(again["removed"]["removed"], list)


def test_other_field_name():
    line = json.dumps({"text": 5, "body": "Share\nThe minister said on Monday."}).encode()
    record = json.loads(process_line(1, line, RecordOptions(field="body"), Stats()).line)
    assert record["text"] == 5 and "Share" not in record["body"]


def test_blank_lines_hold_no_record():
    assert process_line(3, b"  \r\n", RecordOptions(), Stats()) is None


def test_report_field_and_stats_through_the_cli(tmp_path):
    write_jsonl(tmp_path / "d.jsonl", seed_records())
    done = run("clean", "d.jsonl", "--report-field", "report", "--stats", "-j", "1", cwd=tmp_path)
    assert done.returncode == 0
    first = json.loads(done.stdout.splitlines()[0])
    assert set(first["report"]) == {"title", "removed"}
    stderr = done.stderr.decode()
    assert stderr.startswith("newsclean: stats: 5 records") and stderr.count("\n") == 1


def test_stdin_needs_input_format(tmp_path):
    data = write_jsonl(tmp_path / "d.jsonl", seed_records()[:2])
    done = subprocess.run([sys.executable, "-m", "cleaner", "clean", "--input-format", "jsonl",
                           "-j", "1"], input=data, check=False, capture_output=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 0 and len(done.stdout.splitlines()) == 2


def test_text_only_options_are_usage_errors_with_jsonl(tmp_path):
    write_jsonl(tmp_path / "d.jsonl", seed_records()[:1])
    done = run("clean", "d.jsonl", "--format", "json", cwd=tmp_path)
    assert done.returncode == 2 and done.stderr.decode().startswith("newsclean: error: ")
    done = run("clean", SEEDS / "002_8263427240d95e84.txt", "--field", "body", cwd=tmp_path)
    assert done.returncode == 2 and b"Traceback" not in done.stderr


def test_folder_output_one_shard_per_input(tmp_path):
    records = seed_records()
    write_jsonl(tmp_path / "a.jsonl.gz", records[:2])
    write_jsonl(tmp_path / "b.jsonl", records[2:])
    done = run("clean", "a.jsonl.gz", "b.jsonl", "-o", "out", "-j", "2", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    with gzip.open(tmp_path / "out" / "a.jsonl.gz", "rt", encoding="utf-8") as handle:
        assert len(handle.readlines()) == 2
    assert len((tmp_path / "out" / "b.jsonl").read_text().splitlines()) == 3
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.endswith(".part")]


@pytest.mark.parametrize("name,expected", [
    ("a.jsonl", True), ("a.ndjson.gz", True), ("a.JSONL.xz", True), ("a.jsonl.bz2", True),
    ("a.json", False), ("a.txt.gz", False), ("jsonl", False),
])
def test_jsonl_names(name, expected):
    assert is_jsonl_name(name) is expected


def test_closed_pipe_ends_quietly(tmp_path):
    records = seed_records() * 20
    write_jsonl(tmp_path / "d.jsonl", records)
    done = subprocess.run(f"{sys.executable} -m cleaner clean d.jsonl -j 2 | head -1",
                          shell=True, check=False, capture_output=True, cwd=tmp_path, timeout=300)
    assert done.stderr == b"" and len(done.stdout.splitlines()) == 1


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(st.text(max_size=8).filter(lambda k: k not in ("text", "_report")), json_values, max_size=5),
    st.text(max_size=200),
    st.integers(0, 5),
    st.sampled_from([(", ", ": "), (",", ":"), (" , ", " :  ")]),
    st.booleans(),
)
def test_any_record_keeps_its_other_members(others, text, where, separators, ascii_only):
    items = list(others.items())
    items.insert(min(where, len(items)), ("text", text))
    record = dict(items)
    line = json.dumps(record, separators=separators, ensure_ascii=ascii_only).encode("utf-8")
    outcome = process_line(1, line, RecordOptions(report_field="_report"), Stats())
    result = json.loads(outcome.line)
    assert outcome.fault is None and outcome.line.endswith(b"\n")
    assert list(result) == [*record, "_report"]
    assert result["text"] == clean(text).text
    assert {k: v for k, v in result.items() if k not in ("text", "_report")} == others
