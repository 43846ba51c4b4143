"""The numpy language vote against the plain word-by-word vote it replaces:
the same winner, ties and float rounding included, on streams of stopwords
drawn from many lists at once."""

import random
from collections import Counter
from functools import cache

from cleaner.features import tokens
from cleaner.language import (
    CHARACTERS_PER_TOKEN,
    HAN_OR_KANA,
    JAPANESE_MIN_KANA_SHARE,
    KANA,
    MIN_STOPLIST_COVERAGE,
    MIN_STOPWORD_HITS,
    UNSPACED_MAJORITY,
    UNSPACED_SCRIPT,
    DocumentWords,
    _stoplist_index,
    available_languages,
    guess_language,
    stopwords,
)


@cache
def word_index() -> dict[str, tuple[tuple[str, float], ...]]:
    """word -> ((language, vote weight), ...): the vote's index read back as a
    plain dict, built once for these tests."""
    index = _stoplist_index()
    return {
        word: tuple((index.names[language], float(index.weights[language]))
                    for language in index.languages[index.starts[row]:index.starts[row] + index.counts[row]])
        for word, row in index.rows.items()
    }


def word_by_word(words) -> str | None:
    """The vote as one running total per language, word by word."""
    index = word_index()
    votes: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    total = known = han_kana = kana = 0
    for word, count in Counter(word.lower() for word in words).items():
        total += count
        if not word.isascii():
            total += count * (len(UNSPACED_SCRIPT.findall(word)) // CHARACTERS_PER_TOKEN)
            han_kana += count * len(HAN_OR_KANA.findall(word))
            kana += count * len(KANA.findall(word))
        languages = index.get(word, ())
        if languages:
            known += count
        for language, weight in languages:
            votes[language] += weight * count
            hits[language] += count
    if han_kana and han_kana // CHARACTERS_PER_TOKEN >= UNSPACED_MAJORITY * total:
        return "Japanese" if kana >= JAPANESE_MIN_KANA_SHARE * han_kana else None
    if not votes:
        return None
    best = max(votes.items(), key=lambda item: (item[1], item[0]))[0]
    if known < MIN_STOPWORD_HITS or hits[best] < MIN_STOPLIST_COVERAGE * total:
        return None
    return best


def random_streams(seed: int, count: int):
    rng = random.Random(seed)
    languages = [name for name in available_languages() if name != "Simple_English"]
    for _ in range(count):
        chosen = rng.sample(languages, rng.randint(1, 4))
        pool = [word for name in chosen for word in sorted(stopwords(name))[:rng.randint(3, 60)]]
        pool += ["Zebra", "12", "東京都庁", "xyzzy", "ひらがなの文", "中文的句子"]
        yield [rng.choice(pool) for _ in range(rng.randint(0, 200))]


def test_vote_matches_the_word_by_word_vote():
    for words in random_streams(5, 300):
        assert guess_language(words) == word_by_word(words)


def own_words(language: str) -> list[str]:
    """Words of ``language``'s stoplist that no other list holds."""
    return sorted(w for w in stopwords(language) if len(word_index().get(w, ())) == 1)


def test_last_bit_of_the_running_total_decides_as_word_by_word():
    # Lists shorter than MIN_LIST_LENGTH all weigh the same, w. Two words of
    # one list counted 1 and 5 times and one word of another counted 6 times
    # are 6 hits each, but the running total w*1 + w*5 is one unit in the
    # last place above w*6: the first list wins, where an estimate from the
    # hits alone would tie and give it to the later name.
    short = sorted(name for name in available_languages() if len(stopwords(name)) < 200)
    pairs = [(a, b) for a in short for b in short if a < b and len(own_words(a)) >= 2 and own_words(b)]
    assert pairs
    for first, second in pairs[:20]:
        a, b = own_words(first), own_words(second)
        words = [a[0]] + [a[1]] * 5 + [b[0]] * 6
        assert word_by_word(words) == first
        assert guess_language(words) == first


def test_document_words_vote_over_any_lines():
    rng = random.Random(9)
    for words in random_streams(6, 50):
        lines = [" ".join(words[k:k + 7]) for k in range(0, len(words), 7)]
        memo = DocumentWords()
        for _ in range(4):
            chosen = [line for line in lines if rng.random() < 0.7]
            expected = word_by_word([word for line in chosen for word in tokens(line)])
            assert memo.guess(chosen) == expected
