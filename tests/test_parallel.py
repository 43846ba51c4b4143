"""Ordered parallel cleaning: the same bytes for any --jobs, bounded in-flight work."""

import json
import subprocess
import sys

from conftest import SEEDS

from cleaner.parallel import IN_FLIGHT_PER_JOB, ordered_map


def _square(x):
    return x * x


def _nothing():
    pass


def test_results_come_back_in_input_order():
    assert list(ordered_map(_square, range(50), 2, _nothing)) == [x * x for x in range(50)]
    assert list(ordered_map(_square, range(5), 1, _nothing)) == [0, 1, 4, 9, 16]


def test_reads_only_a_bounded_number_of_batches_ahead():
    read = []

    def source():
        for item in range(1000):
            read.append(item)
            yield item

    results = ordered_map(_square, source(), 2, _nothing)
    assert next(results) == 0
    assert len(read) <= IN_FLIGHT_PER_JOB * 2 + 1
    results.close()


def test_output_is_byte_identical_for_any_jobs(tmp_path):
    inputs = sorted(p for p in SEEDS.glob("*.txt") if not p.name.endswith(".expected.txt"))
    records = [{"id": p.name, "text": p.read_text(encoding="utf-8")} for p in inputs] * 30
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines.insert(7, "not json")  # faults travel in order too
    (tmp_path / "d.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    outputs = []
    for jobs in ("1", "2", "3"):
        target = tmp_path / f"out{jobs}.jsonl.gz"
        done = subprocess.run([sys.executable, "-m", "cleaner", "clean", "d.jsonl", "-j", jobs,
                               "-o", target.name], check=False, capture_output=True, cwd=tmp_path, timeout=300)
        assert done.returncode == 1 and done.stderr.count(b"\n") == 1
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
