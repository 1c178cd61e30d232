"""Which sentences may summarise a development: running prose, never transcript furniture or page residue."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from volg.models import Passage, Rendition, StoryArticle
from volg.pipeline.clean.datelines import without_dateline, without_kicker
from volg.pipeline.develop.facts import hard_facts, has_page_residue, is_boilerplate
from volg.pipeline.develop.summarize import (
    _BRIEFS,
    Candidate,
    _acceptable,
    _told,
    _word_count,
    clean_headline,
    compares_back,
    is_dangling,
    looks_back,
    sets_scene,
    speaks,
    summary,
    tells_news,
    told_sentences,
    unattributed_quotes,
    unnamed_speaker,
)


def acceptable(text: str) -> bool:
    return _acceptable(text, _word_count(text), "", "")


@pytest.mark.parametrize(
    "text",
    [
        "THIS IS A RUSH TRANSCRIPT .",
        "THIS IS AN EARLY TRANSCRIPT. THE TEXT WILL BE CHECKED AGAINST THE TAPE AND MAY CHANGE.",
        "JANE DOE , WIRE TV ANCHOR : Good morning and welcome to the show , we have a lot to cover today .",
        "JOHN ROE, HOST: We are hearing the first reports of damage in the streets of Venlo tonight.",
        "KOK : The place : Venlo , where the mayor spoke to the town on the radio last night .",
        "MARKUS LANZ, MODERATOR: Guten Abend und herzlich willkommen zu unserer Sendung heute Abend.",
        "YES | NO jalsarraf , a reader from Cairo , wrote that the protests will change the country .",
        "March 3 , 2012 at 9:41 pm | Report abuse | I doubt the mayor will ever listen to us .",
        "Click here to read the full story about the protests in the streets of Cairo today .",
        "Floods in Limburg ; Strike at Port ; Budget Talks Stall ; Preview of Mayor 's Speech .",
        "Anna Visser , the former head of the U.N. food agency -LRB- FAO , returns to join the talks .",
        "Anna Visser (the former head of the food agency, returns to Rome to join the talks.",
    ],
)
def test_furniture_capitals_labels_and_fragments_are_refused(text: str) -> None:
    assert not acceptable(text)


@pytest.mark.parametrize(
    "text",
    [
        # PTB tokenisation, as T17 gives it: spaced punctuation, -LRB- -RRB-, `` ''
        "U.S. Senator Jane Miller and U.S. Representative Tom Baker , a Democrat from Ohio , both "
        "spoke on local radio last night .",
        "Anna Visser , the former head of the U.N. food agency -LRB- FAO -RRB- , returns to "
        "Rome to join the talks .",
        "Portugal 's army said it would hand power to an elected council , and `` not '' stay for long .",
        "NATO and the EU said on Monday that the talks with Moscow would resume in Brussels next week.",
        "Die Regierung hat am Montag in Berlin den neuen Haushalt vorgestellt und beschlossen.",
        "In het Belgische Dinant zijn zeker 12 mensen om het leven gekomen bij een overstroming van de Maas.",
    ],
)
def test_prose_passes_also_with_spaced_punctuation(text: str) -> None:
    assert acceptable(text)


def test_spaced_punctuation_does_not_count_as_words() -> None:
    assert _word_count("Good morning , Cairo .") == 3
    assert not acceptable("Protests spread to Suez , police said .")  # five words, not eight


def test_short_page_furniture_is_boilerplate_but_a_paragraph_mentioning_a_click_is_not() -> None:
    assert is_boilerplate("YES | NO")
    assert is_boilerplate("Report abuse")
    assert is_boilerplate("Click here to share")
    assert has_page_residue("March 3 , 2012 at 9:41 pm | Report abuse | I doubt the mayor")
    assert is_boilerplate("Views expressed by readers below do not represent those of the Harbour Post .")
    assert is_boilerplate("Reacties van lezers geven niet de mening van de redactie weer.")
    assert is_boilerplate("All comments appear under the Comments tab .")
    assert is_boilerplate("Plaats een reactie onder dit artikel.")
    assert not is_boilerplate("The minister did not comment on the report on Tuesday.")
    # where the outlet's own reporters were is a credit, not news
    assert is_boilerplate("Jane Doe reported from the border and John Roe reported from Atlanta .")
    assert not is_boilerplate("Troops reported from the front that the town had fallen after a long siege.")
    long = " ".join(["Voters who click on the ballot screen twice saw their choice recorded once."] * 3)
    assert not is_boilerplate(long)


def test_a_dateline_with_two_places_is_stripped() -> None:
    assert without_dateline("GENEVA/KYIV, Nov 16 (Continental Wire) - An envoy proposed a pause.") == (
        "An envoy proposed a pause."
    )


@pytest.mark.parametrize("dateline", [
    "OSLO | Tue May 4 , 2010 9:12 am EDT OSLO ( Wire ) - ",  # an archive's place, day and hour before the wire's
    "OSLO , May 4 -LRB- Wire -RRB- - ",  # tokenised brackets
    "OSLO\\/BERGEN ( Wire ) - ",
    "Tue May 4 , 2010 9:12 am EDT ( Wire ) - ",
    "Photo : Wire\\/Harbour TV via Wire TV OSLO | Tue May 4 , 2010 9:12 am EDT OSLO ( Wire ) - ",
    "Tuesday 4 May 2010 09.12 BST ",  # a page's time stamp
    "4 May 2010 Last updated at 09:12 GMT Help ",  # with its help link flattened after it
    "Last updated at 09:12 GMT ",
    "4 May 2010 Last updated at 09:12 ",
    "Photograph : PA ",  # a caption's credit
    "Photograph : Jane Doe\\/AP ",
    "Foto: ANP\\/Piet Smit ",
    "Photograph : Reuters\\/Jane Doe ",  # a photographer after an agency
    "Photograph : Harbour Board of Oslo\\/Wire ",  # an institution's picture
    "Photograph : Jane Doe\\/Wire\\/Snap Images ",  # a photographer, an agency and a picture library
    "Foto: Jan de Vries\\/ANP ",
    "11.30 pm CDT : ",  # a live blog's time, in any of its forms
    "14:32 - ",
    "2.15pm: ",
    "15.05 ",
    "OSLO , 2:47 p.m. ET , 8:47 p.m. local : ",  # with the entry's place before it and the local time after it
    "NORWAY, 3:29 p.m. ET: ",
])
def test_a_wire_dateline_or_time_stamp_written_any_way_is_stripped(dateline: str) -> None:
    assert without_dateline(dateline + "The harbour reopened on Tuesday.") == "The harbour reopened on Tuesday."


def test_after_a_photographer_and_agency_the_next_capitalised_words_open_the_sentence() -> None:
    assert without_dateline("Photograph : Jane Doe\\/Reuters Barack Obama signed the bill.") == (
        "Barack Obama signed the bill.")
    assert without_dateline("Photo : A cyclist rides along a dyke. Ferries resumed.") == (
        "Photo : A cyclist rides along a dyke. Ferries resumed.")  # a caption's own words, no credit


@pytest.mark.parametrize(("sentence", "expected"), [
    ("veerdienst - Het kabinet schrapt de subsidie.", "Het kabinet schrapt de subsidie."),
    ("OPENBAAR - Het rapport over de dijk ligt ter inzage.", "Het rapport over de dijk ligt ter inzage."),
    ("Havenstaking - reportage - Sjorders leggen het werk neer.", "Sjorders leggen het werk neer."),
    ("Veerdienst - Met de nieuwe boot vaart de dienst vaker.", "Met de nieuwe boot vaart de dienst vaker."),
    ("Ajax - PSV eindigde in 3-1.", "Ajax - PSV eindigde in 3-1."),  # a match, not a kicker
    ("Ajax - PSV - AZ is de top drie.", "Ajax - PSV - AZ is de top drie."),
    ("Dat de polder - het bouwwerk van overleg - leeft, blijkt nu.",  # a clause between dashes
     "Dat de polder - het bouwwerk van overleg - leeft, blijkt nu."),
])
def test_a_kicker_before_the_first_sentence_goes(sentence: str, expected: str) -> None:
    assert without_kicker(sentence, "nl") == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("NEW ORLEANS -- No oil leaked from the rig.", "No oil leaked from the rig."),
    ("GRAND ISLE , La. -- Tar balls washed up.", "Tar balls washed up."),
    ("OSLO — The harbour reopened.", "The harbour reopened."),
    ("Ajax -- PSV eindigde in 3-1.", "Ajax -- PSV eindigde in 3-1."),  # a match: not a place in capitals
    ("PSV — Ajax eindigde in 3-1.", "PSV — Ajax eindigde in 3-1."),
    ("The BP -- and Shell -- platforms closed.", "The BP -- and Shell -- platforms closed."),
])
def test_a_dateline_without_its_agency_goes(sentence: str, expected: str) -> None:
    assert without_dateline(sentence) == expected


def test_a_party_in_brackets_after_a_clause_is_no_dateline() -> None:
    sentence = "Het voorstel van de minister (CDA) - zo bleek dinsdag - haalde geen meerderheid."
    assert without_dateline(sentence) == sentence
    sentence = "A plan by the mayor. Later (Wire) - nothing."
    assert without_dateline(sentence) == sentence
    sentence = "Photograph four in a series of 15 shows a ferry."  # a caption, but no credit
    assert without_dateline(sentence) == sentence
    sentence = "1.25 million people fled the coast."  # a number, not a time: a word in lower case follows
    assert without_dateline(sentence) == sentence
    sentence = "OSLO, 1.25 million people fled the coast."  # a place in capitals before a number is no entry's
    assert without_dateline(sentence) == sentence


def test_a_headline_loses_its_live_time_rubric_and_glued_kicker_or_byline() -> None:
    assert clean_headline("15.05 Treinen rijden vanaf 17.00 uur weer") == "Treinen rijden vanaf 17.00 uur weer"
    assert clean_headline("Update: Dijk bij Arcen houdt het") == "Dijk bij Arcen houdt het"
    assert clean_headline("NEW : Envoy says talks may resume") == "Envoy says talks may resume"
    assert clean_headline("New York floods after record rain") == "New York floods after record rain"
    # a wire service's rubric or version mark glued to the headline, in capitals ("PSV-trainer" is no rubric)
    assert clean_headline("UPDATE 2-Leeds to close three libraries") == "Leeds to close three libraries"
    assert clean_headline("RPT-Leeds to close three libraries") == "Leeds to close three libraries"
    assert clean_headline("Update 3 - Leeds to close three libraries") == "Leeds to close three libraries"
    assert clean_headline("PSV-trainer blijft tot 2025") == "PSV-trainer blijft tot 2025"
    # a name that opens in lower case keeps its case
    assert clean_headline("BREAKING: iPhone sales fall") == "iPhone sales fall"
    assert clean_headline("de Maas stijgt") == "De Maas stijgt"
    assert clean_headline("Kaden houden stand na nacht vol spanning. HOOGWATER LIMBURG") == (
        "Kaden houden stand na nacht vol spanning")
    assert clean_headline("Waarom de rivier altijd wint. Anna de Groot") == "Waarom de rivier altijd wint"
    # a tag line in lower case and a short label glued after the headline are no part of it
    assert clean_headline("Extra vergadering raad Zwolle na bericht over wethouder. schelden op bestuurders") == (
        "Extra vergadering raad Zwolle na bericht over wethouder")
    assert clean_headline("Zwolle herdenkt de brand in de binnenstad. Een week later") == (
        "Zwolle herdenkt de brand in de binnenstad")
    # a subtitle that says something stays
    assert clean_headline("Raad steunt brug met kleine meerderheid. Bouw begint al in het voorjaar") == (
        "Raad steunt brug met kleine meerderheid. Bouw begint al in het voorjaar")
    assert clean_headline("Obama visits flooded towns near St. Louis") == "Obama visits flooded towns near St. Louis"
    # a Title Case headline keeps its second sentence: its words are all capitalised anyway
    assert clean_headline("Dam Fails in Storm. Thousands Flee") == "Dam Fails in Storm. Thousands Flee"
    # a Dutch headline of short words is in sentence case all the same ("op", "het" are no Title Case words)
    assert clean_headline("Monument op het Stationsplein?. Zwolle") == "Monument op het Stationsplein?"
    # a title that is the text's first sentence loses its full stop; an abbreviation keeps its own
    assert clean_headline("Er komt een onderzoek naar 80 km per uur op de ringweg.") == (
        "Er komt een onderzoek naar 80 km per uur op de ringweg")
    assert clean_headline("Troops leave the U.S.") == "Troops leave the U.S."
    assert clean_headline("Jansen en Co.") == "Jansen en Co."
    assert clean_headline("Wachten op de uitslag...") == "Wachten op de uitslag..."


def test_a_sentence_that_leans_on_the_one_before_is_dangling_in_every_language() -> None:
    assert is_dangling("Hij zei ook dat de dijk het houdt.", "nl")
    assert is_dangling("Maar dat bleek niet genoeg.", "nl")
    assert is_dangling("Want de ploeg had de titel al binnen.", "nl")  # the reason for what a sentence before told
    assert is_dangling("However, the water kept rising.", "en")
    assert is_dangling("In addition , the mayor said 40 homes were flooded .", "en")  # adds to what came before
    assert is_dangling("Similarly, the dike at Venlo held through the night.", "en")
    assert is_dangling("Er sagte, das Wasser steige weiter.", "de")
    assert is_dangling("Mais la digue a cédé.", "fr")
    assert is_dangling("For example, the dike at Venlo held.", "en")  # an example of what a sentence before told
    assert is_dangling("Bijvoorbeeld de kade bij Venlo hield stand.", "nl")
    assert is_dangling("Thirdly, the council should close the quay.", "en")  # a point of a list begun before
    assert is_dangling("Ten tweede moet de kade dicht.", "nl")
    assert is_dangling("In the best case, they could finish the dike by May.", "en")  # who, a sentence before told
    assert is_dangling("'We will fight this,' she said on Tuesday.", "en")
    assert is_dangling("Mardi soir, ils ont quitté la ville.", "fr")
    assert not is_dangling("On Tuesday, it was announced that the dike held.", "en")  # "it" is as often no one
    assert not is_dangling("In Venlo, the police said they closed the quay.", "en")
    assert not is_dangling("For years the dike at Venlo held.", "en")
    assert not is_dangling("De Maas bij Venlo staat op 3,1 meter.", "nl")
    assert not is_dangling("The Meuse at Venlo rose to 3.1 metres.", "en")


def test_a_definite_person_introduced_before_is_dangling() -> None:
    assert is_dangling("De vrouw hield een bord van een buurtcomité omhoog.", "nl")
    assert is_dangling("The suspect was released on Tuesday evening.", "en")
    assert is_dangling("De verdediger staat woensdag in de basis tegen Juventus.", "nl")
    assert is_dangling("Normaal gesproken begint de verdediger zaterdag gewoon in de ploeg.", "nl")
    assert not is_dangling("Gisteren werd de man die de burgemeester bedreigde veroordeeld tot een taakstraf.", "nl")
    assert is_dangling("The striker is expected to start on Wednesday.", "en")
    assert is_dangling("Die Frau wurde am Abend freigelassen.", "de")
    assert is_dangling("L'homme a été relâché mardi soir.", "fr")
    assert not is_dangling("Een 34-jarige man uit Deventer is aangehouden.", "nl")
    assert not is_dangling("De politie hield dinsdag een vrouw aan.", "nl")
    assert not is_dangling("The suspects' lawyer appealed.", "en")
    # a relative clause right after the noun says who is meant
    assert not is_dangling("De vrouw die de wethouder bedreigde, staat vandaag voor de rechter.", "nl")
    assert not is_dangling("The man who set fire to the town hall was jailed for four years.", "en")
    assert not is_dangling("L'homme qui a tiré sur le maire a été arrêté.", "fr")
    assert is_dangling("De vrouw is vrijgelaten, die nacht nog.", "nl")


@pytest.mark.parametrize(("sentence", "language"), [
    ("Een van hen is de 34-jarige buurman die de brand meldde.", "nl"),
    ("Twee van hun kinderen liggen nog in het ziekenhuis.", "nl"),
    ("Geen van beiden wilde reageren.", "nl"),
    ("De helft van hen mocht na een nacht naar huis.", "nl"),
    ("Most of them were released on Monday.", "en"),
    ("One of those arrested is a harbour pilot.", "en"),
    ("Einer von ihnen wurde verletzt.", "de"),
    ("L'un d'eux a été blessé.", "fr"),
])
def test_some_of_a_group_told_before_is_dangling(sentence: str, language: str) -> None:
    assert is_dangling(sentence, language)


def test_some_of_a_group_named_in_the_sentence_is_not_dangling() -> None:
    assert not is_dangling("Een van de verdachten is een 34-jarige man uit Kampen.", "nl")
    assert not is_dangling("Most of the residents of Borgharen left on Monday.", "en")


def test_an_answer_opening_a_sentence_is_dangling_but_a_determiner_is_not() -> None:
    assert is_dangling("Nee, de burgemeester is geen voorstander van het plan.", "nl")
    assert is_dangling("Yes, the dike held through the night.", "en")
    assert not is_dangling("No one was hurt when the dike gave way.", "en")


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Welke school het geld krijgt, meldt ze niet.", "nl"),
        (",,Het water stijgt nog steeds in de straten van Venlo'', zegt hij.", "nl"),
        ("Het water stijgt nog steeds in de straten van Venlo, vertelde zij gisteravond.", "nl"),
        ("Speaking in Venlo on Monday , he said the water was still rising in the streets .", "en"),
        ("The water was still rising in the streets of Venlo on Monday, she said.", "en"),
        ("\"The water is still rising in the streets,\" he told reporters in Venlo.", "en"),
    ],
)
def test_words_given_to_a_pronoun_are_no_summary(sentence: str, language: str) -> None:
    assert unnamed_speaker(sentence, language)


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Het water stijgt nog steeds in de straten van Venlo, zegt burgemeester Anne Kok.", "nl"),
        ("Ze zeggen in Venlo dat het water nog steeds stijgt.", "nl"),  # is_dangling's: it opens on the pronoun
        ("The water was still rising in the streets of Venlo, the mayor said on Monday.", "en"),
        ("He said the talks had failed.", "en"),
    ],
)
def test_words_given_to_a_named_speaker_are_not_refused_for_it(sentence: str, language: str) -> None:
    assert not unnamed_speaker(sentence, language)


def test_speech_that_lost_its_quote_marks_and_an_in_fact_are_no_summary_openings() -> None:
    assert speaks("Ik heb de burgemeester vorig jaar nog gesproken op de markt.", "nl")
    assert speaks("We will not give up on this town.", "en")
    assert not speaks("Ikea opent een winkel in Zwolle.", "nl")
    assert not speaks("Israel and Egypt agreed on a truce.", "en")
    assert speaks("Dear Mayor Smith and all you clever planners out there -- Build That Bridge !", "en")
    assert speaks("Beste burgemeester, de kades in Venlo moeten omhoog.", "nl")
    assert not speaks("Dearborn police said the dyke held.", "en")
    assert is_dangling("In feite ging het om een heel ander plan.", "nl")


def test_a_demonstrative_with_a_noun_points_back_but_a_time_does_not() -> None:
    assert is_dangling("Doel van dit onderzoek is te bepalen of de aannemer te veel rekende.", "nl")
    assert is_dangling("Fractievoorzitter Ineke Brouwer zei over die kritiek dat ze haar terecht vond.", "nl")
    assert is_dangling("Fractievoorzitter Ineke Brouwer noemde die kritiek wel terecht.", "nl")
    assert not is_dangling("Brouwer zei dat de partij die zetels won, nu moet leveren.", "nl")
    assert is_dangling("The council said it would appeal against this decision within a month.", "en")
    assert not is_dangling("Het kabinet wil deze week een besluit nemen over de Maasdijken.", "nl")
    assert not is_dangling("In de zoektocht naar steun voor deze kabinetsperiode begon minister Verhoef.", "nl")
    assert not is_dangling("The river will peak this weekend near Maastricht, the water board said.", "en")
    assert not is_dangling("Een man uit Deventer die werd opgepakt, is gisteravond vrijgelaten.", "nl")


def test_a_far_demonstrative_with_a_time_points_back_to_when_something_told_before_happened() -> None:
    assert is_dangling("Hoewel de ploeg tot dat weekend onderaan stond, werd ze toch nog kampioen.", "nl")
    assert is_dangling("Op dat moment was de dijk bij Venlo al doorgebroken.", "nl")
    assert is_dangling("Die avond werd de man in Arnhem opgepakt.", "nl")
    assert is_dangling("On that day the river peaked at Maastricht.", "en")
    assert is_dangling("That night the dike near Venlo gave way.", "en")
    assert not is_dangling("De Maas bereikt dit weekend bij Venlo haar hoogste stand.", "nl")
    assert not is_dangling("The water board expects the peak this weekend.", "en")


def _candidate(title: str, text: str, names: tuple[str, ...], language: str = "nl") -> Candidate:
    when = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
    paragraphs = tuple(text.split("\n"))
    passage = Passage(1, 0, "De Havenbode", language, when, title, paragraphs, names, ())
    article = StoryArticle(1, None, "https://www.havenbode.example/1", title, "De Havenbode", when, "nl")
    return Candidate(passage, article, paragraphs, (), ())


def test_a_subheading_glued_before_a_sentence_is_cut_off_and_the_sentence_used() -> None:
    text = ("Van de coalitiepartijen staat de Dorpslijst er in de peilingen voor de Staten dit voorjaar goed voor. "
            "De partij wint vermoedelijk een zetel. "
            "LVP naar 5 zetels Coalitiepartij LVP verliest juist fors bij de stemming voor de Staten. "
            "Nu heeft de LVP nog negen zetels in het provinciehuis.")
    told = summary(_candidate("Fors verlies voor LVP in de Staten", text, ("LVP", "Dorpslijst", "Staten")), "", (),
                   frozenset())
    assert "Coalitiepartij LVP verliest juist fors bij de stemming voor de Staten." in told
    assert not any(sentence.startswith("LVP naar 5 zetels") for sentence in told)
    # words before a capitalised name that open on a function word are no heading: the sentence is one, left out
    text = ("Het college van Venlo trekt geld uit voor nieuwe kades langs de Maas. "
            "Bij de omroep Maasstad was te zien hoe 200 bewoners van Venlo de kades met zandzakken ophoogden.")
    told = summary(_candidate("Venlo trekt geld uit voor kades langs de Maas", text, ("Venlo", "Maas")), "", (),
                   frozenset())
    assert told and not any(sentence.startswith("Maasstad") for sentence in told)


def test_a_summary_does_not_open_on_a_surname_the_text_introduced_in_full_before() -> None:
    text = ("Directeur Karel Wolters van de haven vindt dat nieuwe geluidsregels de groei van de haven remmen.\n"
            "Wolters stelt dat Venlo daardoor nieuwe bedrijven aan havens in Duitsland zal kwijtraken.\n"
            "Wethouder Sanne Mulder van een andere gemeente verwacht niet dat de regels worden versoepeld.")
    told = summary(_candidate("Haven: geluidsregels remmen groei", text, ("Karel Wolters", "Wolters",
                                                                         "Sanne Mulder")), "", (), frozenset())
    assert told and not told[0].startswith("Wolters")
    alone = text.split("\n", 1)[1]  # without the sentence that introduces him, "Wolters stelt" cannot open
    told = summary(_candidate("Haven: geluidsregels remmen groei", alone, ("Karel Wolters", "Wolters",
                                                                          "Sanne Mulder")), "", (), frozenset())
    assert told and all(not sentence.startswith("Wolters") for sentence in told)


def test_a_briefs_column_is_headed_by_the_brief_that_tells_the_development() -> None:
    text = ("PEC Zwolle speelt vanavond in het eigen stadion tegen Heracles in de halve finale van de beker. "
            "Nieuwe eigenaar voor pand aan de Overtoom Een projectontwikkelaar overlegt vrijdag met de stad over wat "
            "er met het lege gebouw aan de Overtoom gebeurt.")
    told = _told(_candidate("Kort nieuws Amsterdam", text, ("Heracles",)), (), frozenset())
    assert told.headline == "PEC Zwolle speelt vanavond in het eigen stadion tegen Heracles in de halve finale " \
                            "van de beker"
    assert told.summary == ()  # the next sentence is another brief


@pytest.mark.parametrize("title", ["Kort nieuws", "Kort nieuws Amsterdam", "News in brief", "In het kort: Den Haag"])
def test_briefs_titles(title: str) -> None:
    assert _BRIEFS.fullmatch(title)


@pytest.mark.parametrize("title", ["Kort geding tegen Ajax", "Kortom, het kabinet valt", "Briefs leaked to the press"])
def test_headlines_that_only_start_like_a_briefs_title(title: str) -> None:
    assert not _BRIEFS.fullmatch(title)


def test_a_summary_does_not_open_on_a_teaser_line_without_a_verb() -> None:
    lede = "Venlo maakt zich op voor het hoogste water in jaren, dat morgen de Maaskade bereikt."
    text = (f"{lede} Waarschijnlijk mét de hulp van het leger, dat gisteren al zandzakken vulde.\n"
            "Het waterschap verwacht dat de Maas morgenavond op 3,4 meter boven NAP piekt bij de Maaskade.")
    candidate = _candidate("Venlo rekent op het leger", text, ())
    assert summary(candidate, "Venlo rekent op het leger", (), frozenset())[0] == lede
    told = summary(candidate, "Venlo rekent op het leger", (), frozenset(), told_sentences(_told_as(lede)))
    assert told and told[0].startswith("Het waterschap verwacht")
    # another paper's copy of the lede, written "Maas-kade", is the sentence the reader got all the same
    told = summary(candidate, "Venlo rekent op het leger", (), frozenset(),
                   told_sentences(_told_as(lede.replace("Maaskade", "Maas-kade"))))
    assert told and told[0].startswith("Het waterschap verwacht")


def test_another_papers_wording_of_a_told_sentence_is_told_unless_it_states_a_new_fact() -> None:
    lede = "In Venlo heeft een vrachtschip maandag de nieuwe kade geramd, meldt het waterschap."
    text = f"{lede} Het waterschap verwacht dat de Maas morgenavond op 3,4 meter boven NAP piekt."
    candidate = _candidate("Schip ramt kade", text, ())
    other_paper = "Een vrachtschip heeft maandag de nieuwe kade in Venlo geramd, meldt het waterschap."
    told = summary(candidate, "Schip ramt kade", (), frozenset(), told_sentences(_told_as(other_paper)))
    assert told and told[0].startswith("Het waterschap verwacht")
    # the same words with a number the story had not told are news: the sentence stays
    counted = "In Venlo heeft een vrachtschip maandag 40 meter van de nieuwe kade geramd, meldt het waterschap."
    candidate = _candidate("Schip ramt kade", text.replace(lede, counted), ())
    told = summary(candidate, "Schip ramt kade", (), frozenset(), told_sentences(_told_as(other_paper)))
    assert told and told[0] == counted


def _told_as(*sentences: str) -> list[Rendition]:
    """Renditions whose summaries are `sentences`, as a story's earlier developments told them."""
    return [Rendition(language="nl", headline="Kade geraakt", summary=sentences, article_id=1)]


def test_a_sentence_inside_a_quotation_an_earlier_sentence_opened_is_speech_without_its_speaker() -> None:
    dutch = [",,De kades houden het'', zegt de dijkgraaf.", ",,Het water zakt al.", "Venlo is de best beschermde stad.",
             "Dat zei hij ook in 1995.''", "De gemeente houdt de kades gesloten tot vrijdag."]
    assert unattributed_quotes(dutch) == [False, True, True, True, False]
    english = ["“The dykes held,” the mayor said.", "“The water is falling.", "Venlo is the best protected town.”",
               "The council keeps the quays closed until Friday."]
    assert unattributed_quotes(english) == [False, True, True, False]
    mixed = ['Volgens de dijkgraaf is het "best een beetje balen.\'\'', "De kades gaan vrijdag weer open."]
    assert unattributed_quotes(mixed) == [False, False], "writers mix quotation marks"


def test_a_summary_does_not_open_on_a_quoted_sentence_without_its_speaker() -> None:
    text = (",,Iedereen weet dat het water volgend jaar weer komt langs de Maas in Limburg. De kades in Venlo moeten "
            "nog dit jaar een halve meter omhoog. Dat zeg ik al jaren'', zegt bewoner Jan Peeters van de Maaskade.\n"
            "Het waterschap besloot gisteren dat het de dijken pas in 2028 verhoogt, omdat het geld ontbreekt.")
    told = summary(_candidate("Kades in Venlo omhoog", text, ()), "Kades in Venlo omhoog", (), frozenset())
    assert told and told[0].startswith("Het waterschap besloot")


def test_a_scene_setting_lede_gives_way_to_an_early_sentence_about_the_headline() -> None:
    text = ("Na opnieuw een slapeloze nacht aan het water staat een ding vast: de afloop is volkomen onzeker. "
            "De burgemeester van Venlo is al dagen op pad en spreekt iedereen die ze tegenkomt aan. "
            "De kade bij Arcen bezweek al twee keer, en gisteren scheelde het weinig of het gebeurde weer. "
            "Het waterschap sluit vandaag de laatste coupures in de stad.")
    title = "Kade bij Arcen houdt het nog"
    told = summary(_candidate(title, text, ("Venlo", "Arcen")), title, (), frozenset())
    assert told and told[0].startswith("De kade bij Arcen bezweek al twee keer")
    # a lede that shares a word with the headline, or states a specific fact, stays
    lede = "Na opnieuw een slapeloze nacht aan de Maas houdt de kade bij Arcen het nog."
    told = summary(_candidate(title, text.replace(text.split(". ")[0] + ".", lede), ("Venlo", "Arcen")), title, (),
                   frozenset())
    assert told and told[0] == lede
    factual = "Na opnieuw een slapeloze nacht stond de Maas bij Venlo om 06.00 uur op 3,4 meter boven NAP."
    told = summary(_candidate(title, text.replace(text.split(". ")[0] + ".", factual), ("Venlo", "Arcen")), title,
                   (), frozenset())
    assert told and told[0] == factual


def test_an_english_scene_setting_lede_gives_way_too() -> None:
    text = ("After yet another sleepless night by the river, one thing is certain: nobody can say how this ends. "
            "The dyke at Arcen has given way twice already, and on Monday it nearly did so again. "
            "The water board closes the last flood gates in the town today.")
    title = "Arcen dyke still holding"
    told = summary(_candidate(title, text, ("Arcen",), "en"), title, (), frozenset())
    assert told and told[0].startswith("The dyke at Arcen has given way")


def test_a_lede_that_pictures_a_mood_gives_way_to_the_next_sentence_that_tells_news() -> None:
    text = ("Er verschijnt een brede glimlach op het gezicht van dijkgraaf Anna Peeters als ze de peilschaal bij Arcen "
            "ziet. Het water van de Maas zakte vannacht met veertig centimeter bij Arcen. "
            "De kades in Venlo blijven voorlopig dicht voor verkeer, meldt de gemeente.")
    title = "Kade bij Arcen houdt het"
    told = summary(_candidate(title, text, ("Anna Peeters", "Arcen", "Venlo", "Maas")), title, (), frozenset())
    assert told and told[0].startswith("Het water van de Maas zakte vannacht")
    assert not any("glimlach" in sentence for sentence in told), "the scene does not follow the news"


@pytest.mark.parametrize("lede", [
    "Het moet een schok zijn geweest voor de bewoners van de Maaskade: water in de kelder, vlak na de nieuwe kade.",
    "Vanaf de dijk bij Arcen kijk je zo over het ondergelopen land tot aan de kerktoren van Lottum.",
])
def test_a_lede_that_supposes_or_speaks_to_any_reader_gives_way_too(lede: str) -> None:
    text = (f"{lede} Bij zeker twaalf woningen in Venlo en Arcen liep dinsdag de kelder onder. "
            "De gemeente Venlo opent een meldpunt voor schade aan woningen langs de Maas.")
    title = "Kelders in Venlo vol water ondanks nieuwe kade"
    told = summary(_candidate(title, text, ("Venlo", "Arcen", "Lottum", "Maas")), title, (), frozenset())
    assert told and told[0].startswith("Bij zeker twaalf woningen")


def test_an_english_lede_that_sets_a_scene_gives_way_to_the_news() -> None:
    text = ("From the new quay wall in Venlo you can see the flooded streets all the way to the church tower. "
            "At least 12 homes in Venlo were flooded on Tuesday, the water board said. "
            "The town will open a help desk for owners of damaged homes along the river.")
    title = "Cellars flooded in Venlo despite new quay wall"
    told = summary(_candidate(title, text, ("Venlo",), "en"), title, (), frozenset())
    assert told and told[0].startswith("At least 12 homes in Venlo")


def test_a_scene_lede_stays_without_news_after_it_and_a_lede_that_tells_news_stays() -> None:
    title = "Kade bij Arcen houdt het"
    names = ("Anna Peeters", "Arcen", "Venlo", "Maas")
    scene = ("Er verschijnt een brede glimlach op het gezicht van dijkgraaf Anna Peeters als ze de peilschaal bij "
             "Arcen ziet.")
    quiet = f"{scene} De kades in Venlo blijven voorlopig dicht voor al het verkeer over de weg langs de Maas."
    told = summary(_candidate(title, quiet, names), title, (), frozenset())
    assert told and told[0] == scene, "no sentence that tells news: the lede stays"
    dated = ("Met een brede glimlach maakte dijkgraaf Anna Peeters gisteren bekend dat de kade bij Arcen het houdt. "
             "Het water van de Maas zakte vannacht met veertig centimeter bij Arcen.")
    told = summary(_candidate(title, dated, names), title, (), frozenset())
    assert told and told[0].startswith("Met een brede glimlach"), "a lede that says when tells news"


@pytest.mark.parametrize(("sentence", "language", "scene"), [
    ("Op het gezicht van de burgemeester staat een glimlach als hij de kade ziet.", "nl", True),
    ("Het kostte een hele nacht, maar de kade bij Arcen houdt het.", "nl", True),
    ("Vanaf de dijk kijk je zo over het ondergelopen land bij Arcen.", "nl", True),
    (",,Je ziet het water gewoon stijgen'', vertelt een bewoner van de Maaskade.", "nl", False),
    ("Het waterschap verhoogt de kade bij Arcen met een halve meter.", "nl", False),
    ("De burgemeester vertelde gisteren met een glimlach dat de kade het houdt.", "nl", False),
    ("You can see the flooded fields from the dyke all the way to the church tower.", "en", True),
    ("General Anna Mood inspected the dykes at Arcen before the water came.", "en", False),
    ("Von der Brücke siehst du das Wasser bis zur Kirche der Altstadt.", "de", True),
    ("Am Dienstag liefen zwölf Keller in der Altstadt voll.", "de", False),
    ("Ce devait être un choc pour les habitants du quai de la Meuse.", "fr", True),
    ("Parecía que el río no dejaría de crecer nunca en el pueblo.", "es", True),
])
def test_sets_scene(sentence: str, language: str, scene: bool) -> None:
    assert sets_scene(sentence, language) is scene


@pytest.mark.parametrize(("sentence", "language"), [
    ("In de Staten gaat de Dorpslijst mogelijk van drie naar zes zetels.", "nl"),
    ("Het water zakte vannacht bij Arcen.", "nl"),
    ("De burgemeester zegt dat de kade het houdt.", "nl"),
    ("Dozens of homes were flooded along the river.", "en"),
    ("The quay was closed on Monday.", "en"),
])
def test_tells_news(sentence: str, language: str) -> None:
    assert tells_news(sentence, language)
    assert not tells_news("Bewoner Anna Peeters (67) kijkt naar het water.", "nl"), "an age counts nothing"


def test_a_quoted_headline_keeps_its_lede() -> None:
    text = ("Na opnieuw een slapeloze nacht aan het water staat een ding vast: de afloop is volkomen onzeker. "
            "De kade bij Arcen bezweek al twee keer, en gisteren scheelde het weinig of het gebeurde weer.")
    title = "'De kade houdt het niet lang meer'"
    told = summary(_candidate(title, text, ("Arcen",)), title, (), frozenset())
    assert told and told[0].startswith("Na opnieuw een slapeloze nacht")


def test_a_surname_the_headline_uses_alone_may_open_the_summary() -> None:
    text = ("Maakte dijkgraaf Willem Peeters verboden afspraken met aannemers? De rechter wil dat snel weten. "
            "Peeters moet als een van vijftien getuigen in Arnhem verschijnen voor de rechter-commissaris. "
            "Het draait om het project Maasdijk Noord, twee dijken die de haven van Venlo moeten beschermen.")
    title = "Peeters maakte wellicht verboden afspraak over dijken"
    told = summary(_candidate(title, text, ("Willem Peeters", "Peeters", "Maasdijk Noord")), title, (), frozenset())
    assert told and told[0].startswith("Peeters moet als een van vijftien getuigen")


@pytest.mark.parametrize("sentence", [
    "Zulke regels staan haaks op het idee dat bewoners zelf over hun straat beslissen.",
    "Hiermee wordt hij de jongste burgemeester van de provincie.",
    "Totdat de politie hem drie weken later oppakt in een vakantiehuis in Drenthe.",
    "Vandaag nemen ze de leiding over in de gemeenteraad.",
    "Volgens justitie is hij eind 2019 vertrokken naar Spanje.",
    "De partij heeft nu twee zetels in de Staten, en groeit waarschijnlijk naar vijf.",
    "Drie dagen later pakte de politie de man op in een schuur bij Zutphen.",
    "Enige tijd later stond de man weer voor de deur.",
    "Eerder, zei de minister, lag het plan nog op tafel.",
    "Jansen eiste toen dat de dijk werd verhoogd.",
    "Tijdens die beroemde overwinning in Lissabon mocht de spits al invallen.",
])
def test_dutch_sentences_that_point_back_are_dangling(sentence: str) -> None:
    assert is_dangling(sentence, "nl")


@pytest.mark.parametrize("sentence", [
    "De partij van Anke Dijkstra zakt in van acht naar drie zetels.",
    "Het partijbestuur vindt dat de raadsleden zelf mogen beslissen.",
    "Gisteren kondigde de minister aan dat ze de dijken versterkt.",
    "De politie zegt dat ze de man heeft aangehouden.",
    "Het college verliest zijn meerderheid in de gemeenteraad.",
    "Een uur later dan gepland begon het debat in de Tweede Kamer.",
    "Drie dagen na de brand gaat het Stationsplein weer open.",
    "Het ging mis toen de dijk bij Arcen doorbrak na dagen van regen.",
])
def test_dutch_sentences_that_name_what_they_tell_are_not_dangling(sentence: str) -> None:
    assert not is_dangling(sentence, "nl")


def test_english_groups_referred_back_to_are_dangling_unless_named() -> None:
    assert is_dangling("The company said it would repay every customer in full.", "en")
    assert is_dangling("Thus the dyke held through the night.", "en")
    assert is_dangling("A week later , the governor announced a review of the dam 's safety .", "en")
    assert not is_dangling("Two hours later than planned, the talks began in Lisbon.", "en")
    assert is_dangling("Earlier , the company said it hoped the new pump would be working by Friday .", "en")
    assert is_dangling("The engineers then tried to seal the breach with a second barge.", "en")
    assert is_dangling("During that vote the minister left the chamber in protest.", "en")
    assert not is_dangling("The then-president of the company resigned on Monday.", "en")
    assert not is_dangling("Earlier this week the company said the new pump would be working by Friday.", "en")
    assert not is_dangling("The company of soldiers reached the dyke at noon.", "en")
    assert not is_dangling("The Meuse at Venlo rose to 3.1 metres.", "en")


def test_a_comparison_without_what_it_compares_with_does_not_follow_a_sentence_before_it() -> None:
    assert compares_back("Duitsland, Zweden en Oostenrijk willen een kleiner fonds.", "nl")
    assert compares_back("Germany, Sweden and Austria want a smaller fund.", "en")
    assert not compares_back("Zij willen een kleiner fonds dan de Commissie voorstelt.", "nl")
    assert not compares_back("Een andere vrouw raakte gewond bij de overstroming in Venlo.", "nl")
    assert not compares_back("De inbrekers hadden de sieraden van een oudere buurvrouw meegenomen.", "nl")
    assert not compares_back("A former minister chaired the talks in Lisbon.", "en")
    text = ("Minister Jeroen Hagedoorn pleitte op de klimaattop in Lissabon voor een vast deel van het fonds voor "
            "bescherming tegen hoogwater langs rivieren.\n"
            "Duitsland, Zweden en Oostenrijk willen een kleiner fonds.")
    title = "Hagedoorn in Lissabon: 'De Maas laat zien waarom dit fonds nodig is'"
    candidate = _candidate(title, text, ("Jeroen Hagedoorn", "Hagedoorn", "Lissabon"))
    new = tuple(f for f in hard_facts(text.split("\n")[1], "nl", ("Duitsland", "Zweden", "Oostenrijk"), ()))
    assert new
    told = summary(candidate, title, new, frozenset())
    assert told and told[0].startswith("Minister Jeroen Hagedoorn")
    # as a text's first sentence, "een grotere kans" says "more likely": no sentence before it to compare with
    lede = "Lang stilzitten leidt tot een grotere kans op rugklachten, blijkt uit een groot Duits onderzoek."
    assert summary(_candidate("Stilzitten vergroot kans op rugpijn", lede, ()), "Stilzitten vergroot kans op "
                   "rugpijn", (), frozenset()) == (lede,)


def test_a_short_lede_opens_the_summary_and_background_from_earlier_years_does_not() -> None:
    title = "Zware nederlaag voor de Waterpartij"
    text = ("De Waterpartij leed een zware nederlaag. "
            "De partij van Anke Dijkstra daalt in de exitpoll van elf naar vijf zetels in de Staten. "
            "Vier jaar geleden verloor de partij ook al fors, toen van zestien naar elf zetels. "
            "In 2011 haalde de partij in de provincie nog achttien zetels, het hoogste aantal ooit.")
    told = summary(_candidate(title, text, ("Anke Dijkstra",)), title, (), frozenset())
    assert told == ("De Waterpartij leed een zware nederlaag.",
                    "De partij van Anke Dijkstra daalt in de exitpoll van elf naar vijf zetels in de Staten.")
    # with no lede to open on (it leans on what came before), what happened now comes before what happened years ago
    text = ("Daarmee is het verlies groot. "
            "Vier jaar geleden verloor de Waterpartij ook al fors, toen van zestien naar elf zetels. "
            "De partij van Anke Dijkstra daalt in de exitpoll van elf naar vijf zetels in de Staten.")
    told = summary(_candidate(title, text, ("Anke Dijkstra",)), title, (), frozenset())
    assert told and told[0].startswith("De partij van Anke Dijkstra daalt")


@pytest.mark.parametrize(
    ("sentence", "language", "back"),
    [
        ("Vier jaar geleden verloor de partij ook al fors.", "nl", True),
        ("In 2003 en 2011 had de partij ook vier zetels.", "nl", True),
        ("Het is de hoogste stand van de Maas sinds 1995.", "nl", False),  # compares with the past: news
        ("In 2026 staat de Maas hoger dan ooit gemeten.", "nl", False),  # the article's own year
        ("The party won twelve seats in 2015, its best result.", "en", True),
        ("Three years ago the river broke through the same dyke.", "en", True),
        ("The river is at its highest level since 1995.", "en", False),
        ("Vor zehn Jahren stand das Wasser noch höher.", "de", True),
    ],
)
def test_a_sentence_about_an_earlier_year_is_background(sentence: str, language: str, back: bool) -> None:
    assert looks_back(sentence, language, 2026) is back


def test_a_section_headline_made_of_a_later_sentence_gets_no_summary_about_the_sections_other_news() -> None:
    """A roundup's short heading is replaced by the sentence that states the development's news; the sentence before
    it tells the section's other news, which is no summary of this headline."""
    when = datetime(2026, 11, 18, 19, 0, tzinfo=UTC)
    first = "A man of 70 swept away by the river in Esneux was found dead, bringing the toll in the province to two."
    second = "The flood peak passed Maastricht overnight at 3,050 cubic metres per second."
    text = f"{first} {second}"
    passage = Passage(1, 1, "The Courier", "en", when, "Floods go on", (text,), (), ())
    article = StoryArticle(1, None, "https://courier.example/1", "The day in Europe", "The Courier", when, "en")
    candidate = Candidate(passage, article, (text,), (), ())
    new = tuple(f for f in hard_facts(second, "en", (), ()) if "3,050" in f.label)
    told = _told(candidate, new, frozenset())
    assert told.headline == second.rstrip(".")
    assert first not in told.summary
