"""A learned line scorer: how likely each line is article text, from its own
shape and its neighbours', in any language.

The rules and the context-free classes of ``decide`` see one line at a time.
What an HTML extractor reads from the markup (this block is a menu, that one
the article) survives in a dump only as context: a teaser list is a run of
short title-cased lines, the article a run of long lines dense in stopwords,
with its headings and quotes in between. The scorer combines the line's
features with those of the lines around it and with the heuristic's own
verdict into one probability, with small gradient-boosted trees trained by
``bench/train_scorer.py`` on a benchmark folder given on its command line
(cross-validated by document; the figures are in the model file).

The model is a JSON file shipped in the package (``linescorer.json``):
a list of feature names, the trees as flat arrays, and how it was trained.
Inference evaluates all trees over all lines at once with numpy. Every
feature is language-independent or uses the stoplist of the detected
language; none names a site or a phrase.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import TypeVar

import numpy as np
import regex

from .annotate import LineEvidence
from .language import WORD

T = TypeVar("T")  # what a column of _shifted holds

MODEL_PATH = Path(__file__).with_name("linescorer.json")
MODEL_NAME = "model:linescorer"

# Characters that separate items of a menu or a breadcrumb flattened to one line.
# (Counted character by character with str.count: one C call each, cheaper
# than a regex call per line.)
SEPARATORS = "|•·»›/"
COMMAS = ",;，、"
# A word is capitalised when its first character is an upper-case letter.
# Both are applied to a line's initials (each word's first character, in one
# string): one regex call per line, not one per word.
UPPERCASE_LETTER = regex.compile(r"\p{Lu}")
LEADING_UPPERCASE = regex.compile(r"\p{Lu}*")

# Neighbours looked at on each side, one by one ...
NEIGHBOUR_OFFSETS = (-3, -2, -1, 1, 2, 3)
# ... and the half-width of the window whose averages describe the block.
BLOCK_RADIUS = 6
# Distances to the nearest prose line are capped: beyond this, "far".
MAX_DISTANCE = 20
# A wider window describes the part of the page a line sits in.
AREA_RADIUS = 15

# The first line of a dump is the page's <title>; the article's own headline
# repeats most of its words further down, and the body starts after it. A
# line is taken for that headline when this share of its words is in the
# title and it has at least HEADLINE_MIN_WORDS words, counted as the line's
# features count them (in Chinese, Japanese or Thai, two characters a word:
# a headline there is one run of letters, a single token).
HEADLINE_TITLE_SHARE = 0.7
HEADLINE_MIN_WORDS = 3
# What splits a page title into its headline, section and site name: a
# dash, bar, bullet or guillemet with space around it ("Headline | Site").
# (Not a colon: it follows a kicker, "Brexit: …", which may stand over the
# headline as a line of its own.)
TITLE_SEPARATOR = regex.compile(r"\s+[-–—|·»]\s+")
# Distances from the headline are capped, in lines.
MAX_HEADLINE_DISTANCE = 40


@dataclass(frozen=True, slots=True)
class LineView:
    """What the scorer knows of one non-blank line before context is added."""

    own: tuple[float, ...]  # the line's own features
    prose: float  # the heuristic's class score (good prose > 0)
    words: int
    tail_seen: bool  # a tail marker (Comments, Related) stands above this line
    prior_keep: bool  # the heuristic region keeps it
    rule_hit: bool  # a line rule removed it
    words_seen: frozenset[str]  # its lower-cased word tokens
    names_site: bool = False  # all its words are in a side part of the page title (_side_of_title)


OWN_FEATURES = (
    "log_words", "stopword_density", "terminal", "upper_share", "digit_share",
    "log_repeats", "mean_word_length", "comma_rate", "ends_colon", "capitalised_share",
    "separators", "starts_digit", "has_span", "log_chars", "capitalised_lead",
)

# Leading capitalised words are counted up to this many: a title-case
# headline run into its teaser's first sentence ("Customers Leave Without
# Paying Bill At Steakhouse A party of six ...") starts with many; a sentence
# starts with a name or two.
MAX_CAPITALISED_LEAD = 12


def _own(item: LineEvidence, words: list[str]) -> tuple[float, ...]:
    """The line's own features; ``words``: its word tokens."""
    text, features = item.line.text, item.features
    count = max(len(words), 1)
    initials = "".join([word[0] for word in words])
    return (
        math.log1p(features.words),
        features.stopword_density,
        float(features.terminal),
        features.upper_share,
        features.digit_share,
        math.log(max(features.repeats, 1)),
        sum(map(len, words)) / count,
        sum(map(text.count, COMMAS)) / count,
        float(text.endswith(":")),
        len(UPPERCASE_LETTER.findall(initials)) / count,
        float(sum(map(text.count, SEPARATORS))),
        float(text[:1].isdigit()),
        float(bool(item.spans)),
        math.log1p(len(text)),
        float(_capitalised_lead(initials)),
    )


def _capitalised_lead(initials: str) -> int:
    """How many words in a row, from the line's start, are capitalised (capped);
    ``initials``: the first character of each word."""
    lead = LEADING_UPPERCASE.match(initials, 0, MAX_CAPITALISED_LEAD)
    return lead.end() if lead else 0


def feature_names() -> list[str]:
    names = list(OWN_FEATURES)
    names += ["prose", "prior_keep", "rule_hit", "tail_seen",
              "distance_prose_above", "distance_prose_below"]
    for offset in NEIGHBOUR_OFFSETS:
        names += [f"n{offset}_prose", f"n{offset}_log_words", f"n{offset}_stopword_density",
                  f"n{offset}_past_removed"]
    names += ["block_prose", "block_log_words", "block_terminal", "block_rule_hits", "block_keep"]
    names += ["area_prose", "area_keep", "relative_log_words", "relative_density",
              "is_headline", "from_headline", "title_overlap"]
    names += ["in_colon_list", "block_teaser_leads"]
    return names


class ViewMemo(dict):
    """The memo of ``views`` for one document, which also knows where the
    words of its lines were found already (``words_of``: a line text's word
    tokens, as ``WORD.findall`` gives them)."""

    def __init__(self, words_of: Callable[[str], list[str]] = WORD.findall) -> None:
        super().__init__()
        self.words_of = words_of


def views(evidence: Sequence[LineEvidence], prose: Sequence[float], prior_keep: Sequence[bool],
          rule_hit: Sequence[bool], memo: ViewMemo | None = None) -> list[tuple[int, LineView]]:
    """(line index, view) for every non-blank line, in order.

    ``memo`` (one per document) keeps each line's own features and words by
    what they are computed from: the passes over a document (language rounds,
    the fixed point) see the same lines again."""
    memo = ViewMemo() if memo is None else memo
    words_of = memo.words_of
    out, tail_seen = [], False
    sides: list[frozenset[str]] | None = None  # set from the first line, the page title
    for i, item in enumerate(evidence):
        if not item.line.text:
            continue
        key = (item.line.text, item.features, bool(item.spans))
        parts = memo.get(key)
        if parts is None:
            tokens = words_of(item.line.text)
            parts = memo[key] = (_own(item, tokens), frozenset(map(str.lower, tokens)))
        own, words = parts
        if sides is None:
            sides = _side_of_title(item.line.text, words_of)
        names_site = bool(words) and any(words <= side for side in sides)
        out.append((i, LineView(own, prose[i], item.features.words, tail_seen,
                                prior_keep[i], rule_hit[i], words, names_site)))
        tail_seen = tail_seen or item.tail_rule is not None
    return out


def _side_of_title(title: str, words_of: Callable[[str], list[str]]) -> list[frozenset[str]]:
    """The words of each part of a page title split at its separators
    ("Headline | Section | Site"), but the longest part: that is the
    headline; the others name the site or its section. A line made of one
    of them ("The Times of Israel" in a newsletter box) is no headline."""
    parts = [frozenset(map(str.lower, words_of(part))) for part in TITLE_SEPARATOR.split(title)]
    if len(parts) < 2:
        return []
    headline = max(range(len(parts)), key=lambda k: len(parts[k]))
    return [part for k, part in enumerate(parts) if k != headline and part]


def _distances(is_prose: list[bool]) -> tuple[list[int], list[int]]:
    """Lines to the nearest prose line above and below (capped)."""
    above, below, last = [], [0] * len(is_prose), -MAX_DISTANCE
    for k, flag in enumerate(is_prose):
        above.append(min(k - last, MAX_DISTANCE))
        if flag:
            last = k
    last = len(is_prose) + MAX_DISTANCE
    for k in range(len(is_prose) - 1, -1, -1):
        below[k] = min(last - k, MAX_DISTANCE)
        if is_prose[k]:
            last = k
    return above, below


# What a neighbour beyond the page's edge looks like (prose, log words,
# stopword density, past a removed line): like boilerplate.
EDGE_NEIGHBOUR = (-1.0, 0.0, 0.0, 1.0)


def feature_rows(lines: list[LineView]) -> list[list[float]]:
    """One feature row per line: its own features, its neighbours', its block's.

    Speed: the rows are built column by column, each column from plain lists
    in one comprehension, and put together row-wise in C by zip. A window's
    sum adds the same values in the same order as the rows always have: the
    trees compare features with thresholds, and another order of the
    additions could change their last bits."""
    if not lines:
        return []
    prose = [line.prose for line in lines]
    log_words = [line.own[0] for line in lines]
    density = [line.own[1] for line in lines]
    rule_hit = [float(line.rule_hit) for line in lines]
    prior_keep = [float(line.prior_keep) for line in lines]
    above, below = _distances([value > 0 for value in prose])
    longest = max(log_words)
    prose_densities = [line.own[1] for line in lines if line.prose > 0]
    mean_density = sum(prose_densities) / len(prose_densities) if prose_densities else 0.0
    title_overlap = [_overlap(line, lines[0]) for line in lines]
    headline = _find_headline(lines, title_overlap)
    columns = [
        *zip(*(line.own for line in lines)),
        # Not the line's absolute place on the page: where a page ends its
        # article differs from site to site, and it is no evidence on a
        # second pass over the output.
        prose, prior_keep, rule_hit, [float(line.tail_seen) for line in lines],
        list(map(float, above)), list(map(float, below)),
    ]
    columns += _neighbour_columns((prose, log_words, density), rule_hit)
    block, area = _windows(len(lines), BLOCK_RADIUS), _windows(len(lines), AREA_RADIUS)
    columns += [
        _window_means(prose, block), _window_means(log_words, block),
        _window_means([line.own[2] for line in lines], block),
        _window_shares(rule_hit, block), _window_shares(prior_keep, block),
        _window_means(prose, area), _window_shares(prior_keep, area),
        [value - longest for value in log_words], [value - mean_density for value in density],
        [float(k == headline) for k in range(len(lines))],
        [_headline_distance(k, headline) for k in range(len(lines))],
        title_overlap,
        list(map(float, _colon_lists(lines))),
        _window_shares([float(line.own[CAPITALISED_LEAD] >= TEASER_LEAD) for line in lines], block),
    ]
    return list(map(list, zip(*columns)))


def _neighbour_columns(columns: tuple[list[float], ...], rule_hit: list[float]) -> list[list[float]]:
    """The columns as each line's neighbours have them, offset after offset
    (NEIGHBOUR_OFFSETS), each offset's last column saying whether that
    neighbour is, or lies past, a line a rule removed; EDGE_NEIGHBOUR's
    values beyond the page.

    Inside the page a line's neighbours are the nearest lines no rule removed
    (``_neighbour_lines``). A short last paragraph under a removed share button
    or newsletter box then sees the paragraph above it, as it does in the
    output that the fixed point cleans again, not the button: reading the
    button as its neighbour, the scorer took such a paragraph for furniture.
    The rows of the lines read past are never scored and get EDGE_NEIGHBOUR's
    values.
    """
    n = len(rule_hit)
    lines = _neighbour_lines(rule_hit)
    if len(lines) == n:  # none read past (the fixed point's passes): plain offsets
        return [_shifted(column, offset, edge) for offset in NEIGHBOUR_OFFSETS
                for column, edge in zip((*columns, rule_hit), EDGE_NEIGHBOUR)]
    out = []
    for offset in NEIGHBOUR_OFFSETS:
        # Each line's neighbour at this offset, by its place among all lines (-1: none).
        neighbour = [-1] * n
        for k, other in zip(lines, _shifted(lines, offset, -1)):
            neighbour[k] = other
        for column, edge in zip(columns, EDGE_NEIGHBOUR):
            out.append([edge if other < 0 else column[other] for other in neighbour])
        out.append([
            EDGE_NEIGHBOUR[-1] if other < 0 else float(abs(other - k) != abs(offset) or rule_hit[other] > 0)
            for k, other in enumerate(neighbour)
        ])
    return out


def _neighbour_lines(rule_hit: list[float]) -> list[int]:
    """The lines that count as neighbours: every line no rule removed, and
    the removed lines before the first of those and after the last.

    Removed lines at the page's ends stay neighbours: a page that ends in a
    removed "Source link" or copyright line ends in its footer. Read past to
    the page's edge, they cost an article so printed its last heading and
    paragraph, under each of the three training seeds tried (the
    cross-validated F1 was 0.002 higher without this exception).
    """
    unremoved = [k for k, hit in enumerate(rule_hit) if not hit]
    if not unremoved:  # all removed: all at the page's ends
        return list(range(len(rule_hit)))
    return [*range(unremoved[0]), *unremoved, *range(unremoved[-1] + 1, len(rule_hit))]


def _shifted(values: list[T], offset: int, edge: T) -> list[T]:
    """Each line's neighbour's value at ``offset``; ``edge`` beyond the page."""
    n = len(values)
    if offset < 0:
        return [edge] * min(-offset, n) + values[:max(n + offset, 0)]
    return values[offset:] + [edge] * min(offset, n)


def _windows(n: int, radius: int) -> list[tuple[int, int]]:
    """Each of ``n`` lines' window of ``radius`` lines on both sides, cut at
    the page's edges: (first, end) with the end exclusive."""
    firsts = [0] * min(radius + 1, n) + list(range(1, n - radius))
    ends = list(range(radius + 1, n + 1)) + [n] * min(radius, n)
    return list(zip(firsts, ends))


def _window_means(values: list[float], windows: list[tuple[int, int]]) -> list[float]:
    """The mean over each window, summed from the window's first value on."""
    return [sum(values[first:end]) / (end - first) for first, end in windows]


def _window_shares(flags: list[float], windows: list[tuple[int, int]]) -> list[float]:
    """The share of each window's flags (0.0 or 1.0) that are set. Counted
    from running totals: sums of ones are exact whatever their order."""
    totals = list(accumulate(map(int, flags), initial=0))
    return [(totals[end] - totals[first]) / (end - first) for first, end in windows]


ENDS_COLON = OWN_FEATURES.index("ends_colon")
CAPITALISED_LEAD = OWN_FEATURES.index("capitalised_lead")
# A teaser runs its title-case headline into its first sentence; a list of
# teasers is a block of lines that start with this many capitalised words.
TEASER_LEAD = 4


def _colon_lists(lines: list[LineView]) -> list[bool]:
    """Whether each line belongs to a list that a line ending in a colon
    introduced ("The tour dates:"): the run of lines below it, up to the
    next line of prose. Such lists are the article's, however short their
    lines; a menu is introduced by nothing."""
    flags, open_list = [], False
    for line in lines:
        if line.prose >= 1.0:  # prose (a GOOD line) ends the list
            open_list = False
        flags.append(open_list)
        if line.own[ENDS_COLON]:
            open_list = True
    return flags


def _overlap(line: LineView, title: LineView) -> float:
    """Share of the line's words that are in the page title."""
    return len(line.words_seen & title.words_seen) / len(line.words_seen) if line.words_seen else 0.0


def _find_headline(lines: list[LineView], title_overlap: list[float]) -> int | None:
    """The line that repeats the page title (the article's headline), if any;
    ``title_overlap``: each line's share of words in the page title."""
    # The last of the best: a truncated copy of the title in a breadcrumb or
    # a share bar comes before the headline printed over the article.
    # A line that only names the site is no headline, however many of its
    # words the title holds.
    best, best_overlap = None, HEADLINE_TITLE_SHARE
    for k in range(1, len(lines)):
        if (lines[k].words >= HEADLINE_MIN_WORDS and title_overlap[k] >= best_overlap
                and not lines[k].names_site):
            best, best_overlap = k, title_overlap[k]
    return best


def _headline_distance(k: int, headline: int | None) -> float:
    """Signed lines from the headline (0 without one): the body follows it."""
    if headline is None:
        return 0.0
    return float(max(-MAX_HEADLINE_DISTANCE, min(MAX_HEADLINE_DISTANCE, k - headline)))


# --- the model ----------------------------------------------------------------

@dataclass(frozen=True)
class Trees:
    """Gradient-boosted regression trees on the log-odds, as flat arrays."""

    features: list[str]
    base: float
    rate: float
    trees: list[dict]
    info: dict
    second: Trees | None = None  # a second stage that also reads the first's scores around

    def probabilities(self, rows: list[list[float]], rule_hit: Sequence[bool]) -> list[float]:
        """Each line's probability of being article text.

        The first stage scores every line from its features; the second, when
        the model has one, rereads each line with the first stage's scores of
        the lines around it: a paragraph amid paragraphs the first stage is
        sure of is article, one amid a teaser list is not. Rule-removed lines
        count as 0 for their neighbours."""
        scored = iter(self._scores([row for row, hit in zip(rows, rule_hit) if not hit]))
        first = [0.0 if hit else next(scored) for hit in rule_hit]
        if self.second is None:
            return first
        return self.second._scores(context_rows(rows, first))

    def probability(self, row: Sequence[float]) -> float:
        return self._scores([row])[0]

    def _scores(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """The probability of every row, all trees over many rows at once."""
        totals: list[float] = []
        for start in range(0, len(rows), ROWS_AT_ONCE):
            chunk = np.array(rows[start:start + ROWS_AT_ONCE], dtype=np.float64)
            totals += self._forest().totals(chunk).tolist()
        return [_sigmoid(self.base + self.rate * total) for total in totals]

    def _forest(self) -> _Forest:
        """The trees as numpy arrays, built from the numbers once per model."""
        forest = self.__dict__.get("_forest_arrays")
        if forest is None:
            forest = _Forest(self.trees)
            object.__setattr__(self, "_forest_arrays", forest)
        return forest

    @classmethod
    def from_json(cls, data: dict) -> Trees:
        second = data.get("second")
        return cls(data["features"], data["base"], data["rate"], data["trees"], data.get("info", {}),
                   None if second is None else cls.from_json(second))

    def to_json(self) -> dict:
        data = {"features": self.features, "base": self.base, "rate": self.rate, "info": self.info}
        if self.second is not None:
            data["second"] = self.second.to_json()
        data["trees"] = self.trees
        return data


CONTEXT_OFFSETS = (-3, -2, -1, 1, 2, 3)
CONTEXT_RADIUS = 6


def context_names() -> list[str]:
    return feature_names() + ["p"] + [f"p{offset}" for offset in CONTEXT_OFFSETS] + [
        "block_p_mean", "block_p_max", "area_p_mean"]


def context_rows(rows: list[list[float]], first: list[float]) -> list[list[float]]:
    """The first stage's rows with its scores of the line and its surroundings."""
    n, out = len(rows), []
    for k, row in enumerate(rows):
        extra = [first[k]]
        extra += [first[k + o] if 0 <= k + o < n else 0.0 for o in CONTEXT_OFFSETS]
        block = first[max(0, k - CONTEXT_RADIUS): k + CONTEXT_RADIUS + 1]
        area = first[max(0, k - AREA_RADIUS): k + AREA_RADIUS + 1]
        extra += [sum(block) / len(block), max(block), sum(area) / len(area)]
        out.append(row + extra)
    return out


# Rows evaluated together: a page has a few hundred lines, and the arrays of
# one step over all (tree, row) pairs then take some megabytes; a dump of
# hundreds of thousands of lines is scored in pieces of this many, so that
# those arrays never take more than a few megabytes each.
ROWS_AT_ONCE = 2048


def _sigmoid(total: float) -> float:
    # math.exp, not numpy's: numpy's vectorised exp may round differently in
    # the last bit, and the probabilities must not depend on how they were computed.
    return 1.0 / (1.0 + math.exp(-max(min(total, 30.0), -30.0)))


class _Forest:
    """All trees in flat arrays, evaluated over a whole matrix of rows.

    Plain Python walks one row through one tree at a time; here every level
    of every tree is one numpy step over all (tree, row) pairs at once. The
    nodes of each tree are renumbered breadth-first so that a node's two
    children are neighbours (``right`` is the right one, the left one precedes it):
    one step is then ``node = right[node] - (x[feature[node]] <= threshold[node])``.
    A leaf tests against NaN, which no value passes, and its ``right`` is
    itself: it stays where it is, so every row can take the same number of
    steps (the deepest tree's depth), whatever the trees' shapes.
    """

    def __init__(self, trees: list[dict]):
        feature: list[int] = []
        threshold: list[float] = []
        right: list[int] = []
        value: list[float] = []
        roots: list[int] = []
        self.depth = 0
        for tree in trees:
            roots.append(len(feature))
            order, depth = _breadth_first(tree)
            self.depth = max(self.depth, depth)
            place = {node: roots[-1] + k for k, node in enumerate(order)}
            for node in order:
                left = tree["left"][node]
                leaf = left < 0
                feature.append(0 if leaf else int(tree["feature"][node]))
                threshold.append(math.nan if leaf else float(tree["threshold"][node]))
                right.append(place[node] if leaf else place[left] + 1)
                value.append(float(tree["value"][node]))
        self.feature = np.array(feature, dtype=np.intp)
        self.threshold = np.array(threshold, dtype=np.float64)
        self.right = np.array(right, dtype=np.intp)
        self.value = np.array(value, dtype=np.float64)
        self.roots = np.array(roots, dtype=np.intp)

    def totals(self, rows: np.ndarray) -> np.ndarray:
        """Each row's sum of leaf values over the trees."""
        count, width = rows.shape
        if not len(self.roots):
            return np.zeros(count)
        # The first step starts every row at the same nodes, the roots: it
        # reads whole columns. (A leaf stays where it is, so a forest of
        # leaves alone may take it too. np.take: cheaper than indexing.)
        roots = self.roots
        nodes = self.right.take(roots)[:, None] - (rows[:, self.feature.take(roots)].T
                                                   <= self.threshold.take(roots)[:, None])
        flat = rows.ravel()
        row_start = np.arange(count) * width
        for _ in range(self.depth - 1):
            columns = self.feature.take(nodes)
            columns += row_start
            go_left = flat.take(columns) <= self.threshold.take(nodes)
            nodes = self.right.take(nodes)
            nodes -= go_left
        # Added tree after tree, as a running sum from the first tree: the
        # order of the additions fixes the last bits of the total, and so
        # the probabilities the report prints.
        return np.add.accumulate(self.value.take(nodes), axis=0)[-1]


def _breadth_first(tree: dict) -> tuple[list[int], int]:
    """The tree's nodes, each node's two children side by side; and its depth."""
    order, depths, k = [0], [0], 0
    while k < len(order):
        node = order[k]
        if tree["left"][node] >= 0:
            order += [tree["left"][node], tree["right"][node]]
            depths += [depths[k] + 1] * 2
        k += 1
    return order, max(depths)


_override: list[Trees | None] = []


@lru_cache(maxsize=1)
def _shipped() -> Trees | None:
    if not MODEL_PATH.exists():
        return None
    return Trees.from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))


def active_model() -> Trees | None:
    """The model in use: the shipped file, or one set by :func:`using` (training)."""
    if _override:
        return _override[-1]
    model = _shipped()
    # A model trained on other features than this code computes is ignored.
    fits = model is not None and model.features == feature_names() and (
        model.second is None or model.second.features == context_names())
    return model if fits else None


@contextmanager
def using(model: Trees | None) -> Iterator[None]:
    """Score with ``model`` (None: the heuristic alone) inside the block."""
    _override.append(model)
    try:
        yield
    finally:
        _override.pop()
