"""The heuristics that no single rule names: the article region, tail
markers, captions above credits, duplicates, titles, and language."""

import pytest

from cleaner import clean
from cleaner.features import tokens
from cleaner.language import guess_language, resolve_language

PARAGRAPHS = [
    "The government said on Monday that it would raise the minimum wage by five percent next year.",
    "Unions welcomed the decision but said that it did not go far enough to match the rise in prices.",
    "The opposition accused the minister of acting only because an election is due in the spring.",
    "Economists warned that small firms in the north of the country would find the rise hard to absorb.",
]


def test_isolated_prose_amid_menus_is_outside_the_article():
    menu = ["Home", "World", "Business", "Sport", "Weather"] * 3
    stray = "Our journalists work around the clock to bring you the news that matters to you."
    text = "\n".join([stray, *menu, "Minimum wage to rise", *PARAGRAPHS, *menu])
    result = clean(text)
    assert stray not in result.text
    assert all(p in result.text for p in PARAGRAPHS)
    assert result.title == "Minimum wage to rise"


def test_short_heading_between_paragraphs_stays():
    text = "\n".join([*PARAGRAPHS[:2], "What happens next", *PARAGRAPHS[2:]])
    assert "What happens next\n" in clean(text).text


def test_tail_marker_cuts_only_after_article_text():
    related = "Another story entirely: the central bank held rates steady on Thursday, as markets expected."
    text = "\n".join(["Comments", *PARAGRAPHS, "Related Articles", related])
    result = clean(text)
    assert related not in result.text and all(p in result.text for p in PARAGRAPHS)
    tail = [r for r in result.removed if r.rule == "related.heading"]
    assert tail and tail[0].text.endswith(related)


def test_caption_above_credit_goes_but_prose_above_credit_stays():
    caption = "A handout image shows the new warship at the harbour after the launch ceremony."
    text = "\n".join([PARAGRAPHS[0], caption, "PHOTO: EPA-EFE", PARAGRAPHS[1], "AP Photo/Jane Doe", *PARAGRAPHS[2:]])
    result = clean(text)
    assert caption not in result.text
    assert PARAGRAPHS[1] in result.text


def test_a_labelled_copyright_line_is_its_own_caption():
    # "shows" is a caption cue, but the line under this paragraph labels its
    # picture itself: the paragraph is not that picture's caption.
    prose = "The survey shows that traffic in the city centre has doubled since the bridge was closed."
    label = "Ring road © Jane Doe / Example"
    caption = "A handout image shows the new warship at the harbour after the launch ceremony."
    text = "\n".join([PARAGRAPHS[0], prose, label, PARAGRAPHS[1], caption, "Foto: dpa", *PARAGRAPHS[2:]])
    result = clean(text)
    assert prose in result.text
    assert label not in result.text
    assert caption not in result.text


def test_a_named_photo_credit_is_its_own_caption():
    # "Photos" is a caption cue, but "Name, photo: Holder" names its picture
    # itself: the lede above it stays, and the credit line goes.
    lede = "Photos in hand, the tabloid reports that the minister met two party leaders at a restaurant."
    label = "Jan Novák, photo: Archives of the Government"
    text = "\n".join([PARAGRAPHS[0], lede, label, *PARAGRAPHS[1:]])
    result = clean(text)
    assert lede in result.text
    assert label not in result.text


def test_a_count_alone_is_debris_and_a_year_alone_a_date():
    # Both match the count's digits; the report must name what each line is.
    text = "\n".join([PARAGRAPHS[0], "22669", PARAGRAPHS[1], "2019", *PARAGRAPHS[2:]])
    rules = {span.text.strip(): span.rule for span in clean(text).removed}
    assert rules["22669"] == "debris.bare-count"
    assert rules["2019"] == "byline.dateline"


def test_language_is_guessed_from_stopwords():
    german = "Die Regierung hat am Montag angekündigt, dass der Mindestlohn im nächsten Jahr steigen wird."
    french = "Le gouvernement a annoncé lundi que le salaire minimum augmenterait l'an prochain."
    assert guess_language(tokens(PARAGRAPHS[0] + " " + PARAGRAPHS[1])) == "English"
    assert guess_language(tokens(german)) == "German"
    assert guess_language(tokens(french)) == "French"
    assert guess_language(tokens("1 2 3")) is None


def test_language_codes_resolve():
    assert resolve_language("de") == "German"
    assert resolve_language("French") == "French"
    assert resolve_language("auto") is None


@pytest.mark.parametrize("code", ["th", "zh"])
def test_a_language_without_a_stoplist_is_refused_with_the_way_out(code):
    with pytest.raises(ValueError, match="no stoplist for .*use 'auto'"):
        resolve_language(code)


def test_teaser_box_between_standfirst_and_body_does_not_cut_the_article():
    standfirst = (
        "I wanted to learn why a beloved writer fell into obscurity after his death, "
        "and I did not expect that I would help to bring all of his books back to life."
    )
    teasers = ["More on Book Review", "The 50 Best Nonfiction Books", "A Memoir of the Dream House"]
    body = PARAGRAPHS * 3
    result = clean("\n".join([standfirst, *teasers, *body]))
    assert all(p in result.text for p in PARAGRAPHS)


MORE_PARAGRAPHS = [
    "The minister said the rise would be reviewed after a year, when its effect on jobs is known.",
    "Shop owners in the capital said they would pass part of the cost on to their customers.",
    "A spokesman for the employers' federation said the figure had been agreed after long talks.",
    "The new rate will apply from the first of January and covers workers over eighteen.",
    "Trade unions in neighbouring countries have asked their governments for similar increases.",
]


LAST_PARAGRAPHS = [
    "Economists at the central bank expect the change to add a little to inflation next year.",
    "The government also promised to simplify the rules for apprentices, who earn a lower rate.",
    "Business groups said they would study the details before deciding whether to challenge it.",
]


def test_related_box_between_paragraphs_does_not_cut_the_article():
    # A "Read more" box after a third of the article, and the rest below it.
    box = ["Read more", "Fuel prices climb for a third week", "Rail strike called off at last minute"]
    text = "\n".join([*PARAGRAPHS, *box, *MORE_PARAGRAPHS, *LAST_PARAGRAPHS])
    result = clean(text)
    assert all(p in result.text for p in PARAGRAPHS + MORE_PARAGRAPHS + LAST_PARAGRAPHS)
    assert "Read more" not in result.text
    assert any(r.rule == "related.heading" and r.text == "Read more" for r in result.removed)


def _clean_box_between_paragraphs(box: list[str]):
    """Clean a related box under a "Related stories" label amid an article's
    paragraphs, without the scorer (short lines between paragraphs then fall
    inside the region), and check the article around the box stays. (The
    paragraph right below the box goes on with the story, as it does in a
    real article: more of the article's prose lies below the box than above.)"""
    from cleaner import scorer

    below = [*STORY_GOES_ON, *MORE_PARAGRAPHS, *LAST_PARAGRAPHS]
    text = "\n".join([*PARAGRAPHS, "Related stories", *box, *below])
    with scorer.using(None):
        result = clean(text)
    assert all(p in result.text for p in PARAGRAPHS + below)
    return result


def test_teaser_headlines_under_a_related_label_go_with_it():
    # The teasers under the label must go all the same, and the article
    # below the box (its first line a paragraph) must stay.
    from cleaner.decide import RELATED_BOX

    teasers = ["Fuel prices climb for a third week", "Rail strike called off at the last minute..."]
    result = _clean_box_between_paragraphs(teasers)
    assert not any(teaser in result.text for teaser in teasers)
    assert {r.rule for r in result.removed if "Fuel prices" in r.text} == {RELATED_BOX}


def test_a_teaser_s_section_kicker_goes_with_the_box():
    from cleaner.decide import RELATED_BOX

    box = ["Energy", "Gas pipeline owner wins its court case against the state"]
    result = _clean_box_between_paragraphs(box)
    assert [r.text for r in result.removed if r.rule == RELATED_BOX] == ["\n".join(box)]


def test_a_related_box_above_the_article_stops_at_its_headline():
    # A "Trending" strip of short topics over the headline: the topics go,
    # the headline (the page title's head) is the article's title.
    trending = ["TRENDING:", "Donald Trump", "Impeachment", "deposition transcripts"]
    text = "\n".join([f"{HEADLINE} | Example News", "Home", *trending, HEADLINE, *PARAGRAPHS,
                      *MORE_PARAGRAPHS])
    result = clean(text)
    assert result.title == HEADLINE
    assert not any(topic in result.text for topic in trending)


def test_a_related_box_takes_at_most_its_cap_of_teasers():
    # Short teasers removed by the box must not open boxes of their own.
    from cleaner import scorer
    from cleaner.decide import RELATED_BOX, RELATED_BOX_MAX_ITEMS

    teasers = [f"Local team wins {n}" for n in range(RELATED_BOX_MAX_ITEMS + 3)]
    text = "\n".join([*PARAGRAPHS, "Related", *teasers, *STORY_GOES_ON, *MORE_PARAGRAPHS, *LAST_PARAGRAPHS])
    with scorer.using(None):
        result = clean(text)
    boxed = sum(r.line_end - r.line_start + 1 for r in result.removed if r.rule == RELATED_BOX)
    assert boxed == RELATED_BOX_MAX_ITEMS


def test_related_heading_after_most_of_the_article_ends_it():
    teaser = "Another story entirely: the central bank held rates steady on Thursday, as markets expected."
    text = "\n".join([*PARAGRAPHS, *MORE_PARAGRAPHS, "Read more", teaser])
    result = clean(text)
    assert teaser not in result.text and MORE_PARAGRAPHS[-1] in result.text


def test_the_story_resumes_below_a_box_that_opens_with_a_long_share_bar():
    # "Read more" late in the article, then the box's own furniture (icon
    # labels, share buttons: more lines than the lookahead holds), then the
    # story's last paragraphs: they go on with the story and stay.
    from cleaner.decide import RESUME_FURNITURE_MAX_WORDS, RESUME_LOOKAHEAD_LINES

    bar = ["Icon close", "Back", "Share", "Facebook", "Twitter", "Whatsapp", "E-mail", "Copy link", "Icon close"]
    assert len(bar) > RESUME_LOOKAHEAD_LINES and all(len(b.split()) <= RESUME_FURNITURE_MAX_WORDS for b in bar)
    last = [
        "The minimum wage rise was first promised by the government before the last election campaign.",
        "Unions complained that ministers had waited too long and that the rise did not match soaring prices.",
        "The minister said the wage rise would be reviewed next year with unions, employers and small firms.",
        "Shop owners in the capital expect customers to pay part of the cost through higher prices.",
    ]
    text = "\n".join([*PARAGRAPHS, *MORE_PARAGRAPHS, "Read more", *bar, *last])
    result = clean(text)
    assert all(p in result.text for p in last)
    assert "Read more" not in result.text


def test_a_thread_of_dated_comment_headers_ends_the_article():
    comments = []
    for name, hour in (("jdoe", 9), ("Anna K.", 10), ("lonespeed", 11)):
        comments += [f"{name} says:", f"November 19, 2019 at {hour}:34 am",
                     "I think the minimum wage should have gone up much further than this, to be honest."]
    text = "\n".join(["Minimum wage to rise", *PARAGRAPHS, *comments])
    result = clean(text)
    assert all(p in result.text for p in PARAGRAPHS)
    assert "minimum wage should have gone up" not in result.text
    assert any(r.rule == "heuristic:comment-thread" and r.category == "comments" for r in result.removed)


def test_quotes_introduced_with_said_are_not_a_comment_thread():
    quoted = []
    for speaker in ("The minister said:", "The union leader said:", "A shop owner said:"):
        quoted += [speaker, "We have waited for this decision for a long time and we welcome it today."]
    text = "\n".join([*PARAGRAPHS, *quoted, *MORE_PARAGRAPHS])
    result = clean(text)
    assert all(p in result.text for p in MORE_PARAGRAPHS)
    assert not any(r.rule == "heuristic:comment-thread" for r in result.removed)


def test_the_learned_scorer_is_shipped_with_its_cross_validated_figures():
    from cleaner import scorer

    model = scorer.active_model()
    assert model is not None, "cleaner/linescorer.json is missing or does not fit scorer.py"
    assert model.info["cross_validation"]["by"] == "document"


def test_scorer_removals_name_the_model_and_its_probability():
    menu = ["Home", "World", "Business", "Sport", "Weather"] * 3
    text = "\n".join([*menu, "Minimum wage to rise", *PARAGRAPHS, *menu])
    removals = [r for r in clean(text).removed if r.rule == "model:linescorer"]
    assert removals and all(0.0 <= r.score < 1.0 for r in removals)
    assert "score" not in removals[0].as_dict()  # the JSON report keeps its keys


def test_a_list_introduced_by_a_colon_is_marked_up_to_the_next_prose():
    from cleaner import scorer

    def view(text: str, prose: float) -> scorer.LineView:
        own = tuple(float(text.endswith(":")) if name == "ends_colon" else 0.0
                    for name in scorer.OWN_FEATURES)
        return scorer.LineView(own, prose, len(text.split()), False, True, False, frozenset())

    lines = [view(PARAGRAPHS[0], 1.5), view("The tour dates:", -0.4), view("June 9 -- Tampa, FL", -1.0),
             view("June 10 -- Nashville, TN", -1.0), view(PARAGRAPHS[1], 1.5), view("Home", -0.4)]
    assert scorer._colon_lists(lines) == [False, False, True, True, False, False]


STORY_GOES_ON = [
    "The minister said the higher minimum wage would reach about two million workers in shops and care homes.",
    "Unions said the minimum wage rise still left care workers behind the prices of food and energy this winter.",
    "The minister promised that the wage commission would review the minimum again before next spring.",
]
OTHER_STORIES = [
    "Astronomers have found a comet that will pass close enough to be seen with the naked eye in March.",
    "A museum in the capital has reopened its dinosaur hall after a restoration that lasted three years.",
]


def test_related_box_is_not_the_end_when_the_story_goes_on_below_it():
    # Most of the article is above the box, so the heading alone would end it;
    # the paragraphs below it go on with the same story (minimum wage, unions).
    box = ["Related", "Fuel prices climb for a third week", "Rail strike called off at last minute"]
    text = "\n".join(["Minimum wage to rise", *PARAGRAPHS, *MORE_PARAGRAPHS, *box, *STORY_GOES_ON])
    result = clean(text)
    assert all(p in result.text for p in PARAGRAPHS + MORE_PARAGRAPHS + STORY_GOES_ON)
    assert any(r.rule == "related.heading" and r.text == "Related" for r in result.removed)


# Teasers of other stories from the same section: each headline over a
# one-sentence summary, which shares common words with the article by chance.
TEASERS_WITH_SUMMARIES = [
    "Apprentice pay rules to be reviewed",
    "The ministry said that the rules for apprentices in small firms would be reviewed in the spring.",
    "Care homes warn of staff shortages",
    "Care home owners said that many workers had left for better paid jobs in shops and warehouses.",
    "Energy bills to fall in April",
    "The regulator said that prices would fall for most households after a winter of record bills.",
]


@pytest.mark.parametrize("heading, teasers", [("Related", OTHER_STORIES), ("More news", TEASERS_WITH_SUMMARIES)])
def test_related_heading_over_other_stories_still_ends_the_article(heading, teasers):
    text = "\n".join(["Minimum wage to rise", *PARAGRAPHS, *MORE_PARAGRAPHS, heading, *teasers])
    result = clean(text)
    assert all(p in result.text for p in PARAGRAPHS + MORE_PARAGRAPHS)
    assert not any(teaser in result.text for teaser in teasers)
    tail = [r for r in result.removed if r.rule == "related.heading"]
    assert tail and tail[0].text.startswith(heading) and tail[0].text.endswith(teasers[-1])


# An endless-scroll page prints whole other stories under "You may like":
# more prose than the article, on other subjects.
NEXT_STORIES = [
    "Comet to be seen with the naked eye in March",
    "Astronomers have found a comet that will pass close enough to be seen with the naked eye in March.",
    "The comet was first spotted by a telescope in the southern desert during a routine survey of the sky.",
    "Its tail already stretches across several degrees, and observers expect it to brighten in the coming weeks.",
    "Viewers far from city lights will see it best in the hour after sunset, low above the western horizon.",
    "Binoculars will show the green glow of its head, which comes from gas boiled off the ice by sunlight.",
    "The last comet as bright as this one passed by more than a decade ago and was watched by millions.",
    "Dinosaur hall reopens after three years",
    "A museum in the capital has reopened its dinosaur hall after a restoration that lasted three years.",
    "Visitors queued around the block on Saturday to see the skeletons, which now stand in lifelike poses.",
    "Curators cleaned every bone by hand and replaced the old iron frames with light steel supports.",
    "A new gallery explains how feathers were found on fossils dug up in the quarries of the far north.",
    "Schools can book guided tours from next month, and entry to the hall remains free for children.",
    "The museum expects a million visitors this year, twice as many as before the hall was closed.",
]


def test_whole_other_stories_under_a_related_heading_go_with_it():
    # The stories below hold more prose than the article, and none of their
    # paragraphs goes on with it: the heading ends the article.
    text = "\n".join(["Minimum wage to rise", *PARAGRAPHS, *MORE_PARAGRAPHS, "You may like", *NEXT_STORIES])
    result = clean(text)
    assert all(p in result.text for p in PARAGRAPHS + MORE_PARAGRAPHS)
    assert not any(line in result.text for line in NEXT_STORIES)
    tail = [r for r in result.removed if r.rule == "related.heading"]
    assert tail and tail[0].text.startswith("You may like") and tail[0].text.endswith(NEXT_STORIES[-1])


def test_a_long_box_does_not_end_the_article_when_the_story_goes_on_further_down():
    # More prose below the box than above it, and more teasers than the
    # lookahead right under the heading sees; the story goes on after them.
    teasers = [f"{story} in the latest edition of the weekly" for story in (
        "Fuel prices climb", "Rail strike called off", "Bank holds rates", "Harbour bridge reopens",
        "Storm warning for the coast", "Tennis final postponed", "Bird flu found on farm", "Ferry fares rise")]
    body_below = [*STORY_GOES_ON, *MORE_PARAGRAPHS, *LAST_PARAGRAPHS]
    text = "\n".join(["Minimum wage to rise", *PARAGRAPHS, "Related", *teasers, *body_below])
    result = clean(text)
    assert all(p in result.text for p in PARAGRAPHS + body_below)
    # The same when an advertisement's label stands between every two paragraphs.
    with_ads = [line for paragraph in body_below for line in (paragraph, "Advertisement")]
    text = "\n".join(["Minimum wage to rise", *PARAGRAPHS, "Related", *teasers, *with_ads])
    result = clean(text)
    assert all(p in result.text for p in PARAGRAPHS + body_below)


GIFT_LIST = [
    line
    for number, gift in enumerate(
        ["Lego Star Wars bomber", "Electric race track", "Blade Runner box set", "Ghostbusters collection",
         "Indiana Jones collection", "Magnum P.I. complete series", "Portable electronic drum kit",
         "DeLorean model, 1:24 scale", "Goonies doormat", "The Wall on DVD", "Thriller on vinyl",
         "Swiss army knife", "Polaroid 600 camera", "Taboo board game"], start=1)
    for line in (f"{number}) {gift}", f"http://shop.example/item{number}")
]


def test_a_numbered_list_the_article_starts_is_kept_to_its_last_item():
    intro = [*PARAGRAPHS, "Here are this year's deals for fans of the eighties, from toys to films:"]
    footer = ["Leave a comment", "Search", "Home", "About", "Contact"]
    text = "\n".join(["Fourteen gifts for nostalgic fans", *intro, *GIFT_LIST, *footer])
    result = clean(text)
    assert all(item in result.text.splitlines() for item in GIFT_LIST[::2])
    assert "Search" not in result.text.splitlines()


def test_a_new_list_that_starts_again_at_one_does_not_continue_the_article():
    from cleaner.decide import ENUMERATION_ITEM

    assert ENUMERATION_ITEM.match("10) Modellino della DeLorean")
    assert ENUMERATION_ITEM.match("3a etapa: 22 de abril")
    assert ENUMERATION_ITEM.match("7. The seventh thing")
    assert not ENUMERATION_ITEM.match("2019 was a good year")
    most_read = ["Most read", "1. Comet to pass close to Earth", "2. Museum reopens dinosaur hall"]
    text = "\n".join([*PARAGRAPHS, "The three steps:", "1) Apply", "2) Wait", *most_read])
    assert "Comet to pass" not in clean(text).text


def test_names_over_times_ago_over_sentences_are_a_comment_thread():
    comments = []
    for name, minutes in (("Nick A", 47), ("fmcshan", 50), ("tjedora", 51)):
        comments += [name, f"2 days ago at 07:{minutes} am",
                     "I think the minimum wage should have gone up much further than this, to be honest.",
                     "Rating: 12 Votes"]
    text = "\n".join(["Minimum wage to rise", *PARAGRAPHS[:2], *comments])
    result = clean(text)
    assert all(p in result.text for p in PARAGRAPHS[:2])
    assert "minimum wage should have gone up" not in result.text
    assert any(r.rule == "heuristic:comment-thread" for r in result.removed)


def test_section_labels_over_ages_over_headlines_are_no_comment_thread():
    teasers = []
    for section, headline in (("World", "Comet to pass close to Earth in March"),
                              ("Science", "Museum reopens its dinosaur hall"),
                              ("Business", "Fuel prices climb for a third week")):
        teasers += [section, "3 hours ago", headline]
    # A "latest news" box between the first paragraph and the rest.
    text = "\n".join(["Minimum wage to rise", PARAGRAPHS[0], *teasers, *PARAGRAPHS[1:], *MORE_PARAGRAPHS])
    result = clean(text)
    assert all(p in result.text for p in PARAGRAPHS[1:] + MORE_PARAGRAPHS)
    assert not any(r.rule == "heuristic:comment-thread" for r in result.removed)


TOUR = ["June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL", "June 10 -- Credit Union Amphitheatre, Tampa, FL",
        "June 14 -- Bank Amphitheatre, Alpharetta, GA", "June 17 -- Bridgestone Arena, Nashville, TN",
        "July 2 -- Mohegan Sun Arena, Uncasville, CT", "July 19 -- Budweiser Stage, Toronto, ON",
        "August 2 -- Energy Music Theatre, Clarkston, MI", "October 10 -- Woods Pavilion, Houston, TX"]


def test_a_schedule_the_article_introduces_is_kept_to_its_last_date():
    text = "\n".join(["Band announces anniversary tour", *PARAGRAPHS, "The tour dates:", *TOUR,
                      "Privacy Policy", "Terms of Use"])
    result = clean(text).text.splitlines()
    assert all(date in result for date in TOUR)
    assert "Privacy Policy" not in result


class _LongLinesModel:
    """A scorer sure of long lines and doubtful of every short one."""

    def probabilities(self, rows, rule_hits):
        from cleaner import scorer

        words = scorer.feature_names().index("log_words")
        return [0.95 if row[words] > 2.5 else 0.2 for row in rows]


def test_a_schedule_under_its_own_heading_after_the_article_is_kept():
    from cleaner import scorer

    text = "\n".join(["Band announces anniversary tour", *PARAGRAPHS, "The Band's Tour Dates", *TOUR,
                      "Privacy Policy", "Terms of Use"])
    with scorer.using(_LongLinesModel()):
        result = clean(text).text.splitlines()
    assert "The Band's Tour Dates" in result
    assert all(date in result for date in TOUR)
    assert "Privacy Policy" not in result


def test_a_numbered_list_under_a_heading_after_the_article_is_not_taken():
    from cleaner import scorer

    most_read = ["Most Popular Stories", "1) Comet to pass close to Earth", "2) Museum reopens dinosaur hall",
                 "3) Fuel prices climb for a third week", "4) Rail strike called off", "5) City opens new park"]
    with scorer.using(_LongLinesModel()):
        result = clean("\n".join(["Band announces anniversary tour", *PARAGRAPHS, *most_read])).text
    assert PARAGRAPHS[-1] in result
    assert "Most Popular Stories" not in result
    assert "Rail strike" not in result


def test_news_listed_newest_first_does_not_continue_a_schedule():
    from cleaner.annotate import LineEvidence
    from cleaner.decide import _continues, _item_key
    from cleaner.document import segment
    from cleaner.features import LineFeatures

    def key(text: str):
        return _item_key(LineEvidence(segment(text)[0], LineFeatures(1, 0, False, 0.0, 0.0, 1)))

    assert key("June 9 -- Tampa, FL") == ("date", 6, 9)
    assert key("9 de junho - Curitiba") == ("date", 6, 9)
    assert key("3) The third") == ("number", 3)
    assert key("Q: Favorite apps?") == ("interview", 0)
    assert _continues(key("Q: Favorite apps?"), key("A: Maps and mail"))
    assert not _continues(key("A: Maps"), key("A: Mail"))
    assert key("Maybe next year") is None
    assert _continues(key("June 9 -- Tampa"), key("July 2 -- Toronto"))
    assert not _continues(key("Nov. 19, 2019: Markets fall"), key("Nov. 18, 2019: Markets rise"))
    assert not _continues(key("2) Second"), key("June 10 -- Tampa"))


class _MenuLovingModel:
    """A scorer that rejects every line but the one-word ones."""

    def probabilities(self, rows, rule_hits):
        from cleaner import scorer

        words = scorer.feature_names().index("log_words")
        return [0.9 if row[words] < 1.0 else 0.05 for row in rows]


def test_when_the_scorer_keeps_no_prose_the_prior_stands():
    from cleaner import scorer

    text = "\n".join(["Kaleidoscope", PARAGRAPHS[0], "Comments"])
    with scorer.using(_MenuLovingModel()):
        result = clean(text)
    assert PARAGRAPHS[0] in result.text
    assert "Kaleidoscope" not in result.text.splitlines()


class _ShortLineModel:
    """A scorer that keeps the short lines and rejects the long ones."""

    def probabilities(self, rows, rule_hits):
        from cleaner import scorer

        words = scorer.feature_names().index("log_words")
        return [0.9 if row[words] < 2.0 else 0.05 for row in rows]


def test_when_the_scorer_keeps_a_list_and_no_prose_the_list_stands():
    # A season's calendar is the article; the prose is a sidebar teaser.
    # The scorer keeps the list; the prior, which wants prose, would keep
    # the teaser instead.
    from cleaner import scorer

    calendar = [f"{n}a etapa: {day} de março – Interlagos" for n, day in enumerate(range(3, 24, 3), 1)]
    teaser = ("Our columnist looks back at a season that nobody who follows the sport "
              "will forget, and at what it meant for the drivers who fought for the title.")
    with scorer.using(_ShortLineModel()):
        result = clean("\n".join(["Calendário 2018", *calendar, teaser]))
    assert all(row in result.text for row in calendar)
    assert teaser not in result.text


def test_an_interview_goes_on_while_questions_and_answers_take_turns():
    turns = [
        "Q: What is the one thing you have learned in your past roles that you will bring to this one?",
        "A: That the people who use our work every day know better than anyone what it should do next.",
    ]
    for question, answer in (("Where did you grow up?", "On an island."), ("Favorite apps?", "Maps and mail"),
                             ("Favorite books?", "Two on history"), ("Favorite athlete?", "A tennis player"),
                             ("Hobbies?", "Reading and travel"), ("Favorite city?", "Lisbon")):
        turns += [f"Q: {question}", f"A: {answer}"]
    footer = ["« Previous Post Next Post »", "Categories:", "How To", "Opinions", "Press", "Research"]
    text = "\n".join(["Meet our new president", *PARAGRAPHS, "Ok, now for a little fun.", *turns, *footer])
    result = clean(text).text.splitlines()
    assert all(turn in result for turn in turns)
    assert "Opinions" not in result


def test_a_block_of_title_case_teasers_is_measured_as_such():
    from cleaner import scorer

    lead = scorer.OWN_FEATURES.index("capitalised_lead")
    column = scorer.feature_names().index("block_teaser_leads")

    def view(leading_capitals: int) -> scorer.LineView:
        own = tuple(float(leading_capitals) if k == lead else 0.0 for k in range(len(scorer.OWN_FEATURES)))
        return scorer.LineView(own, 0.0, 20, False, True, False, frozenset())

    teasers = [view(6)] * (scorer.BLOCK_RADIUS + 4)
    prose = [view(1)] * (scorer.BLOCK_RADIUS + 4)
    rows = scorer.feature_rows(teasers + prose)
    assert rows[0][column] == 1.0  # a teaser among teasers
    assert rows[-1][column] == 0.0  # prose among prose
    assert 0.0 < rows[len(teasers)][column] < 1.0  # prose next to the teasers


class _HeadlineAndProseModel:
    """A scorer sure of the page's headline and of long lines, and of nothing else."""

    def probabilities(self, rows, rule_hits):
        from cleaner import scorer

        names = scorer.feature_names()
        words, headline = names.index("log_words"), names.index("is_headline")
        return [0.95 if row[headline] or row[words] > 2.5 else 0.05 for row in rows]


def test_a_region_that_opens_with_the_page_headline_takes_it_as_its_title():
    from cleaner import scorer

    headline = "Minimum wage to rise by five percent next year"
    text = "\n".join([f"{headline} | Example News", "Home", "World", "Business and economy news",
                      headline, *PARAGRAPHS, *MORE_PARAGRAPHS, "Contact us"])
    with scorer.using(_HeadlineAndProseModel()):
        result = clean(text)
    assert result.title == headline
    assert "Business and economy news" not in result.text


HEADLINE = "Minimum wage to rise by five percent next year"
BYLINE = ["Jane Doe and John Roe", "Economy correspondent"]


def test_the_line_that_repeats_the_page_title_is_the_title_across_a_byline():
    # The dump opens with the page's <title>; the article's headline repeats
    # it, and a byline and a share bar stand between it and the body. The
    # byline is headline-shaped and nearer, but the headline is the title.
    text = "\n".join([f"{HEADLINE} | Example News", "Home", "World", "Business", HEADLINE, *BYLINE,
                      "Share this article", *PARAGRAPHS, *MORE_PARAGRAPHS, "Contact us"])
    result = clean(text)
    assert result.title == HEADLINE
    assert not any(line in result.text for line in BYLINE)
    assert clean(result.text).text == result.text


def test_a_line_that_only_names_the_site_is_not_the_headline():
    # The site's name is part of the page title, and a newsletter box under
    # the article prints it again: all its words are the title's, and it is
    # the last such line, but the headline is the copy above the body.
    from cleaner import scorer

    lines = [f"{HEADLINE} | The Example Daily Times", "Home", HEADLINE, *PARAGRAPHS,
             "The Example Daily Times", "Daily edition free to your inbox"]
    evidence = _evidence(lines)
    n = len(evidence)
    views = [view for _, view in scorer.views(evidence, [0.0] * n, [True] * n, [False] * n)]
    overlap = [scorer._overlap(view, views[0]) for view in views]
    assert overlap[-2] == 1.0
    assert scorer._find_headline(views, overlap) == 2


def test_a_dump_that_opens_with_its_headline_takes_it_over_the_byline_below():
    # No line repeats the first one: the first line is the headline itself,
    # as in newsclean's own output, which must clean to itself.
    result = clean("\n".join([HEADLINE, *BYLINE, *PARAGRAPHS, *MORE_PARAGRAPHS]))
    assert result.title == HEADLINE
    assert not any(line in result.text for line in BYLINE)
    assert clean(result.text).text == result.text


def test_a_headline_printed_again_is_the_title_in_its_first_copy():
    # The copy over a gallery was removed as a duplicate; the headline the
    # scorer found is that copy, and the title is the first one.
    from cleaner import decide

    lines = [f"{HEADLINE} | Example News", HEADLINE, *BYLINE, "Image 1 of 5", HEADLINE, *PARAGRAPHS]
    evidence = _evidence(lines)
    verdicts = [decide.Verdict() for _ in evidence]
    verdicts[5].rule = decide.DUPLICATE_LINE
    assert decide._title_line(evidence, verdicts, start=6, headline=5) == 1


def test_a_standfirst_that_repeats_the_title_points_to_the_headline_above_it():
    # The scorer's headline is the standfirst, the title as a sentence; it
    # has no copy, and a promotion stands nearest the body. The page title's
    # head just above the standfirst is the title.
    from cleaner import decide

    share_bar = ["Facebook", "Twitter", "Pinterest", "WhatsApp", "E-mail"]
    lines = [f"{HEADLINE} | Example News", "Home", HEADLINE, *BYLINE, f"{HEADLINE}.", "Getty Images",
             *share_bar, "Win a spa weekend for two in the Alps this winter", *PARAGRAPHS]
    evidence = _evidence(lines)
    verdicts = [decide.Verdict() for _ in evidence]
    assert decide._title_line(evidence, verdicts, start=13, headline=5) == 2


def test_the_page_title_head_printed_again_below_the_body_points_to_the_copy_above_it():
    # The scorer's headline is the last copy of the page title's head: here
    # one in a share box under the body. Its copy over the byline and a long
    # share bar is the title, further up than the nearest-line search looks.
    from cleaner import decide

    share_bar = ["Share", "Tweet", "Print", "Email", "Correct this"]
    lines = [f"{HEADLINE} | Example News", "Home", HEADLINE, *BYLINE, *share_bar, *PARAGRAPHS,
             "Share this story", HEADLINE]
    evidence = _evidence(lines)
    verdicts = [decide.Verdict() for _ in evidence]
    start, bottom = lines.index(PARAGRAPHS[0]), len(lines) - 1
    assert decide._title_line(evidence, verdicts, start=start, headline=bottom) == 2
    # A line below the body that is not the page title's head points nowhere.
    lines[-1] = lines[2] = "Example News"
    evidence = _evidence(lines)
    assert decide._title_line(evidence, verdicts, start=start, headline=bottom) != 2


def test_a_short_label_nearest_the_body_is_passed_over_for_the_headline_above_it():
    # No line repeats a <title> and the dump's first line is a menu: the
    # nearest line of two words above the body is a label, not the title.
    menu = ["Home", "World", "Business", "Sport", "Weather", "Opinion", "Video"]
    text = "\n".join([*menu, HEADLINE, "Key Points", *PARAGRAPHS, *MORE_PARAGRAPHS])
    result = clean(text)
    assert result.title == HEADLINE
    assert "Key Points" not in result.text.splitlines()


def test_a_short_story_under_a_title_printed_first_keeps_its_lede_and_title():
    # A brief of two paragraphs on a page that prints its <title> first, then
    # the menu, then the headline again over the body. The second copy goes
    # as a duplicate, yet it still marks where the body begins: the lede
    # right below it is the article's, and the first copy is the title.
    lede, second = PARAGRAPHS[:2]
    text = f"{HEADLINE}\nHome\nNews\nSport\nBusiness\n{HEADLINE}\n{lede}\n{second}\nContact\nPrivacy\n© 2024 Example News"
    result = clean(text)
    assert result.title == HEADLINE
    assert result.text == f"{HEADLINE}\n{lede}\n{second}\n"
    assert clean(result.text).text == result.text


LONGER_ARTICLE = [
    *PARAGRAPHS,
    "The ministry expects the change to reach about two million workers, most of them in shops and hotels.",
    "A commission of employers and unions will review the wage again in two years, the minister told reporters.",
]


def test_the_article_printed_again_as_one_block_goes_and_its_paragraphs_stay():
    copy = " ".join(LONGER_ARTICLE)
    text = "\n".join(["Minimum wage to rise", *LONGER_ARTICLE, copy, "Home", "Contact us"])
    result = clean(text)
    assert all(result.text.count(paragraph) == 1 for paragraph in LONGER_ARTICLE)
    assert copy not in result.text
    removed = [r for r in result.removed if r.rule == "heuristic:joined-copy"]
    assert [r.text.strip() for r in removed] == [copy] and removed[0].category == "duplicate"


def test_a_long_paragraph_that_retells_some_paragraphs_stays():
    # Three paragraphs inside it, but most of its words are its own: no copy.
    own_words = (
        "Yet the same arguments were heard ten years ago, when the last large rise was decided, and"
        " back then the feared wave of closures never came; most firms raised their prices a little,"
        " hired fewer students over the summer and kept their staff, as a study by the central bank"
        " later showed in some detail for every region of the country."
    )
    retelling = " ".join([*PARAGRAPHS[:3], own_words])
    text = "\n".join(["Minimum wage to rise", *LONGER_ARTICLE, retelling])
    result = clean(text)
    assert retelling in result.text
    assert not [r for r in result.removed if r.rule == "heuristic:joined-copy"]


def _evidence(lines: list[str]) -> list:
    """The annotated lines of an English dump of ``lines``."""
    from cleaner.annotate import annotate_lines
    from cleaner.document import segment
    from cleaner.language import stopwords
    from cleaner.pipeline import get_rules

    return annotate_lines(segment("\n".join(lines)), get_rules(), stopwords("English"), "English").lines


def _region_kept(lines: list[str], scores: list[float], headline: int | None = None) -> list[str]:
    """The body lines (not the title) the region keeps when each line weighs
    what ``scores`` says; ``headline``: the line the scorer found repeating the page title."""
    from cleaner import decide
    from cleaner.language import stopwords

    evidence = _evidence(lines)
    verdicts = [decide.Verdict() for _ in evidence]
    decide._settle_region(evidence, verdicts, list(range(len(evidence))), scores, headline, stopwords("English"))
    return [item.line.text for item, verdict in zip(evidence, verdicts) if verdict.keep and not verdict.title]


def test_the_region_takes_the_first_rows_of_the_numbered_list_it_opens_with():
    # The model reads a table's first rows with little context above them and
    # can weigh them below the cut; their numbers say they begin the list.
    rows = [f"{n} Driver Number{n} {5000 - 40 * n} {n % 4} {n % 3}" for n in range(1, 9)]
    kept = _region_kept(["Standings", *rows], [-1.0, -0.5, -0.5, *[1.0] * 6])
    assert kept == rows


def test_only_the_item_before_the_regions_first_number_joins_it():
    rows = ["4 Driver Four 4840", "5 Driver Five 4800", "6 Driver Six 4760"]
    teasers = ["1. Comet to pass close to Earth", "2. Museum reopens its dinosaur hall"]
    assert _region_kept([*teasers, *rows], [-0.5, -0.5, 1.0, 1.0, 1.0]) == rows
    dated = ["June 3 - Tampa", "5 Driver Five 4800", "6 Driver Six 4760"]
    assert _region_kept(dated, [-0.5, 1.0, 1.0]) == dated[1:]


TEASERS_OVER_THE_ARTICLE = [
    "Five Cider Mills Worth The Drive This Fall Apple season has arrived, and the orchards are open for picking.",
    "Say Cheese: The Best Cheese Shops In Town Our critics tasted their way through every counter in the city.",
    "Stadium Guide For Football Fans Everything you need to know about parking, food and seats before kickoff.",
]


def test_teasers_above_the_headline_inside_the_region_are_left_out():
    # The region runs from the teasers over the menu-free gap to the body; the
    # headline between them opens the article, and the teasers share none of its words.
    lines = [f"{HEADLINE} | Example News", *TEASERS_OVER_THE_ARTICLE, "More", HEADLINE, *PARAGRAPHS]
    kept = _region_kept(lines, [-1.0] + [1.0] * (len(lines) - 1), headline=len(TEASERS_OVER_THE_ARTICLE) + 2)
    assert kept == PARAGRAPHS
    # The scorer's headline may be the copy in a list of stories under the body.
    lines.extend(["Latest stories", HEADLINE])
    kept = _region_kept(lines, [-1.0] + [1.0] * (len(lines) - 3) + [-1.0] * 2, headline=len(lines) - 1)
    assert kept == PARAGRAPHS
    # Without the page title's headline, the region stands.
    assert _region_kept(lines, [-1.0] + [1.0] * (len(lines) - 3) + [-1.0] * 2)[:3] == TEASERS_OVER_THE_ARTICLE


def test_the_headline_printed_again_in_a_share_box_under_the_body_does_not_cut_it():
    # The scorer's headline is the last copy; the one over the body is the
    # first, at the region's top, and the author's note below the share box
    # (other words than the story's) does not make the story a teaser list.
    bio = ("Jane Doe covers labour markets and social policy from the capital, and has reported on elections, "
           "strikes and trade talks across the region for a decade. She previously worked for a financial "
           "weekly and a radio station in the north.")
    lines = [f"{HEADLINE} | Example News", HEADLINE, *PARAGRAPHS, *MORE_PARAGRAPHS, "Share this story", HEADLINE, bio]
    kept = _region_kept(lines, [-1.0] + [1.0] * (len(lines) - 1), headline=len(lines) - 2)
    assert all(paragraph in kept for paragraph in PARAGRAPHS + MORE_PARAGRAPHS)


def test_the_headline_printed_again_inside_the_story_does_not_cut_it():
    # A gallery inside the article prints the headline again; the prose above
    # it is the story's own, and shares its words with the paragraphs below.
    lines = [f"{HEADLINE} | Example News", *PARAGRAPHS, HEADLINE, *LONGER_ARTICLE[4:], *MORE_PARAGRAPHS]
    kept = _region_kept(lines, [-1.0] + [1.0] * (len(lines) - 1), headline=len(PARAGRAPHS) + 1)
    assert [line for line in lines[1:] if line != HEADLINE] == [line for line in kept if line != HEADLINE]


def _timed_feed_lines(text: str) -> list[str]:
    return [line for r in clean(text).removed if r.rule == "heuristic:timed-feed"
            for line in r.text.splitlines()]


def test_headlines_after_clock_times_going_back_are_a_feed():
    feed = ["14:48 Storm warning issued for the coast", "14:34 Markets rally as inflation cools",
            "14:32 United win at Chelsea", "14:08 Rail strike called off at the last minute"]
    text = "\n".join(["Minimum wage to rise", *PARAGRAPHS[:2], *feed, *PARAGRAPHS[2:]])
    result = clean(text)
    assert _timed_feed_lines(text) == feed
    assert all(p in result.text for p in PARAGRAPHS)
    assert {r.category for r in result.removed if r.rule == "heuristic:timed-feed"} == {"ticker"}


def test_headlines_under_clock_times_going_back_are_a_feed():
    feed = ["14:48", "Storm warning issued for the coast", "14:34", "Markets rally as inflation cools",
            "14:32", "United win at Chelsea"]
    text = "\n".join(["Minimum wage to rise", *PARAGRAPHS, *feed])
    result = clean(text)
    # The bare times are a rule's already; the headlines are the feed's.
    assert _timed_feed_lines(text) == feed[1::2]
    assert not set(feed) & set(result.text.splitlines())
    assert all(p in result.text for p in PARAGRAPHS)


def test_timed_lines_going_forward_or_written_as_sentences_are_no_feed():
    schedule = ["09:00 Registration and coffee", "10:30 Opening address by the mayor",
                "12:00 Lunch in the main hall"]
    live_blog = ["14:48 The minister has arrived at the summit.", "14:34 Protesters gathered outside.",
                 "14:02 Talks are due to start within the hour."]
    two_items = ["14:48 Storm warning issued for the coast", "14:34 Markets rally as inflation cools"]
    # A live blog's entries: a time over each paragraph.
    timed_paragraphs = [line for time, paragraph in zip(["14:48", "14:34", "14:02"], PARAGRAPHS)
                        for line in (time, paragraph)]
    for lines in (schedule, live_blog, two_items, timed_paragraphs):
        text = "\n".join(["Minimum wage to rise", *PARAGRAPHS[:2], *lines, *PARAGRAPHS[2:]])
        assert _timed_feed_lines(text) == []


def test_a_two_word_headline_that_heads_the_page_title_is_the_title():
    footer = ["Share", "Home", "About", "Contact"]
    text = "\n".join(["Night shift | The Example Times", "Home", "News", "Sport", "Night shift",
                      *PARAGRAPHS, *MORE_PARAGRAPHS, *footer])
    assert clean(text).title == "Night shift"


def test_a_two_word_label_over_the_body_is_no_title():
    # Two words just above the body, not the page title's head: a label.
    text = "\n".join(["Minimum wage to rise next year | The Example Times", "Home", "News", "Sport",
                      "Key Points", *PARAGRAPHS, *MORE_PARAGRAPHS, "Share", "Home", "About"])
    assert clean(text).title != "Key Points"


def test_a_tag_heading_after_the_article_ends_it_with_its_tags():
    tags = ["Tagged:", "minimum wage", "unions", "economy"]
    text = "\n".join(["Minimum wage to rise", *PARAGRAPHS, *MORE_PARAGRAPHS, *tags, "Share", "Home"])
    result = clean(text)
    assert all(p in result.text for p in PARAGRAPHS + MORE_PARAGRAPHS)
    assert not set(tags) & set(result.text.splitlines())
    tail = [r for r in result.removed if r.rule == "social.hashtags-heading"]
    assert tail and tail[0].text.startswith("Tagged:\nminimum wage")


def _kept_after_drop(lines: list[str], scores: list[float]) -> list[str]:
    """The lines still kept when every line was kept by the region and the
    model gave it the score in ``scores``: the model's outright rejections go."""
    from cleaner import decide

    evidence = _evidence(lines)
    verdicts = [decide.Verdict(keep=True, score=score) for score in scores]
    decide._drop_rejected(evidence, verdicts, list(range(len(evidence))))
    return [item.line.text for item, verdict in zip(evidence, verdicts) if verdict.keep]


def test_a_rejected_item_of_a_list_without_bullets_stays_with_its_neighbours():
    items = ["Take time for dreams", "Stay active", "Be the centre of the world", "Listen to your heart"]
    lines = [PARAGRAPHS[0], *items, PARAGRAPHS[1]]
    assert _kept_after_drop(lines, [0.9, 0.3, 0.3, 0.05, 0.3, 0.9]) == lines


def test_a_rejected_line_between_paragraphs_still_goes():
    caption = "The author at home in Kyoto"
    lines = [PARAGRAPHS[0], caption, PARAGRAPHS[1]]
    assert _kept_after_drop(lines, [0.9, 0.05, 0.9]) == [lines[0], lines[2]]


def test_a_rejected_short_line_next_to_a_rejected_one_goes():
    # Two menu entries the model rejects are not each other's list.
    lines = [PARAGRAPHS[0], "Home", "Sign in", "Stay active", PARAGRAPHS[1]]
    assert _kept_after_drop(lines, [0.9, 0.05, 0.05, 0.3, 0.9]) == [lines[0], lines[3], lines[4]]
