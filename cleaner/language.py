"""Language guessing and stopwords, from jusText's stoplists (~100 languages).

Stopword density is the strongest language-independent sign of running
prose, but only with the stoplist of the page's own language: an English
stoplist finds nothing in a German article. The language is guessed in one
pass over the words with an index word -> languages, not by scanning the
text once per stoplist.
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import regex

WORD = regex.compile(r"\w+")

# Fewer stopword hits than this and the guess is noise: no language.
MIN_STOPWORD_HITS = 5

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


@lru_cache(maxsize=None)
def stopwords(language: str) -> frozenset[str]:
    path = _stoplist_folder() / f"{language}.txt"
    words = path.read_text(encoding="utf-8").split()
    return frozenset(word.lower() for word in words)


@lru_cache(maxsize=1)
def _word_index() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for language in available_languages():
        for word in stopwords(language):
            index.setdefault(word, []).append(language)
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
    """The language whose stoplist covers the most word tokens, or None.

    Each token votes for every language whose stoplist holds it, weighted by
    1/len(languages) so that words shared by many stoplists (numbers, "a")
    say little, and long stoplists do not win by size alone.
    """
    index = _word_index()
    votes: Counter[str] = Counter()
    hits = 0
    for word in words:
        languages = index.get(word.lower())
        if languages:
            hits += 1
            share = 1.0 / len(languages)
            for language in languages:
                votes[language] += share
    if hits < MIN_STOPWORD_HITS or not votes:
        return None
    return max(votes.items(), key=lambda item: (item[1], item[0]))[0]
