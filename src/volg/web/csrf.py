"""CSRF protection for forms: a token in a hidden field that must equal the `volg_csrf` cookie (double submit).
The cookie is HttpOnly and SameSite=Strict, so another site can neither read it nor send it."""

from __future__ import annotations

import hmac
import secrets

from fastapi import Request
from fastapi.responses import HTMLResponse

from volg.web.headers import https
from volg.web.pages import page

CSRF_COOKIE = "volg_csrf"


def csrf_page(request: Request, template: str, context: dict[str, object], *,
              status_code: int = 200) -> HTMLResponse:
    """A page with a form: its `csrf` value, and the cookie it must match."""
    token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
    response = page(request, template, {"csrf": token, **context}, status_code=status_code)
    response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", secure=https(request))
    return response


def csrf_valid(request: Request, given: str) -> bool:
    cookie = request.cookies.get(CSRF_COOKIE, "")
    return bool(cookie) and hmac.compare_digest(cookie.encode(), given.encode())
