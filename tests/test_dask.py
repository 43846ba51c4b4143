"""The Dask engine on a LocalCluster of two worker processes (loopback only, no network)."""

import gzip
import json
import subprocess
import sys

import pytest

distributed = pytest.importorskip("distributed")
db = pytest.importorskip("dask.bag")

from conftest import SEEDS

from cleaner import clean
from cleaner.dask import clean_bag


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None, silence_logs=50)
    with distributed.Client(cluster) as connected:
        yield connected
    cluster.close()


def records() -> list[dict]:
    inputs = sorted(p for p in SEEDS.glob("*.txt") if not p.name.endswith(".expected.txt"))
    return [{"id": p.stem, "text": p.read_text(encoding="utf-8"), "n": i} for i, p in enumerate(inputs)]


def test_clean_bag_equals_single_process(client):
    bag = db.from_sequence(records(), npartitions=3)
    cleaned = clean_bag(bag, report_field="removed").compute()
    assert [r["id"] for r in cleaned] == [r["id"] for r in records()]
    for before, after in zip(records(), cleaned):
        assert list(after) == ["id", "text", "n", "removed"]
        assert after["text"] == clean(before["text"]).text


def test_cli_on_the_cluster_writes_the_single_process_bytes(client, tmp_path):
    data = [json.dumps(r, ensure_ascii=False) + "\n" for r in records()]
    (tmp_path / "shards").mkdir()
    with gzip.open(tmp_path / "shards" / "a.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.writelines(data[:3])
    (tmp_path / "shards" / "b.jsonl").write_text("".join(data[3:]) + "not json\n", encoding="utf-8")

    def run(*args):
        return subprocess.run([sys.executable, "-m", "cleaner", "clean", "shards/*.jsonl.gz", "shards/*.jsonl",
                               "-o", *args], check=False, capture_output=True, cwd=tmp_path, timeout=300)

    local = run("local", "-j", "1")
    remote = run("remote", "--scheduler", client.scheduler.address)
    assert local.returncode == remote.returncode == 1  # the faulty line, kept, is reported
    assert local.stderr == remote.stderr and remote.stderr.count(b"\n") == 1
    for name in ("a.jsonl.gz", "b.jsonl"):
        assert (tmp_path / "remote" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()


def test_clean_column_of_a_dataframe():
    dd = pytest.importorskip("dask.dataframe")  # needs dask[dataframe], not in the test extra
    pd = pytest.importorskip("pandas")
    from cleaner.dask import clean_column

    frame = pd.DataFrame(records())
    cleaned = clean_column(dd.from_pandas(frame, npartitions=2)["text"]).compute(
        scheduler="synchronous")
    assert list(cleaned) == [clean(text).text for text in frame["text"]]
