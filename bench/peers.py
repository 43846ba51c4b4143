"""Peer extractors that bench/quality.py compares newsclean against.

Every peer is described by a ``System``: a short key for ``--only``, the name
printed in the table, what it sees ("text": the scraped dump, "HTML": the
original page) and a loader.  The loader imports the peer's library and
returns an extractor ``Page -> str``; a loader that raises marks the whole row
unavailable, so a missing library never stops the benchmark.

Text-mode peers see exactly what the cleaner sees: the dump, one visual block
per line.  jusText and trafilatura work on HTML, so for them each non-empty
dump line becomes one html-escaped ``<p>`` of a single document.

This file is a helper of a script folder, not a package module: quality.py
imports it as ``peers`` because Python puts the script's own folder on
``sys.path``.
"""
from __future__ import annotations

import html
import logging
from collections.abc import Callable
from dataclasses import dataclass

DEFAULT_LANGUAGE = "English"

C4_TERMINAL_PUNCTUATION = (".", "!", "?", '"', "\u201d", "\u2019", "'")
C4_MIN_WORDS = 3
C4_BANNED_SUBSTRINGS = ("javascript", "cookie", "lorem ipsum", "{", "}")


@dataclass(frozen=True)
class Page:
    """One benchmark document: its ID, the text dump and, if any, the HTML."""

    doc_id: str
    text: str
    html: str | None


Extractor = Callable[[Page], str]


@dataclass(frozen=True)
class System:
    """One row of the benchmark table."""

    key: str
    name: str
    sees: str
    load: Callable[[], Extractor]


# --- dump (no cleaning) -----------------------------------------------------

def load_dump() -> Extractor:
    """The input itself: the baseline that keeps everything."""
    return lambda page: page.text


# --- C4-style line filter ---------------------------------------------------

def keeps_c4_line(line: str) -> bool:
    """C4's line heuristics: a sentence-like line, no code or notices."""
    stripped = line.strip()
    lowered = stripped.lower()
    return (
        stripped.endswith(C4_TERMINAL_PUNCTUATION)
        and len(stripped.split()) >= C4_MIN_WORDS
        and not any(banned in lowered for banned in C4_BANNED_SUBSTRINGS)
    )


def c4_filter(text: str) -> str:
    """Keep the lines of ``text`` that pass the C4 line heuristics."""
    return "\n".join(line.strip() for line in text.splitlines() if keeps_c4_line(line))


def load_c4() -> Extractor:
    return lambda page: c4_filter(page.text)


# --- dump lines as HTML paragraphs ------------------------------------------

def lines_as_html(text: str) -> str:
    """Wrap each non-empty dump line as an html-escaped <p> of one document."""
    paragraphs = (
        f"<p>{html.escape(line.strip())}</p>" for line in text.splitlines() if line.strip()
    )
    return "<html><body>" + "\n".join(paragraphs) + "</body></html>"


# --- jusText ----------------------------------------------------------------

def make_justext_extractor(language: str, from_html: bool) -> Extractor:
    """jusText with the language's stoplist; keeps non-boilerplate paragraphs."""
    import justext

    stoplist = justext.get_stoplist(language)

    def extract(page: Page) -> str:
        markup = page.html if from_html else lines_as_html(page.text)
        if markup is None:
            raise ValueError(f"no HTML for {page.doc_id}")
        paragraphs = justext.justext(markup, stoplist)
        return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    return extract


# --- trafilatura ------------------------------------------------------------

def make_trafilatura_extractor(from_html: bool) -> Extractor:
    """trafilatura.extract with default settings but without comments."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

    def extract(page: Page) -> str:
        markup = page.html if from_html else lines_as_html(page.text)
        if markup is None:
            raise ValueError(f"no HTML for {page.doc_id}")
        return trafilatura.extract(markup, include_comments=False) or ""

    return extract


# --- catalogue --------------------------------------------------------------

def text_peers(language: str = DEFAULT_LANGUAGE) -> list[System]:
    """Peers that see the same text dump as newsclean."""
    return [
        System("dump", "dump (no cleaning)", "text", load_dump),
        System("c4", "C4-style line filter", "text", load_c4),
        System(
            "justext",
            "jusText over dump lines",
            "text",
            lambda: make_justext_extractor(language, from_html=False),
        ),
        System(
            "trafilatura",
            "trafilatura over dump lines",
            "text",
            lambda: make_trafilatura_extractor(from_html=False),
        ),
    ]


def html_peers(language: str = DEFAULT_LANGUAGE) -> list[System]:
    """Peers that see the original page (only when the dataset has html/)."""
    return [
        System(
            "trafilatura-html",
            "trafilatura on HTML",
            "HTML",
            lambda: make_trafilatura_extractor(from_html=True),
        ),
        System(
            "justext-html",
            "jusText on HTML",
            "HTML",
            lambda: make_justext_extractor(language, from_html=True),
        ),
    ]
