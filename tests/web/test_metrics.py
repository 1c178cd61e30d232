"""/metrics against a real server: what the database holds, counted at the scrape, and this server's own
request latencies and polls; off unless the setting is on."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from tests.httpserver import Reply, TestServer
from tests.web.server import serving

from volg import demo
from volg.scheduler import run_cycle
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage
from volg.web import create_app

COMPOSE_AT = datetime(2026, 11, 17, 12, 30, tzinfo=UTC)  # the demo's 13:00 Amsterdam digest is due


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Each sample of an exposition by (name, labels)."""
    return {(s.name, frozenset(s.labels.items())): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def labelled(name: str, **labels: str) -> tuple[str, frozenset[tuple[str, str]]]:
    return name, frozenset(labels.items())


@pytest.fixture
def busy(tmp_path: Path, http_server: TestServer) -> Iterator[Service]:
    """A service that polled a failing source, composed one digest and delivered it to two webhooks, one of which
    refused it for good."""
    http_server.route("/feed.xml", Reply(status=503))
    http_server.route("/ok", Reply(status=200), method="POST")
    http_server.route("/gone", Reply(status=410), method="POST")
    svc = Service(Settings(metrics=True, allow_private_urls=True), open_storage(str(tmp_path / "volg.db")),
                  clock=lambda: COMPOSE_AT)
    svc.add_topic("Hoogwater", "hoogwater OR Maas OR flood")
    list(svc.ingest_bytes(demo.stream_bytes(), "stream.jsonl"))
    svc.add_source(http_server.url("/feed.xml"), name="Kapot Dagblad")
    svc.subscribe("hoogwater", webhooks=[http_server.url("/ok"), http_server.url("/gone")])
    yield svc
    svc.close()


def test_metrics_count_what_is_stored_and_what_this_server_did(busy: Service) -> None:
    app = create_app(busy)
    app.state.metrics.count_cycle(run_cycle(busy))  # as volg serve's scheduler reports each cycle
    counts = busy.storage.count()
    with serving(app) as base, httpx.Client(base_url=base, timeout=30) as http:
        assert http.get("/healthz").status_code == 200
        assert http.get("/manage/a-reader-token").status_code == 404
        time.sleep(0.2)  # a request is timed once its last byte is out, which the client may read sooner
        answer = http.get("/metrics")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/plain")
    assert "a-reader-token" not in answer.text
    got = samples(answer.text)
    assert got[labelled("volg_articles_ingested_total")] == counts["articles"] > 50
    assert got[labelled("volg_stories")] == counts["stories"] > 0
    assert got[labelled("volg_topics")] == 1 and got[labelled("volg_sources")] == 1
    assert got[labelled("volg_digests_composed_total")] == 1
    assert got[labelled("volg_deliveries", channel="webhook", status="sent")] == 1
    assert got[labelled("volg_deliveries", channel="webhook", status="failed")] == 1
    source = {"source_id": "1", "source": "Kapot Dagblad"}
    assert got[labelled("volg_source_consecutive_failures", **source)] == 1
    assert got[labelled("volg_source_last_status", **source)] == 503
    assert got[labelled("volg_source_last_poll_timestamp_seconds", **source)] == COMPOSE_AT.timestamp()
    assert got[labelled("volg_polls_total", **source, outcome="failed")] == 1
    latency = "volg_http_request_duration_seconds_count"
    assert got[labelled(latency, method="GET", route="/healthz", status="200")] == 1
    assert got[labelled(latency, method="GET", route="/manage/{token}", status="404")] == 1


def test_metrics_are_off_unless_enabled(tmp_path: Path) -> None:
    svc = Service(Settings(), open_storage(str(tmp_path / "volg.db")))
    app = create_app(svc)
    assert app.state.metrics is None
    with serving(app) as base:
        assert httpx.get(base + "/metrics", timeout=30).status_code == 404
    svc.close()


def test_metrics_with_a_token_answer_only_who_sends_it(tmp_path: Path) -> None:
    svc = Service(Settings(metrics=True, metrics_token="prom-s3cret"), open_storage(str(tmp_path / "volg.db")))
    with serving(create_app(svc)) as base, httpx.Client(base_url=base, timeout=30) as http:
        refused = http.get("/metrics")
        wrong = http.get("/metrics", headers={"Authorization": "Bearer prom-guess"})
        right = http.get("/metrics", headers={"Authorization": "Bearer prom-s3cret"})
    svc.close()
    assert refused.status_code == wrong.status_code == 401
    assert "metrics_token" in refused.text and refused.headers["www-authenticate"].startswith("Bearer")
    assert right.status_code == 200 and "volg_articles_ingested_total" in right.text
