"""Per-client rate limits: a public form that subscribes and an API that takes a token must not be hammered.

Three limits, each a setting (`rate_limit_follow`, `rate_limit_api`, `rate_limit_token`), counted per client IP
address in a moving window in this process's memory (the `limits` library):

- follow: subscriptions asked for through the public follow form (POST /follow/...);
- api: every request under /api that does not carry the API token (the operator's own scripts are not limited);
- token: wrong API tokens and admin sign-ins; once used up, the client is refused even with the right token until
  the window has room again, so guessing stays slow;
- confirm: confirmation mails to one address (counted per address, whoever asks).

A refused request gets 429 with Retry-After: the API's JSON error shape under /api, a page elsewhere.
"""

from __future__ import annotations

import hmac
import math
import time
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request, Response
from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from volg.errors import ConfigError
from volg.settings import Settings
from volg.web.api_errors import error_response
from volg.web.pages import page

KINDS = ("follow", "api", "token", "confirm")


class Limiter:
    """The app's rate limits; `None` for a limit that is off."""

    def __init__(self, settings: Settings) -> None:
        self._window = MovingWindowRateLimiter(MemoryStorage())
        self._rates: dict[str, RateLimitItem | None] = {}
        for kind in KINDS:
            name = f"rate_limit_{kind}"
            rate = getattr(settings, name).strip()
            try:
                self._rates[kind] = parse(rate) if rate else None
            except ValueError:
                raise ConfigError(f"{name}: {rate!r} is no rate: expected a count per second, minute, hour or day, "
                                  "such as 10/hour") from None

    def hit(self, kind: str, client: str) -> float | None:
        """Count one request of `client`; the seconds to wait when it is over the limit (not counted), else None."""
        rate = self._rates[kind]
        if rate is None or self._window.hit(rate, kind, client):
            return None
        return self._wait(rate, kind, client)

    def refused(self, kind: str, client: str) -> float | None:
        """The seconds `client` must wait before the next `kind` request, without counting one; None when it may."""
        rate = self._rates[kind]
        if rate is None or self._window.test(rate, kind, client):
            return None
        return self._wait(rate, kind, client)

    def _wait(self, rate: RateLimitItem, kind: str, client: str) -> float:
        reset = self._window.get_window_stats(rate, kind, client).reset_time
        return max(1.0, reset - time.time())


def _operator(request: Request, token: str) -> bool:
    """Whether the request carries the API token."""
    given = request.headers.get("authorization", "")
    return bool(token) and hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


def client_of(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def limiter_of(request: Request) -> Limiter:
    limiter: Limiter = request.app.state.limiter
    return limiter


def too_many(request: Request, wait_s: float) -> Response:
    """429: the API's error shape under /api, a page elsewhere; Retry-After in whole seconds."""
    headers = {"Retry-After": str(math.ceil(wait_s))}
    if request.url.path.startswith("/api/"):
        return error_response(429, "rate_limited", f"too many requests from this address: try again in "
                              f"{math.ceil(wait_s)} s", headers=headers)
    response = page(request, "message.html", {"title_key": "too_many", "text_key": "too_many_text"},
                    status_code=429)
    response.headers.update(headers)
    return response


def install_limits(app: FastAPI, settings: Settings) -> None:
    """Count every /api request and every subscription asked for, per client; refuse those over the limit."""
    app.state.limiter = limiter = Limiter(settings)

    @app.middleware("http")
    async def limit(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        client, path = client_of(request), request.url.path
        kinds = ["api"] if path.startswith("/api/") and not _operator(request, settings.api_token) else []
        if request.method == "POST" and path.startswith("/follow/"):
            kinds.append("follow")
        for kind in kinds:
            if (wait := limiter.hit(kind, client)) is not None:
                return too_many(request, wait)
        return await call_next(request)
