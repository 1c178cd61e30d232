"""Same-event grouping: volg's stories against a hand-labelled Dutch week, with a TF-IDF baseline beside them.

    python -m benchmarks.same_event [--data ../shared/data] [--labels benchmarks/labels/dpgmedia_events.jsonl]
                                    [--threshold 0.3] [--limit N] [--errors]

The articles: every DpgMedia2019 article listed in `benchmarks/labels/dpgmedia_events.jsonl` (all 387 of
2019-03-25..31, each with a hand-made event group; see the README there). They go into a scratch volg database
through `Service.ingest_raw` (clean → dedupe → store → cluster on ingest), one at a time in time order on a
simulated clock, written as `benchmarks.digest_audit` writes the dpgmedia stream for `volg replay` (made-up URL,
the publisher as outlet, Dutch, the date's time of day spread deterministically by id).

An article's story is the story of its opening passage (section 0: `Storage.stories_of_article` and
`passages_of_story`). An article volg dedupes as a duplicate counts as its original's story (it was stored as a
sighting of the original: to a reader it is that article). An article volg rejects (or one without an opening
passage) counts as its own singleton. How many of each there were is in the output.

Scored over all pairs of the labelled articles: pairwise precision (of the pairs volg put in one story, the share
the labels put in one event), recall (of the labelled same-event pairs, the share volg put in one story) and F1;
B-cubed precision, recall and F1 besides. `volg_news` scores the same way over the articles volg calls news or live
only: their stories are what developments are made of (opinion and background may join a story but open nothing).

Baseline: single-pass clustering with TF-IDF cosine on title + text, in the same order: each article joins the
existing group whose centroid is most similar if that cosine is at least `--threshold`, else starts a group. The
TF-IDF weights (scikit-learn, sublinear tf, words of 2+ letters in at least 1 and at most half of the articles) are
fitted on the week itself, which an online system could not do: it flatters the baseline a little. The baseline is
also given at every threshold of a sweep (`baseline_sweep`); its best F1 there is tuned on the test labels.

`--limit N` scores only the first N labelled articles in time order (a quick run). With `--errors`, the labelled
pairs volg split and the pairs it joined against the labels go to stderr, as ids.

`volg_pairs_by_kind` splits the labelled pairs by how many of the two articles volg calls news or live (both, one,
neither) and says how many of each volg put in one story: where the recall is lost. `ceiling_attach_to_news` is the
F1 volg would reach if its news stories stayed as they are and every other article joined the story that holds most
of its event's news articles (alone when its event has none): what placing opinion and background beside the news
can give at best, before any two pieces of opinion about one event are grouped with each other.

With `--contexts`, volg is scored again with the labelled week inside other streams (`CONTEXTS`): the whole
DpgMedia stream, and seeded shares of its other articles (each article of the rest kept when a hash of the seed
and its id falls below the share). The labelled articles are the same in each; what surrounds them, and so the
document frequencies and the stories they can join, differs. One stream's F1 moves by a few hundredths when a
single early join falls the other way (a different story opens, and what joins later follows it), so a change to
clustering is better judged by the mean over the contexts (`contexts.mean`) than by one stream.
The last stdout line is one JSON object.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime
from itertools import combinations
from pathlib import Path
from typing import Any

from benchmarks import DEFAULT_DATA
from benchmarks.digest_audit import LABELS, code_version, dpgmedia_records
from volg.models import NEWS_GENRES

DEFAULT_LABELS = LABELS / "dpgmedia_events.jsonl"
SWEEP = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6)
CONTEXTS = (("whole stream", "", 1.0), ("half a", "a", 0.5), ("half b", "b", 0.5), ("quarter", "c", 0.25),
            ("three quarters", "d", 0.75))  # fmt: skip
"""(name, seed, share of the unlabelled DpgMedia articles kept around the labelled week)"""


def pairs(group_of: Mapping[str, str]) -> set[tuple[str, str]]:
    """The unordered pairs of ids in one group."""
    members: dict[str, list[str]] = defaultdict(list)
    for key, group in group_of.items():
        members[group].append(key)
    return {(a, b) for ids in members.values() for a, b in combinations(sorted(ids), 2)}


def pairwise(gold: Mapping[str, str], found: Mapping[str, str]) -> dict[str, float]:
    """Pairwise precision, recall and F1 of `found` against `gold` (both id → group, same ids)."""
    gold_pairs, found_pairs = pairs(gold), pairs(found)
    hits = len(gold_pairs & found_pairs)
    precision = hits / len(found_pairs) if found_pairs else 1.0
    recall = hits / len(gold_pairs) if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "pairs_found": len(found_pairs), "pairs_right": hits, "pairs_gold": len(gold_pairs)}  # fmt: skip


def bcubed(gold: Mapping[str, str], found: Mapping[str, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 (per article, averaged)."""
    gold_members: dict[str, set[str]] = defaultdict(set)
    found_members: dict[str, set[str]] = defaultdict(set)
    for key in gold:
        gold_members[gold[key]].add(key)
        found_members[found[key]].add(key)
    precision = sum(len(found_members[found[k]] & gold_members[gold[k]]) / len(found_members[found[k]])
                    for k in gold) / len(gold)  # fmt: skip
    recall = sum(len(found_members[found[k]] & gold_members[gold[k]]) / len(gold_members[gold[k]])
                 for k in gold) / len(gold)  # fmt: skip
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def shape(found: Mapping[str, str]) -> dict[str, int]:
    sizes = Counter(found.values())
    return {"groups": len(sizes), "singletons": sum(1 for n in sizes.values() if n == 1),
            "largest": max(sizes.values(), default=0)}  # fmt: skip


def volg_stories(records: Sequence[dict[str, Any]]) -> tuple[dict[str, str], dict[str, str], Counter[str], float]:
    """id → volg's story of each article (see the module docstring), id → volg's genre of it (rejected: "none"), the
    ingest statuses, and the seconds it took."""
    from volg.models import RawArticle, Status
    from volg.service import make_service

    now = datetime.fromisoformat(records[0]["published_at"].replace("Z", "+00:00"))
    statuses: Counter[str] = Counter()
    article_of: dict[str, int | None] = {}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="volg-same-event-") as scratch, make_service(
            database=str(Path(scratch) / "events.db")) as svc:
        svc.clock = lambda: now
        for number, r in enumerate(records, start=1):
            now = datetime.fromisoformat(r["published_at"].replace("Z", "+00:00"))
            result = svc.ingest_raw(RawArticle(
                origin=f"dpgmedia:{r['id']}", url=r["url"], title=r["title"], text=r["text"], published_at=now,
                source=r["source"], language=r["language"], external_id=r["id"],
            ))  # fmt: skip
            statuses[result.status.value] += 1
            article_of[r["id"]] = None if result.status is Status.REJECTED or result.article is None \
                else result.article.id
            if number % 100 == 0:
                print(f"  {number}/{len(records)} ingested, {time.perf_counter() - started:.0f} s", file=sys.stderr)
        seconds = time.perf_counter() - started
        story_of: dict[str, str] = {}
        genre_of: dict[str, str] = {}
        for key, article_id in article_of.items():
            story = None
            genre_of[key] = "none" if article_id is None else svc.storage.get_article(article_id).clean.genre
            if article_id is not None:
                story = next((s for s in svc.storage.stories_of_article(article_id)
                              if (article_id, 0) in svc.storage.passages_of_story(s)), None)
            if story is None:
                statuses["no opening story"] += article_id is not None
                story_of[key] = f"alone:{key}"
            else:
                story_of[key] = f"story:{story}"
    return story_of, genre_of, statuses, seconds


def kept(seed: str, share: float, key: str) -> bool:
    """Whether an unlabelled article stays in a context of `share` (deterministic: by a hash of seed and id)."""
    if share >= 1.0:
        return True
    return int(hashlib.sha256(f"{seed}:{key}".encode()).hexdigest()[:8], 16) < share * 0x100000000


def in_contexts(everything: Sequence[dict[str, Any]], gold: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    """volg's pairwise scores, all articles and news only, for the labelled week inside each of `CONTEXTS` (see the
    module docstring), each stream in time order."""
    scores: dict[str, dict[str, Any]] = {}
    for name, seed, share in CONTEXTS:
        records = [r for r in everything if r["id"] in gold or kept(seed, share, r["id"])]
        print(f"context {name}: {len(records)} articles ...", file=sys.stderr)
        found, genre_of, _, _ = volg_stories(records)
        news = [key for key in gold if genre_of[key] in NEWS_GENRES]
        mine = {k: found[k] for k in gold}
        scores[name] = {"articles": len(records), "all": pairwise(gold, mine),
                        "news": pairwise({k: gold[k] for k in news}, {k: found[k] for k in news}),
                        "ceiling": pairwise(gold, attached_to_news(gold, mine, set(news)))}  # fmt: skip
    return scores


def mean_scores(scores: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, float]]:
    """The mean precision, recall and F1 over the streams of `scores` (name → {"all", "news", "ceiling": scores})."""
    return {kind: {m: round(sum(c[kind][m] for c in scores.values()) / len(scores), 4)
                   for m in ("precision", "recall", "f1")} for kind in ("all", "news", "ceiling")}  # fmt: skip


def by_kind(gold: Mapping[str, str], found: Mapping[str, str], news: set[str]) -> dict[str, dict[str, int]]:
    """The labelled pairs, and how many of them `found` put in one story, by how many of the two are `news`."""
    kinds = ("neither", "one", "both")
    found_pairs = pairs(found)
    counts = {kind: {"gold": 0, "found": 0} for kind in reversed(kinds)}
    for a, b in pairs(gold):
        kind = counts[kinds[(a in news) + (b in news)]]
        kind["gold"] += 1
        kind["found"] += (a, b) in found_pairs
    return counts


def attached_to_news(gold: Mapping[str, str], found: Mapping[str, str], news: set[str]) -> dict[str, str]:
    """`found`, with every article not in `news` moved to the story that holds most of its event's news articles
    (ties: the first in id order), or alone when its event has none (see `ceiling_attach_to_news`)."""
    moved = dict(found)
    for key in gold:
        if key not in news:
            stories = Counter(found[other] for other in sorted(news) if gold[other] == gold[key])
            moved[key] = stories.most_common(1)[0][0] if stories else f"alone:{key}"
    return moved


def tfidf_single_pass(texts: Sequence[str], threshold: float) -> list[int]:
    """Each text's group: single pass, joining the most similar group centroid at or above `threshold`."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    usable = [i for i, t in enumerate(texts) if t.strip()]
    vectors = TfidfVectorizer(sublinear_tf=True, max_df=0.5, token_pattern=r"(?u)\b[^\W\d_]{2,}\b").fit_transform(
        [texts[i] for i in usable]).toarray()  # rows of unit length
    row_of = {i: n for n, i in enumerate(usable)}
    sums = np.zeros((len(texts), vectors.shape[1]))  # each group's summed vectors (its centroid's direction)
    norms = np.zeros(len(texts))
    count = 0
    groups: list[int] = []
    for i in range(len(texts)):
        vector = vectors[row_of[i]] if i in row_of else None
        if vector is not None and count:
            used = np.flatnonzero(vector)  # a text has a few hundred words of the week's thousands
            dots = sums[:count, used] @ vector[used]
            scores = np.where(norms[:count] > 0, dots / np.where(norms[:count] > 0, norms[:count], 1.0), -1.0)
            best = int(np.argmax(scores))  # ties: the oldest group
            if scores[best] >= threshold:
                sums[best] += vector
                norms[best] = np.linalg.norm(sums[best])
                groups.append(best)
                continue
        if vector is not None:
            sums[count] = vector
            norms[count] = np.linalg.norm(vector)
        groups.append(count)  # a new group (an empty text stays alone: its sum is zero)
        count += 1
    return groups


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS, help="the labelled week")
    parser.add_argument("--threshold", type=float, default=0.3, help="the baseline's cosine threshold")
    parser.add_argument("--limit", type=int, help="only the first N labelled articles in time order (quick runs)")
    parser.add_argument("--errors", action="store_true", help="print split and wrongly joined pairs on stderr")
    parser.add_argument("--contexts", action="store_true",
                        help="also score the week inside other streams around it (see CONTEXTS), and the mean")
    args = parser.parse_args(argv)
    articles = args.data / "dpgmedia2019-nl" / "articles.jsonl.gz"
    if not articles.is_file() or not args.labels.is_file():
        print(f"skipped: needs {articles} and {args.labels} (see --data, --labels)", file=sys.stderr)
        return 2
    gold_all = {row["id"]: row["group"] for row in map(json.loads, args.labels.read_text().splitlines()) if row}
    everything = dpgmedia_records(args.data)
    records = [r for r in everything if r["id"] in gold_all][: args.limit]
    missing = len(gold_all) - len(records) if args.limit is None else 0
    if missing:
        print(f"{missing} labelled ids not found in the articles", file=sys.stderr)
    gold = {r["id"]: gold_all[r["id"]] for r in records}
    print(f"{len(records)} labelled articles, {len(set(gold.values()))} events, {len(pairs(gold))} same-event pairs; "
          f"ingesting into volg ...", file=sys.stderr)  # fmt: skip

    found, genre_of, statuses, seconds = volg_stories(records)
    volg = {**pairwise(gold, found), "bcubed": bcubed(gold, found), **shape(found)}
    news = [key for key in gold if genre_of[key] in NEWS_GENRES]
    volg_news = pairwise({k: gold[k] for k in news}, {k: found[k] for k in news})
    kinds = by_kind(gold, found, set(news))
    ceiling = pairwise(gold, attached_to_news(gold, found, set(news)))
    print(f"volg: {dict(statuses)} in {seconds:.1f} s; pairwise P {volg['precision']} R {volg['recall']} "
          f"F1 {volg['f1']}; news articles only ({len(news)}): P {volg_news['precision']} R {volg_news['recall']} "
          f"F1 {volg_news['f1']}", file=sys.stderr)  # fmt: skip
    print(f"labelled pairs found, by how many of the two are news: {kinds}; F1 if every other article joined its "
          f"event's news story: {ceiling['f1']}", file=sys.stderr)  # fmt: skip

    texts = [f"{r['title']}\n{r['text']}" for r in records]
    sweep = {}
    for threshold in sorted({*SWEEP, args.threshold}):
        groups = tfidf_single_pass(texts, threshold)
        grouped = {r["id"]: f"g{g}" for r, g in zip(records, groups, strict=True)}
        sweep[threshold] = {**pairwise(gold, grouped), "bcubed_f1": bcubed(gold, grouped)["f1"], **shape(grouped)}
    baseline = {"threshold": args.threshold, **sweep[args.threshold]}
    best = max(sweep, key=lambda t: (sweep[t]["f1"], -t))
    print(f"baseline (TF-IDF single pass, cosine ≥ {args.threshold}): P {baseline['precision']} "
          f"R {baseline['recall']} F1 {baseline['f1']}; best F1 over the sweep {sweep[best]['f1']} at {best} "
          f"(tuned on the labels)", file=sys.stderr)  # fmt: skip

    if args.errors:
        title = {r["id"]: r["title"][:60] for r in records}
        gold_pairs, found_pairs = pairs(gold), pairs(found)
        for label, chosen in (("split (same event, different stories)", gold_pairs - found_pairs),
                              ("joined (one story, different events)", found_pairs - gold_pairs)):
            print(f"\n{label}: {len(chosen)}", file=sys.stderr)
            for a, b in sorted(chosen):
                print(f"  {a} {gold[a]} {found[a]:>12} | {b} {gold[b]} {found[b]:>12} | {title[a]!r} ~ {title[b]!r}",
                      file=sys.stderr)  # fmt: skip

    contexts: dict[str, Any] = {}
    if args.contexts:
        contexts = {"week alone": {"articles": len(records), "all": volg, "news": volg_news, "ceiling": ceiling},
                    **in_contexts([r for r in everything if r["id"] not in gold_all or r["id"] in gold], gold)}
        contexts["mean"] = mean_scores(contexts)
        print(f"mean over the week alone and {len(CONTEXTS)} contexts: all {contexts['mean']['all']}; news only "
              f"{contexts['mean']['news']}; ceiling {contexts['mean']['ceiling']}", file=sys.stderr)  # fmt: skip

    result = {
        "articles": len(records),
        "events": len(set(gold.values())),
        "same_event_pairs": len(pairs(gold)),
        "volg": volg,
        "volg_news": {"articles": len(news), **volg_news},
        "volg_pairs_by_kind": kinds,
        "ceiling_attach_to_news": ceiling,
        "volg_statuses": dict(statuses),
        "volg_seconds": round(seconds, 1),
        "duplicates_count_as": "the original's story",
        "rejected_count_as": "singletons",
        "baseline": baseline,
        "baseline_best": {"threshold": best, **sweep[best]},
        "baseline_sweep": {str(t): {k: v[k] for k in ("precision", "recall", "f1")} for t, v in sweep.items()},
        "volg_code": code_version(),
    }
    if contexts:
        result["contexts"] = contexts
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
