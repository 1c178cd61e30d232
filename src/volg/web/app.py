"""The web app: routes call the Service and render templates; no rules live here."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from volg.errors import InputError, NotFound
from volg.service import Service
from volg.web.access import AccessLog
from volg.web.admin import router as admin
from volg.web.api import install_api
from volg.web.error_pages import error_page, install_error_pages
from volg.web.headers import install_headers
from volg.web.health import HeadAsGet
from volg.web.health import router as health
from volg.web.limits import install_limits
from volg.web.pages import page
from volg.web.readers import router as readers
from volg.web.site import router as site

STATIC = Path(__file__).parent / "static"
"""Served at /static: everything the pages load comes from volg itself, nothing from another site."""


def create_app(service: Service) -> FastAPI:
    """The app over one Service (its storage is shared by the server's threads)."""
    app = FastAPI(title="volg", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.service = service
    # map.js, volg.css and vendor/ (copied there by `npm ci`; when it is missing the map says so, pages still work)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(health)  # /healthz and /readyz, JSON only, for orchestrators and monitors
    app.include_router(readers)
    app.include_router(site)
    app.include_router(admin)
    install_api(app, error_page)  # the JSON API under /api, in its own error shape (docs/api.md); pages elsewhere
    install_error_pages(app)  # a reader's bad request or a failure: a page in their language
    install_limits(app, service.settings)  # per-client limits: follow form, API, token guesses (429)
    install_headers(app)  # CSP, nosniff, no Referer, no framing on every response (429s included)
    app.add_middleware(HeadAsGet)  # HEAD on every GET route, as the GET without its body
    metrics = None
    if service.settings.metrics:
        from volg.web.metrics import Metrics, install_metrics  # here: prometheus_client only when it is on

        metrics = Metrics(service)
        install_metrics(app, metrics, service.settings.metrics_token)
    app.state.metrics = metrics  # volg serve's scheduler counts its polls there
    # outermost: sees each request's own method (HEAD too) and the status the client got
    app.add_middleware(AccessLog, observe=metrics.observe if metrics else None)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> HTMLResponse:
        return page(request, "message.html", {"title_key": "not_found", "text": str(exc)}, status_code=404)

    @app.exception_handler(InputError)
    async def bad_input(request: Request, exc: InputError) -> HTMLResponse:
        return page(request, "message.html", {"title_key": "bad_link", "text": str(exc)}, status_code=404)

    return app

