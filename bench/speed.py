"""Speed benchmark: newsclean's throughput next to trafilatura, and --jobs scaling.

Usage:
    python bench/speed.py DATASET_DIR [--rounds N] [--target-mb MB] [--jobs 1,2]
                                      [--folder-copies N] [--skip-jobs] [--skip-peers]

DATASET_DIR is laid out as for bench/quality.py (input/ID.txt, optionally
html/ID.html.gz). The data is never part of this project.

Part 1, one core, in this process: newsclean over the text dumps, trafilatura
over the same dumps (each line a <p>, as in bench/quality.py) and trafilatura
on the original HTML. Rounds are interleaved (every system once per round, in
turn) so that a noisy neighbour hits all of them alike; the table gives the
median round. docs/s counts documents; MB/s the UTF-8 size of what each
system reads (dump text, or HTML). File reading is excluded.

Part 2, the command line: the dumps as one JSON-lines file, the pages
repeated until it holds at least --target-mb MB (in a temporary folder), run
through `newsclean clean --quiet -o OUT` once per --jobs value. It prints
wall time, records/s, the speed-up over the first --jobs value, the CPU time
of the process tree and how many cores it kept busy on average (CPU / wall:
on a machine shared with other work, the speed-up is capped by the cores
left free, which the load average before each run hints at), the peak
resident memory of the whole process tree (main process and workers, summed,
sampled every 50 ms), and whether every output is byte-identical.

Part 3, the command line over a folder of text files: each page written
--folder-copies times under its own name, run through
`newsclean clean FOLDER --quiet -o OUT` once per --jobs value, with the same
columns as part 2 (docs/s in place of records/s).
"""
from __future__ import annotations

import argparse
import gzip
import json
import logging
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from peers import Page, make_trafilatura_extractor

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

# Sampling period of the memory watcher: short enough to catch the peak of a
# run that lasts minutes, long enough to cost nothing.
MEMORY_SAMPLE_SECONDS = 0.05
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")

NEEDS_DATASET = "speed.py needs DATASET_DIR holding input/ID.txt (see bench/quality.py)"


def load_pages(dataset: Path) -> list[Page]:
    pages = []
    for path in sorted((dataset / "input").glob("*.txt")):
        html_path = dataset / "html" / f"{path.stem}.html.gz"
        html = gzip.decompress(html_path.read_bytes()).decode("utf-8") if html_path.exists() else None
        pages.append(Page(path.stem, path.read_text(encoding="utf-8"), html))
    return pages


# --- part 1: one core, in process -------------------------------------------

def systems(pages: list[Page], with_peers: bool) -> list[tuple[str, str, Callable[[Page], str], int]]:
    """(name, sees, extract, bytes read) for every system that can run."""
    from cleaner import clean, get_rules

    rules = get_rules()
    text_bytes = sum(len(p.text.encode("utf-8")) for p in pages)
    rows = [("newsclean", "text", lambda page: clean(page.text, rules=rules).text, text_bytes)]
    if not with_peers:
        return rows
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        rows.append(("trafilatura over dump lines", "text",
                     make_trafilatura_extractor(from_html=False), text_bytes))
        if all(p.html is not None for p in pages):
            html_bytes = sum(len(p.html.encode("utf-8")) for p in pages)
            rows.append(("trafilatura on HTML", "HTML",
                         make_trafilatura_extractor(from_html=True), html_bytes))
    except ImportError as error:
        print(f"trafilatura unavailable ({error}); newsclean only", file=sys.stderr)
    return rows


def time_round(extract: Callable[[Page], str], pages: list[Page]) -> float:
    start = time.perf_counter()
    for page in pages:
        extract(page)
    return time.perf_counter() - start


def part_one(pages: list[Page], rounds: int, with_peers: bool) -> None:
    rows = systems(pages, with_peers)
    for _, _, extract, _ in rows:
        extract(pages[0])  # warm-up: imports, rule compilation, stoplists
    times: dict[str, list[float]] = {name: [] for name, *_ in rows}
    for _ in range(rounds):
        for name, _, extract, _ in rows:
            times[name].append(time_round(extract, pages))
    base = statistics.median(times[rows[1][0]]) if len(rows) > 1 else None
    print(f"## One core, in process: {len(pages)} documents, median of {rounds} interleaved rounds\n")
    print("| system | sees | docs/s | MB/s | docs/s vs trafilatura over dumps |")
    print("|---|---|---:|---:|---:|")
    for name, sees, _, size in rows:
        seconds = statistics.median(times[name])
        ratio = f"{base / seconds:.2f}×" if base else "n/a"
        print(f"| {name} | {sees} | {len(pages) / seconds:.1f} | {size / seconds / 1e6:.2f} | {ratio} |")
    print()


# --- part 2: the command line, --jobs ---------------------------------------

def build_dump(pages: list[Page], folder: Path, target_bytes: int) -> tuple[Path, int]:
    """One JSON-lines file of the pages, repeated up to ``target_bytes``; (path, records)."""
    lines = [(json.dumps({"id": p.doc_id, "text": p.text}, ensure_ascii=False) + "\n").encode()
             for p in pages]
    path, size, records = folder / "dump.jsonl", 0, 0
    with open(path, "wb") as handle:
        while size < target_bytes:
            for line in lines:
                handle.write(line)
                size += len(line)
                records += 1
    return path, records


def tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)  # fields[1]: parent pid
        rss[pid] = int(fields[21]) * PAGE_SIZE  # fields[21]: rss in pages
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_measured(command: list[str]) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds of the process tree, peak tree RSS in bytes, exit code."""
    cpu_before = children_cpu()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    peak = 0
    done = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(process.pid))
            done.wait(MEMORY_SAMPLE_SECONDS)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    code = process.wait()
    seconds = time.perf_counter() - start
    done.set()
    watcher.join()
    # Workers are waited for by the newsclean process, so their CPU time rolls up here.
    return seconds, children_cpu() - cpu_before, peak, code


def jobs_table(count: int, unit: str, size: int, jobs_list: list[int],
               command_for: Callable[[int, Path], list[str]], output_of: Callable[[Path], bytes],
               folder: Path) -> None:
    """Run the command once per --jobs value; one table row each, and whether the outputs agree."""
    print(f"| --jobs | seconds | {unit}/s | MB/s | speed-up | CPU s | cores busy | "
          "peak RSS, process tree | load avg before |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    outputs, first = [], None
    for jobs in jobs_list:
        out = folder / f"out-{jobs}"
        load = os.getloadavg()[0]  # other processes on the machine compete for its cores
        seconds, cpu, peak, code = run_measured(command_for(jobs, out))
        if code != 0:
            print(f"| {jobs} | failed with exit code {code} | | | | | | | |")
            continue
        first = first or seconds
        print(f"| {jobs} | {seconds:.1f} | {count / seconds:.1f} | {size / seconds / 1e6:.2f} "
              f"| {first / seconds:.2f}× | {cpu:.1f} | {cpu / seconds:.2f} "
              f"| {peak / 2**20:.0f} MiB | {load:.2f} |", flush=True)
        outputs.append(output_of(out))
    identical = len(outputs) == len(jobs_list) and all(o == outputs[0] for o in outputs)
    print(f"\noutput byte-identical across --jobs {','.join(map(str, jobs_list))}: "
          f"{'yes' if identical else 'NO'}\n")


def part_two(pages: list[Page], target_mb: float, jobs_list: list[int]) -> None:
    with tempfile.TemporaryDirectory(prefix="newsclean-speed-") as folder:
        dump, records = build_dump(pages, Path(folder), int(target_mb * 1e6))
        size = dump.stat().st_size
        print(f"## Command line: {records} records, {size / 1e6:.1f} MB of JSON lines "
              f"(the {len(pages)} pages repeated)\n")
        jobs_table(records, "records", size, jobs_list,
                   lambda jobs, out: [sys.executable, "-m", "cleaner", "clean", str(dump),
                                      "--jobs", str(jobs), "--quiet", "-o", str(out)],
                   Path.read_bytes, Path(folder))


def build_folder(pages: list[Page], folder: Path, copies: int) -> tuple[Path, int, int]:
    """The pages as text files, each ``copies`` times under its own name; (folder, files, bytes)."""
    inputs = folder / "pages"
    inputs.mkdir()
    size = 0
    for copy in range(copies):
        for page in pages:
            data = page.text.encode("utf-8")
            (inputs / f"{copy:03d}_{page.doc_id}.txt").write_bytes(data)
            size += len(data)
    return inputs, copies * len(pages), size


def folder_output(out: Path) -> bytes:
    """Every output file's name and bytes, in name order: one value to compare."""
    return b"".join(p.name.encode() + b"\0" + p.read_bytes() for p in sorted(out.iterdir()))


def part_three(pages: list[Page], copies: int, jobs_list: list[int]) -> None:
    with tempfile.TemporaryDirectory(prefix="newsclean-speed-") as folder:
        inputs, files, size = build_folder(pages, Path(folder), copies)
        print(f"## Command line: a folder of {files} text files, {size / 1e6:.1f} MB "
              f"(the {len(pages)} pages, {copies} times)\n")
        jobs_table(files, "docs", size, jobs_list,
                   lambda jobs, out: [sys.executable, "-m", "cleaner", "clean", str(inputs),
                                      "--jobs", str(jobs), "--quiet", "-o", str(out)],
                   folder_output, Path(folder))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--target-mb", type=float, default=100.0)
    parser.add_argument("--jobs", default="1,2", help="comma-separated --jobs values for part 2")
    parser.add_argument("--folder-copies", type=int, default=5,
                        help="part 3: how many times each page is a file in the folder")
    parser.add_argument("--skip-jobs", action="store_true", help="part 1 only")
    parser.add_argument("--skip-peers", action="store_true", help="newsclean only in part 1")
    args = parser.parse_args(argv)
    if not (args.dataset / "input").is_dir():
        print(NEEDS_DATASET, file=sys.stderr)
        return 0  # skipped cleanly: the data is not part of the project
    pages = load_pages(args.dataset)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.2f} at start\n")
    part_one(pages, args.rounds, not args.skip_peers)
    if not args.skip_jobs:
        jobs_list = [int(j) for j in args.jobs.split(",")]
        part_two(pages, args.target_mb, jobs_list)
        part_three(pages, args.folder_copies, jobs_list)
    return 0


if __name__ == "__main__":
    sys.exit(main())
