"""Places: spellings in several languages, ambiguity, and words that only look like places."""

from __future__ import annotations

from pathlib import Path

import pytest

from volg.pipeline.clean.gazetteer import gazetteer
from volg.pipeline.clean.places import find_places


def by_name(text: str, language: str) -> dict[str, tuple[str, str, str]]:
    return {p.name: (p.canonical, p.country, p.kind) for p in find_places(text, language)}


def test_dutch_exonyms_resolve_to_the_english_name() -> None:
    text = (
        "Vanuit Moskou en Warschau reisden diplomaten naar Den Haag, Parijs en Brussel.\n"
        "In Tsjernihiv en Charkov bleef het onrustig."
    )
    found = by_name(text, "nl")
    assert found["Moskou"] == ("Moscow", "RU", "city")  # not Moscow, Idaho: the most populous wins
    assert found["Warschau"] == ("Warsaw", "PL", "city")
    assert found["Den Haag"] == ("The Hague", "NL", "city")
    assert found["Parijs"] == ("Paris", "FR", "city")
    assert found["Brussel"] == ("Brussels", "BE", "city")
    assert found["Tsjernihiv"] == ("Chernihiv", "UA", "city")
    assert found["Charkov"] == ("Kharkiv", "UA", "city")


def test_one_place_once_under_its_first_spelling_in_order() -> None:
    places = find_places("Kiev werd beschoten. Later meldde Kyiv dat ook Lviv werd geraakt, net als Kiev zelf.", "nl")
    assert [(p.name, p.canonical) for p in places] == [("Kiev", "Kyiv"), ("Lviv", "Lviv")]
    kyiv = places[0]
    assert abs(kyiv.lat - 50.45) < 0.5 and abs(kyiv.lon - 30.52) < 0.5


@pytest.mark.parametrize(
    ("text", "language", "spelling"),
    [
        ("Troops advanced on Kyiv and Kharkiv, officials in The Hague said.", "en", "The Hague"),
        ("Russische Truppen stehen vor Kiew, heißt es in Den Haag.", "de", "Den Haag"),
        ("Des chars approchent de Kiev, selon La Haye.", "fr", "La Haye"),
    ],
)
def test_other_languages(text: str, language: str, spelling: str) -> None:
    found = by_name(text, language)
    assert ("Kyiv", "UA", "city") in found.values()
    assert found[spelling] == ("The Hague", "NL", "city")


def test_countries_in_several_languages_are_placed_at_their_capital() -> None:
    found = {p.name: p for p in find_places("Oekraïne, Rusland en Wit-Rusland; Polen en de VS.", "nl")}
    assert {n: (p.country, p.kind) for n, p in found.items()} == {
        "Oekraïne": ("UA", "country"),
        "Rusland": ("RU", "country"),
        "Wit-Rusland": ("BY", "country"),
        "Polen": ("PL", "country"),
        "VS": ("US", "country"),
    }
    assert abs(found["Rusland"].lat - 55.75) < 0.5  # Moscow
    germany = by_name("Die Ukraine und Deutschland", "de")
    assert germany == {"Ukraine": ("Ukraine", "UA", "country"), "Deutschland": ("Germany", "DE", "country")}


def test_adjectives_and_demonyms_are_not_places() -> None:
    assert find_places("De Russische en Poolse regering en de Oekraïners reageerden.", "nl") == ()
    assert find_places("Russian and Ukrainian officials met.", "en") == ()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Door de regen. Of het lukt? Van huis uit. Op tijd.", "nl"),
        ("Landen in het westen protesteren. Kan dat?", "nl"),
        ("Reading the report, she smiled. Bath time was over.", "en"),
        ("They held the Bath festival again.", "en"),
        ("Das Essen war kalt und der Rest blieb liegen.", "de"),
        ("Elle parle de l'Union européenne.", "fr"),
        ("Minister Van der Veen en mevrouw Ter Breda waren er.", "nl"),
        ("Het kabinet-Rutte I viel; op lijst O stond zij als derde.", "nl"),  # one letter: I and O are towns too
        ("Plan B failed and section I of the bill was struck out.", "en"),
    ],
)
def test_ordinary_words_are_not_places(text: str, language: str) -> None:
    assert find_places(text, language) == ()


def test_ordinary_words_are_places_where_the_sentence_says_so() -> None:
    assert [p.canonical for p in find_places("The council in Reading met on Friday.", "en")] == ["Reading"]
    assert [p.canonical for p in find_places("Der Gipfel fand in Essen statt.", "de")] == ["Essen"]


def test_a_place_glued_to_another_name_is_part_of_that_name() -> None:
    text = "Vladimir Poetin sprak met Paris Saint-Germain en de Washington Post."
    assert find_places(text, "nl") == ()


def test_title_case_headline() -> None:
    assert [p.canonical for p in find_places("Putin Warns Kyiv As Talks Stall", "en")] == ["Kyiv"]


def test_regions_in_several_languages() -> None:
    text = "Storm in Friesland, Drenthe en Noord-Brabant; ook Vlaanderen, Wallonië en Beieren kregen regen."
    assert by_name(text, "nl") == {
        "Friesland": ("Friesland", "NL", "region"),
        "Drenthe": ("Drenthe", "NL", "region"),
        "Noord-Brabant": ("North Brabant", "NL", "region"),
        "Vlaanderen": ("Flanders", "BE", "region"),
        "Wallonië": ("Wallonia", "BE", "region"),
        "Beieren": ("Bavaria", "DE", "region"),
    }
    assert by_name("Storms hit Texas and Scotland.", "en") == {
        "Texas": ("Texas", "US", "region"),
        "Scotland": ("Scotland", "GB", "region"),
    }


def test_a_city_keeps_its_name_in_its_own_country_a_foreign_town_does_not() -> None:
    found = by_name("Van Groningen en Utrecht naar Limburg en Brandenburg.", "nl")
    assert found == {
        "Groningen": ("Groningen", "NL", "city"),  # the province shares its name with a big city
        "Utrecht": ("Utrecht", "NL", "city"),
        "Limburg": ("Limburg", "NL", "region"),  # not Limburg an der Lahn, Germany
        "Brandenburg": ("Brandenburg", "DE", "region"),  # its namesake town is small
    }
    assert by_name("Flights from Washington and Georgia.", "en") == {
        "Washington": ("Washington", "US", "city"),
        "Georgia": ("Georgia", "GE", "country"),
    }


def test_rivers_and_seas() -> None:
    places = {p.name: p for p in find_places("De Maas en de Rijn stromen naar de Noordzee.", "nl")}
    assert {n: (p.canonical, p.country, p.kind) for n, p in places.items()} == {
        "Maas": ("Meuse", "NL", "water"),
        "Rijn": ("Rhine", "DE", "water"),
        "Noordzee": ("North Sea", "", "water"),  # a sea belongs to no country
    }
    assert by_name("The Elbe burst its banks.", "en") == {"Elbe": ("Elbe", "DE", "water")}


def test_a_compass_word_hyphenated_to_a_place_names_that_place() -> None:
    found = by_name("Regen boven Noord-Duitsland, Zuid-Limburg en Rotterdam-Zuid, maar niet in Zuid-Europa.", "nl")
    assert found == {
        "Noord-Duitsland": ("Germany", "DE", "country"),
        "Zuid-Limburg": ("Limburg", "NL", "region"),
        "Rotterdam-Zuid": ("Rotterdam", "NL", "city"),
    }
    assert find_places("Metro-North trains were late.", "en") == ()


def test_a_place_in_a_surname_or_a_given_name_is_not_a_place() -> None:
    assert find_places("Bioloog Frans de Waal en wethouder Sander van Rijswijk schreven een boek.", "nl") == ()
    found = by_name(
        "Er sprak een hoogleraar van de Universiteit van Tilburg en burgemeester Ria Hofstede van Assen.", "nl"
    )
    assert set(found) == {"Tilburg", "Assen"}
    assert find_places("Coach Graham Pembroke stayed. Graham was pleased.", "en") == ()
    assert find_places("De club heeft de Engelsman Graham Pembroke aangesteld. Graham had een plan.", "nl") == ()


def test_title_case_neighbours_that_are_names() -> None:
    assert find_places("Lena Hartwell Says Ratings Mean Nothing To Her", "en") == ()
    assert find_places("Anna Pembroke Says Ratings Mean Nothing  ...", "en") == ()  # a headline cut short


def test_empty_and_unknown_language() -> None:
    assert find_places("", "nl") == ()
    assert [p.canonical for p in find_places("Berlin und Warschau", "xx")] == ["Berlin", "Warsaw"]




def test_seed_article(seed_text: str) -> None:
    places = {p.name: p for p in find_places(seed_text, "nl")}
    expected = {"Kiev": (50.45, 30.52), "Chernihiv": (51.51, 31.29), "Warschau": (52.23, 21.01), "Minsk": (53.9, 27.57)}
    for name, (lat, lon) in expected.items():
        place = places[name]
        assert place.kind == "city" and abs(place.lat - lat) < 0.5 and abs(place.lon - lon) < 0.5
    for name, code in {"Oekraïne": "UA", "Rusland": "RU", "Belarus": "BY"}.items():
        assert (places[name].country, places[name].kind) == (code, "country")
    assert not {"De", "Het", "Tijdens", "Daarnaast", "Foto", "Russische", "Poolse"} & places.keys()


def test_the_index_is_kept_in_the_cache_folder_and_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    gazetteer.cache_clear()
    try:
        built = gazetteer()
        [kept] = (tmp_path / "volg").glob("gazetteer-*.marshal")
        gazetteer.cache_clear()
        read = gazetteer()
        assert read is not built and read.entries == built.entries and read.countries == built.countries
        assert read.lookup("Den Haag") == built.lookup("Den Haag") and read.max_words == built.max_words
        kept.write_bytes(b"not marshal data")  # a broken file is built again and replaced
        gazetteer.cache_clear()
        assert gazetteer().entries == built.entries and kept.read_bytes() != b"not marshal data"
    finally:
        gazetteer.cache_clear()


def test_a_place_name_after_a_persons_title_is_a_surname() -> None:
    assert [p.name for p in find_places("President Obama met Mayor Nagin in New Orleans.", "en")] == ["New Orleans"]
    assert [p.name for p in find_places("Burgemeester Breda opende in Venlo de brug.", "nl")] == ["Venlo"]
    assert [p.name for p in find_places("Minister Breda sprak in Breda.", "nl")] == ["Breda"]
