"""Rendering a page: the templates, in the reader's language."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from volg.web.labels import labels_for

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")


def page(request: Request, template: str, context: dict[str, object], *, status_code: int = 200) -> HTMLResponse:
    """A page in the reader's language (Accept-Language: Dutch or English). Jinja2 escapes every value."""
    labels = labels_for(request.headers.get("accept-language", ""))
    return TEMPLATES.TemplateResponse(request, template, {"t": labels, **context}, status_code=status_code)
