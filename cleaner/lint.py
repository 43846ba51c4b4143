"""A static check for patterns that are likely to backtrack catastrophically.

Every rule runs under the ``regex`` module's timeout, so a bad pattern cannot
hang the cleaner; but a rule that times out is skipped for the document, so a
pattern that backtracks badly silently stops working on exactly the hostile
lines. ``newsclean rules check`` runs this lint to catch those patterns before
they are used.

The pattern text is parsed into a small tree (sequences, alternations,
groups, quantifiers, one-character atoms); the character set of each atom is
found by matching it against a sample alphabet with the ``regex`` module
itself, so any class syntax the module accepts (``\\p{L}``, nested sets,
``(?i)``) is understood. Findings:

``catastrophic`` (an error: ``rules check`` fails)
    - a quantified group whose body can match a run of the characters of a
      quantifier inside it: ``(a+)+``, ``(.*)*``, ``(\\w+\\s?)+`` — one run
      of characters splits into iterations in exponentially many ways;
    - a quantified alternation whose branches can match the same text:
      ``(a|a)*``, ``(\\w|\\d)+``, ``(?:\\s|\\xa0)+``.
``quadratic`` (a warning)
    - two unbounded quantifiers over overlapping characters with only
      optional items between them: ``\\s*:?\\s*``, ``.*.*``;
    - an unanchored pattern that starts with an unbounded quantifier:
      ``\\s*(?:foo)`` restarts at every character of a long run of spaces.

It is a heuristic: atomic groups ``(?>...)`` and possessive quantifiers
(``*+``, ``++``) are understood as safe, look-arounds are not entered, and a
finding is "likely", not proven (the dynamic guard is the timeout).
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from functools import lru_cache

import regex

CATASTROPHIC = "catastrophic"
QUADRATIC = "quadratic"

# Characters the atoms are tried on: ASCII, Latin letters with diacritics,
# other scripts, Unicode spaces and digits, typographic punctuation, controls.
ALPHABET = (
    string.printable
    + "éÉèàçÇßæÆøØñÑüÜöÖäÄıİſ"
    + "ЖжДд中日ひカ한ععαΩ"
    + "٣߃०"
    + "\u00a0\u2003\u200b\u3000\u2028\u0085"
    + "’‘“”–—…«»•·©®€£"
    + "\x00\x01\x7f"
)
ANY = frozenset(ALPHABET)

MAX_QUOTE = 80  # pattern text quoted in a finding, at most


@dataclass(frozen=True, slots=True)
class Finding:
    severity: str  # CATASTROPHIC (fails ``rules check``) or QUADRATIC (a warning)
    message: str


# --- the tree -------------------------------------------------------------------

@dataclass(eq=False)
class Node:
    start: int
    end: int


@dataclass(eq=False)
class Atom(Node):
    """One character from a set (a literal, an escape, a class, a dot)."""

    chars: frozenset[str] = ANY


@dataclass(eq=False)
class Assertion(Node):
    """Zero width: anchors, word boundaries, look-arounds."""


@dataclass(eq=False)
class Seq(Node):
    items: list[Node] = field(default_factory=list)


@dataclass(eq=False)
class Alt(Node):
    branches: list[Node] = field(default_factory=list)


@dataclass(eq=False)
class Group(Node):
    body: Node
    atomic: bool = False


@dataclass(eq=False)
class Repeat(Node):
    body: Node
    low: int = 0
    high: int | None = None  # None: unbounded
    possessive: bool = False

    @property
    def unbounded(self) -> bool:
        return self.high is None and not self.possessive

    @property
    def varies(self) -> bool:
        """Matches a variable number of times (and may give characters back)."""
        return not self.possessive and (self.high is None or self.high > max(self.low, 1))


class _Unparsable(Exception):
    pass


def class_end(text: str, position: int) -> int:
    """Position after the set starting at ``position`` in the pattern ``text``
    (nested sets and POSIX classes such as ``[:alpha:]`` allowed); ValueError
    when the set is not closed."""
    depth, i = 0, position
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            if text.startswith("[:", i) and (close := text.find(":]", i + 2)) > 0:
                i = close + 2
                continue
            depth += 1
            i += 1
            if i < len(text) and text[i] == "^":
                i += 1
            if i < len(text) and text[i] == "]":
                i += 1  # a leading ] is literal
            continue
        if char == "]":
            depth -= 1
            i += 1
            if depth == 0:
                return i
            continue
        i += 1
    raise ValueError("unterminated set")


# --- parsing ----------------------------------------------------------------------

ZERO_WIDTH_ESCAPES = set("bBAZzGKmM")
FLAG_LETTERS = set("aibefLmpqrsuVwx0123456789-^")


class _Parser:
    def __init__(self, pattern: str, flags: str, verbose: bool):
        self.text = pattern
        self.pos = 0
        self.flags = flags
        self.verbose = verbose

    def parse(self) -> Node:
        node = self.alternation()
        if self.pos < len(self.text):
            raise _Unparsable(f"unexpected {self.text[self.pos]!r}")
        return node

    def alternation(self) -> Node:
        start = self.pos
        branches = [self.sequence()]
        while self.peek() == "|":
            self.pos += 1
            branches.append(self.sequence())
        if len(branches) == 1:
            return branches[0]
        return Alt(start, self.pos, branches)

    def sequence(self) -> Node:
        start = self.pos
        items: list[Node] = []
        while True:
            self.skip_verbose()
            char = self.peek()
            if char is None or char in "|)":
                break
            item = self.item()
            if item is None:
                continue
            items.append(self.quantified(item))
        return Seq(start, self.pos, items)

    def peek(self) -> str | None:
        return self.text[self.pos] if self.pos < len(self.text) else None

    def skip_verbose(self) -> None:
        while self.verbose and self.pos < len(self.text):
            char = self.text[self.pos]
            if char.isspace():
                self.pos += 1
            elif char == "#":
                newline = self.text.find("\n", self.pos)
                self.pos = len(self.text) if newline < 0 else newline + 1
            else:
                break

    def item(self) -> Node | None:
        start, char = self.pos, self.text[self.pos]
        if char == "(":
            return self.group()
        if char == "[":
            self.pos = class_end(self.text, self.pos)
            return self.atom(start)
        if char == "\\":
            return self.escape()
        self.pos += 1
        if char in "^$":
            return Assertion(start, self.pos)
        if char == ".":
            return self.atom(start)
        if char in "*+?":
            raise _Unparsable("nothing to repeat")
        return self.atom(start)

    def atom(self, start: int) -> Atom:
        return Atom(start, self.pos, charset(self.text[start:self.pos], self.flags))

    def escape(self) -> Node:
        start = self.pos
        self.pos += 1
        if self.pos >= len(self.text):
            raise _Unparsable("trailing backslash")
        char = self.text[self.pos]
        self.pos += 1
        if char in ZERO_WIDTH_ESCAPES:
            return Assertion(start, self.pos)
        if char in "pPNx" and self.peek() == "{":
            self.pos = self.text.index("}", self.pos) + 1
        elif char in "pP":
            self.pos += 1
        elif char == "x":
            self.pos += 2
        elif char == "u":
            self.pos += 4
        elif char == "U":
            self.pos += 8
        elif char == "g" and self.peek() == "<":
            self.pos = self.text.index(">", self.pos) + 1
            return self.backreference(start)
        elif char == "L" and self.peek() == "<":  # a named list: any of several strings
            self.pos = self.text.index(">", self.pos) + 1
            return Repeat(start, self.pos, Atom(start, self.pos, ANY), 1, None)
        elif char == "X":  # a grapheme cluster: one or more characters
            return Repeat(start, self.pos, Atom(start, self.pos, ANY), 1, None)
        elif char == "0":
            while self.pos < len(self.text) and self.pos - start < 4 and self.text[self.pos] in "01234567":
                self.pos += 1
        elif char.isdigit():
            while self.pos < len(self.text) and self.text[self.pos].isdigit():
                self.pos += 1
            return self.backreference(start)
        return self.atom(start)

    def backreference(self, start: int) -> Node:
        """What a group matched, again: any characters, any length."""
        return Repeat(start, self.pos, Atom(start, self.pos, ANY), 0, None)

    def group(self) -> Node | None:
        start = self.pos
        self.pos += 1
        text = self.text
        atomic = False
        if text.startswith("?", self.pos):
            rest = text[self.pos + 1:]
            if rest.startswith("#"):  # a comment
                self.pos = text.index(")", self.pos) + 1
                return None
            if rest.startswith(("=", "!", "<=", "<!")):  # a look-around: zero width
                self.pos += 2 if rest[0] in "=!" else 3
                self.alternation()
                self.expect(")")
                return Assertion(start, self.pos)
            if rest.startswith(("P=", "P>", "&", "R)")) or (rest[:1].isdigit() or rest[:1] in "+-"
                                                            and rest[1:2].isdigit()):
                self.pos = text.index(")", self.pos) + 1  # a backreference or recursion
                return self.backreference(start)
            if rest.startswith(("P<", "<")):
                self.pos = text.index(">", self.pos) + 1
            elif rest.startswith("'"):
                self.pos = text.index("'", self.pos + 2) + 1
            elif rest.startswith((">",)):
                atomic = True
                self.pos += 2
            elif rest.startswith((":", "|")):
                self.pos += 2
            elif rest.startswith("("):  # a conditional: (?(name)yes|no)
                self.pos = text.index(")", self.pos) + 1
            else:  # flags: (?i) or (?i:...)
                self.pos += 1
                while self.pos < len(text) and text[self.pos] in FLAG_LETTERS:
                    self.pos += 1
                if self.peek() == ")":
                    self.pos += 1
                    return None  # global or scoped flags, taken into account up front
                self.expect(":")
        body = self.alternation()
        self.expect(")")
        return Group(start, self.pos, body, atomic)

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise _Unparsable(f"expected {char!r}")
        self.pos += 1

    def quantified(self, item: Node) -> Node:
        while True:
            self.skip_verbose()
            char = self.peek()
            if char is None:
                return item
            if char in "*+?":
                low, high = {"*": (0, None), "+": (1, None), "?": (0, 1)}[char]
                self.pos += 1
            elif char == "{":
                bounds = self.bounds()
                if bounds is None:
                    return item
                low, high = bounds
            else:
                return item
            possessive = False
            if self.peek() == "?":
                self.pos += 1
            elif self.peek() == "+":
                self.pos += 1
                possessive = True
            if isinstance(item, Assertion):
                continue
            item = Repeat(item.start, self.pos, item, low, high, possessive)

    def bounds(self) -> tuple[int, int | None] | None:
        """A {m,n} quantifier, or None if the brace is literal (or fuzzy matching)."""
        close = self.text.find("}", self.pos)
        if close < 0:
            return None
        inner = self.text[self.pos + 1:close]
        match = regex.fullmatch(r"(\d*)(?:(,)(\d*))?", inner)
        if match is None or not (match.group(1) or match.group(3)):
            if regex.fullmatch(r"[\w<=,+\s]*", inner) and any(c in inner for c in "eids"):
                self.pos = close + 1  # fuzzy matching constraints: not a repeat
            return None
        self.pos = close + 1
        low = int(match.group(1) or 0)
        if match.group(2) is None:
            return low, low
        return low, int(match.group(3)) if match.group(3) else None


@lru_cache(maxsize=4096)
def charset(atom: str, flags: str) -> frozenset[str]:
    """The sample characters one atom matches, found by the regex module itself."""
    try:
        compiled = regex.compile(f"(?{flags})(?:{atom})" if flags else atom, regex.VERSION1)
    except (regex.error, ValueError, OverflowError):
        return ANY
    return frozenset(char for char in ALPHABET if compiled.fullmatch(char))


# --- analysis ----------------------------------------------------------------------

def nullable(node: Node) -> bool:
    if isinstance(node, Assertion):
        return True
    if isinstance(node, Atom):
        return False
    if isinstance(node, Seq):
        return all(nullable(item) for item in node.items)
    if isinstance(node, Alt):
        return any(nullable(branch) for branch in node.branches)
    if isinstance(node, Group):
        return nullable(node.body)
    if isinstance(node, Repeat):
        return node.low == 0 or nullable(node.body)
    return True


def first(node: Node) -> frozenset[str]:
    """Characters a non-empty match can begin with."""
    return _edge(node, from_end=False)


def last(node: Node) -> frozenset[str]:
    """Characters a non-empty match can end with."""
    return _edge(node, from_end=True)


def _edge(node: Node, from_end: bool) -> frozenset[str]:
    if isinstance(node, Atom):
        return node.chars
    if isinstance(node, Seq):
        found: set[str] = set()
        for item in reversed(node.items) if from_end else node.items:
            found |= _edge(item, from_end)
            if not nullable(item):
                break
        return frozenset(found)
    if isinstance(node, Alt):
        return frozenset().union(*(_edge(b, from_end) for b in node.branches))
    if isinstance(node, (Group, Repeat)):
        return _edge(node.body, from_end)
    return frozenset()


def chars(node: Node) -> frozenset[str]:
    """Every character a match can hold."""
    if isinstance(node, Atom):
        return node.chars
    if isinstance(node, Seq):
        return frozenset().union(*(chars(item) for item in node.items))
    if isinstance(node, Alt):
        return frozenset().union(*(chars(b) for b in node.branches))
    if isinstance(node, (Group, Repeat)):
        return chars(node.body)
    return frozenset()


def matches_within(node: Node, allowed: frozenset[str]) -> bool:
    """Can ``node`` match a non-empty string made only of ``allowed`` characters?"""
    if isinstance(node, Atom):
        return bool(node.chars & allowed)
    if isinstance(node, Seq):
        usable = [matches_within(item, allowed) for item in node.items]
        return any(usable) and all(u or nullable(item) for u, item in zip(usable, node.items))
    if isinstance(node, Alt):
        return any(matches_within(branch, allowed) for branch in node.branches)
    if isinstance(node, Group):
        return matches_within(node.body, allowed)
    if isinstance(node, Repeat):
        return node.high != 0 and matches_within(node.body, allowed)
    return False


def children(node: Node) -> list[Node]:
    if isinstance(node, Seq):
        return node.items
    if isinstance(node, Alt):
        return node.branches
    if isinstance(node, (Group, Repeat)):
        return [node.body]
    return []


def walk(node: Node, into_atomic: bool = True):
    yield node
    if isinstance(node, Group) and node.atomic and not into_atomic:
        return
    if isinstance(node, Repeat) and node.possessive and not into_atomic:
        return
    for child in children(node):
        yield from walk(child, into_atomic)


def edge_repeats(node: Node, at_start: bool) -> list[Repeat]:
    """Unbounded quantifiers a match can begin (or end) with, past optional items."""
    if isinstance(node, Repeat):
        if node.unbounded:
            return [node]
        return [] if node.possessive else edge_repeats(node.body, at_start)
    if isinstance(node, Group):
        return [] if node.atomic else edge_repeats(node.body, at_start)
    if isinstance(node, Alt):
        return [r for branch in node.branches for r in edge_repeats(branch, at_start)]
    if isinstance(node, Seq):
        found: list[Repeat] = []
        for item in node.items if at_start else reversed(node.items):
            found += edge_repeats(item, at_start)
            if not nullable(item):
                break
        return found
    return []


def guarded(node: Node) -> bool:
    """Whether every way to match ``node`` opens with an assertion or a
    character: ``(?:^|\\S-)`` guards what follows it as ``^`` alone does."""
    node = strip_groups(node)
    if isinstance(node, Alt):
        return all(guarded(branch) for branch in node.branches)
    first = strip_groups(node.items[0]) if isinstance(node, Seq) and node.items else node
    return isinstance(first, Assertion) or not nullable(node)


def strip_groups(node: Node) -> Node:
    while True:
        if isinstance(node, Group) and not node.atomic:
            node = node.body
        elif isinstance(node, Seq) and len(node.items) == 1:
            node = node.items[0]
        else:
            return node


class _Linter:
    def __init__(self, pattern: str):
        self.pattern = pattern
        self.findings: list[Finding] = []
        self.seen: set[str] = set()

    def text(self, node: Node) -> str:
        """The node's pattern text on one line, shortened if long."""
        text = " ".join(self.pattern[node.start:node.end].split())
        return text if len(text) <= MAX_QUOTE else text[:MAX_QUOTE - 1] + "…"

    def add(self, severity: str, message: str) -> None:
        if message not in self.seen:
            self.seen.add(message)
            self.findings.append(Finding(severity, message))

    def run(self, tree: Node) -> list[Finding]:
        for node in walk(tree, into_atomic=False):
            if isinstance(node, Repeat) and node.varies:
                self.nested(node)
                self.alternatives(node)
            if isinstance(node, Seq):
                self.adjacent(node)
        self.leading(tree)
        order = {CATASTROPHIC: 0, QUADRATIC: 1}
        return sorted(self.findings, key=lambda f: order[f.severity])

    def nested(self, outer: Repeat) -> None:
        """The outer body can match a run of the inner quantifier's characters
        alone, so such a run splits between iterations in many ways."""
        for inner in walk(outer.body, into_atomic=False):
            if inner is outer.body or not isinstance(inner, Repeat) or not inner.varies:
                continue
            if matches_within(outer.body, chars(inner.body)):
                self.add(CATASTROPHIC, f"nested quantifier: `{self.text(outer)}` repeats "
                         f"`{self.text(inner)}`, so a run of the same characters splits into "
                         "iterations in exponentially many ways")
                return

    def alternatives(self, outer: Repeat) -> None:
        body = strip_groups(outer.body)
        if not isinstance(body, Alt):
            return
        branches = body.branches
        for i, one in enumerate(branches):
            for other in branches[i + 1:]:
                if first(one) & first(other) and last(one) & last(other):
                    self.add(CATASTROPHIC, f"overlapping alternatives: in `{self.text(outer)}`, "
                             f"`{self.text(one)}` and `{self.text(other)}` can match the same "
                             "text, so a run of it matches in exponentially many ways")
                    return

    def adjacent(self, seq: Seq) -> None:
        items = seq.items
        for i, item in enumerate(items):
            ends = edge_repeats(item, at_start=False)
            if not ends:
                continue
            for later in items[i + 1:]:
                for one in ends:
                    for other in edge_repeats(later, at_start=True):
                        if chars(one.body) & chars(other.body):
                            self.add(QUADRATIC, f"adjacent quantifiers `{self.text(one)}` and "
                                     f"`{self.text(other)}` (only optional items between) can "
                                     "split one run of characters in many ways")
                if not nullable(later):
                    break

    def leading(self, tree: Node) -> None:
        """Search tries every start position: a leading unbounded quantifier is
        retried from each character of a long run (unless an assertion guards it)."""
        if any(f.severity == CATASTROPHIC for f in self.findings):
            return  # already worse than quadratic
        node = strip_groups(tree)
        items = node.items if isinstance(node, Seq) else [node]
        for item in items:
            if isinstance(item, Assertion):
                return
            for repeat in edge_repeats(item, at_start=True):
                self.add(QUADRATIC, f"leading `{self.text(repeat)}` in an unanchored pattern "
                         "is retried from every character of a long run")
            if not nullable(item) or guarded(item):
                return


def _inline_flags(pattern: str) -> str:
    """Flag letters set anywhere in the pattern, applied to every atom (an approximation)."""
    letters = set()
    for match in regex.finditer(r"\(\?([aiLmsuxfVw0-9]+)[:)]", pattern):
        letters |= set(match.group(1)) & set("ifsLuaw")
    return "".join(sorted(letters))


def lint_pattern(pattern: str | regex.Pattern) -> list[Finding]:
    """Findings for one pattern (text or compiled), catastrophic ones first.

    A pattern the linter cannot parse gives no findings: it compiled, the
    timeout still guards it, and a wrong warning is worse than none here.
    """
    compiled_flags = 0
    if isinstance(pattern, str):
        text = pattern
    else:
        compiled_flags, text = pattern.flags, pattern.pattern
    flags = _inline_flags(text)
    if compiled_flags & regex.IGNORECASE and "i" not in flags:
        flags += "i"
    if compiled_flags & regex.DOTALL and "s" not in flags:
        flags += "s"
    verbose = bool(compiled_flags & regex.VERBOSE) or bool(
        regex.search(r"\(\?[a-zA-Z0-9]*x[a-zA-Z0-9]*\)", text))
    try:
        tree = _Parser(text, flags.replace("x", ""), verbose).parse()
        return _Linter(text).run(tree)
    except (_Unparsable, ValueError, IndexError, RecursionError):
        return []  # RecursionError: nested deeper than Python's stack allows
