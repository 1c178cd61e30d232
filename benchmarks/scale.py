"""volg at scale on PostgreSQL: 1, 2 and 4 workers, many readers, and the clusterer's memory over a long stream.

    python -m benchmarks.scale [--workers 1,2,4] [--articles 2000] [--sources 8] [--subscriptions 10000]
                               [--replay 1000000] [--postgres postgresql://postgres@127.0.0.1:5432/test]

Needs PostgreSQL (`--postgres`, default `$VOLG_TEST_POSTGRES_URL` or the local one above), no data: the articles are
the bundled demo stream repeated with variations (new ids and URLs, each copy shifted by the stream's span in days,
numbers changed and some words, names and places swapped, so that no copy is a duplicate of another).

For each worker count, in a fresh schema (dropped afterwards): `volg migrate`, N `volg worker` processes
(`--concurrency 1`) and `volg run --workers --every 1`, as in docs/deploy.md.

- Articles: `--articles` generated articles (the last one an hour ago) are served by a local HTTP server as
  `--sources` JSON Lines feeds, so polls spread over the workers. Timed from the first deferred cycle until every
  source is polled and the clusterer has caught up with the newest article (ingest + clean + store + cluster);
  `articles_per_s` = articles stored / that time.
- Digests: the scheduler is stopped, `--subscriptions` readers of one topic subscribe (not timed) at the hour just
  passed (UTC), each with one webhook to a local HTTP receiver in another process (no email: the figure counts
  composing, rendering and POSTing each digest). Then a cycle is deferred and the scheduler started again; timed
  until every digest is composed and each delivery sent; `digests_per_s` = digests / that time.
- Peak memory: VmHWM (/proc/PID/status) of every worker and of the scheduler, read before they stop.

Memory over a long stream (`--replay`, in this process, no storage): the demo articles are cleaned once, their
passages varied as above and replayed through `Clusterer.add_many` in batches, with new article ids and times moving
on, so stories expire from the active window (`window_hours`) and document frequencies from `df_days`. RSS is sampled
every 50,000 articles; once the stream has covered the window and the frequencies' days ("window full") it must stay
flat: a warning on stderr if it grows more than 10% after that.

Last stdout line: one JSON object with `workers`, `articles_per_s` and `digests_per_s` per worker count,
`peak_rss_mb` (`worker`, `scheduler`: the highest over all runs; `replay`: this process), `rss_after_1m_mb` (RSS at
the end of the replay) and extras: `rss_window_full_mb`, `rss_growth_pct`, `replay_articles`, `replay_passages_per_s`,
`window` (the clusterer's size at the end) and `runs` (per worker count: articles, digests, seconds, per-process
peaks).
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import psycopg
from tests.storage.backends import postgres_schema

from benchmarks.receivers import CountingWebhooks, StaticSite
from volg import demo
from volg.models import Passage
from volg.pipeline.cluster.assign import Clusterer
from volg.pipeline.cluster.passages import passages
from volg.pipeline.cluster.tuning import ClusterSettings
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage

DEFAULT_POSTGRES = os.environ.get("VOLG_TEST_POSTGRES_URL") or "postgresql://postgres@127.0.0.1:5432/test"
SAMPLE_EVERY = 50_000
FLAT = 0.10  # growth of RSS after the window is full that counts as not flat
SWAPS = (  # (a, b): in a variation, one of them is replaced by the other
    ("Monday", "Tuesday"), ("Tuesday", "Wednesday"), ("people", "residents"), ("said", "stated"),
    ("officials", "authorities"), ("city", "town"), ("maandag", "dinsdag"), ("mensen", "inwoners"),
    ("zei", "zegt"), ("Kharkiv", "Kherson"), ("Venlo", "Roermond"), ("Maastricht", "Nijmegen"),
    ("Limburg", "Gelderland"), ("Kyiv", "Lviv"), ("water", "rivier"), ("government", "cabinet"),
)
_NUMBER = re.compile(r"(?<![\d:/.T-])\d+(?![\d:/-])")  # not in dates and times


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- the generated stream ---


def vary(text: str, copy: int, *, numbers: bool = True) -> str:
    """Copy `copy` of a text: numbers moved by `copy` (mod 97) and a third of the swaps, chosen by the copy."""
    if copy == 0:
        return text
    if numbers:
            text = _NUMBER.sub(lambda m: str(int(m.group()) + copy % 97 + 1), text)
    for number, (a, b) in enumerate(SWAPS):
        if (number + copy) % 3 == 0:
            text = re.sub(rf"\b{a}\b", b, text) if copy % 2 else re.sub(rf"\b{b}\b", a, text)
    return text


def demo_lines() -> tuple[list[dict[str, Any]], timedelta]:
    """The demo stream's items, oldest first, and its span rounded up to whole days."""
    lines = [json.loads(line) for line in demo.stream_bytes().splitlines() if line.strip()]
    lines.sort(key=lambda line: line["published_at"])
    first, last = (datetime.fromisoformat(lines[i]["published_at"]) for i in (0, -1))
    return lines, timedelta(days=math.ceil((last - first) / timedelta(days=1) + 0.01))


def generated(count: int, *, last_at: datetime) -> list[dict[str, Any]]:
    """`count` articles: copies of the demo stream end to end in time, the newest published at `last_at`."""
    lines, span = demo_lines()
    out: list[dict[str, Any]] = []
    copy = 0
    while len(out) < count:
        for line in lines[: count - len(out)]:
            item = dict(line)
            item["id"] = f"{line['id']}-{copy}"
            item["url"] = f"{line['url']}-{copy}"
            item["published_at"] = (datetime.fromisoformat(line["published_at"]) + copy * span).isoformat()
            for field in ("title", "text", "html"):
                if isinstance(item.get(field), str):
                    item[field] = vary(item[field], copy, numbers=field != "html")  # HTML keeps its dates
            out.append(item)
        copy += 1
    shift = last_at - datetime.fromisoformat(out[-1]["published_at"])
    for item in out:
        item["published_at"] = (datetime.fromisoformat(item["published_at"]) + shift).isoformat()
    return out


# --- processes and the database ---


def value(url: str, sql: str) -> int:
    with psycopg.connect(url) as db:
        row = db.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def start(url: str, home: str, logfile: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOLG_")} | {
        "VOLG_DATABASE": url, "VOLG_ALLOW_PRIVATE_URLS": "true", "VOLG_HOME": home}
    with logfile.open("ab") as stderr:  # a file, not a pipe: a full pipe would block the process
        return subprocess.Popen([sys.executable, "-m", "volg", *args], env=env, stdout=subprocess.DEVNULL,
                                stderr=stderr)


def peak_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM) in MB; 0 if it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return 0.0


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for(check: Callable[[], bool], what: str, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while not check():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.05)


def _hooks(pipe: Connection) -> None:
    """A webhook receiver that takes everything, in its own process; reports its port, then on request its count."""
    hooks = CountingWebhooks()
    pipe.send(hooks.port)
    while pipe.recv() != "stop":
        pipe.send(hooks.posts)
    hooks.close()


# --- one worker count ---


def run_workers(admin_url: str, workers: int, items: list[dict[str, Any]], sources: int, subscriptions: int,
                hook_port: int, ask_hooks: Callable[[], int], folder: Path) -> dict[str, Any]:
    with postgres_schema(admin_url, prefix="volg_bench") as url:
        home = str(folder / f"home{workers}")
        os.makedirs(home, exist_ok=True)
        logs = folder / f"logs{workers}"
        logs.mkdir()
        migrate = start(url, home, logs / "migrate.log", "migrate")
        if migrate.wait(timeout=300) != 0:
            raise SystemExit(f"volg migrate failed: {(logs / 'migrate.log').read_text()}")
        feeds = {f"/feed/{n}.jsonl": ("application/x-ndjson", "".join(
            json.dumps(item, ensure_ascii=False) + "\n" for item in items[n::sources]).encode())
            for n in range(sources)}
        server = StaticSite(feeds)
        settings = Settings(allow_private_urls=True, home=home)
        with Service(settings, open_storage(url), clusters=False) as svc:
            for path in feeds:
                svc.add_source(server.base + path, every="1h")
            for name, query in demo.TOPICS:
                svc.add_topic(name, query)
        pool = [start(url, home, logs / f"worker{n}.log", "worker", "--concurrency", "1") for n in range(workers)]
        scheduler: subprocess.Popen[bytes] | None = None
        scheduler_peak = 0.0
        try:
            wait_for(lambda: value(url, "SELECT count(*) FROM procrastinate_workers") >= workers, "the workers", 120)
            log(f"[{workers} workers] {len(items)} articles in {sources} feeds")
            from volg.workers import connected, defer_cycle

            started = time.perf_counter()
            with connected(url) as queue, queue.open(), Service(settings, open_storage(url), clusters=False) as svc:
                defer_cycle(svc)
            scheduler = start(url, home, logs / "scheduler.log", "run", "--workers", "--every", "1")
            polls = ("SELECT count(*) FROM procrastinate_jobs WHERE task_name LIKE '%poll' "
                     "AND status IN ('todo', 'doing')")

            def ingested() -> bool:
                return (value(url, "SELECT count(*) FROM sources WHERE last_polled_at IS NULL") == 0
                        and value(url, polls) == 0 and value(url, "SELECT count(*) FROM articles") > 0
                        and value(url, "SELECT max(last_change) FROM cluster_state")
                        == value(url, "SELECT max(changed) FROM articles"))

            last_report = [time.monotonic()]

            def progress() -> bool:
                if value(url, "SELECT count(*) FROM procrastinate_jobs WHERE status = 'failed'"):
                    raise SystemExit(f"a poll failed: see {logs}/worker*.log")
                if time.monotonic() - last_report[0] > 10:
                    last_report[0] = time.monotonic()
                    log(f"[{workers} workers] {value(url, 'SELECT count(*) FROM articles')} stored")
                return ingested()

            wait_for(progress, "the articles", 3600)
            ingest_s = time.perf_counter() - started
            stored = value(url, "SELECT count(*) FROM articles")
            log(f"[{workers} workers] {stored} articles stored and clustered in {ingest_s:.1f}s")
            scheduler_peak = peak_mb(scheduler.pid)
            stop([scheduler])
            scheduler = None
            wait_for(lambda: value(url, "SELECT count(*) FROM procrastinate_jobs WHERE status IN ('todo', 'doing')")
                     == 0, "the last cycle's jobs", 600)

            now = datetime.now(UTC)
            at = f"{now.hour:02d}:00"
            log(f"[{workers} workers] subscribing {subscriptions} readers at {at} UTC")
            subscribed = time.perf_counter()
            with Service(settings, open_storage(url), clusters=False) as svc:
                for n in range(subscriptions):
                    svc.subscribe("hoogwater", times=[at], tz="UTC", webhooks=[f"http://127.0.0.1:{hook_port}/h/{n}"])
            log(f"[{workers} workers] subscribed in {time.perf_counter() - subscribed:.1f}s; composing and delivering")
            hooks_before = ask_hooks()
            started = time.perf_counter()
            with connected(url) as queue, queue.open(), Service(settings, open_storage(url), clusters=False) as svc:
                defer_cycle(svc)
            scheduler = start(url, home, logs / "scheduler.log", "run", "--workers", "--every", "1")
            undone = "SELECT count(*) FROM deliveries WHERE status IN ('pending', 'sending')"

            def delivered() -> bool:
                if time.monotonic() - last_report[0] > 10:
                    last_report[0] = time.monotonic()
                    log(f"[{workers} workers] {value(url, 'SELECT count(*) FROM digests')} digests, "
                        f"{value(url, 'SELECT count(*) FROM deliveries WHERE status = $$sent$$')} sent")
                return value(url, "SELECT count(*) FROM digests") >= subscriptions and value(url, undone) == 0

            wait_for(delivered, "the digests", 7200)
            digest_s = time.perf_counter() - started
            digests = value(url, "SELECT count(*) FROM digests")
            sent = value(url, "SELECT count(*) FROM deliveries WHERE status = 'sent'")
            failed = value(url, "SELECT count(*) FROM deliveries WHERE status = 'failed'")
            scheduler_peak = max(scheduler_peak, peak_mb(scheduler.pid))
            worker_peaks = [peak_mb(p.pid) for p in pool]
            stop([scheduler])
            scheduler = None
            jobs_failed = value(url, "SELECT count(*) FROM procrastinate_jobs WHERE status = 'failed'")
        finally:
            stop(([scheduler] if scheduler else []) + pool)
            server.close()
        hooks = ask_hooks() - hooks_before
        log(f"[{workers} workers] {digests} digests, {sent} sent ({failed} failed, {hooks} webhooks received) "
            f"in {digest_s:.1f}s; peak RSS: workers {worker_peaks} MB, scheduler {scheduler_peak} MB")
        if jobs_failed or failed or hooks != sent:
            log(f"[{workers} workers] WARNING: {jobs_failed} failed jobs, {failed} failed deliveries, "
                f"{hooks} webhooks for {sent} sent; logs in {logs}")
        return {
            "articles": stored, "ingest_s": round(ingest_s, 2), "articles_per_s": round(stored / ingest_s, 1),
            "digests": digests, "sent": sent, "digest_s": round(digest_s, 2),
            "digests_per_s": round(digests / digest_s, 1),
            "peak_rss_mb": {"workers": worker_peaks, "scheduler": scheduler_peak},
        }


# --- the replay ---


def demo_passages(folder: Path) -> tuple[list[Passage], timedelta]:
    """The demo stream's passages, cleaned once (SQLite, no clustering), oldest first; and the stream's span."""
    lines, span = demo_lines()
    with Service(Settings(home=str(folder)), open_storage(str(folder / "replay.db")), cluster_on_ingest=False) as svc:
        list(svc.ingest_bytes(demo.stream_bytes(), "stream.jsonl"))
        out = [p for article in svc.articles() for p in passages(article)]
    out.sort(key=lambda p: (p.published_at, p.article_id, p.section))
    return out, span


def replay(count: int, folder: Path) -> dict[str, Any]:
    """Replay `count` generated articles' passages through one Clusterer; RSS every SAMPLE_EVERY articles."""
    base, span = demo_passages(folder)
    articles = len({p.article_id for p in base})
    variants = [[replace(p, title=vary(p.title, v), paragraphs=tuple(vary(t, v) for t in p.paragraphs))
                 for p in base] for v in range(12)]  # a dozen variations, cycled: making them is not what is measured
    settings = ClusterSettings()
    full_after = math.ceil(max(settings.window_hours / 24, settings.df_days) / (span / timedelta(days=1))) + 1
    full_at = (full_after * articles // SAMPLE_EVERY + 1) * SAMPLE_EVERY  # the first sample after the window is full
    clusterer = Clusterer(settings)
    log(f"replaying {count} articles ({articles} demo articles, {len(base)} passages per copy); window full after "
        f"{full_after} copies, RSS sampled every {SAMPLE_EVERY}")
    seen = passages_done = 0
    samples: list[tuple[int, float]] = [(0, rss_mb())]
    started = time.perf_counter()
    copy = 0
    while seen < count:
        batch: list[Passage] = []
        offset = copy * span
        ids: dict[int, int] = {}
        for p in variants[copy % len(variants)]:
            if p.article_id not in ids:
                if seen + len(ids) >= count:
                    break
                ids[p.article_id] = seen + len(ids) + 1
            batch.append(replace(p, article_id=ids[p.article_id], published_at=p.published_at + offset))
        clusterer.add_many(batch)
        before, seen = seen, seen + len(ids)
        passages_done += len(batch)
        copy += 1
        if seen // SAMPLE_EVERY > before // SAMPLE_EVERY or seen >= count:
            samples.append((seen, rss_mb()))
            elapsed = time.perf_counter() - started
            log(f"replay: {seen} articles, {passages_done / elapsed:.0f} passages/s, RSS {samples[-1][1]} MB, "
                f"window {clusterer.window_size()}")
    elapsed = time.perf_counter() - started
    full = next((mb for n, mb in samples if n >= full_at), samples[-1][1])
    end = samples[-1][1]
    growth = (end - full) / full * 100 if full else 0.0
    if samples[-1][0] < full_at:
        log(f"replay: WARNING: {count} articles do not fill the window ({full_at} needed): flatness not checked")
    elif growth > FLAT * 100:
        log(f"replay: WARNING: RSS grew {growth:.1f}% ({full} → {end} MB) after the window was full: not flat")
    return {
        "rss_after_1m_mb": end, "rss_window_full_mb": full, "rss_growth_pct": round(growth, 1),
        "replay_articles": seen, "replay_passages": passages_done,
        "replay_passages_per_s": round(passages_done / elapsed, 1), "replay_s": round(elapsed, 1),
        "window": clusterer.window_size(), "rss_samples_mb": [mb for _, mb in samples],
    }


def peak_self_mb() -> float:
    return peak_mb(os.getpid())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", default="1,2,4", help="worker counts, comma-separated")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--sources", type=int, default=8)
    parser.add_argument("--subscriptions", type=int, default=10_000)  # the issue: 100,000
    parser.add_argument("--replay", type=int, default=1_000_000)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES)
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.workers.split(",") if n.strip()]
    runs: dict[str, dict[str, Any]] = {}
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    receiver = context.Process(target=_hooks, args=(theirs,), daemon=True)
    receiver.start()
    hook_port = ours.recv()

    def ask_hooks() -> int:
        ours.send("count")
        return int(ours.recv())

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        items = generated(args.articles, last_at=datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
                          - timedelta(hours=1))
        for workers in counts:
            runs[str(workers)] = run_workers(args.postgres, workers, items, args.sources, args.subscriptions,
                                             hook_port, ask_hooks, folder)
        ours.send("stop")
        receiver.join(timeout=30)
        replayed = replay(args.replay, folder) if args.replay else {}
    peaks = [run["peak_rss_mb"] for run in runs.values()]
    print(json.dumps({
        "workers": counts,
        "articles_per_s": {k: run["articles_per_s"] for k, run in runs.items()},
        "digests_per_s": {k: run["digests_per_s"] for k, run in runs.items()},
        "peak_rss_mb": {"worker": max((mb for p in peaks for mb in p["workers"]), default=0.0),
                        "scheduler": max((p["scheduler"] for p in peaks), default=0.0),
                        "replay": peak_self_mb()},
        "rss_after_1m_mb": replayed.get("rss_after_1m_mb"),
        **{k: v for k, v in replayed.items() if k != "rss_after_1m_mb"},
        "articles": args.articles, "subscriptions": args.subscriptions, "runs": runs,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
