"""Title benchmark: does newsclean pick the article's headline as its title?

Usage:
    python bench/titles.py DATASET_DIR [--show wrong|all] [--limit N]

The body benchmark (quality.py) cannot see titles: its gold holds the body
only. This one reads the headline from each page's original HTML
(html/ID.html.gz): the texts of its <h1> elements and of its og:title and
twitter:title meta tags, and the parts of its <title> split at the separators
that join a headline to the site's name ("Headline | Site", "Site - Headline").

A picked title is right when it and one of those references share most of
their words: at least REFERENCE_MATCH of the longer one's words (the page
title's copy in a dump may be cut short, or carry a section label). Pages
without HTML or without any reference are left out and counted.

Three counts are printed: right, wrong (another line was picked) and none
(no title was picked), with their shares; --show lists the pages.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import regex
from lxml import html as lxml_html

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent)]

from quality import NEEDS_DATASET, TOKEN, is_dataset, load_documents

from cleaner import clean, get_rules

# Share of the longer text's words that the picked title and a reference must
# share: high enough that a byline or section label under the headline never
# passes, low enough that "Headline" matches "Headline: the full story".
REFERENCE_MATCH = 0.7
# What joins a headline to the site's name in an HTML <title>.
TITLE_SEPARATORS = regex.compile(r"\s+[|\-–—:·•»]+\s+")


def words(text: str) -> list[str]:
    """The text's words as the benchmark's measure finds them, case folded."""
    return [word.casefold() for word in TOKEN.findall(text)]


def references(page_html: str) -> list[list[str]]:
    """The headline texts a page states for itself, as word lists."""
    try:
        tree = lxml_html.fromstring(page_html)
    except (ValueError, lxml_html.etree.ParserError):
        return []
    texts = [h1.text_content() for h1 in tree.iter("h1")]
    texts += tree.xpath("//meta[@property='og:title' or @name='twitter:title']/@content")
    for title in tree.iter("title"):
        texts += TITLE_SEPARATORS.split(title.text_content())
    return [found for text in texts if (found := words(text))]


def matches(picked: list[str], reference: list[str]) -> bool:
    shared = sum((Counter(picked) & Counter(reference)).values())
    return shared >= REFERENCE_MATCH * max(len(picked), len(reference))


@dataclass
class Outcome:
    doc_id: str
    verdict: str  # "right", "wrong" or "none"
    picked: str
    reference: str


def judge(doc_id: str, picked: str | None, refs: list[list[str]]) -> Outcome:
    shown = " ".join(refs[0]) if refs else ""
    if not picked:
        return Outcome(doc_id, "none", "", shown)
    found = words(picked)
    verdict = "right" if any(matches(found, ref) for ref in refs) else "wrong"
    return Outcome(doc_id, verdict, picked, shown)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dataset", type=Path, help="benchmark folder with input/, gold/ and html/")
    parser.add_argument("--show", choices=("wrong", "all"), help="list the pages (wrong: the misses only)")
    parser.add_argument("--limit", type=int, help="only the first N documents")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not is_dataset(args.dataset):
        print(f"titles: {args.dataset} is not a benchmark folder; {NEEDS_DATASET}", file=sys.stderr)
        return 2
    rules = get_rules()
    outcomes, unreferenced = [], 0
    for document in load_documents(args.dataset, args.limit):
        refs = references(document.page.html) if document.page.html else []
        if not refs:
            unreferenced += 1
            continue
        result = clean(document.page.text, rules=rules)
        outcomes.append(judge(document.page.doc_id[:12], result.title, refs))
    if args.show:
        for outcome in outcomes:
            if args.show == "all" or outcome.verdict != "right":
                print(f"{outcome.verdict:5}  {outcome.doc_id}  {outcome.picked[:70]!r}  |  {outcome.reference[:70]}")
    counts = {verdict: sum(o.verdict == verdict for o in outcomes) for verdict in ("right", "wrong", "none")}
    total = len(outcomes)
    print(f"{total} pages with a headline in their HTML ({unreferenced} without, left out)")
    for verdict, count in counts.items():
        print(f"{verdict:5}  {count:4d}  {count / total if total else 0.0:6.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
