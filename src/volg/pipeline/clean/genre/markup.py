"""Signs from the page's markup and address: hints ("schema:OpinionNewsArticle", "section:Opinie", a feed's
category) and a genre's or a news section's segment in the URL's path (/opinie/, /nieuws/). A hint is the strongest
sign there is."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from urllib.parse import unquote, urlsplit

from volg.pipeline.clean.genre.rubrics import NEWS_SECTIONS, RUBRIC
from volg.pipeline.clean.genre.signals import HINT, URL, Signal

_SCHEMA = {
    "opinionnewsarticle": "opinion", "reviewnewsarticle": "review", "review": "review", "criticreview": "review",
    "analysisnewsarticle": "analysis", "backgroundnewsarticle": "analysis", "liveblogposting": "live",
    "recipe": "service", "howto": "service", "satiricalarticle": "other", "advertisercontentarticle": "other",
    "askpublicnewsarticle": "other", "reportagenewsarticle": "news",
}  # fmt: skip
_HINT_ORDER = ("schema", "genre", "section", "category", "og")  # which hint wins when hints disagree


def _plain(text: str) -> str:
    """Case-folded, accents dropped: URL segments are written without them."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_URL_SEGMENTS = {
    **{_plain(phrase).replace(" ", "-").replace("'", ""): genre for phrase, genre in RUBRIC.items()},
    "commentisfree": "opinion", "opinions": "opinion", "columnists": "opinion", "columnisten": "opinion",
    "editorials": "opinion", "kommentare": "opinion", "editoriales": "opinion", "editoriali": "opinion",
    "opinioni": "opinion", "commenti": "opinion", "liveblogs": "live", "previews": "preview",
}  # fmt: skip
del _URL_SEGMENTS["preview"]  # /preview/ is a publishing system's draft view as often as a match preview


def from_hints(hints: Sequence[str]) -> Iterator[Signal]:
    found: list[tuple[int, Signal]] = []
    for hint in hints:
        prefix, _, value = hint.partition(":")
        prefix, value = prefix.strip().casefold(), " ".join(value.split())
        if prefix not in _HINT_ORDER or not value:
            continue
        if prefix == "schema":
            kind = value.rsplit("/", 1)[-1]
            label, evidence = _SCHEMA.get(kind.casefold()), f"schema.org {kind}"
        else:
            label, evidence = _label_of_value(value), f"{prefix} '{value}'"
        if label:
            found.append((_HINT_ORDER.index(prefix), Signal(label, HINT, evidence)))
    for _, signal in sorted(found, key=lambda pair: pair[0]):
        yield signal


def _label_of_value(value: str) -> str | None:
    """The genre a section, category or genre value names ("Opinie & Debat" → opinion), else None."""
    folded = value.casefold().strip()
    if folded in RUBRIC:
        return RUBRIC[folded]
    parts = [p.strip() for p in re.split(r"\s*(?:[&/|,;>+]|\s-\s|\ben\b|\band\b|\bund\b|\bet\b)\s*", folded)]
    for part in parts:
        if part in RUBRIC:
            return RUBRIC[part]
    if any(part.replace(" ", "-") in NEWS_SECTIONS for part in parts):
        return "news"
    return None


def from_url(url: str) -> Iterator[Signal]:
    """A genre's segment anywhere in the path (/news/opinion/ is opinion), else a news section's."""
    segments = unquote(urlsplit(url).path).split("/")
    segments[-1] = segments[-1].rsplit(".", 1)[0]  # /opinion.html
    keys = [(segment, _plain(segment).replace("_", "-")) for segment in segments if segment]
    if found := next(((s, _URL_SEGMENTS[k]) for s, k in keys if k in _URL_SEGMENTS), None):
        yield Signal(found[1], URL, f"URL path /{found[0]}/")
    elif news := next((s for s, k in keys if k in NEWS_SECTIONS), None):
        yield Signal("news", URL, f"URL path /{news}/")
