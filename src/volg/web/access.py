"""The access log of `volg serve`, and the request timings /metrics reports.

One line per request on the logger `volg.access`: method, path, status, duration, client. Readers' links carry
their token in the path (/manage/{token}, /feeds/{feed_token}.atom, /api/subscriptions/{token}) and may carry one
in the query (?token=), so the log never shows a path as sent: a path parameter whose name holds "token" is
written `***`, so is the value of a query field that may be secret or personal (token, key, email, push, ...), and
a path that no route matches keeps only its first segment (it may be a reader's link, mistyped).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from urllib.parse import parse_qsl, quote, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("volg.access")
MASK = "***"
SECRET_FIELD = re.compile(r"token|key|secret|pass|mail|push|hook|target|channel", re.IGNORECASE)

Observer = Callable[[str, str, int, float], None]
"""Told each request's method, route template, status and duration in seconds (the metrics' histogram)."""


def answered_by(scope: Scope) -> tuple[str | None, dict[str, str] | None]:
    """The route template that answered a finished request and its path parameters, as the router left them in
    the scope: a mount's path (/static) for a mounted app, (None, None) when no route matched."""
    route = scope.get("route")
    if route is not None:
        return getattr(route, "path", None), scope.get("path_params", {})
    if scope.get("path_params") is not None:
        return scope.get("root_path") or None, {}
    return None, None


def shown_path(path: str, params: dict[str, str] | None) -> str:
    """`path` fit for a log: token parameters masked; a path no route matched (`params` None) cut after its first
    segment."""
    if params is None:
        first, sep, _ = path.lstrip("/").partition("/")
        path = "/" + first + (sep + MASK if sep else "")
    else:
        for name, value in params.items():
            if "token" in name.lower() and value:
                path = path.replace(str(value), MASK)
    return quote(path, safe="/*")


def shown_query(query: str) -> str:
    """The query string with the values of possibly secret or personal fields masked."""
    fields = parse_qsl(query, keep_blank_values=True)
    return urlencode([(k, MASK if SECRET_FIELD.search(k) else v) for k, v in fields], safe="*")


class AccessLog:
    """ASGI middleware: log each HTTP request when its response is done, and tell `observe` its timing."""

    def __init__(self, app: ASGIApp, observe: Observer | None = None) -> None:
        self.app, self.observe = app, observe

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500  # what the client gets if the app raises before answering

        async def noting_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, noting_status)
        finally:
            self._done(scope, status, time.perf_counter() - start)

    def _done(self, scope: Scope, status: int, seconds: float) -> None:
        template, params = answered_by(scope)
        path = shown_path(scope["path"], params)
        if scope.get("query_string"):
            path += "?" + shown_query(scope["query_string"].decode("latin-1"))
        client = scope["client"][0] if scope.get("client") else "-"
        method = scope["method"]
        log.info("%s %s %d %.0fms %s", method, path, status, seconds * 1000, client,
                 extra={"method": method, "path": path, "status": status,
                        "duration_ms": round(seconds * 1000, 1), "client": client})
        if self.observe is not None:
            self.observe(method, template or "unmatched", status, seconds)
