
import pytest

from volg.models import Section
from volg.pipeline.clean.genre import GENRES, Genre, classify_genre
from volg.pipeline.clean.structure import sections_from_text

URL = "https://krant.example/a/48213"

NEWS_NL = [
    "De gemeenteraad van Zwolle heeft dinsdagavond ingestemd met de bouw van een nieuwe brug over het Zwarte Water. "
    "De brug moet in 2028 klaar zijn en kost naar schatting 38 miljoen euro.",
    'Wethouder Petra Smit noemde het besluit een mijlpaal. "Ik ben heel blij dat we dit na tien jaar praten eindelijk '
    'rond hebben. Mijn voorganger begon eraan, ik mag het afmaken", zei ze na afloop van de vergadering.',
    "Bewoners van de wijk Holtenbroek zijn minder enthousiast. ,,Wij krijgen straks al het verkeer langs onze deur. "
    "Ik snap niet dat ze ons daar niet over hebben gevraagd'', zegt buurtbewoner Kees Mulder.",
    "De provincie Overijssel betaalt een derde van de kosten. De rest komt uit de gemeentekas en uit een bijdrage van "
    "het Rijk, dat de brug ziet als onderdeel van een betere verbinding tussen Zwolle en de kop van Overijssel.",
]
NEWS_EN = [
    "The city council of Leeds voted on Tuesday to close three public libraries by the end of the year, saying it "
    "could no longer afford to keep them open after cuts to its budget.",
    '"I grew up in that library. My children learned to read there, and now we are losing it," said Mary Collins, '
    'who has lived in the Harehills area for forty years. "We will fight this."',
    'Council leader James Lewis said the decision had not been taken lightly. "We have looked at every other option. '
    'I wish we did not have to do this," he told reporters after the meeting.',
    "A petition against the closures has gathered more than 12,000 signatures. Campaigners plan to hand it to the "
    "council next week and are considering a legal challenge.",
]
ESSAY_NL = [
    "Ik fiets elke ochtend langs het oude postkantoor, en elke ochtend vraag ik me af waarom we zo slecht omgaan met "
    "wat onze grootouders bouwden. Mijn dochter vindt het een lelijk gebouw. Ik vind het prachtig.",
    "We hebben in dit land de gewoonte om alles wat ouder is dan dertig jaar af te schrijven. Dat is zonde. Ik denk "
    "aan de stations, de scholen, de badhuizen die we hebben gesloopt, en ik word er een beetje somber van.",
    "Misschien ben ik een nostalgicus. Maar als ik zie hoe andere steden hun erfgoed koesteren, dan weet ik dat het "
    "anders kan. Laten we het postkantoor redden, voordat ook dit gebouw een parkeerplaats wordt.",
]


def classify(title: str, paragraphs: list[str], language: str = "nl", url: str = URL, **kwargs: object) -> Genre:
    return classify_genre(title, (Section(None, tuple(paragraphs)),), language, url, **kwargs)  # type: ignore[arg-type]


def test_genres_are_ten_with_news_first() -> None:
    assert GENRES[0] == "news" and len(set(GENRES)) == 10


def test_news_that_quotes_people_in_the_first_person_stays_news() -> None:
    assert classify("Zwolle krijgt nieuwe brug", NEWS_NL) == Genre("news", ("no sign of another genre",))
    assert classify("Leeds to close three libraries", NEWS_EN, "en").label == "news"


def test_news_under_a_news_url_says_so() -> None:
    found = classify("Zwolle krijgt nieuwe brug", NEWS_NL, url="https://krant.example/nieuws/binnenland/48213")
    assert found == Genre("news", ("URL path /nieuws/",))


def test_column_by_its_rubric_in_the_title() -> None:
    found = classify("Postkantoor. Column", ESSAY_NL)
    assert found.label == "opinion"
    assert found.evidence[0] == "rubric 'Column' in the title"
    named = classify("Het postkantoor | Column Sanne Bakker", NEWS_NL)
    assert (named.label, named.evidence[0]) == ("opinion", "rubric 'Column' in the title")
    assert classify("Postkantoor. Sanne Bakker column", NEWS_NL).label == "opinion"


def test_an_unmistakable_rubric_beside_a_byline_or_kicker_in_lower_case() -> None:
    # some feeds print the byline and the kicker glued to the title in lower case
    byline = classify("Postkantoor. sanne van der bakker Column", NEWS_NL)
    assert (byline.label, byline.evidence[0]) == ("opinion", "rubric 'Column' in the title")
    kicker = classify("Zwolle kiest voor een brug. analyse verkeer overijssel", NEWS_NL)
    assert (kicker.label, kicker.evidence[0]) == ("analysis", "rubric 'analyse' in the title")
    # but one word before a rubric, or words a sentence is made of, are no byline or kicker
    assert classify("Wethouder zwijgt over brug: geen commentaar", NEWS_NL).label == "news"
    assert classify("Zwolle krijgt brug. interview met de wethouder", NEWS_NL).label == "news"
    assert classify("Brug in Zwolle. publieke opinie", NEWS_NL).label == "news"
    assert classify("Brug in Zwolle. sanne bakker Reportage", NEWS_NL).label == "news"  # no rubric of a genre


def test_a_rubric_word_inside_a_headline_is_no_rubric() -> None:
    assert classify("Columnist krijgt prijs voor beste column van het jaar", NEWS_NL).label == "news"
    assert classify("Live Nation organiseert festival in Zwolle", NEWS_NL).label == "news"
    assert classify("Government Faces Judicial Review Over Library Cuts", NEWS_EN, "en").label == "news"


def test_editorial_and_commentary() -> None:
    editorial = classify("Editorial: Leeds should keep its libraries open", NEWS_EN[2:], "en")
    assert (editorial.label, editorial.evidence[0]) == ("opinion", "rubric 'Editorial' in the title")
    commentaar = classify("Een brug te ver. commentaar", NEWS_NL[:1] + NEWS_NL[3:])
    assert (commentaar.label, commentaar.evidence[0]) == ("opinion", "rubric 'commentaar' in the title")


def test_a_first_person_essay_without_any_rubric_is_opinion() -> None:
    found = classify("Red het postkantoor", ESSAY_NL)
    assert found.label == "opinion"
    assert found.evidence[0].startswith("first-person voice (")


def test_an_op_ed_closing_line_about_its_writer() -> None:
    paragraphs = [*NEWS_NL[:1], NEWS_NL[3], "Anna de Wit is hoogleraar bestuurskunde aan de Universiteit Twente."]
    found = classify("De brug is een vergissing", paragraphs)
    assert found.label == "opinion"
    assert found.evidence[0].startswith("closing line about the writer ('Anna de Wit is hoogleraar")
    english = [*NEWS_EN[:1], NEWS_EN[3], "John Harper is a professor of public policy at the University of York."]
    assert classify("Why closing libraries is a mistake", english, "en").label == "opinion"


def test_letters_page_with_names_and_towns() -> None:
    letters = [
        "Wat een goed nieuws dat de brug er eindelijk komt. Ik fiets er elke dag en sta nu vaak een kwartier te "
        "wachten. Jan de Vries, Zwolle",
        "De brug kost 38 miljoen euro. Had dat geld niet beter naar de scholen in onze wijk kunnen gaan? "
        "Marieke Jansen, Hattem",
        "Ik mis in het stuk de stem van de schippers, die straks onder een lagere brug door moeten. "
        "P. Bakker, Genemuiden.",
    ]
    found = classify("Brieven", letters)
    assert found.label == "letters"
    assert "letters: 3 signatures (name, town)" in found.evidence
    printed = [
        "Ik las met verbazing het stuk over de brug. Waarom vraagt niemand de bewoners wat zij willen?",
        "Anton Visser",
        "Zwolle",
        "Het verkeer in de stad staat nu al vast. Een brug erbij lost dat niet op, dat weet iedereen hier.",
        "Els Groen",
        "Kampen",
    ]
    assert classify("Wat lezers vinden van de brug", printed).evidence[0] == "letters: 2 signatures (name, town)"


def test_a_single_letter_signed_with_name_and_town() -> None:
    text = (
        "Met verbazing las ik dat de gemeente de bibliotheek wil sluiten. Mijn kinderen leerden er lezen, en "
        "ik kom er nog elke week. Waar moeten ouderen straks heen voor een krant en een praatje? Ik hoop dat de "
        "raad zich bedenkt. Gerda Hoekstra, Leeuwarden."
    )
    found = classify("Houd de bibliotheek open", [text])
    assert found.label == "letters"
    assert found.evidence[0] == "signed like a letter ('Gerda Hoekstra, Leeuwarden')"


def test_review_with_stars() -> None:
    paragraphs = [
        "★★★★☆",
        "De nieuwe film van Lotte Maas is een warm en grappig portret van een familie in "
        "Drenthe, met een hoofdrol voor de jonge actrice Noor Evers.",
        *NEWS_NL[3:],
    ]
    found = classify("Zomer in Drenthe", paragraphs)
    assert (found.label, found.evidence[0]) == ("review", "star rating ★★★★☆")
    rated = classify("Theatre: Hamlet at the Grand", [*NEWS_EN[:1], "An evening to remember (4/5)."], "en")
    assert (rated.label, rated.evidence[0]) == ("review", "rating '(4/5)'")


def test_interview_in_q_and_a_layout() -> None:
    paragraphs = [
        "Petra Smit is sinds vorig jaar wethouder van Zwolle. Een gesprek over bruggen, geld en geduld.",
        "Waarom duurde het tien jaar?",
        "Omdat niemand het geld had. Pas toen de provincie meebetaalde, konden we beginnen.",
        "Bent u niet bang voor de kosten?",
        "Natuurlijk houden we de kosten in de gaten. Maar niets doen is ook duur.",
        "Wat zeggen de bewoners?",
        "Sommigen zijn boos, dat begrijp ik. We gaan met ze in gesprek over het verkeer.",
    ]
    found = classify("'Niets doen is ook duur'", paragraphs)
    assert (found.label, found.evidence[0]) == ("interview", "Q&A layout")
    english = [
        "Q: Why did it take so long?",
        "A: Nobody had the money.",
        "Q: Are you worried about the cost?",
        "A: Of course. But doing nothing costs money too.",
        "Q: What do residents say?",
        "A: Some are angry, and I understand them.",
    ]
    assert classify("The councillor who built a bridge", english, "en").label == "interview"


def test_a_broadcast_transcript_is_an_interview_and_a_dateline_in_capitals_is_no_speaker() -> None:
    # flattened, as some archives store a transcript: the turns run on after each sentence
    transcript = [
        "Aired March 3, 2026 - 18:00 ET. THIS IS A RUSH TRANSCRIPT. MARA VOSS, ANCHOR: Good evening. The dam above "
        "Eldborough gave way this afternoon. Our correspondent is there. Tom? TOM HALE, CORRESPONDENT: Mara, the "
        "water reached the first streets within the hour. VOSS: Is everyone out? HALE: The police say they are still "
        "searching two streets. VOSS: What caused it? HALE: Nobody will say yet. The engineers arrive tonight.",
    ]
    found = classify("Dam breaks above Eldborough", transcript, "en")
    assert (found.label, found.evidence[0]) == ("interview", "a transcript: VOSS, HALE speak in turn")
    # one speaker's label, however often, is no conversation; nor are datelines and rubrics in capitals
    monologue = [*NEWS_EN, "VOSS: The water keeps rising.", "VOSS: The police closed the bridge."]
    assert classify("Dam breaks above Eldborough", monologue, "en").label == "news"
    datelines = ["ELDBOROUGH (Reuters) - The dam gave way on Tuesday.", "UPDATE: The police closed the bridge.",
                 "UPDATE: Two streets were evacuated.", "WARNING: Residents must stay away.", *NEWS_EN]
    assert classify("Dam breaks above Eldborough", datelines, "en").label == "news"


def test_live_blog_with_timestamps() -> None:
    paragraphs = [
        "15.05 De brandweer meldt dat het vuur in de loods onder controle is.",
        "14.48 Omwonenden wordt gevraagd ramen en deuren gesloten te houden vanwege de rook.",
        "14.32 uur Er zijn inmiddels vijf blusvoertuigen ter plaatse, ook uit Kampen.",
        "14.10 Bij een bedrijf op het industrieterrein Hessenpoort is een grote brand uitgebroken.",
    ]
    found = classify("Grote brand in Zwolle", paragraphs)
    assert found.label == "live"
    assert found.evidence[0] == "live-blog timestamps (4, e.g. 15.05)"
    assert classify("LIVE | Grote brand in Zwolle", NEWS_NL).evidence[0] == "rubric 'LIVE' in the title"


def test_a_rubric_beside_a_label_with_a_digit_in_it() -> None:
    """A kicker may name its subject with letters and digits (CO2, G20); a number beside the word stays a title's."""
    analysis = classify("Kabinet verlaagt de bijdrage. Analyse CO2-taks", NEWS_NL)
    assert (analysis.label, analysis.evidence[0]) == ("analysis", "rubric 'Analyse' in the title")
    assert classify("Kabinet verlaagt de bijdrage. Analyse G20", NEWS_NL).label == "analysis"
    assert classify("Kabinet verlaagt de bijdrage. Interview 2019", NEWS_NL).label == "news"


@pytest.mark.parametrize("title", [
    "Buy Starfield Racer And A Year Of Online Play At Gamestop And Save $20",
    "Shop Offers 40% Off A Controller With Purchase Of Starfield Racer",
    "Starfield Racer bundle: $10 off at two retailers",
])
def test_a_shops_offer_is_service_not_news(title: str) -> None:
    found = classify(title, [], "en")
    assert found.label == "service"
    assert found.evidence[0].startswith("an offer in the title")


def test_a_price_in_a_market_report_is_no_offer() -> None:
    assert classify("Harbour shares close 2% off their highs as ferry strike drags on", NEWS_EN, "en").label == "news"


def test_a_wire_services_rubric_glued_to_the_headline() -> None:
    for title, label in (("ANALYSIS-Leeds may lose its libraries for good", "analysis"),
                         ("FEATURE-In Harehills, a library closes its doors", "analysis"),
                         ("FACTBOX-The libraries Leeds will close", "analysis"),
                         ("TIMELINE-Ten years of library cuts in Leeds", "analysis"),
                         ("COLUMN-Leeds is wrong to close its libraries", "opinion"),
                         ("BREAKINGVIEWS-Leeds library plan adds up", "opinion")):
        found = classify(title, NEWS_EN, "en")
        assert (found.label, found.evidence[0]) == (label, f"rubric '{title.split('-')[0]}' in the title"), title
    # a wire's version mark is no rubric, nor is a party or club glued to a word in lower case
    for title in ("UPDATE 2-Leeds to close three libraries", "RPT-Leeds to close three libraries"):
        assert classify(title, NEWS_EN, "en").label == "news", title
    assert classify("VVD-Kamerlid stapt op na ruzie", NEWS_NL).label == "news"
    assert classify("PSV-trainer blijft tot 2025", NEWS_NL).label == "news"


def test_analysis_and_preview_rubrics() -> None:
    analysis = classify("Analyse: waarom de brug tien jaar op zich liet wachten", NEWS_NL)
    assert (analysis.label, analysis.evidence[0]) == ("analysis", "rubric 'Analyse' in the title")
    for title, evidence in (
        ("Duiding: waarom de brug tien jaar op zich liet wachten", "rubric 'Duiding' in the title"),
        ("Uitgelegd: de nieuwe brug", "rubric 'Uitgelegd' in the title"),
        ("De nieuwe brug uitgelegd", "explainer title ('uitgelegd')"),
        ("Nieuwe brug over het Zwarte Water: zo zit het", "explainer title ('zo zit het')"),
        ("Wat je moet weten over de nieuwe brug", "explainer title ('Wat je moet weten')"),
        ("New bridge: what you need to know", "explainer title ('what you need to know')"),
        ("Questions and answers about the new bridge", "explainer title ('Questions and answers')"),
    ):
        assert classify(title, NEWS_NL).evidence[0] == evidence, title
    # a plan explained at an event is that event's news, and so are questions someone faces or asks
    assert classify("Plannen voor nieuwe brug uitgelegd tijdens inloopavond", NEWS_NL).label == "news"
    assert classify("Vier vragen over de nieuwe brug", NEWS_NL).label == "analysis"
    assert classify("Raadsleden hebben vragen over de nieuwe brug", NEWS_NL).label == "news"
    assert classify("Five questions about the new bridge", NEWS_EN, "en").label == "analysis"
    assert classify("Council leader faces questions about library cuts", NEWS_EN, "en").label == "news"
    for title in ("Wat mogen we verwachten van de nieuwe brug?", "New bridge: what to expect"):
        ahead = classify(title, NEWS_NL)
        assert (ahead.label, ahead.evidence[0][:19]) == ("preview", "title looks ahead ("), title
    preview = classify("PEC tegen Ajax. Voorbeschouwing", NEWS_NL)
    assert (preview.label, preview.evidence[0]) == ("preview", "rubric 'Voorbeschouwing' in the title")
    lineups = classify(
        "PEC wil stunten tegen Ajax",
        [
            *NEWS_NL[:1],
            "Vermoedelijke opstelling PEC: De Groot; Mulder, Visser, Smit; Bos, Meijer; Dekker.",
        ],
    )
    assert (lineups.label, lineups.evidence[0]) == ("preview", "'Vermoedelijke opstelling'")


def test_recipe_is_service() -> None:
    paragraphs = [
        "Ingrediënten",
        "250 g bloem",
        "2 el olijfolie",
        "1 tl zout",
        "300 ml lauw water",
        "Meng de bloem met het zout, voeg water en olie toe en kneed tien minuten tot een soepel deeg.",
    ]
    found = classify("Zo bak je zelf brood", paragraphs)
    assert (found.label, found.evidence[0]) == ("service", "recipe: ingredients with quantities")


def test_hardly_any_text_is_other() -> None:
    assert classify("Cartoon", []) == Genre("other", ("rubric 'Cartoon' in the title", "hardly any text"))
    assert classify("Quote van de dag", ["Dit is pas het begin."]).label == "other"


def test_markup_hints_come_first() -> None:
    found = classify("Zwolle krijgt nieuwe brug", NEWS_NL, hints=("og:article", "schema:OpinionNewsArticle"))
    assert found == Genre("opinion", ("schema.org OpinionNewsArticle",))
    assert classify("Brug", NEWS_NL, hints=("schema:LiveBlogPosting",)).label == "live"
    assert classify("Brug", NEWS_NL, hints=("schema:ReviewNewsArticle",)).label == "review"
    assert classify("Brug", NEWS_NL, hints=("schema:https://schema.org/AnalysisNewsArticle",)).label == "analysis"
    feed = classify("Brug", NEWS_NL, hints=("category:Opinie & Debat",))
    assert feed == Genre("opinion", ("category 'Opinie & Debat'",))
    assert classify("Brug", NEWS_NL, hints=("section:Lezersbrieven",)).label == "letters"
    assert classify("Brug", NEWS_NL, hints=("genre:Liveblog",)).label == "live"
    assert classify("Brug", NEWS_NL, hints=("nonsense", "schema:", "colour:red")).label == "news"


def test_a_news_section_outweighs_voice_but_not_a_rubric() -> None:
    sport = classify("Red het postkantoor", ESSAY_NL, hints=("section:Binnenland",))
    assert sport == Genre("news", ("section 'Binnenland'",))
    column = classify("Postkantoor. Column", ESSAY_NL, hints=("section:Sport",))
    assert column.label == "opinion"


@pytest.mark.parametrize(
    "url, label",
    [
        ("https://krant.example/opinie/48213/red-het-postkantoor", "opinion"),
        ("https://www.paper.example/commentisfree/2024/may/02/libraries", "opinion"),
        ("https://zeitung.example/meinung/kommentar-bruecke-1.42", "opinion"),
        ("https://journal.example/opinion/tribune-pont.html", "opinion"),
        ("https://krant.example/lezersbrieven/48213", "letters"),
        ("https://krant.example/recensies/zomer-in-drenthe", "review"),
        ("https://krant.example/live/brand-zwolle", "live"),
        ("https://krant.example/preview/48213", "news"),
    ],
)
def test_url_path_segments(url: str, label: str) -> None:
    found = classify("Zwolle krijgt nieuwe brug", NEWS_NL, url=url)
    assert found.label == label
    if label != "news":
        assert found.evidence[0].startswith("URL path /")


def test_plain_text_sections_from_volg_itself() -> None:
    sections = sections_from_text("\n".join(["Column", *ESSAY_NL]))
    assert classify_genre("Het postkantoor", sections, "nl", URL).evidence[0] == "rubric 'Column' opening the text"


def test_an_op_ed_whose_standfirst_names_its_writer_with_an_organisation_is_opinion():
    text = ("Gemeenten moeten veel harder werken aan betaalbare huizen voor jonge gezinnen, betoogt Ria Kuipers van "
            "de Vereniging van Huurders. Bouwen moet sneller, want de rij wachtenden wordt ieder jaar langer en wie "
            "net begint, vindt in de regio geen huis meer dat hij kan betalen.")
    found = classify_genre("Huizentekort: gemeenten kunnen meer doen", sections_from_text(text), "nl", URL)
    assert found.label == "opinion" and "standfirst naming the writer" in found.evidence[0]
    report = ("De rechtbank in Utrecht heeft een 34-jarige man veroordeeld tot twee jaar cel, meldt het Openbaar "
              "Ministerie van de regio. De man stal tientallen fietsen uit stallingen bij het station.")
    assert classify_genre("Rechter veroordeelt fietsendief", sections_from_text(report), "nl", URL).label == "news"


def test_an_op_ed_whose_standfirst_names_two_writers_is_opinion() -> None:
    text = ("Boeren en natuurclubs moeten samen de polder inrichten, vinden Anna de Wit en Kees van Dam. De ruzie over "
            "stikstof houdt al jaren iedereen bezig, maar een oplossing komt er zo niet.")
    found = classify_genre("Samen de polder in", sections_from_text(text), "nl", URL)
    assert found == Genre("opinion", ("standfirst naming the writer ('Anna de Wit en Kees van Dam')",))
    english = ("Councils should keep their libraries open, argue Mary Collins and James Lewis. Cuts that close them "
               "cost more in the end than they save.")
    assert classify_genre("", sections_from_text(english), "en", URL).label == "opinion"
    # a report of what two people think names them as sources, not with a bare plural verb
    report = ("Boeren en natuurclubs willen samen de polder inrichten, zeggen Anna de Wit en Kees van Dam van de "
              "werkgroep. De werkgroep stuurde dinsdag een brief aan de provincie.")
    assert classify_genre("Samen de polder in", sections_from_text(report), "nl", URL).label == "news"


def test_a_question_in_the_title_with_another_weak_sign_is_analysis_but_alone_it_is_not():
    text = ("Er gaan dit jaar mogelijk meer mensen stemmen dan vier jaar geleden, denken onderzoekers. "
            "Dat heeft verschillende oorzaken, van de campagne tot het weer op de dag zelf.")
    asked = classify_genre("Waarom gaan er meer mensen stemmen?", sections_from_text(text), "nl", URL)
    assert asked.label == "analysis" and "title is a question" in asked.evidence
    news = ("De politie heeft dinsdag in Arnhem een 41-jarige man aangehouden op verdenking van brandstichting in "
            "een bedrijfspand. Bij de brand raakte niemand gewond, meldt de veiligheidsregio.")
    assert classify_genre("Brandstichter opgepakt?", sections_from_text(news), "nl", URL).label == "news"


def test_a_question_title_followed_by_a_kicker_is_still_a_question() -> None:
    # some feeds glue a kicker or rubric after the headline: "Komt de brug er ooit?. Zwolle"
    text = ("Er gaan dit jaar mogelijk meer mensen stemmen dan vier jaar geleden, denken onderzoekers. "
            "Dat heeft verschillende oorzaken, van de campagne tot het weer op de dag zelf.")
    for title in ("Waarom gaan er meer mensen stemmen?. Verkiezingen", "Waarom gaan er meer mensen stemmen? Opkomst"):
        asked = classify_genre(title, sections_from_text(text), "nl", URL)
        assert asked.label == "analysis" and "title is a question" in asked.evidence, title
    english = ("More people may vote this year than four years ago, researchers think. There are several reasons, "
               "from the campaign to the weather on the day itself.")
    assert classify_genre("Why will more people vote?. Elections", sections_from_text(english), "en", URL).label \
        == "analysis"
    # a quoted kicker leaves the headline's question with the stop that glued them: "Wat is zwaar?. 'Kicker'"
    for title in ("Waarom gaan er meer mensen stemmen?. 'Opkomst hoger dan ooit'", "Waarom stemmen we?."):
        asked = classify_genre(title, sections_from_text(text), "nl", URL)
        assert asked.label == "analysis" and "title is a question" in asked.evidence, title
    # a question quoted in the title is someone's, not the headline's; alone, a question title is no analysis
    quoted = classify_genre("'Waarom gaan er meer mensen stemmen?' Onderzoekers verbaasd", sections_from_text(text),
                            "nl", URL)
    assert "title is a question" not in quoted.evidence
    news = ("De politie heeft dinsdag in Arnhem een 41-jarige man aangehouden op verdenking van brandstichting in "
            "een bedrijfspand. Bij de brand raakte niemand gewond, meldt de veiligheidsregio.")
    assert classify_genre("Brandstichter opgepakt?. Arnhem", sections_from_text(news), "nl", URL).label == "news"


def test_a_lead_that_names_yesterday_morning_reports() -> None:
    # "gistermorgen", "zaterdagmorgen" name the day as "gisteren" and "zaterdagochtend" do: a question title and a
    # how/what title beside them are a court report's, not an analysis'
    text = ("Het leek wel een noodsignaal, gistermorgen in de rechtszaal in Zutphen. Daar zat de oud-compagnon van "
            "de projectontwikkelaar tegenover hem; de rechter doet over twee weken uitspraak.")
    found = classify_genre("Wat ging er om in het hoofd van de ontwikkelaar?", sections_from_text(text), "nl", URL)
    assert found.label == "news", found
    weekend = text.replace("gistermorgen", "zaterdagmorgen")
    assert classify_genre("Wat ging er om in het hoofd van de ontwikkelaar?", sections_from_text(weekend), "nl",
                          URL).label == "news"


MUSING_NL = [
    "De dijkgraaf van ons waterschap zei vorige week dat de rivier 'ruimte moet krijgen'. Het klinkt mooi, maar wie "
    "woont er eigenlijk op die ruimte? Langs de Maas staan boerderijen die er al drie eeuwen staan.",
    "Ik ben opgegroeid op zo'n boerderij. De winters dat het water tot aan de stal kwam, vergeet je niet. Toch is het "
    "gesprek over ruimte voor de rivier nooit een gesprek met de bewoners geweest, maar een gesprek over hen.",
    "Het waterschap heeft kaarten, modellen en rekensommen. Die zijn nodig, dat zal niemand ontkennen. Maar een kaart "
    "vertelt niet wat een familie verliest als een erf moet wijken voor een nevengeul van een paar honderd meter.",
    "Het zou goed zijn als de provincie en het waterschap eerst eens langsgaan, met koffie en zonder kaarten. Wie "
    "ruimte vraagt, moet eerst ruimte geven aan de mensen die het betreft.",
]


def test_a_writer_named_at_the_end_of_the_title_with_a_personal_voice_is_opinion() -> None:
    musing = sections_from_text("\n\n".join(MUSING_NL))
    assert classify_genre("Ruimte voor de rivier", musing, "nl", URL).label == "news"  # one weak sign: not enough
    column = classify_genre("Ruimte voor de rivier. Marleen Voskuijl", musing, "nl", URL)
    assert column.label == "opinion" and any("Marleen Voskuijl" in e for e in column.evidence)
    # a kicker that the text is about, or a dateline, is no writer
    assert classify_genre("Ruimte voor de rivier. Langs de Maas", musing, "nl", URL).label == "news"
    news = sections_from_text("\n\n".join(NEWS_NL))
    assert classify_genre("Brug over het Zwarte Water. Petra Smit", news, "nl", URL).label == "news"
    # a columnist known by one name, glued after the title's question mark
    assert classify_genre("Wie woont er op de ruimte?. Voskuijl", musing, "nl", URL).label == "opinion"
    # a one-word kicker the text is about is no writer
    assert classify_genre("Ruimte voor de rivier. Maas", musing, "nl", URL).label == "news"


VERDICT_NL = (
    "Het kabinet presenteerde vorige week zijn plan voor de spoorlijn naar het noorden. Daarin staat dat de trein "
    "pas over twaalf jaar gaat rijden, en dat de provincie een derde van de kosten moet dragen. Dat is inmiddels het "
    "vierde plan in tien jaar, en ook dit plan rekent met geld dat er nog niet is. De provincie heeft al laten weten "
    "dat zij niet meer betaalt dan was afgesproken. Zo schuift iedereen de rekening door naar de volgende ronde. "
    "Intussen rijden er elke ochtend overvolle bussen over de provinciale weg, staan forenzen een uur in de file "
    "bij de brug over het kanaal en verhuizen jonge gezinnen naar de stad, waar wel een station is. De gemeenten "
    "langs de route hebben hun bestemmingsplannen al drie keer aangepast aan een tracé dat telkens weer verschuift. "
    "Ik hoop dat de Kamer nu eindelijk doorpakt. Het is mooi geweest."
)


def test_a_column_whose_verdict_closes_in_the_first_person_under_its_writers_name_is_opinion() -> None:
    column = classify_genre("Het is mooi geweest. Tineke Roelofsma", sections_from_text(VERDICT_NL), "nl", URL)
    assert column == Genre("opinion", ("title ends with a writer's name ('Tineke Roelofsma')",
                                       "closes in the first person"))  # one "ik" in 150 words: no voice
    # either sign alone is not enough
    assert classify_genre("Het is mooi geweest", sections_from_text(VERDICT_NL), "nl", URL).label == "news"
    report = VERDICT_NL.replace("Ik hoop", "De provincie hoopt")
    assert classify_genre("Het is mooi geweest. Tineke Roelofsma", sections_from_text(report), "nl", URL).label \
        == "news"
    # a report's closing quote is its speaker's first person, not the writer's
    quoted = VERDICT_NL.replace("Ik hoop dat de Kamer nu eindelijk doorpakt.",
                                ",,Ik hoop dat de Kamer nu eindelijk doorpakt'', zegt gedeputeerde Van Dijk.")
    assert classify_genre("Spoorlijn. Tineke Roelofsma", sections_from_text(quoted), "nl", URL).label == "news"


def test_an_op_ed_attributed_by_aldus_to_a_writer_the_text_never_names_again_is_opinion() -> None:
    op_ed = ("WONEN - Gemeenten moeten veel sneller betaalbare huizen bouwen, aldus Ria Kuipers. Wie net begint, "
             "vindt in de regio geen huis meer en de rij wachtenden groeit ieder jaar. Het is tijd dat "
             "Gedeputeerde Staten de grond die de provincie bezit zelf verkopen, voor woningen die mensen "
             "kunnen betalen.")
    found = classify_genre("Provincie kan meer doen", sections_from_text(op_ed), "nl", URL)
    assert found.label == "opinion" and "Ria Kuipers" in found.evidence[0]
    # a report names its source again further on
    report = ("Het aantal woningzoekenden in de regio is vorig jaar met twaalf procent gestegen, aldus Karel Appel. "
              "Appel, directeur van de woningcorporatie, zei dinsdag dat de wachttijd voor een huurwoning nu "
              "gemiddeld negen jaar is. Vorig jaar was dat nog zeven jaar.")
    assert classify_genre("Wachttijd huurwoning loopt op", sections_from_text(report), "nl", URL).label == "news"


def test_a_title_that_calls_for_action_in_the_writers_we_is_opinion() -> None:
    text = ("Overal in het land verschijnen weer de geel verkleurde bermen en weilanden, kapotgespoten met "
            "onkruidbestrijdingsmiddelen. Dat is opmerkelijk, want de Tweede Kamer heeft die praktijk al verboden. "
            "Boeren en gemeenten houden zich er niet aan, en niemand controleert het.")
    found = classify_genre("Stop het kapotspuiten van onze weilanden", sections_from_text(text), "nl", URL)
    assert found.label == "opinion" and "title calls for action" in found.evidence
    # one weak sign is not enough, and a speaker's "wij" after a colon is theirs, not the writer's
    assert classify_genre("Stop met spuiten in de bermen", sections_from_text(text), "nl", URL).label == "news"
    assert classify_genre("Boeren: wij spuiten niet meer", sections_from_text(text), "nl", URL).label == "news"
    # a dateline glued to the title is no writer
    assert classify_genre("Boeren spuiten door. Lelystad", sections_from_text(text), "nl", URL).label == "news"


BACKGROUND_NL = (
    "Het aantal huizen dat in Nederland wordt gebouwd, blijft al jaren achter bij wat nodig is. Hoe kan dat, terwijl "
    "iedereen het erover eens is dat er meer moet komen? Wie met bouwers, gemeenten en provincies praat, hoort steeds "
    "hetzelfde verhaal: er is grond, er is geld, maar de procedures duren te lang. "
) + " ".join(f"Een project in gemeente {n} wachtte {n % 7 + 2} jaar op een vergunning." for n in range(80))


def test_a_long_piece_that_opens_on_its_own_question_is_analysis_unless_its_lead_dates_the_news() -> None:
    found = classify_genre("Bouwen blijft achter", sections_from_text(BACKGROUND_NL), "nl", URL)
    assert found.label == "analysis" and "opens on a question in its own voice" in found.evidence
    # short, it has one weak sign only
    short = BACKGROUND_NL.split("Een project")[0]
    assert classify_genre("Bouwen blijft achter", sections_from_text(short), "nl", URL).label == "news"
    # a lead that says on which day it happened reports, whatever questions the piece asks
    dated = "Het kabinet heeft dinsdag een plan gepresenteerd om sneller te bouwen. " + BACKGROUND_NL
    assert classify_genre("Kabinet wil sneller bouwen", sections_from_text(dated), "nl", URL).label == "news"
    # a today that tells nothing past is still ahead: background to the day's summit, not its report
    ahead = "De ministers van de EU ontmoeten elkaar vandaag in Brussel. " + BACKGROUND_NL
    assert classify_genre("Bouwen blijft achter", sections_from_text(ahead), "nl", URL).label == "analysis"
    met = "De ministers van de EU hebben elkaar vandaag in Brussel gesproken. " + BACKGROUND_NL
    assert classify_genre("Bouwen blijft achter", sections_from_text(met), "nl", URL).label == "news"
    explainer = ("Is the drought in the south a sign of things to come? Farmers have seen dry summers before, but "
                 "never three in a row. ") + " ".join(f"In county {n} wells fell {n % 5 + 1} m." for n in range(90))
    assert classify_genre("", sections_from_text(explainer), "en", URL).label == "analysis"
    meet, met = "Ministers meet today in Brussels. ", "Ministers met today in Brussels. "
    assert classify_genre("", sections_from_text(meet + explainer), "en", URL).label == "analysis"
    assert classify_genre("", sections_from_text(met + explainer), "en", URL).label == "news"


def test_a_columnist_who_asks_questions_is_opinion_not_analysis() -> None:
    musing = sections_from_text("\n\n".join(MUSING_NL))
    assert classify_genre("Wie woont er op de ruimte?. Voskuijl", musing, "nl", URL).label == "opinion"


def test_a_first_sentence_in_the_writers_own_voice_with_a_personal_voice_is_opinion() -> None:
    column = ("Pas na de verkiezingen heb ik het programma van de nieuwe partij eens goed gelezen. Zoals ik al "
              "vreesde, spreekt het zichzelf voortdurend tegen. ") + "Het programma belooft lagere belastingen. " * 40
    assert classify_genre("Programma vol gaten", sections_from_text(column), "nl", URL).label == "opinion"
    quoted = ',,Pas na de verkiezingen heb ik het programma eens goed gelezen\'\', zegt wethouder Petra Smit. ' + (
        "Het programma belooft lagere belastingen. " * 30)
    assert classify_genre("Wethouder leest programma", sections_from_text(quoted), "nl", URL).label == "news"


def test_a_markets_column_of_price_changes_is_service_but_a_report_on_one_share_is_news() -> None:
    column = ("Het chemieconcern boekte vorig jaar meer omzet. -0,6% Chemco Het navigatiebedrijf verlengt zijn "
              "contract met een autofabrikant. +2,3% Navico De club won ook op de beurs. +7,8% Voetbalclub NV "
              "De bank zou geld hebben laten passeren. -2,2% Bankco")
    found = classify_genre("", sections_from_text(column), "nl", URL)
    assert found.label == "service" and "price changes" in found.evidence[0]
    report = ("Het aandeel van het chemieconcern steeg dinsdag met +2,3% nadat het bedrijf een hogere omzet meldde. "
              "Topman Jan Smit sprak van een goed jaar. De omzet steeg naar 1,2 miljard euro, vooral door de verkoop "
              "in Azië. Een concurrent zag zijn koers juist dalen, met -1,1%, na een winstwaarschuwing. Analisten "
              "verwachten dat de vraag naar coatings dit jaar verder groeit.")
    assert classify_genre("Chemco stijgt", sections_from_text(report), "nl", URL).label == "news"


def test_a_lead_about_tonights_match_that_reports_nothing_yet_is_a_preview() -> None:
    preview = ("Trainer Eva Jacobs grijpt in bij de koploper. Door strakke afspraken moet FC Rivierstad vanavond tegen "
               "Sparta Dalen de eerste stap naar de titel zetten. Discipline, hard werken en geduld: dat is wat Jacobs "
               "van haar spelers vraagt. Aanvoerder Tim Bos keert terug na een blessure, doelman Rik Veen ontbreekt.")
    found = classify_genre("Discipline moet koploper helpen", sections_from_text(preview), "nl", URL)
    assert found == Genre("preview", ("lead looks ahead ('vanavond')", "lead reports nothing that already happened"))
    english = ("The chief executive of the water company will face questions from a committee of MPs tomorrow about "
               "the sewage in the river. Members want to know how much the company knew and when, and whether its "
               "plan to fix the pipes before winter is realistic. Campaigners plan a protest outside.")
    assert classify_genre("", sections_from_text(english), "en", URL).label == "preview"


def test_a_lead_that_looks_ahead_to_a_match_is_a_preview_though_it_tells_of_yesterdays_training() -> None:
    preview = ("FC Rivierstad bereidt zich voor op de beslissende wedstrijd morgen tegen Sparta Dalen. Vermoedelijk "
               "met aanvoerder Tim Bos, die gisteren weer de hele training meedeed. ,,Hij is er klaar voor'', zegt "
               "trainer Eva Jacobs. Bos viel vorige week uit met een kuitblessure.")
    found = classify_genre("Rivierstad rekent op Bos", sections_from_text(preview), "nl", URL)
    assert found == Genre("preview", ("lead looks ahead ('morgen')", "to a match ('wedstrijd')"))
    english = ("United prepare for the derby tomorrow without their captain, who trained alone yesterday. The manager "
               "said he expected a hard game against a side that beat them twice last season.")
    assert classify_genre("United without captain", sections_from_text(english), "en", URL).label == "preview"
    # a final report, or a match that is no part of the lead's look ahead, is no sign of a preview
    tests = ("Scientists said final tests on the well are due later today, before engineers pump mud into it. The "
             "company said the work had gone to plan.")
    assert classify_genre("", sections_from_text(tests), "en", URL).label == "news"


def test_a_coachs_talk_before_a_match_is_a_preview_though_its_lead_says_who_speaks() -> None:
    talk = ("Trainer Eva Jacobs is voorbereid op een fel Sparta Dalen in het eigen stadion. ,,Ik verwacht dat ze vanaf "
            "de aftrap druk zetten'', zegt de coach van FC Rivierstad. ,,Zij moeten, maar wij willen ook gewoon winnen "
            "en zo gaan we ook spelen. Op het middenveld hebben we genoeg keuze.''")
    found = classify_genre("'Wij hebben genoeg keuze'", sections_from_text(talk), "nl", URL)
    assert found == Genre("preview", ("lead looks ahead ('is voorbereid op')",
                                      "its quotes look ahead to the game ('willen ook gewoon winnen')"))
    fixture = ("FC Rivierstad treft zondag koploper Sparta Dalen. ,,Dit is de wedstrijd waar iedereen naar uitkijkt'', "
               "zegt aanvoerder Tim Bos. ,,We moeten thuis winnen, anders is de titel weg.''")
    assert classify_genre("Bos wil de titel", sections_from_text(fixture), "nl", URL).label == "preview"
    english = ("Town manager Ann Lee is ready for a fierce Rovers side at the Dell. 'I expect them to press us from "
               "the first whistle,' said the coach. \"They have to win, but so do we, and that is how we will play. "
               "We have options in midfield.\"")
    assert classify_genre("Lee ready for Rovers", sections_from_text(english), "en", URL).label == "preview"


def test_a_match_report_a_transfer_or_a_government_readying_for_a_fight_stays_news() -> None:
    report = ("FC Rivierstad heeft zondag met 2-1 van Sparta Dalen gewonnen. ,,Volgende week moeten we weer winnen'', "
              "zegt trainer Eva Jacobs, die haar spits na rust zag scoren.")
    assert classify_genre("Rivierstad wint", sections_from_text(report), "nl", URL).label == "news"
    scored = ("FC Rivierstad rekent op spits Tim Bos, die bij de 3-0 tegen Sparta Dalen twee keer scoorde. ,,Zo willen "
              "we blijven spelen'', zegt trainer Eva Jacobs.")  # a score outside quotes: the game was played
    assert classify_genre("Bos beslist", sections_from_text(scored), "nl", URL).label == "news"
    transfer = ("FC Rivierstad heeft middenvelder Tim Bos overgenomen van Sparta Dalen. ,,Hij gaat bij ons veel "
                "spelen'', zegt trainer Eva Jacobs. Bos tekende een contract voor drie jaar.")
    assert classify_genre("Rivierstad haalt Bos", sections_from_text(transfer), "nl", URL).label == "news"
    cabinet = ("Het kabinet bereidt zich voor op een harde breuk met de buurlanden. ,,Deze strijd willen we winnen'', "
               "zegt de minister. Er komen vijfhonderd extra douaniers.")
    assert classify_genre("Kabinet maakt zich op", sections_from_text(cabinet), "nl", URL).label == "news"
    english = ("Town beat Rovers 2-1 at the Dell. 'We have to win like this again next week,' said coach Ann Lee, "
               "whose striker scored twice.")
    assert classify_genre("Town beat Rovers", sections_from_text(english), "en", URL).label == "news"


def test_a_lead_that_reports_what_happened_or_who_announced_it_stays_news_whatever_is_still_to_come() -> None:
    report = ("De politie heeft vanavond in Deventer een 27-jarige man aangehouden na een steekpartij in het centrum. "
              "FC Rivierstad speelt morgen thuis tegen Sparta Dalen. Het slachtoffer is naar het ziekenhuis gebracht.")
    assert classify_genre("Man aangehouden na steekpartij", sections_from_text(report), "nl", URL).label == "news"
    strike = ("De bonden rekenen erop dat volgende week vrijdag veel docenten het werk neerleggen. Scholen in het "
              "hele land gaan dicht, en op het Malieveld is een manifestatie gepland.")
    assert classify_genre("Leraren staken vrijdag", sections_from_text(strike), "nl", URL).label == "news"
    visit = ("Premier Anna de Wit reist vandaag naar Wenen en Praag om te vragen de stemming uit te stellen. "
             "Zij denkt dat ze langer nodig heeft om met de oppositie tot een akkoord te komen.")
    assert classify_genre("De Wit vraagt Wenen om uitstel", sections_from_text(visit), "nl", URL).label == "news"
    said = ("The council will vote tomorrow on closing three libraries, a spokesman said. Campaigners plan a protest "
            "outside the town hall before the meeting, which starts at six.")
    assert classify_genre("", sections_from_text(said), "en", URL).label == "news"


def _background(lead: str, habit: str, filler: str, sentences: int = 60) -> list[Section]:
    body = " ".join([lead, *(habit if n % 12 == 0 else filler.format(n=n) for n in range(sentences))])
    return sections_from_text(body)


def test_a_long_piece_on_how_things_go_whose_lead_cites_no_one_is_analysis() -> None:
    lead = "Langzaam verandert het platteland van kleur. Waar vroeger koeien stonden, staan nu zonnepanelen."
    habit = "Boeren verkopen steeds vaker een stuk land, en al jaren groeit de vraag naar stroom."
    filler = "Op perceel {n} liggen nu panelen op wat ooit grasland was."
    found = classify_genre("Het platteland kleurt blauw", _background(lead, habit, filler), "nl", URL)
    assert found.label == "analysis"
    assert found.evidence[0] == "tells how things go: 15 words of habit or trend ('steeds', 'vaker', 'al jaren')"
    assert "a long piece (over 500 words) whose lead cites no one" in found.evidence
    # a lead that says who says so is a report, however much background follows
    sourced = "Het platteland verandert van kleur, zegt onderzoeker Anna Mulder. Zonneparken nemen weilanden over."
    assert classify_genre("Zonneparken rukken op", _background(sourced, habit, filler), "nl", URL).label == "news"
    english = _background(
        "The coast is slowly losing its fishing towns. Where boats once landed their catch, holiday flats now stand.",
        "Young people increasingly leave, and for years the harbours have always emptied in winter.",
        "In harbour {n} only a few boats are left.",
    )
    assert classify_genre("", english, "en", URL).label == "analysis"


def test_a_word_of_habit_in_a_lead_that_cites_no_one_counts_twice_but_once_more_is_a_reports() -> None:
    body = " ".join(f"In wijk {n} staan nu {n} nieuwe huizen waar ooit een fabriek stond." for n in range(50))
    later = " Ook in Kampen ging het altijd zo."
    lead = "De coalitie in Zwolle verliest haar meerderheid in de raad. Een scenario dat vaker voorkomt. "
    found = classify_genre("Zwolle zoekt steun", sections_from_text(lead + body + later), "nl", URL)
    assert found.label == "analysis"
    assert found.evidence[0] == (
        "tells how things go: 2 words of habit or trend ('vaker', 'altijd'), 'vaker' in its lead"
    )
    # in the body only, two words are too few; "opnieuw" in a lead tells of one more event, as a report does
    plain = "De coalitie in Zwolle verliest haar meerderheid in de raad. Het college zoekt steun. "
    later_too = " Dat scenario komt vaker voor." + later
    assert classify_genre("Zwolle zoekt steun", sections_from_text(plain + body + later_too), "nl", URL).label \
        == "news"
    again = "De coalitie in Zwolle verliest opnieuw haar meerderheid in de raad. Het college zoekt steun. "
    assert classify_genre("Zwolle zoekt steun", sections_from_text(again + body + later), "nl", URL).label == "news"
    english = ("The coalition in Leeds loses its majority on the council. It is a scenario that often plays out. "
               + " ".join(f"In ward {n} there are now {n} new homes where a mill once stood." for n in range(50))
               + " In Hull it has always gone this way.")
    assert classify_genre("", sections_from_text(english), "en", URL).label == "analysis"


def test_a_piece_that_says_what_it_will_explain_and_opens_on_its_question_is_analysis() -> None:
    text = ("Generaal Marco Berends trok vorige week met zijn leger naar de hoofdstad. Wie is deze generaal? Berends "
            "werd geboren in een dorp in het oosten en diende jaren in het leger van de oude president. Later viel hij "
            "in ongenade en vertrok hij naar het buitenland, waar hij twintig jaar woonde.")
    found = classify_genre("Geliefd en gehaat", sections_from_text(text), "nl", URL)
    assert found.label == "analysis"
    assert "explains in its own voice ('Wie is deze generaal?')" in found.evidence
    english = ("Prices at the pump rose again this month. Here's why: refineries along the coast are closing for "
               "repairs at once, and what does that mean for drivers? Fewer tankers, longer queues, dearer fuel.")
    assert classify_genre("", sections_from_text(english), "en", URL).label == "analysis"


def test_a_profile_that_asks_who_its_subject_is_after_opening_on_it_is_analysis() -> None:
    profile = ("FC Rivierstad bouwt aan een nieuw elftal voor volgend seizoen. Middenvelder Tim Bos (23) is de eerste "
               "aanwinst. Wie is hij? Bos groeide op in een dorp aan de rivier en speelde vijf jaar bij Sparta Dalen. "
               ",,Een harde werker met een goede trap'', zegt oud-trainer Eva Jacobs. ,,Geen leider, wel iemand op wie "
               "je altijd kunt rekenen.'' Zijn broer speelt in de jeugd van dezelfde club.")
    found = classify_genre("'Een harde werker'. Bos komt naar Rivierstad", sections_from_text(profile), "nl", URL)
    assert found == Genre("analysis", ("opens on a question in its own voice",
                                       "explains in its own voice ('Wie is hij?')"))
    english = ("Rovers are building a new side for next season. Midfielder Tom Ash, 23, is the first signing. Who is "
               "he? Ash grew up by the river and spent five seasons at Town. \"A hard worker with a good pass,\" said "
               "his former coach Ann Lee. \"Not a leader, but someone you can always count on.\"")
    assert classify_genre("Ash joins Rovers", sections_from_text(english), "en", URL).label == "analysis"
    # the announcement of a signing, without a word of who the player is, stays news
    signing = ("FC Rivierstad heeft middenvelder Tim Bos (23) vastgelegd. Hij komt over van Sparta Dalen en tekent "
               "voor drie jaar. ,,Een harde werker'', zegt trainer Eva Jacobs.")
    assert classify_genre("Rivierstad haalt Bos", sections_from_text(signing), "nl", URL).label == "news"


ARGUMENT_NL = [
    "De bibliotheek in het dorp is meer dan een kast met boeken. Het is de plek waar kinderen leren lezen, waar "
    "ouderen de krant doornemen en waar nieuwkomers hun eerste Nederlandse woorden oefenen.",
    "Toch staat juist die plek op de lijst van bezuinigingen. De gemeente moet miljoenen besparen en kiest voor wat "
    "het minst lijkt te kosten: een gebouw sluiten, een paar banen schrappen, de boeken naar de stad brengen.",
    "Dat is een vergissing. Een bibliotheek die dicht is, gaat niet meer open. Het gebouw krijgt een andere "
    "bestemming, de vrijwilligers zoeken ander werk en de bezoekers raken de weg kwijt. Wat in jaren is opgebouwd, "
    "verdwijnt in een paar maanden.",
    "Er zijn andere keuzes mogelijk. De bibliotheek kan het gebouw delen met het consultatiebureau, de muziekschool "
    "of de huisarts. Dan betalen meer partijen de huur, en wint het dorp een plek waar alles samenkomt. In andere "
    "gemeenten werkt dat al, en niet slecht.",
    "Ook de openingstijden kunnen slimmer. Niet elke dag van negen tot vijf, maar juist na schooltijd en op de "
    "zaterdag, wanneer gezinnen tijd hebben. Een pasje waarmee leden zelf binnen kunnen, kost weinig en levert "
    "veel op.",
    "De raad beslist binnenkort over de begroting. Het zou verstandig zijn als de raadsleden eerst naar het dorp "
    "komen en zien wie er op een gewone middag tussen de kasten zit. Wie dat heeft gezien, schrapt de bibliotheek "
    "niet.",
    "Bezuinigen is nodig, niemand ontkent dat. Maar bezuinigen op de plek waar het dorp leert, leest en elkaar "
    "ontmoet, is bezuinigen op de toekomst. Dat kan de gemeente zich niet veroorloven, ook niet in krappe tijden.",
    "Er is geld te vinden in de posten die niemand mist: de dure adviseurs, de campagnes die geen kiezer ziet, de "
    "tweede laag managers in het gemeentehuis. Daar kan het mes in, zonder dat een kind zijn boek kwijtraakt. De "
    "bibliotheek hoort bij het dorp, zoals de school en de kerk. Laat het zo blijven.",
]


def test_a_long_text_that_quotes_and_cites_no_one_is_decided_by_one_weak_sign() -> None:
    assert len(" ".join(ARGUMENT_NL).split()) > 300
    found = classify("Geef de bibliotheek een toekomst", ARGUMENT_NL)  # a title that calls for action: one weak sign
    assert found.label == "opinion"
    assert found.evidence[:2] == ("title calls for action", "quotes and cites no one in over 300 words (300+)")
    # no weak sign at all: nothing says which genre, so news
    assert classify("De bibliotheek in het dorp", ARGUMENT_NL).label == "news"
    # a report says who says so somewhere; one quote or source, and one weak sign is no verdict again
    sourced = [*ARGUMENT_NL[:-1], ARGUMENT_NL[-1] + " Dat zegt wethouder Petra Smit."]
    assert classify("Geef de bibliotheek een toekomst", sourced).label == "news"
    quoted = [*ARGUMENT_NL[:-1], ARGUMENT_NL[-1] + ' "Wij gaan er opnieuw naar kijken."']
    assert classify("Geef de bibliotheek een toekomst", quoted).label == "news"
    # a lead that names the day reports, sourced or not
    dated = ["De gemeenteraad heeft dinsdagavond besloten de bibliotheek te sluiten.", *ARGUMENT_NL]
    assert classify("Geef de bibliotheek een toekomst", dated).label == "news"
    # short, a bare text is a brief: one weak sign is not enough
    assert classify("Geef de bibliotheek een toekomst", ARGUMENT_NL[:3]).label == "news"
    english = ["Why do small towns lose their banks? The answer lies in how people pay. Cash has become rare, and a "
               "branch that counts little cash costs more than it earns."] + [
        f"In town number {n} the branch closed after the last teller left, and the nearest one is far away." for n in
        range(16)]
    assert classify("", english, "en").label == "analysis"
    assert classify("", [english[0], "Most closures were announced last year, the bank said.", *english[1:]],
                    "en").label == "news"


ANSWERS_NL = [
    ",,Ik speel al sinds mijn zesde bij deze club. Mijn vader nam me mee naar de training, en ik ben nooit meer "
    "weggegaan. Dat maakt zo'n wedstrijd voor mij anders dan voor de jongens die hier net binnen zijn gekomen. Ik "
    "voel wat het betekent voor de mensen op de tribune, voor mijn familie ook.''",
    ",,Vorig seizoen was zwaar. Ik zat veel op de bank en wist niet goed waarom. Dan ga je twijfelen aan jezelf, dat "
    "is normaal denk ik. Maar ik heb hard gewerkt, extra trainingen gedaan, en nu sta ik er weer. Dat geeft een goed "
    "gevoel, al weet ik dat het zo weer anders kan zijn in het voetbal.''",
    ",,Met de trainer heb ik een goede band. Hij zegt eerlijk wat hij vindt, ook als dat niet leuk is. Daar heb ik "
    "meer aan dan aan iemand die alleen maar complimenten geeft. Hij wil dat ik vaker in de zestien kom, en daar "
    "werken we elke week aan, met video en op het veld.''",
    ",,Mijn vriendin zegt dat ik thuis alleen nog over voetbal praat. Dat klopt wel een beetje. Maar ik probeer ook "
    "andere dingen te doen: ik lees veel, ik ga met vrienden eten, ik speel gitaar. Dat helpt om het hoofd leeg te "
    "maken voor een grote wedstrijd als deze.''",
    ",,Over later denk ik nog niet zo na. Natuurlijk droom ik van het buitenland, iedereen droomt daarvan. Maar eerst "
    "wil ik hier iets winnen, met deze groep, voor deze mensen. Dat zou het mooiste zijn wat ik kan bedenken, mooier "
    "dan een transfer.''",
]


def test_a_portrait_of_long_answers_that_calls_itself_a_conversation_is_an_interview() -> None:
    opening = ("Middenvelder Daan Kuipers (22) staat zondag voor de belangrijkste wedstrijd van zijn loopbaan. "
               "Een gesprek over thuis, twijfel en dromen.")
    found = classify("Kuipers: 'Ik wil hier eerst iets winnen'", [opening, *ANSWERS_NL, *ANSWERS_NL[:3]])
    assert found.label == "interview"
    assert found.evidence[0] == "long answers in quotes make 95% of the text"
    assert "opens by calling itself a conversation ('gesprek')" in found.evidence
    # long answers alone: a report may quote at length too
    plain = "Middenvelder Daan Kuipers (22) staat zondag voor de belangrijkste wedstrijd van zijn loopbaan."
    assert classify("Kuipers wil iets winnen", [plain, *ANSWERS_NL, *ANSWERS_NL[:3]]).label == "news"
    # a report that mentions a conversation and quotes a sentence at a time stays news
    report = [opening, *NEWS_NL * 4]
    assert classify("Kuipers wil iets winnen", report).label == "news"


COMMENT_NL = (
    "Na deze verkiezingen mogen we wel concluderen dat het klimaat een serieus onderwerp is geworden. Toegegeven, de "
    "aandacht was nooit eerder zo groot. Het gaat niet alleen om de natuur, maar ook om de mensen die de rekening "
    "betalen. Dat begrijpt blijkbaar niet iedere partij. Wellicht leert de nieuwe coalitie daar iets van, want een "
    "thema dat zoveel kiezers trekt, laat zich niet wegpraten met een paar mooie woorden in een debat op televisie. "
    "Wie de komende jaren wil regeren, zal moeten laten zien dat de overgang voor gewone mensen te betalen is."
)
COMMENT_EN = (
    "After this election we may well conclude that the climate has become a serious subject. Admittedly, it was never "
    "given so much attention before. It is about nature, of course, but also about the people who pay the bill. "
    "Sadly, not every party understands that. Perhaps the new coalition will learn from it, because an issue that "
    "draws so many voters cannot be talked away with a few fine words in a debate on television. Whoever wants to "
    "govern in the coming years will have to show that the change is affordable for ordinary people."
)


def test_a_writer_who_opens_in_their_own_we_and_comments_throughout_is_opinion() -> None:
    found = classify_genre("Klimaat op de kaart", sections_from_text(COMMENT_NL), "nl", URL)
    assert found.label == "opinion"
    assert "comments in its own voice: 3 words of stance ('toegegeven', 'blijkbaar', 'wellicht')" in found.evidence
    assert "opens in the first person" in found.evidence
    assert classify_genre("", sections_from_text(COMMENT_EN), "en", URL).label == "opinion"


def test_words_of_stance_or_a_we_only_in_quotes_after_a_speaker_or_once_keep_a_report_news() -> None:
    quoted = (",,Na deze verkiezingen mogen we wel concluderen dat het klimaat een onderwerp is'', zegt Ineke Brouwer. "
              ",,Toegegeven, blijkbaar en wellicht niet voor iedereen.'' De partij won negen zetels in de Staten.")
    assert classify_genre("Brouwer blij met winst", sections_from_text(quoted), "nl", URL).label == "news"
    facts = ("Volgens de VN zijn al tienduizenden mensen uit het land op de vlucht geslagen, de meesten naar de "
             "buurlanden in het zuiden. De kampen daar zitten vol en de hulporganisaties hebben te weinig geld voor "
             "voedsel, water en tenten. De Veiligheidsraad komt volgende maand bijeen over de crisis. Nederland "
             "stuurt twee vliegtuigen met dekens en medicijnen, en de Europese Unie trekt tien miljoen euro uit voor "
             "de opvang in de kampen langs de grens. ")
    speaker = "VN-commissaris: We zijn bang voor een nieuwe vluchtelingencrisis. Hij noemde geen cijfers. " + facts
    assert classify_genre("VN bezorgd over vluchtelingen", sections_from_text(speaker), "nl", URL).label == "news"
    named = "We zijn bang voor een nieuwe crisis, zegt de VN-commissaris. Hij noemde geen cijfers. " + facts
    assert classify_genre("VN bezorgd over vluchtelingen", sections_from_text(named), "nl", URL).label == "news"
    camps = "De kampen langs de grens zitten vol en er is te weinig voedsel en water voor de gezinnen die er wachten. "
    once = "Het wordt natuurlijk een zware winter. " + camps * 16  # long and citing no one: one weak sign would decide
    assert classify_genre("Kampen vol", sections_from_text(once), "nl", URL).label == "news"


def test_a_piece_that_weighs_an_open_question_and_says_what_it_will_explain_is_analysis() -> None:
    text = ("De coalitie in Zwolle dreigt nog een zetel in de raad kwijt te raken. De Dorpslijst heeft een onzekere "
            "zetel. Dat zit zo. In juni telt het stembureau de stemmen opnieuw, en voor een derde zetel mist de partij "
            "nog enkele stemmen. De vraag is wat de kiezers van bevriende lijsten in de hertelling opleveren.")
    found = classify_genre("Onzekere zetels", sections_from_text(text), "nl", URL)
    assert found.label == "analysis"
    assert "weighs an open question in its own voice ('De vraag is')" in found.evidence
    alone = ("De raad van Zwolle heeft ingestemd met een nieuwe brug over het Zwarte Water, meldt de gemeente. De "
             "vraag is of de provincie een derde van de kosten betaalt, zoals eerder werd afgesproken.")
    assert classify_genre("Zwolle krijgt brug", sections_from_text(alone), "nl", URL).label == "news"
    english = ("The town's ruling group may lose another council seat. Here's why: the party is a handful of votes "
               "short of a third seat. The question is whether the recount will find them.")
    assert classify_genre("", sections_from_text(english), "en", URL).label == "analysis"


def test_a_transcripts_speakers_do_not_give_it_a_writers_voice() -> None:
    filler = "The crowd stays on the square in the rain. " * 45  # long and citing no one: one weak sign would decide
    remarks = "THIS IS A RUSH TRANSCRIPT. MARY LEE, CNN CORRESPONDENT: Of course the rain has not stopped. Frankly, "
    assert classify_genre("", sections_from_text(remarks + "Sadly, it goes on. " + filler), "en", URL).label == "news"
    weighs = "THIS IS A RUSH TRANSCRIPT. MARY LEE, CNN CORRESPONDENT: The question is whether the talks go on. "
    assert classify_genre("", sections_from_text(weighs + filler), "en", URL).label == "news"


def test_a_rubric_in_capitals_heading_part_of_a_page_decides_it() -> None:
    review = ("De Britse krant The Guardian ziet weinig hoop voor een akkoord. 'De premier heeft geen plan en geen "
              "meerderheid', schrijft de krant. 'Het land stevent af op een chaotisch vertrek.' ANDER COMMENTAAR "
              "KLIMAAT 'Een heffing is de enige weg', vindt Le Monde. 'Wie nu aarzelt, betaalt later dubbel.'")
    found = classify_genre("Geen hoop in Londen", sections_from_text(review), "nl", URL)
    assert found.label == "opinion"
    assert found.evidence[0] == "rubric 'ANDER COMMENTAAR' heading a part"
    english = ("The council voted to close three libraries on Tuesday. Campaigners said they would appeal. ANALYSIS "
               "Why the cuts fall on libraries first The council has few other budgets left to cut.")
    assert classify_genre("", sections_from_text(english), "en", URL).label == "analysis"
    # a link list's "Full Article ANALYSIS - ..." follows no sentence; capitals that are no rubric head nothing
    links = ("The council voted to close three libraries on Tuesday, its leader said. Full Article ANALYSIS - Cuts hit "
             "libraries first. UNISON Leeds said it would ballot its members.")
    assert classify_genre("", sections_from_text(links), "en", URL).label == "news"


def test_a_lead_that_cites_a_piece_in_this_paper_with_words_of_stance_is_a_reply_op_ed() -> None:
    reply = ("Met veel gevoel voor drama schreef Karel Dekker in de krant van vrijdag dat de senaat weg moet. Dat is "
             "natuurlijk een vreemde gedachte. De senaat kijkt immers naar de kwaliteit van wetten, en dat doet de "
             "Tweede Kamer uiteraard te weinig. Dekker ziet dat helaas over het hoofd.")
    found = classify_genre("De senaat is goed", sections_from_text(reply), "nl", URL)
    assert found.label == "opinion"
    assert "its lead cites a piece in this paper ('in de krant van vrijdag')" in found.evidence
    english = ("Writing on these pages last week, Karen Dale argued that the senate should go. That is surely wrong. "
               "The senate, of course, checks the quality of laws, and the house obviously does too little of that.")
    assert classify_genre("", sections_from_text(english), "en", URL).label == "opinion"
    # a report that recalls what someone told this paper is still a report
    report = ("Wethouder Anna Smit zei zaterdag in deze krant dat de brug er komt. Vandaag stemde de raad in met het "
              "plan, dat natuurlijk nog door de provincie moet worden goedgekeurd.")
    assert classify_genre("Raad stemt in met brug", sections_from_text(report), "nl", URL).label == "news"


def test_an_event_announced_by_day_date_and_hour_is_a_preview_but_a_dateline_or_a_bare_date_is_not() -> None:
    debate = ("Waar gaat de stad naartoe? De krant organiseert op donderdag 14 november (vanaf 19.30 uur) in de "
              "bibliotheek een avond over de toekomst van de stad. Wethouder Mike Smit praat met ondernemers.")
    found = classify_genre("Debat over de stad", sections_from_text(debate), "nl", URL)
    assert found == Genre("preview", ("lead looks ahead ('donderdag 14 november (vanaf 19.30')",
                                      "lead reports nothing that already happened"))
    english = ("The library opens its new wing on Saturday, June 1 at 10 a.m. with readings for children. Entry is "
               "free and the mayor will cut the ribbon.")
    assert classify_genre("", sections_from_text(english), "en", URL).label == "preview"
    dateline = ("Guardian, Monday 14 June 2010 19.39 BST. The company faces a hearing in Congress on its spill in the "
                "gulf, where oil keeps washing ashore.")
    assert classify_genre("", sections_from_text(dateline), "en", URL).label == "news"
    bare = ("De afscheidswedstrijd van het elftal voor het toernooi wordt gespeeld in Eindhoven. Dit duel is op "
            "zaterdag 1 juni. Het toernooi zelf wordt gehouden in Frankrijk.")
    assert classify_genre("Elftal speelt in Eindhoven", sections_from_text(bare), "nl", URL).label == "news"


def test_a_visit_or_opening_announced_by_day_and_date_is_a_preview() -> None:
    visit = ("De Zweedse schrijfster Lena Berg komt naar de regio. Zij gaat op zaterdag 9 mei langs drie "
             "scholen in Zwolle en Kampen om met leerlingen over haar nieuwe boek te praten.")
    found = classify_genre("Lena Berg bezoekt scholen", sections_from_text(visit), "nl", URL)
    assert found == Genre("preview", ("lead looks ahead ('gaat op zaterdag 9 mei')",
                                      "lead reports nothing that already happened"))
    english = ("The Swedish writer Lena Berg will visit three schools in Leeds on Saturday, May 9 to talk to pupils "
               "about her new book. Parents are welcome.")
    assert classify_genre("", sections_from_text(english), "en", URL).label == "preview"
    # what happened on a day and date is news; a dateline's date is no date to come
    arrest = ("Op dinsdag 5 maart is in Zwolle een man aangehouden die in een woning was ingebroken. De politie "
              "gaat ervan uit dat hij meer inbraken pleegde.")
    assert classify_genre("Inbreker opgepakt", sections_from_text(arrest), "nl", URL).label == "news"
    dateline = ("Profile of the new port director. Whether he can win over the unions is not yet clear Tuesday 4 "
                "May 2010 09.12 BST His appointment was never in doubt.")
    assert classify_genre("", sections_from_text(dateline), "en", URL).label == "news"


def test_a_call_for_readers_stories_or_photos_is_other_but_a_report_closing_on_one_is_not() -> None:
    births = ("Mail uw tekst en foto naar de redactie. Op 3 april is Sem geboren, de zoon van Anna en Piet de Vries "
              "uit Kampen. Hij woog 3400 gram. Op 5 april is Lotte geboren, het zusje van Daan. Zij woog 3100 gram.")
    found = classify_genre("Nieuw leven", sections_from_text(births), "nl", URL)
    assert found == Genre("other", ("asks readers to send in theirs ('Mail uw tekst en foto')",))
    witnesses = ("Volgend voorjaar is het 50 jaar geleden dat de dijk bij de stad doorbrak. Weet u nog hoe het water "
                 "de straten in kwam? Stuur een e-mail naar de redactie of bel ons.")
    assert classify_genre("Verhalen gezocht", sections_from_text(witnesses), "nl", URL).label == "other"
    photos = ("Share your photos of the flood. From streets under water to the clean-up, we want to see how it "
              "affected you. The best ones will appear in a gallery on our site.")
    assert classify_genre("", sections_from_text(photos), "en", URL).label == "other"
    # a long report that closes by asking for tips, or witnesses called to the police, is still news
    report = " ".join(NEWS_NL * 3) + " Heeft u de brand gezien? Stuur uw foto's naar de redactie."
    assert classify_genre("Brand in Zwolle", sections_from_text(report), "nl", URL).label == "news"
    police = ("De politie zoekt getuigen van een inbraak in Kampen, dinsdagnacht. Wie iets heeft gezien, kan "
              "bellen met de politie.")
    assert classify_genre("Getuigen gezocht", sections_from_text(police), "nl", URL).label == "news"


def test_a_correction_notice_is_other() -> None:
    notice = ("Vorige week publiceerden we een verhaal over de sloop van huizen in de wijk. Bij dat artikel stond een "
              "foto van twee bewoners die niets met het verzet te maken hebben. Onze excuses.")
    found = classify_genre("Bewoners niet tegen sloop. Correctie", sections_from_text(notice), "nl", URL)
    assert found == Genre("other", ("rubric 'Correctie' in the title",))


PRESS_REVIEW_NL = (
    "De landelijke kranten zijn kritisch over de aanpak van de droogte door het kabinet, maar prijzen de snelle hulp "
    "aan de boeren. Het Parool schrijft in zijn commentaar: 'Wie jarenlang waarschuwingen over lege sloten negeert, "
    "moet niet verbaasd zijn als het water op is. Het kabinet had veel eerder moeten ingrijpen, en dat wist het ook.' "
    "Trouw is milder: 'De minister heeft gedaan wat hij kon met wat er was. Dat de hulp er binnen een week lag, "
    "verdient lof, ook al komt het plan voor de lange termijn laat.' Volgens het commentaar van het Nederlands Dagblad "
    "ligt de fout bij de provincies: 'Zij beheren het water, zij hadden de boeren moeten waarschuwen voor wat komen "
    "ging.'"
)
PRESS_REVIEW_EN = (
    "Commentators react to the council's decision to close three libraries in Leeds. The Yorkshire Post says in its "
    "editorial: \"A city that closes its libraries tells its children that reading is a luxury. The council should "
    "find the money elsewhere, and it can.\" The Guardian's editorial is less sure: \"Nobody likes to see a library "
    "close, but the council has been given no choice by a government that has halved its budget.\" A columnist in "
    "the Evening Post adds: \"Three libraries today, three more next year. Where does it end?\""
)


def test_a_press_review_of_commentaries_is_opinion() -> None:
    # the papers' commentaries judging a matter in the lead, and their words making up much of the text
    found = classify_genre("'Kabinet had eerder moeten ingrijpen'", sections_from_text(PRESS_REVIEW_NL), "nl", URL)
    assert found.label == "opinion"
    assert found.evidence[0].startswith("a press review: 'De landelijke kranten zijn kritisch' in its lead")
    english = classify_genre("", sections_from_text(PRESS_REVIEW_EN), "en", URL)
    assert english.label == "opinion" and english.evidence[0].startswith("a press review: 'Commentators react'")
    # commentators and commentaries that say or write something in the lead judge it (papers may report it)
    said = PRESS_REVIEW_NL.replace("De landelijke kranten zijn kritisch over", "Commentatoren schrijven vooral over")
    found = classify_genre("Droogte", sections_from_text(said), "nl", URL)
    assert found.label == "opinion" and "'Commentatoren schrijven'" in found.evidence[0]
    said = PRESS_REVIEW_EN.replace("Commentators react to", "Editorials in the northern papers said little about")
    found = classify_genre("", sections_from_text(said), "en", URL)
    assert found.label == "opinion" and "'Editorials in the northern papers said'" in found.evidence[0]
    assert classify("Pijnlijke week voor het kabinet. Persschouw", ESSAY_NL).label == "opinion"
    assert classify("Press review: the week in Brussels", NEWS_EN, "en").label == "opinion"


def test_a_report_of_what_the_papers_report_or_that_names_critics_in_passing_is_news() -> None:
    # papers reporting a fact are a report's source, not commentaries judging it
    reported = ("Britse kranten meldden zaterdag dat de premier overweegt af te treden. 'Ze heeft er genoeg van', zegt "
                "een medewerker volgens The Times. " + " ".join(NEWS_NL))
    assert classify_genre("Premier overweegt aftreden", sections_from_text(reported), "nl", URL).label == "news"
    english = ("Norwegian newspapers said on Saturday that Oslo plans a new toll on the coastal road. "
               + " ".join(NEWS_EN))
    assert classify_genre("", sections_from_text(english), "en", URL).label == "news"
    # a lead that names the papers' judgement, in a report that hardly quotes them, is a report
    critics = ("De kranten zijn kritisch over het besluit, maar de gemeenteraad van Zwolle heeft dinsdagavond toch "
               "ingestemd met de bouw van een nieuwe brug over het Zwarte Water. " + " ".join(NEWS_NL[1:] * 2))
    assert classify_genre("Zwolle krijgt nieuwe brug", sections_from_text(critics), "nl", URL).label == "news"
    # the papers' reactions told in the reporter's words, quoting none of them, report them
    told = ("De landelijke kranten zijn kritisch over de aanpak van de droogte. Het Parool vindt in zijn commentaar "
            "dat het kabinet eerder had moeten ingrijpen, Trouw prijst in een commentaar de snelle hulp aan boeren en "
            "het Nederlands Dagblad legt de schuld bij de provincies, die het water beheren.")
    assert classify_genre("Kranten kritisch over droogte", sections_from_text(told), "nl", URL).label == "news"


PIGEONS_NL = (
    "Nergens wordt zo reikhalzend naar het voorjaar uitgezien als op de zolders van Drenthe. Terwijl de rest van het "
    "dorp nog slaapt, klinkt daar al het koeren van honderden duiven. Henk Wolters (67) staat er elke ochtend om vijf "
    'uur tussen. "Zonder mijn duiven ben ik niemand", zegt hij. Zijn vader hield ze al, en diens vader ook. In de '
    'schuur hangen de bekers van veertig jaar vliegen. "Dit jaar wil ik nog één keer de eerste prijs."'
)


def test_a_portrait_of_a_private_person_by_the_given_name_with_no_event_is_other() -> None:
    found = classify_genre("Henk leeft voor zijn duiven", sections_from_text(PIGEONS_NL), "nl", URL)
    assert found == Genre("other", (
        "the title calls 'Henk' by the given name, the text 'Henk Wolters (67)'",
        "its lead sets a scene before naming them, and names no day",
    ))  # fmt: skip


def test_a_report_on_a_private_person_named_in_its_lead_or_dated_stays_news() -> None:
    # a report says in its lead who did what, or on which day
    named = PIGEONS_NL.replace("Nergens wordt", "Henk Wolters heeft zijn duiven verkocht. Nergens wordt", 1)
    assert classify_genre("Henk verkoopt zijn duiven", sections_from_text(named), "nl", URL).label == "news"
    dated = PIGEONS_NL.replace("Terwijl de rest", "Zaterdag vloog de eerste wedvlucht. Terwijl de rest", 1)
    assert classify_genre("Henk wint eerste wedvlucht", sections_from_text(dated), "nl", URL).label == "news"
    # a given name further on in the title is often not the person portrayed
    assert classify_genre("Buurman van Henk klaagt over duiven", sections_from_text(PIGEONS_NL), "nl", URL) == Genre(
        "news", ("no sign of another genre",)
    )
    # a title that calls them by the surname is a report's
    assert classify_genre("Wolters leeft voor zijn duiven", sections_from_text(PIGEONS_NL), "nl", URL).label == "news"


def test_a_chronology_of_what_happened_announced_in_the_lead_is_background_not_news() -> None:
    english = ("Floods have swept the Tarn valley since a dam failed on 2 March, forcing 4,000 people from their "
               "homes. Below is a timeline of the floods so far: 2 March - the dam at Ravel fails; "
               "3 March - the army builds a dyke at Luz.")
    found = classify_genre("Tarn valley floods", sections_from_text(english), "en", URL)
    assert found.label == "analysis"
    assert found.evidence[0] == "a chronology or facts of what is known ('Below is a timeline')"
    facts = ("Health officials in Norway released advice on Tuesday. Here are some facts about how the Tarn fever "
             "spreads: * it passes between people by touch; * it lives for two days on metal surfaces.")
    found = classify_genre("Tarn fever", sections_from_text(facts), "en", URL)
    assert found.label == "analysis"
    assert found.evidence[0] == "a chronology or facts of what is known ('Here are some facts')"
    dutch = ("Wethouder Jan Smit is niet de enige die wordt bedreigd. Een greep uit de incidenten van dit jaar: "
             "in maart kreeg een raadslid in Zwolle dreigbrieven, in mei werd een auto bekrast.")
    assert classify_genre("Bedreigingen van bestuurders", sections_from_text(dutch), "nl", URL).label == "analysis"
    report = ("De dijk bij Ravel is vannacht doorgebroken, meldt het waterschap. De bewoners van 300 huizen moeten "
              "weg. Een tijdlijn volgt later vandaag.")
    assert classify_genre("Dijk bij Ravel doorgebroken", sections_from_text(report), "nl", URL).label == "news"


def _comments_page(comments: int) -> str:
    """A short blog post on a flood, then `comments` readers' comments (each with its header)."""
    post = ("The water board says the dikes along the Meuse will hold this week. Engineers checked every "
            "section on Monday and found no leaks, the board said in a statement. ") * 3
    said = ("At {}:15 pm on 12 Jun 2031 , reader{} wrote : I live by the river and I think this is all "
            "exaggerated, we have seen higher water before and nobody panicked then. ")
    return post + "".join(said.format(n % 12 + 1, n) for n in range(comments))


def test_a_page_that_is_mostly_readers_comments_is_letters() -> None:
    from datetime import UTC, datetime

    from volg.models import RawArticle
    from volg.pipeline.clean.article import clean_article

    def genre(text: str) -> tuple[str, tuple[str, ...]]:
        raw = RawArticle(origin="t", url="https://blog.example/dikes", title="Will the dikes hold?", text=text,
                         published_at=datetime(2031, 6, 12, tzinfo=UTC), language="en")
        clean = clean_article(raw)
        assert "reader1 wrote" not in " ".join(clean.paragraphs)  # the comments go with the boilerplate
        return clean.genre, clean.genre_evidence

    label, evidence = genre(_comments_page(12))
    assert label == "letters" and evidence[0].startswith("mostly readers' comments (")
    assert genre(_comments_page(2))[0] != "letters"  # a post with a few comments under it is what its text is
