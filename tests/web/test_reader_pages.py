"""The pages behind a digest's links, served by a real uvicorn server on loopback: manage, one-click
unsubscribe (RFC 8058), the Atom feed."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import httpx
import pytest
import uvicorn
from tests.mailsink import free_port

from volg import demo
from volg.models import Subscription
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage
from volg.web import create_app

COMPOSE_AT = datetime(2026, 11, 17, 12, 30, tzinfo=UTC)


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    svc = Service(Settings(base_url="http://volg.test"), open_storage(str(tmp_path / "volg.db")),
                  clock=lambda: COMPOSE_AT)
    svc.add_topic("Hoogwater", "hoogwater OR Maas OR flood")
    list(svc.ingest_bytes(demo.stream_bytes(), "stream.jsonl"))
    yield svc
    svc.close()


@pytest.fixture
def client(service: Service) -> Iterator[httpx.Client]:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(service), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers={"Accept-Language": "nl"}) as http:
        yield http
    server.should_exit = True
    thread.join(timeout=10)


def path_of(url: str) -> str:
    return url.removeprefix("http://volg.test")


def links(service: Service, sub: Subscription) -> tuple[str, str, str]:
    found = service.links(sub)
    return path_of(found.manage), path_of(found.unsubscribe), path_of(found.feed)


def test_manage_changes_hours_and_refuses_bad_ones(service: Service, client: httpx.Client) -> None:
    sub = service.subscribe("hoogwater", times=["08:00"], tz="Europe/Amsterdam")
    manage, _, _ = links(service, sub)
    shown = client.get(manage)
    assert shown.status_code == 200 and "Abonnement beheren" in shown.text and "Hoogwater" in shown.text
    assert 'value="08:00"' in shown.text
    saved = client.post(manage, data={"action": "save", "times": "07:15, 21:00", "tz": "Europe/Brussels",
                                      "max_items": "3"})
    assert saved.status_code == 200 and "Opgeslagen." in saved.text
    stored = service.subscription(sub.id or 0)
    assert (stored.times, stored.tz, stored.max_items) == (("07:15", "21:00"), "Europe/Brussels", 3)
    refused = client.post(manage, data={"times": "25:00", "tz": "Europe/Brussels", "max_items": "3"})
    assert refused.status_code == 400 and "25:00" in refused.text
    assert service.subscription(sub.id or 0).times == ("07:15", "21:00")
    english = client.get(manage, headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert "Manage your subscription" in english.text


def test_unsubscribe_needs_a_post_and_works_in_one_click(service: Service, client: httpx.Client) -> None:
    sub = service.subscribe("hoogwater")
    _, unsubscribe, _ = links(service, sub)
    asked = client.get(unsubscribe)
    assert asked.status_code == 200 and 'method="post"' in asked.text
    assert service.subscription(sub.id or 0).active, "a GET (a mail scanner following the link) changes nothing"
    done = client.post(unsubscribe, data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and "afgemeld" in done.text
    assert not service.subscription(sub.id or 0).active
    assert service.compose_due(now=COMPOSE_AT) == []


def test_forged_and_unknown_links_are_404(service: Service, client: httpx.Client) -> None:
    sub = service.subscribe("hoogwater")
    manage, unsubscribe, feed = links(service, sub)
    assert client.get(manage[:-2] + "zz").status_code == 404
    assert client.post(unsubscribe[:-2] + "zz").status_code == 404
    assert service.subscription(sub.id or 0).active
    assert client.get("/feeds/not-a-token.atom").status_code == 404


def test_feed_is_served_as_atom(service: Service, client: httpx.Client) -> None:
    sub = service.subscribe("hoogwater")
    service.compose_due(now=COMPOSE_AT)
    _, _, feed = links(service, sub)
    served = client.get(feed)
    assert served.status_code == 200 and served.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(served.content)
    assert parsed.version == "atom10" and len(parsed.entries) == 1


def test_manage_pauses_and_resumes(service: Service, client: httpx.Client) -> None:
    sub = service.subscribe("hoogwater", times=["08:00"])
    manage, _, _ = links(service, sub)
    paused = client.post(manage, data={"action": "unsubscribe"})
    assert paused.status_code == 200 and "Gepauzeerd" in paused.text and "Weer aanzetten" in paused.text
    assert not service.subscription(sub.id or 0).active
    resumed = client.post(manage, data={"action": "save", "times": "08:00", "tz": "Europe/Amsterdam",
                                        "max_items": "5"})
    assert resumed.status_code == 200 and "Pauzeren" in resumed.text
    assert service.subscription(sub.id or 0).active


def test_manage_shows_and_changes_the_channels(service: Service, client: httpx.Client) -> None:
    sub = service.subscribe("hoogwater", email="lezer@example.nl", push=["ntfy://volg-maas"],
                            webhooks=["https://hooks.example.org/volg"])
    manage, _, _ = links(service, sub)
    shown = client.get(manage).text
    assert "lezer@example.nl" in shown and "ntfy://volg-maas" in shown and "https://hooks.example.org/volg" in shown
    form = {"action": "save", "times": "08:00", "tz": "Europe/Amsterdam", "max_items": "5"}
    form["channels"] = "1"  # the form has the channel fields
    refused = client.post(manage, data={**form, "push": "ntfy://volg-maas\nnot-a-service://x", "webhooks": ""})
    assert refused.status_code == 400 and "not-a-service" in refused.text
    assert service.subscription(sub.id or 0).push == ("ntfy://volg-maas",), "nothing saved from a refused form"
    saved = client.post(manage, data={**form, "push": "ntfy://volg-maas\n\nntfy://volg-rijn", "webhooks": "",
                                      "drop_email": "1"})
    assert saved.status_code == 200 and "Opgeslagen." in saved.text
    stored = service.subscription(sub.id or 0)
    assert (stored.email, stored.push, stored.webhooks) == (None, ("ntfy://volg-maas", "ntfy://volg-rijn"), ())
    unknown = client.post(manage, data={**form, "push": "ntfy://volg-maas", "webhooks": "https://hooks.example.invalid/v"})
    assert unknown.status_code == 200 and "hooks.example.invalid" in unknown.text  # kept, and the reader told
    assert service.subscription(sub.id or 0).webhooks == ("https://hooks.example.invalid/v",)
    hours_only = {key: value for key, value in form.items() if key != "channels"}  # an older form, or the API's
    assert client.post(manage, data={**hours_only, "times": "09:00"}).status_code == 200
    assert service.subscription(sub.id or 0).push == ("ntfy://volg-maas",), "channels left as they were"
