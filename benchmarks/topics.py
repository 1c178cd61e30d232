"""Discovered topics against Timeline17's subjects: is each topic volg offers one subject, and does following it
get that subject?

    python -m benchmarks.topics [--data ../shared/data] [--per-folder N] [--show]

The articles: Timeline17's, as `benchmarks.digest_audit` writes its t17 stream (all of each subject folder, or the
first `--per-folder` of each), ingested in time order into a scratch in-memory volg with its clock at each article's
time (clustering on ingest). The topics: `discover_topics` over all the stories (`volg topics list` looks at the
last weeks of news only; Timeline17 spans years, so here every chain of it counts). A story's subject is the subject
most of its articles come from (a folder holds some articles about other things too, so no figure reaches 1.0).

Per topic, and pooled over the topics weighted by their stories:

- `purity`: the share of the topic's stories of its majority subject (is it one subject?);
- `query_precision`: of the stories the topic's query (`query_for`, what a reader who follows it gets) finds among
  all stories, the share of that subject (does following it get that subject, or everything else about a city?);
- `query_recall`: of the subject's stories, the share that query finds (a topic is a chain over days of the
  subject, so this is low where a subject ran for years);
- `query_terms`: how many terms the query has (a query of dozens of one-story names is a topic no reader could
  read or tune).

Besides: `topics`, `stories`, `stories_in_topics` (share). `--show` prints each topic's name, subject, figures and
query to stderr; the last stdout line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import DEFAULT_DATA
from benchmarks.digest_audit import t17_records, t17_subject
from volg.models import RawArticle, Story
from volg.pipeline.cluster.query import document_of, parse_query
from volg.pipeline.cluster.topics import DiscoveredTopic, discover_topics, match_stories, query_for
from volg.pipeline.ingest.documents import parse_jsonl
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage


def ingest(records: list[dict[str, Any]]) -> list[Story]:
    """The stories volg makes of the records, ingested in order with the clock at each one's time."""
    now = datetime(2000, 1, 1, tzinfo=UTC)
    service = Service(Settings(min_article_words=3), open_storage(":memory:"), clock=lambda: now,
                      cluster_on_ingest=True)
    started = time.monotonic()
    for n, raw in enumerate(parse_jsonl("\n".join(json.dumps(r) for r in records), "t17"), 1):
        if isinstance(raw, RawArticle) and raw.published_at is not None:
            now = raw.published_at
            service.ingest_raw(raw)
        if n % 500 == 0:
            print(f"  {n}/{len(records)} articles, {time.monotonic() - started:.0f} s", file=sys.stderr)
    stories = service.stories()
    service.close()
    return stories


def subject_of(story: Story) -> str:
    """The subject most of the story's articles come from (ties: the first in name order)."""
    counts = Counter(t17_subject(article.external_id or "") for article in story.articles)
    return min(counts, key=lambda subject: (-counts[subject], subject))


def score(topics: list[DiscoveredTopic], stories: list[Story]) -> dict[str, Any]:
    subjects = {story.id: subject_of(story) for story in stories}
    per_subject = Counter(subjects.values())
    documents = [(story, document_of(story)) for story in stories]
    rows = []
    for topic in topics:
        members = Counter(subjects[i] for i in topic.story_ids)
        subject, held = members.most_common(1)[0]
        query = query_for(topic)
        found = match_stories(parse_query(query), documents)
        right = sum(1 for story in found if subjects[story.id] == subject)
        rows.append({
            "name": topic.name, "subject": subject, "stories": len(topic.story_ids),
            "purity": round(held / len(topic.story_ids), 4),
            "query_precision": round(right / len(found), 4) if found else 0.0,
            "query_recall": round(right / per_subject[subject], 4),
            "query_terms": len(topic.names) + len(topic.places), "query": query,
        })  # fmt: skip
    weight = sum(row["stories"] for row in rows)

    def pooled(key: str) -> float | None:
        return round(sum(row[key] * row["stories"] for row in rows) / weight, 4) if weight else None

    return {
        "topics": len(rows), "stories": len(stories),
        "stories_in_topics": round(weight / len(stories), 4) if stories else 0.0,
        **{key: pooled(key) for key in ("purity", "query_precision", "query_recall", "query_terms")},
        "per_topic": rows,
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--per-folder", type=int, default=None, help="only the first N articles of each folder")
    parser.add_argument("--show", action="store_true", help="each topic's figures and query to stderr")
    args = parser.parse_args()
    if not (args.data / "timeline17" / "articles.jsonl.gz").exists():
        sys.exit(f"no Timeline17 articles under {args.data}: see ../shared/data")
    started = time.monotonic()
    records = t17_records(args.data, args.per_folder)
    stories = ingest(records)
    figures = score(discover_topics(stories), stories)
    if args.show:
        for row in figures["per_topic"]:
            print(f"{row['stories']:4} {row['subject']:10} purity {row['purity']:.2f}  precision "
                  f"{row['query_precision']:.2f}  recall {row['query_recall']:.2f}  {row['name']}\n"
                  f"     {row['query'][:200]}", file=sys.stderr)
    figures["articles"] = len(records)
    figures["seconds"] = round(time.monotonic() - started, 1)
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
