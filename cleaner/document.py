"""Stage 1, segment: split a dump into lines that remember where they came from.

A scraper writes one visual block per line. Every later stage works on these
lines and refers back to the input only through the offsets kept here, which
is what makes the removal report exact.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

# \r\n, lone \r and \n all end a line: dumps come from every platform. So do
# the other boundaries of Python's str.splitlines (vertical tab, form feed,
# the file/group/record separators, NEL, U+2028, U+2029): a control character
# left inside an output line would make a Python reader see two lines there,
# one of them not stripped.
LINE_BREAK = regex.compile(r"\r\n|[\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the input.

    ``start``/``end`` bound the whole line (without its line break);
    ``text`` is the line stripped of surrounding white space, and
    ``text_start`` is where that stripped text begins in the input.
    """

    index: int  # 0-based line number
    start: int
    end: int
    text: str
    text_start: int

    @property
    def text_end(self) -> int:
        return self.text_start + len(self.text)

    @property
    def is_blank(self) -> bool:
        return not self.text


# Invisible format characters (zero-width space and joiners, word joiner,
# byte-order mark, direction marks, soft hyphen: Unicode category Cf) at a
# line's edges are no text: a line of nothing but a zero-width space is a
# blank line to a reader, and must not split the article as a short line would.
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff")


def segment(text: str) -> list[Line]:
    """Split ``text`` into lines with offsets into ``text``."""
    lines: list[Line] = []
    position = 0
    for index, chunk in enumerate(LINE_BREAK.split(text)):
        lead, stripped = _strip_edges(chunk)
        lines.append(Line(index, position, position + len(chunk), stripped, position + lead))
        position += len(chunk)
        if position < len(text):
            position += 2 if text.startswith("\r\n", position) else 1
    return lines


def _strip_edges(chunk: str) -> tuple[int, str]:
    """(where the line's text starts in ``chunk``, the text without the white
    space and invisible characters around it)."""
    stripped = chunk.strip()
    if not stripped:
        return 0, ""
    lead = len(chunk) - len(chunk.lstrip())
    if _edge(stripped[0]) or _edge(stripped[-1]):  # rare: an invisible character at an edge
        start, end = 0, len(stripped)
        while start < end and _edge(stripped[start]):
            start += 1
        while end > start and _edge(stripped[end - 1]):
            end -= 1
        if start == end:
            return 0, ""
        lead, stripped = lead + start, stripped[start:end]
    return lead, stripped


def _edge(char: str) -> bool:
    # Walked, not matched with a regex: a pattern anchored at the line's end
    # would try every start inside a long run of spaces (quadratic time).
    return char.isspace() or char in _INVISIBLE or (char > "\x7f" and unicodedata.category(char) == "Cf")
