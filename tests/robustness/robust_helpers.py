"""Helpers for the robustness suite: run the real command on real files."""

import subprocess
import sys
import tempfile

from conftest import SEEDS

GOOD = SEEDS / "002_8263427240d95e84.txt"
GOOD_EXPECTED = (SEEDS / "002_8263427240d95e84.expected.txt").read_text(encoding="utf-8")

# A paragraph of prose long enough for the cleaner to keep it as an article.
PROSE = (
    "Le gouvernement a annoncé lundi que les négociations reprendraient après l'été, "
    "a déclaré le ministre à la presse. Les syndicats ont réagi avec prudence à cette "
    "annonce, qui intervient après des semaines de grèves très suivies à travers le pays."
)


def run(*args, stdin: bytes | None = None, cwd=None, timeout: int = 120):
    """The command as a user runs it, from a neutral folder; stdout/stderr as text."""
    done = subprocess.run(
        [sys.executable, "-m", "cleaner", *map(str, args)],
        input=stdin, check=False, capture_output=True, cwd=cwd or tempfile.gettempdir(), timeout=timeout,
    )
    done.stdout = done.stdout.decode("utf-8", errors="replace")
    done.stderr = done.stderr.decode("utf-8", errors="replace")
    return done


def stderr_lines(done) -> list[str]:
    return [line for line in done.stderr.splitlines() if line.strip()]


def assert_one_clear_line(done) -> None:
    """stderr is lines starting with 'newsclean: ', never a traceback."""
    assert "Traceback" not in done.stderr, done.stderr
    assert all(line.startswith("newsclean: ") for line in stderr_lines(done)), done.stderr
