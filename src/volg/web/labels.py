"""The words of the web pages, from gettext catalogues in Dutch, English, German, French, Spanish and Italian; the
reader's choice (`?lang=`, then a cookie) or their browser's Accept-Language picks, Dutch when it asks for none.

The catalogues are volg's, shared with the digests: `volg/locale/<language>/LC_MESSAGES/volg.po`, read through
`volg.i18n`. A message's msgid is the key the templates use (`t.manage`, `t["slot_" + key]`), so the templates
need no extraction step; English is the source text: en's catalogue has every key, and a key another catalogue
lacks, leaves empty or marks fuzzy is shown in English.

Counts pick a noun's `_one` or `_many` form by the language's CLDR plural rules (`plural`): in French 0 is "one"
too. Dates and numbers are written in the language's usual way (`LOCALES`: British English, Dutch of the
Netherlands, ...).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from volg.i18n import (
    CATALOGUES,
    LANGUAGES,
    LOCALES,
    SOURCE,
    catalogue_path,
    locale_of,
    plural,
    read_catalogue,
    words,
    words_of,
)

__all__ = ["CATALOGUES", "LABELS", "LANGUAGES", "LOCALES", "SOURCE", "Labels", "catalogue_path", "labels_for",
           "locale_of", "plural", "preferred", "read_catalogue", "words_of"]


class Labels(Mapping[str, dict[str, str]]):
    """LABELS["de"]: the German words of the pages (read once, on first use). Only `LANGUAGES` are in it."""

    def __getitem__(self, language: str) -> dict[str, str]:
        if language not in LANGUAGES:
            raise KeyError(language)
        return words(language)

    def __contains__(self, language: object) -> bool:
        return language in LANGUAGES

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)


LABELS = Labels()


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
