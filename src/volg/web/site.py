"""The reader's pages: home, a topic (timeline, map, follow button), a story, search, and the follow form with a
preview of the digest one would get now.

Forms carry a CSRF token (see `volg.web.csrf`), so another site cannot post them on a reader's behalf. A
subscription with an email address made here waits for its reader to confirm it through the link mailed to it
(double opt-in): a stranger cannot make volg mail anyone but that one link.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from volg.errors import ConfigError, DeliveryError, InputError
from volg.models import NEWS_GENRES, Subscription, Topic
from volg.pipeline.cluster.topics import DiscoveredTopic
from volg.pipeline.compose import MAX_ITEMS, validate_subscription
from volg.pipeline.ingest.guard import Unresolved
from volg.readers import CONFIRM_HOURS
from volg.web.context import service_of
from volg.web.csrf import csrf_page, csrf_valid
from volg.web.limits import limiter_of, too_many
from volg.web.pages import page, page_labels
from volg.web.views import activity, map_places, news_now, places_json, recent_important, without_retellings
from volg.web.visits import remember, visit

router = APIRouter()
log = logging.getLogger(__name__)
DEFAULT_TIMES = "08:00,13:00,19:00"
SLOTS = (("morning", "08:00"), ("noon", "13:00"), ("evening", "19:00"))
"""The follow form's toggles; other hours are typed."""
TIMELINE = 100
"""The newest developments a topic page shows (the API pages through all of them)."""
SEARCH_LIMIT = 20
"""The best-matching articles a search page shows ("20+ artikelen" when there may be more)."""
NAMING_WINDOW = timedelta(days=7)
"""How far before a story its topics' developments teach the story page's map how places are written."""

ZONES = ("Europe/Amsterdam", "Europe/Brussels", "Europe/London", "Europe/Berlin", "Europe/Paris", "UTC",
         "America/New_York", "America/Paramaribo", "America/Curacao", "Asia/Jakarta")


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    service = service_of(request)
    stories = service.current_stories()
    now = news_now(service.clock(), stories)
    everything = service.developments(since=service.news_since())
    rows = []
    topics: list[Topic | DiscoveredTopic] = [*service.topics(), *service.discovered_topics(stories=stories)]
    for topic in topics:
        own = service.in_topic(topic.slug, stories)
        ids = {story.id for story in own}
        days = activity((d for d in everything if d.story_id in ids), now)
        rows.append({"topic": topic, "stories": len(own), "activity": days, "peak": max(days) or 1,
                     "discovered": isinstance(topic, DiscoveredTopic)})
    language = page_labels(request)["lang"]
    important = without_retellings(recent_important(everything, now), language)
    places = map_places(important, language, named_by=everything)
    seen, cookie = visit(request, "home", everything, service.clock())
    response = page(request, "home.html", {"topics": rows, "important": important, "places": places,
                                           "places_json": places_json(places), "visit": seen})
    remember(request, response, cookie)
    return response


@router.get("/topics/{slug}", response_class=HTMLResponse)
def topic(request: Request, slug: str) -> HTMLResponse:
    service = service_of(request)
    found = service.topic(slug)
    language = page_labels(request)["lang"]
    timeline = without_retellings(sorted(service.developments(topic=found.slug, since=service.news_since()),
                                         key=lambda d: d.first_seen, reverse=True), language)
    places = map_places(timeline, language)
    seen, cookie = visit(request, f"topic-{found.slug}", timeline, service.clock())
    response = page(request, "topic.html", {"topic": found, "timeline": timeline[:TIMELINE], "total": len(timeline),
                                            "places": places, "places_json": places_json(places), "visit": seen,
                                            "discovered": isinstance(found, DiscoveredTopic)})
    remember(request, response, cookie)
    return response


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: int) -> HTMLResponse:
    service = service_of(request)
    found = service.story(story_id)
    articles = sorted(found.articles, key=lambda a: (a.published_at, a.id))
    genres = {a.id: service.article(a.id).clean.genre for a in articles}
    timeline = list(reversed(service.story_developments(found)))  # newest first, as on a topic's page
    topics = service.topics_of(found)
    # a place the story's own developments name only in another language ("Lisbon") is named as its topics'
    # developments of those days in the page's language write it ("Lissabon")
    since = found.first_seen - NAMING_WINDOW
    named_by = [*timeline, *(dev for held in topics for dev in service.developments(topic=held.slug, since=since))]
    places = map_places(timeline, page_labels(request)["lang"], named_by=named_by)
    seen, cookie = visit(request, f"story-{found.id}", timeline, service.clock())
    response = page(request, "story.html", {
        "story": found, "topics": topics,
        "genres": genres, "timeline": timeline, "places": places, "places_json": places_json(places),
        "visit": seen, "articles": [a for a in articles if genres[a.id] in NEWS_GENRES],
        "views": [a for a in articles if genres[a.id] not in NEWS_GENRES]})
    remember(request, response, cookie)
    return response


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = "") -> HTMLResponse:
    articles, stories = service_of(request).search(q, limit=SEARCH_LIMIT) if q.strip() else ([], [])
    return page(request, "search.html", {"q": q, "articles": articles, "stories": stories, "limit": SEARCH_LIMIT})


@router.get("/follow/{slug}", response_class=HTMLResponse)
def follow_form(request: Request, slug: str, times: str = DEFAULT_TIMES, tz: str = "",
                max_items: int = 5, background: str = "") -> HTMLResponse:
    """The form; without a `tz` asked for, the page's zone, which the browser replaces by its own (follow.js)."""
    values = {"times": times, "tz": tz or service_of(request).settings.time_zone, "max_items": max_items,
              "background": background}
    return _follow_page(request, slug, values, guess_zone=not tz)


@router.post("/follow/{slug}", response_class=HTMLResponse)
def follow(request: Request, slug: str, csrf: Annotated[str, Form()] = "",
           slot: Annotated[list[str] | None, Form()] = None,
           times: Annotated[str | None, Form()] = None, tz: Annotated[str, Form()] = "",
           max_items: Annotated[str, Form()] = "5", email: Annotated[str, Form()] = "",
           push: Annotated[str, Form()] = "", webhook: Annotated[str, Form()] = "",
           background: Annotated[str, Form()] = "") -> Response:
    times = _joined(slot or [], times)
    values = {"times": times, "tz": tz, "max_items": max_items, "email": email, "push": push, "webhook": webhook,
              "background": background}
    if not csrf_valid(request, csrf):
        return _follow_page(request, slug, values, error="csrf", status_code=403)
    service = service_of(request)
    if email.strip() and (wait := limiter_of(request).hit("confirm", email.strip().casefold())) is not None:
        return too_many(request, wait)  # confirmation mails to one address
    unresolved: list[Unresolved] = []  # hosts that do not resolve now: kept, and the reader told
    try:
        size = int(max_items)
        sub = service.subscribe(slug, times=_times(times), tz=tz.strip() or service.settings.time_zone, max_items=size,
                                email=email.strip() or None, push=[push.strip()] if push.strip() else [],
                                webhooks=[webhook.strip()] if webhook.strip() else [],
                                language=_page_language(request), genres=_genres(background), adopt=False,
                                confirmed=False, warn=unresolved.append)
    except ValueError:
        return _follow_page(request, slug, values, error=f"{max_items!r}: not a whole number", status_code=400)
    except InputError as exc:
        return _follow_page(request, slug, values, error=str(exc), status_code=400)
    if not sub.confirmed:
        try:
            service.ask_confirmation(sub)
        except (DeliveryError, ConfigError) as exc:
            log.warning("confirmation mail to subscription %s not sent: %s", sub.id, exc)
            return _follow_page(request, slug, values, error="confirm_failed", status_code=503)
        return page(request, "confirm.html", {"topic": service.topic(sub.topic).name, "sent": True,
                                              "email": sub.email, "hours": str(CONFIRM_HOURS),
                                              "unresolved": unresolved})
    links = service.links(sub)
    return page(request, "followed.html", {"sub": sub, "topic": service.topic(sub.topic), "links": links,
                                           "unresolved": unresolved})


@router.get("/follow/{slug}/preview", response_class=HTMLResponse)
def follow_preview(request: Request, slug: str, slot: Annotated[list[str] | None, Query()] = None,
                   times: str | None = None, tz: str = "", max_items: str = "5",
                   background: str = "") -> HTMLResponse:
    """The preview alone, for the form to refresh as the reader changes hours (htmx)."""
    service = service_of(request)
    values = {"times": _joined(slot or [], times), "tz": tz or service.settings.time_zone, "max_items": max_items,
              "background": background}
    return page(request, "_preview.html", _preview(request, service.topic(slug), values))


def _follow_page(request: Request, slug: str, values: Mapping[str, object], *, error: str | None = None,
                 status_code: int = 200, guess_zone: bool = False) -> HTMLResponse:
    """The form, with the digest its current hours would bring now (or why there is none). Only the operator makes
    topics: a discovered one is followed once the operator adopts it (`volg topics add --discovered`)."""
    found = service_of(request).topic(slug)
    if isinstance(found, DiscoveredTopic):
        return page(request, "message.html", {"title_key": "follow", "text_key": "not_adopted"}, status_code=404)
    times = _times(str(values["times"]))
    zones = ZONES if str(values["tz"]) in ZONES else (*ZONES, str(values["tz"]))
    return csrf_page(request, "follow.html", {
        "topic": found, "values": values, "error": error, "zones": zones, "max": MAX_ITEMS, "slots": SLOTS,
        "chosen": set(times), "other_times": ",".join(t for t in times if t not in dict(SLOTS).values()),
        "guess_zone": guess_zone, **_preview(request, found, values)}, status_code=status_code)


def _preview(request: Request, topic: Topic | DiscoveredTopic, values: Mapping[str, object]) -> dict[str, object]:
    service = service_of(request)
    language = _page_language(request)
    try:
        sub = validate_subscription(Subscription(topic.slug, tuple(_times(str(values["times"]))),
                                                 str(values["tz"]).strip(), int(str(values["max_items"])),
                                                 language=language, genres=_genres(str(values.get("background", "")))))
    except (InputError, ValueError) as exc:
        return {"preview": None, "problem": str(exc)}
    return {"preview": service.digest(sub, news_now(service.clock(), service.current_stories(topic=topic.slug))),
            "problem": None}


def _page_language(request: Request) -> str:
    """The language a reader following a topic from this page gets digests in: the page's (digests are written in
    each of the pages' languages)."""
    return page_labels(request)["lang"]


BACKGROUND = ("analysis", "interview", "opinion")
"""The genres the follow form's "also opinion and background" box adds to news."""


def _genres(background: str) -> tuple[str, ...]:
    return BACKGROUND if background else ()


def _times(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


def _joined(slots: list[str], times: str | None) -> str:
    """The hours the form asks for: the ticked slots and the other times typed; neither sent: the default hours."""
    if not slots and times is None:
        return DEFAULT_TIMES
    return ",".join(dict.fromkeys([*slots, *_times(times or "")]))
