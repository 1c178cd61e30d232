"""Error pages for readers: a page in the reader's language for every error outside /api, whose answers stay JSON."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from volg.web.api import PREFIX
from volg.web.api_errors import response_for
from volg.web.pages import page

_log = logging.getLogger(__name__)

_TITLES = {404: "not_found", 405: "not_allowed", 422: "bad_request"}
"""The page title (a label key) per status; any other status below 500 is a bad request, 500 and up a failure."""


async def error_page(request: Request, exc: Exception) -> Response:
    """The page for an error on a reader's page (JSON in the API's shape under /api)."""
    if request.url.path == PREFIX or request.url.path.startswith(PREFIX + "/"):
        return response_for(exc)
    headers = None
    if isinstance(exc, StarletteHTTPException):
        status, headers = exc.status_code, exc.headers
    elif isinstance(exc, RequestValidationError):
        status = 422
    else:
        status = 500
        _log.error("page %s failed", request.url.path, exc_info=exc)
    key = _TITLES.get(status, "bad_request" if status < 500 else "server_error")
    response = page(request, "message.html", {"title_key": key, "text_key": f"{key}_text"}, status_code=status)
    response.headers.update(headers or {})
    return response


def install_error_pages(app: FastAPI) -> None:
    """Answer a reader's bad request and a failure with a page (FastAPI's HTTP errors reach `error_page` through
    the API's handler, `install_api(app, error_page)`)."""
    app.add_exception_handler(RequestValidationError, error_page)
    app.add_exception_handler(Exception, error_page)
