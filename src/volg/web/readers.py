"""The pages behind the links in every digest: manage (hours, zone, size, unsubscribe or resubscribe), one-click
unsubscribe (RFC 8058) and the private Atom feed; and the link in the one mail an unconfirmed subscription gets,
which confirms it.

The manage and unsubscribe URLs carry the reader's signed token, a secret another site cannot know, so a forged
cross-site form post cannot name a subscription. A GET never changes anything (mail scanners follow links); the
one-click POST that mail clients send (`List-Unsubscribe=One-Click`) unsubscribes at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from volg.errors import InputError
from volg.models import Subscription
from volg.pipeline.ingest.guard import Unresolved
from volg.web.context import service_of
from volg.web.pages import page

router = APIRouter()


def _manage_page(request: Request, token: str, sub: Subscription, *, status_code: int = 200,
                 notice: str | None = None, error: str | None = None,
                 unresolved: Sequence[Unresolved] = ()) -> HTMLResponse:
    service = service_of(request)
    topic = service.topic(sub.topic)
    return page(request, "manage.html", {"sub": sub, "topic": topic.name, "token": token,
                                         "feed": service.links(sub).feed, "notice": notice, "error": error,
                                         "unresolved": unresolved},
                status_code=status_code)


@router.get("/manage/{token}", response_class=HTMLResponse)
def manage(request: Request, token: str) -> HTMLResponse:
    return _manage_page(request, token, service_of(request).subscription_for(token))


@router.post("/manage/{token}", response_class=HTMLResponse)
def change(request: Request, token: str, action: Annotated[str, Form()] = "save",
           times: Annotated[str, Form()] = "", tz: Annotated[str, Form()] = "",
           max_items: Annotated[str, Form()] = "", channels: Annotated[str, Form()] = "",
           push: Annotated[str, Form()] = "", webhooks: Annotated[str, Form()] = "",
           drop_email: Annotated[str, Form()] = "") -> HTMLResponse:
    """Save the hours, zone and size, and, when the form has the channel fields (`channels`), the channels: `push`
    and `webhooks` (one URL a line; empty: none) replace the subscription's, `drop_email` stops its email."""
    service = service_of(request)
    sub = service.subscription_for(token)
    if action == "unsubscribe":
        return _manage_page(request, token, service.unsubscribe(token))
    try:
        size = int(max_items) if max_items.strip() else None
    except ValueError:
        return _manage_page(request, token, sub, status_code=400, error=f"{max_items!r} is not a whole number")
    unresolved: list[Unresolved] = []
    try:
        changed = service.reschedule(token, times=[t.strip() for t in times.split(",") if t.strip()] or None,
                                     tz=tz.strip() or None, max_items=size,
                                     push=_lines(push) if channels else None,
                                     webhooks=_lines(webhooks) if channels else None,
                                     drop_email=bool(drop_email), warn=unresolved.append)
    except InputError as exc:
        return _manage_page(request, token, sub, status_code=400, error=str(exc))
    return _manage_page(request, token, changed, notice="saved", unresolved=unresolved)


def _lines(field: str) -> list[str]:
    """The URLs of a text field, one a line."""
    return [line.strip() for line in field.splitlines() if line.strip()]


@router.get("/unsubscribe/{token}", response_class=HTMLResponse)
def unsubscribe_page(request: Request, token: str) -> HTMLResponse:
    service = service_of(request)
    sub = service.subscription_for(token)
    return page(request, "unsubscribe.html", {"sub": sub, "topic": service.topic(sub.topic).name, "token": token,
                                              "done": not sub.active})


@router.post("/unsubscribe/{token}", response_class=HTMLResponse)
def unsubscribe(request: Request, token: str) -> HTMLResponse:
    """RFC 8058 one-click (the body says `List-Unsubscribe=One-Click`), or the button on the page: both stop it."""
    service = service_of(request)
    sub = service.unsubscribe(token)
    return page(request, "unsubscribe.html", {"sub": sub, "topic": service.topic(sub.topic).name, "token": token,
                                              "done": True})


@router.get("/confirm/{token}", response_class=HTMLResponse)
def confirm_page(request: Request, token: str) -> HTMLResponse:
    """The confirmation link's page: a button (a mail scanner's GET confirms nothing)."""
    service = service_of(request)
    sub = service.confirming(token)
    if sub.confirmed:
        return page(request, "followed.html", {"sub": sub, "topic": service.topic(sub.topic),
                                               "links": service.links(sub)})
    return page(request, "confirm.html", {"topic": service.topic(sub.topic).name, "token": token, "sent": False})


@router.post("/confirm/{token}", response_class=HTMLResponse)
def confirm(request: Request, token: str) -> HTMLResponse:
    service = service_of(request)
    sub = service.confirm(token)
    return page(request, "followed.html", {"sub": sub, "topic": service.topic(sub.topic), "links": service.links(sub)})


@router.get("/feeds/{feed_token}.atom")
def feed(request: Request, feed_token: str) -> Response:
    return Response(service_of(request).feed(feed_token), media_type="application/atom+xml; charset=utf-8",
                    headers={"Cache-Control": "private, max-age=300", "X-Robots-Tag": "noindex"})
