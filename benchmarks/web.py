"""The web app under load: a topic page and the developments API, with thousands of developments stored.

    python -m benchmarks.web [--dataset t17|demo] [--data ../shared/data] [--requests 600] [--concurrency 8]

Setup (not timed): the dataset is ingested into a fresh SQLite database (T17: 4,328 English articles on 9 long
running topics, clustered into stories; `demo`: the bundled stream, which needs no data), a topic is defined
(T17: Libya), and `volg serve --no-scheduler` is started as a separate process on a free loopback port. Each
page is fetched once to warm up.

Timed: `--requests` GETs from `--concurrency` threads of this process, alternating the topic page
(`/topics/SLUG`) and the developments API (`/api/topics/SLUG/developments`). Latency is per request, from
sending to the whole body read.

Last stdout line: one JSON object with `requests`, `rps`, `p50_ms`, `p99_ms`, `errors` and extras:
`developments` (stored, over all stories), `topic_developments`, `articles`.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import httpx

from benchmarks import DEFAULT_DATA
from benchmarks.timeline import load_articles
from volg import demo
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage

T17_TOPICS = {"LibyaWar_cnn", "LibyaWar_reuters", "SyrianCrisis_reuters", "SyrianCrisis_bbc", "EgyptianProtest_cnn",
              "bpoil_reuters", "bpoil_bbc", "bpoil_guardian", "haiti_bbc", "H1N1_reuters", "H1N1_bbc", "MJ_bbc",
              "IraqWar_guardian", "bpoil_washingtonpost", "bpoil_foxnews", "H1N1_guardian"}


def _load(service: Service, dataset: str, data: Path) -> tuple[str, int]:
    """Ingest the dataset; return the slug of the topic to load and how many articles went in."""
    if dataset == "demo":
        name, query = demo.TOPICS[0]
        service.add_topic(name, query)
        results = list(service.ingest_bytes(demo.stream_bytes(), "stream.jsonl"))
        return service.topics()[0].slug, sum(1 for r in results if r.article is not None)
    folder = data / "timeline17"
    if not folder.is_dir():
        raise SystemExit(f"{folder}: not found (use --data, or --dataset demo)")
    stored = 0
    articles = sorted((a for batch in load_articles(folder, T17_TOPICS).values() for a in batch),
                      key=lambda a: (a.published_at or datetime.min.replace(tzinfo=UTC), a.origin))
    for number, raw in enumerate(articles, 1):
        stored += service.ingest_raw(raw).article is not None
        if number % 500 == 0:
            print(f"ingested {number}/{len(articles)}", file=sys.stderr)
    service.add_topic("Libya", "Libya OR Gaddafi OR Tripoli OR Benghazi OR Misrata")
    return "libya", stored


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", choices=["t17", "demo"], default="t17")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "volg.db"
        with Service(Settings(home=folder), open_storage(str(database))) as service:
            slug, stored = _load(service, args.dataset, args.data)
            developments = len(service.developments())
            topic_developments = len(service.developments(topic=slug))
        print(f"{stored} articles, {developments} developments ({topic_developments} in {slug}); serving",
              file=sys.stderr)
        port = _free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("VOLG_")} | {"VOLG_HOME": folder}
        server = subprocess.Popen([sys.executable, "-m", "volg", "serve", "--database", str(database), "--port",
                                   str(port), "--no-scheduler"], env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            figures = _load_test(f"http://127.0.0.1:{port}", slug, args.requests, args.concurrency)
        finally:
            server.terminate()
            server.wait(timeout=60)
    print(json.dumps(figures | {"developments": developments, "topic_developments": topic_developments,
                                "articles": stored}))
    return 0


def _load_test(base: str, slug: str, requests: int, concurrency: int) -> dict[str, float | int]:
    paths = [f"/topics/{slug}", f"/api/topics/{slug}/developments"]
    with httpx.Client(base_url=base, timeout=120) as client:
        deadline = time.monotonic() + 120
        while True:
            try:
                for path in paths:  # warm up: the server reads and derives what the pages show
                    client.get(path)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

        def one(number: int) -> tuple[float, bool]:
            started = time.perf_counter()
            try:
                ok = client.get(paths[number % len(paths)]).status_code == 200
            except httpx.HTTPError:
                ok = False
            return time.perf_counter() - started, ok

        started = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            results = list(pool.map(one, range(requests)))
        elapsed = time.perf_counter() - started
    latencies = sorted(seconds for seconds, _ in results)
    return {
        "requests": requests,
        "rps": round(requests / elapsed, 1),
        "p50_ms": round(latencies[len(latencies) // 2] * 1000, 1),
        "p99_ms": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000, 1),
        "errors": sum(1 for _, ok in results if not ok),
    }


if __name__ == "__main__":
    sys.exit(main())
