"""Rules fold case one character at a time (ruleset.SIMPLE_CASE_FOLDING)."""

from conftest import write_rule

from cleaner.ruleset import parse_rule_file


def test_ignorecase_rules_fold_case_one_character_at_a_time(tmp_path):
    [rule] = parse_rule_file(write_rule(tmp_path, "(?i)^straße$"))
    assert rule.search("STRAẞE") is not None  # the capital sharp s folds to ß
    assert rule.search("Straße") is not None
    assert rule.search("STRASSE") is None      # full folding ("ß" = "ss") is off


def test_a_rule_can_still_ask_for_full_case_folding(tmp_path):
    [rule] = parse_rule_file(write_rule(tmp_path, "(?if)^straße$"))
    assert rule.search("STRASSE") is not None
