"""Subheadings a plain text glued to the sentence after them: told apart from names, titles and places, where the
glued sentence starts, and a flattened roundup split at its items' headlines."""

from __future__ import annotations

from volg.models import Section
from volg.pipeline.clean.glued import glued_heading, glued_sentence_start, roundup_sections


def test_a_subheading_glued_into_a_sentence_is_told_apart_from_names_and_titles() -> None:
    assert glued_heading("Provinciale Staten Met een scherpe blik fileerde de gedeputeerde het plan.", "nl")
    assert glued_heading("De dijk hield het tot vanmorgen Tijdens de nacht steeg het water verder.", "nl")
    assert glued_heading("The dykes held through the night After the peak the water fell again.", "en")
    assert glued_heading("Spanning Volgens Imbrogiano zijn bijna alle Italianen in Twente fan van Juve.", "nl")
    assert glued_heading("Reactions According to Reuters the talks ended at noon.", "en")
    assert not glued_heading("Trainer De Jong zag dat zijn ploeg won, schreef Het Parool.", "nl")
    assert not glued_heading("Wethouder Van der Meer zei dat het plan doorgaat.", "nl")
    assert not glued_heading("The mayor said The Hague would decide on the dykes.", "en")


def test_an_english_capital_a_after_a_word_opens_a_glued_sentence_unless_it_names_a_letter() -> None:
    glued = "Fishermen brace for impact as the slick creeps closer A young seal was found covered in oil ."
    assert glued_heading(glued, "en")
    assert glued[glued_sentence_start(glued, "en"):].startswith("A young seal")
    assert not glued_heading("The influenza A virus reached the harbour town within weeks.", "en")
    assert not glued_heading("Engineers said plan A worked better than the second dome.", "en")


def test_a_subheading_glued_before_an_acronym_compound_is_told_apart_from_a_name() -> None:
    assert glued_heading("Lijsttrekkers komen later aan bod Het NOS-debat was het eerste van de campagne.", "nl")
    assert glued_heading("Schade aan de kade 12 De VVD-fractie wil een onderzoek naar de dijken.", "nl")
    assert glued_heading("The dykes held through the night The BBC-funded study found the water fell.", "en")
    assert not glued_heading("Het NOS-debat was het eerste van de campagne, schreef De Telegraaf gisteren.", "nl")
    assert not glued_heading("De lijsttrekkers kwamen bijeen in De Grote Broek en spraken over de dijken.", "nl")
    assert not glued_heading("The mayor told The BBC that the dykes held.", "en")


def test_a_subheading_glued_before_a_sentence_is_told_apart_from_names_places_and_adjectives() -> None:
    assert glued_heading("Douane-unie Lagerhuisleden stemmen vandaag opnieuw over het akkoord.", "nl")
    # the names step takes a compound at a sentence's start for a name: no name that excuses the heading
    assert glued_heading("Douane-unie Lagerhuisleden stemmen vandaag opnieuw over het akkoord.", "nl",
                         ("Lagerhuisleden",))
    assert not glued_heading("Touroperator Kras zegt dat de reizen doorgaan.", "nl", ("Kras",))
    assert glued_heading("Waterstand Vanochtend stond de Maas bij Venlo op 3,4 meter.", "nl")
    assert glued_heading("Evacuation Residents were told to leave before noon.", "en")
    assert not glued_heading("Premier Rutte bezoekt vandaag de getroffen dorpen.", "nl")
    assert not glued_heading("Den Haag wil meer geld voor dijken.", "nl")
    assert not glued_heading("Van Dijk scoorde twee keer.", "nl")
    assert not glued_heading("New York prepares for the storm.", "en")
    assert not glued_heading("Verschillende Republikeinen eisten zijn aftreden.", "nl")
    assert not glued_heading("Rode Kruis stuurt hulp naar Limburg.", "nl", ("Rode Kruis",))


def test_a_function_word_in_capitals_after_a_heading_opens_the_sentence_glued_to_it() -> None:
    assert glued_heading("Hoog water Toch bleven de kades in Venlo de hele nacht droog.", "nl")
    assert glued_heading("Kades gesloten Gisteren sloot de gemeente alle kades langs de Maas.", "nl")
    assert glued_heading("Vier vragen over de dijken. 2 Is de schade al bekend bij de gemeente?", "nl")
    assert glued_heading("The night on the dykes There were no breaches reported along the river.", "en")
    assert not glued_heading("De kades hielden stand, zegt dijkgraaf Van der Meer tegen de krant.", "nl")
    assert not glued_heading("De woning in stadsdeel Zuid staat sinds de overstroming leeg.", "nl")
    assert not glued_heading("Het water steeg in het Westen van het land het snelst van allemaal.", "nl")
    assert not glued_heading("Ministers deny Western claims that the dykes were neglected for years.", "en")


def test_a_compound_heading_the_lemmatiser_does_not_know_is_glued_before_a_sentence_not_a_name() -> None:
    assert glued_heading("Kadewacht Vannacht liepen tientallen vrijwilligers langs de kades.", "nl")
    # the names step reads the heading and the first word as one name: no name that excuses the heading
    assert glued_heading("Kadewacht Vannacht liepen tientallen vrijwilligers langs de kades.", "nl",
                         ("Kadewacht Vannacht",))
    # a given name that ends in a word after three letters is no compound (Mer-lijn)
    assert not glued_heading("Merlijn Bos zegt dat de kades het houden.", "nl")
    # a surname the text also uses alone is a person's, whatever the first name ends in (Willemijn)
    assert not glued_heading("Willemijn Bos zegt dat de kades het houden.", "nl", ("Willemijn Bos", "Bos"))
    assert not glued_heading("Waterschapsvoorzitter Bos zegt dat de kades het houden.", "nl")  # a role
    assert not glued_heading("Spielberg Productions said the film was finished.", "en")  # English has no compounds


def _after_heading(sentence: str, language: str) -> str | None:
    start = glued_sentence_start(sentence, language)
    return None if start is None else sentence[start:]


def test_the_glued_sentence_starts_after_the_heading_whichever_way_it_was_told() -> None:
    assert _after_heading("80 De gemeente laat alsnog onderzoeken of de snelheid op de ringweg omlaag kan.", "nl") == \
        "De gemeente laat alsnog onderzoeken of de snelheid op de ringweg omlaag kan."
    assert _after_heading("Hoog water Toch bleven de kades in Venlo de hele nacht droog.", "nl") == \
        "Toch bleven de kades in Venlo de hele nacht droog."
    assert _after_heading("Douane-unie Lagerhuisleden stemmen vandaag opnieuw over het akkoord.", "nl") == \
        "Lagerhuisleden stemmen vandaag opnieuw over het akkoord."
    assert _after_heading("Lijsttrekkers komen later aan bod Het NOS-debat was het eerste van de campagne.", "nl") \
        == "Het NOS-debat was het eerste van de campagne."
    assert _after_heading("Reactions According to Reuters the talks ended at noon.", "en") == \
        "According to Reuters the talks ended at noon."
    assert _after_heading("Evacuation Residents were told to leave before noon.", "en") == \
        "Residents were told to leave before noon."
    # the first place a sentence starts: after "Spanning", not after "Volgens Imbrogiano zijn ..."
    assert _after_heading("Spanning Volgens de burgemeester Het water zakt langzaam.", "nl") == \
        "Volgens de burgemeester Het water zakt langzaam."


def test_no_start_where_no_heading_is_glued() -> None:
    assert glued_sentence_start("De gemeente laat alsnog onderzoeken of de ringweg trager moet.", "nl") is None
    assert glued_sentence_start("Wethouder Van der Meer zei dat het plan doorgaat.", "nl") is None
    assert glued_sentence_start("The mayor said The Hague would decide on the dykes.", "en") is None


def test_an_ordinary_word_in_capitals_inside_a_sentence_opens_one_glued_to_a_heading() -> None:
    # a role before an acronym, after a heading that ends on a number and a noun
    sentence = "LVP naar 6 zetels Coalitiepartij LVP verliest juist fors."
    assert glued_heading(sentence, "nl", ("LVP", "Coalitiepartij LVP"))
    assert _after_heading(sentence, "nl") == "Coalitiepartij LVP verliest juist fors."
    # an adverb before a finite verb, after a sentence cut short
    assert glued_heading("Het lijkt erop dat hij rekent op de critici Koppig blijft de wethouder erbij dat "
                         "zijn plan het beste is.", "nl")
    assert glued_heading("Gratis water tappen op stations Reizigers kunnen vanaf vandaag hun fles vullen.", "nl")


def test_names_demonyms_after_an_adjective_and_english_are_no_glued_heading() -> None:
    assert not glued_heading("De door jongeren opgerichte partij Durf werd de grootste in de raad.", "nl",
                             ("Durf",))
    assert not glued_heading("Aardig idee, maar de gemiddelde Nederlander trapt daar niet in.", "nl")
    assert not glued_heading("De partij Samen voor Venlo haalt vier zetels.", "nl", ("Samen voor Venlo",))
    assert not glued_heading("In de Eerste Kamer houdt de coalitie geen meerderheid.", "nl")
    assert not glued_heading("The mayor said Flood defences held through the night.", "en")


ROUNDUP_NL = (
    "Brand verwoest loods op bedrijventerrein Bij een grote brand op het bedrijventerrein De Hoek is vannacht een "
    "loods verwoest. De brandweer had het vuur rond drie uur onder controle. Niemand raakte gewond. "
    "Wethouder stapt op na ruzie over begroting De wethouder van Financiën is gisteravond afgetreden na een conflict "
    "over de begroting voor volgend jaar. De gemeenteraad vergadert donderdag over haar opvolging. "
    "Nieuwe fietsbrug over kanaal geopend Een nieuwe fietsbrug over het kanaal is zaterdag geopend. De brug van 80 "
    "meter kostte vier miljoen euro en verbindt twee woonwijken met het station."
)
ROUNDUP_EN = (
    "Fire destroys warehouse in harbour district The fire in a warehouse in the harbour district broke out shortly "
    "after midnight. Nobody was injured, the fire service said. "
    "Council approves new cycling bridge The city council voted on Tuesday to build a cycling bridge across the "
    "river, at a cost of six million pounds. Work should start next spring. "
    "Museum reopens after two-year renovation The town museum reopens on Saturday after a renovation of two years "
    "that restored its glass roof."
)


def test_a_flattened_roundup_is_split_at_the_headlines_of_its_items() -> None:
    fire, alderman, bridge = roundup_sections((Section(None, (ROUNDUP_NL,)),), "nl")
    assert fire.heading == "Brand verwoest loods op bedrijventerrein"
    assert fire.paragraphs[0].startswith("Bij een grote brand")
    assert fire.paragraphs[0].endswith("Niemand raakte gewond.")
    assert alderman.heading == "Wethouder stapt op na ruzie over begroting"
    assert alderman.paragraphs == ("De wethouder van Financiën is gisteravond afgetreden na een conflict over de "
                                   "begroting voor volgend jaar. De gemeenteraad vergadert donderdag over haar "
                                   "opvolging.",)
    assert bridge.heading == "Nieuwe fietsbrug over kanaal geopend"
    headings = [s.heading for s in roundup_sections((Section(None, (ROUNDUP_EN,)),), "en")]
    assert headings == ["Fire destroys warehouse in harbour district", "Council approves new cycling bridge",
                        "Museum reopens after two-year renovation"]
    # an item in a paragraph of its own: the heading opens that paragraph's section
    first, second = ROUNDUP_EN.split(" Council approves")
    split = roundup_sections((Section(None, (first, f"Council approves{second}")),), "en")
    assert [s.heading for s in split] == headings
    assert split[1].paragraphs[0].startswith("The city council voted")


def test_a_text_that_tells_one_story_is_not_split_at_its_subheadings() -> None:
    one_story = (
        "De gemeente wil de verwoeste loods op het bedrijventerrein De Hoek slopen, schreef Het Parool vanochtend. "
        "Volgens de brandweer is het gebouw onveilig. Onveilig Volgens de brandweer kan het dak elk moment instorten. "
        "Sloop loods begint na zomer De sloop van de loods op het bedrijventerrein begint na de zomer, zegt de "
        "gemeente. Het terrein krijgt daarna een nieuwe bestemming."
    )
    # a one-word subheading, and a headline over more of the same story, stay in the text
    assert roundup_sections((Section(None, (one_story,)),), "nl") == (Section(None, (one_story,)),)
    captions = (
        "Rescue workers search the rubble of the warehouse The fire in a warehouse in the harbour district broke "
        "out shortly after midnight. Nobody was injured. Photograph by Ann Lee The city council said on Tuesday it "
        "would build a cycling bridge across the river."
    )
    # a caption keeps its articles; a credit says nothing of the text after it
    assert roundup_sections((Section(None, (captions,)),), "en") == (Section(None, (captions,)),)
    letters = (
        "Ik snap niet waarom de gemeente de oude brug wil slopen terwijl de fietsers er dagelijks gebruik van maken. "
        "Joke Bos, Peize Hoe kan het dat de bus in de winter altijd later rijdt dan in de zomer?"
    )
    assert roundup_sections((Section(None, (letters,)),), "nl") == (Section(None, (letters,)),)  # a signature


def test_a_text_with_headings_of_its_own_or_in_another_language_is_left_as_it_is() -> None:
    headed = (Section("Brand in loods", (ROUNDUP_NL,)),)
    assert roundup_sections(headed, "nl") == headed
    assert roundup_sections((Section(None, (ROUNDUP_NL,)),), "de") == (Section(None, (ROUNDUP_NL,)),)
