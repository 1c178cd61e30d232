"""The reader's pages pass axe-core's WCAG 2 A and AA rules in Chromium (axe-core from npm, a development dependency
that `npm ci` installs), in Dutch and English, at desktop and phone width, with the demo's data; the home page and
the follow form in German, French, Spanish and Italian with the language menu open.

axe runs in the page as it is shown: after its scripts drew the map and htmx loaded the follow form's preview.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN = """async (rules) => {
  const found = await axe.run(document, {runOnly: {type: "tag", values: rules}});
  return found.violations.map(v => `${v.id} (${v.impact}): ${v.help}: ` +
                                   v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "));
}"""


def violations(page: Page) -> list[str]:
    """axe's violations of `RULES` on the page as it is now (axe is evaluated through the DevTools protocol, which
    the page's Content-Security-Policy does not govern: the page itself never loads it)."""
    if not AXE.exists():
        pytest.skip(f"axe-core is not installed ({AXE}): run `npm ci`")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return list(page.evaluate(RUN, RULES))


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_readers_pages_pass_axe(browser_page: Page, lang: str, width: int) -> None:
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"/?lang={lang}")
    topic = page.locator("a[href^='/topics/']").first.get_attribute("href")
    assert topic
    page.goto(topic)
    story = page.locator("a[href^='/stories/']").first.get_attribute("href")
    assert story
    slug = re.sub(r"[?#].*$", "", topic).rsplit("/", 1)[1]
    found: dict[str, list[str]] = {}
    for url in ("/", topic, story, "/search?q=Maas", "/search?q=zzzqqq", f"/follow/{slug}", "/stories/987654"):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        if url.startswith("/follow/"):
            page.locator("#preview *").first.wait_for()
        found[url] = violations(page)
    assert {url: v for url, v in found.items() if v} == {}


@pytest.mark.parametrize("lang", ["de", "fr", "es", "it"])
def test_the_home_page_and_the_follow_form_in_other_languages_pass_axe_with_the_language_menu_open(
        browser_page: Page, lang: str) -> None:
    page = browser_page
    page.goto(f"/?lang={lang}")
    slug = (page.locator("a[href^='/follow/']").first.get_attribute("href") or "").rsplit("/", 1)[1]
    found: dict[str, list[str]] = {}
    for url in ("/", f"/follow/{slug}"):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.locator("nav.lang summary").click()
        page.locator("nav.lang a[aria-current]").wait_for()
        found[url] = violations(page)
    assert {url: v for url, v in found.items() if v} == {}


def test_axe_reports_a_violation_it_should(browser_page: Page) -> None:
    """The check itself: a page with an image without alternative text and an unlabelled field fails it."""
    browser_page.set_content('<!DOCTYPE html><html lang="nl"><head><title>x</title></head><body><main>'
                             '<img src="data:,"><input type="text"></main></body></html>')
    found = " ".join(violations(browser_page))
    assert "image-alt" in found and "label" in found
