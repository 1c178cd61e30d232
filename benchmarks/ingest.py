"""Ingest speed: clean + dedupe + store on one core, against merely TF-IDF-vectorising the same texts.

    python -m benchmarks.ingest [--data ../shared/data] [--limit N]
    python -m benchmarks.ingest --fulltext [--data ../shared/data] [--limit N] [--runs 3]

Reads the Dutch DpgMedia2019 and the English T17 articles, runs each through volg's real ingest path (clean,
fingerprint, dedupe decision, storage in an in-memory SQLite database; clustering into stories is left out here and
measured by `benchmarks.clustering`), and, in the same run, times scikit-learn's
TfidfVectorizer (tokenise + fit + transform) on the same texts. Last line: one JSON object with `articles`,
`articles_per_s`, `baseline_ratio` (volg's time / the baseline's) and `peak_rss_mb`.

With --fulltext: `volg poll` over feeds and article pages served locally, against the do-it-yourself peer
(benchmarks/fulltext.py says how).
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer

from benchmarks import DEFAULT_DATA
from benchmarks.fulltext import benchmark
from volg.models import RawArticle, Status
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage


def load(data: Path, limit: int | None) -> list[RawArticle]:
    articles: list[RawArticle] = []
    for record in records(data / "dpgmedia2019-nl" / "articles.jsonl.gz"):
        articles.append(RawArticle(
            origin=f"dpgmedia:{record['id']}", url=f"https://dpg.example/{record['id']}", title=record["title"],
            text=record["text"], source=record.get("publisher") or "dpg", external_id=str(record["id"]),
            published_at=datetime.fromisoformat(record["published_at"]).replace(tzinfo=UTC),
        ))
    for record in records(data / "timeline17" / "articles.jsonl.gz"):
        articles.append(RawArticle(
            origin=f"t17:{record['topic']}:{record['id']}", url=f"https://t17.example/{record['topic']}/{record['id']}",
            text=record["text"], source=record["topic"].split("_")[-1], external_id=str(record["id"]),
            published_at=datetime.fromisoformat(record["date"]).replace(tzinfo=UTC),
        ))
    return articles[:limit] if limit else articles


def records(path: Path) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def fulltext(data: Path, limit: int | None, runs: int) -> None:
    path = data / "dpgmedia2019-nl" / "articles.jsonl.gz"
    if not path.is_file():
        sys.exit(f"{path} not found (see --data)")
    found = list(records(path))
    print(json.dumps(benchmark(found[:limit] if limit else found, runs)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--limit", type=int, help="use only the first N articles")
    parser.add_argument("--fulltext", action="store_true", help="volg poll against reader + httpx + trafilatura")
    parser.add_argument("--runs", type=int, default=3, help="with --fulltext: runs of each, alternating")
    args = parser.parse_args()
    if args.fulltext:
        fulltext(args.data, args.limit, args.runs)
        return
    if not (args.data / "dpgmedia2019-nl").is_dir() or not (args.data / "timeline17").is_dir():
        sys.exit(f"data not found under {args.data} (needs dpgmedia2019-nl and timeline17; see --data)")
    articles = load(args.data, args.limit)
    texts = [a.text or "" for a in articles]

    service = Service(Settings(), open_storage(":memory:"), cluster_on_ingest=False)
    service.ingest_raw(RawArticle(origin="warm-up", url="https://warm.example/1", text=texts[0]))  # lazy loads
    statuses: dict[str, int] = {}
    started = time.process_time()
    for n, raw in enumerate(articles, start=1):
        status = service.ingest_raw(raw).status
        statuses[status.value] = statuses.get(status.value, 0) + 1
        if n % 500 == 0:
            print(f"{n}/{len(articles)} ingested", file=sys.stderr)
    volg_s = time.process_time() - started

    started = time.process_time()
    TfidfVectorizer(sublinear_tf=True).fit_transform(texts)
    baseline_s = time.process_time() - started

    print(f"statuses: {statuses}; volg {volg_s:.2f} s CPU, TF-IDF baseline {baseline_s:.2f} s CPU", file=sys.stderr)
    print(json.dumps({
        "articles": len(articles),
        "stored": statuses.get(Status.NEW.value, 0),
        "articles_per_s": round(len(articles) / volg_s, 1),
        "baseline_ratio": round(volg_s / baseline_s, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }))


if __name__ == "__main__":
    main()
