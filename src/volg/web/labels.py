"""The words of the web pages, from gettext catalogues in Dutch, English, German, French, Spanish and Italian; the
reader's choice (`?lang=`, then a cookie) or their browser's Accept-Language picks, Dutch when it asks for none.

One catalogue per language, `locale/<language>/LC_MESSAGES/volg.po`. A message's msgid is the key the templates
use (`t.manage`, `t["slot_" + key]`), so the templates need no extraction step; English is the source text:
en's catalogue has every key, and a key another catalogue lacks, leaves empty or marks fuzzy is shown in English.
A catalogue is read with babel the first time its language is asked for, then kept for the process's life.

Counts pick a noun's `_one` or `_many` form by the language's CLDR plural rules (`plural`): in French 0 is "one"
too. Dates and numbers are written in the language's usual way (`LOCALES`: British English, Dutch of the
Netherlands, ...).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from pathlib import Path

from babel import Locale
from babel.messages.pofile import read_po

LANGUAGES = ("nl", "en", "de", "fr", "es", "it")
"""The pages' languages, in the order the language menu lists them; the first is the default."""
SOURCE = "en"
"""The catalogue with every key: the text a message another catalogue lacks falls back to."""
LOCALES = {"nl": "nl_NL", "en": "en_GB", "de": "de_DE", "fr": "fr_FR", "es": "es_ES", "it": "it_IT"}
"""The CLDR locale each language's dates and numbers are written in."""
CATALOGUES = Path(__file__).parent / "locale"


def catalogue_path(language: str, root: Path = CATALOGUES) -> Path:
    return root / language / "LC_MESSAGES" / "volg.po"


def read_catalogue(path: Path) -> dict[str, str]:
    """A .po file's translated messages by msgid; the header, plural entries, and messages left empty or marked
    fuzzy are left out. A file that is not a valid catalogue raises (babel's PoFileError)."""
    with path.open("rb") as file:
        catalogue = read_po(file, charset="utf-8", abort_invalid=True)
    return {message.id: message.string for message in catalogue
            if isinstance(message.id, str) and message.id and isinstance(message.string, str) and message.string
            and not message.fuzzy}


def words_of(language: str, root: Path = CATALOGUES) -> dict[str, str]:
    """Every key, in `language` where its catalogue has it, else in English; and `lang`, the language itself."""
    words = read_catalogue(catalogue_path(SOURCE, root))
    if language != SOURCE:
        words |= read_catalogue(catalogue_path(language, root))
    return words | {"lang": language}


@functools.cache
def _words(language: str) -> dict[str, str]:
    return words_of(language)


class Labels(Mapping[str, dict[str, str]]):
    """LABELS["de"]: the German words of the pages (read once, on first use). Only `LANGUAGES` are in it."""

    def __getitem__(self, language: str) -> dict[str, str]:
        if language not in LANGUAGES:
            raise KeyError(language)
        return _words(language)

    def __contains__(self, language: object) -> bool:
        return language in LANGUAGES

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)


LABELS = Labels()


@functools.cache
def locale_of(language: str) -> Locale:
    """The babel Locale a page in `language` writes dates and numbers in."""
    return Locale.parse(LOCALES.get(language, LOCALES[SOURCE]))


def plural(n: int, language: str) -> str:
    """ "one" when `n` takes a noun's singular in `language` (CLDR's plural category "one"), else "many"."""
    return "one" if locale_of(language).plural_form(abs(n)) == "one" else "many"


def preferred(accept_language: str) -> str:
    """The language of `LANGUAGES` an Accept-Language header prefers: its languages by their q-values (equal ones in
    the header's order; "fr-FR" is French), the first one volg has; Dutch when it has none of them."""
    asked: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept_language.split(",")):
        tag, *parameters = part.split(";")
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        code = tag.strip().lower().replace("_", "-").split("-", 1)[0]
        if quality > 0 and code in LANGUAGES:
            asked.append((-quality, index, code))
    return min(asked)[2] if asked else LANGUAGES[0]


def labels_for(accept_language: str, chosen: str | None = None) -> dict[str, str]:
    """The words in the language the reader `chosen` (the pages' language menu), else in the one their browser
    prefers (`preferred`)."""
    return LABELS[chosen if chosen is not None and chosen in LABELS else preferred(accept_language)]
