"""Delivery from the command line, as real processes: volg subscribe, deliver, deliveries, feed, unsubscribe, run,
and the demo's digests by email and Atom."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import pytest
from tests.httpserver import Reply, TestServer
from tests.mailsink import MailSink
from tests.streams import shifted_stream

from volg import demo
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage

COMPOSE_AT = datetime(2026, 11, 17, 12, 30, tzinfo=UTC)  # the demo's 13:00 Amsterdam digest is due


def volg(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "volg", *args], env=env, capture_output=True, text=True, timeout=600)


def environment(home: Path, **settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOLG_")}
    return env | {"VOLG_HOME": str(home)} | {f"VOLG_{k.upper()}": v for k, v in settings.items()}


def test_demo_emails_its_reader_and_writes_the_feed(tmp_path: Path) -> None:
    with MailSink() as sink:
        done = volg("demo", "--no-serve", env=environment(tmp_path, smtp_url=sink.url))
    assert done.returncode == 0, done.stderr
    feed = feedparser.parse((tmp_path / "demo-feed.atom").read_bytes())
    assert feed.version == "atom10" and not feed.bozo and len(feed.entries) >= 4
    assert len(sink.messages) == len(feed.entries)
    assert {m["To"] for m in sink.messages} == {"lezer@demo.volg.example"}
    assert f"{len(feed.entries)} of {len(feed.entries)} digests" in done.stdout


def test_subscribe_deliver_list_retry_feed_unsubscribe(tmp_path: Path, http_server: TestServer) -> None:
    http_server.route("/hook", Reply(status=204), method="POST")
    http_server.route("/gone", Reply(status=410), method="POST")
    http_server.route("/notify", Reply(status=200), method="POST")
    stream = tmp_path / "stream.jsonl"
    stream.write_bytes(shifted_stream(datetime.now(UTC) - timedelta(hours=2)))
    with MailSink() as sink:
        env = environment(tmp_path, smtp_url=sink.url, allow_private_urls="true")
        assert volg("ingest", str(stream), env=env).returncode == 0
        assert volg("topics", "add", "Storm", "--query", "Wendela OR storm", env=env).returncode == 0
        refused = volg("subscribe", "--topic", "storm", "--email", "lezer@@example.nl", env=env)
        assert refused.returncode == 2 and "not a valid email address" in refused.stderr
        assert "Traceback" not in refused.stderr
        made = volg("subscribe", "--topic", "storm", "--at", ",".join(f"{h:02d}:00" for h in range(24)),
                    "--tz", "UTC", "--email", "lezer@example.nl", "--webhook", http_server.url("/hook"),
                    "--webhook", http_server.url("/gone"),
                    "--push", http_server.url("/notify").replace("http://", "json://"), env=env)
        assert made.returncode == 0, made.stderr
        assert "feed:   http://127.0.0.1:8000/feeds/" in made.stdout and "webhook secret" in made.stdout

        sent = volg("deliver", env=env)
        assert sent.returncode == 1, "a delivery failed for good (410 Gone)"
        assert "1 digest composed" in sent.stderr and "failed #" in sent.stderr and "410" in sent.stderr
        assert sent.stdout.count("sent #") == 3
        assert len(sink.messages) == 1 and len(http_server.requests) == 3

        listed = volg("deliveries", env=env)
        assert listed.returncode == 0 and listed.stdout.count(" sent ") == 3 and "failed" in listed.stdout
        rows = [json.loads(line) for line in volg("deliveries", "--failed", "--json", env=env).stdout.splitlines()]
        assert [(r["channel"], r["status"]) for r in rows] == [("webhook", "failed")]
        push = next(json.loads(line) for line in volg("deliveries", "--json", env=env).stdout.splitlines()
                    if json.loads(line)["channel"] == "push")
        assert push["target"].startswith("json://127.0.0.1")

        http_server.route("/gone", Reply(status=204), method="POST")  # the receiver is back
        retried = volg("deliveries", "retry", str(rows[0]["id"]), env=env)
        assert retried.returncode == 0 and "sent #" in retried.stdout
        assert volg("deliveries", "--failed", env=env).stderr.strip() == "no failed deliveries"
        assert volg("deliver", env=env).returncode == 0 and len(sink.messages) == 1, "nothing twice"

        listed = volg("subscriptions", env=env)
        assert listed.returncode == 0 and listed.stdout.startswith("#1    storm")
        assert "lezer@example.nl" in listed.stdout
        assert "json://127.0.0.1" in listed.stdout and "/hook" in listed.stdout and "/feeds/" in listed.stdout
        [row] = [json.loads(line) for line in volg("subscriptions", "--json", env=env).stdout.splitlines()]
        assert row["id"] == 1 and "secret" not in row and "token" not in row and row["feed"].endswith(".atom")

        feed_file = tmp_path / "feed.atom"
        assert volg("feed", "1", "-o", str(feed_file), env=env).returncode == 0
        assert len(feedparser.parse(feed_file.read_bytes()).entries) == 1

        link = sink.messages[0]["List-Unsubscribe"].strip().strip("<>")
        stopped = volg("unsubscribe", link, env=env)
        assert stopped.returncode == 0 and "stopped" in stopped.stdout
        forged = volg("unsubscribe", link[:-3] + "abc", env=env)
        assert forged.returncode == 2 and "not valid" in forged.stderr


def test_a_digest_whose_reader_unsubscribed_before_it_went_out_is_cancelled_not_failed(tmp_path: Path) -> None:
    with MailSink() as sink:
        database = str(tmp_path / "volg.db")
        env = environment(tmp_path, smtp_url=sink.url, database=database)
        service = Service(Settings(smtp_url=sink.url), open_storage(database), clock=lambda: COMPOSE_AT)
        service.add_topic("Hoogwater", "hoogwater OR Maas")
        list(service.ingest_bytes(demo.stream_bytes(), "stream.jsonl"))
        sub = service.subscribe("hoogwater", email="lezer@example.nl")
        assert service.compose_due(now=COMPOSE_AT)
        service.unsubscribe(service.reader_token(sub))  # before `volg deliver` runs
        service.close()
        sent = volg("deliver", env=env)
        assert sent.returncode == 0, sent.stderr  # an unsubscribe is no failure
        assert "cancelled #1 email lezer@example.nl" in sent.stdout and "the reader unsubscribed" in sent.stdout
        assert sink.messages == []
        listed = volg("deliveries", "--json", env=env)
        [row] = [json.loads(line) for line in listed.stdout.splitlines()]
        assert row["status"] == "cancelled" and row["attempts"] == 0


def test_an_email_reader_without_an_smtp_server_is_warned_of_and_deliver_says_so(tmp_path: Path) -> None:
    database = str(tmp_path / "volg.db")
    env = environment(tmp_path, database=database)
    service = Service(Settings(), open_storage(database), clock=lambda: COMPOSE_AT)
    service.add_topic("Hoogwater", "hoogwater OR Maas")
    list(service.ingest_bytes(demo.stream_bytes(), "stream.jsonl"))
    service.close()
    made = volg("subscribe", "--topic", "hoogwater", "--email", "lezer@example.nl", env=env)
    assert made.returncode == 0 and "warning: no SMTP server is set" in made.stderr and "VOLG_SMTP_URL" in made.stderr
    with Service(Settings(), open_storage(database), clock=lambda: COMPOSE_AT) as composer:
        assert composer.compose_due(now=COMPOSE_AT)
    sent = volg("deliver", env=env)
    assert sent.returncode == 1 and "no SMTP server is configured" in sent.stderr  # waits for the setting
    rows = [json.loads(line) for line in volg("deliveries", "--json", env=env).stdout.splitlines()]
    assert rows and {row["status"] for row in rows} == {"pending"}  # set VOLG_SMTP_URL and the next run sends them


@pytest.mark.parametrize("private", ["false", "true"])
def test_a_host_that_does_not_resolve_is_kept_with_a_warning_on_every_channel_and_source(
        tmp_path: Path, private: str) -> None:
    """One rule for a host that does not resolve now (docs/delivery.md), on a public instance and a private one: the
    subscription keeps all its channels and the source is added, and one line names each such host. A host under
    .invalid never resolves (RFC 2606), so this needs no network."""
    env = environment(tmp_path, allow_private_urls=private)
    assert volg("topics", "add", "Hoogwater", "--query", "Maas", env=env).returncode == 0
    made = volg("subscribe", "--topic", "hoogwater", "--email", "lezer@example.nl",
                "--push", "json://push.example.invalid/notify?token=geheim",
                "--webhook", "https://hooks.example.invalid/volg?key=geheim", env=env)
    assert made.returncode == 0 and "Traceback" not in made.stderr and made.stdout.startswith("subscription #1:")
    assert [line for line in made.stderr.splitlines() if "resolve" in line] == [
        "warning: push json://push.example.invalid/notify: host push.example.invalid does not resolve now; kept, "
        "and looked up again at every send",
        "warning: webhook https://hooks.example.invalid/volg: host hooks.example.invalid does not resolve now; kept, "
        "and looked up again at every send"]
    assert "geheim" not in made.stderr, "a push token or webhook key is not shown"
    [sub] = [json.loads(line) for line in volg("subscriptions", "--json", env=env).stdout.splitlines()]
    assert (sub["email"], sub["push"], sub["webhooks"]) == (
        "lezer@example.nl", ["json://push.example.invalid/notify"], ["https://hooks.example.invalid/volg"])

    if private == "false":  # a host that is wrong, not merely unknown, still refuses the whole command
        refused = volg("subscribe", "--topic", "hoogwater", "--email", "ander@example.nl", "--webhook",
                       "https://hooks.example.invalid/volg", "--webhook", "http://127.0.0.1:8000/x", env=env)
        assert refused.returncode == 2 and "Traceback" not in refused.stderr
        assert refused.stderr.startswith("error: webhook http://127.0.0.1:8000/x: refused, resolves to a loopback")
        assert "does not resolve" not in refused.stderr, "nothing was made, so nothing is warned of"
        assert len(volg("subscriptions", "--json", env=env).stdout.splitlines()) == 1

    added = volg("sources", "add", "https://feed.example.invalid/rss", "--name", "Nergens", env=env)
    assert added.returncode == 0 and added.stdout.startswith("source #1: Nergens")
    assert added.stderr == ("warning: source https://feed.example.invalid/rss: host feed.example.invalid does not "
                            "resolve now; kept, and looked up again at every poll\n")
    opml = tmp_path / "feeds.opml"
    opml.write_text('<?xml version="1.0"?><opml version="2.0"><body>'
                    '<outline type="rss" text="Ook nergens" xmlUrl="https://other.example.invalid/feed"/>'
                    '<outline type="rss" text="Hier" xmlUrl="http://93.184.215.14/feed"/></body></opml>',
                    encoding="utf-8")
    imported = volg("sources", "import", str(opml), env=env)
    assert imported.returncode == 0 and imported.stdout.startswith("2 sources in")
    assert imported.stderr.count("does not resolve") == 1 and "other.example.invalid" in imported.stderr
    listed = [json.loads(line)["url"] for line in volg("sources", "list", "--json", env=env).stdout.splitlines()]
    assert listed == ["https://feed.example.invalid/rss", "https://other.example.invalid/feed", "http://93.184.215.14/feed"]


def test_run_delivers_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    stream = tmp_path / "stream.jsonl"
    stream.write_bytes(shifted_stream(datetime.now(UTC) - timedelta(hours=2)))
    with MailSink() as sink:
        env = environment(tmp_path, smtp_url=sink.url)
        assert volg("ingest", str(stream), env=env).returncode == 0
        assert volg("topics", "add", "Storm", "--query", "Wendela OR storm", env=env).returncode == 0
        hours = ",".join(f"{h:02d}:00" for h in range(24))
        assert volg("subscribe", "--topic", "storm", "--at", hours, "--tz", "UTC", "--email", "lezer@example.nl",
                    env=env).returncode == 0
        running = subprocess.Popen([sys.executable, "-m", "volg", "run", "--every", "1"], env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while not sink.messages and time.monotonic() < deadline and running.poll() is None:
            time.sleep(0.1)
        running.send_signal(signal.SIGTERM)
        stdout, stderr = running.communicate(timeout=30)
    assert running.returncode == 0, stderr
    assert len(sink.messages) == 1 and "INFO volg.run sent #1 email" in stderr and stdout == ""
    assert "stopping (SIGTERM)" in stderr and stderr.rstrip().endswith("stopped")
