"""measure_line's character counts against str's own methods, on any text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.features import CHARACTER_TESTS, _character_counts, measure_line


def plain_counts(text: str) -> list[int]:
    return [sum(1 for char in text if test(char)) for test in CHARACTER_TESTS]


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_character_counts_agree_with_str_methods(text):
    assert _character_counts(text) == plain_counts(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ9 \t\x1c\x1f.’é€ΣßİⅫ٣東京")))
def test_character_counts_mixed_scripts(text):
    assert _character_counts(text) == plain_counts(text)


def test_measure_line_shares():
    text = "The CEO said “yes” in 2024."
    features = measure_line(text, frozenset({"the", "in"}), 1)
    assert (features.words, features.stopwords, features.terminal) == (6, 2, True)
    assert features.upper_share == 4 / 15  # T, C, E, O of 15 letters
    assert features.digit_share == 4 / 22  # of 22 characters that are not spaces
