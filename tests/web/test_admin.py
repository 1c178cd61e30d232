"""The admin pages behind the API token, on a real server: signing in, sources' health, failed deliveries sent
again through a real webhook receiver."""

from __future__ import annotations

import asyncio
import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import httpx
from tests.httpserver import Reply, TestServer
from tests.web.server import serving

from volg import demo
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage
from volg.web import create_app

COMPOSE_AT = datetime(2026, 11, 17, 12, 30, tzinfo=UTC)


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found is not None
    return found[1]


def test_admin_pages_need_the_token_and_retry_failed_deliveries(tmp_path: Path, http_server: TestServer) -> None:
    http_server.route("/hook", Reply(status=410), method="POST")
    service = Service(Settings(api_token="s3cret-token", allow_private_urls=True),
                      open_storage(str(tmp_path / "volg.db")), clock=lambda: COMPOSE_AT)
    service.add_topic("Hoogwater", "hoogwater OR Maas")
    list(service.ingest_bytes(demo.stream_bytes(), "stream.jsonl"))
    service.add_source("https://www.havenbode.example/rss", name="De Havenbode")
    service.subscribe("hoogwater", webhooks=[http_server.url("/hook")])
    service.compose_due(now=COMPOSE_AT)
    [failed] = service.deliver()
    assert failed.error and failed.retry_at is None
    with serving(create_app(service)) as base, httpx.Client(base_url=base, follow_redirects=True) as browser:
        login = browser.get("/admin")
        assert login.status_code == 200 and 'type="password"' in login.text and "Havenbode" not in login.text
        csrf = csrf_of(login.text)
        wrong = browser.post("/admin/login", data={"token": "guess", "csrf": csrf})
        assert wrong.status_code == 403 and "Onjuist token" in wrong.text
        with httpx.Client(base_url=base) as stranger:  # a cross-site post has no CSRF cookie
            assert stranger.post("/admin/login", data={"token": "s3cret-token", "csrf": csrf}).status_code == 403
        signed_in = browser.post("/admin/login", data={"token": "s3cret-token", "csrf": csrf})
        assert signed_in.status_code == 200 and "De Havenbode" in signed_in.text  # followed the redirect
        cookie = signed_in.history[0].headers["set-cookie"]
        assert "Max-Age=28800" in cookie and "HttpOnly" in cookie and "Secure" not in cookie  # plain HTTP here
        assert "410" in signed_in.text and "/hook" in signed_in.text
        http_server.route("/hook", Reply(status=204), method="POST")
        after = browser.post("/admin/deliveries/retry", data={"csrf": csrf_of(signed_in.text)})
        assert after.status_code == 200 and "Mislukte bezorgingen" in after.text and "410" not in after.text
        assert [d.status.value for d in service.deliveries()] == ["sent"]
        assert len(http_server.requests) == 2
        browser.post("/admin/logout", data={"csrf": csrf_of(after.text)})
        assert 'type="password"' in browser.get("/admin").text
    off = Service(replace(service.settings, api_token=""), service.storage)
    with serving(create_app(off)) as base:
        assert httpx.get(f"{base}/admin").status_code == 403
    service.close()


def test_behind_https_the_sign_in_cookie_is_secure(tmp_path: Path) -> None:
    service = Service(Settings(api_token="s3cret-token"), open_storage(str(tmp_path / "volg.db")))

    async def sign_in() -> httpx.Response:
        transport = httpx.ASGITransport(app=create_app(service))
        async with httpx.AsyncClient(transport=transport, base_url="https://volg.example") as browser:
            csrf = csrf_of((await browser.get("/admin")).text)
            return await browser.post("/admin/login", data={"token": "s3cret-token", "csrf": csrf})

    signed_in = asyncio.run(sign_in())
    assert signed_in.status_code == 303 and "Secure" in signed_in.headers["set-cookie"]
    service.close()
