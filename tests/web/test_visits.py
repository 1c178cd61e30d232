"""Pages mark what is new to the visitor, never "Update" for its own sake: a cookie remembers when the visitor last
looked at a page (home, a topic, a story), and the developments that came after are "new since your last visit".
The cookie's arithmetic alone, then two visits in a real browser with news arriving between them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from tests.web.browser import watch

from volg import demo
from volg.models import Citation, Development
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage
from volg.web.views import without_retellings
from volg.web.visits import KEEP, VISIT_GAP, Seen, Visit, parse, render, view

if TYPE_CHECKING:
    from playwright.sync_api import Page

T0 = datetime(2026, 11, 19, 9, 5, tzinfo=UTC)
FIRST_PART = 70
"""The demo articles that are in volg at the first visit; the rest (Venlo's peak, the Lisbon deal) come after."""


def development(*article_ids: int) -> Development:
    sources = tuple(Citation(i, "Outlet", f"https://example.nl/{i}", "kop", T0) for i in article_ids)
    return Development("k", 1, "kop", (), "nl", sources, (), T0, 1.0, ())


# --- the cookie -------------------------------------------------------------------------------------------------


def test_a_first_view_marks_nothing_and_remembers_the_newest_article() -> None:
    visit, pages = view({}, "topic-hoogwater", 58, T0)
    assert visit == Visit() and not visit.is_new(development(59))
    assert pages == {"topic-hoogwater": Seen(None, None, 58, int(T0.timestamp()))}


def test_a_later_visit_marks_developments_all_of_whose_articles_came_after() -> None:
    _, pages = view({}, "topic-hoogwater", 58, T0)
    later = T0 + VISIT_GAP + timedelta(seconds=1)
    visit, pages = view(pages, "topic-hoogwater", 78, later)
    assert visit.since == 58 and visit.at == T0
    assert visit.is_new(development(59, 70)) and not visit.is_new(development(40, 70))
    assert not visit.is_new(development())
    again, pages = view(pages, "topic-hoogwater", 78, later + timedelta(minutes=20))
    assert again == visit, "reading on, or reloading, within the visit keeps its marks"
    after, _ = view(pages, "topic-hoogwater", 78, later + timedelta(minutes=20) + VISIT_GAP)
    assert after.since == 78 and not after.is_new(development(70)), "the next visit compares with this one"


def test_pages_are_remembered_apart_and_the_cookie_stays_small() -> None:
    pages: dict[str, Seen] = {}
    for i in range(KEEP + 10):
        _, pages = view(pages, f"story-{i}", i, T0 + timedelta(minutes=i))
    value = render(pages)
    kept = parse(value)
    assert len(kept) == KEEP and "story-0" not in kept and kept["story-49"].mark == 49, "the most recent pages"
    assert len(value) < 2048 and all(c.isalnum() or c in "-~:|" for c in value), "nothing a cookie must quote"


def test_a_cookie_that_does_not_read_counts_as_no_visit() -> None:
    good = f"home~:{'':s}:5:{int(T0.timestamp())}"
    assert parse("") == {} and parse("garbage|home~1:2|home=1:2:3:4|Home~::1:2|home~x:1:2:3|home~1::2:3") == {}
    assert parse(f"{good}|<script>~::1:2") == {"home": Seen(None, None, 5, int(T0.timestamp()))}
    assert parse(render({"home": replace(Seen(None, None, 5, 6), since=4, since_at=3)})) == {"home": Seen(4, 3, 5, 6)}


# --- in a browser -----------------------------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="module")
def clock() -> Clock:
    return Clock()


@pytest.fixture(scope="module")
def browser_service(tmp_path_factory: pytest.TempPathFactory, clock: Clock) -> Iterator[Service]:
    """The demo's topics and the first part of its stream; the test brings in the rest."""
    path: Path = tmp_path_factory.mktemp("visits") / "volg.db"
    service = Service(Settings(base_url="http://volg.test"), open_storage(str(path)), clock=clock)
    for name, query in demo.TOPICS:
        service.add_topic(name, query)
    lines = demo.stream_bytes().splitlines(keepends=True)
    list(service.ingest_bytes(b"".join(lines[:FIRST_PART]), "demo-1.jsonl"))
    yield service
    service.close()


def marked(page: Page) -> list[str]:
    """The headlines marked new, in the page's order."""
    found: list[str] = page.eval_on_selector_all("article.dev", """arts => arts
      .filter(a => a.querySelector(".badge.new"))
      .map(a => Array.from(a.querySelectorAll("h3 > span")).find(s => !s.classList.contains("badge")).textContent)""")
    return found


def test_new_since_your_last_visit_across_two_visits(browser_page: Page, browser_service: Service,
                                                     clock: Clock) -> None:
    page = browser_page
    page.goto("/topics/hoogwater")
    assert page.locator(".badge").count() == 0, "a first visit: nothing is new or an update to this visitor"
    assert page.locator("p.since").count() == 0
    page.goto("/")
    assert page.locator(".badge").count() == 0

    seen_then = max(s.article_id for d in browser_service.developments(topic="hoogwater") for s in d.sources)
    stored_then = max(a.id for story in browser_service.stories() for a in story.articles)
    clock.now += timedelta(hours=6)
    lines = demo.stream_bytes().splitlines(keepends=True)
    list(browser_service.ingest_bytes(b"".join(lines[FIRST_PART:]), "demo-2.jsonl"))

    page.goto("/topics/hoogwater")
    new = marked(page)
    assert any(h.startswith("Maas bereikt piek in Venlo") for h in new), new
    assert any(h.startswith("Akkoord in Lissabon") for h in new), new
    assert page.locator(".badge.new").first.inner_text() == "Nieuw sinds je laatste bezoek"
    assert page.locator(".badge:not(.new)").count() == 0, "no bare 'Update'"
    assert page.locator("p.since").inner_text() == \
        f"Sinds je laatste bezoek (19-11-2026, 10:05): {len(new)} nieuwe ontwikkelingen."
    shown = without_retellings(browser_service.developments(topic="hoogwater"), "nl")  # as the page folds them
    expected = [d for d in shown if min(s.article_id for s in d.sources) > seen_then]
    assert sorted(new) == sorted(d.told_in("nl").headline for d in expected)
    assert all(s.article_id > stored_then for d in expected for s in d.sources), "all came after the first visit"
    page.goto("/")
    assert page.locator(".badge.new").count() >= 1, "home remembers its own last visit"

    clock.now += timedelta(minutes=10)  # still the same visit, now in English: the marks stay
    page.goto("/topics/hoogwater?lang=en")
    english = [d for d in without_retellings(browser_service.developments(topic="hoogwater"), "en")
               if min(s.article_id for s in d.sources) > seen_then]  # the English retelling is one of its own here
    assert page.locator(".badge.new").count() == len(english) >= len(new)
    assert page.locator(".badge.new").first.inner_text() == "New since your last visit"
    assert page.locator("p.since").inner_text().startswith("Since your last visit (19/11/2026, 10:05): ")

    clock.now += VISIT_GAP + timedelta(hours=1)  # a visit later, nothing arrived in between
    page.goto("/topics/hoogwater")
    assert page.locator(".badge").count() == 0
    assert page.locator("p.since").inner_text() == "Since your last visit (19/11/2026, 16:15): nothing new."

    other = page.context.browser.new_context(base_url=page.url.split("/topics")[0])  # type: ignore[union-attr]
    stranger = other.new_page()
    stranger.goto("/topics/hoogwater")
    assert stranger.locator(".badge").count() == 0, "another browser has no last visit"
    other.close()
    assert watch(page).problems() == []
