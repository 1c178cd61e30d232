"""What a visitor saw before, so a page can mark what is new to them: no login and nothing kept by volg, a cookie in
the visitor's browser remembers per page (home, a topic, a story) the newest article volg had when they last looked.

A development is new since the last visit when every article it cites came after that mark: article ids only grow,
so an article with a higher id was not in volg (or not in that development) when the visitor looked. Views of a
page less than `VISIT_GAP` apart are one visit, so reading on, or reloading, keeps the marks of that visit instead
of wiping them; a view after a longer pause compares against the previous visit's mark.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fastapi import Request, Response

from volg.models import Development

VISITS_COOKIE = "volg_seen"
VISIT_GAP = timedelta(minutes=30)
"""Views of a page closer together than this are one visit."""
KEEP = 40
"""Pages remembered at most (the most recently viewed): the cookie stays under 2 KB."""
MAX_AGE_S = 180 * 24 * 3600
_KEY = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")


@dataclass(frozen=True)
class Seen:
    """One page's memory: the mark this visit compares against and when that visit was (None on a first visit),
    and the mark and time of the latest view."""

    since: int | None
    since_at: int | None
    mark: int
    at: int

    def text(self) -> str:
        return ":".join("" if v is None else str(v) for v in (self.since, self.since_at, self.mark, self.at))


@dataclass(frozen=True)
class Visit:
    """What a page shows relative to the visitor: `since` is the mark of their previous visit (None when there was
    none: nothing is marked), `at` when that was."""

    since: int | None = None
    at: datetime | None = None

    def is_new(self, development: Development) -> bool:
        return self.since is not None and bool(development.sources) and \
            min(source.article_id for source in development.sources) > self.since


def newest_article(developments: Iterable[Development]) -> int:
    """The mark of a page: the highest id of an article its developments cite (0 when they cite none)."""
    return max((source.article_id for dev in developments for source in dev.sources), default=0)


def parse(value: str) -> dict[str, Seen]:
    """The cookie's pages; whatever does not read as one is dropped (a page then counts as not seen before)."""
    pages: dict[str, Seen] = {}
    for entry in value.split("|"):
        key, _, rest = entry.partition("~")
        fields = rest.split(":")
        if not _KEY.fullmatch(key) or len(fields) != 4 or not all(f.isdigit() for f in fields[2:]) or \
                not all(f == "" or f.isdigit() for f in fields[:2]) or (fields[0] == "") != (fields[1] == ""):
            continue
        since, since_at, mark, at = (int(f) if f else None for f in fields)
        assert mark is not None and at is not None
        pages[key] = Seen(since, since_at, mark, at)
    return pages


def render(pages: Mapping[str, Seen]) -> str:
    """The cookie's value: `page~since:since_at:mark:at` for the most recently viewed pages, joined by `|` (all
    characters a cookie value may hold unquoted)."""
    kept = sorted(pages.items(), key=lambda item: item[1].at, reverse=True)[:KEEP]
    return "|".join(f"{key}~{seen.text()}" for key, seen in kept)


def view(pages: Mapping[str, Seen], key: str, mark: int, now: datetime) -> tuple[Visit, dict[str, Seen]]:
    """A view of page `key` whose newest article is `mark`, at `now`: what it shows relative to the visitor, and
    what the cookie remembers after it."""
    stamp = int(now.timestamp())
    before = pages.get(key)
    if before is None:
        seen = Seen(None, None, mark, stamp)
    elif 0 <= stamp - before.at < VISIT_GAP.total_seconds():
        seen = Seen(before.since, before.since_at, max(mark, before.mark), stamp)  # the same visit goes on
    else:
        seen = Seen(before.mark, before.at, mark, stamp)
    visit = Visit(seen.since, None if seen.since_at is None else datetime.fromtimestamp(seen.since_at, UTC))
    return visit, {**pages, key: seen}


def visit(request: Request, key: str, developments: Iterable[Development], now: datetime) -> tuple[Visit, str]:
    """The visitor's view of page `key` (`topic-SLUG`, `story-ID`, `home`) showing `developments`: the visit, and
    the cookie's new value, for `remember`."""
    pages = parse(request.cookies.get(VISITS_COOKIE, ""))
    found, after = view(pages, key[:80], newest_article(developments), now)
    return found, render(after)


def remember(request: Request, response: Response, value: str) -> None:
    """Send the visits cookie back (HttpOnly: no script needs it; Lax: it comes along when a link from elsewhere
    opens the page)."""
    response.set_cookie(VISITS_COOKIE, value, max_age=MAX_AGE_S, httponly=True, samesite="lax",
                        secure=request.url.scheme == "https")
