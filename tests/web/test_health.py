"""/healthz, /readyz and HEAD on every GET route, against a real server (tests/web/server.py)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from tests.web.server import serving

from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage
from volg.storage.sqlite.migrations import MIGRATIONS
from volg.web import create_app

ALL_MIGRATIONS = [name for name, _ in MIGRATIONS]
VARYING = {"date", "set-cookie"}  # the time of the answer, and a page's fresh CSRF cookie


def raw(base: str, method: str, path: str) -> tuple[int, dict[str, str], bytes]:
    """One request over a plain socket, read to the connection's end: what the server really sent after the head."""
    parts = urlsplit(base)
    assert parts.hostname and parts.port
    with socket.create_connection((parts.hostname, parts.port), timeout=20) as conn:
        conn.sendall(f"{method} {path} HTTP/1.1\r\nHost: volg.test\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), headers, body


@pytest.fixture
def topic_slug(browser_service: Service) -> str:
    return browser_service.topics()[0].slug


@pytest.mark.parametrize("path", ["/", "/topics/{slug}", "/topics/x", "/api/topics", "/api/topics/{slug}",
                                  "/api/nope", "/search?q=Maas", "/follow/{slug}", "/healthz", "/readyz",
                                  "/static/volg.css", "/nope"])
def test_head_answers_like_get_without_a_body(browser_site: str, topic_slug: str, path: str) -> None:
    path = path.format(slug=topic_slug)
    got_status, got_headers, got_body = raw(browser_site, "GET", path)
    status, headers, body = raw(browser_site, "HEAD", path)
    assert status == got_status != 405
    assert body == b""
    assert {k: v for k, v in headers.items() if k not in VARYING} == \
           {k: v for k, v in got_headers.items() if k not in VARYING}
    assert int(headers["content-length"]) == len(got_body) > 0
    assert ("set-cookie" in headers) == ("set-cookie" in got_headers)


def test_head_keeps_status_and_headers_of_pages_and_api(browser_site: str, topic_slug: str) -> None:
    assert raw(browser_site, "HEAD", "/")[0] == 200
    assert raw(browser_site, "HEAD", "/topics/x")[0] == 404
    status, headers, body = raw(browser_site, "HEAD", "/api/topics")
    assert (status, body) == (200, b"")
    assert headers["content-type"] == "application/json"
    assert headers["x-content-type-options"] == "nosniff"
    assert raw(browser_site, "HEAD", f"/topics/{topic_slug}")[1]["content-type"].startswith("text/html")


def test_healthz_is_json_and_never_cached(browser_site: str) -> None:
    answer = httpx.get(f"{browser_site}/healthz")
    assert answer.status_code == 200 and answer.json() == {"status": "ok"}
    assert answer.headers["content-type"] == "application/json"
    assert answer.headers["cache-control"] == "no-store"


def test_readyz_on_a_migrated_database(browser_site: str) -> None:
    answer = httpx.get(f"{browser_site}/readyz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "database": "ok", "migrations": "current"}
    assert answer.headers["cache-control"] == "no-store"


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[tuple[Service, str]]:
    """A server over a new database file that was opened but never migrated."""
    service = Service(Settings(rate_limit_api="1/minute"), open_storage(str(tmp_path / "volg.db"), migrate=False))
    with serving(create_app(service)) as base:
        yield service, base
    service.close()


def test_readyz_says_which_migrations_are_missing_until_migrated(fresh: tuple[Service, str]) -> None:
    service, base = fresh
    answer = httpx.get(f"{base}/readyz")
    assert answer.status_code == 503
    assert answer.headers["content-type"] == "application/json"
    body = answer.json()
    assert body["status"] == "unavailable" and body["database"] == "ok" and body["migrations"] == "pending"
    assert body["pending"] == ALL_MIGRATIONS
    assert httpx.get(f"{base}/healthz").status_code == 200  # alive all the same: the database is not its business

    service.storage.migrate()
    assert httpx.get(f"{base}/readyz").status_code == 200

    with service.storage.transaction():  # as if this volg had been upgraded but not yet migrated
        service.storage._run("DELETE FROM migrations WHERE name = ?", (ALL_MIGRATIONS[-1],))  # type: ignore[attr-defined]
    answer = httpx.get(f"{base}/readyz")
    assert answer.status_code == 503 and answer.json()["pending"] == [ALL_MIGRATIONS[-1]]
    assert "volg migrate" in answer.json()["hint"]


def test_readyz_refuses_a_database_a_newer_volg_migrated(fresh: tuple[Service, str]) -> None:
    service, base = fresh
    service.storage.migrate()
    with service.storage.transaction():
        service.storage._run("INSERT INTO migrations VALUES ('9999_from_the_future', datetime('now'))")  # type: ignore[attr-defined]
    answer = httpx.get(f"{base}/readyz")
    assert answer.status_code == 503
    assert answer.json()["migrations"] == "newer" and answer.json()["unknown"] == ["9999_from_the_future"]


def test_readyz_when_the_database_does_not_answer(fresh: tuple[Service, str]) -> None:
    service, base = fresh
    service.storage.close()  # every query now fails
    answer = httpx.get(f"{base}/readyz")
    assert answer.status_code == 503
    assert answer.json() == {"status": "unavailable", "database": "unreachable"}
    assert service.storage.path not in answer.text  # type: ignore[attr-defined]  # the log has it, not the body
    assert httpx.get(f"{base}/healthz").json() == {"status": "ok"}


def test_health_checks_are_not_rate_limited(fresh: tuple[Service, str]) -> None:
    service, base = fresh
    service.storage.migrate()
    with httpx.Client(base_url=base) as client:
        assert client.get("/api/topics").status_code == 200
        assert client.get("/api/topics").status_code == 429  # rate_limit_api is 1/minute here
        for _ in range(5):
            assert client.get("/healthz").status_code == 200
            assert client.get("/readyz").status_code == 200
            assert client.head("/readyz").status_code == 200

