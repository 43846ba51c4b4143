"""The fast paths compute exactly what the plain code they replaced computed.

The trees compare features with thresholds, so a feature that differs in its
last bit can flip a verdict: each fast path here is checked bit for bit
against a plain version kept as its specification.
"""

import math

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import scorer
from cleaner.annotate import LineEvidence, SpanHit
from cleaner.document import Line
from cleaner.features import measure_line, tokens

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def plain_feature_rows(lines: list[scorer.LineView]) -> list[list[float]]:
    """scorer.feature_rows as it was written first: row by row, window by window."""
    is_prose = [line.prose > 0 for line in lines]
    above, below = scorer._distances(is_prose)
    longest = max((line.own[0] for line in lines), default=0.0)
    prose_lines = [line for line in lines if line.prose > 0]
    mean_density = sum(line.own[1] for line in prose_lines) / len(prose_lines) if prose_lines else 0.0
    title_overlap = [scorer._overlap(line, lines[0]) for line in lines]
    headline = scorer._find_headline(lines, title_overlap)
    colon_list = scorer._colon_lists(lines)
    lead = scorer.OWN_FEATURES.index("capitalised_lead")
    rows = []
    for k, line in enumerate(lines):
        row = list(line.own)
        row += [line.prose, float(line.prior_keep), float(line.rule_hit), float(line.tail_seen),
                float(above[k]), float(below[k])]
        for offset in scorer.NEIGHBOUR_OFFSETS:
            j = neighbour(lines, k, offset)
            if j is not None:
                other = lines[j]
                row += [other.prose, other.own[0], other.own[1],
                        float(abs(j - k) != abs(offset) or other.rule_hit)]
            else:
                row += [-1.0, 0.0, 0.0, 1.0]
        block = lines[max(0, k - scorer.BLOCK_RADIUS): k + scorer.BLOCK_RADIUS + 1]
        size = len(block)
        row += [sum(b.prose for b in block) / size, sum(b.own[0] for b in block) / size,
                sum(b.own[2] for b in block) / size, sum(b.rule_hit for b in block) / size,
                sum(b.prior_keep for b in block) / size]
        area = lines[max(0, k - scorer.AREA_RADIUS): k + scorer.AREA_RADIUS + 1]
        row += [sum(b.prose for b in area) / len(area), sum(b.prior_keep for b in area) / len(area),
                line.own[0] - longest, line.own[1] - mean_density,
                float(k == headline), scorer._headline_distance(k, headline), title_overlap[k]]
        row.append(float(colon_list[k]))
        row.append(sum(b.own[lead] >= scorer.TEASER_LEAD for b in block) / size)
        rows.append(row)
    return rows


def neighbour(lines: list[scorer.LineView], k: int, offset: int) -> int | None:
    """Line ``k``'s neighbour ``offset`` lines away (-1: the one above), not
    counting removed lines that have an unremoved line beyond them (those at
    the page's ends count); None past the page's edge, and for a removed line
    that is not counted itself."""
    unremoved = [j for j, line in enumerate(lines) if not line.rule_hit]

    def counted(j: int) -> bool:
        return not lines[j].rule_hit or not unremoved or j < unremoved[0] or j > unremoved[-1]

    if not counted(k):
        return None
    step, left, j = (1 if offset > 0 else -1), abs(offset), k
    while left:
        j += step
        if not 0 <= j < len(lines):
            return None
        left -= counted(j)
    return j


def bits(rows: list[list[float]]) -> list[list[str]]:
    return [[float(value).hex() for value in row] for row in rows]


# Values like the real ones: logs of word counts, densities, heuristic scores
# with many bits (1 + words / 25), flags.
real = st.one_of(st.floats(-2.0, 5.0), st.sampled_from([0.0, 1.0, -0.4, -1.0, 0.25]),
                 st.integers(0, 80).map(lambda words: 1.0 + words / 25), st.integers(0, 99).map(math.log1p))
flag = st.booleans()
words = st.frozensets(st.sampled_from(["the", "minister", "said", "talks", "home", "news"]), max_size=5)
views = st.builds(
    lambda own, prose, tail, keep, hit, seen: scorer.LineView(
        tuple(own[:2]) + (float(own[2] > 0),) + tuple(own[3:]), prose, len(seen), tail, keep, hit, seen),
    st.lists(real, min_size=len(scorer.OWN_FEATURES), max_size=len(scorer.OWN_FEATURES)),
    real, flag, flag, flag, words,
)


@SETTINGS
@given(st.lists(views, max_size=60))
def test_feature_rows_are_the_plain_rows_to_the_last_bit(lines):
    assert bits(scorer.feature_rows(lines)) == bits(plain_feature_rows(lines))


def test_feature_rows_of_the_seeds_are_the_plain_rows(seed_inputs):
    from cleaner import decide
    from cleaner.annotate import annotate_lines
    from cleaner.document import segment
    from cleaner.language import stopwords
    from cleaner.pipeline import get_rules

    for path in seed_inputs:
        stoplist = stopwords("English")
        evidence = annotate_lines(segment(path.read_text(encoding="utf-8")), get_rules(),
                                  stoplist, "English").lines
        verdicts, scores, _ = decide._heuristic(evidence, True, stoplist)
        lines = [view for _, view in scorer.views(
            evidence, scores, [v.keep for v in verdicts], [v.rule is not None for v in verdicts])]
        assert bits(scorer.feature_rows(lines)) == bits(plain_feature_rows(lines)), path.name


CAPITALISED = regex.compile(r"^\p{Lu}")


def plain_own(item: LineEvidence, words: list[str]) -> tuple[float, ...]:
    """scorer._own as it was written first: a regex call per word and per character class."""
    text, features = item.line.text, item.features
    count = max(len(words), 1)
    lead = 0
    for word in words[:scorer.MAX_CAPITALISED_LEAD]:
        if not CAPITALISED.match(word):
            break
        lead += 1
    return (
        math.log1p(features.words), features.stopword_density, float(features.terminal),
        features.upper_share, features.digit_share, math.log(max(features.repeats, 1)),
        sum(len(word) for word in words) / count,
        len(regex.findall(r"[,;，、]", text)) / count,
        float(text.endswith(":")),
        sum(1 for word in words if CAPITALISED.match(word)) / count,
        float(len(regex.findall(r"[|•·»›/]", text))),
        float(text[:1].isdigit()), float(bool(item.spans)), math.log1p(len(text)), float(lead),
    )


# Capitals of several scripts, title-case letters (not \p{Lu}), marks, digits
# and the characters counted as commas and separators.
line_text = st.text(st.one_of(
    st.sampled_from(list("AaÉéΣσДдǅⅠ1١ ,;，、|•·»›/:.-\u0301\u3000")), st.characters()), max_size=60)


@SETTINGS
@given(line_text, st.booleans())
def test_own_features_are_the_plain_ones_to_the_last_bit(text, spanned):
    stripped = text.strip()
    line = Line(0, 0, len(text), stripped, 0)
    spans = [SpanHit(0, 1, None)] if spanned else []
    item = LineEvidence(line, measure_line(stripped, frozenset({"a", "the"}), 2), spans=spans)
    words = tokens(stripped)
    assert [value.hex() for value in scorer._own(item, words)] == [
        value.hex() for value in plain_own(item, words)]
