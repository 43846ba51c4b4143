"""Huge inputs through the CLI: a line of tens of megabytes, a document of
hundreds of thousands of lines, a huge run of white space. Nothing is timed
here (speed and memory are measured in bench/); the generous subprocess
timeout only turns a hang into a failure."""

import json
import random

import regex
from invariants import delete_spans, normalised_lines
from robust_helpers import GOOD, GOOD_EXPECTED, PROSE, assert_one_clear_line, run, stderr_lines

# The only stderr a huge but honest input may cause: a shipped rule's search
# on a gigantic line running past the per-search timeout (see the report).
TIMEOUT_NOTE = regex.compile(r"newsclean: (\S+): rule [\w.-]+ timed out and was skipped")


def check_json_output(done, path, text: str) -> dict:
    """The record for ``path`` in --format json output, checked against the input."""
    records = {record["id"]: record for record in map(json.loads, done.stdout.splitlines())}
    record = records[path.name]
    removals = [type("R", (), r) for r in record["removed"]]
    for removal in removals:
        assert text[removal.start:removal.end] == removal.text
    assert normalised_lines(delete_spans(text, removals)) == normalised_lines(record["text"])
    assert records[GOOD.name]["text"] == GOOD_EXPECTED, "the other input was lost"
    return record


def only_timeout_notes(done, name: str) -> None:
    assert_one_clear_line(done)
    for line in stderr_lines(done):
        match = TIMEOUT_NOTE.fullmatch(line)
        assert match and match.group(1) == name, line


def clean_huge_input(tmp_path, name: str, text: str) -> None:
    """Write ``text`` to ``name``, clean it beside a good input, check it all."""
    page = tmp_path / name
    page.write_text(text, encoding="utf-8")
    done = run("clean", page, GOOD, "--format", "json", timeout=240)
    assert done.returncode == 0, done.stderr
    only_timeout_notes(done, name)
    check_json_output(done, page, text)


def test_twenty_megabyte_line_without_newline(tmp_path):
    words = PROSE.split()
    rng = random.Random(20)
    line = " ".join(rng.choice(words) for _ in range(2_600_000))[:20_000_000].strip()
    clean_huge_input(tmp_path, "big.txt", line)  # no newline at all


def test_two_hundred_thousand_lines(tmp_path):
    rng = random.Random(200)
    menu = ["Home", "World", "Share", "Advertisement", "|", "Sign up", "Comments", "-",
            "Headline of another story - 5 mins ago", "PHOTO: AFP"]
    lines = [PROSE if i % 7 == 0 else rng.choice(menu) for i in range(200_000)]
    text = "\n".join(lines) + "\n"
    clean_huge_input(tmp_path, "long.txt", text)


def test_megabyte_run_of_white_space_inside_a_line(tmp_path):
    """Patterns with \\s* at their edge are quadratic on such runs; the timeout
    bounds them and the line is still cleaned."""
    text = PROSE + "\n" + "Sign up" + " " * 1_000_000 + "for our newsletter.\n" + PROSE + "\n"
    clean_huge_input(tmp_path, "spaces.txt", text)
