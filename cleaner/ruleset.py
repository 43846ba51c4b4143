"""Rules as data: load, validate and match the TOML rule sets.

A rule names one kind of boilerplate. Its ``scope`` says what a match removes:

- ``line``: the whole line;
- ``span``: only the matched text, the rest of the line is kept;
- ``tail``: this line and everything after it (a "Related Articles" or
  "Comments" heading), once enough article text was seen before it.

Every pattern runs under the ``regex`` module's timeout, so no rule, shipped
or user-written, can hang the cleaner on a hostile line.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import ahocorasick
import regex

from .lint import class_end

SCOPES = ("line", "span", "tail")
REQUIRED_KEYS = ("id", "category", "pattern", "scope", "why")
OPTIONAL_KEYS = ("match", "no_match")

# Seconds one pattern may spend on one line. Ordinary patterns take
# microseconds; only catastrophic backtracking comes near this.
MATCH_TIMEOUT_SECONDS = 0.25
# ... plus this much per megabyte searched: an ordinary linear pattern needs
# some tens of milliseconds per megabyte, and must not be cut off (and
# reported as timed out) on a dump whose single line is tens of megabytes.
MATCH_TIMEOUT_SECONDS_PER_MB = 0.1


# Put before every rule's pattern: case-insensitive rules compare characters
# one to one (simple case folding), not by regex VERSION1's default full case
# folding, under which "ß" also matches "ss". Full folding made one ordinary
# caption line cost a photo-credit pattern 30 ms, a thousand times its usual
# cost; simple folding changes no match on the seeds or the benchmark pages.
SIMPLE_CASE_FOLDING = "(?-f)"

# Compiling grows exponentially with nested quantified groups (20 levels take
# seconds, 50 exhaust memory, ~300 overflow the parser's stack); no honest
# boilerplate pattern nests more than a handful.
MAX_GROUP_NESTING = 12


def group_depth(pattern: str) -> int:
    """How deeply the pattern's groups nest (escapes and [classes] skipped)."""
    depth = deepest = 0
    escaped = in_class = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth = max(0, depth - 1)
    return deepest


def match_timeout(text: str) -> float:
    """The time one search of ``text`` may take."""
    return MATCH_TIMEOUT_SECONDS + MATCH_TIMEOUT_SECONDS_PER_MB * len(text) / 1_000_000


class RuleError(ValueError):
    """A rule file or rule is unusable; the message names the file and rule id."""


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    category: str
    pattern: regex.Pattern
    scope: str
    why: str
    source: str
    match: tuple[str, ...] = ()
    no_match: tuple[str, ...] = ()
    # Case-folded words one of which every match contains (see required_literals);
    # None when the pattern has no such words or is beyond the analysis.
    literals: tuple[str, ...] | None = None

    def search(self, text: str, pos: int = 0) -> regex.Match | None:
        """First match in ``text``; raises TimeoutError past ``match_timeout(text)``."""
        return self.pattern.search(text, pos, timeout=match_timeout(text))


@dataclass(frozen=True, slots=True)
class ExampleFailure:
    rule_id: str
    example: str
    expected_match: bool


@dataclass(slots=True)
class RuleSet:
    rules: list[Rule] = field(default_factory=list)
    # Start gates by rule ids, the literal automaton and the backward
    # patterns, built on first use.
    _combined: dict = field(default_factory=dict, repr=False, compare=False)

    def start_gate(self, rules: Sequence[Rule]) -> tuple[regex.Pattern | None, frozenset[str]]:
        """One pattern for the rules without a literal prefilter that can only
        match at the start of a text, and the ids of the rules it stands for.

        ``gate.match(text)`` is None only when none of those rules matches
        ``text``: one call rules them all out on most lines, where a call per
        rule costs about a microsecond each. Searching one alternation instead
        costs three times the separate searches: inside an alternation, the
        engine no longer sees that a branch is anchored and tries it at every
        position. Each pattern sits in its own group, where (regex VERSION1)
        its inline flags stay scoped; patterns with back references, whose
        numbers would shift, stay out of the gate.
        """
        key = tuple(rule.id for rule in rules)
        if key not in self._combined:
            gated = [rule for rule in rules if rule.literals is None
                     and starts_anchored(rule.pattern.pattern)
                     and not _GROUP_REFERENCE.search(rule.pattern.pattern)]
            gate = _alternation([rule.pattern.pattern for rule in gated])
            self._combined[key] = (gate, frozenset(rule.id for rule in gated) if gate else frozenset())
        return self._combined[key]

    def from_end_patterns(self) -> dict[str, regex.Pattern]:
        """Rule id -> its pattern compiled to match backwards from a text's
        end, for the rules where that finds a match exactly when a search does.

        A pattern anchored at its end only (every alternative ends with ``$``,
        none begins with ``^``) is searched by trying every start position in
        turn; matched from the end it is tried once. One ordinary line cost
        a closing-credit pattern 6.5 microseconds searched, 0.8 matched from
        the end. Only whether it matches is the same both ways, not where:
        a span rule is still searched for where, once this found that it
        matches. Built on first use. See ``ends_anchored``.
        """
        if "from_end" not in self._combined:
            self._combined["from_end"] = {
                rule.id: regex.compile(rule.pattern.pattern, rule.pattern.flags | regex.REVERSE)
                for rule in self.rules
                if ends_anchored(rule.pattern.pattern) and not starts_anchored(rule.pattern.pattern)
                and not rule.pattern.flags & _DIRECTION_FLAGS
            }
        return self._combined["from_end"]

    def literal_automaton(self) -> ahocorasick.Automaton | None:
        """Every rule's required words (``Rule.literals``) in one Aho-Corasick
        automaton, each word holding the ids of the rules that require it.

        Built on first use; None when no rule has such words.
        ``automaton.iter(folded_text)`` finds all of them in one pass. Rule
        ids, not ``id(rule)``: a rule set sent to another process (a Dask
        worker) arrives with new objects but the same ids.
        """
        if "literals" not in self._combined:
            holders: dict[str, set[str]] = {}
            for rule in self.rules:
                for word in rule.literals or ():
                    holders.setdefault(word, set()).add(rule.id)
            automaton = None
            if holders:
                automaton = ahocorasick.Automaton()
                for word, rule_ids in holders.items():
                    automaton.add_word(word, frozenset(rule_ids))
                automaton.make_automaton()
            self._combined["literals"] = automaton
        return self._combined["literals"]

    def by_scope(self, scope: str) -> list[Rule]:
        return [rule for rule in self.rules if rule.scope == scope]

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self):
        return iter(self.rules)


def builtin_rule_files() -> list[Path]:
    """The rule files shipped inside the package, sorted by name.

    Installed, they are the package ``cleaner.rules``. In a source checkout
    they are its top-level ``rules/`` folder, even when an editable install
    of another checkout maps ``cleaner.rules`` elsewhere: the code and the
    rules of one checkout must be measured together.
    """
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "rules").is_dir():
        folder = checkout / "rules"
    else:
        folder = Path(str(resources.files("cleaner.rules")))
    return sorted(folder.glob("*.toml"), key=lambda path: path.name)


def expand_rule_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders become their ``*.toml`` files, sorted."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(path.glob("*.toml")))
        elif path.is_file():
            files.append(path)
        else:
            raise RuleError(f"{path}: no such rule file or folder")
    return files


def parse_rule_file(path: Path) -> list[Rule]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise RuleError(f"{path}: cannot read rule file: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise RuleError(f"{path}: not valid TOML: {error}") from None
    entries = data.get("rule", [])
    if not isinstance(entries, list) or not entries:
        raise RuleError(f"{path}: no [[rule]] entries")
    return [parse_rule(entry, path, number) for number, entry in enumerate(entries, 1)]


def parse_rule(entry: object, path: Path, number: int) -> Rule:
    if not isinstance(entry, dict):
        raise RuleError(f"{path}: rule #{number} is not a table")
    given_id = entry.get("id")
    rule_id = given_id if isinstance(given_id, str) else f"#{number}"
    where = f"{path}: rule {rule_id}"
    missing = [key for key in REQUIRED_KEYS if not isinstance(entry.get(key), str)]
    if missing:
        raise RuleError(f"{where}: missing or non-string {', '.join(missing)}")
    unknown = sorted(set(entry) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS))
    if unknown:
        raise RuleError(f"{where}: unknown key(s) {', '.join(unknown)}")
    if entry["scope"] not in SCOPES:
        raise RuleError(f"{where}: scope must be one of {', '.join(SCOPES)}")
    if not rule_id.startswith(entry["category"] + "."):
        raise RuleError(f"{where}: id must start with its category '{entry['category']}.'")
    examples = {key: entry.get(key, []) for key in OPTIONAL_KEYS}
    for key, values in examples.items():
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise RuleError(f"{where}: {key} must be a list of strings")
    if group_depth(entry["pattern"]) > MAX_GROUP_NESTING:
        raise RuleError(f"{where}: pattern nests groups deeper than {MAX_GROUP_NESTING}")
    try:
        pattern = regex.compile(SIMPLE_CASE_FOLDING + entry["pattern"], regex.VERSION1)
    except (regex.error, RecursionError, OverflowError) as error:
        raise RuleError(f"{where}: bad pattern: {error}") from None
    if pattern.search("") is not None:
        raise RuleError(f"{where}: pattern matches the empty string")
    return Rule(
        id=rule_id,
        category=entry["category"],
        pattern=pattern,
        scope=entry["scope"],
        why=entry["why"],
        source=str(path),
        match=tuple(examples["match"]),
        no_match=tuple(examples["no_match"]),
        literals=required_literals(entry["pattern"]),
    )


def load_rules(
    extra: Sequence[str | Path] = (),
    disable: Sequence[str] = (),
    builtin: bool = True,
) -> RuleSet:
    """Shipped rules, then the user's ``extra`` files or folders, minus ``disable``.

    ``disable`` holds rule ids or whole category names; a name that is
    neither is a RuleError (a typo would otherwise turn nothing off). A user
    rule with the id of a shipped one replaces it, so a shipped rule can be
    overridden.
    """
    files = (builtin_rule_files() if builtin else []) + expand_rule_paths(extra)
    by_id: dict[str, Rule] = {}
    for path in files:
        for rule in parse_rule_file(path):
            if rule.id in by_id and by_id[rule.id].source == rule.source:
                raise RuleError(f"{path}: rule {rule.id}: duplicate id")
            by_id[rule.id] = rule
    off = set(disable)
    unknown = sorted(off - set(by_id) - {rule.category for rule in by_id.values()})
    if unknown:
        raise RuleError(f"cannot disable {unknown[0]!r}: no rule id or category of that name "
                        "(newsclean rules list shows them)")
    return RuleSet([r for r in by_id.values() if r.id not in off and r.category not in off])


# Back references and group references that an alternation would renumber.
_GROUP_REFERENCE = regex.compile(r"\\[1-9]|\\g<|\(\?P=|\(\?&|\(\?R|\(\?\d")


def _alternation(patterns: list[str]) -> regex.Pattern | None:
    if not patterns:
        return None
    try:
        return regex.compile("|".join(f"(?:{p})" for p in patterns), regex.VERSION1)
    except regex.error:
        return None


# Inline flags that stand before a pattern and apply to all of it: (?i), (?s).
# MULTILINE and WORD (m, w) are left out: with them ``^`` also matches after a
# line break inside the text; so is VERBOSE (x), whose comments may hold a "|".
_LEADING_FLAGS = regex.compile(r"(?:\(\?[a-ln-vyzA-Z]*(?:-[a-zA-Z]+)?\))*")


def starts_anchored(pattern: str) -> bool:
    """True when every top-level alternative of ``pattern`` begins with ``^``
    (after leading inline flags): it can match only at the start of a text."""
    alternatives = _top_level_alternatives(pattern)
    return alternatives is not None and all(
        _without_leading_flags(alternative).startswith("^") for alternative in alternatives)


def _without_leading_flags(pattern: str) -> str:
    flags = _LEADING_FLAGS.match(pattern)
    return pattern[flags.end():] if flags else pattern


# Flags under which ``$`` also matches inside a text (MULTILINE, WORD), the
# pattern's text means something else (VERBOSE), or it runs backwards already.
_DIRECTION_FLAGS = regex.MULTILINE | regex.WORD | regex.VERBOSE | regex.REVERSE
# What can make a match found from the end differ from one found from the
# start: possessive quantifiers and atomic groups (they give up text in one
# direction only), verbs, \G and \K, conditionals, group references, and those
# flags set inside the pattern. Looked for in the raw text, escapes and all:
# a false alarm only leaves a pattern searched as usual.
_DIRECTION_DEPENDENT = regex.compile(
    r"[*+?}]\+|\(\?>|\(\*|\\[GK]|\(\?\(|\(\?[a-zA-Z-]*[mwxr]|" + _GROUP_REFERENCE.pattern)
# A brace after \p, \P, \N, \x or \u holds a name or a code point, not a quantifier.
_NAMED_ESCAPE = regex.compile(r"\\[pPNxu]\{[^}]*\}")


def ends_anchored(pattern: str) -> bool:
    """True when every top-level alternative of ``pattern`` ends with ``$``
    and nothing in it matches differently backwards (``_DIRECTION_DEPENDENT``,
    fuzzy matching): then matching from the text's end finds a match exactly
    when a search does, provided the text ends in no line break."""
    plain = _NAMED_ESCAPE.sub("N", pattern)  # \p{Lu}+ is a class repeated, not possessive
    if _DIRECTION_DEPENDENT.search(plain) or _has_fuzzy_braces(plain):
        return False
    alternatives = _top_level_alternatives(pattern)
    return alternatives is not None and all(_ends_with_dollar(alternative) for alternative in alternatives)


def _ends_with_dollar(alternative: str) -> bool:
    """Ends with a ``$`` that no odd run of backslashes escapes."""
    body = alternative.removesuffix("$")
    return body != alternative and (len(body) - len(body.rstrip("\\"))) % 2 == 0


def _has_fuzzy_braces(plain: str) -> bool:
    """A brace that is no plain quantifier ({2}, {1,3}): fuzzy matching ({e<=1});
    ``plain``: the pattern without its named escapes (``_NAMED_ESCAPE``)."""
    return any(not regex.fullmatch(r"[\d,]*", inside) for inside in regex.findall(r"\{([^}]*)\}", plain))


def _top_level_alternatives(pattern: str) -> list[str] | None:
    """``pattern`` split at the ``|`` outside any group or class; None for a
    pattern this walk does not follow (an unclosed set), which then counts
    as anchored at neither end."""
    alternatives, depth, start, position = [], 0, 0, 0
    while position < len(pattern):
        char = pattern[position]
        if char == "\\":
            position += 2
            continue
        if char == "[":
            try:
                position = class_end(pattern, position)
            except ValueError:
                return None
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            alternatives.append(pattern[start:position])
            start = position + 1
        position += 1
    alternatives.append(pattern[start:])
    return alternatives


def check_examples(rules: Iterable[Rule]) -> list[ExampleFailure]:
    """Every ``match`` example must match and every ``no_match`` must not."""
    failures = []
    for rule in rules:
        for example in rule.match:
            if rule.search(example) is None:
                failures.append(ExampleFailure(rule.id, example, True))
        for example in rule.no_match:
            if rule.search(example) is not None:
                failures.append(ExampleFailure(rule.id, example, False))
    return failures


# --- literal prefilter -------------------------------------------------------
#
# Most lines match no rule, and a regex search costs microseconds even when it
# fails at once. Many patterns cannot match without one of a few words
# ("photo", "cookie", "subscribe"), so a substring test on the case-folded line
# rules them out first. The analysis below is conservative: it returns the
# words only when it understands every construct on the way, else None (no
# prefilter, the rule always runs). Comparing case-folded text is a necessary
# condition whatever the pattern's case flags are.

_QUANTIFIER_START = "?*+{"
_ZERO_MIN = regex.compile(r"\?|\*|\{0?,|\{0\}")
_QUANTIFIER = regex.compile(r"(?:[?*+]|\{\d*(?:,\d*)?\})[?+]?")
# Escapes that stand for one literal character.
_LITERAL_ESCAPES = frozenset(".-'\"/\\|()[]{}?*+^$&#:,!@%=<>~` ")
# The prefilter pays off only with words this long (in UTF-8 bytes, so that a
# two-character CJK word counts); shorter ones are everywhere.
MIN_PREFILTER_LITERAL = 3


# str.casefold and the rules' simple case folding disagree on the Turkish i's
# only (checked over every Unicode character; tests/test_prefilter.py walks
# the Basic Multilingual Plane): a rule's "i" matches "İ" (U+0130),
# which casefold turns into "i" and a combining dot (U+0307), and its "I"
# matches the dotless "ı" (U+0131), which casefold keeps. Folding both the
# words and the text with these two mended keeps the test a necessary
# condition: a character deleted or replaced on both sides cannot make a
# held word go missing.
_TURKISH_I = str.maketrans({"\u0307": None, "\u0131": "i"})


def fold_case(text: str) -> str:
    """``text`` case-folded as the prefilter compares it (see _TURKISH_I)."""
    folded = text.casefold()
    return folded if folded.isascii() else folded.translate(_TURKISH_I)


class _Unsupported(Exception):
    """A construct the literal analysis does not model: no prefilter."""


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Case-folded strings one of which every match must contain, or None."""
    try:
        alternatives, position = _parse_alternatives(pattern, 0)
    except (_Unsupported, IndexError, ValueError):
        return None
    if position != len(pattern):
        return None
    best = _union(alternatives)
    if best is None or min(len(word.encode("utf-8")) for word in best) < MIN_PREFILTER_LITERAL:
        return None
    return tuple(sorted(best))


def _union(alternatives: list[list[frozenset[str] | None]]) -> frozenset[str] | None:
    """Each alternative must supply a requirement; any of them satisfies the group."""
    words: set[str] = set()
    for requirements in alternatives:
        best = _best(requirements)
        if best is None:
            return None
        words |= best
    return frozenset(words)


def _best(requirements: list[frozenset[str] | None]) -> frozenset[str] | None:
    """The most selective of a sequence's requirements: the longest shortest word."""
    known = [r for r in requirements if r]
    return max(known, key=lambda r: (min(map(len, r)), -len(r)), default=None)


def _parse_alternatives(pattern: str, position: int) -> tuple[list[list], int]:
    """Parse up to an unmatched ')' or the end: a list of sequences of requirements."""
    alternatives: list[list] = [[]]
    run = ""
    while position < len(pattern) and pattern[position] != ")":
        char = pattern[position]
        if char == "|":
            alternatives[-1].append(_word(run))
            alternatives.append([])
            run, position = "", position + 1
            continue
        item, literal, position = _parse_atom(pattern, position)
        quantifier = _QUANTIFIER.match(pattern, position)
        if quantifier:
            position = quantifier.end()
            optional = _ZERO_MIN.match(quantifier.group()) is not None
            if literal is not None:  # the quantifier binds this one character
                alternatives[-1].append(_word(run if optional else run + literal))
                run, literal, item = "", None, None
            elif optional:
                item = None
        if literal is not None:
            run += literal
            continue
        alternatives[-1].append(_word(run))
        run = ""
        alternatives[-1].append(item)
    alternatives[-1].append(_word(run))
    return alternatives, position


def _word(run: str) -> frozenset[str] | None:
    return frozenset({fold_case(run)}) if run else None


def _parse_atom(pattern: str, position: int) -> tuple[frozenset[str] | None, str | None, int]:
    """One atom: (its requirement, its literal character if it is one, next position)."""
    char = pattern[position]
    if char == "\\":
        following = pattern[position + 1]
        if following in _LITERAL_ESCAPES:
            return None, following, position + 2
        if following in "pPN":  # \p{L}: a class, not a literal
            end = pattern.index("}", position) + 1 if pattern[position + 2] == "{" else position + 3
            return None, None, end
        if following.isdigit() or following in "xuUogk":
            raise _Unsupported  # back references and code points: not modelled
        return None, None, position + 2  # \s \w \b \d ...: classes and anchors
    if char == "[":
        return None, None, class_end(pattern, position)
    if char == "(":
        return _parse_group(pattern, position)
    if char in "^$.":
        return None, None, position + 1
    if char in _QUANTIFIER_START:
        raise _Unsupported  # a quantifier with nothing to bind to
    return None, char, position + 1


def _parse_group(pattern: str, position: int) -> tuple[frozenset[str] | None, None, int]:
    if pattern.startswith("(?", position):
        flags = regex.match(r"\(\?([a-zA-Z-]*)([:)])", pattern[position:])
        if flags and "x" in flags.group(1).lower():
            raise _Unsupported  # verbose mode: white space and comments are not literal
        if flags and flags.group(2) == ")":
            return None, None, position + flags.end()  # global flags: zero width
        if flags:
            start = position + flags.end()
        elif pattern.startswith(("(?P<", "(?<"), position) and not pattern.startswith(
                ("(?<=", "(?<!"), position):
            start = pattern.index(">", position) + 1
        elif pattern.startswith("(?>", position):
            start = position + 3
        elif pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), position):
            _, end = _parse_alternatives(pattern, position + (4 if pattern[position + 2] == "<" else 3))
            return None, None, end + 1  # lookarounds: nothing required of the text here
        else:
            raise _Unsupported
    else:
        start = position + 1
    alternatives, end = _parse_alternatives(pattern, start)
    if pattern[end] != ")":
        raise _Unsupported
    return _union(alternatives), None, end + 1
