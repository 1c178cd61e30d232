"""The admin pages, behind the API token: sources with their polling health, and deliveries that failed (with a
button to send them again). Signing in sets an HttpOnly, SameSite=Strict cookie derived from the token, so
changing the token signs everyone out. The cookie lasts `ADMIN_SESSION_S` and is `Secure` when the page came over
HTTPS."""

from __future__ import annotations

import hashlib
import hmac
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from volg.pipeline.deliver import shown_target
from volg.web.context import service_of
from volg.web.csrf import csrf_page, csrf_valid
from volg.web.headers import https
from volg.web.limits import client_of, limiter_of, too_many
from volg.web.pages import page

router = APIRouter(prefix="/admin")
ADMIN_COOKIE = "volg_admin"
ADMIN_SESSION_S = 8 * 3600
"""How long a sign-in lasts: a working day."""


def _pass(token: str) -> str:
    return hmac.new(token.encode(), b"volg admin pages", hashlib.sha256).hexdigest()


def _signed_in(request: Request) -> bool:
    token = service_of(request).settings.api_token
    given = request.cookies.get(ADMIN_COOKIE, "")
    return bool(token) and bool(given) and hmac.compare_digest(given, _pass(token))


@router.get("", response_class=HTMLResponse)
def admin(request: Request) -> Response:
    service = service_of(request)
    if not service.settings.api_token:
        return page(request, "message.html", {"title_key": "admin", "text_key": "admin_off"}, status_code=403)
    if not _signed_in(request):
        return csrf_page(request, "login.html", {})
    failed = service.deliveries(failed=True, latest=200)
    return csrf_page(request, "admin.html", {
        "sources": service.sources(),
        "failed": [(d, shown_target(d.channel, d.target)) for d in failed],
    })


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, token: Annotated[str, Form()] = "", csrf: Annotated[str, Form()] = "") -> Response:
    expected = service_of(request).settings.api_token
    limiter, client = limiter_of(request), client_of(request)
    if (wait := limiter.refused("token", client)) is not None:
        return too_many(request, wait)
    if not csrf_valid(request, csrf) or not expected or not hmac.compare_digest(token.encode(), expected.encode()):
        limiter.hit("token", client)
        return csrf_page(request, "login.html", {"error": "admin_refused"}, status_code=403)
    response = RedirectResponse("/admin", status_code=303)
    response.set_cookie(ADMIN_COOKIE, _pass(expected), max_age=ADMIN_SESSION_S, httponly=True, samesite="strict",
                        secure=https(request))
    return response


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form()] = "") -> Response:
    response = RedirectResponse("/admin", status_code=303)
    if csrf_valid(request, csrf):
        response.delete_cookie(ADMIN_COOKIE)
    return response


@router.post("/deliveries/retry", response_class=HTMLResponse)
def retry(request: Request, csrf: Annotated[str, Form()] = "") -> Response:
    if not _signed_in(request) or not csrf_valid(request, csrf):
        return page(request, "message.html", {"title_key": "admin", "text_key": "admin_refused"}, status_code=403)
    service = service_of(request)
    service.retry_deliveries()
    service.deliver()
    return RedirectResponse("/admin", status_code=303)
