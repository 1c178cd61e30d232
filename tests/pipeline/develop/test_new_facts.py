"""What an update may list as new: facts a reader can read, never stray numbers, bylines or adjectives."""

from __future__ import annotations

from volg.pipeline.clean.places import find_places
from volg.pipeline.develop.facts import hard_facts, is_substantive


def labels(text: str, names: tuple[str, ...] = ()) -> list[str]:
    return [f.label for f in hard_facts(text, "nl", names, ()) if is_substantive(f)]


def test_a_number_counts_only_with_what_it_counts() -> None:
    assert labels("Het dodental steeg naar 14 doden; de schade is 310 miljoen euro.") == ["14 doden",
                                                                                          "310 miljoen euro"]
    assert labels("Tegen haar is een taakstraf van 180 uur geëist; de zitting begint om 9 uur.") == ["180 uur"]
    assert labels("De uitslag in Rotterdam: 1 Leefbaar, 2 VVD, 3 GroenLinks; opkomst 4.300.") == []
    assert labels("De ploeg stond met 4 achter en had er nog 1 kunnen maken; het werd 4 lag.") == []  # verbs
    # an age describes a person and counts nothing: the person is news by name
    assert labels("Het gaat om de 19-jarige Noor Vermeer.", ("Noor Vermeer",)) == ["Noor Vermeer"]


def test_a_full_name_is_news_but_a_byline_or_a_lone_word_is_not() -> None:
    assert labels("Burgemeester Sandra Ramaekers zegt dat het water stijgt.", ("Sandra Ramaekers",)) == [
        "Sandra Ramaekers"]
    assert labels("Hans van Zon Commentaar over de Rotterdams haven.", ("Hans van Zon Commentaar", "Rotterdams")) == []


def test_a_small_count_written_as_a_word_is_a_fact_only_as_a_toll() -> None:
    assert labels("Twee doden bij overstromingen; twee dorpen ontruimd.") == ["Twee doden"]
    assert [f.label for f in hard_facts("Three killed, two bridges closed.", "en", (), ()) if is_substantive(f)] == [
        "Three killed"]


def test_round_counts_written_as_words_count_as_numbers() -> None:
    assert labels("Honderden demonstranten en duizenden agenten; vijfhonderd bussen, tienduizenden kijkers.") == [
        "Honderden demonstranten", "duizenden agenten", "vijfhonderd bussen", "tienduizenden kijkers"]
    assert labels("Er kwamen 5 duizend mensen en twintig duizend fans.") == ["5 duizend mensen", "twintig duizend fans"]
    assert labels("Ruim honderd mensen kwamen met zo'n duizend fietsen.") == ["honderd mensen", "duizend fietsen"]
    assert labels("Het is duizend keer beter, dat weet ik honderd procent zeker.") == []  # figures of speech
    english = hard_facts("Hundreds of protesters and tens of thousands of fans; two hundred police.", "en", (), ())
    assert [(f.label, f.key) for f in english if is_substantive(f)] == [
        ("Hundreds of protesters", "#~100"), ("tens of thousands of fans", "#~10000"), ("two hundred police", "#200")]
    # a vague count is no exact one: thousands of people do not make 1000 billion known
    keys = {f.key for f in hard_facts("Duizenden mensen; 1000 miljard euro.", "nl", (), ())}
    assert keys == {"#~1000", "#1000"}


def test_a_count_written_as_a_word_says_nothing_without_what_it_counts() -> None:
    assert labels("De partij ging van negen naar veertien.") == []


def test_an_inflected_adjective_is_read_with_the_word_it_goes_with() -> None:
    assert labels("Morgen debatteren twaalf provinciale lijsttrekkers; de partij won 3 nieuwe zetels.") == [
        "3 nieuwe zetels", "twaalf provinciale lijsttrekkers"]


def english(text: str, names: tuple[str, ...] = ()) -> list[str]:
    return [f.label for f in hard_facts(text, "en", names, ()) if is_substantive(f)]


def test_a_word_glued_to_a_number_measures_or_describes_and_counts_nothing() -> None:
    # ages and sizes, abbreviated units, ordinals, decades and clock times
    assert labels("Een 37-jarige man en een 3-jarig kind; 50m verderop, de 2e keer sinds de jaren 80s; 9 doden.") == [
        "9 doden"]
    assert english("A 26-year-old man, a 450-tonne valve, 6m away; the 10th case since the 1980s, at 5am; 9 dead.") == [
        "9 dead"]


def test_a_clock_time_is_no_count() -> None:
    assert english("At 10:44 am and again at 5 o'clock, 12 people were rescued.") == ["12 people"]
    assert labels("Om 10:44 uur en om 17.05 uur werden 12 mensen gered.") == ["12 mensen"]


def test_a_share_counts_only_with_what_it_is_a_share_of() -> None:
    assert labels("De partij haalde 15,9 procent; 40 procent van de kiezers twijfelt, 12% stemde blanco.") == [
        "40 procent van de kiezers"]
    assert english("Some 70 % of adults were vaccinated, up 40 % on May; 84 percent of the oil is gone.") == [
        "70 % of adults", "84 percent of the oil"]


def test_a_length_says_how_far_not_what_happened() -> None:
    assert labels("Het water steeg 1,5 meter over 20 kilometer; 300 woningen ontruimd.") == ["300 woningen"]
    assert english("The slick is 50 miles long and 1.8 m deep, at 1,500 metres; 11 workers died.") == ["11 workers"]


def test_an_english_adjective_is_read_with_its_noun_and_is_nothing_alone() -> None:
    assert english("Some 175,000 imperial gallons leaked; 20 confirmed cases, 3 killed in the blast; 26 new.") == [
        "175,000 imperial gallons", "20 confirmed cases", "3 killed"]
    assert english("Some 16 peacekeeping troops came, 17 drilling.") == ["16 peacekeeping troops"]
    assert labels("Er kwamen 3 nieuwe.") == []  # the Dutch inflected adjective without its noun


def test_two_adjectives_are_read_with_their_noun() -> None:
    assert english("The firm faces 65 potential class-action lawsuits; 20 confirmed new cases; 500 additional "
                   "federal workers came.") == ["65 potential class-action lawsuits", "20 confirmed new cases",
                                                "500 additional federal workers"]
    assert labels("Er zijn 12 nieuwe besmette dieren en 6 miljoen Noorse kronen.") == [
        "12 nieuwe besmette dieren", "6 miljoen Noorse kronen"]
    assert english("The company reported $2 billion profit last year.") == ["$2 billion profit"]  # a guessed
    # modifier ("profit") reads no word after it


def test_an_institution_in_ordinary_words_is_no_new_actor() -> None:
    assert labels("De Tweede Kamer en het Openbaar Ministerie willen dat Hugo Verbeek opstapt.",
                  ("Tweede Kamer", "Openbaar Ministerie", "Hugo Verbeek")) == ["Hugo Verbeek"]
    assert english("The Security Council and the Interior Department heard Tony Hayes.",
                   ("Security Council", "Interior Department", "Tony Hayes")) == ["Tony Hayes"]


def test_a_place_written_only_inside_a_name_is_no_place() -> None:
    dutch = "De leden vierden het in café Winkel van Utrecht, niet in Zwolle."
    places = find_places(dutch, "nl")
    facts = hard_facts(dutch, "nl", ("Winkel van Utrecht",), places)
    assert [f.label for f in facts if is_substantive(f)] == ["Winkel van Utrecht", "Zwolle"]
    text = "She studied at the University of Miami; now she lives in Miami."
    places = find_places(text, "en")
    assert [f.label for f in hard_facts(text, "en", ("University of Miami",), places)] == ["University of Miami",
                                                                                          "Miami"]
    text = "She studied at the University of Miami."
    assert [f.label for f in hard_facts(text, "en", ("University of Miami",), find_places(text, "en"))] == [
        "University of Miami"]


def test_a_scale_a_ratio_or_a_round_count_alone_counts_nothing() -> None:
    assert labels("Het kostte 1,9 miljoen, twintig keer meer; er kwamen tienduizenden. 300 woningen.") == [
        "300 woningen"]
    assert english("It cost 1.9 million, 10 times more, and drew tens of thousands. 300 homes.") == ["300 homes"]


def test_who_reported_is_no_fact_of_what_happened() -> None:
    # a photo credit, a byline, the outlet's own correspondent, a name glued to the outlet
    text = ("Photograph: Gerald Hale/AP. By Anna Vos. The BBC's Oslo correspondent Barbara Smit says the "
            "mayor's spokesman Henk Verbeek met Peter Olsen BBC. (AP Photo/Tom Ruiz) Jim Watts/AFP")
    facts = hard_facts(text, "en", ("Gerald Hale", "Anna Vos", "Barbara Smit", "Henk Verbeek", "Peter Olsen BBC",
                                    "Tom Ruiz", "Jim Watts"), (), ("bbc",))
    assert [f.label for f in facts] == ["Henk Verbeek"]
    dutch = "Door Kees Jansen. Het kabinet van Mark Rutte valt. Foto: Piet Smit"
    assert [f.label for f in hard_facts(dutch, "nl", ("Kees Jansen", "Mark Rutte", "Piet Smit"), (), ("ad",))] == [
        "Mark Rutte"]


def test_years_give_an_age_or_a_span_and_count_nothing() -> None:
    assert labels("Een vrouw van 23 jaar uit Zwolle; de man doet dit al 31 jaar; 6 woningen ontruimd.") == [
        "6 woningen"]
    assert english("He had worked there for 17 years, a woman of 44 years; 8 homes were flooded.") == ["8 homes"]


def test_years_of_prison_are_a_verdict() -> None:
    assert labels("De rechter legde de Zwollenaar 12 jaar cel op; zijn broer kreeg 4 jaar gevangenisstraf.") == [
        "12 jaar cel", "4 jaar gevangenisstraf"]
    assert english("The captain was sentenced to 10 years in prison; he had sailed for 30 years in peace.") == [
        "10 years in prison"]


def test_a_fraction_after_a_number_is_part_of_it() -> None:
    assert labels("De rechter legde de Zwollenaar 3½ jaar cel op.") == ["3½ jaar cel"]
    assert english("The well leaked for 3 1/2 weeks; the captain got 2½ years in prison.") == [
        "3 1/2 weeks", "2½ years in prison"]
    assert [f.key for f in hard_facts("Hij kreeg 3½ jaar cel.", "nl", (), ())] == [
        f.key for f in hard_facts("Hij kreeg 3,5 jaar cel.", "nl", (), ())]  # one value, however written
    assert english("Both ferries sailed on 9/11 and 3/11 last year.") == []  # dates, not fractions


def test_a_number_below_one_measures_and_counts_nothing() -> None:
    assert labels("De dijk zakte 0,004 graden; 0,5 miljoen mensen kregen € 0,7.") == ["0,5 miljoen mensen", "€ 0,7"]
    assert english("The rig tilted 0.02 degrees; 0.5 million people left.") == ["0.5 million people"]


def test_a_number_before_an_infinitive_counts_nothing() -> None:
    assert labels("De partij wil 12 miljard uitgeven en 4 miljoen investeren; 40 bezoeken, 9 reizen.") == [
        "40 bezoeken", "9 reizen"]


def test_a_surname_beside_the_full_name_is_the_same_person() -> None:
    text = "Trainer Pieter van Dommelen was tevreden. Van Dommelen zag 3 goals."
    facts = hard_facts(text, "nl", ("Pieter van Dommelen", "Van Dommelen"), ())
    assert [f.label for f in facts if is_substantive(f)] == ["3 goals", "Pieter van Dommelen"]
    known = {k for f in facts for k in (f.key, *f.aliases)}
    later = hard_facts("Van Dommelen bleef kalm.", "nl", ("Van Dommelen",), ())
    assert all(f.known_in(known) for f in later)
    assert english("Coach Dan de Witt spoke; De Witt said it was over.", ("Dan de Witt", "De Witt")) == [
        "Dan de Witt"]


def test_an_inflected_adjective_or_a_party_hyphened_to_a_role_is_no_name() -> None:
    assert labels("Het Europese Parlement en een PVV-Tweede Kamerlid spraken met Anouk Bakels.",
                  ("Europese Parlement", "PVV-Tweede Kamerlid", "Anouk Bakels")) == ["Anouk Bakels"]


def test_the_title_of_a_work_is_no_actor() -> None:
    assert labels("Zangeres Lotte Brink zong het lied Silver Morning.", ("Lotte Brink", "Silver Morning")) == [
        "Lotte Brink"]
    assert english("The choir sang the hymn 'Silver Morning' for Anna Pike.", ("Silver Morning", "Anna Pike")) == [
        "Anna Pike"]


def test_a_title_after_ordinary_words_is_a_function_not_a_name() -> None:
    assert english("The UN Secretary and the White House Press Secretary met Stephen King and Nora Quill.",
                   ("UN Secretary", "White House Press Secretary", "Stephen King", "Nora Quill")) == [
        "Stephen King", "Nora Quill"]


def test_a_place_named_as_a_persons_surname_is_that_person() -> None:
    text = "Senator Rosa Jackson flew in. Jackson said the levee held; the University of Miami helped, as did Miami."
    places = find_places(text, "en")
    assert {p.name for p in places} >= {"Jackson", "Miami"}
    facts = hard_facts(text, "en", ("Rosa Jackson", "University of Miami"), places)
    assert [f.label for f in facts if is_substantive(f)] == ["Rosa Jackson", "University of Miami", "Miami"]
    known = {k for f in facts if f.kind == "name" for k in (f.key, *f.aliases)}
    later = "Jackson visited Greenville."
    new = [f.label for f in hard_facts(later, "en", (), find_places(later, "en")) if not f.known_in(known)]
    assert new == ["Greenville"]


def test_an_english_auxiliary_a_verb_of_saying_or_out_of_after_a_number_counts_nothing() -> None:
    facts = english("Those over 50 might be immune; 9 officers told reporters that 43 out of 50 members left.")
    assert sorted(facts) == ["50 members", "9 officers"]


def test_the_second_number_of_a_score_or_tally_counts_nothing() -> None:
    assert english("The council backed the plan in a 35-12 vote; Leeds won 3-1 and 40 people cheered.") == [
        "40 people"]


def test_an_english_noun_before_a_noun_is_read_with_it() -> None:
    assert english("Some 14 taxi drivers and 90 security personnel came; 100 people left, 3 towns flooded.") == [
        "14 taxi drivers", "90 security personnel", "100 people", "3 towns"]


def test_a_party_is_known_by_its_initials_and_a_name_by_its_genitive() -> None:
    first = hard_facts("Forum voor Democratie en de Volkspartij voor Vrijheid en Democratie wonnen; Hiddema juichte.",
                       "nl", ("Forum voor Democratie", "Volkspartij voor Vrijheid en Democratie", "Hiddema"), ())
    known = {k for f in first for k in (f.key, *f.aliases)}
    later = hard_facts("FvD en VVD vierden feest met Hiddemas aanhang en Lotte Brink.", "nl",
                       ("FvD", "VVD", "Hiddemas", "Lotte Brink"), ())
    assert [f.label for f in later if not f.known_in(known)] == ["Lotte Brink"]
    before = {k for f in hard_facts("De FvD won.", "nl", ("FvD",), ()) for k in (f.key, *f.aliases)}
    assert all(f.known_in(before) for f in hard_facts("Forum voor Democratie won.", "nl",
                                                      ("Forum voor Democratie",), ()))


def test_a_news_agency_a_report_cites_is_no_actor() -> None:
    assert english("Engineer Dana Holt told the Associated Press and Agence France-Presse that 40 wells leaked.",
                   ("Dana Holt", "Associated Press", "Agence France-Presse")) == ["40 wells", "Dana Holt"]
