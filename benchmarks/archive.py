"""volg at archive size: what reading and ingest cost as one database grows to 5k, 20k and 100k articles.

    python -m benchmarks.archive [--data ../shared/data] [--sizes 5000,20000,100000] [--batch 200]
                                 [--per-day 500] [--keep DIR]

The base stream is the mixed real one: DpgMedia2019 (Dutch), all of Timeline17 (English) and ML-Crisis (Spanish,
French, Italian), 7,461 articles, read as `benchmarks.digest_audit` reads them. The three sets are interleaved as if
each ran over the same period (an article at its rank's share of its set), and every article of the grown stream is
published `--per-day` a day (default 500: a volg following a few dozen feeds), the newest an hour ago.

Loading: cleaning costs some 16–20 ms of CPU per article here, so 100k articles cleaned one by one would take over
40 minutes. Instead each base article is cleaned once (`Service.ingest_raw` into a scratch database) and the
database grows by copies of the cleaned articles, stored straight through `Storage.add_article` with new URLs, ids
and times (copy k of the base follows copy k-1 in time), then clustered by the Service's own clusterer, 500 at a
time, as ingesting clusters each article (the state saved when due). The texts stay whole, so reading works on real full
texts; copies of one article lie weeks apart, so they are never one story. Only the first copy counts its lines into
its source's boilerplate profile (later copies would make every line of the base look common). A progress line goes
to stderr every 500 articles. With `--keep DIR` the cleaned base is kept in DIR and a later run reuses it (delete
DIR/base-*.pickle when the cleaning has changed); the database, DIR/archive.db, is grown anew each run and kept.

Each size after the first is rounded up (by less than the base's length) so that the newest days hold the same
part of the base stream as at the first size: the base is not uniform (Timeline17's Syria articles come at its
end), and reading costs what the window holds; `stored` says how many articles there were.

At each size the last `--batch` articles are new ones (held out of the copies: every k-th base article, a fresh set
for each size) ingested through the real path, `Service.ingest_raw` with clustering on: `ingest_ms_per_article` is
their CPU time per article. The batches are different articles, so after the growth each batch is ingested once
more, alike, into an empty database of its own: `ingest_ms_per_article_empty` is that time, and `ingest_vs_empty`
(per size) the first over the second, which is what says whether ingest grows with the archive. The clusterer's
state saves are timed (CPU): `state_save_ms_per_article` is the time of those made while loading and ingesting the
articles since the previous size, per article; then the state is saved once more, as a cycle of `volg run` ends
(`Service.catch_up`: what changed since the last save), so the readers find nothing to cluster: `cycle_save_s` is
that save's time, paid once a cycle, not per article.

Then each reading command runs as a user runs it, in a fresh `python -m volg` process on the database, and its CPU
time (user + system) and peak RSS are taken from the child's resource usage (the children are started from a small
spawned process: Linux keeps a process's peak RSS across fork and exec, so children of the loader would report its
peak):

- `digest`: `volg digest --topic T --at A`, the preview of a defined topic's digest an hour after the newest article;
- `developments`: `volg developments --topic T --since S`, S one day before A;
- `topics_add`: `volg topics add NAME --query Q`, a new topic each size (it reports its stories);
- `topics_list`: `volg topics list --json`, what the home page and the API's topic list read: current news, the 4
  weeks up to the newest story (14,000 articles at 500 a day), so it grows until the archive holds 4 weeks and is
  flat after. It is reported in `reads` but not in `read_cpu_s`, which are the three windowed reads above.

The topic T is Timeline17's Syria reader (`digest_audit.T17_TOPICS`), defined before the growth; Q is its Libya one.

Last stdout line: one JSON object with `sizes`, `read_cpu_s` (per size: the largest of the three reading costs),
`read_growth` (the largest size's reading cost over the smallest's), `ingest_ms_per_article` (per size),
`state_save_ms_per_article_max`, `ingest_ms_per_article_empty` and `ingest_vs_empty` (per size), and extras: `reads`
(per size and command: `cpu_s`, `rss_mb`), `state_save_ms_per_article` (per size), `cycle_save_s` (per size),
`stored` (articles per size), `load_cpu_s` (per size, the growth). Targets (issue 13): `read_growth` ≤ 1.5, ingest
per article flat, state save ≤ 0.2 ms per article at every size. """

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks import DEFAULT_DATA
from benchmarks.digest_audit import (
    T17_TOPICS,
    _in_order,
    _iso,
    _records,
    dpgmedia_records,
    spread_time,
    stream_bytes,
    t17_records,
)
from benchmarks.startup import run_volg
from volg.models import CleanArticle, RawArticle
from volg.pipeline.clean.boilerplate import profile_keys
from volg.pipeline.clean.dedupe import Fingerprint, canonical_url, fingerprint
from volg.pipeline.ingest.documents import parse_document
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage
from volg.storykeeper import StoryKeeper

CHUNK = 500
"""Copies stored (in one transaction) and clustered at a time."""
TOPIC = next(follow for follow in T17_TOPICS if follow.subject == "SyrianCrisis")
NEW_TOPIC = next(follow for follow in T17_TOPICS if follow.subject == "LibyaWar")
WINDOWED = ("digest", "developments", "topics_add")
"""The reading commands whose window is a day or a week: `read_cpu_s` and `read_growth` are theirs."""
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- the base stream ---


def crisis_records(data: Path) -> list[dict[str, Any]]:
    """ML-Crisis as replay lines, in time order, without titles (the data has none: volg makes them, as for T17)."""
    lines = []
    for r in _records(data / "ml-crisis" / "articles.jsonl.gz"):
        key = f"{r['lang']}/{r['topic']}/{r['id']}"
        lines.append({
            "id": key, "url": f"https://crisis.example/{key}", "text": r["text"] or "",
            "published_at": _iso(spread_time(r["date"], key)), "source": f"{r['source_prefix']}-{r['lang']}",
            "language": r["lang"],
        })  # fmt: skip
    return _in_order(lines)


def interleaved(sets: Sequence[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The sets merged as if each ran over the same period: each record at its rank's share of its set."""
    keyed = [((rank + 0.5) / len(records), n, record) for n, records in enumerate(sets)
             for rank, record in enumerate(records)]
    return [record for *_, record in sorted(keyed, key=lambda entry: entry[:2])]


def base_stream(data: Path) -> list[RawArticle]:
    records = interleaved([dpgmedia_records(data), t17_records(data), crisis_records(data)])
    return [item for item in parse_document(stream_bytes(records), "archive.jsonl") if isinstance(item, RawArticle)]


def held_out(base: list[RawArticle], batches: int, batch: int) -> tuple[list[RawArticle], list[list[RawArticle]]]:
    """Every k-th article held out, dealt into `batches` batches of `batch` new articles; and the rest, to copy."""
    stride = max(1, len(base) // (batches * batch))
    held = set(range(0, len(base), stride)[: batches * batch])
    kept = [raw for n, raw in enumerate(base) if n not in held]
    dealt = sorted(held)
    return kept, [[base[n] for n in dealt[k::batches]] for k in range(batches)]


def cleaned(raws: list[RawArticle], home: Path, cache: Path) -> list[tuple[CleanArticle, Fingerprint]]:
    """Each article cleaned once (duplicates dropped, boilerplate learned as in a real ingest), in stream order;
    kept in `cache`, and read from it when it is there."""
    if cache.is_file():
        log(f"cleaned base articles read from {cache}")
        return pickle.loads(cache.read_bytes())  # type: ignore[no-any-return]
    base = _clean(raws, home)
    cache.write_bytes(pickle.dumps(base))
    return base


def _clean(raws: list[RawArticle], home: Path) -> list[tuple[CleanArticle, Fingerprint]]:
    with Service(Settings(home=str(home)), open_storage(":memory:"), cluster_on_ingest=False) as svc:
        for n, raw in enumerate(raws, start=1):
            svc.ingest_raw(raw)
            if n % CHUNK == 0:
                log(f"cleaned {n}/{len(raws)} base articles")
        stored = sorted(svc.articles(), key=lambda article: article.id)
    return [(article.clean, fingerprint(article.clean)) for article in stored]


# --- the growing database ---


class TimedKeeper(StoryKeeper):
    """The Service's clusterer keeper, counting the CPU time of its state saves."""

    save_s = 0.0

    def save(self) -> None:
        started = time.process_time()
        super().save()
        self.save_s += time.process_time() - started


class Archive:
    """One database grown by copies of the cleaned base and batches of new articles, one publication slot each."""

    def __init__(self, svc: Service, base: list[tuple[CleanArticle, Fingerprint]], first: datetime,
                 step: timedelta) -> None:
        self.svc, self.base, self.first, self.step = svc, base, first, step
        self.slot = self.copied = 0
        with svc.storage.transaction():
            svc._keeper = self.keeper = TimedKeeper(svc.storage)

    def next_time(self) -> datetime:
        self.slot += 1
        return self.first + (self.slot - 1) * self.step

    def grow(self, count: int) -> None:
        """Store `count` more copies and cluster them, `CHUNK` at a time."""
        end = self.copied + count
        while self.copied < end:
            with self.svc.storage.transaction():
                for _ in range(min(CHUNK, end - self.copied)):
                    self._store_copy()
                self.keeper.add_unseen()  # as ingesting clusters each article (and saves the state when due)
            if self.copied % (10 * CHUNK) < CHUNK or self.copied == end:
                log(f"stored {self.copied} copies ({self.svc.storage.count()['stories']} stories)")

    def _store_copy(self) -> None:
        copy, n = divmod(self.copied, len(self.base))
        clean, fp = self.base[n]
        moved = replace(clean, url=f"{clean.url}/copy{copy}", external_id=f"{clean.external_id}/{copy}",
                        published_at=self.next_time())
        self.svc.storage.add_article(moved, replace(fp, url=canonical_url(moved.url or "")), copy_of=None,
                                     at=moved.published_at)
        if copy == 0:
            self.svc.storage.learn_lines(moved.source, profile_keys(moved.sections))
        self.copied += 1

    def ingest(self, batch: list[RawArticle]) -> float:
        """Ingest new articles through the real path, clustered as they come; CPU ms per article."""
        started = time.process_time()
        for raw in batch:
            self.svc.ingest_raw(replace(raw, published_at=self.next_time()))
        return (time.process_time() - started) * 1000 / len(batch)

    def newest(self) -> datetime:
        return self.first + (self.slot - 1) * self.step


def aligned(count: int, phase: int, cycle: int) -> int:
    """The least number from `count` on that is `phase` modulo `cycle`."""
    return count + (phase - count) % cycle


def readings(env: dict[str, str], at: datetime, size: int) -> dict[str, dict[str, float]]:
    """CPU seconds and peak RSS of each reading command, each in a fresh `python -m volg` process. Run it in a small
    process: Linux keeps a process's peak RSS across fork and exec, so a child of this (large) one would report
    this one's."""
    commands = {
        "digest": ["digest", "--topic", TOPIC.name, "--at", at.strftime(TIME_FORMAT)],
        "developments": ["developments", "--topic", TOPIC.name, "--since",
                         (at - timedelta(days=1)).strftime(TIME_FORMAT)],
        "topics_add": ["topics", "add", f"{NEW_TOPIC.name} {size}", "--query", NEW_TOPIC.query],
        "topics_list": ["topics", "list", "--json"],
    }
    found = {}
    for name, args in commands.items():
        _, cpu_s, rss_mb = run_volg(args, env)
        found[name] = {"cpu_s": round(cpu_s, 2), "rss_mb": round(rss_mb, 1)}
        log(f"[{size}] volg {' '.join(args[:2])}: {cpu_s:.2f} s CPU, {rss_mb:.0f} MB")
    return found


def run(data: Path, sizes: list[int], batch: int, per_day: int, folder: Path) -> dict[str, Any]:
    kept, batches = held_out(base_stream(data), len(sizes), batch)
    log(f"{len(kept)} base articles to copy, {len(sizes)} batches of {batch} new ones")
    base = cleaned(kept, folder / "home", folder / f"base-{len(sizes)}x{batch}.pickle")
    for leftover in ("archive.db", "archive.db-wal", "archive.db-shm"):
        (folder / leftover).unlink(missing_ok=True)
    step = timedelta(days=1) / per_day
    newest = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOLG_")} | {
        "VOLG_HOME": str(folder / "home"), "VOLG_DATABASE": str(folder / "archive.db")}
    figures: dict[str, dict[int, Any]] = {key: {} for key in ("reads", "ingest", "save", "cycle_save", "stored",
                                                               "load", "empty")}
    spawn = multiprocessing.get_context("spawn")
    with (Service(Settings(home=str(folder / "home")), open_storage(str(folder / "archive.db"))) as svc,
          ProcessPoolExecutor(1, mp_context=spawn) as readers):
        svc.add_topic(TOPIC.name, TOPIC.query)
        archive = Archive(svc, base, newest - (max(sizes) + len(base)) * step, step)
        phase: int | None = None
        for size, new in zip(sizes, batches, strict=True):
            before, saved, started = svc.storage.count()["articles"], archive.keeper.save_s, time.process_time()
            copies = max(archive.copied, size - len(new) - (before - archive.copied))
            copies = copies if phase is None else aligned(copies, phase, len(base))
            phase = copies % len(base)
            archive.grow(copies - archive.copied)
            figures["load"][size] = round(time.process_time() - started, 1)
            figures["ingest"][size] = round(archive.ingest(new), 2)
            stored = figures["stored"][size] = svc.storage.count()["articles"]
            figures["save"][size] = round((archive.keeper.save_s - saved) * 1000 / max(1, stored - before), 3)
            saved = archive.keeper.save_s
            svc.catch_up()  # as a cycle of volg run ends: the state saved, the reading processes find nothing to do
            figures["cycle_save"][size] = round(archive.keeper.save_s - saved, 2)
            log(f"[{size}] {stored} articles; ingest {figures['ingest'][size]} ms per article, state save "
                f"{figures['save'][size]} ms per article, {figures['cycle_save'][size]} s at the cycle's end")
            figures["reads"][size] = readers.submit(readings, env, archive.newest() + timedelta(hours=1), size).result()
    for size, new in zip(sizes, batches, strict=True):
        figures["empty"][size] = round(empty_ingest(new, folder / "home", newest, step), 2)
        log(f"[{size}] the same batch into an empty database: {figures['empty'][size]} ms per article")
    return figures


def empty_ingest(batch: list[RawArticle], home: Path, newest: datetime, step: timedelta) -> float:
    """CPU ms per article of ingesting `batch` into an empty database, one publication slot each, as `Archive.ingest`
    does into the grown one."""
    with (tempfile.TemporaryDirectory() as tmp,
          Service(Settings(home=str(home)), open_storage(str(Path(tmp) / "empty.db"))) as svc):
        started = time.process_time()
        for n, raw in enumerate(batch):
            svc.ingest_raw(replace(raw, published_at=newest - (len(batch) - n) * step))
        return (time.process_time() - started) * 1000 / len(batch)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--sizes", default="5000,20000,100000", help="database sizes, comma-separated, ascending")
    parser.add_argument("--batch", type=int, default=200, help="new articles ingested (timed) at each size")
    parser.add_argument("--per-day", type=int, default=500, help="articles published a day in the grown stream")
    parser.add_argument("--keep", type=Path, help="grow the database in this folder and keep it, with the cleaned "
                        "base articles, which a later run with the same folder reuses")
    args = parser.parse_args(argv)
    sizes = sorted(int(n) for n in args.sizes.split(",") if n.strip())
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        figures = run(args.data, sizes, args.batch, args.per_day, folder)
    read = {size: max(found["cpu_s"] for name, found in figures["reads"][size].items() if name in WINDOWED)
            for size in sizes}
    print(json.dumps({
        "sizes": sizes, "read_cpu_s": read, "read_growth": round(read[sizes[-1]] / read[sizes[0]], 2),
        "ingest_ms_per_article": figures["ingest"], "state_save_ms_per_article_max": max(figures["save"].values()),
        "ingest_ms_per_article_empty": figures["empty"],
        "ingest_vs_empty": {size: round(figures["ingest"][size] / figures["empty"][size], 2) for size in sizes},
        "reads": figures["reads"], "state_save_ms_per_article": figures["save"], "stored": figures["stored"],
        "cycle_save_s": figures["cycle_save"], "load_cpu_s": figures["load"],
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
