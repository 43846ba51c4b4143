"""Rules are data: every shipped rule's examples run, and bad rule files are
refused with a message naming the file and the rule id."""

from pathlib import Path

import pytest

from cleaner.ruleset import (
    SCOPES,
    RuleError,
    builtin_rule_files,
    check_examples,
    load_rules,
    parse_rule_file,
)

SHIPPED = load_rules()

# The categories the product promises, each with a shipped rule file.
PROMISED_CATEGORIES = {
    "ticker", "navigation", "app_promo", "comments", "related", "captcha", "newsletter",
    "social", "caption", "source", "ad", "share", "legal", "paywall", "byline", "debris",
}


def test_every_promised_category_has_a_rule_file():
    assert {path.stem for path in builtin_rule_files()} >= PROMISED_CATEGORIES


def test_a_source_checkout_reads_its_own_rules_folder(tmp_path, monkeypatch):
    from cleaner import ruleset

    (tmp_path / "cleaner").mkdir()
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "mine.toml").write_text("")
    monkeypatch.setattr(ruleset, "__file__", str(tmp_path / "cleaner" / "ruleset.py"))
    # Without a pyproject.toml beside it, the folder is not a checkout.
    assert (tmp_path / "rules" / "mine.toml") not in builtin_rule_files()
    (tmp_path / "pyproject.toml").write_text("")
    assert builtin_rule_files() == [tmp_path / "rules" / "mine.toml"]


@pytest.mark.parametrize("rule", SHIPPED.rules, ids=lambda r: r.id)
def test_shipped_rule_examples(rule):
    assert rule.match and rule.no_match, "every shipped rule shows what it matches and what not"
    assert check_examples([rule]) == []


def test_shipped_rules_are_well_formed():
    ids = [rule.id for rule in SHIPPED]
    assert len(ids) == len(set(ids))
    for rule in SHIPPED:
        assert rule.scope in SCOPES
        assert Path(rule.source).stem == rule.category


def write(tmp_path, body: str) -> Path:
    path = tmp_path / "user.toml"
    path.write_text(body, encoding="utf-8")
    return path


GOOD_RULE = """
[[rule]]
id = "promo.my-rule"
category = "promo"
pattern = '(?i)^buy now$'
scope = "line"
why = "Shop buttons"
match = ["BUY NOW"]
no_match = ["They buy now and pay later."]
"""


def test_user_rule_file_loads_and_is_added(tmp_path):
    rules = load_rules([write(tmp_path, GOOD_RULE)])
    assert "promo.my-rule" in {rule.id for rule in rules}


@pytest.mark.parametrize(
    "change, message",
    [
        (("'(?i)^buy now$'", "'(unclosed'"), "promo.my-rule: bad pattern"),
        (('scope = "line"', 'scope = "page"'), "promo.my-rule: scope must be one of"),
        (('id = "promo.my-rule"', 'id = "other.my-rule"'), "id must start with its category"),
        (('why = "Shop buttons"\n', ""), "promo.my-rule: missing or non-string why"),
        (("'(?i)^buy now$'", "'x*'"), "promo.my-rule: pattern matches the empty string"),
        (('scope = "line"', 'scope = "line"\ncolour = "red"'), "unknown key(s) colour"),
        (("'(?i)^buy now$'", "'" + "(" * 40 + "a" + ")+" * 40 + "'"), "nests groups deeper than"),
    ],
)
def test_broken_rule_is_refused_by_id(tmp_path, change, message):
    with pytest.raises(RuleError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_rule_file(write(tmp_path, GOOD_RULE.replace(*change)))


def test_failing_example_names_the_rule(tmp_path):
    rules = parse_rule_file(write(tmp_path, GOOD_RULE.replace('match = ["BUY NOW"]', 'match = ["SELL"]')))
    assert [(f.rule_id, f.example) for f in check_examples(rules)] == [("promo.my-rule", "SELL")]


def test_not_toml_is_refused(tmp_path):
    with pytest.raises(RuleError, match="not valid TOML"):
        parse_rule_file(write(tmp_path, "[[rule]\nid ="))


def test_disable_by_id_and_by_category():
    ids = {rule.id for rule in load_rules(disable=["ad.label", "ticker"])}
    assert "ad.label" not in ids and not any(i.startswith("ticker.") for i in ids)
    assert "ad.inline-label" in ids


def test_disabling_a_name_that_is_no_rule_or_category_is_an_error():
    with pytest.raises(RuleError, match="cannot disable 'tickers'"):
        load_rules(disable=["ad.label", "tickers"])
