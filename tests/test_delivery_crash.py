"""The outbox keeps its word through crashes: a real sender process (`volg deliver`) is killed with SIGKILL at
random moments, over and over, while it composes and sends digests to a real SMTP server and a real webhook
receiver; then it runs to the end once. Nothing may be lost. A message may reach a receiver twice only when the
sender died between the receiver taking it and the sender recording that, and then it carries the same
Message-ID or Idempotency-Key, so the receiver can tell; the webhook receiver here ignores such replays, as the
docs tell receivers to. A kill spends at most the one attempt it interrupted: a claimed batch is not an attempt."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from tests.httpserver import Reply, Request, TestServer
from tests.mailsink import MailSink
from tests.streams import shifted_stream

from volg.models import DeliveryStatus
from volg.pipeline.deliver import verify_webhook
from volg.serialize import digest_from_json
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage

KILLS = 50
READERS = 60  # each with an email address and a webhook: 120 deliveries
HOURLY = [f"{hour:02d}:00" for hour in range(24)]
RECEIVER_DELAY_S = 0.04  # each receiver takes this long per message, so kills land mid-batch
DELIVER = [sys.executable, "-m", "volg", "deliver"]


class WebhookReceiver:
    """Verifies each webhook's signature and processes each Idempotency-Key once, like a careful receiver."""

    def __init__(self, secrets: dict[str, str]) -> None:
        self.secrets = secrets  # path → the subscription's secret
        self.processed: Counter[str] = Counter()
        self.calls = 0
        self.replays = 0
        self.forged = 0
        self._lock = threading.Lock()

    def __call__(self, request: Request) -> Reply:
        with self._lock:
            self.calls += 1
        time.sleep(RECEIVER_DELAY_S)
        headers = dict(request.headers.items())
        if not verify_webhook(self.secrets[request.path], headers, request.body, now=time.time()):
            with self._lock:
                self.forged += 1
            return Reply(status=401)
        key = headers["Idempotency-Key"]
        with self._lock:
            if key in self.processed:
                self.replays += 1
            self.processed[key] += 1
        return Reply(status=204)


@pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")
def test_killed_sender_loses_nothing_and_doubles_nothing(tmp_path: Path, http_server: TestServer) -> None:
    rng = random.Random(20261125)
    database = tmp_path / "volg.db"
    with MailSink() as sink:
        sink.delay_s = RECEIVER_DELAY_S
        settings = Settings(smtp_url=sink.url, allow_private_urls=True, home=str(tmp_path))
        service = Service(settings, open_storage(str(database)))
        service.add_topic("Oekraïne", "Oekraïne OR Kharkiv OR Charkiv OR Kyiv OR Kiev OR Ukraine")
        list(service.ingest_bytes(shifted_stream(datetime.now(UTC) - timedelta(minutes=70)), "stream.jsonl"))
        receiver = WebhookReceiver({})
        add_readers(service, http_server, receiver, READERS)
        env = sender_env(tmp_path, database, sink)

        kills = mid_send = 0
        while kills < KILLS:
            child = subprocess.Popen(DELIVER, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            if rng.random() < 0.3:  # anywhere: starting, composing, claiming, sending
                wait_s = rng.uniform(0.0, 2.0)
            else:  # once this process is sending (however long starting took on a loaded machine), a bit later
                received = len(sink.messages) + receiver.calls
                deadline = time.monotonic() + 120
                while (len(sink.messages) + receiver.calls == received and child.poll() is None
                       and time.monotonic() < deadline):
                    time.sleep(0.005)
                wait_s = rng.uniform(0.0, 0.4)
            try:
                _, stderr = child.communicate(timeout=wait_s)
                assert child.returncode == 0, stderr.decode()
            except subprocess.TimeoutExpired:
                child.send_signal(signal.SIGKILL)
                child.communicate()
                kills += 1
                mid_send += bool(service.storage.list_deliveries(status=DeliveryStatus.SENDING))
            if len(service.storage.list_deliveries(status=DeliveryStatus.PENDING)) < READERS // 2:
                add_readers(service, http_server, receiver, READERS // 2)  # more work to be interrupted in
        service.close()

        final = subprocess.run(DELIVER, env=env, capture_output=True, timeout=300)
        assert final.returncode == 0, final.stderr.decode()

        check = Service(settings, open_storage(str(database)))
        digests = [digest_from_json(body) for sub in check.subscriptions()
                   for body in check.storage.list_digests(sub.id or 0)]
        deliveries = check.deliveries(latest=100_000)
        check.close()
        assert len(digests) == len(receiver.secrets), "every reader had one digest due"
        assert {d.status for d in deliveries} == {DeliveryStatus.SENT}
        assert len(deliveries) == 2 * len(digests)
        assert sum(d.attempts for d in deliveries) <= len(deliveries) + kills, "a kill spends one attempt at most"

        expected_ids = {f"<volg.{d.subscription_id}-{d.scheduled_at:%Y%m%dT%H%M%SZ}@localhost>" for d in digests}
        received = Counter(str(m["Message-ID"]) for m in sink.messages)
        assert set(received) == expected_ids, "every email arrived, and no other"
        expected_keys = {f"{d.subscription_id}-{d.scheduled_at:%Y%m%dT%H%M%SZ}" for d in digests}
        assert set(receiver.processed) == expected_keys, "every webhook arrived"
        assert receiver.forged == 0
        email_twice = sum(count - 1 for count in received.values())
        # a repeat needs a kill after the receiver took the message and before it was recorded
        assert email_twice + receiver.replays <= kills
        assert mid_send >= KILLS // 4, f"only {mid_send} of {kills} kills landed while deliveries were claimed"


@pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")
def test_a_sender_killed_with_a_batch_claimed_spends_only_the_attempt_in_flight(tmp_path: Path) -> None:
    database = tmp_path / "volg.db"
    with MailSink() as sink:
        sink.rcpt_delay_s = 60  # the first email is in flight, not yet taken, when its sender dies
        settings = Settings(smtp_url=sink.url, allow_private_urls=True, home=str(tmp_path))
        service = Service(settings, open_storage(str(database)))
        service.add_topic("Oekraïne", "Oekraïne OR Kharkiv OR Charkiv OR Kyiv OR Kiev OR Ukraine")
        list(service.ingest_bytes(shifted_stream(datetime.now(UTC) - timedelta(minutes=70)), "stream.jsonl"))
        for n in range(5):
            service.subscribe("oekraine", times=HOURLY, tz="UTC", email=f"lezer{n}@example.nl")
        env = sender_env(tmp_path, database, sink)
        child = subprocess.Popen(DELIVER, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            assert sink.rcpt_seen.wait(120), "the sender never reached the SMTP server"
        finally:
            child.send_signal(signal.SIGKILL)
            child.communicate()
        claimed = service.storage.list_deliveries()
        assert len(claimed) == 5 and {d.status for d in claimed} == {DeliveryStatus.SENDING}, "one batch claimed"
        assert sorted(d.attempts for d in claimed) == [0, 0, 0, 0, 1], "only the delivery in flight spent one"
        assert sink.messages == []

        sink.rcpt_delay_s = 0
        final = subprocess.run(DELIVER, env=env, capture_output=True, timeout=300)
        assert final.returncode == 0, final.stderr.decode()
        deliveries = service.storage.list_deliveries()
        service.close()
        assert {d.status for d in deliveries} == {DeliveryStatus.SENT}
        assert sorted(d.attempts for d in deliveries) == [1, 1, 1, 1, 2]
        assert len({m["Message-ID"] for m in sink.messages}) == len(sink.messages) == 5


def sender_env(home: Path, database: Path, sink: MailSink) -> dict[str, str]:
    """The environment of a `volg deliver` process: this test's database and SMTP server, no VOLG_ setting of
    the machine's."""
    return {k: v for k, v in os.environ.items() if not k.startswith("VOLG_")} | {
        "VOLG_HOME": str(home), "VOLG_DATABASE": str(database), "VOLG_SMTP_URL": sink.url,
        "VOLG_ALLOW_PRIVATE_URLS": "true", "VOLG_SEND_TIMEOUT_S": "10"}


def add_readers(service: Service, server: TestServer, receiver: WebhookReceiver, count: int) -> None:
    """`count` new readers, each with an email address and a webhook; their first digest is due now (the sender
    process composes it)."""
    for n in range(len(receiver.secrets), len(receiver.secrets) + count):
        path = f"/hook/{n}"
        sub = service.subscribe("oekraine", times=HOURLY, tz="UTC", email=f"lezer{n}@example.nl",
                                webhooks=[server.url(path)])
        receiver.secrets[path] = sub.secret
        server.route(path, receiver, method="POST")
