"""``clean``: the four stages in a row, one document, one pass.

    text --segment--> lines --annotate--> evidence --decide--> verdicts --render--> CleanResult
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .annotate import Annotation, annotate_lines
from .decide import Verdict, decide
from .document import Line, segment
from .features import tokens
from .language import guess_language, resolve_language, stopwords
from .report import Removal, collect_removals, kept_lines, output_line
from .ruleset import RuleSet, load_rules


# The language is guessed again on the kept lines; two rounds settle it on
# real pages, the third stops a pathological flip-flop.
MAX_LANGUAGE_ROUNDS = 3


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
    language = forced or guess_language(tokens(text))
    for _ in range(MAX_LANGUAGE_ROUNDS):
        annotation, verdicts = _decide_in(language, lines, ruleset)
        if forced:
            break
        # The page's menus may be in another language than its article: settle on
        # the language of what is kept, which is also what a second pass would see.
        settled = guess_language(
            word for e, v in zip(annotation.lines, verdicts) if v.keep for word in tokens(e.line.text)
        )
        if settled == language:
            break
        language = settled
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


def _decide_in(language: str | None, lines: list[Line], ruleset: RuleSet) -> tuple[Annotation, list[Verdict]]:
    stoplist = stopwords(language) if language else frozenset()
    annotation = annotate_lines(lines, ruleset, stoplist, language)
    return annotation, decide(annotation.lines, know_language=language is not None)
