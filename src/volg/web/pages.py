"""Rendering a page: the templates, in the reader's language (`volg.web.labels`), its dates and numbers too."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import DateTimePattern, parse_pattern
from babel.numbers import format_decimal
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from volg.models import Development
from volg.pipeline.compose import render
from volg.storage.base import MATCH_END, MATCH_START
from volg.web.context import service_of
from volg.web.labels import LABELS, LANGUAGES, labels_for, locale_of, plural

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")


def _zone(context: Context) -> ZoneInfo:
    """The zone pages show times in: the `time_zone` setting (a reader's own zone is used in their digests)."""
    return ZoneInfo(service_of(context["request"]).settings.time_zone)


@functools.cache
def _when_pattern(language: str) -> DateTimePattern:
    """How a page in `language` writes a moment: the locale's numeric date with a four-digit year and its 24-hour
    time, joined as the locale joins a short date and time ("19-11-2026, 13:05", "19.11.2026, 13:05")."""
    locale = locale_of(language)
    date, time = (locale.datetime_skeletons[skeleton].pattern for skeleton in ("yMd", "Hm"))
    return parse_pattern(str(locale.datetime_formats["short"]).replace("{1}", date).replace("{0}", time))


@pass_context
def _when(context: Context, instant: datetime) -> str:
    language = context["t"]["lang"]
    return str(_when_pattern(language).apply(instant.astimezone(_zone(context)), locale_of(language)))


@pass_context
def _why(context: Context, development: Development, language: str) -> str:
    """The importance and its reasons in the page's language, in the digests' words (`render.why_text`)."""
    return render.why_text(development, language, _zone(context).key)


def _genre_prefix(development: Development, language: str) -> str:
    """"Opinie: " before an opinion piece's headline (in the page's language), "" for news."""
    label = LABELS[language].get(f"genre_{development.genre}")
    return f"{label}: " if label else ""


def _language_note(development: Development, language: str) -> str:
    """" (Engelstalig)" after a headline told in another language than the page's, else ""."""
    if development.language == language:
        return ""
    return f" ({LABELS[language].get(f'in_{development.language}', development.language)})"


def _marked(snippet: str) -> Markup:
    """A search snippet as HTML: its text escaped, its matches in <mark>."""
    return Markup(str(escape(snippet)).replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>"))


@pass_context
def _counted(context: Context, n: int, noun: str) -> str:
    """ "1 artikel", "2 artikelen", "1.234 artikelen": a count with its noun in the page's language."""
    t = context["t"]
    language = t["lang"]
    return f"{format_decimal(n, locale=locale_of(language))} {t[noun + '_' + plural(n, language)]}"


def _language_menu() -> list[tuple[str, str]]:
    """The language menu: each language's code and its name in itself ("Deutsch"), in `LANGUAGES`' order."""
    return [(language, LABELS[language]["language_name"]) for language in LANGUAGES]


def _map_words(t: Mapping[str, str]) -> str:
    """What the map's script writes, in the page's language (the figure's data-words: JSON)."""
    return json.dumps({"more": t["map_more"], "places": t["map_count"], "zoom": t["map_zoom"],
                       "whole": t["map_whole"], "unavailable": t["map_unavailable"]}, ensure_ascii=False)


TEMPLATES.env.filters["when"] = _when
TEMPLATES.env.globals["counted"] = _counted
TEMPLATES.env.filters["marked"] = _marked
TEMPLATES.env.globals["why"] = _why
TEMPLATES.env.globals["genre_prefix"] = _genre_prefix
TEMPLATES.env.globals["language_note"] = _language_note
TEMPLATES.env.globals["map_words"] = _map_words
TEMPLATES.env.globals["language_menu"] = _language_menu
TEMPLATES.env.tests["new_to"] = lambda development, visit: visit.is_new(development)


LANGUAGE_COOKIE = "volg_lang"
"""Keeps the language a reader chose with the pages' language menu (`?lang=de`) for the pages after."""
_YEAR = 365 * 24 * 3600


def page_labels(request: Request) -> dict[str, str]:
    """The page's words: in the language chosen now (`?lang=`) or before (the cookie), else as the browser asks."""
    asked = (request.query_params.get("lang"), request.cookies.get(LANGUAGE_COOKIE))
    return labels_for(request.headers.get("accept-language", ""), next((a for a in asked if a in LABELS), None))


def page(request: Request, template: str, context: dict[str, object], *, status_code: int = 200) -> HTMLResponse:
    """A page in the reader's language (`page_labels`: one of `LANGUAGES`). Jinja2 escapes every value."""
    labels = page_labels(request)
    response = TEMPLATES.TemplateResponse(request, template, {"t": labels, **context}, status_code=status_code)
    response.headers["Content-Language"] = labels["lang"]
    response.headers["Vary"] = "Accept-Language, Cookie"
    if request.query_params.get("lang") == labels["lang"] != request.cookies.get(LANGUAGE_COOKIE):
        response.set_cookie(LANGUAGE_COOKIE, labels["lang"], max_age=_YEAR, httponly=True, samesite="lax",
                            secure=request.url.scheme == "https")
    return response
