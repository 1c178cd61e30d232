"""Story clustering: quality against gold stories, speed against merely TF-IDF-vectorising the same texts.

    python -m benchmarks.clustering --dataset uci|t17|demo [--data ../shared/data] [--set NAME=VALUE ...]

- `uci`: 6,366 English headlines of the UCI News Aggregator sample (title only) with Google News' story ids,
  streamed in timestamp order. Pairwise and B-cubed precision, recall and F1 against the gold stories.
- `t17`: 4,352 full-text English Timeline17 articles (no gold): speed, and the number and sizes of the stories.
  Their text goes through volg's clean stage first (outside the timed part) for sections, places and names.
- `demo`: the bundled demo stream through the real ingest path; every story is printed to stderr.

Places and names are found outside the timed part. The clustering time (time.process_time of
`Clusterer.add_many` over all passages, features included; JSON key `path`) is compared with scikit-learn's
TfidfVectorizer().fit_transform on the same texts in the same run, each the best of 3 runs: `cost_ratio`.
`--set join=0.3` overrides a `ClusterSettings` field. Progress goes to stderr; the last line of stdout is one
JSON object.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import gzip
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from math import comb
from pathlib import Path
from typing import Any

from sklearn.feature_extraction.text import TfidfVectorizer

from benchmarks import DEFAULT_DATA
from volg.errors import InputError
from volg.models import Passage, RawArticle, Section
from volg.pipeline.clean import clean_article
from volg.pipeline.clean.names import find_names
from volg.pipeline.clean.places import find_places
from volg.pipeline.cluster.assign import Assignment, Clusterer, ClusterSettings


def pairwise(gold: Sequence[str], predicted: Sequence[int]) -> tuple[float, float, float]:
    """Precision, recall and F1 over same-cluster pairs, from the contingency table."""
    both = sum(comb(n, 2) for n in Counter(zip(gold, predicted, strict=True)).values())
    same_predicted = sum(comb(n, 2) for n in Counter(predicted).values())
    same_gold = sum(comb(n, 2) for n in Counter(gold).values())
    return _f1(both / same_predicted if same_predicted else 1.0, both / same_gold if same_gold else 1.0)


def bcubed(gold: Sequence[str], predicted: Sequence[int]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1, averaged over documents."""
    cell = Counter(zip(gold, predicted, strict=True))
    gold_size, predicted_size = Counter(gold), Counter(predicted)
    n = len(gold)
    precision = sum(cell[g, p] / predicted_size[p] for g, p in zip(gold, predicted, strict=True)) / n
    recall = sum(cell[g, p] / gold_size[g] for g, p in zip(gold, predicted, strict=True)) / n
    return _f1(precision, recall)


def _f1(precision: float, recall: float) -> tuple[float, float, float]:
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def final_stories(assignments: list[list[Assignment]]) -> list[list[int]]:
    """Each passage's story after all merges (a merged story's passages belong to the story it went into)."""
    into: dict[int, int] = {}
    for per_passage in assignments:
        for a in per_passage:
            for old in a.merged:
                into[old] = a.story_id

    def resolve(story: int) -> int:
        while story in into:
            story = into[story]
        return story

    return [[resolve(a.story_id) for a in per_passage] for per_passage in assignments]


def cluster(
    passages: list[list[Passage]], texts: list[str], settings: ClusterSettings, repeats: int = 3
) -> tuple[list[list[int]], dict]:
    """Cluster the passages (grouped per article) in order, through `Clusterer.add_many` (the same assignments as
    `add` one by one), and time it against the TF-IDF baseline: each the best of `repeats` runs (a fresh clusterer
    each time), with a full garbage collection before each timed part, as timeit does for CPU-bound code."""
    flat = [p for article in passages for p in article]
    seconds = baseline = float("inf")
    for _ in range(repeats):
        clusterer = Clusterer(settings)
        gc.collect()
        started = time.process_time()
        assigned = clusterer.add_many(flat)
        seconds = min(seconds, time.process_time() - started)
        gc.collect()
        started = time.process_time()
        TfidfVectorizer().fit_transform(texts)
        baseline = min(baseline, time.process_time() - started)
    print(f"{len(passages)} articles, {len(clusterer.active_ids())} active stories at the end", file=sys.stderr)
    regrouped, at = [], 0
    for article in passages:
        regrouped.append(assigned[at : at + len(article)])
        at += len(article)
    counters = clusterer.counters
    stats = {
        "path": "add_many",
        "repeats": repeats,
        "articles_per_s": round(len(passages) / seconds, 1),
        "cost_ratio": round(seconds / baseline, 2),
        "candidates_per_passage": round(counters.candidates / max(1, counters.passages), 1),
    }
    return final_stories(regrouped), stats


def run_uci(data: Path, settings: ClusterSettings) -> dict:
    records = sorted(_records(data / "uci-news-aggregator-sample" / "headlines.jsonl.gz"),
                     key=lambda r: (r["timestamp_ms"], r["id"]))  # fmt: skip
    print(f"finding places and names in {len(records)} headlines", file=sys.stderr)
    passages = []
    for r in records:
        places = find_places(r["title"], "en")
        names = find_names((Section(None, (r["title"],)),), "en", places)
        when = datetime.fromtimestamp(r["timestamp_ms"] / 1000, UTC)
        passages.append([Passage(r["id"], 0, r["publisher"] or "", "en", when, r["title"], (), names, places)])
    stories, stats = cluster(passages, [r["title"] for r in records], settings)
    gold = [r["story"] for r in records]
    predicted = [s[0] for s in stories]
    pp, pr, pf = pairwise(gold, predicted)
    bp, br, bf = bcubed(gold, predicted)
    return {"articles": len(records), "stories": len(set(predicted)), "pairwise_precision": round(pp, 4),
            "pairwise_recall": round(pr, 4), "pairwise_f1": round(pf, 4), "bcubed_precision": round(bp, 4),
            "bcubed_recall": round(br, 4), "bcubed_f1": round(bf, 4), **stats}  # fmt: skip


def run_t17(data: Path, settings: ClusterSettings) -> dict:
    records = sorted(_records(data / "timeline17" / "articles.jsonl.gz"),
                     key=lambda r: (r["date"], r["topic"], r["id"]))  # fmt: skip
    print(f"cleaning {len(records)} articles (not timed)", file=sys.stderr)
    passages, texts = [], []
    for number, r in enumerate(records, start=1):
        raw = RawArticle(origin=f"t17:{r['id']}", url=f"https://t17.example/{r['topic']}/{r['id']}", text=r["text"],
                         source=r["topic"].split("_")[-1], language="en",
                         published_at=datetime.fromisoformat(r["date"]).replace(tzinfo=UTC))  # fmt: skip
        try:
            clean = clean_article(raw)
        except InputError as error:
            print(f"skipped {raw.origin}: {error}", file=sys.stderr)
            continue
        # A T17 text is one run of tokens: one passage per article, as an ordinary article's opening would be.
        passages.append([Passage(number, 0, clean.source, "en", clean.published_at, clean.title, clean.paragraphs,
                                 clean.names, clean.places)])  # fmt: skip
        texts.append(r["text"])
    stories, stats = cluster(passages, texts, settings)
    sizes = sorted(Counter(s[0] for s in stories).values())
    return {"articles": len(passages), "stories": len(sizes), **stats,
            "sizes": {"p50": sizes[len(sizes) // 2], "p90": sizes[int(len(sizes) * 0.9)], "max": sizes[-1],
                      "singletons": sum(1 for s in sizes if s == 1)}}  # fmt: skip


def run_demo(settings: ClusterSettings) -> dict:
    import volg
    from volg.pipeline.cluster.passages import passages as passages_of
    from volg.service import Service
    from volg.settings import Settings
    from volg.storage import open_storage

    service = Service(Settings(), open_storage(":memory:"))
    stream = Path(volg.__file__).parent / "demo" / "stream.jsonl"
    results = list(service.ingest_bytes(stream.read_bytes(), "stream.jsonl"))
    articles = sorted({r.article.id: r.article for r in results if r.article is not None}.values(),
                      key=lambda a: (a.clean.published_at, a.id))  # fmt: skip
    grouped = [list(passages_of(a)) for a in articles]
    stories, stats = cluster(grouped, [a.clean.title + "\n" + a.clean.body for a in articles], settings)
    members: dict[int, list[tuple[str, Passage]]] = {}
    for article, per_passage, story_ids in zip(articles, grouped, stories, strict=True):
        for passage, story in zip(per_passage, story_ids, strict=True):
            members.setdefault(story, []).append((article.clean.external_id or str(article.id), passage))
    for story, rows in sorted(members.items(), key=lambda item: -len(item[1])):
        languages = sorted({p.language for _, p in rows})
        print(f"story {story}: {len(rows)} passages, {','.join(languages)}", file=sys.stderr)
        for external_id, p in rows:
            print(f"    {external_id:12} §{p.section} {p.source[:18]:18} {p.title[:70]}", file=sys.stderr)
    sizes = Counter(len(rows) for rows in members.values())
    return {"articles": len(articles), "passages": sum(len(g) for g in grouped), "stories": len(members),
            "multi_passage_stories": sum(n for size, n in sizes.items() if size > 1),
            "singletons": sizes.get(1, 0), **stats}  # fmt: skip


def _records(path: Path) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def _settings(overrides: list[str]) -> ClusterSettings:
    fields = {f.name: f.type for f in dataclasses.fields(ClusterSettings)}
    values: dict[str, Any] = {}
    for item in overrides:
        name, _, value = item.partition("=")
        if name not in fields:
            raise SystemExit(f"unknown setting {name!r}; known: {', '.join(fields)}")
        values[name] = int(value) if fields[name] in (int, "int") else float(value)
    return dataclasses.replace(ClusterSettings(), **values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=("uci", "t17", "demo"), default="uci")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder holding the shared data sets")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="override a setting")
    args = parser.parse_args(argv)
    settings = _settings(args.set)
    needed = {"uci": "uci-news-aggregator-sample/headlines.jsonl.gz", "t17": "timeline17/articles.jsonl.gz"}
    if args.dataset in needed and not (args.data / needed[args.dataset]).is_file():
        print(f"benchmark data not found: {args.data / needed[args.dataset]} (see --data)", file=sys.stderr)
        return 2
    runners = {"uci": lambda: run_uci(args.data, settings), "t17": lambda: run_t17(args.data, settings),
               "demo": lambda: run_demo(settings)}  # fmt: skip
    print(json.dumps(runners[args.dataset]()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
