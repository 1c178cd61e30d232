"""Language identification with py3langid, restricted to the languages volg's sources carry.

The full 97-language model calls short Dutch headlines Norwegian or Afrikaans ("Kabinet valt over stikstof" → no).
Restricting the candidates to the languages that matter for volg (the big West-European ones, plus languages with
their own script or a clearly different spelling) makes short Dutch text come out right. The Scandinavian languages,
Afrikaans and Frisian are left out on purpose: they are what Dutch gets confused with.

The model (~130 MB resident) is loaded once, the first time a language must be guessed: an article whose feed or
page declares a language the model knows never loads it (`normalize_language` checks against MODEL_LANGUAGES).
"""

from __future__ import annotations

import re
from functools import cache
from itertools import islice
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

LANGUAGES = (
    "nl", "en", "de", "fr", "es", "it", "pt", "pl", "cs", "ro", "hu", "fi", "tr", "id",
    "ru", "uk", "el", "ar", "he", "zh", "ja", "ko",
)  # fmt: skip
FALLBACK = "nl"
"""What a text without letters and without a usable hint is called: volg is Dutch first."""

_MAX_CHARS = 1000  # the start of a text decides its language; more only costs time (~0.7 ms per 1000 chars)
_MIN_LETTERS = 30  # below this, or below _MIN_CONFIDENCE, a valid hint wins over the model
_MIN_CONFIDENCE = 0.5
_CODE = re.compile(r"[a-z]{2}")

MODEL_LANGUAGES = frozenset(
    "af am an ar as az ba be bg bn br bs ca cs cy da de dz el en eo es et eu fa fi fo fr fy ga gd gl gu ha he hi "
    "hr ht hu hy id ig is it ja jv ka kk km kn ko ku ky la lb lg ln lo lt lv mg mk ml mn mr ms mt my ne nl nn no "
    "oc om or pa pl ps pt qu ro ru rw sa se si sk sl sn so sq sr st sv sw ta te tg th tk tl tr tt ug uk ur uz vi "
    "vo wa xh yo zh zu".split()
)
"""The two-letter codes py3langid's model knows (tests/test_startup.py checks them against the model), so that a
declared language is checked without loading the model."""


@cache
def _identifier() -> LanguageIdentifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def normalize_language(code: str | None) -> str | None:
    """ "nl-NL", "nl_NL", "NL" → "nl"; None for anything that is not a language the model knows."""
    if not code:
        return None
    base = re.split(r"[-_]", code.strip(), maxsplit=1)[0].casefold()
    if not _CODE.fullmatch(base):
        return None
    return base if base in MODEL_LANGUAGES else None


def detect_language(text: str, hint: str | None = None) -> str:
    """The ISO 639-1 code of `text`'s language.

    A valid `hint` (e.g. from the feed or the page's `lang`) is used only when the text is too short or too
    ambiguous for the model to decide; otherwise the text itself wins.
    """
    hint = normalize_language(hint)
    sample = text[:_MAX_CHARS]
    letters = len(list(islice(filter(str.isalpha, sample), _MIN_LETTERS)))  # counted only as far as it matters
    if letters == 0:
        return hint or FALLBACK
    language, confidence = _identifier().classify(sample)
    if hint and (letters < _MIN_LETTERS or confidence < _MIN_CONFIDENCE):
        return hint
    return str(language)
