"""Language guessing and non-English dumps: the stoplist of the page's own
language is used, never English by default."""

from cleaner.features import tokens
from cleaner.language import guess_language

ENGLISH_SHARE_BUTTONS = "\n".join(
    f"Click to share on {network} (Opens in new window)"
    for network in ("Facebook", "Reddit", "Twitter", "LinkedIn", "Pinterest", "Tumblr")
)


def test_long_stoplists_holding_english_words_do_not_win_on_english():
    # Some jusText stoplists (Telugu, Finnish, Korean) hold English function
    # words and names; a hit in them is weak evidence.
    assert guess_language(tokens(ENGLISH_SHARE_BUTTONS)) == "English"
    roundup = "Elliott scored twice as Viera beat Rockledge 3-1 in the high school final on Friday night."
    assert guess_language(tokens(roundup)) == "English"


def test_language_without_a_stoplist_is_not_guessed():
    japanese = (
        "Kindle for PCをCtrl＋Alt＋Kのショートカットキーで立ち上がらなくする方法 "
        "Windows 10 で Kindle for PC を使っていると、ショートカットキーが他のソフトと衝突することがある。"
    )
    assert guess_language(tokens(japanese)) is None
