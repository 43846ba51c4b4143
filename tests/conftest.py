"""Shared fixtures: the seeds folder and helpers used across the test modules."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_inputs() -> list[Path]:
    return sorted(p for p in SEEDS.glob("*.txt") if not p.name.endswith(".expected.txt"))
