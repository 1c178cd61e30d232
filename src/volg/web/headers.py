"""Headers every response carries: what a browser may load and run on volg's pages, and what it may tell others.

Everything the pages use comes from volg itself (/static), so the Content-Security-Policy allows only that: no
inline script or style, no other site, no framing (a reader's manage page cannot be clicked through an invisible
frame). Reader links carry their token in the path, so no page sends a Referer.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
    "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
))
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def install_headers(app: FastAPI) -> None:
    """Add SECURITY_HEADERS to every response (pages, API, static files, errors) unless a route set its own."""

    @app.middleware("http")
    async def secure(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response


def https(request: Request) -> bool:
    """Whether the reader reached volg over HTTPS (directly, or through a proxy uvicorn trusts): then cookies are
    sent only over HTTPS (`Secure`)."""
    return request.url.scheme == "https"
