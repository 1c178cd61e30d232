import dataclasses

from tests.pipeline.cluster.invented import passage

from volg.folding import fold
from volg.models import Place
from volg.pipeline.cluster.features import ENTITIES, extract
from volg.pipeline.cluster.tuning import ClusterSettings

SETTINGS = ClusterSettings()


def entities(title: str, text: str, language: str = "en") -> dict[str, float]:
    return extract(passage(1, title, text, language=language), SETTINGS).spaces.get(ENTITIES, {})


def test_numbers_compare_across_languages() -> None:
    english = entities("Strike", "Some 1,400 lashers walked out; the peak was 3,050 m3/s and pay rose 3.2%.")
    dutch = entities("Staking", "Zo'n 1.400 sjorders staakten; de piek was 3.050 m3/s en het loon steeg 3,2%.", "nl")
    assert {"#1400", "#3050", "#3.2"} <= english.keys() & dutch.keys()
    assert "#1400" in entities("Strike", "1400 lashers walked out.")
    assert not any(key in ("#3", "#7") for key in entities("Strike", "Day 3 of 7."))  # small numbers say little


def test_dates_compare_across_languages() -> None:
    for title, text, language in [
        ("Talks", "The talks start on 24 November in Geneva.", "en"),
        ("Talks", "GENEVA, Nov 24 (Wire) - The talks begin.", "en"),
        ("Gesprekken", "De gesprekken beginnen op 24 november in Genève.", "nl"),
    ]:
        assert "d:11-24" in entities(title, text, language)


def test_names_match_by_surname_with_accents_folded() -> None:
    full = entities("Poetin spreekt", "President Vladimir Poetin sprak de veiligheidsraad toe.", "nl")
    short = entities("Poetin spreekt", "Poetin sprak.", "nl")
    assert "n:poetin" in full and "n:poetin" in short and "n:vladimir poetin" in full
    assert fold("Inês Carvalho") == "ines carvalho"


def test_places_match_by_gazetteer_name() -> None:
    kiev = Place("Kiev", "Kyiv", 50.45, 30.52, "UA", "city")
    kyiv = Place("Kyiv", "Kyiv", 50.45, 30.52, "UA", "city")
    a = extract(dataclasses.replace(passage(1, "Aanval op Kiev", "Tekst.", language="nl"), places=(kiev,)), SETTINGS)
    b = extract(dataclasses.replace(passage(2, "Attack on Kyiv", "Text."), places=(kyiv,)), SETTINGS)
    assert "p:kyiv" in a.spaces[ENTITIES] and "p:kyiv" in b.spaces[ENTITIES]


def test_words_are_stemmed_per_language_without_stop_words_and_title_weighs_more() -> None:
    features = extract(passage(1, "Dockers strike", "The strikes went on. Dockers striking in the port."), SETTINGS)
    words = features.spaces["w:en"]
    assert "the" not in words and "in" not in words
    assert words["strike"] > words["port"]  # strike, strikes, striking: one stem, and in the title
    assert features.surfaces["strike"] == "strike" and features.surfaces["docker"] == "dockers"
    dutch = extract(passage(2, "Stakingen", "De havens staken. Haven dicht.", language="nl"), SETTINGS)
    assert "w:nl" in dutch.spaces and "haven" in dutch.spaces["w:nl"]


def test_title_grams_and_the_outlet_name() -> None:
    features = extract(passage(1, "Plosser's warning", "Continental Wire reports a warning.",
                               source="Continental Wire"), dataclasses.replace(SETTINGS, gram_size=4))  # fmt: skip
    assert " plo" in features.spaces["g:en"]
    assert not any("continental" in key for key in features.spaces[ENTITIES])  # the outlet is not evidence


def test_fast_paths_equal_the_plain_patterns() -> None:
    """The ASCII tokeniser and the digit pre-filters of numbers and dates change no result."""
    from volg.pipeline.cluster.features import _DAY_MONTH, _MONTH_DAY, _SHORT_NUMBER, _WORD, _facts, _tokens

    texts = ["Fed's Plosser: 3,16 Nov. talks; Nov 24 (Wire) 1,400 m3/s", "GENEVA, nov. 24 - X_y a1b2 Ab cD",
             "Oekraïne: 24 november, Genève", "No digits here at all", " ", "", "MtGox 2014 ２４ nov",
             "16th March 2014"]  # fmt: skip
    for text in texts:
        assert _tokens(text) == _WORD.findall(text.casefold())
        folded = fold(text)
        if not _SHORT_NUMBER.search(folded):
            assert not _DAY_MONTH.findall(folded) and not _MONTH_DAY.findall(folded)
    assert "d:11-24" in _facts("GENEVA, Nov 24 (Wire)") and "d:11-16" in _facts("3,16 nov talks")


def words_of(title: str, text: str, settings: ClusterSettings = SETTINGS, language: str = "nl") -> dict[str, float]:
    return extract(passage(1, title, text, language=language), settings).spaces[f"w:{language}"]


def test_a_compound_the_dictionary_does_not_know_also_counts_its_parts() -> None:
    words = words_of("Partij boekt verkiezingszege", "De partij viert haar ruime verkiezingszege.")
    assert {"verkiezingszeg", "zege", "verkies"} <= words.keys()  # the compound, its head, its modifier (no s)
    assert words["zege"] == words["verkiezingszeg"]
    assert "zege" in words_of("Ruime zege", "De partij viert haar zege.")
    head_only = words_of("Actie", "Er kwamen duizenden mensen naar de antiracismedemonstratie op het plein.")
    assert "demonstreer" in head_only  # the head; the modifier is no word of the dictionary
    assert "demonstreer" in words_of("Actie", "Duizenden mensen demonstreerden op het plein tegen racisme.")
    off = words_of("Verkiezingszege", "Een verkiezingszege.", ClusterSettings(compound_weight=0.0))
    assert "zege" not in off and "verkiezingszeg" in off
    german = dataclasses.replace(passage(1, "Warnung am Rhein", "Die Stadt gibt eine Hochwasserwarnung aus.",
                                         language="de"), names=())  # the names step takes it for a name
    apart = words_of("Warnung", "Die Stadt warnt vor Hochwasser.", language="de")
    assert len(extract(german, SETTINGS).spaces["w:de"].keys() & apart.keys() - {"stadt"}) == 2  # Hochwasser, Warnung


def test_a_word_the_dictionary_knows_or_a_name_is_not_cut() -> None:
    words = words_of("Hoogwater", "Het hoogwater bereikt de stad. Lijsttrekker Femke Westerveld kijkt toe.")
    assert "hoogwater" in words and "water" not in words  # a compound of the dictionary is a word of its own
    assert "westerveld" in words and "veld" not in words  # a name's word has no parts


def test_one_event_told_in_a_compound_and_in_separate_words_scores_higher() -> None:
    from volg.pipeline.cluster.assign import Clusterer

    compound = passage(80, "Ontslagregels versoepeld", "Het kabinet maakt ontslagregels voor kleine bazen soepeler.",
                       language="nl", source="De Havenbode")  # fmt: skip
    words = passage(81, "Soepeler ontslag: kabinet past regels aan", "Kleine bazen mogen makkelijker ontslaan.",
                    hours=3, language="nl", source="Noorderkrant")  # fmt: skip
    scores = []
    for settings in (ClusterSettings(compound_weight=0.0), SETTINGS):
        clusterer = Clusterer(settings)
        clusterer.add(compound)
        scores.append(clusterer.add(words).score)
    assert scores[1] > scores[0] + 0.1
