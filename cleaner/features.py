"""Stage 2b, annotate: measurable evidence about each line.

Nothing here decides; it only measures what jusText measures on paragraphs
(length, stopword density) plus what a text dump still shows of its page:
sentence punctuation, capitals and digits, repetition within the document.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from .language import WORD

# Characters that end a sentence, in the scripts news is written in.
TERMINAL_PUNCTUATION = frozenset(".!?…。！？؟।\"'”’»)")

# Ideographic and syllabic scripts write words without spaces; one \w+ run
# is a whole clause there, so such characters are counted instead.
CJK_CHARACTER = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]")

# Roughly how many CJK characters make one word of a spaced language.
CJK_CHARACTERS_PER_WORD = 2


@dataclass(frozen=True, slots=True)
class LineFeatures:
    words: int
    stopwords: int
    terminal: bool
    upper_share: float  # capitals among letters
    digit_share: float  # digits among non-space characters
    repeats: int  # how often this exact line occurs in the document

    @property
    def stopword_density(self) -> float:
        return self.stopwords / self.words if self.words else 0.0


def tokens(text: str) -> list[str]:
    return WORD.findall(text)


def iter_tokens(text: str) -> Iterator[str]:
    """The words of ``text`` one at a time: a whole dump's words never sit in a list."""
    return (match.group() for match in WORD.finditer(text))


def measure_line(text: str, stoplist: frozenset[str], repeats: int) -> LineFeatures:
    words = tokens(text)
    cjk = len(CJK_CHARACTER.findall(text))
    # Counted with map over str methods, not lists of characters: a single
    # line of a dump can be tens of megabytes.
    letters = sum(map(str.isalpha, text))
    visible = len(text) - sum(map(str.isspace, text))
    return LineFeatures(
        words=len(words) + cjk // CJK_CHARACTERS_PER_WORD,
        stopwords=sum(1 for word in words if word.lower() in stoplist),
        terminal=bool(text) and text[-1] in TERMINAL_PUNCTUATION,
        upper_share=sum(map(str.isupper, text)) / letters if letters else 0.0,
        digit_share=sum(map(str.isdigit, text)) / visible if visible else 0.0,
        repeats=repeats,
    )


EMPTY_FEATURES = LineFeatures(0, 0, False, 0.0, 0.0, 0)


class Measurements:
    """One document's line features by line text, measured once.

    ``clean`` annotates the same line texts several times: once per language
    round, and again in every pass of the fixed point over its own output.
    The features of a line depend only on its text, the stoplist and its
    repeat count, so each combination is measured once per document.
    """

    def __init__(self) -> None:
        self._features: dict[tuple[str, frozenset[str], int], LineFeatures] = {}

    def measure(self, text: str, stoplist: frozenset[str], repeats: int) -> LineFeatures:
        key = (text, stoplist, repeats)
        features = self._features.get(key)
        if features is None:
            features = self._features[key] = measure_line(text, stoplist, repeats)
        return features
