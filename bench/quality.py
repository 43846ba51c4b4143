"""Main-text quality benchmark: newsclean against peer extractors.

Usage:
    python bench/quality.py DATASET_DIR [--only KEY[,KEY]] [--limit N]
                            [--no-title] [--save-dir DIR] [--markdown]
                            [--language English]

DATASET_DIR is laid out like the public "article extraction benchmark" by
Scrapinghub/Zyte (github.com/scrapinghub/article-extraction-benchmark):

    input/ID.txt       the page as a text dump, one visual block per line
                       (rendered from the page's HTML with the html-text
                       library); this is what the cleaner sees
    gold/ID.txt        the article body annotated by people (no title)
    html/ID.html.gz    optional: the original page, gzip UTF-8, for the
                       HTML-mode peers

The data is never part of this project; pass its folder on the command line.

Rows (keys for --only): newsclean, dump, c4, justext, trafilatura and, when
html/ exists, trafilatura-html and justext-html.  All rows run in this
process on the same inputs.  docs/s is each system's wall time over all
documents, file reading excluded; "errors" counts documents on which the
system raised (they score as empty output).

The measure is the benchmark's own, reimplemented here so that numbers match
published tables: tokens are \\w+ runs; each text becomes a multiset of
4-token shingles; per document tp/fp/fn are counted on the multisets and
normalised to sum 1; precision is averaged over documents with tp+fp > 0,
recall over documents with tp+fn > 0; F1 is the harmonic mean of the two
averages.  After the table, the worst pages for newsclean are listed by
per-document F1 = 2tp / (2tp + fp + fn).
"""
from __future__ import annotations

import argparse
import gzip
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from peers import DEFAULT_LANGUAGE, Extractor, Page, System, html_peers, text_peers

PROJECT_ROOT = Path(__file__).resolve().parent.parent
NEWSCLEAN_KEY = "newsclean"
WORST_COUNT = 15
SHINGLE_SIZE = 4
TOKEN = re.compile(r"\w+", re.UNICODE)

NEEDS_DATASET = (
    "quality.py needs DATASET_DIR holding input/ID.txt and gold/ID.txt (optionally "
    "html/ID.html.gz): get the public \"article extraction benchmark\" by Scrapinghub/Zyte "
    "(github.com/scrapinghub/article-extraction-benchmark) and dump each page's HTML to "
    "text with the html-text library, one block per line."
)


# --- the measure ------------------------------------------------------------

def shingles(text: str) -> Counter[tuple[str, ...]]:
    """Multiset of 4-token shingles; fewer than 4 tokens give one short shingle."""
    tokens = TOKEN.findall(text or "")
    starts = range(max(1, len(tokens) - SHINGLE_SIZE + 1))
    return Counter(
        tuple(tokens[i:i + SHINGLE_SIZE]) for i in starts if tokens[i:i + SHINGLE_SIZE]
    )


@dataclass(frozen=True)
class DocScore:
    """One document's tp/fp/fn, normalised to sum 1 (all 0 when both are empty)."""

    doc_id: str
    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        return 0.0 if self.tp == self.fp == 0 else self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.fp == self.fn == 0:
            return 1.0
        return 0.0 if self.tp == self.fn == 0 else self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else 1.0


def score_document(doc_id: str, gold: str, prediction: str) -> DocScore:
    gold_shingles, predicted_shingles = shingles(gold), shingles(prediction)
    tp = sum((gold_shingles & predicted_shingles).values())
    fp = sum((predicted_shingles - gold_shingles).values())
    fn = sum((gold_shingles - predicted_shingles).values())
    total = tp + fp + fn
    if not total:
        return DocScore(doc_id, 0.0, 0.0, 0.0)
    return DocScore(doc_id, tp / total, fp / total, fn / total)


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def corpus_prf(scores: Sequence[DocScore]) -> tuple[float, float, float]:
    """Precision and recall averaged over documents, F1 of the two averages."""
    precision = mean([s.precision for s in scores if s.tp + s.fp > 0])
    recall = mean([s.recall for s in scores if s.tp + s.fn > 0])
    total = precision + recall
    return precision, recall, (2 * precision * recall / total if total else 0.0)


# --- the dataset ------------------------------------------------------------

@dataclass(frozen=True)
class Document:
    page: Page
    gold: str


def is_dataset(folder: Path) -> bool:
    return (folder / "input").is_dir() and (folder / "gold").is_dir()


def read_html(path: Path) -> str | None:
    if not path.exists():
        return None
    return gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")


def load_documents(folder: Path, limit: int | None) -> list[Document]:
    """Documents with both a gold and an input file, in the order of score.py."""
    gold_paths = [p for p in sorted((folder / "gold").glob("*.txt")) if (folder / "input" / p.name).exists()]
    documents = []
    for gold_path in gold_paths[:limit]:
        doc_id = gold_path.stem
        text = (folder / "input" / gold_path.name).read_text(encoding="utf-8")
        page = Page(doc_id, text, read_html(folder / "html" / f"{doc_id}.html.gz"))
        documents.append(Document(page, gold_path.read_text(encoding="utf-8")))
    return documents


# --- running the systems ----------------------------------------------------

@dataclass
class RunResult:
    """One system's outputs and scores, or why it could not run."""

    system: System
    unavailable: str | None = None
    outputs: dict[str, str] = field(default_factory=dict)
    scores: list[DocScore] = field(default_factory=list)
    seconds: float = 0.0
    errors: int = 0
    first_error: str | None = None


def describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}".strip().splitlines()[0]


def extract_all(extract: Extractor, documents: Sequence[Document], result: RunResult) -> None:
    started = time.perf_counter()
    for document in documents:
        try:
            output = extract(document.page)
        except Exception as exc:  # noqa: BLE001 - a peer failing on one page, however, scores as empty output
            output = ""
            result.errors += 1
            result.first_error = result.first_error or f"{document.page.doc_id}: {describe(exc)}"
        result.outputs[document.page.doc_id] = output if isinstance(output, str) else ""
    result.seconds = time.perf_counter() - started


def run_system(system: System, documents: Sequence[Document]) -> RunResult:
    result = RunResult(system)
    try:
        extract = system.load()
    except Exception as exc:  # noqa: BLE001 - a peer that cannot load, however, is reported as unavailable
        result.unavailable = describe(exc)
        return result
    extract_all(extract, documents, result)
    result.scores = [
        score_document(d.page.doc_id, d.gold, result.outputs[d.page.doc_id]) for d in documents
    ]
    return result


def load_newsclean(include_title: bool) -> Extractor:
    """Import the project's cleaner lazily (it may be missing or unfinished)."""
    if str(PROJECT_ROOT) not in sys.path:
        sys.path.append(str(PROJECT_ROOT))
    from cleaner import clean

    if include_title:
        return lambda page: clean(page.text).text
    return lambda page: clean(page.text, include_title=False).text


def all_systems(include_title: bool, language: str, with_html: bool) -> list[System]:
    newsclean = System(NEWSCLEAN_KEY, "newsclean", "text", lambda: load_newsclean(include_title))
    systems = [newsclean, *text_peers(language)]
    return systems + html_peers(language) if with_html else systems


def html_unavailable(system: System) -> RunResult:
    return RunResult(system, unavailable="dataset has no html/")


# --- reporting --------------------------------------------------------------

HEADER = ("system", "sees", "precision", "recall", "F1", "docs/s", "errors")


def table_row(result: RunResult, documents: int) -> list[str]:
    system = result.system
    if result.unavailable is not None:
        return [system.name, system.sees, f"unavailable: {result.unavailable}"]
    precision, recall, f1 = corpus_prf(result.scores)
    speed = documents / result.seconds if result.seconds > 0 else float("inf")
    return [system.name, system.sees, f"{precision:.3f}", f"{recall:.3f}", f"{f1:.3f}",
            f"{speed:.1f}", str(result.errors)]


def plain_table(rows: list[list[str]]) -> str:
    """Aligned columns; an unavailable row (3 cells) lets its message run across."""
    full_rows = [row for row in rows if len(row) == len(HEADER)]
    widths = [max(len(row[i]) for row in (rows if i < 2 else full_rows)) for i in range(len(HEADER))]
    lines = []
    for row in rows:
        cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1])]
        if len(row) < len(HEADER):
            cells += row[2:]
        else:
            cells += [cell.rjust(width) for cell, width in zip(row[2:], widths[2:])]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def markdown_table(rows: list[list[str]]) -> str:
    header, *body = rows
    padded = [row + [""] * (len(HEADER) - len(row)) for row in body]
    lines = ["| " + " | ".join(header) + " |", "|---|---|---:|---:|---:|---:|---:|"]
    lines += ["| " + " | ".join(row) + " |" for row in padded]
    return "\n".join(lines)


def worst_pages(result: RunResult | None) -> str:
    title = f"Worst {WORST_COUNT} pages for newsclean"
    if result is None or result.unavailable is not None:
        reason = "not run" if result is None else f"unavailable: {result.unavailable}"
        return f"{title}: {reason}"
    worst = sorted(result.scores, key=lambda s: (s.f1, s.doc_id))[:WORST_COUNT]
    lines = [title, "   F1   prec  recall  ID"]
    lines += [f"{s.f1:.3f}  {s.precision:.3f}  {s.recall:.3f}  {s.doc_id}" for s in worst]
    return "\n".join(lines)


def error_notes(results: Sequence[RunResult]) -> list[str]:
    return [f"{r.system.key}: {r.errors} error(s), first {r.first_error}" for r in results if r.errors]


def save_outputs(result: RunResult, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id, text in result.outputs.items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")


# --- command line -----------------------------------------------------------

ALL_KEYS = [s.key for s in all_systems(True, DEFAULT_LANGUAGE, with_html=True)]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", nargs="?", type=Path, help="folder with input/ and gold/")
    parser.add_argument("--only", type=lambda s: [k.strip() for k in s.split(",") if k.strip()],
                        help=f"comma-separated systems to run: {', '.join(ALL_KEYS)}")
    parser.add_argument("--limit", type=int, help="use only the first N documents")
    parser.add_argument("--no-title", action="store_true",
                        help="call clean(..., include_title=False) (gold has no titles)")
    parser.add_argument("--save-dir", type=Path, help="write newsclean's outputs as DIR/ID.txt")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--language", default=DEFAULT_LANGUAGE, help="jusText stoplist language")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.only or []) - set(ALL_KEYS))
    if unknown:
        parser.error(f"unknown system(s) {', '.join(unknown)}; choose from {', '.join(ALL_KEYS)}")
    return args


def selected_systems(args: argparse.Namespace, with_html: bool) -> list[System]:
    """--only picks by key; without it, HTML rows run only when html/ exists."""
    systems = all_systems(not args.no_title, args.language, with_html=True)
    if args.only:
        return [s for s in systems if s.key in args.only]
    return [s for s in systems if with_html or s.sees != "HTML"]


def run_all(systems: Sequence[System], documents: Sequence[Document], with_html: bool) -> list[RunResult]:
    results = []
    for system in systems:
        print(f"running {system.key} ...", file=sys.stderr, flush=True)
        needs_missing_html = system.sees == "HTML" and not with_html
        results.append(html_unavailable(system) if needs_missing_html else run_system(system, documents))
    return results


def report(results: Sequence[RunResult], documents: int, markdown: bool) -> None:
    rows = [list(HEADER)] + [table_row(r, documents) for r in results]
    print(f"{documents} documents")
    print(markdown_table(rows) if markdown else plain_table(rows))
    for note in error_notes(results):
        print(note)
    newsclean = next((r for r in results if r.system.key == NEWSCLEAN_KEY), None)
    print()
    print(worst_pages(newsclean))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.dataset is None or not is_dataset(args.dataset):
        print(NEEDS_DATASET, file=sys.stderr)
        return 2
    documents = load_documents(args.dataset, args.limit)
    with_html = (args.dataset / "html").is_dir()
    results = run_all(selected_systems(args, with_html), documents, with_html)
    report(results, len(documents), args.markdown)
    newsclean = next((r for r in results if r.system.key == NEWSCLEAN_KEY), None)
    if args.save_dir and newsclean and newsclean.unavailable is None:
        save_outputs(newsclean, args.save_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
