"""What an update may list as new: facts a reader can read, never stray numbers, bylines or adjectives."""

from __future__ import annotations

from volg.pipeline.develop.facts import hard_facts, is_substantive


def labels(text: str, names: tuple[str, ...] = ()) -> list[str]:
    return [f.label for f in hard_facts(text, "nl", names, ()) if is_substantive(f)]


def test_a_number_counts_only_with_what_it_counts() -> None:
    assert labels("Het dodental steeg naar 14 doden; de schade is 310 miljoen euro.") == ["14 doden",
                                                                                          "310 miljoen euro"]
    assert labels("Tegen haar is een taakstraf van 180 uur geëist; de zitting begint om 9 uur.") == ["180 uur"]
    assert labels("De uitslag in Rotterdam: 1 Leefbaar, 2 VVD, 3 GroenLinks; opkomst 4.300.") == []
    assert labels("De ploeg stond met 4 achter en had er nog 1 kunnen maken; het werd 4 lag.") == []  # verbs
    assert labels("Het gaat om de 19-jarige Noor Vermeer.") == ["19-jarige Noor"]


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
