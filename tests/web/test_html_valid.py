"""Every page of the web UI is valid HTML under the Nu HTML Checker (vnu.jar from the npm package vnu-jar, which
`npm ci` installs as a development dependency), in Dutch and English, with the demo's data; the home page and the
follow form in German, French, Spanish and Italian too.

Skipped, saying why, when Java or the checker is absent. One checker run validates every page (a JVM start costs a
second or two); a page known to be invalid goes along, so a checker that reports nothing fails the test.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest
from tests.web.server import serving

from volg.service import Service
from volg.web import create_app

VNU = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
BROKEN = "<!DOCTYPE html><html lang=nl><head><title>x</title></head><body><p><div></p></div></body></html>"


def checker_unavailable() -> str | None:
    if shutil.which("java") is None:
        return "Java is not installed (the Nu HTML Checker runs on it: apt-get install default-jre-headless)"
    if not VNU.exists():
        return f"the Nu HTML Checker is not installed ({VNU}): run `npm ci`"
    return None


def as_document(fragment: str) -> str:
    """An htmx fragment (the follow form's preview) in the smallest valid page, to check it as it is shown."""
    return f"<!DOCTYPE html><html lang=nl><head><title>preview</title></head><body>{fragment}</body></html>"


def pages(service: Service, client: httpx.Client) -> dict[str, str]:
    """Every page a reader sees, by a name: home, a topic, a story, search (with and without results), the follow
    form and its preview, a subscription's manage and unsubscribe pages, an error page (in Dutch and English); home
    and the follow form in the other languages."""
    found: dict[str, str] = {}
    home = client.get("/").text
    topic = re.search(r'href="(/topics/[^"?]+)"', home)
    assert topic, "the home page links no topic"
    story = re.search(r'href="(/stories/\d+)"', client.get(topic.group(1)).text)
    assert story, "the topic page links no story"
    slug = topic.group(1).rsplit("/", 1)[1]
    sub = service.subscribe(slug, times=["08:00"], tz="Europe/Amsterdam")
    links = service.links(sub)
    manage, unsubscribe = (re.sub(r"^https?://[^/]+", "", url) for url in (links.manage, links.unsubscribe))
    for lang in ("nl", "en"):
        for name, url, status in (
            ("home", "/", 200), ("topic", topic.group(1), 200), ("story", story.group(1), 200),
            ("search", "/search?q=Maas", 200), ("search-none", "/search?q=zzzqqq", 200),
            ("follow", f"/follow/{slug}", 200), ("manage", manage, 200), ("unsubscribe", unsubscribe, 200),
            ("not-found", "/stories/987654", 404),
        ):  # fmt: skip
            response = client.get(url, params={"lang": lang})
            assert response.status_code == status, f"{url}: {response.status_code}"
            found[f"{name}-{lang}"] = response.text
        preview = client.get(f"/follow/{slug}/preview", params={"lang": lang, "slot": "morning"})
        assert preview.status_code == 200
        found[f"preview-{lang}"] = as_document(preview.text)
    for lang in ("de", "fr", "es", "it"):  # the same templates: a page with a map and developments, and the form
        for name, url in (("home", "/"), ("follow", f"/follow/{slug}")):
            response = client.get(url, params={"lang": lang})
            assert response.status_code == 200 and response.headers["content-language"] == lang
            found[f"{name}-{lang}"] = response.text
    return found


def test_every_page_is_valid_html(browser_service: Service, tmp_path: Path) -> None:
    reason = checker_unavailable()
    if reason:
        pytest.skip(reason)
    with serving(create_app(browser_service)) as base, httpx.Client(base_url=base, timeout=60) as client:
        shown = pages(browser_service, client)
    files = []
    for name, html in {**shown, "known-invalid": BROKEN}.items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(path)
    run = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout", *map(str, files)],
                         capture_output=True, text=True, timeout=300, check=False)  # fmt: skip
    messages = json.loads(run.stdout)["messages"]
    errors: dict[str, list[str]] = {}
    for message in messages:
        page = Path(message.get("url", "?")).stem
        errors.setdefault(page, []).append(f"line {message.get('lastLine')}: {message.get('message')}")
    assert "known-invalid" in errors, "the checker reported nothing for a page known to be invalid"
    del errors["known-invalid"]
    assert errors == {}
