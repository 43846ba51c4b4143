"""Language guessing and stopwords, from jusText's stoplists (~100 languages).

Stopword density is the strongest language-independent sign of running
prose, but only with the stoplist of the page's own language: an English
stoplist finds nothing in a German article. The language is guessed in one
pass over the words with an index word -> languages, not by scanning the
text once per stoplist.
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import islice, repeat
from pathlib import Path
from typing import Any

import numpy as np
import regex

WORD = regex.compile(r"\w+")

# Scripts written without spaces: one \w+ run is a whole clause, so for the
# share of tokens a stoplist covers, such a run counts one token per
# CHARACTERS_PER_TOKEN of these characters.
UNSPACED_SCRIPT = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]")
CHARACTERS_PER_TOKEN = 2

# Japanese has no jusText stoplist, and a run of its scripts is a clause,
# not a word. Its particles and inflections are written in hiragana, so its
# stoplist is that set of characters: a line's stopwords are its hiragana,
# counted CHARACTERS_PER_TOKEN to a word like the rest of its script, which
# puts a paragraph's density in the range of a spaced language's (a fifth to
# a half) and a menu's of katakana and kanji near zero. Chinese has no such
# class of characters: the most frequent function characters make up only a
# tenth of a formal news paragraph's density, no more than of a headline's,
# so a Chinese page keeps no language (no stoplist) and is measured without.
HIRAGANA = frozenset(chr(code) for code in range(0x3041, 0x3097))
CHARACTER_STOPLISTS = {"Japanese": HIRAGANA}
HAN_OR_KANA = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
KANA = regex.compile(r"[\p{Hiragana}\p{Katakana}]")
# A page is read as Chinese or Japanese when at least this share of its
# tokens (each run of these scripts counted as one token per
# CHARACTERS_PER_TOKEN characters, as above) is written in them. Not half: a
# dump's leaked markup, tracking addresses and Latin product names add many
# tokens to a Japanese page; a Western page quoting a Chinese name has a few
# hundredths.
UNSPACED_MAJORITY = 0.3
# Japanese prose writes a third or more of its characters in kana, Chinese
# none; a tenth tells the two apart with room for a Chinese page that names a
# Japanese product, or a Japanese page of kanji-heavy headlines.
JAPANESE_MIN_KANA_SHARE = 0.1

# Fewer stopword hits than this and the guess is noise: no language.
MIN_STOPWORD_HITS = 5

# Running text covers a third or more of its tokens with its own stoplist;
# below this share the page is in a language without a stoplist (Japanese,
# Chinese) and the best list only matched stray Latin words: no language.
MIN_STOPLIST_COVERAGE = 0.1

# A hit in a stoplist of n words counts log(VOTE_VOCABULARY / n). jusText's
# lists for some languages hold thousands of words, among them English
# function words and names ("the", "john", "club"); a hit in a short list is
# far stronger evidence than one in such a long one (a naive-Bayes weight
# with every list a uniform distribution). The constant is above the longest
# list (13,222 words) so that every hit still counts for something.
VOTE_VOCABULARY = 20_000
# Lists shorter than this (Cebuano's has 10 words) are fragments, not a
# language's function words; they count as if they were this long.
MIN_LIST_LENGTH = 200

# Reduced variants of another list, never the answer themselves: a hit in
# "Simple_English" is a hit in "English".
VARIANT_LISTS = frozenset({"Simple_English"})

# Common ISO 639-1 codes for --lang; jusText's own names are accepted too.
# Thai and Chinese have no stoplist: their codes are known so that the error
# can say so (resolve_language).
ISO_CODES = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan",
    "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek",
    "en": "English", "es": "Spanish", "et": "Estonian", "eu": "Basque",
    "fa": "Persian", "fi": "Finnish", "fr": "French", "ga": "Irish",
    "gl": "Galician", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian",
    "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian", "is": "Icelandic",
    "it": "Italian", "ka": "Georgian", "ko": "Korean", "lt": "Lithuanian",
    "lv": "Latvian", "mk": "Macedonian", "ms": "Malay", "nl": "Dutch",
    "nn": "Norwegian_Nynorsk", "no": "Norwegian_Bokmal", "nb": "Norwegian_Bokmal",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian",
    "sk": "Slovak", "sl": "Slovenian", "sq": "Albanian", "sr": "Serbian",
    "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "te": "Telugu",
    "th": "Thai", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu",
    "vi": "Vietnamese", "ja": "Japanese", "zh": "Chinese",
}


def _stoplist_folder() -> Path:
    # Located without importing justext, whose import pulls in lxml.
    spec = importlib.util.find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the justext package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "stoplists"


@lru_cache(maxsize=1)
def available_languages() -> tuple[str, ...]:
    return tuple(sorted(_word_stoplist_languages() + tuple(CHARACTER_STOPLISTS)))


@lru_cache(maxsize=1)
def _word_stoplist_languages() -> tuple[str, ...]:
    """The languages of jusText's stoplists, which list words."""
    return tuple(sorted(path.stem for path in _stoplist_folder().glob("*.txt")))


@cache
def stopwords(language: str) -> frozenset[str]:
    return CHARACTER_STOPLISTS.get(language) or _read_stoplist(language)


def _read_stoplist(language: str) -> frozenset[str]:
    path = _stoplist_folder() / f"{language}.txt"
    words = path.read_text(encoding="utf-8").split()
    return frozenset(word.lower() for word in words)


def resolve_language(code: str) -> str | None:
    """``auto`` -> None; an ISO code or a jusText name -> the jusText name."""
    if code.lower() == "auto":
        return None
    by_name = {name.lower(): name for name in available_languages()}
    name = ISO_CODES.get(code.lower()) or by_name.get(code.lower())
    if name is None:
        raise ValueError(f"unknown language {code!r}; use an ISO code like 'de' or 'auto'")
    if name not in available_languages():
        # Chinese and Thai run their words together and have no stoplist; a
        # page in them is measured without one, which is what auto does.
        raise ValueError(f"no stoplist for {name} ({code!r}); use 'auto', which cleans such a page without one")
    return name


def guess_language(words: Iterable[str]) -> str | None:
    """The language whose stoplist best explains the word tokens, or None.

    Each token votes for every language whose stoplist holds it, weighted by
    how specific a hit in that list is (see VOTE_VOCABULARY). The winner must
    also cover a fair share of the tokens, or the text is in a language we
    have no list for. (``DocumentWords.guess`` is the same vote over lines.)
    """
    vocabulary = DocumentWords()
    return vocabulary.vote(vocabulary.ids([word.lower() for word in words]))


# A language's vote is estimated as weight * hits. The estimate is off by a
# few units in the 15th digit at most, so the winner is among the languages
# whose estimate is within this share of the best one's: when that is one
# language, it wins; when several, their votes are added up exactly as the
# word-by-word vote does (in the order the words first occur), so that the
# winner and the tie-break between lists of equal weight are the same to the
# last bit.
VOTE_TOLERANCE = 1e-6


@dataclass(frozen=True)
class _StoplistIndex:
    """word -> the stoplists holding it, as arrays: a word's row, and each
    row's languages; each language with the vote weight of one hit."""

    rows: dict[str, int]  # word -> row
    starts: np.ndarray  # row -> where its languages begin in ``languages``
    counts: np.ndarray  # row -> how many stoplists hold the word
    languages: np.ndarray  # language numbers, row after row
    names: tuple[str, ...]  # language number -> name
    weights: np.ndarray  # language number -> the vote weight of one hit


@lru_cache(maxsize=1)
def _stoplist_index() -> _StoplistIndex:
    # Built straight from the lists, each word's languages as small numbers:
    # freed memory is not given back to the system, so the peak of this one
    # build stays in every worker process for its whole life.
    names = tuple(language for language in _word_stoplist_languages() if language not in VARIANT_LISTS)
    weights = np.zeros(len(names))
    # word -> its languages, then its row: one dict, so that each list is freed
    # as its row replaces it, which keeps the peak low.
    rows: dict[str, Any] = {}
    for number, language in enumerate(names):
        words = _read_stoplist(language)
        weights[number] = math.log(VOTE_VOCABULARY / max(len(words), MIN_LIST_LENGTH))
        for word in words:
            rows.setdefault(word, []).append(number)
    starts: list[int] = []
    counts: list[int] = []
    languages: list[int] = []
    for row, (word, numbers) in enumerate(rows.items()):
        starts.append(len(languages))
        counts.append(len(numbers))
        languages += numbers
        rows[word] = row
    return _StoplistIndex(rows, np.array(starts, dtype=np.intp), np.array(counts, dtype=np.intp),
                          np.array(languages, dtype=np.intp), names, weights)


class DocumentWords:
    """One document's lower-cased words as small numbers, for the language vote.

    ``clean`` guesses the language five times or so per document (the whole
    dump, what is kept, then the same over its own output), each time over
    lines it has seen before. Each line text is tokenised once; a vote over
    any set of lines is then a count of word numbers, and the stoplists each
    distinct word is in are looked up once per document.
    """

    def __init__(self, words_of: Callable[[str], Iterable[str]] | None = None) -> None:
        """``words_of``: a line text's lower-cased words, if the caller keeps them."""
        self._words_of = words_of or _lowered_words
        self._numbers: dict[str, int] = {}  # word -> its number, in order of first sight
        self._rows: list[int] = []  # word number -> its row in the stoplist index, or -1
        self._scripts: list[tuple[int, int, int]] = []  # word number -> _unspaced_counts
        self._lines: dict[str, np.ndarray] = {}  # line text -> its word numbers
        self._arrays: _VocabularyArrays | None = None  # built when first needed

    def guess(self, texts: Iterable[str]) -> str | None:
        """The language of the words of these lines, as guess_language gives it."""
        arrays = [self._line(text) for text in texts]
        return self.vote(np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.intp))

    def _line(self, text: str) -> np.ndarray:
        numbers = self._lines.get(text)
        if numbers is None:
            numbers = self._lines[text] = self.ids(self._words_of(text))
        return numbers

    def ids(self, words: Iterable[str]) -> np.ndarray:
        """The numbers of these (lower-cased) words; new ones are numbered."""
        known = len(self._numbers)
        numbers = [self._numbers.setdefault(word, len(self._numbers)) for word in words]
        if len(self._numbers) > known:
            # The words numbered just now are the last ones in the dict: read
            # from its end, not by copying the whole vocabulary for each line.
            self._add(list(islice(reversed(self._numbers), len(self._numbers) - known))[::-1])
        return np.array(numbers, dtype=np.intp)

    def _add(self, words: list[str]) -> None:
        self._rows += map(_stoplist_index().rows.get, words, repeat(-1, len(words)))
        self._scripts += map(_unspaced_counts, words)
        self._arrays = None

    def vote(self, numbers: np.ndarray) -> str | None:
        """The language of a stream of word numbers (see guess_language)."""
        if not numbers.size:
            return None
        if self._arrays is None:
            self._arrays = _VocabularyArrays.build(self._rows, self._scripts)
        arrays, index = self._arrays, _stoplist_index()
        counts = np.bincount(numbers, minlength=len(self._rows))
        total = int(counts.sum()) + int(np.dot(counts, arrays.extra))
        unspaced, kana_share = _unspaced_share(counts, arrays, total)
        if unspaced:
            # Chinese has no stoplist (see CHARACTER_STOPLISTS), and a few
            # Latin words on its page must not make it English: no language.
            return "Japanese" if kana_share >= JAPANESE_MIN_KANA_SHARE else None
        known = int(counts[arrays.listed].sum())
        if not known:
            return None  # no word is in any stoplist: no votes
        pair_counts = counts[arrays.pair_words]
        hits = np.bincount(arrays.pair_languages, weights=pair_counts, minlength=len(index.names))
        estimate = hits * index.weights
        close = np.flatnonzero(estimate >= estimate.max() * (1 - VOTE_TOLERANCE)).tolist()
        best = close[0] if len(close) == 1 else self._exact_winner(arrays, close, numbers, counts, pair_counts)
        if known < MIN_STOPWORD_HITS or int(hits[best]) < MIN_STOPLIST_COVERAGE * total:
            return None
        return index.names[best]

    def _exact_winner(self, arrays: _VocabularyArrays, close: list[int], numbers: np.ndarray,
                      counts: np.ndarray, pair_counts: np.ndarray) -> int:
        """Of languages too close to call from the estimate, the one whose
        vote, added up word by word, is highest (the later name on a tie)."""
        index = _stoplist_index()
        order = _first_sight(numbers, len(self._rows))
        votes = {}
        for language in close:
            voters = arrays.pair_words[(arrays.pair_languages == language) & (pair_counts > 0)]
            votes[language] = _vote_sum(index.weights[language], counts, voters, order)
        return max(votes, key=lambda language: (votes[language], index.names[language]))


def _unspaced_counts(word: str) -> tuple[int, int, int]:
    """The tokens a word counts for beyond one (a run of an unspaced script
    is a clause, not a word: see CHARACTERS_PER_TOKEN), and its Han-or-kana
    and its kana characters; one search of the word, none of an ASCII one."""
    letters = "" if word.isascii() else "".join(UNSPACED_SCRIPT.findall(word))
    if not letters:
        return 0, 0, 0
    return len(letters) // CHARACTERS_PER_TOKEN, len(HAN_OR_KANA.findall(letters)), len(KANA.findall(letters))


def _unspaced_share(counts: np.ndarray, arrays: _VocabularyArrays, total: int) -> tuple[bool, float]:
    """Whether the page is written in Han or kana (UNSPACED_MAJORITY of the
    ``total`` tokens), and the share of kana among those characters."""
    han_kana = int(np.dot(counts, arrays.han_kana))
    if not han_kana or han_kana // CHARACTERS_PER_TOKEN < UNSPACED_MAJORITY * total:
        return False, 0.0
    return True, int(np.dot(counts, arrays.kana)) / han_kana


def _lowered_words(text: str) -> Iterable[str]:
    # One at a time: a line can be tens of megabytes.
    return (match.group().lower() for match in WORD.finditer(text))


@dataclass(frozen=True)
class _VocabularyArrays:
    """A document vocabulary's stoplist memberships, as numpy arrays."""

    listed: np.ndarray  # numbers of the words some stoplist holds
    pair_words: np.ndarray  # (word, language) for every word and stoplist holding it ...
    pair_languages: np.ndarray  # ... as two arrays
    extra: np.ndarray  # word number -> tokens it counts for beyond one
    han_kana: np.ndarray  # word number -> its Han and kana characters
    kana: np.ndarray  # word number -> its kana characters

    @classmethod
    def build(cls, rows: list[int], scripts: list[tuple[int, int, int]]) -> _VocabularyArrays:
        index = _stoplist_index()
        row_of = np.array(rows, dtype=np.intp)
        listed = np.flatnonzero(row_of >= 0)
        sizes = index.counts[row_of[listed]]
        # Each listed word's run of languages in the index, laid end to end.
        within = np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        positions = np.repeat(index.starts[row_of[listed]], sizes) + within
        return cls(listed, np.repeat(listed, sizes), index.languages[positions],
                   *np.array(scripts, dtype=np.intp).reshape(-1, 3).T)


def _first_sight(numbers: np.ndarray, size: int) -> np.ndarray:
    """Word number -> where in the stream it first occurs."""
    distinct, first = np.unique(numbers, return_index=True)
    order = np.zeros(size, dtype=np.intp)
    order[distinct] = first
    return order


def _vote_sum(weight: float, counts: np.ndarray, words: np.ndarray, order: np.ndarray) -> float:
    """weight * count added up word by word in order of first occurrence: the
    same additions in the same order as a running total, so the same float."""
    words = words[np.argsort(order[words], kind="stable")]
    return float(np.add.accumulate(weight * counts[words])[-1])
