"""Digests on a labelled stream: replay the UCI headlines through volg and score one reader's digests.

    python -m benchmarks.digest --dataset uci [--data ../shared/data] [--digests 6] [--max-items 5]

Each headline goes through volg's real ingest path (`Service.ingest_raw`, clean → dedupe → store → cluster) with a
simulated clock at the headline's time. The UCI data has no article bodies, so an article's text is its headline
(headlines under volg's minimum article length are rejected by the clean stage, as any such input would be; the
run counts them). One reader follows everything: at each of `--digests` times spread evenly over the stream (every
6 hours for the 36-hour sample), the digest is what `volg.pipeline.compose.select` picks from
`Service.developments(since=previous digest)` — all stories, no topic — carrying the delivered development keys and
story ids forward as `Service.compose_due` does.

Each item maps to the gold story most of its cited articles (`Citation.external_id` = the UCI id) belong to.

- `repeat_rate`: items whose gold story the reader already received in an earlier digest, unless the item is an
  update with new information (`is_update` and `development.new`), over all items. Target ≤ 1%.
- `coverage`: over the windows, the share of each window's 5 largest gold stories (by headlines published in the
  window, all headlines counted) that some item of that window's digest maps to. Target ≥ 70%.

Last stdout line: one JSON object with `digests`, `items`, `repeat_rate`, `coverage` and extras.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks import DEFAULT_DATA

HEADLINE_WORDS = 3
"""`min_article_words` for a feed of headlines only."""
UCI_FILE = Path("uci-news-aggregator-sample") / "headlines.jsonl.gz"
TOP_STORIES = 5


@dataclass(frozen=True)
class ScoredItem:
    """One digest item as the metrics see it: its gold story (None if unmapped) and whether it carries new info."""

    gold: str | None
    informative_update: bool


def majority_gold(external_ids: Iterable[str | None], gold_of: Mapping[str, str]) -> str | None:
    """The gold story most of the cited articles belong to (ties: the smallest story id); None when none is known."""
    counts = Counter(gold_of[e] for e in external_ids if e is not None and e in gold_of)
    if not counts:
        return None
    return min(counts, key=lambda story: (-counts[story], story))


def repeats(digests: Sequence[Sequence[ScoredItem]]) -> int:
    """Items whose gold story an earlier digest already delivered, unless they are updates with new information."""
    received: set[str] = set()
    count = 0
    for digest in digests:
        for item in digest:
            if item.gold is not None and item.gold in received and not item.informative_update:
                count += 1
        received.update(item.gold for item in digest if item.gold is not None)
    return count


def largest(golds: Iterable[str], n: int = TOP_STORIES) -> list[str]:
    """The `n` gold stories with the most headlines (ties: the smallest story id)."""
    counts = Counter(golds)
    return sorted(counts, key=lambda story: (-counts[story], story))[:n]


def coverage(
    window_golds: Sequence[Iterable[str]], digests: Sequence[Sequence[ScoredItem]], n: int = TOP_STORIES
) -> tuple[int, int]:
    """(hits, targets): of each window's `n` largest gold stories, how many its digest has an item of."""
    hits = targets = 0
    for golds, digest in zip(window_golds, digests, strict=True):
        top = largest(golds, n)
        shown = {item.gold for item in digest}
        targets += len(top)
        hits += sum(1 for story in top if story in shown)
    return hits, targets


def _records(path: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def _when(record: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(record["datetime_utc"].replace("Z", "+00:00")).astimezone(UTC)


def run_uci(data: Path, digests: int, max_items: int) -> dict[str, Any]:
    from volg.models import DigestItem, RawArticle, Status, Subscription
    from volg.pipeline.compose import select
    from volg.service import Service
    from volg.settings import Settings
    from volg.storage import open_storage

    records = sorted(_records(data / UCI_FILE), key=lambda r: (r["timestamp_ms"], r["id"]))
    gold_of = {str(r["id"]): r["story"] for r in records}
    start = _when(records[0]).replace(second=0, microsecond=0)
    step = (_when(records[-1]) - start) / digests
    step = timedelta(minutes=-(-step // timedelta(minutes=1)))  # whole minutes, rounded up: the last time covers all
    times = [start + step * k for k in range(1, digests + 1)]
    print(f"{len(records)} headlines, {len(set(gold_of.values()))} gold stories, "
          f"digests every {step} from {times[0]:%Y-%m-%d %H:%M} UTC", file=sys.stderr)  # fmt: skip

    now = start
    # the UCI sample is headlines only: the setting for headline feeds lets them in as articles
    service = Service(Settings(min_article_words=HEADLINE_WORDS), open_storage(":memory:"), clock=lambda: now)
    sub = Subscription(topic="everything", max_items=max_items)
    delivered: set[str] = set()
    delivered_stories: set[int] = set()
    statuses: Counter[str] = Counter()
    rejections: Counter[str] = Counter()
    stored_ids: set[str] = set()
    composed: list[tuple[DigestItem, ...]] = []
    previous = start - timedelta(minutes=1)
    pending = iter(records)
    record = next(pending, None)
    for number, until in enumerate(times, start=1):
        while record is not None and _when(record) <= until:
            now = _when(record)
            result = service.ingest_raw(RawArticle(
                origin=f"uci:{record['id']}", url=record["url"], title=record["title"], text=record["title"],
                published_at=now, source=record["publisher"] or record["hostname"], language="en",
                external_id=str(record["id"]),
            ))  # fmt: skip
            statuses[result.status.value] += 1
            if result.status is Status.REJECTED:
                rejections[(result.error or "").split(": ", 1)[-1].split(" (")[0]] += 1
            elif result.status in (Status.NEW, Status.UPDATED):
                stored_ids.add(str(record["id"]))
            record = next(pending, None)
        now = until
        found = [d for d in service.developments(since=previous) if d.first_seen <= until]
        items = select(sub, found, since=previous, until=until, delivered=delivered,
                       delivered_stories=delivered_stories)  # fmt: skip
        delivered.update(item.development.key for item in items)
        delivered_stories.update(item.development.story_id for item in items)
        composed.append(items)
        print(f"digest {number} at {until:%Y-%m-%d %H:%M}: {len(found)} developments, {len(items)} items "
              f"({sum(statuses.values())} headlines read)", file=sys.stderr)  # fmt: skip
        for item in items:
            dev = item.development
            gold = majority_gold((c.external_id for c in dev.sources), gold_of)
            mark = " update" if item.is_update else ""
            print(f"    {dev.importance:5.2f} {len(dev.sources):3} src{mark} [{(gold or '?')[:8]}] {dev.headline[:80]}",
                  file=sys.stderr)  # fmt: skip
        previous = until

    scored = [
        [
            ScoredItem(
                majority_gold((c.external_id for c in item.development.sources), gold_of),
                item.is_update and bool(item.development.new),
            )
            for item in items
        ]  # fmt: skip
        for items in composed
    ]
    bounds = [start - timedelta(minutes=1), *times]
    windows_all = [[r["story"] for r in records if bounds[k] < _when(r) <= bounds[k + 1]] for k in range(digests)]
    windows_stored = [
        [r["story"] for r in records if bounds[k] < _when(r) <= bounds[k + 1] and str(r["id"]) in stored_ids]
        for k in range(digests)
    ]
    hits, targets = coverage(windows_all, scored)
    hits_stored, targets_stored = coverage(windows_stored, scored)
    items_total = sum(len(d) for d in scored)
    repeated = repeats(scored)
    in_digest_twice = sum(len(d) - len({i.gold for i in d}) for d in scored)
    print(f"statuses: {dict(statuses)}; rejected because: {dict(rejections)}", file=sys.stderr)
    return {
        "digests": sum(1 for d in scored if d),
        "items": items_total,
        "repeat_rate": round(repeated / items_total, 4) if items_total else 0.0,
        "coverage": round(hits / targets, 4) if targets else 0.0,
        "repeats": repeated,
        "coverage_hits": hits,
        "coverage_targets": targets,
        "coverage_of_stored": round(hits_stored / targets_stored, 4) if targets_stored else 0.0,
        "same_digest_story_twice": in_digest_twice,
        "unmapped_items": sum(1 for d in scored for i in d if i.gold is None),
        "headlines": len(records),
        "stored": len(stored_ids),
        "rejected": statuses.get(Status.REJECTED.value, 0),
        "duplicates": statuses.get(Status.DUPLICATE.value, 0),
        "max_items": max_items,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dataset", choices=("uci",), default="uci")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder holding the shared data sets")
    parser.add_argument("--digests", type=int, default=6, help="how many digests over the stream")
    parser.add_argument("--max-items", type=int, default=5, help="items per digest at most")
    args = parser.parse_args(argv)
    if not (args.data / UCI_FILE).is_file():
        print(f"benchmark data not found: {args.data / UCI_FILE} (see --data)", file=sys.stderr)
        return 2
    print(json.dumps(run_uci(args.data, args.digests, args.max_items)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
