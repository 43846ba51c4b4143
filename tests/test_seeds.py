"""The five real dumps the product was specified from come out exactly as
their hand-written expected files."""

import pytest
from conftest import SEEDS
from invariants import delete_spans, normalised_lines

from cleaner import clean

SEED_INPUTS = sorted(p for p in SEEDS.glob("*.txt") if not p.name.endswith(".expected.txt"))


def test_there_are_five_seeds():
    assert len(SEED_INPUTS) == 5


@pytest.mark.parametrize("seed", SEED_INPUTS, ids=lambda p: p.stem)
def test_seed_matches_expected(seed):
    expected = seed.with_name(seed.stem + ".expected.txt").read_text(encoding="utf-8")
    assert clean(seed.read_text(encoding="utf-8")).text == expected


@pytest.mark.parametrize("seed", SEED_INPUTS, ids=lambda p: p.stem)
def test_seed_report_accounts_for_every_removal(seed):
    text = seed.read_text(encoding="utf-8")
    result = clean(text)
    assert normalised_lines(delete_spans(text, result.removed)) == normalised_lines(result.text)


def _removal_rules(name):
    text = (SEEDS / name).read_text(encoding="utf-8")
    return {(r.category, r.rule): r for r in clean(text).removed}


def test_inline_wire_credit_is_cut_and_paragraph_kept():
    rules = _removal_rules("003_852f25ebb9cd7264.txt")
    credit = rules[("caption", "caption.wire-credit-at-end")]
    assert credit.text.strip() == "NYTIMES" and credit.line_start == 42


def test_caption_above_a_credit_is_removed():
    rules = _removal_rules("003_852f25ebb9cd7264.txt")
    assert rules[("caption", "heuristic:caption-before-credit")].line_start == 22


def test_repeated_title_is_reported_as_duplicate():
    # Lines 2 and 4 both hold the title; one copy is kept, the other reported.
    rules = _removal_rules("001_891e35ad8191d4d8.txt")
    assert rules[("duplicate", "heuristic:duplicate-line")].line_start in (2, 4)


def test_seed_titles():
    titles = {p.name[:3]: clean(p.read_text(encoding="utf-8")).title for p in SEED_INPUTS}
    assert titles["000"] == "Russia Expands Military Cooperation with North Korea"
    assert titles["002"] == "Russia Supplies Antiaircraft Missiles to North Korea, the South Says"
    assert titles["004"] is None
