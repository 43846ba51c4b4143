"""Stage 2, annotate: attach evidence to every line, decide nothing.

Evidence is of two kinds: which rules hit the line (a line rule, a tail
marker, inline spans), and the measured features of ``features.py``. Rule
timeouts are caught here: a rule that times out is skipped for the rest of
the document and named in the result's warnings.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Set
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

import regex

from .document import Line
from .features import EMPTY_FEATURES, LineFeatures, Measurements
from .ruleset import Rule, RuleSet, match_timeout

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
    in it (by id of the rule), where the rules without words stand, which of
    those the start gate stands for (see ``RuleSet.start_gate``), and the gate."""

    position: dict[int, int]
    unfiltered: list[int]
    gated: frozenset[int]
    gate: regex.Pattern | None


# Joins a document's case-folded lines for the prefilter's scan. Line texts
# never hold it (it ends a line); a required word that does cannot be found
# across two texts either: each find is checked to lie within one text.
TEXT_SEPARATOR = "\n"

# What most texts hold: no rule's required word. Shared, not one set per line.
NO_RULES: frozenset[int] = frozenset()


class _Prefilter:
    """Which rules' required words (``Rule.literals``) each text holds.

    Testing every required word against every line costs a Python-level
    substring test per word and line, hundreds per line. Here each word is
    looked for once in all the new texts joined together (``str.find`` runs in
    C), and only its finds are handled in Python: a few per document. A word
    that holds a shorter one ("read more" holds "read") is only looked for in
    the texts where the shorter one was found.
    """

    def __init__(self, rules: Iterable[Rule]):
        holders: dict[str, list[int]] = {}
        for rule in rules:
            for word in rule.literals or ():
                holders.setdefault(word, []).append(id(rule))
        self._words = [(word, holders[word], part) for word, part in _parts(tuple(sorted(holders)))]
        self._passing: dict[str, Set[int]] = {}  # text -> ids of rules whose words it holds

    def passing(self, text: str) -> Set[int]:
        if text not in self._passing:
            self.scan([text])
        return self._passing[text]

    def scan(self, texts: Iterable[str]) -> None:
        new = [text for text in dict.fromkeys(texts) if text not in self._passing]
        if not new:
            return
        folded = _Joined([text.casefold() for text in new])
        found: dict[int, set[int]] = {}  # text position -> ids of rules; most texts have none
        holding: dict[str, list[int]] = {}  # word -> the texts that hold it
        for word, rule_ids, part in self._words:
            if part is None:
                holding[word] = folded.holding(word)
            else:
                holding[word] = [k for k in holding[part] if word in folded.texts[k]]
            for k in holding[word]:
                found.setdefault(k, set()).update(rule_ids)
        self._passing.update((text, found.get(k, NO_RULES)) for k, text in enumerate(new))


@lru_cache(maxsize=8)
def _parts(words: tuple[str, ...]) -> list[tuple[str, str | None]]:
    """Each word with the longest shorter word it holds (or None), shorter
    words first, so that a word's part is looked for before it. Built once per
    rule set: it compares every word with every other."""
    by_length = sorted(words, key=len)
    return [(word, max((other for other in by_length if len(other) < len(word) and other in word),
                       key=len, default=None)) for word in by_length]


class _Joined:
    """Texts joined into one string, to look for a word in all of them in one go."""

    def __init__(self, texts: list[str]):
        self.texts = texts
        self._joined = TEXT_SEPARATOR.join(texts)
        self._starts = list(accumulate((len(t) + len(TEXT_SEPARATOR) for t in texts[:-1]), initial=0))

    def holding(self, word: str) -> list[int]:
        """The positions of the texts that hold ``word``."""
        holding, starts = [], self._starts
        position = self._joined.find(word)
        while position != -1:
            k = bisect_right(starts, position) - 1
            if position + len(word) <= starts[k] + len(self.texts[k]):
                holding.append(k)
            if k + 1 == len(starts):
                break
            position = self._joined.find(word, starts[k + 1])  # on to the next text
        return holding


class Matcher:
    """Runs rules over lines, dropping a rule for the document once it times out.

    Speed: a rule whose required words (``Rule.literals``) are absent from the
    case-folded line is not run at all, which rules out most rules on most
    lines; those words are looked for in all of a document's lines at once
    (see ``_Prefilter``). The rules without such words that match only at a
    line's start are ruled out together by one call (``RuleSet.start_gate``);
    and a line repeated within the document (menus, share
    bars) is matched once. One matcher serves one document through all of
    ``clean``'s passes (language rounds, the fixed point), which see the same
    lines again: their hits are remembered.
    """

    def __init__(self, rules: RuleSet):
        self.rules = rules
        self.timed_out: list[str] = []
        self._first_hits: dict[tuple[int, str], Rule | None] = {}
        self._line_spans: dict[str, list[tuple[int, int, Rule]]] = {}
        self._prefilter = _Prefilter(rules)
        self._plans: dict[int, _Plan] = {}  # id(rule list) -> its plan
        # Built once: the hit caches are keyed by the identity of these lists.
        self.line_rules, self.tail_rules, self.span_rules = (
            rules.by_scope(scope) for scope in ("line", "tail", "span")
        )

    def prepare(self, texts: Iterable[str]) -> None:
        """Look for the rules' required words in all these texts in one go."""
        self._prefilter.scan(texts)

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
            if self.search(rule, text) is not None:
                hit = rule
                break
        self._first_hits[key] = hit
        return hit

    def _plan(self, rules: list[Rule]) -> _Plan:
        plan = self._plans.get(id(rules))
        if plan is None:
            gate, gated = self.rules.start_gate(rules)
            plan = self._plans[id(rules)] = _Plan(
                {id(rule): k for k, rule in enumerate(rules) if rule.literals is not None},
                [k for k, rule in enumerate(rules) if rule.literals is None],
                frozenset(k for k, rule in enumerate(rules) if rule.id in gated),
                gate,
            )
        return plan

    def _gate_open(self, gate: regex.Pattern, text: str) -> bool:
        try:
            return gate.match(text, timeout=match_timeout(text)) is not None
        except TimeoutError:
            return True  # undecided: the rules run one by one, each under its own timeout

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
        folded = text.casefold()
        for rule in rules:
            if not rule.may_match(folded):
                continue
            position = 0
            while (match := self.search(rule, text, position)) is not None:
                if match.end() > match.start():
                    found.append((match.start(), match.end(), rule))
                position = max(match.end(), match.start() + 1)
                if position > len(text):
                    break
        return _drop_overlaps(found)


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
    matcher.prepare(repeats)
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
