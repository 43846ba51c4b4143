"""Coverage-guided fuzz target for newsclean (atheris, an optional extra).

Each input is a file's bytes: it is decoded as the CLI decodes a file (binary
and undecodable input must be refused with a one-line InputError), cleaned
with the shipped rules, and the report invariant is checked; any other
exception or a broken invariant is a crash that atheris saves.

    pip install -e '.[fuzz]'
    python fuzz/fuzz_clean.py -max_total_time=300 -max_len=65536 fuzz/corpus/

(a corpus folder is optional; seeds/*.txt make a good start). The second
half of each input also feeds the backtracking lint as a pattern, which must
never raise on a pattern the regex module compiles.
"""

from __future__ import annotations

import sys
from pathlib import Path

import regex

from cleaner import clean
from cleaner.inputs import InputError, decode
from cleaner.lint import lint_pattern

# The report invariant as the tests state it: one definition of a blank line
# (white space and invisible format characters only) for both.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from invariants import delete_spans, normalised_lines

# The lint half skips patterns with more groups than this: compiling ~20
# nested quantified groups takes the regex module seconds and gigabytes.
MAX_GROUPS = 12


def check(data: bytes) -> None:
    """One fuzz input: no exception escapes but InputError, and the invariant holds."""
    try:
        text = decode(data, "fuzz.txt")
    except InputError as error:
        assert str(error).startswith("fuzz.txt: ") and "\n" not in str(error), str(error)
        text = None
    if text is not None:
        result = clean(text)
        for removal in result.removed:
            assert text[removal.start:removal.end] == removal.text, "report text is not the input"
        kept = delete_spans(text, result.removed)  # asserts that no spans overlap
        assert normalised_lines(kept) == normalised_lines(result.text), "report invariant broken"
    pattern = data[len(data) // 2:].decode("utf-8", "replace")
    if pattern.count("(") > MAX_GROUPS:
        return  # regex.compile itself is exponential in nested quantified groups
    try:
        regex.compile(pattern, regex.VERSION1)
    except (regex.error, ValueError, OverflowError, RecursionError):
        return
    lint_pattern(pattern)


def main() -> None:
    import atheris  # the optional extra: pip install -e '.[fuzz]'

    atheris.instrument_all()
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
