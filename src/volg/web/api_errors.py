"""The API's one error shape, `{"error": {"code", "message", "details"}}`, for every error an /api request meets:
volg's exceptions, FastAPI's validation errors, unknown routes, an oversized body, and bugs (500, logged)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine, Iterator, Mapping, Sequence
from contextlib import contextmanager
from http import HTTPStatus
from typing import Any

from fastapi import HTTPException, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Message

from volg.errors import ConfigError, InputError, NotFound, StorageError, VolgError

MAX_BODY_BYTES = 5_000_000
"""The largest request body the API reads; a larger one is answered 413 without reading the rest."""

_log = logging.getLogger("volg.web.api")


class ApiError(HTTPException):
    """An error the API answers as is. An HTTPException, so FastAPI passes it on when it is raised while the body
    is read (the body cap)."""

    def __init__(self, status: int, code: str, message: str, details: dict[str, Any] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(status, message, headers)
        self.code = code
        self.message = message
        self.details = details or {}


def error_response(status: int, code: str, message: str, details: dict[str, Any] | None = None,
                   headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message, "details": details or {}}},
                        status_code=status, headers=headers)


def response_for(exc: Exception) -> JSONResponse:
    """The API's answer to `exc`."""
    if isinstance(exc, ApiError):
        return error_response(exc.status_code, exc.code, exc.message, exc.details, exc.headers)
    if isinstance(exc, StarletteHTTPException):
        status = HTTPStatus(exc.status_code)
        message = exc.detail if isinstance(exc.detail, str) else status.phrase
        return error_response(status, status.phrase.lower().replace(" ", "_"), message, headers=exc.headers)
    if isinstance(exc, RequestValidationError):
        return _invalid(exc.errors())
    if isinstance(exc, NotFound):
        return error_response(404, "not_found", str(exc))
    if isinstance(exc, InputError):
        return error_response(422, "invalid_input", str(exc))
    if isinstance(exc, StorageError):
        _log.error("storage failed: %s", exc, exc_info=exc)
        return error_response(503, "storage_unavailable", "the database is unavailable; try again later")
    if isinstance(exc, ConfigError):
        return error_response(500, "config_error", str(exc))
    _log.error("API request failed", exc_info=exc)
    kind = "volg_error" if isinstance(exc, VolgError) else "internal_error"
    return error_response(500, kind, "volg failed to answer this request; the server log says why")


def _invalid(errors: Sequence[Any]) -> JSONResponse:
    """FastAPI's validation errors, each named by its field (`times.1`, `limit`, `body` for the whole body)."""
    found = [{"field": field_name(e.get("loc", ())), "message": _message(e)} for e in errors]
    first = found[0] if found else {"field": "body", "message": "invalid request"}
    message = "; ".join(f"{e['field']}: {e['message']}" for e in found[:3]) or "invalid request"
    details = {"field": first["field"], "errors": found}
    if any(e.get("type") == "json_invalid" for e in errors):
        return error_response(400, "malformed_json", f"body: not valid JSON ({message})", details)
    return error_response(422, "invalid_request", message, details)


def field_name(loc: Sequence[Any]) -> str:
    """("body", "times", 1) → "times.1"; ("query", "limit") → "limit"; ("body",) and JSON positions → "body"."""
    where = list(loc)
    if where and where[0] in ("body", "query", "path", "header"):
        kind = where.pop(0)
        if kind == "body" and where and isinstance(where[0], int):  # a JSON decode error's position
            where = []
        if not where:
            return str(kind)
    return ".".join(str(part) for part in where) or "body"


def _message(error: Any) -> str:
    if error.get("type") == "value_error" and "error" in error.get("ctx", {}):
        return str(error["ctx"]["error"])  # one of volg's own messages, without pydantic's "Value error, "
    return str(error.get("msg", "invalid"))


@contextmanager
def blame(field: str) -> Iterator[None]:
    """Answer volg's refusal of a value (InputError, ConfigError, NotFound) as 422 naming `field`."""
    try:
        yield
    except (InputError, ConfigError, NotFound) as exc:
        details = {"field": field, "errors": [{"field": field, "message": str(exc)}]}
        raise ApiError(422, "invalid_request", f"{field}: {exc}", details) from None


def _capped(request: Request) -> Request:
    """The request, reading at most MAX_BODY_BYTES of body (the declared length is checked first)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise _too_large()
    received = 0
    upstream = request.receive

    async def receive() -> Message:
        nonlocal received
        message = await upstream()
        received += len(message.get("body", b""))
        if received > MAX_BODY_BYTES:
            raise _too_large()
        return message

    return Request(request.scope, receive)


def _too_large() -> ApiError:
    return ApiError(413, "body_too_large", f"the request body is larger than {MAX_BODY_BYTES} bytes",
                    {"field": "body", "limit": MAX_BODY_BYTES})


class ApiRoute(APIRoute):
    """An /api route: its body is capped, and whatever goes wrong is answered in the error shape."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            try:
                return await handler(_capped(request))
            except Exception as exc:  # every error becomes the error shape; bugs are logged in response_for
                return response_for(exc)

        return route
