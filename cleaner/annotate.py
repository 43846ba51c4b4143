"""Stage 2, annotate: attach evidence to every line, decide nothing.

Evidence is of two kinds: which rules hit the line (a line rule, a tail
marker, inline spans), and the measured features of ``features.py``. Rule
timeouts are caught here: a rule that times out is skipped for the rest of
the document and named in the result's warnings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import partial

import regex

from .document import Line
from .features import EMPTY_FEATURES, LineFeatures, Measurements
from .ruleset import Rule, RuleSet, fold_case, match_timeout

# A span rule may reveal another match once its text is cut (two credits in a
# row); a few rounds reach the fixed point that keeps cleaning idempotent.
MAX_SPAN_ROUNDS = 4

# What is left of a line after its spans are cut must still hold a word;
# a remainder of punctuation only ("|", "(...)") goes with the spans.
WORD_CHARACTER = regex.compile(r"\w")


@dataclass(frozen=True, slots=True)
class SpanHit:
    start: int  # offsets into the input
    end: int
    rule: Rule


@dataclass(slots=True)
class LineEvidence:
    line: Line
    features: LineFeatures
    line_rule: Rule | None = None
    tail_rule: Rule | None = None
    spans: list[SpanHit] = field(default_factory=list)
    spans_empty_line: bool = False  # the spans leave no word on the line


@dataclass(slots=True)
class Annotation:
    lines: list[LineEvidence]
    language: str | None
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Plan:
    """A rule list seen by the prefilter: where each rule with words stands
    in it (by the rule's id), where the rules without words stand, which of
    those the start gate stands for (see ``RuleSet.start_gate``), and the gate."""

    position: dict[str, int]
    unfiltered: list[int]
    gated: frozenset[int]
    gate: regex.Pattern | None


# What most texts hold: no rule's required word. Shared, not one set per line.
NO_RULES: frozenset[str] = frozenset()

# A text ending in a line break is searched as usual by the rules matched from
# the end: ``$`` also matches before a final "\n", and a match ending there
# does not start at the text's end. (A segmented line holds no break at all.)
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


class _Prefilter:
    """Which rules' required words (``Rule.literals``) each text holds.

    All the words are looked for in one pass over the case-folded text, by the
    rule set's Aho-Corasick automaton (``RuleSet.literal_automaton``); a
    substring test per word and line, or even a ``str.find`` per word over a
    whole page, costs several times more.
    """

    def __init__(self, rules: RuleSet):
        self._automaton = rules.literal_automaton()
        # text -> the ids of the rules whose words it holds
        self._passing: dict[str, AbstractSet[str]] = {}

    def passing(self, text: str) -> AbstractSet[str]:
        found = self._passing.get(text)
        if found is None:
            found = self._passing[text] = self._scan(text)
        return found

    def _scan(self, text: str) -> AbstractSet[str]:
        if self._automaton is None:
            return NO_RULES
        rule_ids: set[str] = set()
        for _, holders in self._automaton.iter(fold_case(text)):
            rule_ids |= holders
        return rule_ids or NO_RULES


class Matcher:
    """Runs rules over lines, dropping a rule for the document once it times out.

    Speed: a rule whose required words (``Rule.literals``) are absent from the
    case-folded line is not run at all, which rules out most rules on most
    lines; all those words are looked for in one pass over the line
    (see ``_Prefilter``). The rules without such words that match only at a
    line's start are ruled out together by one call (``RuleSet.start_gate``);
    those anchored at its end only are matched once from there, not tried at
    every position (``RuleSet.from_end_patterns``); and a line repeated
    within the document (menus, share bars) is matched once. One matcher serves one document through all of
    ``clean``'s passes (language rounds, the fixed point), which see the same
    lines again: their hits are remembered.
    """

    def __init__(self, rules: RuleSet):
        self.rules = rules
        self.timed_out: list[str] = []
        self._searched_only: set[str] = set()  # rules that timed out matched from the end
        self._first_hits: dict[tuple[int, str], Rule | None] = {}
        self._line_spans: dict[str, list[tuple[int, int, Rule]]] = {}
        self._prefilter = _Prefilter(rules)
        self._plans: dict[int, _Plan] = {}  # id(rule list) -> its plan
        self._from_end = rules.from_end_patterns()  # rule id -> its backward pattern
        # Built once: the hit caches are keyed by the identity of these lists.
        self.line_rules, self.tail_rules, self.span_rules = (
            rules.by_scope(scope) for scope in ("line", "tail", "span")
        )

    def first_hit(self, rules: list[Rule], text: str) -> Rule | None:
        key = (id(rules), text)
        if key in self._first_hits:
            return self._first_hits[key]
        plan = self._plan(rules)
        passing = self._prefilter.passing(text)
        # In list order: the rules whose words the text holds, and those without words.
        tried = sorted([plan.position[rule_id] for rule_id in passing if rule_id in plan.position]
                       + plan.unfiltered)
        gate_open: bool | None = None  # may a gated rule match? Asked once, if needed
        hit = None
        for position in tried:
            if position in plan.gated:
                if gate_open is None:
                    gate_open = self._gate_open(plan.gate, text)
                if not gate_open:
                    continue
            rule = rules[position]
            if self._matches(rule, text, self._from_end.get(rule.id)):
                hit = rule
                break
        self._first_hits[key] = hit
        return hit

    def _plan(self, rules: list[Rule]) -> _Plan:
        plan = self._plans.get(id(rules))
        if plan is None:
            gate, gated = self.rules.start_gate(rules)
            plan = self._plans[id(rules)] = _Plan(
                {rule.id: k for k, rule in enumerate(rules) if rule.literals is not None},
                [k for k, rule in enumerate(rules) if rule.literals is None],
                frozenset(k for k, rule in enumerate(rules) if rule.id in gated),
                gate,
            )
        return plan

    def may_match(self, rule: Rule, text: str) -> bool:
        """False when ``text`` lacks every one of the rule's required words."""
        return rule.literals is None or rule.id in self._prefilter.passing(text)

    def _gate_open(self, gate: regex.Pattern | None, text: str) -> bool:
        if gate is None:  # no gate: nothing is ruled out together
            return True
        try:
            return gate.match(text, timeout=match_timeout(text)) is not None
        except TimeoutError:
            return True  # undecided: the rules run one by one, each under its own timeout

    def _matches(self, rule: Rule, text: str, from_end: regex.Pattern | None) -> bool:
        """Whether ``rule`` matches ``text``; ``from_end``: its pattern
        compiled backwards, to match once from the text's end."""
        if from_end is None or text[-1:] in LINE_BREAKS or rule.id in self._searched_only:
            return self.search(rule, text) is not None
        if rule.id in self.timed_out:
            return False
        try:
            return from_end.match(text, timeout=match_timeout(text)) is not None
        except TimeoutError:
            # Slow backwards need not be slow forwards (the search may skip to
            # a literal that starts the match): search, for the rest of the document.
            self._searched_only.add(rule.id)
            return self.search(rule, text) is not None

    def search(self, rule: Rule, text: str, pos: int = 0) -> regex.Match | None:
        if rule.id in self.timed_out:
            return None
        try:
            return rule.search(text, pos)
        except TimeoutError:
            self.timed_out.append(rule.id)
            self._first_hits.clear()  # results from before the timeout counted that rule
            self._line_spans.clear()
            return None

    def spans(self, rules: list[Rule], text: str) -> list[tuple[int, int, Rule]]:
        """Non-overlapping matches of span rules in ``text``, in text order."""
        found: list[tuple[int, int, Rule]] = []
        for rule in rules:
            if not self.may_match(rule, text):
                continue
            # Where a span rule matches comes from searching; whether it does
            # at all, for one anchored at its end, from one try at the end.
            from_end = self._from_end.get(rule.id)
            if from_end is not None and not self._matches(rule, text, from_end):
                continue
            search = partial(self.search, rule)
            found += [(start, end, rule) for start, end in every_match(search, text)]
        return _drop_overlaps(found)


def every_match(search: Callable[[str, int], regex.Match | None], text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-empty match in ``text``, one after another:
    ``search(text, position)`` from where the last one ended."""
    position = 0
    while (match := search(text, position)) is not None:
        if match.end() > match.start():
            yield match.start(), match.end()
        position = max(match.end(), match.start() + 1)
        if position > len(text):
            break


def _drop_overlaps(found: list[tuple[int, int, Rule]]) -> list[tuple[int, int, Rule]]:
    kept: list[tuple[int, int, Rule]] = []
    for start, end, rule in sorted(found, key=lambda hit: (hit[0], -hit[1])):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, rule))
    return kept


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Take the white space after a cut span, and before it at the line's end,
    so that cutting leaves no double or trailing blanks behind."""
    while end < len(text) and text[end].isspace():
        end += 1
    if end == len(text):
        while start > 0 and text[start - 1].isspace():
            start -= 1
    return start, end


def _cut(text: str, cuts: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """The pieces of ``text`` left between ``cuts``, each with its offset in ``text``."""
    pieces, position = [], 0
    for start, end in sorted(cuts):
        if start > position:
            pieces.append((position, text[position:start]))
        position = max(position, end)
    if position < len(text):
        pieces.append((position, text[position:]))
    return pieces


def _to_original(pieces: list[tuple[int, str]], offset: int) -> int:
    """Map an offset in the joined pieces back to the uncut text."""
    begin = 0
    for origin, piece in pieces:
        if offset < begin + len(piece):
            return origin + offset - begin
        begin += len(piece)
    origin, piece = pieces[-1]
    return origin + len(piece) + offset - begin


def _line_spans(matcher: Matcher, rules: list[Rule], text: str) -> list[tuple[int, int, Rule]]:
    """Span hits in ``text`` (offsets into it), cut repeatedly to a fixed point."""
    hits: list[tuple[int, int, Rule]] = []
    for _ in range(MAX_SPAN_ROUNDS):
        pieces = _cut(text, [(s, e) for s, e, _ in hits])
        if not pieces:
            break
        remaining = "".join(piece for _, piece in pieces)
        new = matcher.spans(rules, remaining)
        if not new:
            break
        for start, end, rule in new:
            start, end = _widen(remaining, start, end)
            hits.append((_to_original(pieces, start), _to_original(pieces, end - 1) + 1, rule))
        hits = _merge_overlaps(hits)
    return hits


def _merge_overlaps(hits: list[tuple[int, int, Rule]]) -> list[tuple[int, int, Rule]]:
    """Spans found in a later round can bridge earlier ones: join what touches."""
    merged: list[tuple[int, int, Rule]] = []
    for start, end, rule in sorted(hits, key=lambda hit: hit[0]):
        if merged and start <= merged[-1][1]:
            last_start, last_end, last_rule = merged[-1]
            merged[-1] = (last_start, max(last_end, end), last_rule)
        else:
            merged.append((start, end, rule))
    return merged


def annotate_lines(
    lines: list[Line], rules: RuleSet, stoplist: frozenset[str], language: str | None,
    matcher: Matcher | None = None, measurements: Measurements | None = None,
) -> Annotation:
    """``matcher`` and ``measurements``, when given, are the document's own:
    what they remember from earlier passes over the same lines is reused."""
    matcher = matcher or Matcher(rules)
    measurements = measurements or Measurements()
    line_rules, tail_rules, span_rules = matcher.line_rules, matcher.tail_rules, matcher.span_rules
    repeats = Counter(line.text for line in lines if line.text)
    evidence = []
    for line in lines:
        item = LineEvidence(line, EMPTY_FEATURES)
        if line.text:
            item.line_rule = matcher.first_hit(line_rules, line.text)
            item.tail_rule = matcher.first_hit(tail_rules, line.text)
            remaining = line.text
            if item.line_rule is None:
                remaining = _attach_spans(item, matcher, span_rules)
            # Measured on what the spans leave, as a second pass would see it.
            item.features = measurements.measure(remaining, stoplist, repeats[line.text])
        evidence.append(item)
    warnings = [f"rule {rule_id} timed out and was skipped" for rule_id in matcher.timed_out]
    return Annotation(evidence, language, warnings)


def _attach_spans(item: LineEvidence, matcher: Matcher, span_rules: list[Rule]) -> str:
    """Record the line's span hits; return the line's text without them, stripped."""
    text, base = item.line.text, item.line.text_start
    if text not in matcher._line_spans:
        matcher._line_spans[text] = _line_spans(matcher, span_rules, text)
    hits = matcher._line_spans[text]
    if not hits:
        return text
    item.spans = [SpanHit(base + s, base + e, rule) for s, e, rule in hits]
    remaining = "".join(piece for _, piece in _cut(text, [(s, e) for s, e, _ in hits])).strip()
    item.spans_empty_line = WORD_CHARACTER.search(remaining) is None
    return remaining
