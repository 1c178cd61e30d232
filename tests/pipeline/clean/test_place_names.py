"""A place's name in a page's language from volg's own data: for a place no text in that language spelled."""

from __future__ import annotations

import pytest

from volg.models import Place
from volg.pipeline.clean.gazetteer import gazetteer
from volg.pipeline.clean.place_names import _table, name_in


def place(name: str) -> Place:
    entry = gazetteer().lookup(name)
    assert entry is not None
    return Place(name, entry.canonical, entry.lat, entry.lon, entry.country, entry.kind)


@pytest.mark.parametrize(("spelled", "nl", "en", "de"), [
    ("Rhine", "Rijn", "Rhine", "Rhein"),  # a water of the hand table
    ("Danube", "Donau", "Danube", "Donau"),
    ("Wallonia", "Wallonië", "Wallonia", "Wallonien"),  # a region of the hand table
    ("Brussels", "Brussel", "Brussels", "Brüssel"),  # a city CLDR names
    ("Vienna", "Wenen", "Vienna", "Wien"),
    ("Germany", "Duitsland", "Germany", "Deutschland"),  # a country
    ("Maas", "Maas", "Meuse", "Maas"),  # spelled in Dutch, named in English on an English page
])
def test_a_place_is_named_in_the_language_asked(spelled: str, nl: str, en: str, de: str) -> None:
    assert [name_in(place(spelled), language) for language in ("nl", "en", "de")] == [nl, en, de]


def test_a_name_the_data_lacks_is_the_gazetteers_in_english_and_as_spelled_in_another_language() -> None:
    assert name_in(place("Luik"), "en") == "Liège"  # GeoNames' own name; CLDR names no time zone after it
    assert name_in(place("Almere"), "nl") == "Almere"  # not GeoNames' "Almere Stad"
    assert name_in(place("Oder"), "de") == "Oder"
    assert name_in(place("Paris"), "xx") == "Paris"  # a language volg does not know


def test_every_name_of_the_hand_table_is_a_spelling_of_its_place() -> None:
    for english, names in _table().items():
        for language, name in names.items():
            entry = gazetteer().lookup(name)
            assert entry is not None and entry.canonical == english, (english, language, name)
