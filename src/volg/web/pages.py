"""Rendering a page: the templates, in the reader's language."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from volg.pipeline.compose.render import why_text
from volg.storage.base import MATCH_END, MATCH_START
from volg.web.labels import labels_for

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")
SHOWN_ZONE = ZoneInfo("Europe/Amsterdam")
"""Pages show times in this zone (a reader's own zone is used in their digests)."""


def _when(instant: datetime) -> str:
    return instant.astimezone(SHOWN_ZONE).strftime("%d-%m-%Y %H:%M")


def _marked(snippet: str) -> Markup:
    """A search snippet as HTML: its text escaped, its matches in <mark>."""
    return Markup(str(escape(snippet)).replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>"))


TEMPLATES.env.filters["when"] = _when
TEMPLATES.env.filters["marked"] = _marked
TEMPLATES.env.globals["why"] = lambda dev, lang: why_text(dev, lang, SHOWN_ZONE.key)


def page(request: Request, template: str, context: dict[str, object], *, status_code: int = 200) -> HTMLResponse:
    """A page in the reader's language (Accept-Language: Dutch or English). Jinja2 escapes every value."""
    labels = labels_for(request.headers.get("accept-language", ""))
    return TEMPLATES.TemplateResponse(request, template, {"t": labels, **context}, status_code=status_code)
