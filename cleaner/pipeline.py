"""``clean``: the four stages in a row, one document, one pass.

    text --segment--> lines --annotate--> evidence --decide--> verdicts --render--> CleanResult
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .annotate import annotate_lines
from .decide import decide
from .document import segment
from .features import tokens
from .language import guess_language, resolve_language, stopwords
from .report import Removal, collect_removals, kept_lines
from .ruleset import RuleSet, load_rules


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
    language = resolve_language(lang) or guess_language(tokens(text))
    stoplist = stopwords(language) if language else frozenset()
    annotation = annotate_lines(lines, ruleset, stoplist, language)
    verdicts = decide(annotation.lines, know_language=language is not None)
    removals = collect_removals(annotation.lines, verdicts, text, include_title)
    title = next((e.line.text for e, v in zip(annotation.lines, verdicts) if v.title), None)
    body = kept_lines(annotation.lines, verdicts, text, include_title)
    return CleanResult(
        text="".join(line + "\n" for line in body),
        title=title,
        removed=removals,
        language=language,
        warnings=annotation.warnings,
    )
