"""What orchestrators, load balancers and uptime monitors ask: is volg alive, is it ready, and HEAD on every page.

- `GET /healthz`, liveness: 200 `{"status": "ok"}` whenever the process answers HTTP. It never touches the database,
  so a database outage does not get every volg process restarted.
- `GET /readyz`, readiness: 200 when the database answers and its migrations are current (this volg's, no more and
  no fewer); 503 with a JSON body saying which check failed otherwise. The database's error goes to the log, not
  into the body, which anyone who can reach the server may read.

Both answer JSON only, are never cached, and are not rate-limited (the limits count /api and the follow form).

HEAD: FastAPI's routes answer HEAD with 405, and monitors and link checkers often ask HEAD. `HeadAsGet` runs a HEAD
request as the GET it stands for and sends its status and headers (Content-Length included) without the body, for
every GET route, pages and /api alike, present and future.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from volg.web.context import service_of

log = logging.getLogger("volg.web.health")
router = APIRouter()
NO_STORE = {"Cache-Control": "no-store"}


def _answer(body: dict[str, Any], status_code: int = 200) -> JSONResponse:
    return JSONResponse(body, status_code=status_code, headers=NO_STORE)


@router.get("/healthz", include_in_schema=False)
async def healthz() -> JSONResponse:
    """Liveness: answered on the event loop, without the database."""
    return _answer({"status": "ok"})


@router.get("/readyz", include_in_schema=False)
def readyz(request: Request) -> JSONResponse:
    """Readiness: the database answers and its schema is this volg's."""
    try:
        status = service_of(request).storage.schema_status()
    except Exception as exc:  # whatever broke, the answer is "not ready", in JSON
        log.warning("/readyz: the database does not answer: %s", exc)
        return _answer({"status": "unavailable", "database": "unreachable"}, 503)
    if status.unknown:
        return _answer({"status": "unavailable", "database": "ok", "migrations": "newer",
                        "unknown": status.unknown, "hint": "a newer volg migrated this database: upgrade"}, 503)
    if status.pending:
        return _answer({"status": "unavailable", "database": "ok", "migrations": "pending",
                        "pending": status.pending, "hint": "run volg migrate"}, 503)
    return _answer({"status": "ok", "database": "ok", "migrations": "current"})


class HeadAsGet:
    """ASGI middleware: a HEAD request runs as a GET, and its response goes out without a body.

    The method changes in a copy of the request's scope only, so the server still knows it answers a HEAD (uvicorn
    then sends no body either, whatever an outer layer sends). GET routes have no side effects in volg (a reader's
    link shows a button; the POST acts), so running one for a HEAD is safe."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        as_get = {**scope, "method": "GET"}
        await self.app(as_get, receive, headers_only)
        # which route answered, for the access log and the metrics outside (web/access.py)
        scope.update({key: as_get[key] for key in ("route", "path_params", "root_path") if key in as_get})
