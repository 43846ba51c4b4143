"""``clean``: the four stages in a row, one document, one pass.

    text --segment--> lines --annotate--> evidence --decide--> verdicts --render--> CleanResult
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import scorer
from .annotate import Annotation, LineEvidence, Matcher, annotate_lines
from .decide import Verdict, decide, keeps_words
from .document import Line, segment
from .features import Measurements
from .language import DocumentWords, resolve_language, stopwords
from .report import Removal, collect_removals, kept_lines, output_line
from .ruleset import RuleSet, load_rules

# The language is guessed again on the kept lines; two rounds settle it on
# real pages, the third stops a pathological flip-flop.
MAX_LANGUAGE_ROUNDS = 3

# The output is cleaned again until that removes nothing (see _fixed_point);
# each round removes at least one line, and real pages settle in one or two.
MAX_OUTPUT_ROUNDS = 8


@dataclass(frozen=True, slots=True)
class CleanResult:
    text: str  # the article: title (if any and wanted) and body, one line per paragraph
    title: str | None
    removed: list[Removal]
    language: str | None  # jusText stoplist name used, None if no language was recognised
    warnings: list[str] = field(default_factory=list)


@lru_cache(maxsize=8)
def _cached_rules(extra: tuple[str, ...], disable: tuple[str, ...]) -> RuleSet:
    return load_rules(extra, disable)


def get_rules(rules: Sequence[str | Path] = (), disable: Sequence[str] = ()) -> RuleSet:
    """The shipped rules plus ``rules`` (files or folders), minus ``disable``; cached."""
    return _cached_rules(tuple(str(path) for path in rules), tuple(disable))


def clean(
    text: str,
    *,
    rules: RuleSet | None = None,
    lang: str = "auto",
    include_title: bool = True,
) -> CleanResult:
    """Strip boilerplate from one scraped dump.

    ``rules``: a RuleSet from :func:`get_rules` (default: the shipped rules).
    ``lang``: an ISO code ("de"), a jusText language name, or "auto".
    ``include_title``: put the detected title on the first output line.
    """
    ruleset = rules if rules is not None else get_rules()
    lines = segment(text)
    forced = resolve_language(lang)
    # One of each per document: rule hits, line features and words are shared by all passes.
    measurements = Measurements()
    memo = _Memo(Matcher(ruleset), measurements, DocumentWords(measurements.words),
                 scorer.ViewMemo(measurements.last_words))
    annotation, verdicts, language = _settle(lines, ruleset, forced, memo)
    _fixed_point(text, annotation.lines, verdicts, ruleset, forced, memo)
    if not keeps_words(annotation.lines, verdicts) and scorer.active_model() is not None:
        # The scorer learned from pages that hold an article among much else;
        # on a page that is little more than one paragraph it can end up
        # keeping nothing. Then the rules' and the heuristic's article stands.
        with scorer.using(None):
            annotation, verdicts, language = _settle(lines, ruleset, forced, memo)
            _fixed_point(text, annotation.lines, verdicts, ruleset, forced, memo)
    removals = collect_removals(annotation.lines, verdicts, text, include_title)
    title = next((output_line(e, text) for e, v in zip(annotation.lines, verdicts) if v.title), None)
    body = kept_lines(annotation.lines, verdicts, text, include_title)
    return CleanResult(
        text="".join(line + "\n" for line in body),
        title=title,
        removed=removals,
        language=language,
        warnings=annotation.warnings,
    )


@dataclass(frozen=True, slots=True)
class _Memo:
    """What one document's passes remember of its lines, by line text."""

    matcher: Matcher
    measurements: Measurements
    words: DocumentWords
    views: scorer.ViewMemo  # the scorer's per-line parts (scorer.views)


def _settle(
    lines: list[Line], ruleset: RuleSet, forced: str | None, memo: _Memo
) -> tuple[Annotation, list[Verdict], str | None]:
    """Decide every line, with the language settled on what is kept."""
    # The words of the lines are the words of the text: no word spans a line break.
    language = forced or memo.words.guess(line.text for line in lines)
    for _ in range(MAX_LANGUAGE_ROUNDS):
        annotation, verdicts = _decide_in(language, lines, ruleset, memo)
        if forced:
            break
        # The page's menus may be in another language than its article: settle on
        # the language of what is kept, which is also what a second pass would see.
        settled = memo.words.guess(e.line.text for e, v in zip(annotation.lines, verdicts) if v.keep)
        # Too few kept words to tell a language by is no evidence against the page's.
        if settled == language or settled is None:
            break
        language = settled
    return annotation, verdicts, language


def _fixed_point(
    text: str, evidence: list[LineEvidence], verdicts: list[Verdict], ruleset: RuleSet,
    forced: str | None, memo: _Memo,
) -> None:
    """Remove what a second pass over the output would remove, until nothing.

    The scorer and the region read context (neighbours, position, the page's
    prose), and the output has none of the boilerplate around it, so a line
    kept on the page can look weaker alone. Cleaning the output again, and
    taking its removals (with their reasons) back to the input until a pass
    removes nothing, makes the result a fixed point: clean(clean(x)) == clean(x).
    """
    for _ in range(MAX_OUTPUT_ROUNDS):
        written = [
            (i, output_line(e, text)) for i, (e, v) in enumerate(zip(evidence, verdicts))
            if e.line.text and v.keep
        ]
        kept = [i for i, line in written if line]
        output = "".join(line + "\n" for _, line in written if line)
        _, again_verdicts, _ = _settle(segment(output), ruleset, forced, memo)
        dropped = [k for k, v in enumerate(again_verdicts[: len(kept)]) if not v.keep]
        if not dropped:
            return
        for k in dropped:
            verdict, reason = verdicts[kept[k]], again_verdicts[k]
            verdict.keep, verdict.title = False, False
            verdict.category, verdict.rule, verdict.score = reason.category, reason.rule, reason.score


def _decide_in(
    language: str | None, lines: list[Line], ruleset: RuleSet, memo: _Memo
) -> tuple[Annotation, list[Verdict]]:
    stoplist = stopwords(language) if language else frozenset()
    annotation = annotate_lines(lines, ruleset, stoplist, language, memo.matcher, memo.measurements)
    return annotation, decide(
        annotation.lines, know_language=language is not None, memo=memo.views, stoplist=stoplist
    )
