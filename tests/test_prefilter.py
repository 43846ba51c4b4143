"""The literal prefilter of rules: it may only skip lines a rule cannot match."""

import pickle

import pytest
import regex
from conftest import SEEDS, write_rule
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import get_rules
from cleaner.annotate import Matcher, _drop_overlaps, every_match
from cleaner.ruleset import ends_anchored, fold_case, required_literals, starts_anchored


@pytest.mark.parametrize("pattern,expected", [
    (r"(?i)^(?:photo|foto)s?\s*:", ("foto", "photo")),
    (r"^read (?:more|also)$", ("read ",)),         # the longest shortest word wins
    (r"^(?:more|also) news$", (" news",)),
    (r"colou?r scheme", ("r scheme",)),             # u? splits the run
    (r"(?:cookies?)?\s*policy", ("policy",)),       # optional groups require nothing
    (r"Related\b", ("related",)),                   # case-folded
    (r"(?<!not )subscribe", ("subscribe",)),        # lookarounds require nothing
    (r"abc|\d+", None),                             # an alternative without words
    (r"(a)\1bcdef", None),                          # back references: not analysed
    (r"(?x) a b c d", None),                        # verbose mode: not analysed
    (r"ad", None),                                  # too short to pay off
])
def test_required_literals(pattern, expected):
    assert required_literals(pattern) == expected


def test_every_shipped_example_and_seed_line_passes_the_prefilter():
    lines = [line for path in SEEDS.glob("*.txt")
             for line in path.read_text(encoding="utf-8").splitlines()]
    rules = get_rules()
    matcher = Matcher(rules)
    for rule in rules:
        for text in (*rule.match, *rule.no_match, *lines):
            if rule.search(text) is not None:
                assert matcher.may_match(rule, text), (rule.id, text)


def _case_partners(char: str) -> set[str]:
    """The single characters the str case mappings relate ``char`` to."""
    partners = set()
    for mapped in (char.lower(), char.upper(), char.title(), char.casefold()):
        for other in mapped:
            partners |= {other, other.lower(), other.upper()}
    return partners - {char}


def test_prefilter_folds_case_as_the_rules_match_it():
    # Wherever a rule's character matches another under the rules' simple
    # case folding, the prefilter's folding must make the two equal, or a
    # rule's word would be missed in a line that holds it (the Turkish
    # "İlgili" for "ilgili").
    cased = (chr(code) for code in range(0x10000) if not 0xD800 <= code < 0xE000)
    for char in cased:
        for partner in _case_partners(char):
            pattern = regex.compile(r"(?i)(?-f)" + regex.escape(partner), flags=regex.V1)
            if pattern.fullmatch(char):
                assert fold_case(char) == fold_case(partner), (char, partner)


@pytest.mark.parametrize("pattern,text", [
    (r"(?i)^ilgili haberler$", "İLGİLİ HABERLER"),
    (r"(?i)^ilgili haberler$", "İlgili Haberler"),
    (r"(?i)^KIRMIZI ALARM$", "kırmızı alarm"),
])
def test_turkish_i_in_a_line_does_not_hide_a_match(tmp_path, pattern, text):
    rules = get_rules([write_rule(tmp_path, pattern)])
    [rule] = [rule for rule in rules if rule.id == "ad.t"]
    assert rule.literals and rule.search(text) is not None
    assert Matcher(rules).may_match(rule, text)


WORDS = st.sampled_from(["Photo", "PHOTOS", "by", "Read", "more", "ß", "SS", "cookie", "İ", " ",
                         ":", "/", "Advertisement", "app", "ago", "5", "mins", "(", ")", ".",
                         "Jane", "AP", "REUTERS", "Credit", "\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=12).map("".join))
def test_prefilter_never_hides_a_match(text):
    rules = get_rules()
    matcher = Matcher(rules)
    for rule in rules:
        if rule.search(text) is not None:
            assert matcher.may_match(rule, text), (rule.id, text)


def test_patterns_accepted_by_regex_only():
    # The analysis never raises, whatever the pattern.
    for pattern in [r"[[a-z]--[aeiou]]xyz", r"\p{L}+word", r"(?P<n>abc)def", r"a{2,}bcd", "(?i:x)yz"]:
        regex.compile(pattern, regex.VERSION1)
        required_literals(pattern)


def test_start_gate_matches_exactly_when_one_of_its_rules_does():
    rules = get_rules()
    lines = [line.strip() for path in SEEDS.glob("*.txt")
             for line in path.read_text(encoding="utf-8").splitlines()]
    gated_somewhere = False
    for scope in ("line", "tail", "span"):
        group = rules.by_scope(scope)
        gate, ids = rules.start_gate(group)
        gated = [rule for rule in group if rule.id in ids]
        gated_somewhere |= bool(gated)
        assert all(rule.literals is None for rule in gated)
        examples = [e for rule in group for e in (*rule.match, *rule.no_match)]
        for text in lines + examples:
            expected = any(rule.search(text) is not None for rule in gated)
            assert (gate is not None and gate.match(text) is not None) == expected, text
    assert gated_somewhere


@pytest.mark.parametrize(("pattern", "anchored"), [
    (r"^by\s+\w+", True),
    (r"(?i)^ad$|^sponsored$", True),
    (r"(?i)^(?:a|b)c", True),
    (r"^[|]x|^y", True),             # a "|" inside a class does not split
    (r"^\|x", True),                 # nor does an escaped one
    (r"^ad|sponsored", False),       # one alternative may match anywhere
    (r"(?:^a|^b)", False),           # anchored inside a group: not recognised, so not gated
    (r"(?m)^ad", False),             # MULTILINE: ^ also matches after a line break
    (r"(?x)^a # or |^b", False),     # VERBOSE: comments may hold a "|"
    (r"\(Jane/AP\)$", False),
    (r"(?<=\.)\s+AFP$", False),
])
def test_a_pattern_is_start_anchored_only_when_every_alternative_begins_with_a_caret(pattern, anchored):
    assert starts_anchored(pattern) is anchored


@pytest.mark.parametrize(("pattern", "anchored"), [
    (r"\(Jane/AP\)$", True),
    (r"(?<=\.)\s+AFP$|\(AP\)$", True),
    (r"(?i:credit):\s*\p{Lu}+$", True),    # \p{Lu}+ is a class repeated, not possessive
    (r"[\p{L} .-]{1,40}/\s?AP$", True),
    (r"AFP$|AFP", False),                   # one alternative may end anywhere
    (r"AFP\$", False),                      # an escaped dollar is a character
    (r"AFP\\$", True),                     # an escaped backslash, then the end
    (r"(?:AFP$)", False),                   # anchored inside a group: not recognised
    (r"\d++1$", False),                     # possessive: gives up text one way only
    (r"(?>\d+)1$", False),                  # atomic group: the same
    (r"(\w)\1$", False),                    # back reference
    (r"(?:AFP){e<=1}$", False),             # fuzzy matching
    (r"(?m)AFP$", False),                   # MULTILINE: $ also matches inside the text
    (r"x(?i:m)$", True),                    # a scoped i is no m flag
])
def test_a_pattern_is_end_anchored_only_when_every_alternative_ends_with_a_dollar(pattern, anchored):
    assert ends_anchored(pattern) is anchored


def test_rules_matched_from_the_end_match_exactly_where_a_search_does():
    rules = get_rules()
    patterns = rules.from_end_patterns()
    backwards = {rule: patterns[rule.id] for rule in rules if rule.id in patterns}
    assert any(rule.scope == "line" for rule in backwards) and any(
        rule.scope == "span" for rule in backwards)
    assert all(not starts_anchored(rule.pattern.pattern) for rule in backwards)
    lines = [line.strip() for path in SEEDS.glob("*.txt")
             for line in path.read_text(encoding="utf-8").splitlines()]
    for rule, from_end in backwards.items():
        for text in (*lines, *rule.match, *rule.no_match):
            assert (from_end.match(text) is None) == (rule.search(text) is None), (rule.id, text)


def test_a_text_ending_in_a_line_break_is_searched_as_usual():
    # "$" matches before a final "\n": a match there does not end at the text's end.
    rules = get_rules()
    text = "Traders work on the floor in New York, U.S., November 18, 2019. REUTERS/Jane Doe\n"
    matcher = Matcher(rules)
    assert matcher.first_hit(matcher.line_rules, text) == plain_first_hit(matcher.line_rules, text)
    assert plain_first_hit(matcher.line_rules, text) is not None


def test_short_non_ascii_words_count_by_their_bytes():
    assert required_literals("相关(?:新闻|文章)") == ("相关",)


def plain_first_hit(rules, text):
    return next((rule for rule in rules if rule.search(text) is not None), None)


def test_matcher_finds_the_first_hit_of_every_rule_list():
    # The matcher skips the rules whose required words a line lacks and rules
    # out the start-anchored ones together; each line must still get exactly
    # its own first hit.
    rules = get_rules()
    examples = [e for rule in rules for e in (*rule.match, *rule.no_match)]
    seed_lines = [line.strip() for path in SEEDS.glob("*.txt")
                  for line in path.read_text(encoding="utf-8").splitlines()]
    # Words split across two lines must not be found in either.
    split = ["Subscr", "ibe", "Photo", ": Reuters", "advert", "isement", ""]
    for texts in (examples, seed_lines, split):
        matcher = Matcher(rules)
        for group in (matcher.line_rules, matcher.tail_rules):
            for text in texts:
                assert matcher.first_hit(group, text) == plain_first_hit(group, text), text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(WORDS, max_size=8).map("".join), max_size=6))
def test_prefilter_agrees_with_running_every_rule(texts):
    rules = get_rules()
    matcher = Matcher(rules)
    for text in texts:
        for group in (matcher.line_rules, matcher.tail_rules):
            assert matcher.first_hit(group, text) == plain_first_hit(group, text)


def plain_spans(rules, text):
    """Every rule searched over the whole text: no prefilter, no match from the end."""
    return _drop_overlaps([(start, end, rule) for rule in rules
                           for start, end in every_match(rule.search, text)])


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=12).map("".join))
def test_span_rules_find_what_searching_every_rule_finds(text):
    rules = get_rules()
    matcher = Matcher(rules)
    assert matcher.spans(matcher.span_rules, text) == plain_spans(matcher.span_rules, text)


def test_a_rule_set_sent_to_another_process_keeps_its_prefilter():
    # Dask pickles the rule set once its caches are built; the copy's rules are
    # new objects, and must still pass the prefilter where they match.
    rules = get_rules()
    text = "Photo: Reuters"
    expected = plain_first_hit(rules.by_scope("line"), text)
    assert expected is not None
    warm = Matcher(rules)
    assert warm.first_hit(warm.line_rules, text) == expected  # builds the caches
    copy = pickle.loads(pickle.dumps(rules))
    matcher = Matcher(copy)
    assert matcher.first_hit(matcher.line_rules, text).id == expected.id
