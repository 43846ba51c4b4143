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
from collections import Counter
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

import regex

WORD = regex.compile(r"\w+")

# Scripts written without spaces: one \w+ run is a whole clause, so for the
# share of tokens a stoplist covers, such a run counts one token per
# CHARACTERS_PER_TOKEN of these characters.
UNSPACED_SCRIPT = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]")
CHARACTERS_PER_TOKEN = 2

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
    "vi": "Vietnamese",
}


def _stoplist_folder() -> Path:
    # Located without importing justext, whose import pulls in lxml.
    spec = importlib.util.find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the justext package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "stoplists"


@lru_cache(maxsize=1)
def available_languages() -> tuple[str, ...]:
    return tuple(sorted(path.stem for path in _stoplist_folder().glob("*.txt")))


@cache
def stopwords(language: str) -> frozenset[str]:
    path = _stoplist_folder() / f"{language}.txt"
    words = path.read_text(encoding="utf-8").split()
    return frozenset(word.lower() for word in words)


@lru_cache(maxsize=1)
def _word_index() -> dict[str, tuple[tuple[str, float], ...]]:
    """word -> ((language, vote weight), ...) over every stoplist holding it."""
    index: dict[str, list[tuple[str, float]]] = {}
    for language in available_languages():
        if language in VARIANT_LISTS:
            continue
        words = stopwords(language)
        weight = math.log(VOTE_VOCABULARY / max(len(words), MIN_LIST_LENGTH))
        for word in words:
            index.setdefault(word, []).append((language, weight))
    return {word: tuple(languages) for word, languages in index.items()}


def resolve_language(code: str) -> str | None:
    """``auto`` -> None; an ISO code or a jusText name -> the jusText name."""
    if code.lower() == "auto":
        return None
    by_name = {name.lower(): name for name in available_languages()}
    name = ISO_CODES.get(code.lower()) or by_name.get(code.lower())
    if name is None or name not in available_languages():
        raise ValueError(f"unknown language {code!r}; use an ISO code like 'de' or 'auto'")
    return name


def guess_language(words: Iterable[str]) -> str | None:
    """The language whose stoplist best explains the word tokens, or None.

    One pass over the tokens with an index word -> languages: each token votes
    for every language whose stoplist holds it, weighted by how specific a hit
    in that list is (see VOTE_VOCABULARY). The winner must also cover a fair
    share of the tokens, or the text is in a language we have no list for.
    """
    index = _word_index()
    votes: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    total = known = 0
    # Distinct words first: a page repeats its common words hundreds of times,
    # and each of them is in dozens of stoplists.
    for word, count in Counter(word.lower() for word in words).items():
        total += count
        if not word.isascii():
            total += count * (len(UNSPACED_SCRIPT.findall(word)) // CHARACTERS_PER_TOKEN)
        languages = index.get(word, ())
        if languages:
            known += count
        for language, weight in languages:
            votes[language] += weight * count
            hits[language] += count
    if not votes:
        return None
    best = max(votes.items(), key=lambda item: (item[1], item[0]))[0]
    if known < MIN_STOPWORD_HITS or hits[best] < MIN_STOPLIST_COVERAGE * total:
        return None
    return best
