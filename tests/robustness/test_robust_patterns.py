"""Patterns: the backtracking lint, `rules check`, and user rules that would
hang a naive filter (run under the regex timeout, skipped and named)."""

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from robust_helpers import GOOD, GOOD_EXPECTED, PROSE, assert_one_clear_line, run, stderr_lines

from cleaner.lint import CATASTROPHIC, QUADRATIC, lint_pattern
from cleaner.ruleset import load_rules

CATASTROPHIC_PATTERNS = [
    r"(a+)+$", r"(a|a)*", r"(.*)*", r"(a*)*b", r"(\w+\s?)+$", r"(?:\s|\xa0)+$", r"(\w|\d)+",
    r"(?:\s*\w+)*$", r"(a{1,3})+", r"(?i)(?:x|X)+", r"(?x) ( a + ) +  # verbose",
    r"^(?:[\p{L}]+\s?)+$", r"(?P<w>\w+,?){2,}",
]
QUADRATIC_PATTERNS = [r"\s*:?\s*x", r".*.*=", r"(?i)\s*(?:you may|sign up)", r"(?:^|x|\s*)\d+ ago$"]
SAFE_PATTERNS = [
    r"^\w+\s+\w+$", r"(\d+\.)+\d", r"(?:[^,]+,)*x", r"(?>a+)+b", r"(a++)+b", r"(?:a+b)+$",
    r"(?<=[.!?])\s+(?:AFP|AP)$", r"\bfoo\w*", r"(?i)^\s*download (?:the|our) app\b",
    r"[[a-z]--[aeiou]]+X", r"^(?:[\p{L} ]{1,30}\s*(?:›|/)\s*){2,}\p{L}+$",
]


@pytest.mark.parametrize("pattern", CATASTROPHIC_PATTERNS)
def test_lint_flags_catastrophic_patterns(pattern):
    findings = lint_pattern(pattern)
    assert findings and findings[0].severity == CATASTROPHIC, findings


@pytest.mark.parametrize("pattern", QUADRATIC_PATTERNS)
def test_lint_warns_about_quadratic_patterns(pattern):
    assert {f.severity for f in lint_pattern(pattern)} == {QUADRATIC}


@pytest.mark.parametrize("pattern", SAFE_PATTERNS)
def test_lint_passes_safe_patterns(pattern):
    assert all(f.severity != CATASTROPHIC for f in lint_pattern(pattern))


def test_lint_takes_an_anchor_opening_an_alternative_as_a_guard():
    # "^" or a character first in every branch: the digits after the group
    # are tried at the line's start or after that character, not everywhere.
    assert lint_pattern(r"(?:^|\S\s-\s)\d+ ago$") == []


def test_findings_are_one_line_and_quote_the_pattern():
    (finding,) = lint_pattern("(?x) ( a +  # many\n ) +\n")
    assert "\n" not in finding.message and "`( a + # many ) +`" in finding.message


def test_no_shipped_rule_is_catastrophic():
    flagged = [(rule.id, f.message) for rule in load_rules() for f in lint_pattern(rule.pattern)
               if f.severity == CATASTROPHIC]
    assert flagged == []


REGEX_PIECES = ["a", "b", ".", r"\w", r"\s", r"\d", "[a-c]", "[^,]", "(", ")", "(?:", "(?>", "|",
                "*", "+", "?", "{2,}", "{1,3}", "*?", "++", "^", "$", r"\b", "(?=", "(?<=x)",
                "(?i)", r"\p{L}", "[[a-z]--[b]]", r"\1", "{", "}", "#", " ", "(?x)"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(REGEX_PIECES), max_size=14).map("".join))
def test_lint_never_raises_on_a_pattern_that_compiles(pattern):
    try:
        regex.compile(pattern, regex.VERSION1)
    except regex.error:
        return
    for finding in lint_pattern(pattern):
        assert finding.severity in (CATASTROPHIC, QUADRATIC) and "\n" not in finding.message


# --- through the CLI -------------------------------------------------------------

def rule_file(tmp_path, pattern: str, rule_id: str = "debris.user-rule"):
    path = tmp_path / "mine.toml"
    path.write_text(
        f'[[rule]]\nid = "{rule_id}"\ncategory = "{rule_id.split(".")[0]}"\n'
        f"pattern = '{pattern}'\nscope = \"line\"\nwhy = \"test\"\n", encoding="utf-8")
    return path


def test_rules_check_fails_a_catastrophic_pattern_naming_the_rule(tmp_path):
    done = run("rules", "check", rule_file(tmp_path, "(a+)+$"))
    assert done.returncode == 1
    assert_one_clear_line(done)
    (line,) = stderr_lines(done)
    assert line.startswith("newsclean: error: ") and "rule debris.user-rule: pattern may " in line
    assert "backtrack catastrophically" in line and "`(a+)+`" in line


def test_rules_check_warns_about_a_slow_pattern_but_passes(tmp_path):
    done = run("rules", "check", rule_file(tmp_path, r"\s*:?\s*x$"))
    assert done.returncode == 0 and "1 rules ok" in done.stdout
    lines = stderr_lines(done)
    assert lines and all(line.startswith("newsclean: warning: ") for line in lines)
    assert all("rule debris.user-rule: pattern may be slow on long lines" in line for line in lines)


# Catastrophic when searched: (a+)+ tries every way to split a run of a's, at
# every start, before finding no "!" or "?" after it. ((a+)+$, anchored at its
# end only, is matched from the end instead, and fails there at once: see
# test_an_end_anchored_catastrophic_rule_is_matched_from_the_end.)
CATASTROPHIC_WHEN_SEARCHED = "(a+)+[!?]"


def test_catastrophic_user_rule_is_skipped_and_named_not_a_hang(tmp_path):
    """(a+)+ against 5,000 a's and a b finishes, with a note."""
    rules = rule_file(tmp_path, CATASTROPHIC_WHEN_SEARCHED)
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(PROSE + "\n" + "a" * 5000 + "b\n" + PROSE + "\n", encoding="utf-8")
    out = tmp_path / "out"
    done = run("clean", hostile, GOOD, "--rules", rules, "-o", out, timeout=60)
    assert done.returncode == 0
    assert_one_clear_line(done)
    assert stderr_lines(done) == [
        "newsclean: hostile.txt: rule debris.user-rule timed out and was skipped"
    ]
    assert (out / GOOD.name).read_text(encoding="utf-8") == GOOD_EXPECTED
    assert PROSE in (out / "hostile.txt").read_text(encoding="utf-8")


def test_catastrophic_rule_on_many_hostile_lines_times_out_once(tmp_path):
    """Once timed out, the rule is skipped for the rest of the document: two
    hundred hostile lines cost one timeout, not two hundred."""
    rules = rule_file(tmp_path, CATASTROPHIC_WHEN_SEARCHED)
    hostile = tmp_path / "many.txt"
    hostile.write_text(("a" * 3000 + "b\n") * 200, encoding="utf-8")
    done = run("clean", hostile, "--rules", rules, timeout=60)
    assert done.returncode == 0
    assert stderr_lines(done) == ["newsclean: many.txt: rule debris.user-rule timed out and was skipped"]


def test_an_end_anchored_catastrophic_rule_is_matched_from_the_end(tmp_path):
    """The issue's case, (a+)+$ against 5,000 a's and a b: searched, it times
    out; matched once from the line's end, it fails at the b at once, so the
    rule runs on the whole document and nothing is skipped."""
    rules = rule_file(tmp_path, "(a+)+$")
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(PROSE + "\n" + "a" * 5000 + "b\n" + "a" * 40 + "\n" + PROSE + "\n",
                       encoding="utf-8")
    done = run("clean", hostile, "--rules", rules, "--report", "-", "--report-format", "diff",
               timeout=60)
    assert done.returncode == 0
    assert "timed out" not in done.stderr
    assert "debris debris.user-rule\n-" + "a" * 40 + "\n" in done.stderr  # the rule still removes
    # The long line does not end in an "a": the rule leaves it (the scorer may not).
    assert "debris.user-rule\n-" + "a" * 5000 + "b" not in done.stderr
    assert PROSE in done.stdout


def test_a_rule_slow_from_the_end_is_searched_instead_and_not_skipped(tmp_path):
    # x(a+)+$ is quadratic matched backwards over a long run of a's, and
    # found absent at once by a search (there is no x to start from).
    rules = rule_file(tmp_path, "x(a+)+$")
    hostile = tmp_path / "long.txt"
    hostile.write_text(PROSE + "\n" + "a" * 30000 + "\n" + "xaaa\n" + PROSE + "\n", encoding="utf-8")
    done = run("clean", hostile, "--rules", rules, "--report", "-", "--report-format", "diff",
               timeout=60)
    assert done.returncode == 0
    assert "timed out" not in done.stderr
    assert "debris debris.user-rule\n-xaaa\n" in done.stderr


def test_rules_check_names_an_example_that_times_out(tmp_path):
    path = tmp_path / "slow.toml"
    path.write_text(
        '[[rule]]\nid = "debris.slow"\ncategory = "debris"\npattern = \'(a+)+$\'\n'
        f'scope = "line"\nwhy = "w"\nmatch = ["aaa"]\nno_match = ["{"a" * 5000}!"]\n',
        encoding="utf-8")
    done = run("rules", "check", path, timeout=60)
    assert done.returncode == 1
    assert_one_clear_line(done)
    assert any("rule debris.slow: an example timed out" in line for line in stderr_lines(done))
