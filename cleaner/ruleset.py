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

import regex

SCOPES = ("line", "span", "tail")
REQUIRED_KEYS = ("id", "category", "pattern", "scope", "why")
OPTIONAL_KEYS = ("match", "no_match")

# Seconds one pattern may spend on one line. Ordinary patterns take
# microseconds; only catastrophic backtracking comes near this.
MATCH_TIMEOUT_SECONDS = 0.25


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

    def search(self, text: str, pos: int = 0) -> regex.Match | None:
        """First match in ``text``; raises TimeoutError past MATCH_TIMEOUT_SECONDS."""
        return self.pattern.search(text, pos, timeout=MATCH_TIMEOUT_SECONDS)


@dataclass(frozen=True, slots=True)
class ExampleFailure:
    rule_id: str
    example: str
    expected_match: bool


@dataclass(slots=True)
class RuleSet:
    rules: list[Rule] = field(default_factory=list)

    def by_scope(self, scope: str) -> list[Rule]:
        return [rule for rule in self.rules if rule.scope == scope]

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self):
        return iter(self.rules)


def builtin_rule_files() -> list[Path]:
    """The rule files shipped inside the package, sorted by name.

    Installed, they are the package ``cleaner.rules``; in a source checkout
    run without installing, they are the top-level ``rules/`` folder.
    """
    try:
        folder = Path(str(resources.files("cleaner.rules")))
    except ModuleNotFoundError:
        folder = Path(__file__).resolve().parent.parent / "rules"
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
    rule_id = entry.get("id") if isinstance(entry.get("id"), str) else f"#{number}"
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
    try:
        pattern = regex.compile(entry["pattern"], regex.VERSION1)
    except regex.error as error:
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
    )


def load_rules(
    extra: Sequence[str | Path] = (),
    disable: Sequence[str] = (),
    builtin: bool = True,
) -> RuleSet:
    """Shipped rules, then the user's ``extra`` files or folders, minus ``disable``.

    ``disable`` holds rule ids or whole category names. A user rule with the
    id of a shipped one replaces it, so a shipped rule can be overridden.
    """
    files = (builtin_rule_files() if builtin else []) + expand_rule_paths(extra)
    by_id: dict[str, Rule] = {}
    for path in files:
        for rule in parse_rule_file(path):
            if rule.id in by_id and by_id[rule.id].source == rule.source:
                raise RuleError(f"{path}: rule {rule.id}: duplicate id")
            by_id[rule.id] = rule
    off = set(disable)
    return RuleSet([r for r in by_id.values() if r.id not in off and r.category not in off])


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
