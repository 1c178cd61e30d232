"""`volg worker` processes and `volg run --workers` on one PostgreSQL database: a worker killed mid-poll loses
nothing and doubles nothing, the stories are those of one process, and racing composers compose a digest once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from tests.httpserver import Reply, TestServer
from tests.storage.backends import POSTGRES_URL, postgres_schema

from volg import demo
from volg.models import Status
from volg.pipeline.cluster.passages import passages
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage
from volg.workers import compose, connected, defer_cycle, deliver, install_schema

pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason="workers need PostgreSQL: set VOLG_TEST_POSTGRES_URL "
                                "(e.g. postgresql://postgres@127.0.0.1:5432/test)")

SRC = str(Path(__file__).resolve().parent.parent / "src")


def recent_stream() -> bytes:
    """The demo stream moved by whole days so that its last article was yesterday: digests composed now have news."""
    lines = [json.loads(line) for line in demo.stream_bytes().splitlines() if line.strip()]
    last = max(datetime.fromisoformat(line["published_at"]) for line in lines)
    shift = timedelta(days=(datetime.now(UTC).date() - last.date()).days - 1)
    for line in lines:
        line["published_at"] = (datetime.fromisoformat(line["published_at"]) + shift).isoformat()
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode()


def partition(service: Service) -> set[frozenset[str]]:
    """The stories as sets of (external id, section) passages, as tests/test_stories.py compares them."""
    by_id = {a.id: a.clean.external_id for a in service.articles()}
    return {frozenset(f"{by_id[a]}#{section}" for a, section in service.storage.passages_of_story(story.id))
            for story in service.storage.iter_stories()}


def start(url: str, log: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOLG_")} | {
        "VOLG_DATABASE": url, "VOLG_ALLOW_PRIVATE_URLS": "true", "VOLG_HOME": os.environ.get("VOLG_HOME", "/tmp"),
        "PYTHONPATH": SRC}
    with log.open("ab") as stderr:  # a file, not a pipe: a full pipe would block the process
        return subprocess.Popen([sys.executable, "-m", "volg", *args], env=env, stdout=subprocess.DEVNULL,
                                stderr=stderr)


def wait_for(check: Callable[[], bool], what: str, timeout_s: float = 90.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def value(url: str, sql: str) -> int:
    with psycopg.connect(url) as db:
        row = db.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


@pytest.fixture
def url() -> Iterator[str]:
    with postgres_schema() as schema_url:
        yield schema_url


def test_workers_share_the_work_and_survive_a_kill(url: str, tmp_path: Path) -> None:
    stream = recent_stream()
    with Service(Settings(), open_storage(str(tmp_path / "batch.db")), cluster_on_ingest=False) as batch:
        assert all(r.status is not Status.REJECTED for r in batch.ingest_bytes(stream, "stream.jsonl"))
        batch.catch_up()
        expected, expected_ids = partition(batch), {a.clean.external_id for a in batch.articles()}

    processes: list[subprocess.Popen[bytes]] = []
    with TestServer() as server:
        server.route("/stream.jsonl", Reply(body=stream, headers={"Content-Type": "application/x-ndjson"}))
        server.route("/hook", Reply(status=204), method="POST")
        settings = Settings(allow_private_urls=True)
        with Service(settings, open_storage(url), clusters=False) as svc:
            svc.add_source(server.url("/stream.jsonl"), every="1h")
            for name, query in demo.TOPICS:
                svc.add_topic(name, query)
        busy = "SELECT count(*) FROM procrastinate_jobs WHERE status IN ('todo', 'doing')"
        try:
            first = start(url, tmp_path / "killed.log", "worker", "--concurrency", "2")
            scheduler = start(url, tmp_path / "scheduler.log", "run", "--workers", "--every", "1")
            processes += [first, scheduler]
            stored = "SELECT count(*) FROM articles"
            wait_for(lambda: value(url, stored) >= 5, "the first articles")
            first.send_signal(signal.SIGKILL)  # mid-poll: its job stays `doing` until `recover` sees it is dead
            first.wait()
            assert value(url, stored) < len(expected_ids), "the worker finished polling before it was killed"
            processes += [start(url, tmp_path / f"{i}.log", "worker", "--concurrency", "2") for i in (2, 3)]
            wait_for(lambda: value(url, stored) == len(expected_ids)
                     and value(url, "SELECT max(last_change) FROM cluster_state")
                     == value(url, "SELECT max(changed) FROM articles"), "the others to finish the work")
            scheduler.send_signal(signal.SIGTERM)
            scheduler.wait(timeout=30)
            wait_for(lambda: value(url, busy) == 0, "the last cycle's jobs")

            # a reader subscribes; two composers race for its digest (no queueing lock), on the two workers
            with Service(settings, open_storage(url), clusters=False) as svc:
                sub = svc.subscribe("hoogwater", times=("00:00", "06:00", "12:00", "18:00"), tz="UTC",
                                    webhooks=[server.url("/hook")])
            with connected(url) as queue, queue.open():
                compose.defer()
                compose.defer()
                wait_for(lambda: value(url, busy) == 0, "the composers")
                deliver.defer()
                wait_for(lambda: value(url, busy) == 0, "the sender")
        finally:
            for process in processes:
                process.send_signal(signal.SIGTERM)
            for process in processes:
                process.wait(timeout=30)
        logs = {log.name: log.read_text() for log in tmp_path.glob("*.log")}
        assert [p.returncode for p in processes] == [-signal.SIGKILL, 0, 0, 0], logs
        hooks = [r for r in server.requests if r.path == "/hook"]

    with Service(Settings(), open_storage(url), clusters=False) as svc:
        articles = svc.articles()
        external = [a.clean.external_id for a in articles]
        assert len(external) == len(set(external)) and set(external) == expected_ids  # once each, none lost
        assigned = {(a, s) for story in svc.storage.iter_stories() for a, s in svc.storage.passages_of_story(story.id)}
        assert assigned == {(p.article_id, p.section) for a in articles for p in passages(a)}  # each passage once
        assert partition(svc) == expected
        digests = value(url, f"SELECT count(*) FROM digests WHERE subscription_id = {sub.id}")
        assert digests == 1  # (subscription, scheduled time) is the digests' key: the second composer found it done
        assert len(hooks) == digests  # each digest's webhook sent once
        assert value(url, "SELECT count(*) FROM procrastinate_jobs WHERE status = 'failed'") == 0


def test_a_cycle_gives_each_live_worker_a_share_of_composing_and_sending(url: str) -> None:
    install_schema(url)
    with psycopg.connect(url) as db:  # three workers alive, one silent for an hour (dead)
        db.execute("INSERT INTO procrastinate_workers (last_heartbeat) VALUES (now()), (now()), (now()),"
                   " (now() - interval '1 hour')")
    with Service(Settings(database=url), open_storage(url), clusters=False) as svc, connected(url) as queue, \
            queue.open():
        defer_cycle(svc)
        defer_cycle(svc)  # the jobs still wait: nothing is deferred twice
    with psycopg.connect(url) as db:
        jobs = db.execute("SELECT task_name, queueing_lock, args FROM procrastinate_jobs ORDER BY id").fetchall()
    composing = sorted((lock, args) for task, lock, args in jobs if task.endswith(".compose"))
    assert composing == [(f"compose-{k}", {"share": k, "shares": 3}) for k in range(3)]
    assert sorted(lock for task, lock, _ in jobs if task.endswith(".deliver")) == [f"deliver-{k}" for k in range(3)]
    assert sorted(lock for task, lock, _ in jobs if not task.endswith((".compose", ".deliver"))) == [
        "cluster", "recover"]
