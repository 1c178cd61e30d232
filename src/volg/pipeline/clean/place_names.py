"""A place's name in one of volg's languages, from the data volg ships, for a page that must name a place no text in
its language spelled: a country's from CLDR (babel's territory names), a region's or water's from the hand table
(`data/regions.json`, its `names`: "Rijn", "Wallonië"), a city's from CLDR's names of the cities the time zones are
named after ("Brussel", "Wenen", "Lissabon"). Where the data has none: in English the gazetteer's canonical name
(English, or GeoNames' own for a city: "Liège", "The Hague"); in another language the place as a text spelled it,
which for most cities is their name in every language ("Almere", not GeoNames' "Almere Stad")."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from volg.folding import fold
from volg.models import Place

if TYPE_CHECKING:
    from babel import Locale


def name_in(place: Place, language: str) -> str:
    """The place's name in `language` (see the module docstring)."""
    locale = _locale(language)
    known: str | None = None
    if place.kind == "country" and place.country:
        known = locale.territories.get(place.country.upper()) if locale else None
    elif place.kind in ("region", "water"):
        known = _table().get(place.canonical, {}).get(language)
    elif locale and (zone := _zone(place.canonical, place.country)):
        city = locale.time_zones.get(zone, {}).get("city")
        known = city if isinstance(city, str) else None
    return known or (place.canonical if language == "en" else place.name)


@cache
def _locale(language: str) -> Locale | None:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale(language)
    except (UnknownLocaleError, ValueError):
        return None


@cache
def _table() -> dict[str, dict[str, str]]:
    """The hand table's names per language, by the place's English name."""
    raw = json.loads(resources.files("volg.pipeline.clean").joinpath("data/regions.json").read_text("utf-8"))
    return {row["name"]: row["names"] for kind in ("regions", "waters") for row in raw[kind] if "names" in row}


@cache
def _zone(canonical: str, country: str) -> str | None:
    """The time zone of the country named after the city ("Europe/Brussels" for Brussels, BE)."""
    from babel.core import get_global

    wanted = fold(canonical)
    return next((zone for zone in get_global("territory_zones").get(country.upper(), ())
                 if fold(zone.rpartition("/")[2].replace("_", " ")) == wanted), None)
