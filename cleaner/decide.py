"""Stage 3, decide: keep or remove every line, and cut inline spans.

Read top to bottom, in the order the decisions are taken:

1. tail markers: the first "Related Articles" / "Comments" heading that comes
   after enough article text ends the article;
2. line rules: a line a rule names is removed with that rule's category;
3. context-free classification of the other lines (jusText's idea, on lines):
   good prose, near-good, short, bad; each class gives a score;
4. the article region: the article is one contiguous run of lines, the run
   with the highest total score (rule-removed and blank lines are
   transparent, so an "Advertisement" line does not split the article);
   short lines between good paragraphs (headings) fall inside it, isolated
   prose amid boilerplate falls outside; teasers of other stories above the
   page's headline inside the region fall outside too;
5. the title: the line above the region that repeats the page's <title>
   (the dump's first line), however far up; else the dump's first line if
   it stands just above the region; else the nearest headline-shaped line
   just above it;
6. inside the region: captions that sit on a photo credit, and repeated lines;
7. with the learned scorer (scorer.py, shipped as linescorer.json): steps
   1-6 are its prior; it scores every line that no rule removed from the
   line's and its neighbours' features, and the region, title and
   duplicates are settled again on its probabilities. Lines it rejects
   outright go even inside the region; prose just above the region, below
   the headline over the body, joins the body. Its removals are named
   ``model:linescorer`` with p.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import islice, pairwise

import regex

from . import scorer
from .annotate import LineEvidence
from .features import CJK_CHARACTER, LineFeatures, tokens

# --- thresholds -------------------------------------------------------------

# A line of prose: at least this many words ...
GOOD_MIN_WORDS = 8
# ... of which at least this share are stopwords (jusText's default is 0.30 for
# paragraphs; single lines of news prose run a little lower) ...
GOOD_MIN_STOPWORD_DENSITY = 0.2
# ... and that ends like a sentence, unless it is this long (truncated dumps).
GOOD_LONG_WORDS = 25
# Near-good: some prose evidence, not enough alone.
NEARGOOD_MIN_WORDS = 5
NEARGOOD_MIN_STOPWORD_DENSITY = 0.1

# Bad: mostly digits (tickers, scores, dates) ...
BAD_DIGIT_SHARE = 0.3
# ... or shouting (menus, buttons) once there are a few letters.
BAD_UPPER_SHARE = 0.7
BAD_UPPER_MIN_WORDS = 2

# Region scores. A good line counts more the longer it is, so that one long
# paragraph outweighs a short menu, but a menu of many lines splits regions.
GOOD_SCORE_BASE = 1.0
GOOD_SCORE_PER_WORD = 1 / 25
NEARGOOD_SCORE = 0.25
SHORT_SCORE = -0.4
BAD_SCORE = -1.0

# A tail marker ends the article only after this many words of prose: the
# same heading in a menu above the article must not cut the article away.
TAIL_MIN_ARTICLE_WORDS = 50
# ... and only when at least this share of the page's prose lies above it. A
# teaser box between the standfirst and the body ("More on ...") has a few
# dozen words above it and the whole article below; real "Comments" and
# "Related" sections come after a third or more of the page's prose, even
# when the related teasers carry the full text of other stories.
TAIL_MIN_PROSE_SHARE = 0.25
# A related-stories heading needs most of the page's prose above it: "Read
# more" and "Don't miss" boxes also sit between an article's paragraphs, and
# the article then goes on below them; at the article's real end, the box is
# followed by teasers and the footer, which hold less prose than the article.
RELATED_MIN_PROSE_SHARE = 0.5
# ... unless the page goes on with whole other stories (an endless-scroll
# page prints the next articles under "You may like"): these hold more prose
# than the article, so the heading then needs only TAIL_MIN_PROSE_SHARE, a
# run of paragraphs must follow, and no run anywhere below may go on with
# the story (see _story_resumes; a box between paragraphs is followed, after
# its teasers, by the rest of the story).

# A related-stories heading is a box inside the article, not its end, when
# the prose right below it goes on with the story: of the content words in
# the prose lines among the next RESUME_LOOKAHEAD_LINES lines, at least
# RESUME_MIN_SHARED also occur in the article's last RESUME_ARTICLE_LINES
# prose lines. A story's own paragraphs share a tenth or more (names,
# places, the subject); teasers of other stories, a few per cent. Below
# RESUME_MIN_CONTENT_WORDS words the share says too little. (Comment
# headings are not tested: comments talk about the article.) The story's
# paragraphs also follow one another: when no two prose lines below stand
# together, each is a teaser's summary under its headline, and a few common
# words shared by chance do not make them the story.
RESUME_LOOKAHEAD_LINES = 8
RESUME_MIN_PROSE_LINES = 2
RESUME_ARTICLE_LINES = 10
RESUME_MIN_CONTENT_WORDS = 20
RESUME_MIN_SHARED = 0.1
# A box inside the article may open with its own furniture before the story
# goes on: a share bar's button labels, icon names, "Back", "Close". The
# lookahead starts below such a run, so that a long bar does not hide the
# story's next paragraphs. Such labels run one to four words ("Icon arrow
# left"); a teaser's headline, which should stay in the window, is mostly longer.
RESUME_FURNITURE_MAX_WORDS = 4

# A comment thread shows each comment under a short header naming its author
# and when it was posted: "jdoe says:" over "May 3, 2021 at 9:12 am", or both
# on one line. A few such headers on one page are a thread, and the first one
# ends the article wherever it stands. (An article introducing quotes with
# "The minister said:" has no date there. A bare name over a date is no
# header: that is how articles print their own byline.)
COMMENT_HEADER = regex.compile(
    r"(?i)^(?=.{2,100}$)\S.{0,80}?\s(?:says|said|wrote|writes|replied|replies|schreibt|schrieb"
    r"|sagt|sagte|dit|écrit|a écrit|dice|dijo|escribe|escribió|diz|disse|escreveu|scrive"
    r"|ha scritto|napsal|napsala|říká|napisał|napisała|pisze|zegt|schreef|говорит|пишет|написал"
    r"|написала|skriver|skrev|säger|sier|siger|sanoo|kirjoitti|dedi ki|diyor ki|berkata)\s*:$"
)
# A time counted back from now ("2 days ago", "vor 3 Stunden", "2 часа
# назад", "2 saat önce") in the languages news is read in ...
_TIME_AGO = (
    r"\d.*\b(?:ago|vor|il y a|hace|há|fa|geleden|temu|před|назад|тому|sedan|siden|sitten|önce|lalu)\b"
    r"|\b(?:vor|il y a|hace|há|před)\b.*\d"
)
RELATIVE_TIME = regex.compile("(?i)" + _TIME_AGO)
_CLOCK_MINUTE = r"\b\d{1,2}[:.h]\d{2}\b"
_CALENDAR_YEAR = r"\b(?:19|20)\d{2}\b"
# ... and a posting time: that, a clock time or a year.
POSTING_TIME = regex.compile(f"(?i){_CLOCK_MINUTE}|{_CALENDAR_YEAR}|" + _TIME_AGO)
COMMENT_THREAD_MIN_HEADERS = 3
# A bare name is a header only over a time counted back from now ("2 days
# ago at 07:52 am"): comment widgets print that, while an article prints its
# byline over a calendar date, and teaser lists a date under each headline.
COMMENT_NAME_MAX_WORDS = 3
# The date under a header is a short line.
COMMENT_DATE_MAX_WORDS = 8
COMMENT_THREAD = "heuristic:comment-thread"
# Comment widgets also print a bare name over the date with its minute
# ("Dietmar Hilsebein" over "8. April 2019 @ 11:38") over the comment. An
# article prints its byline so too, but once; and a box of teasers by their
# authors can stand above the article. So such a thread ends the article
# only below TAIL_MIN_ARTICLE_WORDS of prose. (Not below a share of it too,
# as a tail marker: a long thread holds many times the article's words.)
CLOCK_MINUTE = regex.compile(_CLOCK_MINUTE)
CALENDAR_YEAR = regex.compile(_CALENDAR_YEAR)

# A numbered list the article starts, the article finishes: "1) ...", "2) ..."
# (a ranking, a schedule, a table's rows) whose later items fall outside the
# region because each item is a short line. The list goes on while the next
# item carries the next number, with at most ENUMERATION_MAX_GAP lines (a link,
# a note) between items; the last item counted in the region must be among its
# last ENUMERATION_LOOKBACK lines. A "most read" list after the article starts
# again at 1, under a heading a rule removes, so it never continues one.
ENUMERATION_ITEM = regex.compile(r"^\s*(\d{1,2})(?:[.):\]]|\s*[-–—]|[aªº°]?\s)\s*\S")
# A schedule: a month and a day ("June 9 -- Tampa, FL", "9 de junho - ...").
_MONTH_NAMES = (
    "january february march april may june july august september october november december",
    "jan feb mar apr may jun jul aug sep oct nov dec",
    "januar februar märz april mai juni juli august september oktober november dezember",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
)
MONTHS = {name: number for names in _MONTH_NAMES for number, name in enumerate(names.split(), 1)}
MONTHS["sept"] = 9
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
SCHEDULE_ITEM = regex.compile(
    rf"(?i)^\s*(?:(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})\.?\s+(?:de\s+)?(?P<month2>{_MONTH}))"
    r"(?:st|nd|rd|th)?\s*(?:[-–—:,@|]|\s[-–—])"
)
# An interview printed as questions and answers: "Q: ..." then "A: ..." (and
# F/A in German, P/R in French, Spanish and Portuguese, В/О in Russian).
INTERVIEW_ITEM = regex.compile(r"^(?:(?P<question>[QFPВ])|[ARО])\s?[:.]\s+\S")
# What places a line in a list (see _item_key): a kind, then one or two numbers.
ItemKey = tuple[str, int] | tuple[str, int, int]
ENUMERATION_MAX_GAP = 2
ENUMERATION_LOOKBACK = 3
# A schedule under its own heading after the article's last paragraph ("Tour
# dates") is the article's when this many dates follow, each later than the
# one before: fewer could be two dated teasers that happen to run forward.
HEADED_SCHEDULE_MIN_ITEMS = 4
# A list's heading is a short line: a few words, no sentence's end.
HEADING_MAX_WORDS = 8

# A related-stories box inside the page: a short label ("Related", "More:",
# "Read more") over a few teaser headlines, after which the article (or the
# page) goes on. The label is a line of at most RELATED_LABEL_MAX_WORDS words
# that a related rule removed; up to RELATED_BOX_MAX_ITEMS headline-shaped
# lines below it go with it, up to the first line that is not one (a
# paragraph). Boxes hold two to five teasers; more is a list of its own.
RELATED_LABEL_MAX_WORDS = 4
RELATED_BOX_MAX_ITEMS = 5
RELATED_BOX = "heuristic:related-box"

# A latest-news feed prints each headline after the clock time it was posted
# ("14:48 Minister resigns", or "14:48" over "Minister resigns"), newest
# first. FEED_MIN_ITEMS such items in a row, whose times go back, are a feed
# wherever it stands. An article's own timed lines differ: a schedule's times
# go forward, and a live blog's entries are sentences, or paragraphs under a
# time of their own.
FEED_TIME = regex.compile(r"^([01]?\d|2[0-3])[:h]([0-5]\d)(?:\s+(?=\S)|$)")  # on a stripped line
FEED_MIN_ITEMS = 3
TIMED_FEED = "heuristic:timed-feed"

# The title is looked for this many non-blank lines above the region.
TITLE_LOOKBACK_LINES = 6
TITLE_MIN_WORDS = 2
# A line taken for the title only because it stands nearest above the body
# (no line repeats the page's <title>, and it is not the dump's first line)
# needs more: two or three words there are a label ("Print Article", "Tip
# us", "Key Points"), an author's name or a section's; a headline names its
# subject in four words or more. No title is better than a label.
NEAREST_TITLE_MIN_WORDS = 4
# ...unless it is the page's <title> up to the site's name ("Ein Albtraum" under
# "Ein Albtraum - DER SPIEGEL 52/2018"), up to scorer.TITLE_SEPARATOR: that
# is the headline however short.
# A Chinese or Japanese headline runs to ten characters and more; the section
# labels above it ("科技", "国际新闻") to two to four.
TITLE_MIN_CJK_CHARACTERS = 5
TITLE_MAX_WORDS = 30
# The article starts at its headline. When the line that repeats the page
# title's head stands inside the region, the prose above it there is either
# a list of teasers printed over the article (each a headline run into its
# summary: other stories, other words) or the story itself, with its
# headline printed again over a photo gallery. Of the distinct content words
# (_content_words) of that prose, the story's shares a third or more with
# the body below; teasers, a few per cent. Below HEADLINE_MIN_SHARED the
# region starts under the headline. Under HEADLINE_MIN_CONTENT_WORDS words
# above or below, the share says too little and the region stands.
HEADLINE_MIN_SHARED = 0.1
HEADLINE_MIN_CONTENT_WORDS = 20
# A line that gives a clock time ("Nov 19, 2019, 8:15 pm", "20:51:19Z") is a
# byline's or a post's date line; a headline names no minute.
CLOCK_TIME = regex.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")

# Words that say a line describes a picture; with a credit line right after
# it, such a line is a caption, not article text.
CAPTION_CUE = regex.compile(
    r"(?i)\b(?:shows?|showing|pictured|photo(?:graph)?s?|image|picture|handout|file photo"
    r"|zeigt|foto|bild|montre|imagen|muestra|immagine|mostra|fotografia)\b"
)
CREDIT_MAX_WORDS = 8
# A picture's label run into its holder ("Stau © aremac / Clipdealer", "Jan
# Novák, photo: Example Archive", "Londyn / autor: Pixabay") is a whole
# caption, not a bare credit: the line above it is no caption of its own.
# ("Foto: © dpa" is bare: its colon ends a credit word, not a label.)
LABELLED_CREDIT = regex.compile(
    r"^[^©:]*[\p{L}\p{N}][^©:]*(?:\s(?:©|\([Cc]\))"
    r"|(?:,|\s/)\s(?i:photo|foto|fot\.|bild|zdjęcie|kuva|autor|źródło)\s*:)"
)

# The learned scorer (scorer.py) gives each line a probability p of being
# article text; in the region search a line counts (p - MODEL_CUT) times its
# length plus MODEL_BASE_WORDS, so long prose weighs most and a run of short
# uncertain lines cannot outweigh it. The cut is below 0.5 because a wrongly
# dropped paragraph costs more than a kept heading (chosen by document-grouped
# cross-validation, bench/train_scorer.py).
MODEL_CUT = 0.35
MODEL_BASE_WORDS = 3
# A line the model finds this unlikely is removed even inside the region.
MODEL_DROP = 0.1
# ... unless it is a short line between two kept short lines: an item of a
# list (a list's items are a few words each; a heading has up to eight),
# standing next to them: at most one line (the blank between two blocks of a
# dump) lies between an item and its neighbour.
LIST_ITEM_MAX_WORDS = 8
LIST_ITEM_MAX_STEP = 2
# The article printed a second time as one block (a page's structured data or
# its full-text teaser, dumped as one line): a long kept line made for the
# most part of other kept lines. Parts shorter than a short sentence may occur
# inside any paragraph by chance; three parts and four fifths of the line mean
# it repeats several of the article's paragraphs, not a quote of one. Only
# lines of a long paragraph's length are looked at, which keeps the check off
# the hot path of ordinary pages.
JOINED_COPY_MIN_WORDS = 80
JOINED_COPY_PART_MIN_CHARS = 20
JOINED_COPY_MIN_PARTS = 3
JOINED_COPY_MIN_COVERAGE = 0.8
# A kept line of this many words or fewer, every one a stopword of the page's
# language, and no sentence end, is a fragment of page furniture: a dateline's
# "Le" or a byline's "Von" split from the date or name under it, a section
# label ("More", "Business"). An article's paragraph holds content words, and
# its headings rarely do without; a cut-off teaser ("If you …") ends like a
# sentence and stays for the model to judge.
FRAGMENT_MAX_WORDS = 3
# The scorer's column that marks the line repeating the page title.
IS_HEADLINE = scorer.feature_names().index("is_headline")

# Heuristic names, as they appear in the report's "rule" field.
OUTSIDE_ARTICLE = "heuristic:outside-article"
CAPTION_BEFORE_CREDIT = "heuristic:caption-before-credit"
DUPLICATE_LINE = "heuristic:duplicate-line"
JOINED_COPY = "heuristic:joined-copy"
FUNCTION_WORDS = "heuristic:function-words"


class LineClass(Enum):
    GOOD = "good"
    NEARGOOD = "neargood"
    SHORT = "short"
    BAD = "bad"


SCORE = {
    LineClass.NEARGOOD: NEARGOOD_SCORE,
    LineClass.SHORT: SHORT_SCORE,
    LineClass.BAD: BAD_SCORE,
}


@dataclass(slots=True)
class Verdict:
    """The decision on one line. Removed lines carry why; kept lines may carry spans."""

    keep: bool = False
    category: str | None = None
    rule: str | None = None
    title: bool = False
    score: float | None = None  # the learned scorer's probability, when it decided


def classify(features: LineFeatures, know_language: bool) -> LineClass:
    """Context-free class of one line from its features alone."""
    if features.words == 0:
        return LineClass.BAD
    if features.digit_share > BAD_DIGIT_SHARE:
        return LineClass.BAD
    if features.words >= BAD_UPPER_MIN_WORDS and features.upper_share > BAD_UPPER_SHARE:
        return LineClass.BAD
    density = features.stopword_density if know_language else 1.0
    sentence_like = features.terminal or features.words >= GOOD_LONG_WORDS
    if features.words >= GOOD_MIN_WORDS and density >= GOOD_MIN_STOPWORD_DENSITY and sentence_like:
        return LineClass.GOOD
    # Headlines are not prose however many stopwords they hold: a line must
    # end like a sentence to count for the region even a little.
    if (
        features.words >= NEARGOOD_MIN_WORDS
        and density >= NEARGOOD_MIN_STOPWORD_DENSITY
        and sentence_like
    ):
        return LineClass.NEARGOOD
    return LineClass.SHORT


def score(features: LineFeatures, line_class: LineClass) -> float:
    if line_class is LineClass.GOOD:
        return GOOD_SCORE_BASE + GOOD_SCORE_PER_WORD * features.words
    return SCORE[line_class]


def decide(
    evidence: list[LineEvidence], know_language: bool, memo: scorer.ViewMemo | None = None,
    stoplist: frozenset[str] = frozenset(),
) -> list[Verdict]:
    """Keep or remove every line. ``memo``: the scorer.ViewMemo that one
    document's passes share, in which the scorer keeps what it measured of
    each line text; ``stoplist``: the page language's stopwords."""
    verdicts, scores, candidates = _heuristic(evidence, know_language, stoplist)
    model = scorer.active_model()
    if model is not None:
        _rescore(model, evidence, verdicts, scores, candidates, memo, stoplist)
        # The model learned from pages that hold an article among much else; on
        # a dump that is little more than one paragraph it can reject all of
        # it, and keep a stray menu word. The prior's answer stands when it
        # keeps more (prose rather than words only, words rather than nothing);
        # it is worked out again in that rare case rather than copied every time.
        # A list the model keeps (a calendar, a table's rows) counts as prose.
        kept = _what_is_kept(evidence, verdicts, scores)
        if kept < KEEPS_PROSE:
            prior = _heuristic(evidence, know_language, stoplist)[0]
            if _what_is_kept(evidence, prior, scores) > kept:
                verdicts = prior
    _drop_fragments(evidence, verdicts)
    for i, verdict in enumerate(verdicts):
        if not verdict.keep and verdict.rule is None and evidence[i].line.text:
            low = verdict.score is not None and verdict.score < MODEL_CUT
            verdict.category, verdict.rule = "boilerplate", scorer.MODEL_NAME if low else OUTSIDE_ARTICLE
    return verdicts


def _drop_fragments(evidence: list[LineEvidence], verdicts: list[Verdict]) -> None:
    """Remove the kept lines made of a few function words only (FRAGMENT_MAX_WORDS)."""
    for item, verdict in zip(evidence, verdicts):
        features = item.features
        if (verdict.keep and not verdict.title and 0 < features.words <= FRAGMENT_MAX_WORDS
                and features.stopwords == features.words and not features.terminal):
            verdict.score = None
            _remove(verdict, "debris", FUNCTION_WORDS)


KEEPS_NOTHING, KEEPS_WORDS, KEEPS_PROSE = range(3)
# A page whose article is a list (a season's calendar, a table's numbered
# rows) keeps no prose: when the kept lines hold a list of this many items,
# counting up or going forward in time, the page keeps an article as surely
# as with a paragraph. (As many dates make a schedule after an article, see
# HEADED_SCHEDULE_MIN_ITEMS.)
KEPT_LIST_MIN_ITEMS = 4


def _what_is_kept(evidence: list[LineEvidence], verdicts: list[Verdict], scores: list[float]) -> int:
    """KEEPS_PROSE if a kept line is prose (a good line, by its prior score)
    or the kept lines hold a list, else KEEPS_WORDS if a kept line holds a
    word, else KEEPS_NOTHING."""
    if any(v.keep and score >= GOOD_SCORE_BASE for v, score in zip(verdicts, scores)):
        return KEEPS_PROSE
    if len(_list_items(evidence, verdicts, range(len(evidence)))) >= KEPT_LIST_MIN_ITEMS:
        return KEEPS_PROSE
    return KEEPS_WORDS if keeps_words(evidence, verdicts) else KEEPS_NOTHING


def keeps_words(evidence: list[LineEvidence], verdicts: list[Verdict]) -> bool:
    """Whether any kept line holds a word."""
    return any(v.keep and item.features.words for item, v in zip(evidence, verdicts))


def _heuristic(
    evidence: list[LineEvidence], know_language: bool, stoplist: frozenset[str]
) -> tuple[list[Verdict], list[float], list[int]]:
    """Rules, classes and the region from the classes alone: the prior."""
    verdicts = [Verdict() for _ in evidence]
    classes = [classify(item.features, know_language) for item in evidence]
    shown = [i for i, item in enumerate(evidence) if item.line.text]  # non-blank lines
    _apply_tail(evidence, shown, classes, verdicts, stoplist)
    _apply_line_rules(evidence, verdicts)
    _apply_related_boxes(evidence, shown, classes, verdicts)
    _apply_timed_feeds(evidence, shown, verdicts)
    _apply_captions(evidence, verdicts)
    scores = [score(item.features, line_class) for item, line_class in zip(evidence, classes)]
    candidates = [i for i, item in enumerate(evidence) if item.line.text and verdicts[i].rule is None]
    _settle_region(evidence, verdicts, candidates, scores)
    return verdicts, scores, candidates


def model_rows(
    evidence: list[LineEvidence], know_language: bool, stoplist: frozenset[str] = frozenset()
) -> tuple[list[int], list[list[float]], list[bool]]:
    """The scorer's input: non-blank line indices, their feature rows, and
    whether each is a candidate (no rule removed it); for training."""
    verdicts, scores, candidates = _heuristic(evidence, know_language, stoplist)
    indices, rows = _rows(evidence, verdicts, scores)
    chosen = set(candidates)
    return indices, rows, [i in chosen and verdicts[i].rule is None for i in indices]


def _rows(
    evidence: list[LineEvidence], verdicts: list[Verdict], scores: list[float],
    memo: scorer.ViewMemo | None = None,
) -> tuple[list[int], list[list[float]]]:
    views = scorer.views(
        evidence, scores, [v.keep for v in verdicts], [v.rule is not None for v in verdicts], memo
    )
    return [i for i, _ in views], scorer.feature_rows([view for _, view in views])


def _rescore(
    model: scorer.Trees, evidence: list[LineEvidence], verdicts: list[Verdict],
    scores: list[float], candidates: list[int], memo: scorer.ViewMemo | None,
    stoplist: frozenset[str],
) -> None:
    """Find the region again with the model's probabilities, and drop the
    lines inside it that the model rejects outright."""
    indices, rows = _rows(evidence, verdicts, scores, memo)
    chosen = set(candidates)
    probabilities = model.probabilities(rows, [verdicts[i].rule is not None for i in indices])
    for i, probability in zip(indices, probabilities, strict=True):
        if i in chosen:  # rule-removed lines stay the rules' decision
            verdicts[i].score = probability
    for i in candidates:
        verdicts[i].keep = verdicts[i].title = False
    candidates = [i for i in candidates if verdicts[i].rule is None]
    weighted = [
        (model_score - MODEL_CUT) * (item.features.words + MODEL_BASE_WORDS)
        if (model_score := verdict.score) is not None else 0.0
        for item, verdict in zip(evidence, verdicts, strict=True)
    ]
    headline = next((i for i, row in zip(indices, rows) if row[IS_HEADLINE]), None)
    _settle_region(evidence, verdicts, candidates, weighted, headline, stoplist)
    _drop_rejected(evidence, verdicts, candidates)
    _join_title(evidence, verdicts, scores)


def _drop_rejected(evidence: list[LineEvidence], verdicts: list[Verdict], candidates: list[int]) -> None:
    """Inside the region, lines the model rejects outright still go: a caption
    or a "read more" teaser between two paragraphs. (They count against the
    region like any weak line, so that a long menu still separates a stray
    sentence from the article.) The items of a list stay: a short item looks
    like a menu entry to the model, but its number, or its neighbours of its
    own shape, say it belongs to the list around it."""
    items = _list_items(evidence, verdicts, candidates) | _unnumbered_items(evidence, verdicts, candidates)
    for i in candidates:
        verdict = verdicts[i]
        if (verdict.keep and not verdict.title and verdict.score is not None
                and verdict.score < MODEL_DROP and i not in items):
            verdict.keep = False


def _unnumbered_items(evidence: list[LineEvidence], verdicts: list[Verdict], candidates: Sequence[int]) -> set[int]:
    """Kept short lines between two kept short lines the model does not reject:
    the items of a list whose bullets the dump lost ("Bleibe neugierig",
    "Höre auf dein Herz"). One item may read like a menu entry to the model;
    its neighbours, kept and of its own shape, say it is one of them."""
    kept = [i for i in candidates if verdicts[i].keep]
    def item_like(i: int) -> bool:
        features = evidence[i].features
        return 0 < features.words <= LIST_ITEM_MAX_WORDS and not features.terminal
    def accepted(i: int) -> bool:
        score = verdicts[i].score
        return item_like(i) and (score is None or score >= MODEL_DROP)
    return {
        item for above, item, below in zip(kept, kept[1:], kept[2:])
        if item - above <= LIST_ITEM_MAX_STEP and below - item <= LIST_ITEM_MAX_STEP
        and item_like(item) and accepted(above) and accepted(below)
    }


def _list_items(evidence: list[LineEvidence], verdicts: list[Verdict], candidates: Sequence[int]) -> set[int]:
    """Kept lines that continue a list from the kept item just above them."""
    items: set[int] = set()
    previous: tuple[ItemKey, int] | None = None  # (key, position among the kept)
    kept = [i for i in candidates if verdicts[i].keep]
    for position, i in enumerate(kept):
        key = _item_key(evidence[i])
        if key is None:
            continue
        if (previous is not None and position - previous[1] <= ENUMERATION_MAX_GAP + 1
                and _continues(previous[0], key)):
            items.update((kept[previous[1]], i))
        previous = (key, position)
    return items


def _join_title(evidence: list[LineEvidence], verdicts: list[Verdict], prose: list[float]) -> None:
    """The body starts right under its headline: prose lines between the
    headline over the body (_headline_over_body) and the body are the
    article's first paragraphs (a lede the model took for a standfirst), not
    boilerplate. (The title itself may stand further up, see _title_line;
    what lies between it and that line is a byline, a picture or a standfirst.)"""
    body = next((i for i, v in enumerate(verdicts) if v.keep and not v.title), None)
    if body is None or not any(v.title for v in verdicts):
        return
    top = _headline_over_body(evidence, verdicts, body)
    if top is None:
        return
    for i in range(top, body):
        verdict = verdicts[i]
        if (verdict.rule is None and not verdict.title and evidence[i].line.text
                and prose[i] >= GOOD_SCORE_BASE):
            verdict.keep = True


def _settle_region(
    evidence: list[LineEvidence], verdicts: list[Verdict], candidates: list[int], scores: list[float],
    headline: int | None = None, stoplist: frozenset[str] = frozenset(),
) -> None:
    """Region, title and duplicates, repeated until no duplicate is left.
    ``headline``: the line that repeats the page title, if the scorer found
    one; ``stoplist``: the page language's stopwords.

    Removing a duplicate can leave a weak line at the region's edge; finding
    the region again until nothing changes makes the result a fixed point, so
    cleaning the output a second time removes nothing more.
    """
    over_body = _first_headline_copy(evidence, headline)
    while True:
        region = _best_region(candidates, [scores[i] for i in candidates])
        region |= _enumeration_after(evidence, candidates, region)
        region |= _enumeration_before(evidence, candidates, region)
        region = _below_headline(evidence, region, over_body, stoplist)
        for i in candidates:
            verdicts[i].keep, verdicts[i].title = i in region, False
        _pick_title(evidence, verdicts, region, headline)
        duplicates = _duplicates(evidence, verdicts)
        copies = _joined_copies(evidence, verdicts)
        if not duplicates and not copies:
            return
        for i in duplicates:
            _remove(verdicts[i], "duplicate", DUPLICATE_LINE)
        for i in copies:
            _remove(verdicts[i], "duplicate", JOINED_COPY)
        candidates = [i for i in candidates if verdicts[i].rule is None]


def _first_headline_copy(evidence: list[LineEvidence], headline: int | None) -> int | None:
    """The first copy of ``headline`` under the page title, when it is the
    page title's head: the scorer takes the last copy, which may stand below
    the body in a list of stories or a share box; the one over the body is
    the first."""
    first = _first_shown(evidence)
    if headline is None or first is None or not _heads_page_title(evidence, first, headline):
        return None
    text = evidence[headline].line.text
    return next((i for i in range(first + 1, headline) if evidence[i].line.text == text), headline)


def _below_headline(
    evidence: list[LineEvidence], region: set[int], over_body: int | None, stoplist: frozenset[str]
) -> set[int]:
    """The region without the teasers above the article's headline
    ``over_body`` (_first_headline_copy), when the headline stands inside it
    (see HEADLINE_MIN_SHARED)."""
    if over_body is None or not region or not min(region) < over_body < max(region):
        return region
    above = _content_words(evidence, [i for i in region if i < over_body], stoplist)
    below = _content_words(evidence, [i for i in region if i > over_body], stoplist)
    if min(len(above), len(below)) < HEADLINE_MIN_CONTENT_WORDS:
        return region
    if len(above & below) >= HEADLINE_MIN_SHARED * len(above):
        return region
    return {i for i in region if i > over_body}


def _enumeration_after(evidence: list[LineEvidence], candidates: list[int], region: set[int]) -> set[int]:
    """Candidates below the region that continue the list it ends with: a
    numbered list or a schedule, or one that the region's last line
    introduces with a colon ("The tour dates:"); or a schedule under its own
    heading right below the region."""
    if not region:
        return set()
    # The region is a run of the (ordered) candidates: its end and the lines
    # below it are found by bisection, not by a pass over the page.
    end = max(region)
    after = bisect_right(candidates, end)
    tail = [i for i in candidates[max(after - ENUMERATION_LOOKBACK, 0):after] if i in region]
    below = candidates[after:]
    keys = (_item_key(evidence[i]) for i in reversed(tail))
    last = next((key for key in keys if key is not None), None)
    if last is not None or evidence[end].line.text.endswith(":"):
        return _list_run(evidence, below, last, _continues)
    return _headed_schedule(evidence, end, below)


def _enumeration_before(evidence: list[LineEvidence], candidates: list[int], region: set[int]) -> set[int]:
    """Candidates above the region that begin the numbered list it opens
    with: the region starts at item N and the lines above carry N-1, N-2, ...
    A list's first rows are short lines at the region's edge, and the model
    reads them with little context above; without this, a table of rows
    loses its top rows, and cleaning the output again loses one more each
    time. Only numbers count: a date or an answer above the region is as
    often a teaser's."""
    if not region:
        return set()
    start = bisect_left(candidates, min(region))
    first = _item_key(evidence[candidates[start]])
    if first is None or first[0] != "number":
        return set()
    return _list_run(evidence, reversed(candidates[:start]), first, _precedes)


def _headed_schedule(evidence: list[LineEvidence], end: int, below: list[int]) -> set[int]:
    """A schedule that the article prints under a heading of its own after
    its last paragraph ("Tour dates", then "June 9 -- Tampa, FL", ...), the
    heading being the region's ``end`` or the first line ``below`` it: the
    items (and that heading), when at least HEADED_SCHEDULE_MIN_ITEMS dates
    follow it, each later than the one before. Only dates: a numbered list
    under a heading after the article is as often a "most read" box."""
    heading: list[int] = []
    if not _is_heading(evidence[end]):
        if not below or not _is_heading(evidence[below[0]]):
            return set()
        heading, below = below[:1], below[1:]
    items = _list_run(evidence, below, None, _continues)
    dates = [key for key in map(_item_key, (evidence[i] for i in items)) if key is not None]
    if len(dates) < HEADED_SCHEDULE_MIN_ITEMS or any(key[0] != "date" for key in dates):
        return set()
    return set(heading) | items


def _is_heading(item: LineEvidence) -> bool:
    """How a list's heading looks."""
    return _short_label(item, HEADING_MAX_WORDS)


def _short_label(item: LineEvidence, max_words: int) -> bool:
    """A line of one to ``max_words`` words without a sentence's end."""
    return 1 <= item.features.words <= max_words and not item.features.terminal


def _list_run(
    evidence: list[LineEvidence], lines: Iterable[int], last: ItemKey | None,
    follows: Callable[[ItemKey, ItemKey], bool],
) -> set[int]:
    """The ``lines``, taken in turn, that go on with a list whose item
    nearest them is ``last`` (None: a list just introduced, whose first item
    joins when a second follows it). ``follows(last, key)``: whether ``key``
    is the list's next item: _continues for lines that run down the page,
    _precedes for lines that run up it."""
    found: set[int] = set()
    pending: list[int] = []  # lines that join the list when its next item comes
    gap = 0
    for i in lines:
        key = _item_key(evidence[i])
        if key is not None and (last is None or follows(last, key)):
            if last is None:  # the introduced list's first item joins when a second follows
                pending = [i]
            else:
                found.update(pending)
                found.add(i)
                pending = []
            last, gap = key, 0
        elif key is None and last is not None and gap < ENUMERATION_MAX_GAP:
            pending.append(i)
            gap += 1
        else:
            break
    return found


def _item_key(item: LineEvidence) -> ItemKey | None:
    """What places a line in a list: ("number", 3) for "3) ...", ("date",
    6, 9) for "June 9 -- ...", ("interview", 0 or 1) for "Q: ..." or "A: ..."."""
    text = item.line.text
    match = SCHEDULE_ITEM.match(text)  # first: "9 de junho" is a date, not item 9
    if match:
        month = MONTHS[(match.group("month") or match.group("month2")).lower().rstrip(".")]
        return ("date", month, int(match.group("day") or match.group("day2")))
    match = ENUMERATION_ITEM.match(text)
    if match:
        return ("number", int(match.group(1)))
    match = INTERVIEW_ITEM.match(text)
    return ("interview", 0 if match.group("question") else 1) if match else None


def _continues(previous: ItemKey, key: ItemKey) -> bool:
    """A numbered list counts up by one; a schedule goes forward in time (a
    list of news goes back: newest first); an interview turns from question
    to answer and back."""
    if previous[0] != key[0]:
        return False
    if key[0] == "number":
        return key[1] == previous[1] + 1
    if key[0] == "date":
        return key > previous
    return key != previous


def _precedes(below: ItemKey, key: ItemKey) -> bool:
    """_continues read upwards: ``key`` is the item just before ``below``."""
    return _continues(key, below)


def _remove(verdict: Verdict, category: str, rule: str) -> None:
    verdict.keep, verdict.category, verdict.rule = False, category, rule


def _apply_tail(
    evidence: list[LineEvidence], shown: list[int], classes: list[LineClass], verdicts: list[Verdict],
    stoplist: frozenset[str],
) -> None:
    prose = [
        item.features.words if line_class is LineClass.GOOD and item.line_rule is None else 0
        for item, line_class in zip(evidence, classes, strict=True)
    ]
    before, after = 0, sum(prose)
    thread, dated_thread = _comment_thread_starts(evidence, shown)
    for i, item in enumerate(evidence):
        after -= prose[i]
        if (i == thread and before > 0) or (i == dated_thread and before >= TAIL_MIN_ARTICLE_WORDS):
            _cut_from(i, evidence, verdicts, "comments", COMMENT_THREAD)
            return
        marker = item.tail_rule
        if marker is not None and (
            _related_ends_article(evidence, shown, prose, i, stoplist, before, after)
            if marker.category == "related" else _ends_article(before, after, TAIL_MIN_PROSE_SHARE)
        ):
            _cut_from(i, evidence, verdicts, marker.category, marker.id)
            return
        if marker is not None:
            # A marker that does not end the article is still a heading of
            # boilerplate ("Related", "Comments" in a share bar): the line goes.
            _remove(verdicts[i], marker.category, marker.id)
        before += prose[i]


def _related_ends_article(
    evidence: list[LineEvidence], shown: list[int], prose: list[int], marker: int,
    stoplist: frozenset[str], before: int, after: int,
) -> bool:
    """Whether a related-stories heading with this much prose above and below
    ends the article: not when the prose right below it goes on with the
    story (a box inside the article, after its own furniture); yes when most
    of the page's prose lies above it; with less above, only when runs of
    paragraphs follow and none of them goes on with the story
    (RELATED_MIN_PROSE_SHARE).
    ``shown``: the page's non-blank lines."""
    if not _ends_article(before, after, TAIL_MIN_PROSE_SHARE):
        return False
    start = bisect_right(shown, marker)
    while start < len(shown) and evidence[shown[start]].features.words <= RESUME_FURNITURE_MAX_WORDS:
        start += 1
    # The article's last prose lines, walked back from the heading (their
    # words form a set: the order does not matter).
    above = list(islice((i for i in range(marker - 1, -1, -1) if prose[i]), RESUME_ARTICLE_LINES))
    story = _content_words(evidence, above, stoplist)
    if _story_resumes(evidence, shown[start : start + RESUME_LOOKAHEAD_LINES], prose, story, stoplist):
        return False
    if _ends_article(before, after, RELATED_MIN_PROSE_SHARE):
        return True
    # Whole other stories are runs of paragraphs; lines a rule removes ("Advertisement")
    # do not break a run. A page without one below has no other stories to end on.
    flow = [i for i in shown[start:] if evidence[i].line_rule is None]
    runs = [k for k in range(len(flow) - 1)
            if prose[flow[k]] and prose[flow[k + 1]] and not (k and prose[flow[k - 1]])]
    return bool(runs) and not any(
        _story_resumes(evidence, flow[k : k + RESUME_LOOKAHEAD_LINES], prose, story, stoplist) for k in runs
    )


def _story_resumes(
    evidence: list[LineEvidence], window: list[int], prose: list[int], story: set[str],
    stoplist: frozenset[str],
) -> bool:
    """Whether the prose in ``window`` (lines below a related-stories heading)
    goes on with the story, whose content words are ``story``: then the
    heading opened a box inside the article."""
    below = [i for i in window if prose[i]]
    if len(below) < RESUME_MIN_PROSE_LINES or not any(prose[i] and prose[j] for i, j in pairwise(window)):
        return False
    words_below = _content_words(evidence, below, stoplist)
    if len(words_below) < RESUME_MIN_CONTENT_WORDS:
        return False
    return len(words_below & story) >= RESUME_MIN_SHARED * len(words_below)


def _content_words(evidence: list[LineEvidence], lines: list[int], stoplist: frozenset[str]) -> set[str]:
    """The distinct words of ``lines`` that say what they are about: no
    stopwords, numbers or words of one or two letters."""
    return {
        word
        for i in lines
        for word in map(str.lower, tokens(evidence[i].line.text))
        if len(word) > 2 and not word.isdigit() and word not in stoplist
    }


def _cut_from(
    start: int, evidence: list[LineEvidence], verdicts: list[Verdict], category: str, rule: str
) -> None:
    """Remove every line from ``start`` to the page's end: the article has ended."""
    for j in range(start, len(evidence)):
        if evidence[j].line.text:
            _remove(verdicts[j], category, rule)


def _comment_thread_starts(evidence: list[LineEvidence], shown: list[int]) -> tuple[int | None, int | None]:
    """The first header of a comment thread (_comment_header) and, if the page
    has none, of a thread under dated names (_dated_name_header), found in one
    pass; None where there is no thread of that kind. ``shown``: the page's
    non-blank lines."""
    below = [evidence[j] for j in shown[1:]] + [None, None]
    headers: list[int] = []
    dated: list[int] = []
    for k, i in enumerate(shown):
        if _comment_header(evidence[i], below[k], below[k + 1]):
            headers.append(i)
        if _dated_name_header(evidence[i], below[k], below[k + 1]):
            dated.append(i)
    if len(headers) >= COMMENT_THREAD_MIN_HEADERS:
        return headers[0], None
    return None, (dated[0] if len(dated) >= COMMENT_THREAD_MIN_HEADERS else None)


def _dated_name_header(
    line: LineEvidence, next_line: LineEvidence | None, then: LineEvidence | None
) -> bool:
    """A bare name over a short line giving a date with its minute, over a sentence."""
    return (
        _name_over_time(line, next_line, then, CLOCK_MINUTE)
        and next_line is not None and CALENDAR_YEAR.search(next_line.line.text) is not None
    )


def _comment_header(
    line: LineEvidence, next_line: LineEvidence | None, then: LineEvidence | None
) -> bool:
    """Whether ``line`` heads a comment; ``next_line`` and ``then``: the two
    non-blank lines below it."""
    if COMMENT_HEADER.match(line.line.text):
        return bool(POSTING_TIME.search(line.line.text)) or _short_time_line(next_line, POSTING_TIME)
    # A name over "2 days ago", over a sentence: a comment. (A section
    # label over an age heads a teaser, whose headline ends like no sentence.)
    return _name_over_time(line, next_line, then, RELATIVE_TIME)


def _name_over_time(
    line: LineEvidence, next_line: LineEvidence | None, then: LineEvidence | None, time: regex.Pattern
) -> bool:
    """A bare name over a short line that gives a time of this kind, over a sentence."""
    return (
        _bare_name(line) and _short_time_line(next_line, time)
        and then is not None and then.features.terminal
    )


def _bare_name(item: LineEvidence) -> bool:
    """A commenter's name or handle alone on its line: "Nick A", "fmcshan"."""
    return _short_label(item, COMMENT_NAME_MAX_WORDS) and item.features.digit_share == 0.0


def _short_time_line(item: LineEvidence | None, time: regex.Pattern) -> bool:
    """Whether ``item`` is a short line that gives a time of this kind."""
    return item is not None and item.features.words <= COMMENT_DATE_MAX_WORDS \
        and bool(time.search(item.line.text))


def _ends_article(before: int, after: int, share: float) -> bool:
    """Whether a tail marker with this much prose above and below, and at
    least this ``share`` of it above, ends the article."""
    if before < TAIL_MIN_ARTICLE_WORDS:
        return False
    # A "More on ..." heading above the article (a teaser box between the
    # standfirst and the body) must not cut the article away. (Exempting
    # comment markers from this cost F1 on the benchmark: "Comments" links
    # in share bars above the article are as common as long threads.)
    return before >= share * (before + after)


def _apply_line_rules(evidence: list[LineEvidence], verdicts: list[Verdict]) -> None:
    for item, verdict in zip(evidence, verdicts, strict=True):
        if verdict.rule is not None:
            continue
        rule = item.line_rule or (item.spans[0].rule if item.spans_empty_line else None)
        if rule is not None:
            _remove(verdict, rule.category, rule.id)


def _apply_related_boxes(
    evidence: list[LineEvidence], shown: list[int], classes: list[LineClass], verdicts: list[Verdict]
) -> None:
    """The teaser headlines under a related-stories label are the box's, not
    the article's, wherever the box stands: its label alone is not enough,
    as the article goes on below it. ``shown``: the page's non-blank lines."""
    for k, i in enumerate(shown):
        verdict = verdicts[i]
        # The label is a rule's: a short teaser this step removed opens no box
        # of its own, or one box would run on past RELATED_BOX_MAX_ITEMS.
        if (verdict.category != "related" or verdict.rule == RELATED_BOX
                or evidence[i].features.words > RELATED_LABEL_MAX_WORDS):
            continue
        box = shown[k + 1 : k + 2 + RELATED_BOX_MAX_ITEMS]  # one more: what follows the last item
        # The article's own headline (the page title's head) ends any box above it.
        teasers = [verdicts[j].rule is None and _teaser_shaped(evidence[j], classes[j])
                   and not _heads_page_title(evidence, shown[0], j) for j in box]
        for n, j in enumerate(box[:RELATED_BOX_MAX_ITEMS]):
            # A teaser's section kicker ("Gas") stands over its headline.
            kicker = n + 1 < len(box) and teasers[n + 1] and _kicker_shaped(evidence[j], classes[j])
            if verdicts[j].rule is not None or not (teasers[n] or kicker):
                break
            _remove(verdicts[j], "related", RELATED_BOX)


def _kicker_shaped(item: LineEvidence, line_class: LineClass) -> bool:
    """A section's name over a teaser: fewer words than a headline, no
    sentence's end."""
    return (0 < item.features.words < TITLE_MIN_WORDS and line_class is not LineClass.GOOD
            and not item.features.terminal)


def _apply_timed_feeds(evidence: list[LineEvidence], shown: list[int], verdicts: list[Verdict]) -> None:
    """Remove the runs of FEED_MIN_ITEMS or more timed headlines whose times
    go back: a latest-news feed. ``shown``: the page's non-blank lines."""
    if sum(evidence[i].line.text[:1].isdigit() for i in shown) < FEED_MIN_ITEMS:
        return  # each item starts with its time: most pages hold too few such lines
    runs: list[list[list[int]]] = [[]]  # each run's items, each item's lines
    previous: tuple[int, int] | None = None
    k = 0
    while k < len(shown):
        lines, time = _feed_item(evidence, shown, k)
        if runs[-1] and (time is None or previous is None or time >= previous):
            runs.append([])
        if time is not None:
            runs[-1].append(lines)
        previous = time
        k += max(len(lines), 1)
    for run in runs:
        if len(run) >= FEED_MIN_ITEMS:
            for i in (i for lines in run for i in lines):
                if verdicts[i].rule is None:
                    _remove(verdicts[i], "ticker", TIMED_FEED)


def _feed_item(evidence: list[LineEvidence], shown: list[int], k: int) -> tuple[list[int], tuple[int, int] | None]:
    """The feed item that starts at the ``k``-th non-blank line: its lines and
    its time, "14:48 Minister resigns" on one line or "14:48" over "Minister
    resigns"; ([], None) if none starts there (a sentence, a paragraph)."""
    item = evidence[shown[k]]
    # Most lines start with no digit: spare them the pattern (this runs on
    # every line of every pass).
    match = FEED_TIME.match(item.line.text) if item.line.text[:1].isdigit() else None
    if match is None:
        return [], None
    time = (int(match.group(1)), int(match.group(2)))
    if match.end() < len(item.line.text):
        return ([shown[k]], time) if _feed_headline(item) else ([], None)
    below = evidence[shown[k + 1]] if k + 1 < len(shown) else None
    if below is not None and not FEED_TIME.match(below.line.text) and _feed_headline(below) \
            and below.features.words >= TITLE_MIN_WORDS:
        return [shown[k], shown[k + 1]], time
    return [], None


def _feed_headline(item: LineEvidence) -> bool:
    """Whether ``item`` reads as a feed's headline: no sentence, no paragraph."""
    return not item.features.terminal and item.features.words <= TITLE_MAX_WORDS


def _teaser_shaped(item: LineEvidence, line_class: LineClass) -> bool:
    """A teaser's headline: a few words that end like no sentence, or a
    teaser's text cut short ("..."); never a paragraph of prose."""
    if not TITLE_MIN_WORDS <= item.features.words <= TITLE_MAX_WORDS:
        return False
    if item.line.text.endswith(("...", "…")):
        return True
    return line_class is not LineClass.GOOD and not item.features.terminal


def _apply_captions(evidence: list[LineEvidence], verdicts: list[Verdict]) -> None:
    """A line that describes a picture and is followed by a bare credit is a caption."""
    previous: int | None = None
    for i, item in enumerate(evidence):
        if not item.line.text:
            continue
        is_credit = (
            verdicts[i].category == "caption" and item.features.words <= CREDIT_MAX_WORDS
            and not LABELLED_CREDIT.search(item.line.text)
        )
        if (is_credit and previous is not None and verdicts[previous].rule is None
                and CAPTION_CUE.search(evidence[previous].line.text)):
            _remove(verdicts[previous], "caption", CAPTION_BEFORE_CREDIT)
        previous = i


def _best_region(candidates: list[int], scores: list[float]) -> set[int]:
    """Line indices of the maximum-sum contiguous run of candidates (Kadane).

    Ties go to the longer run, which keeps cleaning idempotent: a second pass
    over the output finds the whole output as its best run.
    """
    best_sum, best = 0.0, (0, -1)
    run_sum, run_start = 0.0, 0
    for position, value in enumerate(scores):
        if run_sum < 0:
            run_sum, run_start = 0.0, position
        run_sum += value
        if run_sum > best_sum or (run_sum == best_sum and run_sum > 0):
            best_sum, best = run_sum, (run_start, position)
    first, last = best
    return set(candidates[first : last + 1])


def _pick_title(
    evidence: list[LineEvidence], verdicts: list[Verdict], region: set[int], headline: int | None
) -> None:
    if not region:
        return
    title = _title_line(evidence, verdicts, min(region), headline)
    if title is not None:
        verdicts[title].keep, verdicts[title].title = True, True


def _title_line(
    evidence: list[LineEvidence], verdicts: list[Verdict], start: int, headline: int | None
) -> int | None:
    """The article's headline above the region that starts at ``start``.

    First choice: ``headline``, the line that repeats the page's <title>,
    however far above the body it stands; what lies between is a byline, a
    date, a share bar or a picture. Below the body, it counts through its
    nearest copy above the body if it is the page title's head; with no
    copy that could be the title (a standfirst that repeats the title as a
    sentence), the page title's head just above it. Without one, the dump's
    first line when it stands just above the body: a dump
    that starts with its headline (or newsclean's own output, whose first
    line is the title). Else the nearest
    headline-shaped line of NEAREST_TITLE_MIN_WORDS words or more just above
    the body. A line that is the page's <title> up to the site's name, just
    above the body or opening it, goes before both, however short. A
    headline printed again (over a gallery, or over the body under the
    page's <title> printed first) was removed as a duplicate there: its
    nearest earlier copy that no rule removed stands for it.
    """
    first = _first_shown(evidence)
    if headline is not None and (headline <= start or _heads_page_title(evidence, first, headline)):
        # The page title's head printed again below the body (in a share box
        # or a list of stories) stands for its nearest copy above it.
        title = _kept_copy(evidence, verdicts, headline, min(headline, start))
        if title is not None:
            return title
        # The scorer's headline may be a standfirst that repeats the title as
        # a sentence; the page title's head printed just above it is the title.
        title = _page_title_head(evidence, verdicts, first, _shown_above(evidence, headline))
        if title is not None:
            return title
    above = _shown_above(evidence, start)
    tried = [first, *above] if first in above else above
    # The page title's head is the headline without the site's name, however
    # short: tried before the title itself, and taken from the region's first line too.
    title = _page_title_head(evidence, verdicts, first, [start, *above])
    if title is not None:
        return title
    for line in tried:
        title = _title_candidate(evidence, verdicts, line)
        if title is not None and (title == first or evidence[title].features.words >= NEAREST_TITLE_MIN_WORDS):
            return title
    return None


def _first_shown(evidence: list[LineEvidence]) -> int | None:
    """The dump's first non-blank line: the page's <title>."""
    return next((i for i, item in enumerate(evidence) if item.line.text), None)


def _title_candidate(evidence: list[LineEvidence], verdicts: list[Verdict], line: int) -> int | None:
    """``line`` (or, if it was removed as a duplicate, its nearest earlier
    copy) when that could be the title."""
    if verdicts[line].rule == DUPLICATE_LINE:
        return _kept_copy(evidence, verdicts, line, line)
    return line if _may_be_title(evidence, verdicts, line) else None


def _page_title_head(
    evidence: list[LineEvidence], verdicts: list[Verdict], first: int | None, lines: Iterable[int]
) -> int | None:
    """The first of ``lines`` that is the page title's head (_heads_page_title)
    and could be the title (_title_candidate)."""
    heads = (i for i in lines if _heads_page_title(evidence, first, i))
    candidates = (_title_candidate(evidence, verdicts, i) for i in heads)
    return next((title for title in candidates if title is not None), None)


def _heads_page_title(evidence: list[LineEvidence], first: int | None, line: int) -> bool:
    """Whether ``line`` is the dump's first line (the page's <title>) up to a
    separator before the site's name."""
    if first is None:
        return False
    text, page_title = evidence[line].line.text, evidence[first].line.text
    return page_title.startswith(text) and scorer.TITLE_SEPARATOR.match(page_title, len(text)) is not None


def _kept_copy(evidence: list[LineEvidence], verdicts: list[Verdict], line: int, highest: int) -> int | None:
    """The nearest copy of ``line``'s text at or above ``highest`` that could be the title."""
    text = evidence[line].line.text
    copies = (i for i in range(highest, -1, -1) if evidence[i].line.text == text)
    return next((i for i in copies if _may_be_title(evidence, verdicts, i)), None)


def _headline_over_body(evidence: list[LineEvidence], verdicts: list[Verdict], start: int) -> int | None:
    """The nearest headline-shaped line above ``start``, within
    TITLE_LOOKBACK_LINES non-blank lines, that no rule removed or that was
    removed as a duplicate: the headline printed again over the body, as a
    copy of the page's <title> further up, still marks where the body begins."""
    return next((i for i in _shown_above(evidence, start)
                 if verdicts[i].rule in (None, DUPLICATE_LINE) and _headline_shaped(evidence[i])), None)


def _shown_above(evidence: list[LineEvidence], start: int) -> list[int]:
    """The TITLE_LOOKBACK_LINES non-blank lines above ``start``, nearest first."""
    above: list[int] = []
    for i in range(start - 1, -1, -1):
        if len(above) == TITLE_LOOKBACK_LINES:
            break
        if evidence[i].line.text:
            above.append(i)
    return above


def _may_be_title(evidence: list[LineEvidence], verdicts: list[Verdict], i: int) -> bool:
    return verdicts[i].rule is None and _headline_shaped(evidence[i])


def _headline_shaped(item: LineEvidence) -> bool:
    text, words = item.line.text, item.features.words
    return (
        TITLE_MIN_WORDS <= words <= TITLE_MAX_WORDS
        and not text.endswith((".", ":", ",", "。", "：", "，"))
        and item.features.digit_share <= BAD_DIGIT_SHARE
        and not _cjk_label(text)
        and not CLOCK_TIME.search(text)
    )


def _cjk_label(text: str) -> bool:
    """A Chinese or Japanese line too short for a headline: a section label."""
    if text.isascii():
        return False
    return 0 < len(CJK_CHARACTER.findall(text)) < TITLE_MIN_CJK_CHARACTERS


def _joined_copies(evidence: list[LineEvidence], verdicts: list[Verdict]) -> list[int]:
    """Kept lines that repeat several other kept lines joined into one block
    (see JOINED_COPY_MIN_WORDS): the lines stay, their copy goes."""
    kept = [i for i, verdict in enumerate(verdicts) if verdict.keep]
    found = []
    for i in kept:
        text = evidence[i].line.text
        if evidence[i].features.words < JOINED_COPY_MIN_WORDS:
            continue
        parts = [len(part) for j in kept if j != i
                 and len(part := evidence[j].line.text) >= JOINED_COPY_PART_MIN_CHARS and part in text]
        if len(parts) >= JOINED_COPY_MIN_PARTS and sum(parts) >= JOINED_COPY_MIN_COVERAGE * len(text):
            found.append(i)
    return found


def _duplicates(evidence: list[LineEvidence], verdicts: list[Verdict]) -> list[int]:
    """Later copies of a kept line, and copies of it outside the article: the
    title printed twice keeps one copy, and the report says why the other went."""
    kept_texts = {evidence[i].line.text for i, v in enumerate(verdicts) if v.keep}
    seen: set[str] = set()
    found = []
    for i, (item, verdict) in enumerate(zip(evidence, verdicts, strict=True)):
        text = item.line.text
        if not text or text not in kept_texts or verdict.rule is not None:
            continue
        if verdict.keep and text not in seen:
            seen.add(text)
        else:
            found.append(i)
    return found
