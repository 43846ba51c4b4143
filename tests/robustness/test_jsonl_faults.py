"""Faulty JSON-lines records through the CLI: one warning line each, nothing else lost.

Each case writes a dump whose third line is faulty between good records, runs
`newsclean clean` from a temporary folder, and checks the exit code, the
single stderr line naming line 3, and that every other record came out.
Exit codes: any faulty record makes the run exit 1, whatever the policy (the
record was not cleaned); 2 is for usage errors.
"""

import json
import subprocess
import sys

import pytest

GOOD = "The minister said on Monday that the talks would resume after the summer break."
FAULTS = {
    "not JSON": b'{"id": 3, "text": "unterminated\n',
    "not a JSON object": b'["id", 3]\n',
    "no field 'text'": b'{"id": 3, "body": "x"}\n',
    "field 'text' is null, not a string": b'{"id": 3, "text": null}\n',
    "field 'text' is a number, not a string": b'{"id": 3, "text": 42}\n',
    "not UTF-8": b'{"id": 3, "text": "caf\xe9"}\n',
}


def good(number: int) -> bytes:
    return json.dumps({"id": number, "text": f"Share\n{GOOD}"}).encode() + b"\n"


def dump_with(fault: bytes) -> bytes:
    return good(1) + good(2) + fault + good(4) + good(5)


def run(tmp_path, fault: bytes, *options: str):
    (tmp_path / "dump.jsonl").write_bytes(dump_with(fault))
    return subprocess.run([sys.executable, "-m", "cleaner", "clean", "dump.jsonl", "-j", "1",
                           *options], check=False, capture_output=True, cwd=tmp_path, timeout=120)


def ids(stdout: bytes) -> list:
    """The ids of the cleaned records ("Share" removed) in the output."""
    return [json.loads(line)["id"] for line in stdout.splitlines()
            if line.startswith(b'{"id": ') and b'"text": "The minister' in line]


@pytest.mark.parametrize("reason,fault", FAULTS.items())
def test_keep_writes_the_faulty_line_through_unchanged(tmp_path, reason, fault):
    done = run(tmp_path, fault)
    assert done.returncode == 1
    lines = done.stdout.splitlines(keepends=True)
    assert len(lines) == 5 and lines[2] == fault
    assert ids(b"".join(lines[:2] + lines[3:])) == [1, 2, 4, 5]
    message = done.stderr.decode()
    assert message.count("\n") == 1
    assert message.startswith(f"newsclean: warning: dump.jsonl:3: {reason}")
    assert message.rstrip().endswith("record written through unchanged")


@pytest.mark.parametrize("reason,fault", FAULTS.items())
def test_skip_drops_only_the_faulty_record(tmp_path, reason, fault):
    done = run(tmp_path, fault, "--on-error", "skip")
    assert done.returncode == 1
    assert ids(done.stdout) == [1, 2, 4, 5]
    assert done.stderr.decode().count("\n") == 1 and "dump.jsonl:3: " + reason in done.stderr.decode()


@pytest.mark.parametrize("reason,fault", FAULTS.items())
def test_fail_stops_after_writing_what_came_before(tmp_path, reason, fault):
    done = run(tmp_path, fault, "--on-error", "fail", "-o", "out.jsonl")
    assert done.returncode == 1
    assert ids((tmp_path / "out.jsonl").read_bytes()) == [1, 2]
    message = done.stderr.decode()
    assert message.startswith(f"newsclean: error: dump.jsonl:3: {reason}")
    assert message.endswith("; stopping (--on-error fail)\n") and message.count("\n") == 1


def test_a_clean_dump_exits_0_with_nothing_on_stderr(tmp_path):
    done = run(tmp_path, good(3))
    assert done.returncode == 0 and done.stderr == b"" and ids(done.stdout) == [1, 2, 3, 4, 5]


def test_truncated_gzip_fails_alone(tmp_path):
    import gzip

    (tmp_path / "ok.jsonl").write_bytes(good(1))
    (tmp_path / "cut.jsonl.gz").write_bytes(gzip.compress(good(2) * 50)[:-30])
    done = subprocess.run([sys.executable, "-m", "cleaner", "clean", "cut.jsonl.gz", "ok.jsonl",
                           "-o", "out", "-j", "1"], check=False, capture_output=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 1
    assert done.stderr.decode().startswith("newsclean: error: cut.jsonl.gz: cannot read")
    assert done.stderr.count(b"\n") == 1 and b"Traceback" not in done.stderr
    assert (tmp_path / "out" / "ok.jsonl").exists()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["ok.jsonl"]


def test_unknown_policy_is_a_usage_error(tmp_path):
    done = run(tmp_path, good(3), "--on-error", "ignore")
    assert done.returncode == 2 and b"Traceback" not in done.stderr
