"""Rendering a page: the templates, in the reader's language."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from volg.counts import counted
from volg.models import Development
from volg.pipeline.compose.render import genre_prefix, language_note, why_text
from volg.storage.base import MATCH_END, MATCH_START
from volg.web.context import service_of
from volg.web.labels import LABELS, labels_for

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")


def _zone(context: Context) -> ZoneInfo:
    """The zone pages show times in: the `time_zone` setting (a reader's own zone is used in their digests)."""
    return ZoneInfo(service_of(context["request"]).settings.time_zone)


@pass_context
def _when(context: Context, instant: datetime) -> str:
    return instant.astimezone(_zone(context)).strftime("%d-%m-%Y %H:%M")


@pass_context
def _why(context: Context, development: Development, language: str) -> str:
    return why_text(development, language, _zone(context).key)


def _marked(snippet: str) -> Markup:
    """A search snippet as HTML: its text escaped, its matches in <mark>."""
    return Markup(str(escape(snippet)).replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>"))


@pass_context
def _counted(context: Context, n: int, noun: str) -> str:
    """ "1 artikel", "2 artikelen": a count with its noun in the page's language."""
    return counted(n, noun, context["t"])


TEMPLATES.env.filters["when"] = _when
TEMPLATES.env.globals["counted"] = _counted
TEMPLATES.env.filters["marked"] = _marked
TEMPLATES.env.globals["why"] = _why
TEMPLATES.env.globals["genre_prefix"] = genre_prefix
TEMPLATES.env.globals["language_note"] = language_note
TEMPLATES.env.tests["new_to"] = lambda development, visit: visit.is_new(development)


LANGUAGE_COOKIE = "volg_lang"
"""Keeps the language a reader chose with the pages' switch (`?lang=en`) for the pages after."""
_YEAR = 365 * 24 * 3600


def page_labels(request: Request) -> dict[str, str]:
    """The page's words: in the language chosen now (`?lang=`) or before (the cookie), else as the browser asks."""
    asked = (request.query_params.get("lang"), request.cookies.get(LANGUAGE_COOKIE))
    return labels_for(request.headers.get("accept-language", ""), next((a for a in asked if a in LABELS), None))


def page(request: Request, template: str, context: dict[str, object], *, status_code: int = 200) -> HTMLResponse:
    """A page in the reader's language (`page_labels`: Dutch or English). Jinja2 escapes every value."""
    labels = page_labels(request)
    response = TEMPLATES.TemplateResponse(request, template, {"t": labels, **context}, status_code=status_code)
    response.headers["Content-Language"] = labels["lang"]
    response.headers["Vary"] = "Accept-Language, Cookie"
    if request.query_params.get("lang") == labels["lang"] != request.cookies.get(LANGUAGE_COOKIE):
        response.set_cookie(LANGUAGE_COOKIE, labels["lang"], max_age=_YEAR, httponly=True, samesite="lax",
                            secure=request.url.scheme == "https")
    return response
