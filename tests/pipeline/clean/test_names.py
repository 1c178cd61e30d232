"""Names: people and organisations, merged per person, without places, sentence openers or adjectives."""

from __future__ import annotations

from volg.models import Section
from volg.pipeline.clean.names import find_names
from volg.pipeline.clean.places import find_places


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
