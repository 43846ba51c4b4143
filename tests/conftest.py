"""Shared fixtures: the seeds folder and helpers used across the test modules."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_inputs() -> list[Path]:
    return sorted(p for p in SEEDS.glob("*.txt") if not p.name.endswith(".expected.txt"))


def write_rule(tmp_path: Path, pattern: str) -> Path:
    """A rule file in ``tmp_path`` holding one line rule, ``ad.t``, with ``pattern``."""
    path = tmp_path / "r.toml"
    path.write_text(
        "[[rule]]\n"
        'id = "ad.t"\ncategory = "ad"\nscope = "line"\nwhy = "test"\n'
        f"pattern = '{pattern}'\n",
        encoding="utf-8",
    )
    return path
