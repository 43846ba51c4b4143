"""Stage 4, render: the article text and the report of what was removed.

The report is a view of the verdicts, never a second computation: deleting
every reported span from the input, stripping each line and dropping empty
lines gives exactly the output's lines (a tested invariant).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from .annotate import LineEvidence
from .decide import Verdict
from .document import Line, segment

NO_TITLE_RULE = "option:no-title"


@dataclass(frozen=True, slots=True)
class Removal:
    start: int  # character offsets into the input, end exclusive
    end: int
    line_start: int  # 1-based line numbers, inclusive
    line_end: int
    category: str
    rule: str
    text: str
    # For removals the learned scorer took part in: the highest probability
    # of being article text among the removed lines. Optional, and left out of
    # as_dict so that the JSON report keeps its documented keys.
    score: float | None = None

    def as_dict(self) -> dict:
        record = asdict(self)
        del record["score"]
        return record


def _is_removed_whole(verdict: Verdict, include_title: bool) -> bool:
    return not verdict.keep or (verdict.title and not include_title)


def _reason(verdict: Verdict) -> tuple[str, str]:
    if verdict.keep:  # a kept title the caller asked to leave out
        return "title", NO_TITLE_RULE
    return verdict.category or "boilerplate", verdict.rule or "unknown"


def collect_removals(
    evidence: list[LineEvidence], verdicts: list[Verdict], text: str, include_title: bool
) -> list[Removal]:
    """Removed lines (consecutive ones with one reason merged) and inline spans."""
    removals: list[Removal] = []
    run: list[Line] = []
    run_scores: list[float] = []
    run_reason: tuple[str, str] | None = None

    def close_run() -> None:
        if run:
            score = max(run_scores) if run_scores else None
            removals.append(_line_removal(run, run_reason, text, score))
            run.clear()
            run_scores.clear()

    for item, verdict in zip(evidence, verdicts, strict=True):
        line = item.line
        if not line.text:
            continue
        if _is_removed_whole(verdict, include_title):
            reason = _reason(verdict)
            if reason != run_reason:
                close_run()
                run_reason = reason
            run.append(line)
            if verdict.score is not None and not verdict.keep:
                run_scores.append(verdict.score)
            continue
        close_run()
        run_reason = None
        for span in item.spans:
            removals.append(
                Removal(span.start, span.end, line.index + 1, line.index + 1,
                        span.rule.category, span.rule.id, text[span.start:span.end])
            )
    close_run()
    return removals


def _line_removal(
    run: list[Line], reason: tuple[str, str] | None, text: str, score: float | None
) -> Removal:
    category, rule = reason or ("boilerplate", "unknown")
    start, end = run[0].text_start, run[-1].text_end
    return Removal(start, end, run[0].index + 1, run[-1].index + 1, category, rule, text[start:end], score)


def kept_lines(
    evidence: list[LineEvidence], verdicts: list[Verdict], text: str, include_title: bool
) -> list[str]:
    """The output lines: kept lines with their inline spans cut, stripped."""
    out = []
    for item, verdict in zip(evidence, verdicts, strict=True):
        if not item.line.text or _is_removed_whole(verdict, include_title):
            continue
        line = output_line(item, text)
        if line:
            out.append(line)
    return out


def output_line(item: LineEvidence, text: str) -> str:
    """A kept line as it is written out: its inline spans cut, stripped."""
    pieces, position = [], item.line.text_start
    for span in sorted(item.spans, key=lambda s: s.start):
        pieces.append(text[position:span.start])
        position = max(position, span.end)
    pieces.append(text[position:item.line.text_end])
    return "".join(pieces).strip()


# --- report formats ---------------------------------------------------------

def summary_counts(removals: Iterable[Removal]) -> dict[str, tuple[int, int, int]]:
    """category -> (spans, lines, characters)."""
    spans: Counter[str] = Counter()
    lines: Counter[str] = Counter()
    chars: Counter[str] = Counter()
    for removal in removals:
        spans[removal.category] += 1
        lines[removal.category] += removal.line_end - removal.line_start + 1
        chars[removal.category] += removal.end - removal.start
    return {category: (spans[category], lines[category], chars[category]) for category in spans}


def render_summary(counts: dict[str, tuple[int, int, int]], title: str = "") -> str:
    header = f"{'category':<16} {'spans':>6} {'lines':>6} {'chars':>8}"
    rows = [f"{c:<16} {s:>6} {l:>6} {ch:>8}" for c, (s, l, ch) in sorted(counts.items())]
    total = [sum(values) for values in zip(*counts.values())] if counts else [0, 0, 0]
    rows.append(f"{'total':<16} {total[0]:>6} {total[1]:>6} {total[2]:>8}")
    return "\n".join(([title] if title else []) + [header, "-" * len(header), *rows]) + "\n"


def render_diff(text: str, removals: list[Removal], name: str, color: bool = False) -> str:
    """A unified diff of input -> output, one hunk per removal, labelled with
    its category and rule so a reader sees why each line went."""
    if not removals:
        return ""
    lines = segment(text)
    red, green, cyan, reset = ("\x1b[31m", "\x1b[32m", "\x1b[36m", "\x1b[0m") if color else ("",) * 4
    out = [f"--- {name}", f"+++ {name} (cleaned)"]
    for removal in removals:
        first, last = removal.line_start, removal.line_end
        before = [text[line.start:line.end] for line in lines[first - 1:last]]
        after = _line_after_span(text, removal, lines[first - 1]) if first == last else []
        score = "" if removal.score is None else f" p={removal.score:.2f}"
        out.append(f"{cyan}@@ -{first},{len(before)} +{first},{len(after)} @@ "
                   f"{removal.category} {removal.rule}{score}{reset}")
        out.extend(f"{red}-{line}{reset}" for line in before)
        out.extend(f"{green}+{line}{reset}" for line in after)
    return "\n".join(out) + "\n"


def _line_after_span(text: str, removal: Removal, line: Line) -> list[str]:
    """What a one-line removal leaves: nothing for a whole line, the rest for a span."""
    rest = (text[line.start:removal.start] + text[removal.end:line.end]).strip()
    return [rest] if rest else []
