"""Names: people and organisations, merged per person, without places, sentence openers or adjectives."""

from __future__ import annotations

from volg.models import Section
from volg.pipeline.clean.names import find_names, name_lines
from volg.pipeline.clean.places import find_places, tokenize


def names(text: str, language: str, heading: str | None = None) -> tuple[str, ...]:
    sections = [Section(heading, tuple(line for line in text.split("\n") if line.strip()))]
    places = find_places("\n".join([heading or "", text]), language)
    return find_names(sections, language, places)


def test_full_form_first_then_the_short_form_used_alone() -> None:
    found = names("Gisteren sprak president Jan Smeulders in Utrecht. Smeulders zei later dat hij tevreden was.", "nl")
    assert found == ("Jan Smeulders", "Smeulders")


def test_a_short_form_before_the_full_form_joins_it_at_its_own_place() -> None:
    found = names("Eerst sprak Kees de Groot, daarna Annet Nowicki.", "nl", heading="Nowicki wil meer geld")
    assert found == ("Annet Nowicki", "Nowicki", "Kees de Groot")


def test_two_people_side_by_side_are_split() -> None:
    text = "Nowicki sprak met Kowalczyk. Later wilde Nowicki Kowalczyk ontmoeten in Zwolle."
    assert names(text, "nl") == ("Nowicki", "Kowalczyk")


def test_particles_titles_and_organisations() -> None:
    text = (
        "Minister Van der Veen sprak met Ursula von der Leyen over de NAVO. "
        "Het ministerie van Buitenlandse Zaken en de Tweede Kamer reageerden, meldt het ANP."
    )
    found = names(text, "nl")
    assert found == (
        "Van der Veen",
        "Ursula von der Leyen",
        "NAVO",
        "ministerie van Buitenlandse Zaken",
        "Tweede Kamer",
        "ANP",
    )


def test_no_sentence_openers_adjectives_places_months_or_titles() -> None:
    text = (
        "Tijdens de top spraken Russische en Poolse diplomaten. Daarnaast kwamen de Oekraïners. "
        "Foto: archief. In maart zei President Kowalczyk in Warschau iets over het Westen.\n"
        "Volg dit onderwerp Volgen Wil jij updates?"
    )
    assert names(text, "nl") == ("Kowalczyk",)


def test_an_ordinary_word_counts_only_as_the_short_form_of_a_full_name() -> None:
    assert names("Later sprak Brouwers over de begroting.", "nl") == ()
    assert names("Anna Brouwers sprak. Daarna sprak Brouwers opnieuw.", "nl") == ("Anna Brouwers", "Brouwers")


def test_english() -> None:
    text = (
        "Russian President Vladimir Putin's spokesman Dmitry Peskov told Reuters on Monday that the Kremlin "
        "would respond to NATO. Putin did not comment. Officials in Kyiv and The Hague were silent."
    )
    assert names(text, "en") == ("Vladimir Putin", "Putin", "Dmitry Peskov", "Reuters", "Kremlin", "NATO")


def test_german_nouns_are_not_names() -> None:
    text = (
        "Laut Angaben der Regierung sprach Bundeskanzler Olaf Scholz in Berlin mit Vertretern der NATO. Scholz blieb."
    )
    assert names(text, "de") == ("Olaf Scholz", "Scholz", "NATO")


def test_french() -> None:
    text = "Selon l'AFP, Emmanuel Macron a parlé avec Vladimir Poutine depuis Paris. Macron reste prudent."
    assert names(text, "fr") == ("AFP", "Emmanuel Macron", "Macron", "Vladimir Poutine")


def test_title_case_headings_give_no_names() -> None:
    assert names("Kowalczyk zei niets.", "en", heading="Markets Rally As Investors Cheer Rate Cut") == ("Kowalczyk",)


def test_demonyms_before_a_name_are_not_part_of_it() -> None:
    text = "FC Westerhaven heeft de Engelsman Oliver Pembroke aangesteld. De Nederlander Sem Wouters vertrekt."
    assert names(text, "nl") == ("FC Westerhaven", "Oliver Pembroke", "Sem Wouters")
    text = "Dutchman Joris Kleinveld won the race, ahead of Briton Alfie Marsh."
    assert names(text, "en") == ("Joris Kleinveld", "Alfie Marsh")


def test_first_names_that_end_like_adjectives_are_kept() -> None:
    assert names("Yesterday Brian Holloway met Adrian Fenwick and Julian Prest.", "en") == (
        "Brian Holloway",
        "Adrian Fenwick",
        "Julian Prest",
    )
    assert names("Later sprak Hans Veldkamp met Frans Oosterbeek.", "nl") == ("Hans Veldkamp", "Frans Oosterbeek")


def test_a_nationality_before_a_person_goes_before_an_organisation_stays() -> None:
    text = "De Belgische Lotte Verbruggen won. De Europese Commissie en de Deutsche Bank reageerden."
    assert names(text, "nl") == ("Lotte Verbruggen", "Europese Commissie", "Deutsche Bank")


def test_titles_inside_a_run_and_roles_written_as_compounds() -> None:
    text = "Polish Foreign Minister Tomasz Wielgosz met Chief Executive Dana Okafor."
    assert names(text, "en") == ("Tomasz Wielgosz", "Dana Okafor")
    text = "VN-gezant Ilse Marstrand sprak met Unie-leider Koen Brugman over de EU-landen."
    assert names(text, "nl") == ("VN", "Ilse Marstrand", "Koen Brugman", "EU")
    assert names("Kim Jong-un met Moon Jae-in in Seoul.", "en") == ("Kim Jong-un", "Moon Jae-in")
    assert names("Envoy Park Ji-woo met Chief Operating Officer Dana Okafor.", "en") == ("Park Ji-woo", "Dana Okafor")


def test_a_person_of_an_organisation_is_two_names() -> None:
    text = (
        "Dat zegt Marit Hoekstra van de Dijkbond. De Centrale Raad van Beroep oordeelde anders. "
        "Verkeersminister Cora van Lienden zweeg."
    )
    assert names(text, "nl") == ("Marit Hoekstra", "Dijkbond", "Centrale Raad van Beroep", "Cora van Lienden")


def test_dutch_of_is_or() -> None:
    assert names("Morgen spreekt Nowicki of Kowalczyk met de pers.", "nl") == ("Nowicki", "Kowalczyk")


def test_datelines_abbreviated_months_and_time_zones_are_not_names() -> None:
    text = "HAMBURG, Nov 12 (Northsea Wire) - Dock workers walked out at 0600 GMT, said Ruth Ambler."
    assert names(text, "en") == ("Northsea Wire", "Ruth Ambler")
    assert names("Jan Smeulders kwam op 3 jan. terug. Smeulders bleef.", "nl") == ("Jan Smeulders", "Smeulders")


def test_provinces_rivers_and_regions_are_places_not_names() -> None:
    text = (
        "Het water in de Maas en de Rijn stijgt. In Friesland en Drenthe waait het hard, ook boven Noord-Duitsland "
        "en Zuid-Europa. Maastricht Nederland\nIn Oost-Groningen en Rotterdam-Zuid regent het."
    )
    assert names(text, "nl") == ()


def test_a_lone_word_after_a_preposition_of_place_is_a_village() -> None:
    assert names("Bewoners in Kleinwerve en uit Oosterheem moesten weg.", "nl") == ()
    assert names("Het water stond in Kleinwerve en Oosterheem.", "nl") == ()
    assert names("Residents near Oldmere were evacuated.", "en") == ()
    # ... unless the text also uses it in a full name.
    assert names("In Kleinwerve sprak Saskia Kleinwerve.", "nl") == ("Saskia Kleinwerve", "Kleinwerve")


def test_a_place_name_used_alone_counts_only_as_a_short_form() -> None:
    assert names("Later sprak Graham.", "en") == ()
    assert names("Coach Graham Pembroke stayed. Graham was pleased.", "en") == ("Graham Pembroke",)


def test_ordinary_words_opening_a_heading_or_sentence() -> None:
    assert names("Klimaatfonds van 12 miljard\nDe landen willen een klimaatfonds voor de kust.", "nl") == ()
    assert names("Waarschuwingsstaking in Bremen\nDe havenarbeiders legden het werk neer.", "nl") == ()
    assert names("Veiligheidsonderzoeker Jorien Kwakman waarschuwt voor het lek.", "nl") == ("Jorien Kwakman",)
    # sentence adverbs the lemmatiser does not know: "Desondanks" was a name, and a discovered topic's
    assert names("Het netwerk werd vernieuwd. Desondanks ziet Vodafone kleine gebreken. Vervolgens kwam KPN met een "
                 "nieuw plan. Kortom, het werk is niet af.", "nl") == ("Vodafone", "KPN")


def test_title_case_runs_count_only_as_names_found_elsewhere() -> None:
    text = "Envoy Helena Marklund spoke on Monday. Marklund added nothing."
    assert names(text, "en", heading="Marklund Warns Of Delay As Talks Stall") == ("Helena Marklund", "Marklund")
    assert names("Shares closed flat.", "en", heading="Vantor Company Pressures Index Makers In Late Trade  ...") == ()


def test_runs_all_in_capitals_count_only_as_names_found_elsewhere() -> None:
    text = ("Marieke Dekker van het Comité Vrij Land droeg een trui met 'WEG MET PVN'. De PVN reageerde niet.\n"
            "BRIEF VAN DE DAG\nDe NAVO en de VN vergaderen maandag.")
    assert names(text, "nl") == ("Marieke Dekker", "Comité Vrij Land", "PVN", "NAVO", "VN")
    assert names("Protesters carried a banner saying STOP THE WAR outside the BBC on Monday.", "en") == ("BBC",)


def test_a_particle_after_a_party_opens_the_next_phrase_but_continues_a_person() -> None:
    assert names("In Zwolle won GroenLinks de Provinciale Statenverkiezingen.", "nl") == (
        "GroenLinks", "Provinciale Statenverkiezingen")
    assert names("Volgens de LPF van Marieke Bos was de uitslag goed.", "nl") == ("LPF", "Marieke Bos")
    assert names("Gisteren spraken Jan-Willem de Vries en Hugo de Jonge met elkaar.", "nl") == (
        "Jan-Willem de Vries", "Hugo de Jonge")


def test_german_regions() -> None:
    assert names("Der Bürgermeister sprach mit Vertretern aus Bayern und Sachsen.", "de") == ()


def test_empty() -> None:
    assert find_names([], "nl", ()) == ()
    assert find_names([Section(None, ("",))], "xx", ()) == ()


def test_seed_article(seed_text: str) -> None:
    text = seed_text
    sections = [Section(None, tuple(line for line in text.split("\n") if line.strip()))]
    found = find_names(sections, "nl", find_places(text, "nl"))
    assert {"Vladimir Poetin", "Poetin", "Volodymyr Zelensky", "Zelensky", "Kremlin", "Reuters"} <= set(found)
    assert found.index("Vladimir Poetin") + 1 == found.index("Poetin")
    junk = {"De", "Het", "Tijdens", "Daarnaast", "Foto", "Russische", "Poolse", "Russen", "Kiev", "Oekraïne", "Volg"}
    assert not junk & set(found)


def test_tokens_given_by_the_caller_find_the_same_names() -> None:
    sections = [Section(None, ("Kabinet wil meer geld",)),
                Section("Defensie", ("Minister Kajsa Ollongren zei dinsdag in Den Haag dat het ministerie van "
                                     "Defensie en het ministerie van Buitenlandse Zaken samen optrekken.",
                                     "Ollongren sprak met NAVO-chef Jens Stoltenberg."))]
    text = "\n".join(name_lines(sections))
    tokens = tokenize(text)
    places = find_places(text, "nl", tokens)
    assert find_names(sections, "nl", places, tokens) == find_names(sections, "nl", places)
    assert "ministerie van Buitenlandse Zaken" in find_names(sections, "nl", places, tokens)


def test_an_institution_before_a_person_is_a_name_of_its_own() -> None:
    text = "Dat zegt fractievoorzitter in de Eerste Kamer Pieter Lindeboom. Ook de Nationale Ombudsman Ria Stokkel."
    assert names(text, "nl") == ("Eerste Kamer", "Pieter Lindeboom", "Nationale Ombudsman", "Ria Stokkel")
    assert names("Yesterday in the House of Representatives Dana Okafor voted no.", "en") == (
        "House of Representatives", "Dana Okafor")
    assert names("Then European Commission President Jean-Luc Marchal spoke.", "en") == (  # a title is no institution
        "European Commission", "Jean-Luc Marchal")
    # one ordinary word is no institution; an institution ends in a noun, and a place is no person
    assert names("Gisteren reageerde de Stichting Anne Veltkamp.", "nl") == ("Stichting Anne Veltkamp",)
    assert names("Zo oordeelde de Koninklijke Nederlandse Akademie van Wetenschappen.", "nl") == (
        "Koninklijke Nederlandse Akademie van Wetenschappen",)
    assert names("Het Islamitisch College Amsterdam en de Nationaal Coördinator Terrorismebestrijding.", "nl") == (
        "Islamitisch College Amsterdam", "Nationaal Coördinator Terrorismebestrijding")


def test_a_ministers_portfolio_is_no_name() -> None:
    text = ("De Belgische minister van Europese Zaken Sophie Lambert sprak met minister van Justitie en Veiligheid "
            "Ferdinand Groothuis. Staatssecretaris van Financiën Menno Spelt zweeg, net als de ministers van "
            "Buitenlandse Zaken van de lidstaten.")
    assert names(text, "nl") == ("Sophie Lambert", "Ferdinand Groothuis", "Menno Spelt")
    assert names("Then Secretary of State Mike Pembury flew in.", "en") == ("Mike Pembury",)
    # after another title, the organisation stays
    assert names("Volgens woordvoerder van Rijkswaterstaat Jan Pieters stijgt het water.", "nl") == (
        "Rijkswaterstaat", "Jan Pieters")


def test_a_title_written_as_a_compound_is_no_part_of_the_name() -> None:
    assert names("Het woord is aan Kamervoorzitter Khadija Arbous.", "nl") == ("Khadija Arbous",)
    assert names("Dat zegt het Zeeuwse Statenlid Johan Robeek.", "nl") == ("Johan Robeek",)
    assert names("Ze is ambassadeur van Free A Girl geworden.", "nl") == ("Free A Girl",)  # one letter: no person


def test_a_person_for_a_place_but_not_an_organisation_for_a_cause() -> None:
    assert names("De partij vroeg oud-topman Hans Smeets voor Zuid-Holland.", "nl") == ("Hans Smeets",)
    assert names("Hij werkt bij het Koninklijk Instituut voor Taal.", "nl") == ("Koninklijk Instituut voor Taal",)
    assert names("Volgens Baudets Forum voor Democratie niet.", "nl") == ("Baudets Forum voor Democratie",)


def test_an_article_never_opens_a_party_nor_ends_a_name() -> None:
    # a heading that ran into the paragraph: its article goes with the compound, not with SBS
    assert names("Daarover later meer Het SBS-debat duurde twee uur.", "nl") == ("SBS",)
    assert names("Zij zaten in Avondwerk Vandaag De 12 ministers beslissen.", "nl") == ("Avondwerk Vandaag",)
    assert names("Dat meldt Het Parool vandaag.", "nl") == ("Het Parool",)  # a newspaper's own article stays


def test_the_next_sentence_or_a_dateline_run_into_a_name_is_no_part_of_it() -> None:
    # a full stop or line break lost in extraction: a stop word, a weekday, a dateline's month or place in capitals
    assert names("Dat meldde Hans de Boer Gisteren zei hij ook dat het water zakt.", "nl") == ("Hans de Boer",)
    assert names("Photo: Reuters It was a quiet day for Anna Kowalczyk in London Thursday.", "en") == (
        "Reuters", "Anna Kowalczyk")
    assert names("By Maggie Vos, Health Editor WASHINGTON (Reuters) - Officials in Texas April cases rose.", "en") == (
        "Maggie Vos", "Health Editor", "Reuters")
    assert names("Officials in Mexico The Guardian reported.", "en") == ()  # cut before "The": no "Mexico The Guardian"
    assert names("Lieutenant Jan Vos Capt. Piet Smit zei het.", "en") == ("Jan Vos", "Piet Smit")  # the next title
    assert names("He met the United Nations Special Envoy.", "en") == ("United Nations Special Envoy",)
    assert names("Dat zegt columniste Fidan Koç.", "nl") == ("Fidan Koç",)
    # a caption's preposition, people named by their country, a rank before a name: none is part of a name
    assert names("Schools close in Peru Amid fears of floods.", "en") == ()
    assert names("A camp for the Brazilians Norway admitted was closed.", "en") == ()
    assert names("The Harbour Guard Rear Adm. Jan Vos spoke.", "en") == ("Harbour Guard", "Jan Vos")
    # a month that ends a person's name stays, as does a surname's capital particle
    assert names("Theresa May sprak met Bart De Wever.", "nl") == ("Theresa May", "Bart De Wever")


def test_an_initial_is_read_with_its_full_stop_and_the_surname_after_it() -> None:
    assert names("De verdachte Ruben K. ontkent. Ruben K. zit nog vast.", "nl") == ("Ruben K.",)
    assert names("Senator Edward Q. Markowitz said two U.S. soldiers were hurt.", "en") == ("Edward Q. Markowitz",)
