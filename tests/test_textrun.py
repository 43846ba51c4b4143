"""Text runs: many files cleaned in worker processes, written in input order,
and outputs that cannot be written named in one line."""

import gzip
import json
import shutil
import subprocess
import sys

import pytest
from conftest import SEEDS

from cleaner.inputs import Source
from cleaner.pipeline import clean, get_rules
from cleaner.report import summary_counts
from cleaner.textrun import DocumentOutcome, ReportSink, TextOptions, _Document, process

SEED = SEEDS / "002_8263427240d95e84.txt"


def newsclean(*args, cwd, stdin: bytes | None = None):
    return subprocess.run([sys.executable, "-m", "cleaner", *map(str, args)], input=stdin,
                          check=False, capture_output=True, cwd=cwd, timeout=300)


@pytest.fixture
def folder(tmp_path, seed_inputs):
    """Thirty dumps, with an unreadable one and a cp1252 one among them."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    for copy in range(6):
        for path in seed_inputs:
            shutil.copy(path, inputs / f"{copy}_{path.name}")
    (inputs / "2_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (inputs / "3_legacy.txt").write_bytes(SEED.read_text(encoding="utf-8").replace(
        "'", "\u2019").encode("cp1252"))
    return inputs


def test_output_report_and_stderr_are_the_same_for_any_jobs(tmp_path, folder):
    runs = []
    for jobs in ("1", "2", "3"):
        out = tmp_path / f"out{jobs}"
        done = newsclean("clean", folder, "-j", jobs, "--report", "-", "--report-format", "diff",
                         "--stats", cwd=tmp_path)
        to_folder = newsclean("clean", folder, "-j", jobs, "-o", out, "--format", "json", cwd=tmp_path)
        files = {path.name: path.read_bytes() for path in sorted(out.iterdir())}
        runs.append((done.returncode, done.stdout, done.stderr, to_folder.returncode, files))
    assert runs[0] == runs[1] == runs[2]
    code, stdout, stderr, _, files = runs[0]
    assert code == 1 and len(files) == 31  # all but the binary one
    assert stderr.count(b"error: 2_binary.txt") == 1
    assert stderr.index(b"--- 1_") < stderr.index(b"error: 2_binary.txt") < stderr.index(b"--- 3_")
    assert stderr.index(b"3_legacy.txt: not UTF-8, read as cp1252") < stderr.index(b"--- 3_legacy.txt")
    assert stdout.count(b"Russia Supplies Antiaircraft Missiles") >= 7
    assert stderr.splitlines()[-1].startswith(b"newsclean: stats: 31 documents, ")


def test_folder_output_matches_one_file_at_a_time(tmp_path, folder, seed_inputs):
    done = newsclean("clean", folder, "-j", "2", "-o", tmp_path / "out", cwd=tmp_path)
    assert done.returncode == 1
    for path in seed_inputs:
        expected = path.with_name(path.stem + ".expected.txt").read_bytes()
        assert (tmp_path / "out" / f"5_{path.name}").read_bytes() == expected


def test_summary_report_counts_every_cleaned_document(seed_inputs):
    options = TextOptions(get_rules(), "auto", True, None, "text", "summary")
    outcomes = [process(_Document(Source(p.name, p)), options) for p in seed_inputs]
    sink = ReportSink("-", "summary")
    for outcome in outcomes:
        sink.add(outcome)
    removals = [r for p in seed_inputs for r in clean(p.read_text(encoding="utf-8")).removed]
    assert sink.counts == summary_counts(removals) and sink.documents == len(seed_inputs)


def test_an_unreadable_document_is_one_error_line_and_no_output(tmp_path):
    options = TextOptions(get_rules(), "auto", True, None, "text", None)
    outcome = process(_Document(Source("gone.txt", tmp_path / "gone.txt")), options)
    assert outcome == DocumentOutcome(["error: gone.txt: cannot read: No such file or directory"], None)


def test_json_report_is_one_line_per_document(tmp_path, seed_inputs):
    done = newsclean("clean", *seed_inputs, "-j", "2", "--report", tmp_path / "r.jsonl.gz",
                     "--report-format", "json", "-o", tmp_path / "out", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = gzip.decompress((tmp_path / "r.jsonl.gz").read_bytes()).decode().splitlines()
    assert [json.loads(line)["id"] for line in lines] == [p.name for p in seed_inputs]


def test_closed_pipe_ends_a_text_run_quietly(tmp_path, folder):
    done = subprocess.run(f"{sys.executable} -m cleaner clean {folder} -j 2 | head -1", shell=True,
                          check=False, capture_output=True, cwd=tmp_path, timeout=300)
    assert done.returncode == 0 and done.stderr.count(b"\n") <= 1  # the binary file's line at most
    assert len(done.stdout.splitlines()) == 1


@pytest.mark.parametrize("args, named", [
    (["SEED", "-o", "missing/article.txt"], "missing/article.txt: cannot write: No such file"),
    (["SEED", "--report", "missing/report.txt"], "missing/report.txt: cannot write: No such file"),
    (["SEED", "SEED2", "-o", "a_file"], "a_file: exists and is not a folder"),
    (["d.jsonl", "-o", "missing/d.jsonl"], "missing/d.jsonl: cannot write: No such file"),
    (["d.jsonl", "d2.jsonl", "-o", "a_file"], "a_file: exists and is not a folder"),
])
def test_an_output_that_cannot_be_written_is_exit_3_in_one_line(tmp_path, args, named):
    (tmp_path / "a_file").write_text("keep me", encoding="utf-8")
    for name in ("d.jsonl", "d2.jsonl"):
        (tmp_path / name).write_text(json.dumps({"text": SEED.read_text(encoding="utf-8")}) + "\n")
    paths = {"SEED": SEED, "SEED2": SEEDS / "001_891e35ad8191d4d8.txt"}
    done = newsclean("clean", *[paths.get(arg, arg) for arg in args], cwd=tmp_path)
    assert done.returncode == 3
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"newsclean: error: {named}")
    assert (tmp_path / "a_file").read_text(encoding="utf-8") == "keep me"
    assert not list(tmp_path.rglob("*.part"))


def test_two_inputs_for_one_output_name_are_refused(tmp_path):
    for side in ("a", "b"):
        (tmp_path / side).mkdir()
        shutil.copy(SEED, tmp_path / side / "page.txt")
    done = newsclean("clean", "a/page.txt", "b/page.txt", "-o", "out", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.decode().strip() == (
        "newsclean: error: page.txt and page.txt would both be written to page.txt")
    assert not (tmp_path / "out").exists()


def test_an_output_name_ending_in_a_slash_is_a_folder_even_for_one_input(tmp_path):
    (tmp_path / "d.jsonl").write_text(json.dumps({"text": SEED.read_text(encoding="utf-8")}) + "\n")
    assert newsclean("clean", SEED, "-o", "text/", cwd=tmp_path).returncode == 0
    assert newsclean("clean", "d.jsonl", "-o", "records/", cwd=tmp_path).returncode == 0
    assert (tmp_path / "text" / SEED.name).read_text(encoding="utf-8") == (
        SEEDS / "002_8263427240d95e84.expected.txt").read_text(encoding="utf-8")
    assert json.loads((tmp_path / "records" / "d.jsonl").read_text(encoding="utf-8"))["text"]


def test_json_outputs_in_a_folder_are_named_json(tmp_path):
    shutil.copy(SEED, tmp_path / "page.txt")
    (tmp_path / "notes").write_bytes(SEED.read_bytes())
    (tmp_path / "old.txt.gz").write_bytes(gzip.compress(SEED.read_bytes()))
    done = newsclean("clean", "page.txt", "notes", "old.txt.gz", "-", "--format", "json",
                     "-o", "out", cwd=tmp_path, stdin=SEED.read_bytes())
    assert done.returncode == 0, done.stderr
    names = sorted(path.name for path in (tmp_path / "out").iterdir())
    assert names == ["notes.json", "old.json", "page.json", "stdin.json"]
    record = json.loads((tmp_path / "out" / "page.json").read_text(encoding="utf-8"))
    assert record["id"] == "page.txt" and record["text"] == (
        SEEDS / "002_8263427240d95e84.expected.txt").read_text(encoding="utf-8")


def test_json_outputs_that_would_share_a_name_are_refused(tmp_path):
    shutil.copy(SEED, tmp_path / "page.txt")
    shutil.copy(SEED, tmp_path / "page")
    done = newsclean("clean", "page.txt", "page", "--format", "json", "-o", "out", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.decode().strip() == (
        "newsclean: error: page.txt and page would both be written to page.json")


def test_report_and_output_on_one_file_are_refused(tmp_path):
    done = newsclean("clean", SEED, "-o", "same.txt", "--report", "./same.txt", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.decode().strip() == "newsclean: error: --report and -o name the same file"
    assert not (tmp_path / "same.txt").exists()


def test_disabling_an_unknown_rule_is_a_usage_error(tmp_path):
    done = newsclean("clean", SEED, "--disable", "ad.lable", cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr.decode().strip() == ("newsclean: error: cannot disable 'ad.lable': no rule id "
                                            "or category of that name (newsclean rules list shows them)")
