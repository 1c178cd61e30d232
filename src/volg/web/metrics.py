"""Prometheus metrics at /metrics, when the setting `metrics` is on (docs/deploy.md#metrics).

volg's work is spread over processes: `volg serve`, `volg run`, cron's `volg deliver`, any number of `volg worker`
on other machines. A counter kept in one process's memory would miss the others' work and restart at zero with it.
So what volg stores is counted in the database when Prometheus scrapes, and is the same whichever server answers:
articles, versions, stories, topics, sources, digests composed, deliveries by channel and status, and each polled
source's health (consecutive failures, last poll, last HTTP status). Only what no table keeps is counted in this
process: its request latencies and the polls its own scheduler made.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from typing import Any, Protocol

from fastapi import FastAPI, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from volg.scheduler import Cycle
from volg.service import Service


class _Queryable(Protocol):
    """Both storages' read of volg's own SQL. The aggregates here have no method in the storage contract, and
    they are plain SQL that SQLite and PostgreSQL read alike."""

    def _query(self, sql: str) -> list[Any]: ...


def _rows(service: Service, sql: str) -> list[Any]:
    storage: _Queryable = service.storage  # type: ignore[assignment]
    return storage._query(sql)


class StoredFacts(Collector):
    """Counts read from the database at each scrape."""

    def __init__(self, service: Service) -> None:
        self.service = service

    def collect(self) -> Iterator[Metric]:
        counts = self.service.storage.count()
        yield CounterMetricFamily("volg_articles_ingested", "Articles stored (each once, however often seen).",
                                  value=counts["articles"])
        yield CounterMetricFamily("volg_article_versions", "Versions of articles stored (edits included).",
                                  value=counts["versions"])
        yield GaugeMetricFamily("volg_stories", "Stories (not merged into another).", value=counts["stories"])
        yield GaugeMetricFamily("volg_topics", "Topics defined.", value=counts["topics"])
        yield GaugeMetricFamily("volg_sources", "Sources polled.", value=counts["sources"])
        digests = _rows(self.service, "SELECT COUNT(*) AS n FROM digests")[0]["n"]
        yield CounterMetricFamily("volg_digests_composed", "Digests composed.", value=digests)
        yield self._deliveries()
        yield from self._sources()

    def _deliveries(self) -> Metric:
        family = GaugeMetricFamily("volg_deliveries", "Deliveries (a digest on one channel) by channel and status: "
                                   "pending, sending, sent, failed, cancelled.", labels=["channel", "status"])
        for row in _rows(self.service, "SELECT channel, status, COUNT(*) AS n FROM deliveries GROUP BY channel, "
                                       "status ORDER BY channel, status"):
            family.add_metric([row["channel"], row["status"]], row["n"])
        return family

    def _sources(self) -> Iterator[Metric]:
        labels = ["source_id", "source"]
        failures = GaugeMetricFamily("volg_source_consecutive_failures",
                                     "Polls of the source that failed since its last good one.", labels=labels)
        last = GaugeMetricFamily("volg_source_last_poll_timestamp_seconds", "When the source was last polled.",
                                 labels=labels)
        status = GaugeMetricFamily("volg_source_last_status", "HTTP status of the source's last poll (0: no answer).",
                                   labels=labels)
        for source in self.service.storage.list_sources():
            key = [str(source.id), source.name]
            failures.add_metric(key, source.failures)
            if source.last_polled_at is not None:
                last.add_metric(key, source.last_polled_at.timestamp())
                status.add_metric(key, source.last_status or 0)
        yield from (failures, last, status)


class Metrics:
    """One server's registry: the stored facts, its request latencies and its scheduler's polls."""

    def __init__(self, service: Service) -> None:
        self.registry = CollectorRegistry()
        self.registry.register(StoredFacts(service))
        self.requests = Histogram("volg_http_request_duration_seconds", "Time to answer a request, by route.",
                                  ["method", "route", "status"], registry=self.registry)
        self.polls = Counter("volg_polls", "Polls this server's scheduler made, by source and outcome (ok, "
                             "not_modified, failed).", ["source_id", "source", "outcome"], registry=self.registry)

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        self.requests.labels(method, route, str(status)).observe(seconds)

    def count_cycle(self, cycle: Cycle) -> None:
        """Count the polls of one scheduler cycle."""
        for outcome in cycle.polled:
            result = "failed" if outcome.error else "not_modified" if outcome.not_modified else "ok"
            self.polls.labels(str(outcome.source.id), outcome.source.name, result).inc()

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


def install_metrics(app: FastAPI, metrics: Metrics, token: str = "") -> None:
    """Answer GET /metrics with `metrics` in Prometheus' text format; with a `token`, only to a request that sends
    it (Authorization: Bearer TOKEN), compared in constant time."""

    @app.get("/metrics", include_in_schema=False)
    def scrape(request: Request) -> Response:  # a thread of its own: the database is read
        if token:
            scheme, _, sent = request.headers.get("authorization", "").partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(sent.strip().encode(), token.encode()):
                asked = {"WWW-Authenticate": 'Bearer realm="volg metrics"', "Cache-Control": "no-store"}
                return Response("metrics need the token set as metrics_token (Authorization: Bearer ...)\n",
                                status_code=401, media_type="text/plain", headers=asked)
        return Response(metrics.exposition(), media_type=CONTENT_TYPE_LATEST, headers={"Cache-Control": "no-store"})
