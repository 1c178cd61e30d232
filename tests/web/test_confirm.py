"""Double opt-in on a real server with a real SMTP server: a subscription with an email address made on the public
form gets one mail, the link that confirms it, and nothing else until its reader confirms; unconfirmed ones lapse
and are deleted; one address gets a few confirmation mails a day, whoever asks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from tests.mailsink import MailSink
from tests.test_delivery import Clock
from tests.web.server import serving

from volg import demo
from volg.readers import CONFIRM_HOURS
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage
from volg.web import create_app

AT = datetime(2026, 11, 17, 12, 30, tzinfo=UTC)  # the demo's 13:00 Amsterdam digest is due
FORM = {"times": "13:00", "tz": "Europe/Amsterdam", "max_items": "3", "email": "lezer@example.nl"}


@pytest.fixture
def sink() -> Iterator[MailSink]:
    with MailSink() as running:
        yield running


@pytest.fixture
def clock() -> Clock:
    return Clock(AT)


@pytest.fixture
def service(tmp_path: Path, sink: MailSink, clock: Clock) -> Iterator[Service]:
    settings = Settings(smtp_url=sink.url, base_url="https://volg.example.org", mail_from="volg <d@volg.example.org>",
                        rate_limit_confirm="3/day", api_token="s3cret-token")
    svc = Service(settings, open_storage(str(tmp_path / "volg.db")), clock=clock)
    svc.add_topic("Hoogwater", "hoogwater OR Maas OR flood")
    list(svc.ingest_bytes(demo.stream_bytes(), "stream.jsonl"))
    yield svc
    svc.close()


@pytest.fixture
def browser(service: Service) -> Iterator[httpx.Client]:
    with serving(create_app(service)) as base, httpx.Client(base_url=base) as client:
        yield client


def follow(browser: httpx.Client, **fields: str) -> httpx.Response:
    csrf = re.search(r'name="csrf" value="([^"]+)"', browser.get("/follow/hoogwater").text)
    assert csrf is not None
    return browser.post("/follow/hoogwater", data=FORM | fields | {"csrf": csrf[1]})


def confirm_path(sink: MailSink, n: int = -1) -> str:
    found = re.search(r"https://volg\.example\.org(/confirm/\S+)", sink.messages[n].get_content())
    assert found is not None
    return found[1]


def test_a_public_follow_mails_only_the_link_until_its_reader_confirms(
        browser: httpx.Client, service: Service, sink: MailSink) -> None:
    asked = follow(browser)
    assert asked.status_code == 200 and "Bijna klaar" in asked.text and "lezer@example.nl" in asked.text
    [sub] = service.subscriptions()
    assert not sub.confirmed and len(sink.messages) == 1
    letter = sink.messages[0]
    assert letter["To"] == "lezer@example.nl" and letter["Subject"] == "Bevestig: volg Hoogwater"
    assert letter["Content-Language"] == "nl" and f"{CONFIRM_HOURS} uur" in letter.get_content()
    # a digest is due, but an unconfirmed reader gets nothing, and has no feed or manage page yet
    assert service.compose_due(now=AT) == [] and service.deliver() == [] and len(sink.messages) == 1
    assert browser.get(f"/feeds/{sub.token}.atom").status_code == 404
    assert browser.get(f"/manage/{service.reader_token(sub)}").status_code == 404
    # the link shows a button (a mail scanner's GET confirms nothing); the button confirms
    path = confirm_path(sink)
    page = browser.get(path)
    assert page.status_code == 200 and "Bevestigen" in page.text and not service.subscriptions()[0].confirmed
    done = browser.post(path)
    assert done.status_code == 200 and "Je volgt dit onderwerp" in done.text
    assert service.subscriptions()[0].confirmed and browser.post(path).status_code == 200  # twice: no harm
    # now the digest goes out, by mail
    assert len(service.compose_due(now=AT)) == 1
    [sent] = service.deliver()
    assert sent.error is None and len(sink.messages) == 2 and sink.messages[1]["Subject"].startswith("Hoogwater: ")


def test_the_follow_form_keeps_a_channel_whose_host_does_not_resolve_and_says_so(
        browser: httpx.Client, service: Service, sink: MailSink) -> None:
    """One rule with `volg subscribe` and the API (docs/delivery.md): the reader's email and feed are not lost over a
    webhook host that does not resolve now (.invalid never does, RFC 2606); the page names it."""
    asked = follow(browser, webhook="https://hooks.example.invalid/volg?key=geheim")
    assert asked.status_code == 200 and "Bijna klaar" in asked.text and len(sink.messages) == 1
    assert 'role="alert">Let op: hooks.example.invalid is nu niet te vinden (https://hooks.example.invalid/volg).' in (
        asked.text) and "geheim" not in asked.text
    [sub] = service.subscriptions()
    assert (sub.email, sub.webhooks) == ("lezer@example.nl", ("https://hooks.example.invalid/volg?key=geheim",))
    made = follow(browser, email="", push="json://push.example.invalid/notify")
    assert made.status_code == 200 and "Je volgt dit onderwerp" in made.text
    assert "Let op: push.example.invalid is nu niet te vinden (json://push.example.invalid/notify)." in made.text
    english = browser.post("/follow/hoogwater", headers={"Accept-Language": "en"}, data=FORM | {
        "email": "", "webhook": "https://hooks.example.invalid/volg",
        "csrf": browser.cookies["volg_csrf"]})
    assert "Note: hooks.example.invalid cannot be found now" in english.text
    assert len(service.subscriptions()) == 3
    # a host that is wrong, not merely unknown, is refused, and nothing is made
    refused = follow(browser, email="", webhook="http://127.0.0.1:8000/hook")
    assert refused.status_code == 400 and "loopback" in refused.text and len(service.subscriptions()) == 3


def test_an_unconfirmed_subscription_lapses_and_is_deleted(
        browser: httpx.Client, service: Service, sink: MailSink, clock: Clock) -> None:
    follow(browser)
    path = confirm_path(sink)
    clock.now = AT + timedelta(hours=CONFIRM_HOURS + 1)
    lapsed = browser.post(path)
    assert lapsed.status_code == 404 and "has lapsed" in lapsed.text
    service.compose_due(now=clock.now)
    assert service.subscriptions() == []
    assert browser.get(path).status_code == 404
    assert browser.get(path[:-3] + "xyz").status_code == 404  # an altered link


def test_one_address_gets_a_few_confirmation_mails_a_day_whoever_asks(
        browser: httpx.Client, service: Service, sink: MailSink) -> None:
    assert [follow(browser).status_code for _ in range(3)] == [200, 200, 200]
    refused = follow(browser, email="LEZER@example.nl")
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    assert len(sink.messages) == 3 and len(service.subscriptions()) == 3
    assert follow(browser, email="ander@example.nl").status_code == 200


def test_when_the_mail_cannot_be_sent_nothing_is_kept(browser: httpx.Client, service: Service,
                                                      sink: MailSink) -> None:
    sink.refuse = "550 5.1.1 no such user"
    failed = follow(browser)
    assert failed.status_code == 503 and "kon niet worden verstuurd" in failed.text
    assert 'value="lezer@example.nl"' in failed.text  # the form keeps what was typed
    assert service.subscriptions() == []


def test_through_the_api_the_operator_says_whether_the_address_is_confirmed(
        browser: httpx.Client, service: Service, sink: MailSink) -> None:
    auth = {"Authorization": "Bearer s3cret-token"}
    pending = browser.post("/api/subscriptions", headers=auth, json={"topic": "hoogwater", "email": "a@example.nl"})
    assert pending.status_code == 201 and pending.json()["confirmed"] is False
    assert [m["To"] for m in sink.messages] == ["a@example.nl"]
    known = browser.post("/api/subscriptions", headers=auth,
                         json={"topic": "hoogwater", "email": "b@example.nl", "confirmed": True})
    assert known.status_code == 201 and known.json()["confirmed"] is True and len(sink.messages) == 1
