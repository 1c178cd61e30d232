"""The JSON API under /api: articles, sources, stories, topics, developments, subscriptions and digest previews,
described by the OpenAPI document at /api/openapi.json (docs/api.md).

Reading is open; writing, and the list of sources (their URLs may hold a feed's key, their errors are the
operator's business), need the API token (`api_token`) as `Authorization: Bearer ...`. A reader's
subscription is managed by the signed token of their links instead, in the path. Every error has one shape
(`volg.web.api_errors`). Lists page by an opaque cursor over a stable order (ids; developments by first seen and
key), so walking a list while articles arrive neither repeats nor skips what was there.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import math
import re
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from functools import cache
from importlib.metadata import version
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request, Response
from fastapi.exception_handlers import http_exception_handler
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BeforeValidator
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from volg import DISTRIBUTION
from volg.errors import ConfigError, DeliveryError, InputError, NotFound
from volg.models import Status, Subscription
from volg.pipeline.cluster.topics import DiscoveredTopic
from volg.pipeline.compose import render_json
from volg.pipeline.compose.schedule import check_genres
from volg.pipeline.deliver import check_webhook, shown_target
from volg.pipeline.ingest.guard import Unresolved
from volg.serialize import (
    article_json,
    development_json,
    discovered_json,
    result_json,
    source_json,
    story_json,
    subscription_json,
    topic_json,
)
from volg.service import Service
from volg.storage.records import time_out
from volg.web.api_errors import MAX_BODY_BYTES, ApiError, ApiRoute, blame, response_for
from volg.web.api_models import (
    AnyTopic,
    ArticleOut,
    ArticlePage,
    DevelopmentPage,
    DigestPreview,
    ErrorBody,
    IngestOut,
    SourceCreated,
    SourceIn,
    SourceList,
    StoryOut,
    StoryPage,
    SubscriptionChange,
    SubscriptionCreated,
    SubscriptionIn,
    SubscriptionOut,
    TopicIn,
    TopicList,
)
from volg.web.context import service_of
from volg.web.limits import client_of, limiter_of

PREFIX = "/api"
DEFAULT_LIMIT = 50
MAX_LIMIT = 200
BODY_ORIGIN = "body"
"""How the results of POST /api/articles name where an item was: `body`, or `body:LINE` for JSON Lines."""

_T = TypeVar("_T")
_ERRORS: dict[int | str, dict[str, Any]] = {
    "4XX": {"model": ErrorBody, "description": "Bad input (the field is named), no token, not found, too large"},
    "5XX": {"model": ErrorBody, "description": "volg failed (storage unavailable, a bad setting)"},
}


def _operation_id(route: APIRoute) -> str:
    """An operation's id in the OpenAPI document: its function's name (`list_topics`), what generated clients call."""
    return route.name


router = APIRouter(prefix=PREFIX, route_class=ApiRoute, responses=_ERRORS, generate_unique_id_function=_operation_id)
_bearer = HTTPBearer(auto_error=False, description="The API token: the `api_token` setting (VOLG_API_TOKEN).")

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Cursor = Annotated[str | None, Query(description="`next_cursor` of the previous page; empty: the first page.")]
Id = Annotated[int, Path(ge=-(2**63), le=2**63 - 1, description="A signed 64-bit integer, as SQLite and "
                                                                "PostgreSQL store ids; one that is no id is 404.")]


def _iso_only(value: object) -> object:
    """A time as the document says: an ISO 8601 string, not a number of seconds ("0.5")."""
    if isinstance(value, str) and value.strip() and not _ISO_START.match(value.strip()):
        raise ValueError("expected an ISO 8601 time such as 2026-11-17T08:00:00+01:00")
    return value


_ISO_START = re.compile(r"\d{4}-\d{2}-\d{2}")
Since = Annotated[datetime | None, Query(description="ISO 8601; without a zone, UTC."), BeforeValidator(_iso_only)]


def require_token(request: Request,
                  credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    """The API token, compared in constant time; with none set, what needs it is off."""
    expected = service_of(request).settings.api_token
    if not expected:
        raise ApiError(403, "api_token_unset", "this needs the API token, and none is set: set VOLG_API_TOKEN (the "
                                               "api_token setting) and send it as Authorization: Bearer TOKEN")
    limiter, client = limiter_of(request), client_of(request)
    if (wait := limiter.refused("token", client)) is not None:
        seconds = math.ceil(wait)
        raise ApiError(429, "rate_limited", f"too many wrong tokens from this address: try again in {seconds} s",
                       headers={"Retry-After": str(seconds)})
    given = credentials.credentials if credentials is not None else ""
    if not hmac.compare_digest(given.encode(), expected.encode()):
        limiter.hit("token", client)
        raise ApiError(401, "unauthorized", "send the API token as Authorization: Bearer TOKEN",
                       {"field": "Authorization"}, headers={"WWW-Authenticate": "Bearer"})


WithToken = [Depends(require_token)]


def _utc(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


# pagination


def _page(kind: str, items: Sequence[_T], key: Callable[[_T], tuple[Any, ...]], render: Callable[[_T], Any],
          limit: int, cursor: str | None) -> dict[str, Any]:
    """One page of `items` in the order of `key`: those after the cursor's key, and the cursor of the next page."""
    ordered = sorted(items, key=key)
    if cursor:  # an empty cursor is the first page
        after = _read_cursor(kind, cursor, key(ordered[0]) if ordered else None)
        ordered = [item for item in ordered if key(item) > after]
    shown = ordered[:limit]
    more = len(ordered) > limit
    return {"items": [render(item) for item in shown], "next_cursor": _cursor(kind, key(shown[-1])) if more else None}


def _cursor(kind: str, key: tuple[Any, ...]) -> str:
    return base64.urlsafe_b64encode(json.dumps([kind, *key]).encode()).decode().rstrip("=")


def _read_cursor(kind: str, cursor: str, example: tuple[Any, ...] | None) -> tuple[Any, ...]:
    """The key a cursor holds; 422 naming `cursor` when it is not one this list made."""
    try:
        found = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error):
        found = None
    key = tuple(found[1:]) if isinstance(found, list) and found[:1] == [kind] else None
    if key is None or (example is not None and [type(v) for v in key] != [type(v) for v in example]):
        raise ApiError(422, "invalid_request", f"cursor: not a cursor of this list ({kind})",
                       {"field": "cursor", "errors": [{"field": "cursor", "message": "not a cursor of this list"}]})
    return key


# articles


@router.post("/articles", tags=["articles"], response_model=IngestOut, response_model_exclude_unset=True,
             dependencies=WithToken,
             openapi_extra={"requestBody": {"required": True, "content": {
                 kind: {"schema": {"type": "string"}} for kind in (
                     "application/json", "application/x-ndjson", "application/rss+xml", "application/atom+xml",
                     "text/html", "text/plain", "application/octet-stream")}}})
async def push_articles(request: Request, source: str | None = None, url: str | None = None) -> dict[str, Any]:
    """Push one article or a batch, as `volg ingest` reads them: a JSON object (or an array of them), JSON Lines,
    an RSS/Atom feed, an HTML page or plain text, told by the Content-Type or sniffed. Each item gets a result;
    bad items are `rejected` and the rest still go in. 400 when nothing could be read. `source` names the outlet,
    `url` where an HTML page or text lives."""
    media, charset = _media_type(request.headers.get("content-type", ""))
    content = await request.body()
    if media == "application/json":
        content, charset = _as_json_lines(content), None
    service = service_of(request)
    results = await run_in_threadpool(lambda: list(service.ingest_document(
        content, BODY_ORIGIN, content_type=media, charset=charset, url=url, source=source)))
    shown = [result_json(result) for result in results]
    if all(result.status is Status.REJECTED for result in results):
        first = results[0].error if results else "empty body"
        raise ApiError(400, "nothing_read", f"body: nothing in it could be read as an article ({first})",
                       {"field": "body", "results": shown})
    counts = {status.value: sum(1 for r in results if r.status is status) for status in Status}
    return {"results": shown, "counts": counts}


def _media_type(header: str) -> tuple[str | None, str | None]:
    """Content-Type → (media type, charset)."""
    media, *params = (part.strip() for part in header.split(";"))
    charset = next((p.split("=", 1)[1].strip('"') for p in params if p.lower().startswith("charset=")), None)
    return media.lower() or None, charset


def _as_json_lines(content: bytes) -> bytes:
    """A JSON object, or an array of them, as JSON Lines (one article a line). A body that is not one JSON value
    (JSON Lines sent as application/json) is left as it is. Written in ASCII, so that a lone surrogate json.loads
    let through stays an escape, which the JSON Lines reader makes U+FFFD as it does in a file."""
    try:
        found = json.loads(content)
    except (ValueError, RecursionError):
        return content
    items = found if isinstance(found, list) else [found]
    return "\n".join(json.dumps(item) for item in items).encode()


@router.get("/articles", tags=["articles"], response_model=ArticlePage)
def list_articles(request: Request, since: Since = None, source: str | None = None, limit: Limit = DEFAULT_LIMIT,
                  cursor: Cursor = None) -> dict[str, Any]:
    """Stored articles in the order they were stored (by id); `since` and `source` filter them."""
    found = service_of(request).articles(since=_utc(since), source=source)
    return _page("articles", found, lambda a: (a.id,), article_json, limit, cursor)


@router.get("/articles/{article_id}", tags=["articles"], response_model=ArticleOut)
def get_article(request: Request, article_id: Id) -> dict[str, Any]:
    return article_json(service_of(request).article(article_id))


# sources


@router.get("/sources", tags=["sources"], response_model=SourceList, dependencies=WithToken)
def list_sources(request: Request) -> dict[str, Any]:
    """The polled sources with their polling health."""
    return {"items": [source_json(source) for source in service_of(request).sources()]}


@router.post("/sources", tags=["sources"], response_model=SourceCreated, status_code=201, dependencies=WithToken)
def add_source(request: Request, body: SourceIn) -> dict[str, Any]:
    """Poll a feed; a URL already known answers the source as it is. A host that does not resolve now is kept,
    and named in `warnings`."""
    unresolved: list[Unresolved] = []
    with blame("url"):
        source = service_of(request).add_source(body.url, name=body.name, every=body.every, warn=unresolved.append)
    return source_json(source) | {"warnings": [str(each) for each in unresolved]}


# stories


@router.get("/stories", tags=["stories"], response_model=StoryPage)
def list_stories(request: Request, since: Since = None, topic: str | None = None, limit: Limit = DEFAULT_LIMIT,
                 cursor: Cursor = None) -> dict[str, Any]:
    """Stories last seen since `since` (and of `topic`), in the order volg found them (by id)."""
    found = service_of(request).stories(since=_utc(since), topic=topic)
    return _page("stories", found, lambda s: (s.id,), story_json, limit, cursor)


@router.get("/stories/{story_id}", tags=["stories"], response_model=StoryOut)
def get_story(request: Request, story_id: Id) -> dict[str, Any]:
    return story_json(service_of(request).story(story_id))


# topics


@router.get("/topics", tags=["topics"], response_model=TopicList)
def list_topics(request: Request) -> dict[str, Any]:
    """The defined topics, then those discovered in the stories, each with its number of stories."""
    service = service_of(request)
    stories = service.current_stories()
    defined = [topic_json(topic, len(service.in_topic(topic.slug, stories))) for topic in service.topics()]
    return {"items": defined + [discovered_json(found) for found in service.discovered_topics(stories=stories)]}


@router.get("/topics/{slug}", tags=["topics"], response_model=AnyTopic)
def get_topic(request: Request, slug: str) -> dict[str, Any]:
    """A topic by slug or name, defined or discovered."""
    service = service_of(request)
    found = service.topic(slug)
    if isinstance(found, DiscoveredTopic):
        return discovered_json(found)
    return topic_json(found, len(service.current_stories(topic=found.slug)))


@router.post("/topics", tags=["topics"], response_model=AnyTopic, status_code=201, dependencies=WithToken)
def add_topic(request: Request, body: TopicIn) -> dict[str, Any]:
    """Define a topic by a query, or adopt a discovered one (`discovered`: its slug) so readers can follow it."""
    service = service_of(request)
    with blame("discovered" if body.discovered is not None else "name"):
        topic = service.add_topic(body.name, body.query, discovered=body.discovered)
    return topic_json(topic, len(service.current_stories(topic=topic.slug)))


@router.get("/topics/{slug}/developments", tags=["topics"], response_model=DevelopmentPage)
def list_developments(request: Request, slug: str, since: Since = None, limit: Limit = DEFAULT_LIMIT,
                      cursor: Cursor = None) -> dict[str, Any]:
    """What happened in a topic, step by step: oldest first, first seen since `since`."""
    service = service_of(request)
    found = service.developments(topic=service.topic(slug).slug, since=_utc(since))
    return _page("developments", found, lambda d: (time_out(d.first_seen), d.key), development_json, limit, cursor)


@router.get("/topics/{slug}/digest", tags=["topics"], response_model=DigestPreview)
def topic_digest(request: Request, slug: str, at: Since = None) -> dict[str, Any]:
    """The digest a new reader of the topic (default hours) would get at `at` (default: now). Records nothing."""
    service = service_of(request)
    return _preview(service, Subscription(service.topic(slug).slug, language=service.settings.language), _utc(at))


def _preview(service: Service, sub: Subscription, at: datetime | None) -> dict[str, Any]:
    found = service.digest(sub, at or service.clock())
    return {"digest": render_json(found) if found is not None else None}


# subscriptions


@router.post("/subscriptions", tags=["subscriptions"], response_model=SubscriptionCreated, status_code=201,
             dependencies=WithToken)
def subscribe(request: Request, body: SubscriptionIn) -> dict[str, Any]:
    """Follow a topic by email, push and webhooks; every subscription has its Atom feed. The answer holds the
    reader's token and links, and the webhook secret (shown only here). With an email address and without
    `confirmed`, the reader is mailed a link to confirm, and gets nothing else until they do. A push or webhook
    host that does not resolve now is kept, and named in `warnings`."""
    service = service_of(request)
    with blame("topic"):
        service.topic(body.topic)
    for number, url in enumerate(body.webhooks):
        with blame(f"webhooks.{number}"):
            check_webhook(url, allow_private=service.settings.allow_private_urls)
    with blame("genres"):
        check_genres(body.genres)
    unresolved: list[Unresolved] = []
    with blame("email"):
        sub = service.subscribe(body.topic, times=body.times, tz=body.tz, max_items=body.max_items,
                                email=body.email, push=body.push, webhooks=body.webhooks, quiet=body.quiet,
                                breaking=body.breaking, language=body.language, genres=body.genres,
                                confirmed=body.confirmed, warn=unresolved.append)
    if not sub.confirmed:
        try:
            service.ask_confirmation(sub)
        except (DeliveryError, ConfigError) as exc:
            raise ApiError(503, "confirmation_not_sent", f"the confirmation mail could not be sent: {exc}",
                           {"field": "email"}) from None
    return _subscription_view(service, sub) | {"webhook_secret": sub.secret if sub.webhooks else None,
                                               "warnings": [str(each) for each in unresolved]}


def _reader(service: Service, token: str) -> Subscription:
    """The subscription a reader's signed token names; a forged or stale token is 404, as on the reader's pages."""
    try:
        return service.subscription_for(token)
    except (InputError, NotFound):
        raise ApiError(404, "not_found", "no subscription has this token") from None


def _subscription_view(service: Service, sub: Subscription) -> dict[str, Any]:
    links = service.links(sub)
    return subscription_json(sub, shown_target) | {
        "token": service.reader_token(sub),
        "links": {"manage": links.manage, "unsubscribe": links.unsubscribe, "feed": links.feed},
    }


@router.get("/subscriptions/{token}", tags=["subscriptions"], response_model=SubscriptionOut)
def get_subscription(request: Request, token: str) -> dict[str, Any]:
    """A subscription, by the signed token of its reader's links."""
    service = service_of(request)
    return _subscription_view(service, _reader(service, token))


@router.patch("/subscriptions/{token}", tags=["subscriptions"], response_model=SubscriptionOut)
def change_subscription(request: Request, token: str, body: SubscriptionChange) -> dict[str, Any]:
    """Change hours, zone or size; the subscription is active again afterwards (as saving the manage page)."""
    service = service_of(request)
    _reader(service, token)
    sub = service.reschedule(token, times=body.times, tz=body.tz, max_items=body.max_items)
    return _subscription_view(service, sub)


@router.delete("/subscriptions/{token}", tags=["subscriptions"], response_model=SubscriptionOut)
def unsubscribe(request: Request, token: str) -> dict[str, Any]:
    """Stop the subscription: nothing more is composed or sent for it (PATCH makes it active again)."""
    service = service_of(request)
    _reader(service, token)
    return _subscription_view(service, service.unsubscribe(token))


@router.get("/subscriptions/{token}/digest", tags=["subscriptions"], response_model=DigestPreview)
def subscription_digest(request: Request, token: str, at: Since = None) -> dict[str, Any]:
    """The digest this subscription would get at `at` (default: now), after what it has received. Records nothing."""
    service = service_of(request)
    return _preview(service, _reader(service, token), _utc(at))


# the document, and errors outside the routes


@cache
def openapi_document() -> dict[str, Any]:
    """The OpenAPI document of every route of `router` (so of everything the app serves under /api)."""
    return get_openapi(title="volg API", version=version(DISTRIBUTION), routes=router.routes,
                       description=f"The JSON API of volg (docs/api.md). Request bodies: at most {MAX_BODY_BYTES} "
                                   "bytes.")


@router.get("/openapi.json", include_in_schema=False)
def openapi() -> dict[str, Any]:
    return openapi_document()


def _methods(app: FastAPI, request: Request) -> list[str]:
    """Every method some route takes at the request's path (a 405's Allow header): the router names only the first
    route's."""
    found = [method for method in ("GET", "POST", "PUT", "PATCH", "DELETE")
             if any(route.matches({**request.scope, "method": method})[0] == Match.FULL for route in app.router.routes)]
    return [*found[:1], "HEAD", *found[1:]] if "GET" in found else found  # HEAD answers like GET (web/health.py)


def install_api(app: FastAPI, elsewhere: Callable[[Request, Exception], Awaitable[Response]] | None = None) -> None:
    """Serve the API on `app`, and answer unknown /api routes and methods in its error shape (the other paths get
    `elsewhere`'s answer, FastAPI's when there is none)."""
    app.include_router(router)

    async def http_error(request: Request, exc: Exception) -> Response:
        if request.url.path == PREFIX or request.url.path.startswith(PREFIX + "/"):
            response = response_for(exc)
            if isinstance(exc, StarletteHTTPException) and exc.status_code == 405:
                response.headers["Allow"] = ", ".join(_methods(app, request))
            return response
        if elsewhere is not None:
            return await elsewhere(request, exc)
        assert isinstance(exc, StarletteHTTPException)
        return await http_exception_handler(request, exc)

    app.add_exception_handler(StarletteHTTPException, http_error)
