"""Properties that hold for any input text (hypothesis)."""

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from invariants import delete_spans, normalised_lines

from cleaner import clean

# Text that looks like a dump: lines drawn from boilerplate, prose and noise.
BOILERPLATE = [
    "Advertisement", "Comments", "No comments yet...", "Related Articles", "Source link",
    "DOWNLOAD THE APP", "app-storeplay-store", "PHOTO: AFP", "AP Photo/Jane Doe", "logo",
    "Share", "-", "|", "Headline of another story - 5 mins ago", "Sign up",
    "Read at www.example.com", "By Jane Doe", "June 5, 2025", "NYTIMES",
]
PROSE = [
    "The minister said on Monday that the talks would resume after the summer break.",
    "Officials in the capital were not available for comment, the agency said.",
    "Die Regierung hat am Montag angekündigt, dass die Gespräche fortgesetzt werden.",
    "Le gouvernement a annoncé lundi que les discussions reprendraient après l'été.",
    "It was the largest attack of its kind since the war began. REUTERS",
    "The vote is expected next week. Advertisement The opposition has said it will abstain.",
]
dump_line = st.one_of(st.sampled_from(BOILERPLATE), st.sampled_from(PROSE), st.text(max_size=80))
dumps = st.lists(dump_line, max_size=40).flatmap(
    lambda lines: st.sampled_from(["\n", "\r\n", "\n\n"]).map(lambda sep: sep.join(lines))
)
any_text = st.one_of(st.text(), dumps)

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(any_text)
def test_deleting_reported_spans_gives_the_output(text):
    result = clean(text)
    assert normalised_lines(delete_spans(text, result.removed)) == normalised_lines(result.text)


@SETTINGS
@given(any_text)
def test_report_text_is_the_input_at_its_offsets(text):
    for removal in clean(text).removed:
        assert text[removal.start:removal.end] == removal.text
        assert removal.line_start <= removal.line_end


@SETTINGS
@given(any_text)
# Counterexamples hypothesis found once; kept so they are tried on every run.
@example("P\nR\nP")  # a duplicate removed at the region's edge
@example("O\n0:AA\nBa:L:h:0:AB.")  # the language guess flipping between passes
@example("P\nA:\u00db\ng:0:B:0:B.")
@example("0 \x0c_:0:_:_.")  # a form feed is a line break for str.splitlines
def test_cleaning_is_idempotent(text):
    once = clean(text).text
    assert clean(once).text == once


@SETTINGS
@given(any_text)
def test_output_lines_are_stripped_and_non_empty(text):
    output = clean(text).text
    assert all(line and line == line.strip() for line in output.splitlines() if output)


@SETTINGS
@given(any_text)
def test_without_title_drops_only_the_title(text):
    full, bare = clean(text), clean(text, include_title=False)
    if full.title is None:
        assert bare.text == full.text
    else:
        assert full.text.split("\n", 1)[0] == full.title
        assert normalised_lines(delete_spans(text, bare.removed)) == normalised_lines(bare.text)
