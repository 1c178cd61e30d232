"""Timeline quality: volg's developments as a dated news timeline, scored against human-written timelines.

    python -m benchmarks.timeline [--dataset t17|PATH] [--limit-timelines N] [--jobs N] [--date-score max|sum]
        [--reference-back X] [--show]

The protocol of news timeline summarisation (Ghalandari & Ifrim 2020, "news-tls", with the `tilse` package): for
each reference timeline, volg gets only its topic's articles published within the timeline's first..last date;
it outputs as many dates as the reference has, with as many sentences per date as the reference's average (rounded,
at least 1). Scores: alignment-based ROUGE-1 and ROUGE-2 with many-to-one date alignment
("align_date_content_costs_many_to_one") and date F1; precision and recall are averaged over the timelines and F is
taken from those averages, as news-tls does. Two modes:

- retrospective: every article of the range is ingested into a fresh in-memory Service (clustering on ingest, clock
  at each article's publication), then `developments()` over the whole range, each dated by its `first_seen`.
- online: one digest a day. Articles are ingested day by day; at the end of each day d, `developments(since=d)`
  gives what a reader could have got that day (importance as known then); the digest is its top developments.

Selection (the same in both modes; the timeline system is volg plus this selection). Topic folders hold unrelated
stories too, so a development is weighted by importance x relevance x log2(1 + its story's distinct sources):
relevance is the cosine between its summary's word stems and the topic profile (for each stem, the number of
articles that contain it — in online mode only the articles that had arrived by that day), so the topic's dominant
stories and their central developments come first. A date scores the `max` (default) or `sum` of its developments'
weights, raised by how often the topic's articles refer back to it (news-tls's date-reference signal, found by volg
itself with `dates.mentioned_dates`: "on March 20", "20 maart 2003", "on Tuesday", "yesterday", resolved against each
article's publication day): x (1 + `--reference-back` x log2(1 + the articles of other days that mention it)); in
online mode only the articles that had arrived by the digest's day count. The reference's number of top dates are
kept. Each date's first sentence is its best development's best summary sentence (never a bare headline; by the
development's weight scaled by the sentence's own relevance); the rest, up to the reference's average, are the
date's other summary sentences and the sentences of the topic's articles that mention the date (8–45 words, no
boilerplate; online: arrived by that day), ranked by relevance to the topic profile, without repeats.

`--dataset` takes `t17` (../shared/data/timeline17 next to the repository) or any folder in the same layout:
`articles.jsonl.gz` (topic, id, date, text) and `timelines.jsonl` (topic, timeline_file, entries of {date, text}).
Needs `tilse` (pip install tilse) and, for its ROUGE-1.5.5, Debian's libxml-parser-perl and libwww-perl. Last line:
one JSON object with `timelines` and, for `retrospective` and `online`, `ar1_f1`, `ar2_f1` and `date_f1`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from typing import Any

from benchmarks import DEFAULT_DATA
from volg.models import Development, RawArticle
from volg.pipeline.clean.sentences import split_sentences
from volg.pipeline.develop.dates import mentioned_dates
from volg.pipeline.develop.facts import is_boilerplate, stems
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage

DATASETS = {"t17": DEFAULT_DATA / "timeline17"}
SKIP_TOPICS = frozenset({"Finan_washingtonpost"})
"""T17's financial-crisis timeline has no articles in our copy (see SOURCE.md)."""

DIGEST_ITEMS = 5
"""Developments in one online digest (a subscription's default maximum)."""

MODES = ("retrospective", "online")
Dated = dict[date, list[str]]


@dataclass(frozen=True)
class Reference:
    topic: str
    name: str
    dates: Dated  # date -> reference sentences

    @property
    def sentences_per_date(self) -> int:
        """news-tls: the mean number of sentences per date, rounded (Python's round), at least 1."""
        return max(1, round(sum(len(s) for s in self.dates.values()) / len(self.dates)))


@dataclass
class Outcome:
    reference: Reference
    predicted: dict[str, Dated]
    articles: int
    seconds: dict[str, float] = field(default_factory=dict)


def _records(path: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def load_references(folder: Path) -> list[Reference]:
    references = []
    with open(folder / "timelines.jsonl", encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            if record["topic"] in SKIP_TOPICS:
                continue
            dates: Dated = defaultdict(list)
            for entry in record["entries"]:
                # reference sentences are joined with two spaces in the packaged text; entries may repeat a date
                text = entry["text"] if isinstance(entry["text"], str) else "  ".join(entry["text"])
                sentences = [s.strip() for s in re.split(r"\s{2,}|\n", text) if s.strip()]
                dates[date.fromisoformat(entry["date"][:10])].extend(sentences)
            dates = {d: s for d, s in dates.items() if s}
            if dates:
                references.append(Reference(record["topic"], record.get("timeline_file", ""), dates))
    return references


def load_articles(folder: Path, topics: set[str]) -> dict[str, list[RawArticle]]:
    by_topic: dict[str, list[RawArticle]] = defaultdict(list)
    for record in _records(folder / "articles.jsonl.gz"):
        topic = record["topic"]
        if topic not in topics:
            continue
        day = date.fromisoformat(record["date"][:10])
        by_topic[topic].append(RawArticle(
            origin=f"{folder.name}:{topic}:{record['id']}", url=f"https://t17.example/{topic}/{record['id']}",
            text=record["text"], published_at=datetime.combine(day, dtime(12), tzinfo=UTC),
            source=topic.split("_", 1)[-1] if "_" in topic else topic,
            language=record.get("language", "en"), external_id=str(record["id"]),
        ))
    for articles in by_topic.values():
        articles.sort(key=lambda a: (a.published_at or datetime.min.replace(tzinfo=UTC), a.origin))
    return by_topic


# timeline building


def _day_start(day: date) -> datetime:
    return datetime.combine(day, dtime(0), tzinfo=UTC)


class _Topic:
    """What the topic's articles are mostly about: for each word stem, in how many articles it occurs (a document
    frequency profile, so one long article does not outweigh many short ones). Built from the articles that had
    arrived by a given day, so the online mode never looks ahead."""

    def __init__(self) -> None:
        self.profile: Counter[str] = Counter()
        self._norm = 0.0
        self.references: Counter[date] = Counter()  # day -> articles of other days that mention it
        self.mentioning: dict[date, list[tuple[str, str]]] = defaultdict(list)  # day -> (sentence, language)

    def add(self, raw: RawArticle) -> None:
        language = raw.language or "en"
        self.profile.update(set(stems(raw.text, language)))
        self._norm = 0.0
        assert raw.published_at is not None
        published = raw.published_at.astimezone(UTC).date()
        self.references.update({d for d in mentioned_dates(raw.text, published) if d != published})
        for sentence in split_sentences(raw.text, language):
            if not is_boilerplate(sentence) and 8 <= len(sentence.split()) <= 45:
                for day in set(mentioned_dates(sentence, published)):
                    self.mentioning[day].append((sentence.strip(), language))

    def relevance(self, text: str, language: str) -> float:
        """Cosine of the text's stems with the profile: an unrelated story filed in the topic scores near 0."""
        words = Counter(stems(text, language))
        if not words or not self.profile:
            return 0.0
        if not self._norm:
            self._norm = math.sqrt(math.fsum(v * v for v in self.profile.values()))
        dot = math.fsum(count * self.profile[word] for word, count in sorted(words.items()))
        return dot / (math.sqrt(math.fsum(v * v for v in words.values())) * self._norm)


@dataclass(frozen=True)
class _Scored:
    development: Development
    sentences: tuple[tuple[str, float], ...]  # summary sentence and its relevance to the topic
    weight: float  # importance x relevance x the development's story's share of the topic


def _score(developments: list[Development], topic: _Topic) -> list[_Scored]:
    """Each development's weight: its importance, times how close its summary is to what the topic is mostly about,
    times the log of its story's size (distinct sources over all its developments): the dominant stories first."""
    sources: dict[int, set[str]] = defaultdict(set)
    for development in developments:
        sources[development.story_id].update(c.url for c in development.sources)
    out = []
    for development in developments:
        sentences = tuple((s, topic.relevance(s, development.language)) for s in development.summary if s)
        if not sentences:
            continue
        relevance = max(r for _, r in sentences)
        mass = math.log2(1 + len(sources[development.story_id]))
        out.append(_Scored(development, sentences, development.importance * relevance * mass))
    return out


REFERENCE_BACK = 1.0
"""How much later mentions of a day raise its score: weight x (1 + REFERENCE_BACK x log2(1 + mentions))."""


@dataclass
class _Evidence:
    """What the topic's articles say about each day, as known when the day's timeline entry is chosen: how many
    articles of other days mention it, and the sentences that mention it with their relevance to the topic."""

    references: dict[date, int] = field(default_factory=dict)
    mentioning: dict[date, list[tuple[str, float]]] = field(default_factory=dict)

    def take(self, topic: _Topic, day: date) -> None:
        self.references[day] = topic.references[day]
        self.mentioning[day] = [(text, topic.relevance(text, language)) for text, language in topic.mentioning[day]]


def _date_score(scored: list[_Scored], how: str, references: int) -> float:
    values = [s.weight for s in scored]
    base = sum(values) if how == "sum" else max(values)
    return base * (1.0 + REFERENCE_BACK * math.log2(1 + references))


def _sentences(scored: list[_Scored], limit: int, mentioning: list[tuple[str, float]]) -> list[str]:
    """The date's sentences, without repeats, at most `limit`: first its best development's best summary sentence
    (by the development's weight scaled by the sentence's own relevance), then, by relevance to the topic, the
    date's other summary sentences and the sentences of any article that mention the date."""
    ranked = sorted(
        ((s.weight * relevance / max(r for _, r in s.sentences), s.development.first_seen, s.development.key, text,
          relevance) for s in scored for text, relevance in s.sentences if relevance > 0),
        key=lambda item: (-item[0], item[1], item[2]),
    )
    out: list[str] = []
    if ranked and limit:
        out.append(ranked[0][3])
    pool = [(item[4], item[3]) for item in ranked[1:]] + [(relevance, text) for text, relevance in mentioning]
    for _, text in sorted(pool, key=lambda item: (-item[0], item[1])):
        if len(out) >= limit:
            break
        if text not in out:
            out.append(text)
    return out


def _timeline(by_date: dict[date, list[_Scored]], n_dates: int, per_date: int, how: str, evidence: _Evidence) -> Dated:
    by_date = {d: s for d, s in by_date.items() if s}
    ranked = sorted(by_date, key=lambda d: (-_date_score(by_date[d], how, evidence.references.get(d, 0)), d))
    chosen = {d: _sentences(by_date[d], per_date, evidence.mentioning.get(d, [])) for d in ranked[:n_dates]}
    return {d: s for d, s in chosen.items() if s}


class _Replay:
    """A fresh in-memory Service whose clock the replay sets."""

    def __init__(self) -> None:
        self.now = datetime(2000, 1, 1, tzinfo=UTC)
        self.service = Service(Settings(), open_storage(":memory:"), clock=lambda: self.now, cluster_on_ingest=True)

    def ingest(self, raw: RawArticle) -> None:
        assert raw.published_at is not None
        self.now = raw.published_at
        self.service.ingest_raw(raw)


def retrospective(articles: list[RawArticle], ref: Reference, how: str) -> Dated:
    replay, topic = _Replay(), _Topic()
    for raw in articles:
        replay.ingest(raw)
        topic.add(raw)
    replay.now = _day_start(max(ref.dates)) + timedelta(days=1)
    by_date: dict[date, list[_Scored]] = defaultdict(list)
    for scored in _score(replay.service.developments(), topic):
        by_date[scored.development.first_seen.astimezone(UTC).date()].append(scored)
    replay.service.close()
    evidence = _Evidence()
    for day in by_date:
        evidence.take(topic, day)
    return _timeline(by_date, len(ref.dates), ref.sentences_per_date, how, evidence)


def online(articles: list[RawArticle], ref: Reference, how: str) -> Dated:
    replay, topic = _Replay(), _Topic()
    by_day: dict[date, list[RawArticle]] = defaultdict(list)
    for raw in articles:
        assert raw.published_at is not None
        by_day[raw.published_at.astimezone(UTC).date()].append(raw)
    digests: dict[date, list[_Scored]] = {}
    evidence = _Evidence()
    for day in sorted(by_day):  # a day without arrivals has nothing new to send
        for raw in by_day[day]:
            replay.ingest(raw)
            topic.add(raw)
        replay.now = _day_start(day) + timedelta(days=1) - timedelta(seconds=1)
        found = [d for d in replay.service.developments(since=_day_start(day)) if d.first_seen <= replay.now]
        found.sort(key=lambda d: (-d.importance, d.first_seen, d.key))
        if found:
            digests[day] = _score(found[:DIGEST_ITEMS], topic)
            evidence.take(topic, day)
    replay.service.close()
    return _timeline(digests, len(ref.dates), ref.sentences_per_date, how, evidence)


def run_one(ref: Reference, articles: list[RawArticle], how: str) -> Outcome:
    first, last = min(ref.dates), max(ref.dates)
    inside = [a for a in articles if a.published_at is not None and first <= a.published_at.date() <= last]
    outcome = Outcome(ref, {}, len(inside))
    builders: dict[str, Callable[[list[RawArticle], Reference, str], Dated]] = {
        "retrospective": retrospective, "online": online,
    }
    for mode in MODES:
        started = time.perf_counter()
        outcome.predicted[mode] = builders[mode](inside, ref, how)
        outcome.seconds[mode] = time.perf_counter() - started
    return outcome


# scoring (tilse)


def _prf(precision: float, recall: float) -> float:
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def score_one(ref: Reference, predicted: Dated) -> dict[str, dict[str, float]]:
    """tilse's align+ m:1 ROUGE-1/2 precision and recall, and date precision and recall, for one timeline."""
    from tilse.data.timelines import GroundTruth, Timeline
    from tilse.evaluation import rouge

    evaluator = rouge.TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"])
    truth = GroundTruth([Timeline(ref.dates)])
    if predicted:
        scores = evaluator.evaluate_align_date_content_costs_many_to_one(Timeline(predicted), truth)
    else:
        scores = {m: {"precision": 0.0, "recall": 0.0} for m in ("rouge_1", "rouge_2")}
    shared = len(set(predicted) & set(ref.dates))
    return {
        "ar1": {"precision": scores["rouge_1"]["precision"], "recall": scores["rouge_1"]["recall"]},
        "ar2": {"precision": scores["rouge_2"]["precision"], "recall": scores["rouge_2"]["recall"]},
        "date": {"precision": shared / len(predicted) if predicted else 0.0, "recall": shared / len(ref.dates)},
    }


def average(per_timeline: list[dict[str, dict[str, float]]]) -> dict[str, float]:
    """news-tls: average precision and recall over the timelines, then F1 of the averages."""
    out = {}
    for metric in ("ar1", "ar2", "date"):
        p = sum(s[metric]["precision"] for s in per_timeline) / len(per_timeline)
        r = sum(s[metric]["recall"] for s in per_timeline) / len(per_timeline)
        out[f"{metric}_f1"] = round(_prf(p, r), 4)
    return out


def _tilse_blocker() -> str | None:
    """Why tilse's ROUGE cannot run here, or None when it can."""
    try:
        import datetime as _dt

        from tilse.data.timelines import GroundTruth, Timeline
        from tilse.evaluation import rouge
    except ImportError as exc:
        return f"cannot import tilse ({exc}); install it with `pip install tilse`"
    try:
        tl = Timeline({_dt.date(2000, 1, 1): ["a small test sentence ."]})
        rouge.TimelineRougeEvaluator(measures=["rouge_1"]).evaluate_align_date_content_costs_many_to_one(
            tl, GroundTruth([tl]))
    except Exception as exc:  # ROUGE-1.5.5 is a perl script: missing perl modules surface here
        return (f"tilse's ROUGE-1.5.5 does not run ({type(exc).__name__}: {exc}); it needs Debian's "
                "libxml-parser-perl and libwww-perl")
    return None


def _work(
    job: tuple[Reference, list[RawArticle], str, float, bool],
) -> tuple[Outcome, dict[str, Any] | None, float]:
    global REFERENCE_BACK
    ref, articles, how, REFERENCE_BACK, scoring = job
    outcome = run_one(ref, articles, how)
    started = time.perf_counter()
    scores = {mode: score_one(ref, outcome.predicted[mode]) for mode in MODES} if scoring else None
    return outcome, scores, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dataset", default="t17", help="t17, or a folder with articles.jsonl.gz and timelines.jsonl")
    parser.add_argument("--limit-timelines", type=int, help="evaluate only the first N reference timelines")
    parser.add_argument("--jobs", type=int, default=2, help="timelines built in parallel (processes)")
    parser.add_argument("--date-score", choices=("max", "sum"), default="max",
                        help="rank dates by their best development's weight, or by the sum over them")
    parser.add_argument("--reference-back", type=float, default=REFERENCE_BACK,
                        help="how much later mentions of a day raise its score (0: not at all)")
    parser.add_argument("--show", action="store_true", help="print the predicted timelines to stderr")
    args = parser.parse_args()
    folder = DATASETS.get(args.dataset, Path(args.dataset))
    if not (folder / "articles.jsonl.gz").is_file() or not (folder / "timelines.jsonl").is_file():
        print(f"dataset not found: {folder} needs articles.jsonl.gz and timelines.jsonl (see --dataset)",
              file=sys.stderr)
        sys.exit(2)
    blocker = _tilse_blocker()
    if blocker:
        print(f"scoring unavailable: {blocker}. Timelines are built, not scored.", file=sys.stderr)

    started = time.perf_counter()
    references = load_references(folder)[: args.limit_timelines]
    articles = load_articles(folder, {r.topic for r in references})
    references = [r for r in references if articles.get(r.topic)]
    jobs = [(ref, articles[ref.topic], args.date_score, args.reference_back, blocker is None) for ref in references]
    print(f"{len(references)} timelines, {sum(len(a) for a in articles.values())} articles "
          f"(loaded in {time.perf_counter() - started:.1f} s)", file=sys.stderr)

    results: list[tuple[Outcome, dict[str, Any] | None, float]] = []
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for n, (outcome, scores, score_s) in enumerate(pool.map(_work, jobs), start=1):
            ref = outcome.reference
            line = (f"[{n}/{len(jobs)}] {ref.topic} {ref.name}: {outcome.articles} articles, {len(ref.dates)} dates "
                    f"x {ref.sentences_per_date} sentences; built " +
                    ", ".join(f"{m} {len(outcome.predicted[m])} dates in {outcome.seconds[m]:.0f} s" for m in MODES))
            if scores:
                line += f"; scored in {score_s:.0f} s; " + ", ".join(
                    f"{m} AR-1 R {scores[m]['ar1']['recall']:.3f} date R {scores[m]['date']['recall']:.3f}"
                    for m in MODES)
            print(line, file=sys.stderr)
            if args.show:
                for mode in MODES:
                    print(f"--- {mode}", file=sys.stderr)
                    for day, sentences in sorted(outcome.predicted[mode].items()):
                        print(f"{day}: {' | '.join(sentences)}", file=sys.stderr)
            results.append((outcome, scores, score_s))

    print(f"total {time.perf_counter() - started:.0f} s wall; build "
          f"{sum(sum(o.seconds.values()) for o, _, _ in results):.0f} s, score {sum(s for _, _, s in results):.0f} s "
          f"(summed over workers)", file=sys.stderr)
    if blocker:
        print(f"not scored: {blocker}", file=sys.stderr)
        sys.exit(1)
    summary: dict[str, Any] = {"timelines": len(results)}
    for mode in MODES:
        summary[mode] = average([scores[mode] for _, scores, _ in results if scores is not None])
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
