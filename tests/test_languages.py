"""Language guessing and non-English dumps: the stoplist of the page's own
language is used, never English by default."""

import pytest

from cleaner import clean
from cleaner.features import measure_line, tokens
from cleaner.language import guess_language, stopwords

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
    # Thai has no stoplist; Chinese neither (see language.CHARACTER_STOPLISTS),
    # and the English words on a Chinese page do not make it English.
    thai = "คณะรัฐมนตรีมีมติอนุมัติมาตรการช่วยเหลือเกษตรกรผู้ปลูกข้าว โดยจะจ่ายเงินชดเชยให้แก่เกษตรกรทั่วประเทศ"
    assert guess_language(tokens(thai)) is None
    chinese = " ".join(CHINESE_PARAGRAPHS) + " Read more on the Example News app, available for iPhone and Android."
    assert guess_language(tokens(chinese)) is None


def test_japanese_is_told_from_chinese_by_its_kana():
    japanese = (
        "Kindle for PCをCtrl＋Alt＋Kのショートカットキーで立ち上がらなくする方法 "
        "Windows 10 で Kindle for PC を使っていると、ショートカットキーが他のソフトと衝突することがある。"
    )
    assert guess_language(tokens(japanese)) == "Japanese"
    # A Western page that quotes a Japanese name stays in its own language.
    english = "The company, known in Japan as トヨタ自動車株式会社, said on Monday that its profits had risen for the third quarter."
    assert guess_language(tokens(english)) == "English"


def test_japanese_lines_count_their_hiragana_as_stopwords():
    # A paragraph is dense in particles and inflections, a menu is not: the
    # same contrast a stoplist draws in a spaced language.
    paragraph = clean_features("政府はボコ・ハラムが劣勢にあると繰り返し主張しているが、専門家は懸念を示した。", "Japanese")
    menu = clean_features("プライバシーポリシー", "Japanese")
    assert paragraph.stopword_density >= 0.2 and menu.stopword_density == 0


def clean_features(text: str, language: str):
    return measure_line(text, stopwords(language), 1)


# Written after the structure of a real German news page as a scraper dumps it:
# the <title>, skip link, menus, a teaser list, the article, then related teasers
# and the footer.
GERMAN_ARTICLE = [
    ("Die Bundesregierung will den Ausbau der Windkraft an Land deutlich beschleunigen. "
     "Das Kabinett beschloss am Mittwoch einen Gesetzentwurf, der die Genehmigungsverfahren verkürzen soll."),
    ("Künftig sollen Behörden über einen Antrag innerhalb von drei Monaten entscheiden müssen. "
     "Bisher dauert es oft mehrere Jahre, bis eine Anlage gebaut werden darf."),
    ("Die Länder sollen zudem verpflichtet werden, zwei Prozent ihrer Fläche für Windräder auszuweisen. "
     "Bayern und Baden-Württemberg liegen bislang weit unter diesem Wert."),
    ("Umweltverbände begrüßten die Pläne im Grundsatz, warnten aber vor Abstrichen beim Artenschutz. "
     "Der Verband der Energiewirtschaft sprach von einem überfälligen Schritt."),
    ("Der Bundestag soll das Gesetz noch vor der Sommerpause beraten. "
     "Die Opposition kündigte an, eigene Änderungsanträge einzubringen."),
]
GERMAN_ARTICLE_HEADLINE = "Windkraft: Kabinett beschließt schnellere Genehmigungen"
GERMAN_DUMP = "\n".join([
    "Windkraft: Kabinett beschließt schnellere Genehmigungen | Tagesnachrichten",
    "Zum Inhalt springen",
    "Startseite", "Politik", "Wirtschaft", "Panorama", "Sport", "Kultur", "Wissen",
    "Anmelden",
    "Meistgelesen",
    "Hitzewelle: Was Sie jetzt wissen müssen",
    "Bahnstreik am Wochenende – diese Strecken sind betroffen",
    "Bundesliga: Die Bayern verlieren in Leverkusen",
    "Politik",
    "Windkraft: Kabinett beschließt schnellere Genehmigungen",
    "Von Anna Schmidt",
    "12.03.2024, 14:30",
    *GERMAN_ARTICLE,
    "Mehr zum Thema",
    "Solarpflicht für Neubauten kommt",
    "Strompreise sinken im Frühjahr",
    "Teilen", "Drucken",
    "Impressum", "Datenschutz", "Kontakt",
    "© 2024 Tagesnachrichten",
])

FRENCH_ARTICLE = [
    ("Le gouvernement a présenté mercredi un projet de loi destiné à accélérer la rénovation "
     "énergétique des logements, un chantier jugé prioritaire par le ministre."),
    ("Les propriétaires pourront bénéficier d'une aide plus importante s'ils engagent des travaux "
     "d'isolation avant la fin de l'année prochaine, selon le texte."),
    ("Les associations de locataires ont salué une avancée, tout en regrettant que les logements "
     "les plus anciens ne soient pas mieux pris en compte."),
    ("Le texte doit être examiné par l'Assemblée nationale au mois de juin, avant une lecture au "
     "Sénat à l'automne."),
]
FRENCH_DUMP = "\n".join([
    "Logement : le gouvernement veut accélérer la rénovation énergétique - Le Quotidien",
    "Aller au contenu principal",
    "Accueil", "France", "International", "Économie", "Culture", "Sport",
    "Se connecter",
    "Les plus lus",
    "Météo : un week-end pluvieux sur tout le pays",
    "Grève à la SNCF : les prévisions de trafic pour lundi",
    "Ligue 1 : le PSG s'impose à Marseille",
    "Logement : le gouvernement veut accélérer la rénovation énergétique",
    "Par Jean Dupont",
    "Publié le 12 mars 2024 à 14h30",
    *FRENCH_ARTICLE,
    "Lire aussi",
    "Immobilier : les prix reculent dans les grandes villes",
    "Partager", "Imprimer",
    "Mentions légales", "Politique de confidentialité",
])


def test_german_dump_keeps_its_article_with_the_german_stoplist():
    result = clean(GERMAN_DUMP)
    assert result.language == "German"
    assert all(paragraph in result.text for paragraph in GERMAN_ARTICLE)
    assert "Hitzewelle" not in result.text and "Solarpflicht" not in result.text
    assert "Impressum" not in result.text


def test_french_dump_keeps_its_article_with_the_french_stoplist():
    result = clean(FRENCH_DUMP)
    assert result.language == "French"
    assert all(paragraph in result.text for paragraph in FRENCH_ARTICLE)
    assert "Météo" not in result.text and "Immobilier" not in result.text


CHINESE_PARAGRAPHS = [
    "国家统计局周一公布的数据显示，今年前十个月全国规模以上工业增加值同比增长百分之五点六，增速比前三季度加快零点二个百分点。",
    "分析人士认为，随着一系列稳增长政策措施逐步落地见效，工业生产总体保持平稳，市场需求有所恢复，企业预期继续改善。",
    "从行业看，高技术制造业增加值增长较快，其中电子设备制造业和医药制造业表现突出，成为拉动工业增长的重要力量。",
    "不过，也有专家提醒，外部环境依然复杂严峻，部分中小企业经营仍面临困难，需要进一步加大政策支持力度。",
    "统计局新闻发言人表示，下一阶段将继续做好统计监测工作，为宏观决策提供及时准确的数据支撑。",
]


def test_chinese_dump_keeps_its_article_without_a_stoplist():
    # No jusText stoplist for Chinese: lines are measured in characters, and
    # the menus, dateline, related list and footer still go.
    menu = ["首页", "新闻", "财经", "体育", "娱乐", "科技"]
    related = ["相关新闻", "央行宣布降准零点五个百分点", "十月份社会消费品零售总额增长"]
    footer = ["关于我们", "联系我们", "版权所有 © 2024 新闻网"]
    dateline = "2024年11月18日 10:30 来源：新闻网"
    text = "\n".join(["前十月工业增加值增长5.6% - 新闻网", *menu, "前十月工业增加值增长5.6%", dateline,
                      *CHINESE_PARAGRAPHS, *related, *footer])
    result = clean(text)
    assert all(p in result.text for p in CHINESE_PARAGRAPHS)
    assert result.text.startswith("前十月工业增加值增长5.6%\n")
    assert dateline not in result.text and "央行宣布降准" not in result.text and "首页" not in result.text
    assert any(r.rule == "byline.cjk-dateline" for r in result.removed)


# Written after the structure of a Japanese portal's article page as a
# scraper dumps it: menus, the headline and its source line, share buttons,
# the article, a related-articles box, a ranking and the noscript pixel.
JAPANESE_PARAGRAPHS = [
    "気象庁は12日、関東甲信地方が梅雨明けしたとみられると発表した。平年より7日早く、昨年より3日遅い梅雨明けとなった。",
    "同庁によると、今後1週間は太平洋高気圧に覆われて晴れる日が多く、各地で気温が35度以上の猛暑日となるところもある見込みだ。",
    "熱中症の危険性が高まるため、こまめな水分補給や冷房の適切な使用を心がけるよう呼びかけている。",
    "また、6月の降水量は平年を下回った地域が多く、一部の水源ではダムの貯水率が低下しているという。",
]


def test_japanese_dump_keeps_its_article_and_drops_what_follows_it():
    menu = ["トップ", "速報", "ライフ", "プライバシーポリシー"]
    related = ["【関連記事】", "都心で今年初の猛暑日、各地で気温上昇", "熱中症で搬送相次ぐ 消防が注意呼びかけ"]
    ranking = ["アクセスランキング（国内）", "1 台風5号が北上 週末にかけて大雨のおそれ 共同通信 7/12(水) 18:01"]
    pixel = '<div style="position:absolute;"><img width=1 height=1 alt="" src="http://example.com/b?P=1"></div>'
    text = "\n".join(["関東甲信で梅雨明け 平年より7日早く", *menu, "関東甲信で梅雨明け 平年より7日早く",
                     "共同通信 7/12(水) 11:05配信", "ツイート", "シェアする", *JAPANESE_PARAGRAPHS,
                     *related, *ranking, pixel, "ヘルプ"])
    result = clean(text)
    assert result.language == "Japanese"
    assert all(paragraph in result.text for paragraph in JAPANESE_PARAGRAPHS)
    assert result.text.startswith("関東甲信で梅雨明け 平年より7日早く\n")
    for furniture in [*menu, *related, *ranking, "ツイート", "配信", "<div"]:
        assert furniture not in result.text, furniture
    rule_of = {line: r.rule for r in result.removed for line in r.text.splitlines()}
    assert rule_of[related[0]] == "related.heading"
    assert rule_of["共同通信 7/12(水) 11:05配信"] == "byline.cjk-dateline"


def _assert_kept_and_removed_by_rule(text: str, article: list[str], notices: dict[str, str]) -> None:
    """The article's paragraphs stay; each notice goes, removed by its rule."""
    result = clean(text)
    assert all(paragraph in result.text for paragraph in article)
    # Neighbouring lines removed for one reason are reported as one span.
    rule_of = {line: r.rule for r in result.removed for line in r.text.splitlines()}
    for notice, rule in notices.items():
        assert notice not in result.text
        assert rule_of.get(notice) == rule, notice


def test_comment_and_robot_notices_in_other_languages_are_reported_as_such():
    # The comment section's notices and a bot check, glued under a French
    # article: each is removed by its rule, so the report names its kind.
    notices = {
        "Les commentaires sont modérés avant publication.": "comments.stub",
        "Soyez le premier à commenter": "comments.stub",
        "Je ne suis pas un robot": "captcha.robot-check",
    }
    text = FRENCH_DUMP.replace("Lire aussi", "\n".join([*notices, "Lire aussi"]))
    _assert_kept_and_removed_by_rule(text, FRENCH_ARTICLE, notices)


def test_promos_and_paywall_notices_in_german_are_reported_as_such():
    # Between the article's paragraphs, as a page puts its calls to action.
    notices = {
        "Jetzt zum kostenlosen Newsletter anmelden": "newsletter.signup-translated",
        "Laden Sie sich unsere News-App herunter": "app_promo.download-the-app-translated",
        "Folgen Sie uns auf Facebook und Instagram": "social.follow-us-translated",
        "Dieser Artikel ist nur für Abonnenten": "paywall.subscribe-prompt-translated",
    }
    lines = GERMAN_DUMP.split("\n")
    middle = lines.index(GERMAN_ARTICLE[2])
    text = "\n".join(lines[:middle] + list(notices) + lines[middle:])
    _assert_kept_and_removed_by_rule(text, GERMAN_ARTICLE, notices)


# A Dutch page as a scraper dumps it, with a related-stories box after the
# article: its heading is in Dutch only.
DUTCH_ARTICLE = [
    ("Het kabinet wil dat gemeenten sneller woningen kunnen bouwen op lege kantoorterreinen. "
     "De minister presenteerde woensdag een wetsvoorstel dat de procedures moet verkorten."),
    ("Volgens het ministerie staan er in het hele land ruim vijf miljoen vierkante meter aan "
     "kantoren leeg, vooral aan de randen van de grote steden."),
    ("Gemeenten krijgen de bevoegdheid om een bestemmingsplan binnen zes maanden aan te passen. "
     "Nu duurt dat vaak meer dan twee jaar, zeggen ambtenaren."),
    ("De vereniging van woningcorporaties noemt het plan een goede eerste stap, maar waarschuwt "
     "dat er ook geld nodig is om de gebouwen geschikt te maken voor bewoning."),
]
DUTCH_DUMP = "\n".join([
    "Kabinet wil lege kantoren sneller ombouwen tot woningen | Het Dagblad",
    "Home", "Nieuws", "Economie", "Sport", "Cultuur",
    "Kabinet wil lege kantoren sneller ombouwen tot woningen",
    "Door Pieter de Vries",
    "12 maart 2024, 14:30",
    *DUTCH_ARTICLE,
    "Lees ook",
    "Huizenprijzen stijgen voor het eerst in een jaar weer, meldt het statistiekbureau",
    "Starters op de woningmarkt krijgen vanaf volgend jaar een hogere hypotheek",
    "Delen",
    "Privacy", "Contact",
])


def test_related_heading_in_dutch_ends_the_article_with_its_teasers():
    result = clean(DUTCH_DUMP)
    assert result.language == "Dutch"
    assert all(paragraph in result.text for paragraph in DUTCH_ARTICLE)
    tail = [r for r in result.removed if r.rule == "related.heading"]
    assert tail and tail[0].text.startswith("Lees ook")
    assert "Huizenprijzen stijgen" in tail[0].text and "Starters op de woningmarkt" in tail[0].text


def test_byline_in_dutch_is_removed_and_the_headline_stays_the_title():
    # A byline the rules do not read is headline-shaped: it was taken for
    # the title, and the real headline above it was dropped with the menu.
    result = clean(DUTCH_DUMP)
    headline = "Kabinet wil lege kantoren sneller ombouwen tot woningen"
    assert result.title == headline and result.text.startswith(headline + "\n")
    assert any(r.rule == "byline.by-author" and r.text == "Door Pieter de Vries" for r in result.removed)


def test_reply_form_in_french_ends_the_article():
    # A blog's reply form: its heading with the "cancel reply" link printed
    # after it, then the form's fields and the consent line.
    form = [
        "Laisser un commentaire Annuler la réponse",
        "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
        "Commentaire", "Nom *", "E-mail *", "Site web",
        "Enregistrer mon nom, mon e-mail et mon site dans le navigateur pour mon prochain commentaire.",
    ]
    text = FRENCH_DUMP.replace("Lire aussi", "\n".join([*form, "Lire aussi"]))
    result = clean(text)
    assert all(paragraph in result.text for paragraph in FRENCH_ARTICLE)
    tail = [r for r in result.removed if r.rule == "comments.reply-form"]
    assert tail and tail[0].text.startswith(form[0])
    assert form[-1] in tail[0].text


def _thread_under_dutch_article(comments: list[str]) -> None:
    page = DUTCH_DUMP.split("\n")
    text = "\n".join([*page[:page.index("Lees ook")], *comments])
    result = clean(text)
    assert all(paragraph in result.text for paragraph in DUTCH_ARTICLE)
    assert not any(line in result.text for line in comments)
    assert any(r.rule == "heuristic:comment-thread" and r.text.startswith(comments[0])
               for r in result.removed)


def test_comment_headers_in_russian_are_a_comment_thread():
    # "Name says:" over the posting time, as a blog prints each comment.
    comments = []
    for name, minute, said in (("Иван", 12, "Хорошая новость, давно пора было упростить эти правила."),
                               ("Мария", 25, "А кто будет платить за перестройку этих зданий?"),
                               ("Сергей", 40, "У нас в городе таких пустых офисов очень много.")):
        comments += [f"{name} говорит:", f"12.03.2024 в 15:{minute}", said]
    _thread_under_dutch_article(comments)


def test_names_over_ages_in_turkish_are_a_comment_thread():
    # A bare name over "2 hours ago" over a sentence.
    comments = []
    for name, hours, said in (("Ahmet", 2, "Çok güzel bir haber, umarım yakında uygulanır."),
                              ("Ayşe", 3, "Bizim şehirde de boş ofisler var, neden beklesinler?"),
                              ("Mehmet", 5, "Bu kararın çok daha önce alınması gerekiyordu.")):
        comments += [name, f"{hours} saat önce", said]
    _thread_under_dutch_article(comments)


def test_page_furniture_in_dutch_is_reported_by_kind():
    # Under a Dutch article, before its related box: each line is a kind of
    # furniture that the rules read in Dutch as they do in English.
    notices = {
        "Lees verder": "source.read-at",
        "Wees de eerste om te reageren": "comments.stub",
        "Bevestig dat je geen robot bent.": "captcha.robot-check",
        "Volg ons op Facebook en Instagram": "social.follow-us-translated",
        "Blijf op de hoogte": "newsletter.stay-informed",
        "Deze website maakt gebruik van cookies.": "legal.cookie-notice",
        "Privacybeleid | Cookiebeleid": "legal.policy-links",
    }
    text = DUTCH_DUMP.replace("Lees ook", "\n".join([*notices, "Lees ook"]))
    _assert_kept_and_removed_by_rule(text, DUTCH_ARTICLE, notices)


def test_page_furniture_in_chinese_is_reported_by_kind():
    notices = {
        "阅读全文": "source.read-at",
        "暂无评论": "comments.stub",
        "我不是机器人": "captcha.robot-check",
        "下载新闻客户端": "app_promo.download-the-app-translated",
        "隐私政策": "legal.policy-links",
        "图片来源：新华社": "caption.media-label",
    }
    paragraphs = CHINESE_PARAGRAPHS
    text = "\n".join(["前十月工业增加值增长5.6%", *paragraphs[:3], "图片来源：新华社", *paragraphs[3:],
                      *[notice for notice in notices if notice != "图片来源：新华社"]])
    _assert_kept_and_removed_by_rule(text, paragraphs, notices)


# Articles under their headline and the furniture a page prints between
# their paragraphs, in each article's language: pointers to other stories, share, print and listen
# buttons, app and newsletter promos, tag rows, comment counts, paywall and
# cookie notices, photo credits, gallery and video links, source lines.
IN_BODY_FURNITURE = {
    "Portuguese": (
        "Governo anuncia pacote contra alta dos alimentos",
        [("O governo anunciou nesta terça-feira um novo pacote de medidas para conter a alta dos preços "
          "dos alimentos, que pressiona a inflação há vários meses."),
         ("Segundo o ministro da Fazenda, as ações incluem a redução de impostos sobre produtos da cesta "
          "básica e a ampliação de linhas de crédito para pequenos produtores."),
         ("Economistas avaliam que o efeito das medidas sobre os preços deve demorar alguns meses para "
          "aparecer nas prateleiras dos supermercados."),
         ("A oposição criticou o pacote e afirmou que o governo deveria cortar gastos antes de abrir mão "
          "de receitas em um momento de déficit nas contas públicas.")],
        {"LEIA TAMBÉM: Inflação desacelera em outubro, diz IBGE": "related.inline-read-more",
         "Compartilhe no Facebook": "share.on-network",
         "Continue lendo": "source.read-at",
         "Baixe o nosso aplicativo": "app_promo.download-the-app-translated"},
    ),
    "Polish": (
        "Rząd przyjął projekt ustawy o mieszkaniach na wynajem",
        [("Rząd przyjął we wtorek projekt ustawy, który ma przyspieszyć budowę mieszkań na wynajem "
          "w największych miastach kraju."),
         ("Jak poinformował minister rozwoju, nowe przepisy skrócą procedury administracyjne i pozwolą "
          "gminom szybciej przekazywać grunty pod inwestycje."),
         ("Opozycja zarzuca jednak rządowi, że projekt nie rozwiązuje problemu wysokich cen i sprzyja "
          "przede wszystkim dużym deweloperom."),
         "Projekt trafi teraz do Sejmu, gdzie pierwsze czytanie zaplanowano na przyszły miesiąc."],
        {"Czytaj także: Ceny mieszkań znowu w górę": "related.inline-read-more",
         "Udostępnij na Facebooku": "share.on-network",
         "Fot. PAP": "caption.media-label",
         "Ten artykuł jest dostępny tylko dla subskrybentów": "paywall.subscribe-prompt-translated"},
    ),
    "Indonesian": (
        "Pemerintah resmi naikkan harga BBM bersubsidi",
        [("Pemerintah resmi menaikkan harga bahan bakar minyak bersubsidi mulai Sabtu siang, setelah "
          "beberapa bulan terakhir beban subsidi energi terus membengkak."),
         ("Menteri Keuangan mengatakan kenaikan harga tersebut diperlukan agar anggaran negara tetap "
          "sehat dan subsidi dapat dialihkan kepada masyarakat yang lebih membutuhkan."),
         ("Sejumlah ekonom memperkirakan kebijakan ini akan mendorong inflasi dalam beberapa bulan ke "
          "depan, terutama pada harga pangan dan transportasi."),
         ("Di sisi lain, pemerintah menyiapkan bantuan langsung tunai bagi jutaan keluarga miskin untuk "
          "menjaga daya beli mereka.")],
        {"Baca juga: Harga beras naik di sejumlah daerah": "related.inline-read-more",
         "Bagikan ke WhatsApp": "share.on-network",
         "Berlangganan newsletter kami": "newsletter.signup-translated",
         "Tag: BBM, subsidi, harga": "social.filed-under"},
    ),
    "Japanese": (
        "政府、総合経済対策を閣議決定",
        ["政府は二十日の閣議で、物価高対策を柱とする総合経済対策を決定した。財政支出は国と地方を合わせて二十兆円規模となる見通しだ。",
         "対策には、電気料金やガス料金の負担を軽減するための補助金の延長のほか、低所得世帯への給付金の支給が盛り込まれた。",
         "一方、野党からは効果が一時的にとどまるとの批判が出ており、財源の確保についても議論が続いている。",
         "政府は年内に補正予算案を国会に提出し、早期の成立を目指す方針だ。"],
        {"関連記事：日銀、金融政策の現状維持を決定": "related.inline-read-more",
         "Facebookでシェア": "share.on-network",
         "コメント12件": "comments.stub",
         "この記事は有料会員限定です": "paywall.subscribe-prompt-translated"},
    ),
    "Turkish": (
        "Asgari ücrete ara zam geliyor",
        ["Hükümet, salı günü yaptığı açıklamada asgari ücrete yılın ikinci yarısında ara zam yapılacağını duyurdu.",
         ("Çalışma ve Sosyal Güvenlik Bakanı, artış oranının önümüzdeki hafta işçi ve işveren temsilcileriyle "
          "yapılacak toplantıda belirleneceğini söyledi."),
         ("Ekonomistler, enflasyonun yüksek seyrettiği bir dönemde yapılacak ara zammın çalışanların alım "
          "gücünü kısmen koruyacağını belirtiyor."),
         ("İşveren örgütleri ise artışın özellikle küçük işletmeler üzerinde ek bir maliyet yükü oluşturacağı "
          "uyarısında bulundu.")],
        {"Haberi dinle": "share.widget",
         "Yazı boyutu": "navigation.text-size",
         "Galeriyi görüntüle": "caption.photo-count",
         "Kaynak: AA": "source.source-link"},
    ),
    "Chinese": (
        "前十月工业增加值增长5.6%",
        CHINESE_PARAGRAPHS[:4],
        {"打印": "share.widget",
         "视频：投票现场": "caption.media-label",
         "查看图集": "caption.photo-count",
         "本网站使用cookies以提升您的浏览体验。": "legal.cookie-notice"},
    ),
}


@pytest.mark.parametrize("language", IN_BODY_FURNITURE)
def test_furniture_between_paragraphs_is_reported_by_kind_in_many_languages(language):
    headline, article, notices = IN_BODY_FURNITURE[language]
    first, second, third, fourth = notices
    text = "\n".join([headline, article[0], first, second, article[1], third, article[2], fourth, article[3]])
    _assert_kept_and_removed_by_rule(text, article, notices)


SHORT_LAST_PARAGRAPH = {
    "Dutch": (
        "Kabinet wil lege kantoren sneller ombouwen tot woningen",
        [*DUTCH_ARTICLE, "De Tweede Kamer bespreekt het voorstel na het zomerreces."],
        {"Advertentie": "ad.label", "Download onze app": "app_promo.download-the-app",
         "Afdrukken": "share.widget"},
    ),
    "Turkish": (
        None,
        [("Hükümet, salı günü yaptığı açıklamada asgari ücrete yılın ikinci yarısında ara zam "
          "yapılacağını duyurdu."),
         ("Çalışma ve Sosyal Güvenlik Bakanı, artış oranının önümüzdeki hafta işçi ve işveren "
          "temsilcileriyle yapılacak toplantıda belirleneceğini söyledi."),
         ("Ekonomistler, enflasyonun yüksek seyrettiği bir dönemde yapılacak ara zammın çalışanların "
          "alım gücünü kısmen koruyacağını belirtiyor."),
         ("İşveren örgütleri ise artışın özellikle küçük işletmeler üzerinde ek bir maliyet yükü "
          "oluşturacağı uyarısında bulundu."),
         "Yeni ücretin temmuz ayından itibaren geçerli olması bekleniyor."],
        {"Facebook'ta paylaş": "share.on-network", "Haberi dinle": "share.widget",
         "Bültenimize abone olun": "newsletter.signup-translated"},
    ),
}


@pytest.mark.parametrize("language", SHORT_LAST_PARAGRAPH)
def test_a_short_last_paragraph_under_a_removed_notice_stays(language):
    # The scorer reads past the removed notice to the paragraph above, as it
    # does in the output: the notice is no neighbour that makes the one-line
    # last paragraph look like page furniture.
    headline, article, notices = SHORT_LAST_PARAGRAPH[language]
    for notice, rule in notices.items():
        text = "\n".join(([headline] if headline else []) + [*article[:4], notice, article[4]])
        _assert_kept_and_removed_by_rule(text, article, {notice: rule})


def test_a_headline_written_without_spaces_is_found_under_its_page_title():
    # Thai writes a headline as one run of letters: counted in words as
    # feature.words counts such scripts, it is long enough to be the line
    # that repeats the page's <title>, which is the title without its site.
    headline = "รัฐบาลอนุมัติมาตรการช่วยเหลือเกษตรกร"
    article = [
        "คณะรัฐมนตรีมีมติอนุมัติมาตรการช่วยเหลือเกษตรกรผู้ปลูกข้าว โดยจะจ่ายเงินชดเชยให้แก่เกษตรกรทั่วประเทศในเดือนหน้า",
        "รัฐมนตรีว่าการกระทรวงเกษตรและสหกรณ์กล่าวว่า มาตรการนี้จะช่วยลดภาระค่าใช้จ่ายของเกษตรกรในช่วงที่ราคาปุ๋ยสูงขึ้น",
        "นักวิชาการบางส่วนมองว่ามาตรการดังกล่าวเป็นเพียงการแก้ปัญหาระยะสั้น และเรียกร้องให้รัฐบาลลงทุนด้านชลประทานมากขึ้น",
        "คาดว่าเกษตรกรจะได้รับเงินภายในสิ้นเดือนนี้",
    ]
    menu = ["Home", "News", "Sport", "Business", "Culture"]
    footer = ["Contact", "Privacy", "© 2024 Example"]
    result = clean("\n".join([f"{headline} | Example", *menu, headline, *article, *footer]))
    assert result.title == headline
    assert all(paragraph in result.text for paragraph in article)


# Tickers and bot-check notices in the languages of IN_BODY_FURNITURE: a
# latest-news ticker (headlines with their ages, or after the clock time they
# were posted, newest first) and a form's reCAPTCHA notice.
TICKERS_AND_NOTICES = {
    "Portuguese": {
        "Dólar fecha em queda e Bolsa sobe - há 5 minutos": "ticker.headline-with-age-translated",
        "Chuvas deixam desabrigados no Sul - há 1 hora": "ticker.headline-with-age-translated",
        ("Este site é protegido pelo reCAPTCHA e se aplicam a Política de Privacidade e os "
         "Termos de Serviço do Google."): "captcha.recaptcha-notice-translated",
    },
    "Polish": {
        "14:32 Pogoda na weekend: będzie zimno": "heuristic:timed-feed",
        "14:05 Legia wygrywa w Krakowie": "heuristic:timed-feed",
        "13:47 Inflacja spadła w październiku": "heuristic:timed-feed",
    },
    "Japanese": {
        "円相場、一時1ドル150円台に 5分前": "ticker.headline-with-age-translated",
        "東京で今年初の真夏日 1時間前": "ticker.headline-with-age-translated",
        ("このサイトはreCAPTCHAによって保護されており、Googleのプライバシーポリシーと"
         "利用規約が適用されます。"): "captcha.recaptcha-notice-translated",
    },
    "Turkish": {
        "Dolar güne yükselişle başladı - 20 dakika önce": "ticker.headline-with-age-translated",
        "09:40 Dolar güne yükselişle başladı": "heuristic:timed-feed",
        "09:12 İstanbul'da yağmur uyarısı": "heuristic:timed-feed",
        "08:55 Galatasaray deplasmanda kazandı": "heuristic:timed-feed",
    },
}


def _assert_reported_in_article(language: str, notices: dict[str, str], positions: tuple[int, ...]) -> None:
    """The notices, put after the first ``position`` paragraphs of the
    language's IN_BODY_FURNITURE article, go by their rules; the article stays."""
    headline, article, _ = IN_BODY_FURNITURE[language]
    for position in positions:
        text = "\n".join([headline, *article[:position], *notices, *article[position:]])
        _assert_kept_and_removed_by_rule(text, article, notices)


@pytest.mark.parametrize("language", TICKERS_AND_NOTICES)
def test_tickers_and_recaptcha_notices_in_other_languages_are_reported_as_such(language):
    # Between the article's paragraphs, and again under its last one.
    _assert_reported_in_article(language, TICKERS_AND_NOTICES[language], (2, 4))


# The date under the headline, its month spelt out in the article's language,
# after the day of the week or with the Romance "de" (which byline.dateline,
# reading "24 August 2026", does not).
SPELT_OUT_DATES = {
    "Portuguese": "24 de agosto de 2026 às 23h23",
    "Polish": "wtorek, 24 sierpnia 2026, 14:30",
    "Indonesian": "Senin, 24 Agustus 2026 14:30 WIB",
}


@pytest.mark.parametrize("language", SPELT_OUT_DATES)
def test_a_date_alone_under_the_headline_is_a_byline_in_other_languages(language):
    _assert_reported_in_article(language, {SPELT_OUT_DATES[language]: "byline.date-spelt-out"}, (0,))


def _function_word_lines(text: str) -> list[str]:
    return [line for r in clean(text).removed if r.rule == "heuristic:function-words"
            for line in r.text.splitlines()]


def _with_line_between_paragraphs(dump: str, article: list[str], line: str) -> str:
    return dump.replace(article[1], line + "\n" + article[1])


def test_a_line_of_function_words_between_paragraphs_goes():
    # A dateline's or byline's first word split from the rest ("Le" / "12 mars"),
    # a section label, a pointer's lead-in: function words only, no sentence end.
    for dump, article, line in ((FRENCH_DUMP, FRENCH_ARTICLE, "Le"), (FRENCH_DUMP, FRENCH_ARTICLE, "Et aussi"),
                                (GERMAN_DUMP, GERMAN_ARTICLE, "Mehr dazu"), (GERMAN_DUMP, GERMAN_ARTICLE, "Von")):
        text = _with_line_between_paragraphs(dump, article, line)
        result = clean(text)
        assert _function_word_lines(text) == [line]
        assert all(paragraph in result.text for paragraph in article)
        assert {r.category for r in result.removed if r.rule == "heuristic:function-words"} == {"debris"}


def test_short_lines_with_a_content_word_or_a_sentence_end_are_no_fragment():
    headings = ["Die Kosten", "Und dann?", "Wie es weitergeht …"]
    article = [GERMAN_ARTICLE[0], headings[0], GERMAN_ARTICLE[1], headings[1], GERMAN_ARTICLE[2],
               headings[2], *GERMAN_ARTICLE[3:]]
    text = GERMAN_DUMP.replace("\n".join(GERMAN_ARTICLE), "\n".join(article))
    assert _function_word_lines(text) == []


def test_names_over_dates_with_their_minute_are_a_comment_thread():
    # Each comment under its author's bare name and the date with its minute;
    # the thread holds more prose than the article, as long threads do.
    comments = [
        ("Dietmar Huber", "8. April 2019 @ 11:38",
         ("Ich halte das für einen Fehler, weil die Genehmigungen schon heute viel zu lange dauern und niemand "
         "die Verantwortung dafür übernehmen will, am wenigsten die Länder selbst.")),
        ("Anna K.", "8. April 2019 @ 12:02",
         ("Der Artikel übersieht, dass viele Gemeinden die Flächen gar nicht ausweisen wollen, weil die Bürger "
         "vor Ort gegen jede neue Anlage klagen und die Verfahren so ohnehin Jahre dauern.")),
        ("Martin Holz", "8. April 2019 @ 12:20",
         ("Zwei Prozent der Fläche klingt wenig, ist aber in dicht besiedelten Ländern kaum zu schaffen, ohne "
         "Wälder oder Schutzgebiete anzutasten, und das wird noch viel Streit geben.")),
        ("zabki", "8. April 2019 @ 12:33",
         ("Ich kann die Diskussion nicht ganz verfolgen, aber am Ende zahlen die Stromkunden die Rechnung, egal "
         "wie schnell die Windräder gebaut werden, und das sagt niemand laut.")),
    ]
    thread = [line for comment in comments for line in comment]
    text = "\n".join([GERMAN_ARTICLE_HEADLINE, *GERMAN_ARTICLE, *thread])
    result = clean(text)
    assert all(paragraph in result.text for paragraph in GERMAN_ARTICLE)
    assert not any(line in result.text for line in thread)
    assert {r.rule for r in result.removed if "Dietmar Huber" in r.text} == {"heuristic:comment-thread"}


def test_a_byline_over_a_dated_minute_is_no_comment_thread():
    # One name over a date with its minute over a paragraph: the article's byline.
    text = "\n".join([GERMAN_ARTICLE_HEADLINE, "Anna Schmidt", "8. April 2019 @ 11:38", *GERMAN_ARTICLE])
    result = clean(text)
    assert all(paragraph in result.text for paragraph in GERMAN_ARTICLE)
    assert not any(r.rule == "heuristic:comment-thread" for r in result.removed)


# Written after the structure of an Arabic news page as a scraper dumps it:
# the menu, the headline, a date line naming the month in both its Gulf and
# Levantine forms, the article, then a "most browsed" box of other stories.
ARABIC_PARAGRAPHS = [
    "أعلنت وزارة الصحة يوم الأحد عن خطة جديدة لتوسيع خدمات الرعاية الأولية في المناطق الريفية، وقالت إن المشروع سيشمل بناء عشرين مركزا صحيا خلال العامين المقبلين.",
    "وقال المتحدث باسم الوزارة إن الخطة تهدف إلى تقليل الضغط على المستشفيات الكبرى في المدن، وإن التمويل سيأتي من الموازنة العامة ومن قروض ميسرة.",
    "وأضاف أن الوزارة ستبدأ بتدريب مئات الأطباء والممرضين الجدد قبل افتتاح المراكز، وأن الأولوية ستكون للمحافظات التي تعاني من نقص في الخدمات.",
    "ورحب عدد من النواب بالخطة، لكنهم طالبوا الحكومة بنشر جدول زمني واضح للتنفيذ وبتقارير دورية عن سير العمل في المشروع.",
]


def test_arabic_most_browsed_box_ends_the_article_and_its_date_line_goes():
    menu = ["الرئيسية", "أخبار", "اقتصاد", "رياضة"]
    dateline = "الأحد، 04 آب/اغسطس 2013، آخر تحديث 02:21 (GMT+0400)"
    box = ["الأكثر تصفحاً", "ارتفاع أسعار الذهب في الأسواق المحلية للأسبوع الثالث على التوالي",
           "منتخب الشباب يتأهل إلى الدور النهائي بعد فوزه بركلات الترجيح"]
    headline = "وزارة الصحة تعلن خطة لتوسيع الرعاية الأولية في الريف"
    text = "\n".join([*menu, headline, dateline, *ARABIC_PARAGRAPHS, *box, "اتصل بنا"])
    assert clean(text).language == "Arabic"
    # The box goes with its heading, as one span that rule removed.
    _assert_kept_and_removed_by_rule(text, ARABIC_PARAGRAPHS, {
        dateline: "byline.dateline-arabic", **dict.fromkeys(box, "related.heading"),
    })


def test_thai_related_stories_heading_ends_the_article_without_a_stoplist():
    # Thai has no stoplist and no spaces between words: the heading, not the
    # lines' measure, tells where the article ends.
    paragraphs = [
        "คณะรัฐมนตรีมีมติอนุมัติมาตรการช่วยเหลือเกษตรกรผู้ปลูกข้าว โดยจะจ่ายเงินชดเชยให้แก่เกษตรกรทั่วประเทศในอัตราไร่ละหนึ่งพันบาท ไม่เกินครัวเรือนละยี่สิบไร่",
        "โฆษกรัฐบาลกล่าวว่า มาตรการดังกล่าวจะช่วยบรรเทาความเดือดร้อนของเกษตรกรที่ได้รับผลกระทบจากราคาข้าวตกต่ำและภัยแล้งในช่วงที่ผ่านมา",
        "ทั้งนี้ กระทรวงเกษตรและสหกรณ์จะเปิดให้เกษตรกรลงทะเบียนผ่านสำนักงานเกษตรอำเภอตั้งแต่ต้นเดือนหน้าเป็นต้นไป และคาดว่าจะโอนเงินได้ภายในสามสิบวัน",
    ]
    related = ["เรื่องที่เกี่ยวข้อง", "ราคาข้าวเปลือกหอมมะลิปรับตัวสูงขึ้นเป็นสัปดาห์ที่สองติดต่อกัน",
               "กรมอุตุนิยมวิทยาเตือนภัยแล้งในภาคตะวันออกเฉียงเหนือ"]
    text = "\n".join(["ครม.อนุมัติเงินช่วยเหลือชาวนาไร่ละพันบาท", *paragraphs, *related, "ติดต่อเรา"])
    _assert_kept_and_removed_by_rule(text, paragraphs, dict.fromkeys(related, "related.heading"))
