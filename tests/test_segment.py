"""segment: lines, their offsets, and what counts as a blank line."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import clean
from cleaner.document import segment

EDGE_JUNK = " \t\u00a0\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e"


def test_a_line_of_zero_width_characters_is_blank():
    lines = segment("First\n\u200b\n\ufeff \u200b\nLast")
    assert [line.text for line in lines] == ["First", "", "", "Last"]
    assert all(line.is_blank for line in lines[1:3])


def test_invisible_edges_are_stripped_and_offsets_point_at_the_visible_text():
    text = "intro\n \ufeffHello\u200b world\u200b \n"
    line = segment(text)[1]
    assert line.text == "Hello\u200b world"  # inside a line, nothing is touched
    assert text[line.text_start:line.text_end] == line.text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("ab .\u200b\ufeff\u00ad\t\u00a0é東")), max_size=6))
def test_every_line_maps_back_to_the_input(chunks):
    text = "\n".join(chunks)
    for line in segment(text):
        assert text[line.text_start:line.text_end] == line.text
        if line.text:
            for edge in (line.text[0], line.text[-1]):
                assert not edge.isspace() and unicodedata.category(edge) != "Cf"


def test_zero_width_spacer_lines_do_not_split_the_article():
    paragraphs = [
        "The theatre opened its autumn season on Saturday with a festival in the park near the river.",
        "Crowds of people came to the park for the opening ceremony, which began at six in the evening.",
        "The company performed three traditional dances, each followed by music from the percussion team.",
        "Tickets for the remaining performances of the season go on sale at the box office next week.",
    ]
    spaced = []
    for paragraph in paragraphs:
        spaced += [paragraph, "\u200b"]
    result = clean("\n".join(["Home", "Shows", "Festival opens autumn season", *spaced, "Contact"]))
    assert all(p in result.text for p in paragraphs)
    assert "\u200b" not in result.text
