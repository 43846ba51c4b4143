"""Hypothesis over arbitrary Unicode and arbitrary bytes, for the library and
the CLI: no exception escapes, the report invariant holds, and the CLI says
the same as the library."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from invariants import delete_spans, normalised_lines
from robust_helpers import GOOD, GOOD_EXPECTED, assert_one_clear_line, run, stderr_lines

from cleaner import clean
from cleaner.inputs import InputError, decode

LIBRARY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Each CLI example is a Python process: few examples keep CI quick.
CLI = settings(max_examples=20, deadline=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Text with what scrapers leave behind: NULs, controls, odd line breaks, BOMs.
NASTY = st.sampled_from(["\x00", "\x07", "\x1b[0m", "\x0b", "\x0c", "\x1c", "\x1e", "\x85",
                         "\u2028", "\u2029", "\ufeff", "\r", "\r\n", "\n", "\ufffd", "\u200b",
                         "\U0001F600", "\u0301", " ", "\t"])
WORDS = st.sampled_from(["Advertisement", "Related Articles", "Comments", ("The minister said "
                         "on Monday that the talks would resume after the summer break."),
                         "Share", "Source link", "|", "Read at www.example.com"])
nasty_text = st.lists(st.one_of(st.text(), NASTY, WORDS), max_size=30).map("".join)
any_bytes = st.one_of(
    st.binary(max_size=2000),
    nasty_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    nasty_text.map(lambda t: t.encode("cp1252", "replace")),
    nasty_text.map(lambda t: t.encode("utf-16")),
)


def check_report_invariant(text: str) -> None:
    result = clean(text)
    assert normalised_lines(delete_spans(text, result.removed)) == normalised_lines(result.text)
    for removal in result.removed:
        assert text[removal.start:removal.end] == removal.text
    assert all(line and line == line.strip() for line in result.text.splitlines())


@LIBRARY
@given(nasty_text)
def test_library_on_arbitrary_unicode(text):
    check_report_invariant(text)


@LIBRARY
@given(any_bytes)
def test_library_on_arbitrary_bytes(data):
    try:
        text = decode(data, "fuzz.txt")
    except InputError as error:
        message = str(error)
        assert message.startswith("fuzz.txt: ") and "\n" not in message
        return
    check_report_invariant(text)


def expected_cli(data: bytes) -> str | None:
    """What the CLI should print for ``data``: the library's answer, or None if refused."""
    try:
        return clean(decode(data, "fuzz.txt")).text
    except InputError:
        return None


@CLI
@given(any_bytes)
def test_cli_on_arbitrary_bytes_answers_like_the_library(data):
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "fuzz.txt"
        page.write_bytes(data)
        out = Path(folder) / "out"
        done = run("clean", page, GOOD, "-o", out, timeout=60)
        assert_one_clear_line(done)
        assert (out / GOOD.name).read_text(encoding="utf-8") == GOOD_EXPECTED
        expected = expected_cli(data)
        if expected is None:
            assert done.returncode == 1 and not (out / "fuzz.txt").exists()
            assert [line for line in stderr_lines(done) if "error" in line] == [
                line for line in stderr_lines(done) if line.startswith("newsclean: error: fuzz.txt: ")
            ]
        else:
            assert done.returncode == 0
            assert (out / "fuzz.txt").read_bytes() == expected.encode("utf-8")


@CLI
@given(nasty_text)
def test_cli_on_arbitrary_unicode_via_stdin(text):
    data = text.encode("utf-8")
    assume(len(data) < 5000)
    done = run("clean", stdin=data, timeout=60)
    assert_one_clear_line(done)
    expected = expected_cli(data)
    if expected is None:
        assert done.returncode == 1 and done.stdout == ""
    else:
        assert done.returncode == 0 and done.stdout == expected
