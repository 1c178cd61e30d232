"""volg's words in Dutch, English, German, French, Spanish and Italian: the gettext catalogues both the web pages
(`volg.web.labels`) and the digests (`volg.pipeline.compose.render`, the emails of `volg.pipeline.deliver.message`)
read, and the CLDR locale each language writes its dates and numbers in.

One catalogue per language, `locale/<language>/LC_MESSAGES/volg.po`. A message's msgid is a key (`manage`,
`digest_why`), not English text; English is the source text: en's catalogue has every key, and a key another
catalogue lacks, leaves empty or marks fuzzy is in English. A catalogue is read with babel the first time its
language is asked for, then kept for the process's life. babel is imported only then, so a command that writes no
words does not load it.

Counts pick a message's `_one` or `_many` form by the language's CLDR plural rules (`plural`): in French 0 is
"one" too.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

LANGUAGES = ("nl", "en", "de", "fr", "es", "it")
"""The languages volg writes pages and digests in, in the order the pages' language menu lists them; the first is
the default."""
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
    from babel.messages.pofile import read_po

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
def words(language: str) -> dict[str, str]:
    """The words of `language` (one of `LANGUAGES`; KeyError otherwise), read once. Do not change the dict."""
    if language not in LANGUAGES:
        raise KeyError(language)
    return words_of(language)


@functools.cache
def locale_of(language: str) -> Locale:
    """The babel Locale `language` writes dates and numbers in (English's for a language volg does not know)."""
    from babel import Locale

    return Locale.parse(LOCALES.get(language, LOCALES[SOURCE]))


def plural(n: int, language: str) -> str:
    """ "one" when `n` takes a noun's singular in `language` (CLDR's plural category "one"), else "many"."""
    return "one" if locale_of(language).plural_form(abs(n)) == "one" else "many"


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def fill(message: str, **values: str) -> str:
    """`message` with its placeholders (`{topic}`) replaced by `values` in one pass (a value's own braces stay as
    they are); a placeholder without a value is kept."""
    return _PLACEHOLDER.sub(lambda match: values.get(match[1], match[0]), message)


def counted(key: str, n: int, language: str, **values: str) -> str:
    """The message `key_one` or `key_many` that agrees with `n` in `language`, `{n}` and `values` filled in."""
    return fill(words(language)[f"{key}_{plural(n, language)}"], n=str(n), **values)
