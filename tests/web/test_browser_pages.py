"""The pages in a real browser (Debian's Chromium through Playwright): following a topic through the form, the
topic page's map, and hostile article text shown as text — no script of it runs."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from tests.mailsink import MailSink
from tests.web.browser import wait_for_maps, watch
from tests.web.conftest import BROWSER_NOW

from volg import demo
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

HOSTILE = {
    "url": "https://evil.example/hoogwater", "source": "Evil", "published_at": "2026-11-19T12:00:00Z",
    "title": "Hoogwater Maas <script>window.__volg_pwned='title'</script><img src=x onerror=\"window.__volg_pwned="
             "'img'\">",
    "html": "<html><body><article><h1>Hoogwater Maas bij Venlo</h1><p>De Maas bij Venlo staat hoog, meldt het "
            "waterschap vandaag <script>window.__volg_pwned='script'</script> opnieuw in een korte update over het "
            "hoogwater. <a href=\"javascript:window.__volg_pwned='link'\">Lees meer</a></p><p style=\"background:"
            "url(javascript:alert(1))\">Het water <style>body{display:none}</style> stijgt nog bij Roermond en "
            "Venlo, zegt het waterschap, en de kaden houden.</p></article></body></html>",
}


@pytest.fixture(scope="module")
def mail() -> Iterator[MailSink]:
    with MailSink() as sink:
        yield sink


@pytest.fixture(scope="module")
def browser_service(tmp_path_factory: pytest.TempPathFactory, mail: MailSink) -> Iterator[Service]:
    """The demo, plus an article whose title and text carry script, event handlers, javascript: links and CSS;
    confirmation mails go to a real SMTP server."""
    path: Path = tmp_path_factory.mktemp("browser-pages") / "volg.db"
    service = Service(Settings(base_url="http://volg.test", smtp_url=mail.url), open_storage(str(path)),
                      clock=lambda: BROWSER_NOW)
    for name, query in demo.TOPICS:
        service.add_topic(name, query)
    list(service.ingest_bytes(demo.stream_bytes(), "demo.jsonl"))
    [result] = service.ingest_bytes(json.dumps(HOSTILE).encode(), "hostile.jsonl")
    assert result.article is not None, result.error
    yield service
    service.close()


def test_follow_a_topic_in_the_browser(browser_page: Page, browser_service: Service, mail: MailSink) -> None:
    page = browser_page
    page.goto("/")
    page.get_by_role("link", name="Hoogwater", exact=True).click()
    page.wait_for_url("**/topics/hoogwater")
    wait_for_maps(page)
    assert page.locator("figure.volg-map svg circle").count() >= 4, "the topic's places are on the map"
    assert page.locator("figure.volg-map svg .volg-map-label").count() >= 5, "with their names"
    page.get_by_role("link", name="Volg dit onderwerp").first.click()
    page.wait_for_url("**/follow/hoogwater")
    assert page.locator("#preview article.dev").count() >= 1, "a preview of the digest one would get now"
    previews: list[str] = []
    page.on("request", lambda request: previews.append(request.url) if "/preview" in request.url else None)
    page.get_by_label("E-mailadres").fill("lezer@example.nl")
    page.get_by_text("Meer kanalen").click()  # push and webhook are folded away
    page.get_by_label("Pushmelding", exact=False).fill("ntfy://geheim-token@ntfy.example/volg")
    for slot in ("'s Ochtends (08:00)", "'s Middags (13:00)", "'s Avonds (19:00)"):
        page.get_by_label(slot).uncheck()
    page.get_by_label("Andere tijden", exact=False).fill("07:30,18:00")
    page.get_by_label("Andere tijden", exact=False).dispatch_event("change")
    page.get_by_label("Tijdzone").select_option("Europe/Brussels")
    page.get_by_label("Hoogstens").fill("2")
    page.get_by_label("Hoogstens").dispatch_event("change")
    page.wait_for_function("document.querySelectorAll('#preview article.dev').length <= 2")
    assert previews and all("lezer" not in u and "geheim" not in u and "csrf" not in u for u in previews), previews
    page.get_by_label("Pushmelding", exact=False).fill("")
    page.get_by_label("Ook opinie, analyses en interviews").check()
    page.get_by_role("button", name="Volgen").click()
    page.wait_for_selector("text=Bijna klaar")
    assert not browser_service.subscriptions()[-1].confirmed, "nothing until the reader confirms"
    [letter] = mail.messages
    assert letter["To"] == "lezer@example.nl" and letter["Subject"] == "Bevestig: volg Hoogwater"
    link = re.search(r"http://volg\.test(/confirm/\S+)", letter.get_content())
    assert link is not None
    page.goto(link[1])  # what the reader's mail program opens: a button, no change yet
    assert not browser_service.subscriptions()[-1].confirmed
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_selector("text=Je volgt dit onderwerp")
    sub = browser_service.subscriptions()[-1]
    assert sub.confirmed
    assert (sub.topic, sub.times, sub.tz, sub.max_items, sub.email, sub.genres) == (
        "hoogwater", ("07:30", "18:00"), "Europe/Brussels", 2, "lezer@example.nl", ("analysis", "interview", "opinion"))
    manage = page.get_by_role("link", name="Beheren").get_attribute("href") or ""
    assert manage.startswith("http://volg.test/manage/")  # the configured base_url
    page.goto(urlsplit(manage).path)
    page.wait_for_selector("text=Abonnement beheren")
    assert page.get_by_label("Tijden").input_value() == "07:30,18:00"


def test_the_follow_form_takes_the_browsers_time_zone(chromium: Browser, browser_site: str) -> None:
    for zone in ("America/Paramaribo", "Asia/Tokyo"):  # in the form's list, and not (then it is added)
        context = chromium.new_context(base_url=browser_site, timezone_id=zone, locale="nl-NL")
        page = context.new_page()
        page.goto("/follow/hoogwater")
        page.wait_for_function(f"document.getElementById('tz').value === '{zone}'")
        page.goto("/follow/hoogwater?tz=Europe/London")  # a zone asked for stays
        assert page.get_by_label("Tijdzone").input_value() == "Europe/London"
        assert watch(page).problems() == []
        context.close()


def test_hostile_article_text_is_shown_as_text(browser_page: Page, browser_service: Service) -> None:
    page = browser_page
    story = next(s for s in browser_service.stories() if any(a.source == "Evil" for a in s.articles))
    for path in ("/", "/topics/hoogwater", f"/stories/{story.id}", "/search?q=waterschap+venlo"):
        page.goto(path)
        wait_for_maps(page)
        assert page.evaluate("() => document.body.offsetHeight") > 0, f"{path}: CSS from an article hid the page"
    page.goto(f"/stories/{story.id}")
    assert "<script>window.__volg_pwned='title'</script>" in page.locator("main").inner_text()
    page.goto("/search?q=waterschap+venlo")
    assert page.locator("main a[href^='javascript:']").count() == 0
    assert watch(page).attacks() == []
    assert watch(page).problems() == []


def test_the_language_menu_switches_the_pages_and_the_choice_stays(chromium: Browser, browser_site: str) -> None:
    for width, scripts in ((1280, True), (390, True), (1280, False)):  # desktop, phone, and without JavaScript
        context = chromium.new_context(base_url=browser_site, locale="nl-NL", java_script_enabled=scripts,
                                       viewport={"width": width, "height": 900})
        page = context.new_page()
        watch(page, browser_site)
        page.goto("/")
        menu = page.get_by_role("navigation", name="Taal")
        german = menu.get_by_role("link", name="Deutsch")
        assert not german.is_visible(), "the menu is closed until opened"
        assert menu.locator("a[aria-current='true']").text_content() == "Nederlands"
        menu.locator("summary").click()
        assert [menu.get_by_role("link").nth(i).inner_text() for i in range(6)] == [
            "Nederlands", "English", "Deutsch", "Français", "Español", "Italiano"]
        box = german.bounding_box()
        assert box and 0 <= box["x"] and box["x"] + box["width"] <= width, f"{width}: the open menu fits the screen"
        german.click()
        page.wait_for_url("**/?lang=de")
        assert page.locator("html").get_attribute("lang") == "de"
        assert page.get_by_role("heading", level=1).inner_text() == "Themen"
        menu = page.get_by_role("navigation", name="Sprache")
        assert menu.locator("summary").inner_text() == "Deutsch"
        assert menu.locator("a[aria-current='true']").text_content() == "Deutsch"
        page.get_by_role("link", name="Hoogwater", exact=True).click()  # the next page, its URL without ?lang=
        page.wait_for_url("**/topics/hoogwater")
        assert page.get_by_role("link", name="Diesem Thema folgen").is_visible()
        if scripts:
            wait_for_maps(page)
            assert page.locator(".volg-map-zoom span").first.inner_text() == "Zoomen auf", "the map speaks German"
        assert watch(page).problems() == []
        context.close()
    french = chromium.new_context(base_url=browser_site, locale="fr-FR")  # Accept-Language: fr-FR
    page = french.new_page()
    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text() == "Thèmes"
    assert page.get_by_role("navigation", name="Langue").locator("summary").inner_text() == "Français"
    french.close()
