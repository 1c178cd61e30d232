"""Fixtures for tests/web.

Browser (tests/web/browser.py): `chromium` (Debian's /usr/bin/chromium through Playwright; the test is skipped,
saying why, when it is absent), `browser_service` (a Service over the demo stream; override it in a test module to
serve other data), `browser_site` (a real uvicorn server for `create_app(browser_service)`: its base URL) and
`browser_page` (a fresh page with a `watch()` on it; `watch(browser_page)` returns that watch).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from tests.web.browser import CHROMIUM, chromium_unavailable, watch
from tests.web.server import serving

from volg import demo
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage
from volg.web import create_app

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

BROWSER_NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """A headless Chromium (a playwright Browser), one per test module."""
    reason = chromium_unavailable()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def browser_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """The demo's topics and stream, at a fixed clock."""
    path: Path = tmp_path_factory.mktemp("browser") / "volg.db"
    service = Service(Settings(base_url="http://volg.test"), open_storage(str(path)), clock=lambda: BROWSER_NOW)
    for name, query in demo.TOPICS:
        service.add_topic(name, query)
    list(service.ingest_bytes(demo.stream_bytes(), "demo.jsonl"))
    yield service
    service.close()


@pytest.fixture(scope="module")
def browser_site(browser_service: Service) -> Iterator[str]:
    """The app on a real server in a thread: its base URL, http://127.0.0.1:PORT."""
    with serving(create_app(browser_service)) as base:
        yield base


@pytest.fixture
def browser_page(chromium: Browser, browser_site: str) -> Iterator[Page]:
    """A page in a fresh browser context (no cookies), relative URLs resolved against `browser_site`, watched."""
    context = chromium.new_context(base_url=browser_site, locale="nl-NL")
    context.set_default_timeout(15_000)
    page = context.new_page()
    watch(page, browser_site)
    try:
        yield page
    finally:
        context.close()
