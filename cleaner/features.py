"""Stage 2b, annotate: measurable evidence about each line.

Nothing here decides; it only measures what jusText measures on paragraphs
(length, stopword density) plus what a text dump still shows of its page:
sentence punctuation, capitals and digits, repetition within the document.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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


def measure_line(
    text: str, stoplist: frozenset[str], repeats: int, words: list[str] | None = None
) -> LineFeatures:
    """``words``: ``tokens(text)``, when the caller has them already."""
    words = tokens(text) if words is None else words
    # Lower-cased one at a time: the words of a line of tens of megabytes
    # are not held twice.
    count, stopwords = len(words), sum(map(stoplist.__contains__, map(str.lower, words)))
    letters, upper, digits, spaces = _character_counts(text)
    # Only these scripts' characters count as words here, and ASCII has none.
    cjk_characters = [] if text.isascii() else CJK_CHARACTER.findall(text)
    cjk = len(cjk_characters)
    if cjk and stoplist:
        # Japanese's stoplist lists characters, its hiragana (see
        # language.CHARACTER_STOPLISTS), counted as the line's words are.
        stopwords += sum(map(stoplist.__contains__, cjk_characters)) // CJK_CHARACTERS_PER_WORD
    visible = len(text) - spaces
    return LineFeatures(
        words=count + cjk // CJK_CHARACTERS_PER_WORD,
        stopwords=stopwords,
        terminal=bool(text) and text[-1] in TERMINAL_PUNCTUATION,
        upper_share=upper / letters if letters else 0.0,
        digit_share=digits / visible if visible else 0.0,
        repeats=repeats,
    )


# The str methods whose yes-count measure_line reads: letters, capitals,
# digits and white space.
CHARACTER_TESTS = (str.isalpha, str.isupper, str.isdigit, str.isspace)


def _ascii_class(test) -> bytes:
    """The ASCII characters a str method says yes to, for bytes.translate to delete."""
    return bytes(code for code in range(128) if test(chr(code)))


# The same tests over ASCII (isspace includes the separators \x1c-\x1f),
# read from the methods themselves so that they agree.
ASCII_CLASSES = tuple(_ascii_class(test) for test in CHARACTER_TESTS)
NON_ASCII = regex.compile(r"[^\x00-\x7f]+")


def _character_counts(text: str) -> list[int]:
    """How many characters of ``text`` pass each of CHARACTER_TESTS.

    Most characters of most dumps are ASCII, even in lines with a curly
    quote: those are counted by deleting a class of bytes and measuring what
    is left, in C. The rest are counted with map over the str methods, not
    with lists of characters: a single line of a dump can be tens of megabytes.
    """
    data = text.encode("ascii", "ignore")  # the ASCII characters alone
    counts = [len(data) - len(data.translate(None, chars)) for chars in ASCII_CLASSES]
    if len(data) < len(text):
        others = "".join(NON_ASCII.findall(text))
        counts = [count + sum(map(test, others)) for count, test in zip(counts, CHARACTER_TESTS)]
    return counts


EMPTY_FEATURES = LineFeatures(0, 0, False, 0.0, 0.0, 0)


# The words of longer lines are found again rather than kept from the
# language guess to the measuring, and they never sit in a list of their
# lower-cased forms: a word list takes several times its line's size, and a
# line of a dump can be tens of megabytes. Finding them again costs little
# next to everything else done with such a line.
MAX_SHARED_WORDS_CHARACTERS = 100_000


class Measurements:
    """One document's line measurements by line text, each taken once.

    ``clean`` annotates the same line texts several times: once per language
    round, and again in every pass of the fixed point over its own output.
    The features of a line depend only on its text, the stoplist and its
    repeat count, so each combination is measured once per document. A line's
    words (the costliest part, a regex over the line) are found once for the
    language guess, which comes first, and serve the features and the
    scorer's view of the line alike (see ``words`` and ``last_words``).
    """

    def __init__(self) -> None:
        self._features: dict[tuple[str, frozenset[str], int], LineFeatures] = {}
        self._words: dict[str, list[str]] = {}  # found for the guess, not seen by the scorer yet

    def measure(self, text: str, stoplist: frozenset[str], repeats: int) -> LineFeatures:
        key = (text, stoplist, repeats)
        features = self._features.get(key)
        if features is None:
            features = self._features[key] = measure_line(text, stoplist, repeats, self._words.get(text))
        return features

    def words(self, text: str) -> Iterable[str]:
        """The lower-cased words of ``text``, from a list kept until the
        scorer has seen the text, or, past MAX_SHARED_WORDS_CHARACTERS, found
        one at a time."""
        if len(text) > MAX_SHARED_WORDS_CHARACTERS:
            return map(str.lower, iter_tokens(text))
        words = self._words.get(text)
        if words is None:
            words = self._words[text] = tokens(text)
        return map(str.lower, words)

    def last_words(self, text: str) -> list[str]:
        """The words of ``text`` for their last user, the scorer: let go here
        (a later measure with another stoplist, after a change of language,
        finds them again)."""
        words = self._words.pop(text, None)
        return tokens(text) if words is None else words
