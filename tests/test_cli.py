"""The newsclean command as a user runs it: real processes, exit codes, stderr."""

import json
import subprocess
import sys
import tempfile

import pytest
from conftest import SEEDS

SEED = SEEDS / "002_8263427240d95e84.txt"
EXPECTED = SEEDS / "002_8263427240d95e84.expected.txt"


def run(*args, stdin: str | None = None, cwd=None):
    """Run the command from a neutral folder, as a user of the installed tool would."""
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *map(str, args)],
        input=stdin, check=False, capture_output=True, text=True, cwd=cwd or tempfile.gettempdir(), timeout=120,
    )


def test_clean_file_to_stdout_from_another_folder(tmp_path):
    done = run("clean", SEED, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == EXPECTED.read_text(encoding="utf-8")


def test_stdin_to_stdout():
    done = run("clean", stdin=SEED.read_text(encoding="utf-8"))
    assert done.returncode == 0 and done.stdout == EXPECTED.read_text(encoding="utf-8")


def test_output_folder_gets_one_file_per_input(tmp_path):
    inputs = sorted(p for p in SEEDS.glob("*.txt") if not p.name.endswith(".expected.txt"))
    done = run("clean", *inputs, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    for path in inputs:
        expected = path.with_name(path.stem + ".expected.txt").read_text(encoding="utf-8")
        assert (tmp_path / "out" / path.name).read_text(encoding="utf-8") == expected


def test_output_file_for_one_input(tmp_path):
    target = tmp_path / "article.txt"
    assert run("clean", SEED, "-o", target).returncode == 0
    assert target.read_text(encoding="utf-8") == EXPECTED.read_text(encoding="utf-8")


def test_json_format_has_offsets_into_the_input():
    done = run("clean", SEED, "--format", "json")
    record = json.loads(done.stdout)
    text = SEED.read_text(encoding="utf-8")
    assert record["id"] == SEED.name and record["text"] == EXPECTED.read_text(encoding="utf-8")
    assert record["title"].startswith("Russia Supplies")
    for removal in record["removed"]:
        assert text[removal["start"]:removal["end"]] == removal["text"]
        assert set(removal) == {"start", "end", "line_start", "line_end", "category", "rule", "text"}


def test_diff_report_labels_hunks_with_category_and_rule(tmp_path):
    report = tmp_path / "report.diff"
    done = run("clean", SEED, "--report", report, "--report-format", "diff")
    assert done.returncode == 0
    body = report.read_text(encoding="utf-8")
    assert "@@ -8,1 +8,0 @@ source source.read-at" in body and "-Read at www.nytimes.com" in body


def test_summary_report_on_stderr():
    done = run("clean", SEED, "--report", "-")
    assert "source" in done.stderr and "debris" in done.stderr and "total" in done.stderr


def test_missing_input_fails_alone(tmp_path):
    target = tmp_path / "out"
    done = run("clean", "no-such-file.txt", SEED, "-o", target)
    assert done.returncode == 1
    assert done.stderr.strip() == "newsclean: error: no-such-file.txt: no such file or folder"
    assert (target / SEED.name).exists()


def test_no_title_option():
    done = run("clean", SEED, "--no-title")
    assert not done.stdout.startswith("Russia Supplies")


def test_disabled_category_removes_nothing():
    done = run("clean", SEED, "--disable", "source", "--report", "-", "--report-format", "json")
    categories = {r["category"] for r in json.loads(done.stderr)["removed"]}
    assert "source" not in categories and "debris" in categories


def test_bad_rule_file_is_a_usage_error(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rule]]\nid = "x.y"\ncategory = "x"\npattern = "(("\nscope = "line"\nwhy = "w"\n')
    done = run("clean", SEED, "--rules", bad)
    assert done.returncode == 2
    assert "rule x.y: bad pattern" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_unknown_language_is_a_usage_error():
    done = run("clean", SEED, "--lang", "klingon")
    assert done.returncode == 2 and "unknown language" in done.stderr


def test_rules_check_accepts_shipped_rules():
    from cleaner.ruleset import builtin_rule_files

    done = run("rules", "check", *builtin_rule_files())
    assert done.returncode == 0, done.stderr


def test_rules_check_names_failing_example(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(
        '[[rule]]\nid = "promo.buy"\ncategory = "promo"\npattern = \'^BUY$\'\n'
        'scope = "line"\nwhy = "w"\nmatch = ["buy"]\n', encoding="utf-8")
    done = run("rules", "check", path)
    assert done.returncode == 1
    assert "rule promo.buy: example should match: 'buy'" in done.stderr


def test_rules_list_one_line_per_rule():
    lines = run("rules", "list").stdout.strip().splitlines()
    assert any(line.startswith("ticker.headline-with-age\tticker\tline\t") for line in lines)
    assert all(len(line.split("\t")) == 4 for line in lines)


@pytest.mark.parametrize("args", [["clean", "--help"], ["rules", "--help"]])
def test_help_teaches(args):
    done = run(*args)
    assert done.returncode == 0 and "Usage" in done.stdout


def test_help_prints_bracketed_text_as_written():
    # Help texts hold square brackets (defaults, the pip extra); rendered as
    # markup they would vanish from the help without a trace.
    help_text = " ".join(run("clean", "--help").stdout.split())
    assert "the field to clean. [default: text]" in help_text
    assert "[default: all cores]" in help_text
    assert "Needs newsclean[dask]." in help_text


def test_clean_help_lists_the_exit_codes():
    help_text = run("clean", "--help").stdout
    assert "Exit codes:" in help_text
    for code in "0123":
        assert f"\n    {code}  " in help_text
