"""Audit the digests real readers would get: replay real streams through `volg replay` and read every item.

    python -m benchmarks.digest_audit [--data ../shared/data] [--streams dpgmedia,t17,uci] [--limit N]
                                      [--t17-per-folder 64] [--at 08:00,13:00,19:00] [--max 5] [--show 20]
                                      [--read 20 [--seed 1]] [--check-cli] [--jobs 2]

Each stream is written as a `volg replay` JSON Lines file (id, url, title, text, published_at, source, language)
and replayed in process the way `volg replay --query Q --lang L --json` does it (`volg.replay.read_stream` and
`replay` into a scratch database made with `make_service`, one `add_topic` + `subscribe` per topic below, every
digest through `render_json`). All topics of a stream are followed in one replay: subscriptions do not change the
stories or developments, and each reader's digests depend only on its own subscription. `--check-cli` runs the real
`volg replay` command for the first topic of each stream and checks that its JSON lines are the same (should the
checkout change between the two runs, they may not be: `settings.volg` and `settings.volg_at_end` give the commit and
changed files at the start and the end). Streams are replayed in `--jobs` processes at once (the longest first).

Streams (a missing data file skips the stream with a message on stderr):

- `dpgmedia`: DpgMedia2019, 1,438 Dutch newspaper articles, Feb–Apr 2019, dates only. Four topics a Dutch reader of
  that spring would follow (elections, Brexit, the Utrecht tram attack, football). Digests in Dutch.
- `t17`: all Timeline17 articles pooled into one English stream (16 folders, 8 subjects, 2005–2012); one query per
  subject, outlets of one subject pooled. The stream record's id is `folder/id` (ids repeat across folders). The
  text is kept as the data has it (PTB tokens). The data has no titles, so the records have none: volg makes each
  article's title from its text, as it does for any input without one (the first sentence of the report, without
  the page's header, dateline or kicker; `clean/article.py`). Digests in English.
- `uci`: the UCI News Aggregator sample, 6,366 English headlines over 36 hours with Google News story ids. A
  headline is the article's title and text, replayed with `min_article_words=3` (as `VOLG_MIN_ARTICLE_WORDS=3 volg
  replay` would); shorter headlines are rejected by volg as teasers. Five subjects. Digests in English.

Dates without a time (dpgmedia, t17) get a time of day spread deterministically by id: 05:00–20:00 UTC, the minute
from a SHA-1 of the id. Digests at `--at` local times (Europe/Amsterdam for Dutch readers, Europe/London for English
ones), at most `--max` items. `--limit N` keeps the first N articles of each stream in time order (for t17, the first
N/16 of each folder, so every subject is in it).

Runtime: a replay composes at every digest time that has new articles before it, and each time volg derives every
topic's stories anew from all stories stored (the stories change with every article), so a long stream costs about
the square of its length. Replaying all 4,352 T17 articles (seven years, eight readers) would take some 45 minutes
on one core (extrapolated from 1,000 in 2.5 and 1,576 in 9.5 minutes); the default `--t17-per-folder 64` keeps the
first 64 articles of each T17 folder (1,024: the first days to weeks of each subject) and the whole audit near five
minutes on two cores. `--t17-per-folder 0` replays them all.

Figures per topic, per stream and overall (shares over items unless said otherwise; pooled over items, so a topic
with many items weighs more):

- `nonnews_share`: items none of whose cited articles is news or live by volg's own genre (the stored article's
  `genre`, as `volg articles --json` shows it). `nonnews_told_share`: items whose headline and summary were taken from
  an article that is not news/live (the article found by the mismatch check; else the first source).
- `nonnews_share_gold` (dpgmedia, t17): among the items told from an article of a hand-labelled genre set
  (`benchmarks/labels/dpgmedia_genre.jsonl`, about a fifth of the articles; `t17_genre.jsonl`, 45 of the 1,024 T17
  articles replayed by default), the share whose label is not news or live: what volg's own genre misses.
  `nonnews_gold_items` says how many items that was measured on.
- `offtopic_share` (t17): items the majority of whose cited articles (more than half) belong to another subject
  than the one the reader follows.
- `offtopic_share_keywords` (uci, which has story labels but no topic labels): items more than half of whose cited
  headlines match none of the topic's keywords (a regular expression per topic, below). A proxy, not a label.
- `repeat_rate` (uci; and dpgmedia on the hand-labelled week 25–31 March, `benchmarks/labels/dpgmedia_events.jsonl`):
  an item's labelled story is the story most of its labelled cited articles belong to (ties: the smallest label).
  An item is a repeat when the same reader already got an item with that labelled story — in an earlier digest or
  higher up in the same digest — and the item is not marked `is_update`. Items without a labelled source are not
  counted (`repeat_items` says how many were). `repeat_rate_same_digest`: the part of those within one digest.
  Each stream's `repeats` lists every repeat beside the reader's first item of its labelled story (headline, time,
  volg story, cited ids), and --show names that first item in the repeat's flag: a pair to read, not a count only.
- `mismatch_share`: items for which no single cited article holds both the headline and every summary sentence.
  The headline is held when its words (case-folded runs of letters and digits) occur consecutively in the article's
  title, one of its section headings, or its text, or when it reads "A: B" with A and B each held (volg's "title:
  heading" form); a trailing ellipsis is ignored. A summary sentence is held when its words occur consecutively in
  the article's text. Articles are read as volg stored them.
- `dangling_share`: items whose summary's first sentence opens on a word or phrase that leans on an earlier sentence
  (a pronoun or connective: our own lists for nl, en, de, fr, es, it; the item's language picks the list), or on a
  lower-case letter. Temporal openings such as "Deze week" or "This year" do not count. Items without a summary
  are not counted (`no_summary` says how many).
- `max_importance_share`: the largest share of one importance value (as the JSON gives it, 3 decimals) among a
  topic's items; `max_importance_share_developments`: the same among all the topic's developments at the end of the
  replay (`Service.developments(topic=...)`). A stream's and the overall figure are the worst topic's among the
  topics with at least 10 items (developments); null when no topic has that many.
- `wrong_language_share`: share of digests with an item whose text (headline and summary, language guessed from
  function words, our own lists; no guess when the evidence is thin) is in neither the digest's language nor the
  language the item declares (`language`; an item in another language than the digest's is marked so when
  rendered). `other_language_items`: items that declare another language than their digest's.

Genre (`benchmarks/labels/dpgmedia_genre.jsonl`): precision and recall per genre and for opinion+letters together,
from `benchmarks.genre` (the classifier on the labelled articles as plain text), and the same over the genres the
dpgmedia replay stored for those articles (`as_ingested`).

Progress, a table and, with `--show N`, each stream's first N items as a reader sees them go to stderr; with
`--read N`, N items of each stream drawn at random (`--seed`), in the order they went out: the sample to read as
`../shared/READING.md` asks, which the first items of a stream, all of one week, are not. The last stdout line is one
JSON object, with the issue's `targets` next to the figures.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks import DEFAULT_DATA

LABELS = Path(__file__).resolve().parent / "labels"
STREAMS = ("dpgmedia", "t17", "uci")
TARGETS = {
    "offtopic_share": 0.05,
    "nonnews_share": 0.03,
    "repeat_rate": 0.01,
    "mismatch_share": 0.0,
    "dangling_share": 0.02,
    "max_importance_share": 0.20,
    "wrong_language_share": 0.0,
    "genre_opinion_letters": {"recall": 0.9, "precision": 0.9},
}
"""From the issue: each figure at most this (genre: at least)."""


# --- topics a reader would follow -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Follow:
    """One reader's topic: its name, its volg query, and the gold label it stands for (None: no labels)."""

    name: str
    query: str
    subject: str | None = None
    keywords: str | None = None  # a regex an on-topic headline matches (uci: a proxy where there are no topic labels)


DPG_TOPICS = (
    Follow("Verkiezingen", 'Statenverkiezingen OR "Provinciale Staten" OR "Eerste Kamer" OR Baudet OR '
                           '"Forum voor Democratie"'),
    Follow("Brexit", 'Brexit OR "Theresa May" OR Lagerhuis'),
    Follow("Aanslag Utrecht", "Utrecht AND (aanslag OR tram OR schietpartij OR Tanis)"),
    Follow("Voetbal", 'Ajax OR Feyenoord OR PSV OR Eredivisie OR "Champions League" OR Oranje'),
)
T17_TOPICS = (
    Follow("BP oil spill", '"oil spill" OR "Deepwater Horizon" OR (BP AND (oil OR Gulf OR well))', "bpoil"),
    Follow("Egypt protests", "Mubarak OR Tahrir OR (Egypt AND (protest OR protesters))", "EgyptianProtest"),
    Follow("Libya war", "Libya OR Gaddafi OR Gadhafi OR Benghazi", "LibyaWar"),
    Follow("Syria", "Syria OR Assad", "SyrianCrisis"),
    Follow("Haiti earthquake", "Haiti OR Port-au-Prince", "haiti"),
    Follow("Iraq war", "Iraq OR Baghdad", "IraqWar"),
    Follow("Michael Jackson", '"Michael Jackson"', "MJ"),
    Follow("Swine flu", '"swine flu" OR H1N1', "H1N1"),
)
UCI_TOPICS = (
    Follow("GM recall", '(GM OR "General Motors") AND recall', keywords=r"\bGM\b|General Motors|ignition switch|Barra"),
    Follow("Bitcoin", "Bitcoin OR Gox", keywords=r"bitcoin|\bgox\b|crypto|digital currenc|virtual currenc"),
    Follow("Snowden", "Snowden OR NSA", keywords=r"snowden|\bNSA\b|surveillance|spying"),
    Follow("Libya", "Libya OR Libyan", keywords=r"liby|tripoli|zeidan|morning glory|tanker"),
    Follow("Titanfall", "Titanfall OR Xbox", keywords=r"titanfall|xbox"),
)


# --- the streams ----------------------------------------------------------------------------------------------------

@dataclass
class Stream:
    """A replay stream as `volg replay` reads it, the topics followed on it, and what the audit needs to know."""

    name: str
    language: str
    tz: str
    records: list[dict[str, Any]]  # the stream's lines, in time order
    topics: tuple[Follow, ...]
    subject_of: dict[str, str] = field(default_factory=dict)  # external id → subject (t17)
    story_of: dict[str, str] = field(default_factory=dict)  # external id → labelled story (uci, dpgmedia week)
    genre_of: dict[str, str] = field(default_factory=dict)  # external id → hand-labelled genre (the dev sets)
    settings: dict[str, Any] = field(default_factory=dict)  # settings overrides (VOLG_... for the CLI)


def _records(path: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def spread_time(day: str, key: str) -> datetime:
    """A date without a time gets a deterministic time of day from its id: 05:00–20:00 UTC."""
    minute = int(hashlib.sha1(key.encode()).hexdigest(), 16) % (15 * 60)
    start = datetime.combine(date.fromisoformat(day[:10]), datetime.min.time(), tzinfo=UTC)
    return start + timedelta(hours=5, minutes=minute)


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _in_order(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(records, key=lambda r: (r["published_at"], r["id"]))


def dpgmedia_records(data: Path) -> list[dict[str, Any]]:
    """The DpgMedia2019 articles as replay lines, in time order. No URL in the data: a made-up one with no genre in
    its path; the outlet is the publisher (null for about half: "dpg")."""
    lines = []
    for r in _records(data / "dpgmedia2019-nl" / "articles.jsonl.gz"):
        lines.append({
            "id": r["id"], "url": f"https://dpg.example/a/{r['id']}", "title": r["title"] or "",
            "text": r["text"] or "", "published_at": _iso(spread_time(r["published_at"], r["id"])),
            "source": r["publisher"] or "dpg", "language": "nl",
        })  # fmt: skip
    return _in_order(lines)


def t17_records(data: Path, per_folder: int | None = None) -> list[dict[str, Any]]:
    """All T17 articles as one stream, in time order; with `per_folder`, only the first that many of each folder."""
    folders: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in _records(data / "timeline17" / "articles.jsonl.gz"):
        key = f"{r['topic']}/{r['id']}"
        folders[r["topic"]].append({
            "id": key, "url": f"https://t17.example/{key}", "text": r["text"] or "",
            "published_at": _iso(spread_time(r["date"], key)), "source": r["topic"].split("_", 1)[-1], "language": "en",
        })  # fmt: skip
    kept = [r for lines in folders.values() for r in _in_order(lines)[:per_folder]]
    return _in_order(kept)


def t17_subject(external_id: str) -> str:
    """The subject of a T17 article: its folder's name before the outlet ("bpoil_bbc/123" → "bpoil")."""
    return external_id.split("/", 1)[0].split("_", 1)[0]


def uci_records(data: Path) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The UCI headlines as replay lines (the headline is title and text), in time order, and id → gold story."""
    lines, story_of = [], {}
    for r in _records(data / "uci-news-aggregator-sample" / "headlines.jsonl.gz"):
        key = str(r["id"])
        story_of[key] = r["story"]
        lines.append({
            "id": key, "url": r["url"], "title": r["title"], "text": r["title"],
            "published_at": _iso(datetime.fromtimestamp(r["timestamp_ms"] / 1000, UTC)),
            "source": r["publisher"] or r["hostname"], "language": "en",
        })  # fmt: skip
    return _in_order(lines), story_of


def event_labels(path: Path = LABELS / "dpgmedia_events.jsonl") -> dict[str, str]:
    """DpgMedia article id → hand-labelled event group (the week 25–31 March 2019)."""
    if not path.is_file():
        return {}
    return {row["id"]: row["group"] for row in map(json.loads, path.read_text().splitlines()) if row}


T17_PER_FOLDER = 64
"""Default number of articles kept of each T17 folder (the first in time order): 1,024 of 4,352, to keep the run
near five minutes. Replaying all of them takes about 45 (see the module docstring)."""


def genre_labels(path: Path = LABELS / "dpgmedia_genre.jsonl") -> dict[str, str]:
    """Article id → hand-labelled genre (by default DpgMedia's: 309 articles, `int(id) % 9 in {0, 1}`)."""
    if not path.is_file():
        return {}
    return {row["id"]: row["genre"] for row in map(json.loads, path.read_text().splitlines()) if row}


def load_stream(name: str, data: Path, limit: int | None, t17_per_folder: int = T17_PER_FOLDER) -> Stream | None:
    """The named stream, or None (with a message) when its data is absent."""
    needs = {"dpgmedia": "dpgmedia2019-nl/articles.jsonl.gz", "t17": "timeline17/articles.jsonl.gz",
             "uci": "uci-news-aggregator-sample/headlines.jsonl.gz"}  # fmt: skip
    if not (data / needs[name]).is_file():
        print(f"{name}: skipped, {data / needs[name]} not found (see --data)", file=sys.stderr)
        return None
    if name == "dpgmedia":
        return Stream(name, "nl", "Europe/Amsterdam", dpgmedia_records(data)[:limit], DPG_TOPICS,
                      story_of=event_labels(), genre_of=genre_labels())
    if name == "t17":
        caps = [n for n in (t17_per_folder or None, None if limit is None else max(1, limit // 16)) if n]
        records = t17_records(data, min(caps) if caps else None)
        return Stream(name, "en", "Europe/London", records, T17_TOPICS,
                      subject_of={r["id"]: t17_subject(r["id"]) for r in records},
                      genre_of=genre_labels(LABELS / "t17_genre.jsonl"))
    records, story_of = uci_records(data)
    return Stream(name, "en", "Europe/London", records[:limit], UCI_TOPICS, story_of=story_of,
                  settings={"min_article_words": 3})


def stream_bytes(records: Iterable[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


# --- the replay -----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Cited:
    """What the audit needs of one stored article."""

    genre: str
    title: str
    headings: tuple[str, ...]
    paragraphs: tuple[str, ...]
    external_id: str | None


@dataclass
class Replayed:
    """A stream's replay: every digest as `volg replay --json` prints it (with its topic's name), the stored articles
    the digests cite, the topics' developments, and what happened to each line."""

    digests: list[dict[str, Any]]
    cited: dict[int, Cited]
    developments: dict[str, list[float]]  # topic slug → importance of each of its developments (JSON rounding)
    slugs: dict[str, Follow]
    statuses: Counter[str]
    genre_of: dict[str, str]  # external id → stored genre (every stored article)
    seconds: float


def replay_stream(stream: Stream, times: Sequence[str], max_items: int) -> Replayed:
    """`volg replay` in process with one reader per topic; returns every digest in the order they were composed."""
    from volg.pipeline.compose import render_json
    from volg.replay import read_stream, replay
    from volg.service import make_service

    started = time.perf_counter()
    lines = read_stream(stream_bytes(stream.records), f"{stream.name}.jsonl")
    statuses: Counter[str] = Counter()
    digests: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="volg-audit-") as scratch, make_service(
            database=str(Path(scratch) / "replay.db"), **stream.settings) as svc:
        slugs: dict[str, Follow] = {}
        for follow in stream.topics:
            topic = svc.add_topic(follow.name, follow.query)
            svc.subscribe(topic.slug, times=list(times), tz=stream.tz, max_items=max_items, language=stream.language)
            slugs[topic.slug] = follow
        count = 0

        def arrived(result: Any) -> None:
            nonlocal count
            count += 1
            statuses[result.status.value] += 1
            if count % 500 == 0:
                print(f"  {stream.name}: {count}/{len(lines)} lines, {len(digests)} digests, "
                      f"{time.perf_counter() - started:.0f} s", file=sys.stderr)  # fmt: skip

        for digest in replay(svc, lines, arrived):
            body = render_json(digest)
            body.pop("subscription_id")
            digests.append({"subscription": None} | body)
        cited: dict[int, Cited] = {}
        for body in digests:
            for item in body["items"]:
                for source in item["sources"]:
                    if source["article_id"] not in cited:
                        clean = svc.article(source["article_id"]).clean
                        cited[source["article_id"]] = Cited(
                            clean.genre, clean.title, tuple(s.heading for s in clean.sections if s.heading),
                            clean.paragraphs, clean.external_id)
        developments = {slug: [round(d.importance, 3) for d in svc.developments(topic=slug)] for slug in slugs}
        genre_of = {a.clean.external_id: a.clean.genre for a in svc.storage.iter_articles() if a.clean.external_id}
    return Replayed(digests, cited, developments, slugs, statuses, genre_of, time.perf_counter() - started)


def check_cli(stream: Stream, replayed: Replayed, times: Sequence[str], max_items: int) -> str:
    """Run the real `volg replay` for the stream's first topic and compare its JSON lines with the in-process ones."""
    follow = stream.topics[0]
    slug = next(s for s, f in replayed.slugs.items() if f == follow)
    volg = Path(sys.executable).with_name("volg")
    with tempfile.TemporaryDirectory(prefix="volg-audit-cli-") as scratch:
        path = Path(scratch) / f"{stream.name}.jsonl"
        path.write_bytes(stream_bytes(stream.records))
        env = os.environ | {f"VOLG_{key.upper()}": str(value) for key, value in stream.settings.items()}
        command = [str(volg), "replay", str(path), "--query", follow.query, "--name", follow.name,
                   "--at", ",".join(times), "--tz", stream.tz, "--max", str(max_items), "--lang", stream.language,
                   "--json", "--database", str(Path(scratch) / "empty.db")]  # fmt: skip
        print(f"  {stream.name}: checking against {' '.join(command[1:3])} --query '{follow.query}' ...",
              file=sys.stderr)
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode not in (0, 1):
        return f"volg replay failed ({done.returncode}): {done.stderr.strip()[:200]}"
    theirs = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    ours = [json.loads(json.dumps(d, ensure_ascii=False)) for d in replayed.digests if d["topic"] == slug]
    if theirs == ours:
        return f"identical ({len(ours)} digests of {follow.name!r})"
    first = next((k for k, (a, b) in enumerate(zip(theirs, ours, strict=False)) if a != b), min(len(theirs), len(ours)))
    where = ""
    if first < min(len(theirs), len(ours)):
        a, b = theirs[first], ours[first]
        keys = [k for k in a if a.get(k) != b.get(k)]
        if keys == ["items"] and len(a["items"]) == len(b["items"]):
            keys = [f"items[{n}].{k}" for n, (x, y) in enumerate(zip(a["items"], b["items"], strict=True)) for k in x
                    if x.get(k) != y.get(k)]  # fmt: skip
        where = f"; first at digest {first + 1} ({a.get('scheduled_at')}): {', '.join(keys[:6])}"
    return (f"DIFFERS: volg replay gave {len(theirs)} digests, in process {len(ours)} ({follow.name!r}){where}; "
            "the code may have changed between the two runs (see settings.volg)")


# --- reading the items ----------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_]+")


def words(text: str) -> str:
    """Case-folded runs of letters and digits, one space apart, with a space on each side (for containment)."""
    return " " + " ".join(_TOKEN.findall(text.casefold())) + " "


def holds(needle: str, hays: Iterable[str]) -> bool:
    """Whether the words of `needle` occur consecutively in one of `hays` (already `words()`)."""
    wanted = words(needle)
    return wanted.strip() != "" and any(wanted in hay for hay in hays)


def told_from(item: dict[str, Any], cited: dict[int, Cited]) -> int | None:
    """The cited article that holds both the item's headline and every summary sentence (None: none does)."""
    headline = re.sub(r"\s*(?:…|\.\.\.)$", "", item["headline"].strip())
    for source in item["sources"]:
        article = cited.get(source["article_id"])
        if article is None:
            continue
        text = words(" ".join(article.paragraphs))
        fields = [words(article.title), *map(words, article.headings), text]
        parts = headline.split(": ", 1)
        head_ok = holds(headline, fields) or (len(parts) == 2 and all(holds(p, fields) for p in parts))
        if head_ok and all(holds(sentence, [text]) for sentence in item["summary"]):
            return source["article_id"]
    return None


# Words that, opening a sentence, point back at a sentence the reader did not get. Our own lists.
_DANGLING_WORDS = {
    "nl": "hij zij ze hem haar hen hun zijn dat dit die deze daar daarom daardoor daarna daarbij daarmee daarop "
          "daarvoor daarin daarnaast daarentegen daartoe hierdoor hiermee hierbij hierop hiervoor ook maar en want "
          "dus toch echter bovendien tevens eveneens verder vervolgens desondanks niettemin evenmin zo ondertussen "
          "intussen toen nadien wel ook",
    "en": "he she they it him her his its their them this that these those such but and or also so then however "
          "meanwhile moreover furthermore besides nevertheless nonetheless still yet instead thus hence therefore "
          "likewise similarly otherwise",
    "de": "er sie es ihm ihn ihr ihre ihnen sein seine dies diese dieser dieses dabei damit dadurch danach daher "
          "darum deshalb deswegen dort aber und auch doch jedoch zudem außerdem trotzdem dennoch dann somit "
          "allerdings",
    "fr": "il elle ils elles lui leur ce cela ceci ça celui celle ceux celles mais et aussi donc puis ensuite alors "
          "cependant pourtant toutefois néanmoins",
    "es": "él ella ellos ellas esto eso ese esa pero y también además luego entonces asimismo tampoco",
    "it": "lui lei loro egli esso essa essi ciò questo questa quello quella ma e anche inoltre però quindi poi "
          "tuttavia dunque infatti pure",
}
_DANGLING_PHRASES = {
    "nl": ("volgens hem", "volgens haar", "volgens hen", "net als", "ook al", "bij hem", "van hem", "van haar"),
    "en": ("according to him", "according to her", "according to them", "as a result", "in addition",
           "on top of that", "at the same time", "in turn", "even so"),
    "de": ("laut ihm", "laut ihr", "im gegenzug"),
    "fr": ("en outre", "par ailleurs", "de plus", "en effet", "selon lui", "selon elle", "pour sa part"),
    "es": ("sin embargo", "por eso", "por ello", "según él", "según ella", "por su parte"),
    "it": ("secondo lui", "secondo lei", "per questo", "da parte sua"),
}
_TIME_WORDS = {
    "nl": "week weekend maand jaar ochtend middag avond nacht zomer winter lente herfst keer seizoen eeuw",
    "en": "week weekend month year morning afternoon evening night summer winter spring autumn fall time season "
          "century",
    "de": "woche wochenende monat jahr morgen abend nacht sommer winter frühjahr herbst mal saison",
    "fr": "week semaine mois matin soir soir nuit été hiver printemps automne fois saison lundi mardi mercredi "
          "jeudi vendredi samedi dimanche",
    "es": "semana mes año mañana tarde noche verano invierno vez temporada",
    "it": "settimana mese anno mattina sera notte estate inverno volta stagione",
}
_DANGLING = {lang: frozenset(ws.split()) for lang, ws in _DANGLING_WORDS.items()}
_TIMES = {lang: frozenset(ws.split()) for lang, ws in _TIME_WORDS.items()}
_OPENING = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_DEMONSTRATIVES = frozenset("dit deze die dat this that these those dies diese dieser dieses ce questo questa quello "
                            "quella ese esa".split())  # fmt: skip


def dangling(sentence: str, language: str) -> str | None:
    """Why the sentence cannot open a summary on its own (None: it can): its opening word or phrase, or "lower case"."""
    text = sentence.lstrip(" \"'“‘„«(-–—")
    if text[:1].islower():
        return "lower case"
    found = [w.casefold() for w in _OPENING.findall(text)[:3]]
    if not found:
        return None
    lang = language if language in _DANGLING else "en"
    for phrase in _DANGLING_PHRASES[lang]:
        if " ".join(found).startswith(phrase + " ") or " ".join(found) == phrase:
            return phrase
    first = found[0]
    if first in _DEMONSTRATIVES and len(found) > 1 and found[1] in _TIMES[lang]:
        return None  # "Deze week ...", "This year ..."
    return first if first in _DANGLING[lang] else None


# Function words for guessing a text's language. Our own lists.
_FUNCTION_WORDS = {
    "nl": "de het een en van is dat niet zijn op met voor er ook naar bij maar om aan uit werd wordt heeft hebben "
          "nog dan als wat zij hij na over door",
    "en": "the of and to in is was that for on with as are by at from has have were said will it not been be "
          "after who this which an their",
    "de": "der die das und ist nicht ein eine mit von zu den dem sich auf für auch wird wurde hat im nach bei aus "
          "sind wie oder",
    "fr": "le la les des et est une un du pour dans que qui pas sur au avec ont été il elle aux par ce sont plus",
    "es": "el la los las del que y en es por una con para se no al fue como más su sus pero ha han",
    "it": "il la di che è del della per non una un con sono si gli alla nel le da ha hanno anche come",
}
_FUNCTION = {lang: frozenset(ws.split()) for lang, ws in _FUNCTION_WORDS.items()}
_WORD = re.compile(r"[^\W\d_]+")


def guess_language(text: str) -> str | None:
    """The language whose function words the text uses most, when at least 3 and half again the runner-up's."""
    found = [w.casefold() for w in _WORD.findall(text)]
    scores = sorted(((sum(w in words_ for w in found), lang) for lang, words_ in _FUNCTION.items()), reverse=True)
    (best, lang), (second, _) = scores[0], scores[1]
    return lang if best >= 3 and best >= 1.5 * second else None


# --- figures --------------------------------------------------------------------------------------------------------

SHARE_MIN = 10
"""A topic counts towards a stream's (and the overall) `max_importance_share` from this many items (developments)
on: with three items, one value is a third at least."""


@dataclass
class Tally:
    """Counts over a set of items and digests; `figures()` turns them into shares."""

    digests: int = 0
    wrong_language_digests: int = 0
    items: int = 0
    updates: int = 0
    nonnews: int = 0
    nonnews_told: int = 0
    nonnews_gold: int = 0
    nonnews_gold_items: int = 0  # items told from an article with a hand-labelled genre
    offtopic: int = 0
    offtopic_items: int = 0  # items with a known subject
    offtopic_keywords: int = 0
    offtopic_keywords_items: int = 0  # items of a topic with keywords
    repeats: int = 0
    repeats_same_digest: int = 0
    repeat_items: int = 0  # items with a labelled story
    mismatch: int = 0
    dangling: int = 0
    with_summary: int = 0
    other_language_items: int = 0
    importance: Counter[float] = field(default_factory=Counter)
    development_importance: Counter[float] = field(default_factory=Counter)
    worst_importance: float | None = None  # the worst topic's (streams and overall)
    worst_development_importance: float | None = None

    def add(self, other: Tally) -> None:
        for name, value in vars(other).items():
            if isinstance(value, int):  # the counts
                setattr(self, name, getattr(self, name) + getattr(other, name))
        for mine, theirs in (("worst_importance", other.max_share(other.importance, SHARE_MIN)),
                             ("worst_development_importance",
                              other.max_share(other.development_importance, SHARE_MIN))):
            theirs = getattr(other, mine) if getattr(other, mine) is not None else theirs
            if theirs is not None:
                setattr(self, mine, max(getattr(self, mine) or 0.0, theirs))

    @staticmethod
    def max_share(counts: Counter[float], least: int = 1) -> float | None:
        """The largest share of one value (None with fewer than `least` values)."""
        total = sum(counts.values())
        return round(max(counts.values()) / total, 4) if total and total >= least else None

    def figures(self) -> dict[str, Any]:
        def share(part: int, whole: int) -> float | None:
            return round(part / whole, 4) if whole else None

        top = self.importance.most_common(1)
        found: dict[str, Any] = {
            "digests": self.digests,
            "items": self.items,
            "updates": self.updates,
            "nonnews_share": share(self.nonnews, self.items),
            "nonnews_told_share": share(self.nonnews_told, self.items),
            "nonnews_share_gold": share(self.nonnews_gold, self.nonnews_gold_items),
            "nonnews_gold_items": self.nonnews_gold_items,
            "offtopic_share": share(self.offtopic, self.offtopic_items),
            "offtopic_share_keywords": share(self.offtopic_keywords, self.offtopic_keywords_items),
            "repeat_rate": share(self.repeats, self.repeat_items),
            "repeat_rate_same_digest": share(self.repeats_same_digest, self.repeat_items),
            "repeat_items": self.repeat_items,
            "mismatch_share": share(self.mismatch, self.items),
            "dangling_share": share(self.dangling, self.with_summary),
            "no_summary": self.items - self.with_summary,
            "max_importance_share": self.worst_importance if self.worst_importance is not None
            else self.max_share(self.importance),
            "max_importance_share_developments": self.worst_development_importance
            if self.worst_development_importance is not None else self.max_share(self.development_importance),
            "wrong_language_share": share(self.wrong_language_digests, self.digests),
            "other_language_items": self.other_language_items,
        }
        if top and self.worst_importance is None:
            found["most_common_importance"] = top[0][0]
        if not self.offtopic_items:
            del found["offtopic_share"]
        if not self.nonnews_gold_items:
            del found["nonnews_share_gold"], found["nonnews_gold_items"]
        if not self.offtopic_keywords_items:
            del found["offtopic_share_keywords"]
        if not self.repeat_items:
            for key in ("repeat_rate", "repeat_rate_same_digest", "repeat_items"):
                del found[key]
        return found


def majority(labels: Iterable[str | None]) -> str | None:
    """The label most of them carry (ties: the smallest); None when none is known."""
    counts = Counter(label for label in labels if label is not None)
    return min(counts, key=lambda label: (-counts[label], label)) if counts else None


@dataclass(frozen=True)
class Finding:
    """What the audit says about one item (for --show and the examples on stderr)."""

    topic: str
    scheduled_at: str
    item: dict[str, Any]
    flags: tuple[str, ...]
    repeats: Finding | None = None  # the reader's first item of the labelled story this item repeats


def audit(stream: Stream, replayed: Replayed) -> tuple[dict[str, Tally], list[Finding]]:
    """Per topic slug: the tally of its digests and items; and every item with what is wrong with it."""
    from volg.models import NEWS_GENRES

    tallies: dict[str, Tally] = {slug: Tally() for slug in replayed.slugs}
    title_of = {r["id"]: r["title"] for r in stream.records if "title" in r}  # T17's records have none
    findings: list[Finding] = []
    first_of: dict[str, dict[str, Finding]] = defaultdict(dict)  # reader → labelled story → its first item
    for digest in replayed.digests:
        slug, language = digest["topic"], digest["language"]
        follow = replayed.slugs[slug]
        tally = tallies[slug]
        tally.digests += 1
        wrong_language = False
        this_digest: dict[str, Finding] = {}
        for item in digest["items"]:
            flags = []
            tally.items += 1
            tally.updates += bool(item["is_update"])
            sources = item["sources"]
            genres = [replayed.cited[s["article_id"]].genre for s in sources]
            if not any(g in NEWS_GENRES for g in genres):
                tally.nonnews += 1
                flags.append("non-news: " + "/".join(sorted(set(genres))))
            told = told_from(item, replayed.cited)
            if told is None:
                tally.mismatch += 1
                flags.append("mismatch")
            teller = replayed.cited[told if told is not None else sources[0]["article_id"]]
            if teller.genre not in NEWS_GENRES:
                tally.nonnews_told += 1
                if not flags or not flags[0].startswith("non-news"):
                    flags.append(f"told from {teller.genre}")
            gold_genre = stream.genre_of.get(teller.external_id or "")
            if gold_genre is not None:
                tally.nonnews_gold_items += 1
                if gold_genre not in NEWS_GENRES:
                    tally.nonnews_gold += 1
                    flags.append(f"told from {gold_genre} (hand label)")
            if follow.subject is not None:
                subjects = [stream.subject_of.get(s["external_id"] or "") for s in sources]
                tally.offtopic_items += 1
                if sum(1 for s in subjects if s != follow.subject) > len(subjects) / 2:
                    tally.offtopic += 1
                    flags.append("off-topic: " + "/".join(sorted({s or "?" for s in subjects})))
            if follow.keywords is not None:
                pattern = re.compile(follow.keywords, re.IGNORECASE)
                missing = sum(1 for s in sources if not pattern.search(title_of.get(s["external_id"] or "", "")))
                tally.offtopic_keywords_items += 1
                if missing > len(sources) / 2:
                    tally.offtopic_keywords += 1
                    flags.append("off-topic (keywords)")
            story = majority(stream.story_of.get(s["external_id"] or "") for s in sources)
            first = None if story is None else first_of[slug].get(story, this_digest.get(story))
            if story is not None:
                tally.repeat_items += 1
                if first is not None and not item["is_update"]:
                    tally.repeats += 1
                    tally.repeats_same_digest += story not in first_of[slug]
                    flags.append(f"repeat of {story} (first: {first.item['headline']!r}, {first.scheduled_at[:16]})")
                else:
                    first = None
            if item["summary"]:
                tally.with_summary += 1
                why = dangling(item["summary"][0], item["language"])
                if why is not None:
                    tally.dangling += 1
                    flags.append(f"dangling ({why})")
            tally.importance[item["importance"]] += 1
            if item["language"] != language:
                tally.other_language_items += 1
            guessed = guess_language(" ".join([item["headline"], *item["summary"]]))
            if guessed is not None and guessed not in (language, item["language"]):
                wrong_language = True
                flags.append(f"in {guessed}")
            found = Finding(follow.name, digest["scheduled_at"], item, tuple(flags), first)
            findings.append(found)
            if story is not None:
                this_digest.setdefault(story, found)
        for story, found in this_digest.items():
            first_of[slug].setdefault(story, found)
        tally.wrong_language_digests += wrong_language
    for slug, importances in replayed.developments.items():
        tallies[slug].development_importance.update(importances)
    return tallies, findings


def repeat_pair(found: Finding) -> dict[str, Any]:
    """A repeat and the reader's first item of its labelled story, with the articles each cites (to read them)."""
    assert found.repeats is not None

    def said(finding: Finding) -> dict[str, Any]:
        item = finding.item
        return {"scheduled_at": finding.scheduled_at, "headline": item["headline"], "story_id": item["story_id"],
                "is_update": item["is_update"], "external_ids": [s["external_id"] for s in item["sources"]]}

    return {"topic": found.topic, **said(found), "first": said(found.repeats)}


# --- genre ----------------------------------------------------------------------------------------------------------

def genre_figures(data: Path) -> dict[str, Any] | None:
    """Precision and recall of volg's genre classifier on the labelled Dutch articles (`benchmarks.genre`)."""
    labels = LABELS / "dpgmedia_genre.jsonl"
    if not labels.is_file() or not (data / "dpgmedia2019-nl" / "articles.jsonl.gz").is_file():
        print(f"genre: skipped, needs {labels} and the dpgmedia data", file=sys.stderr)
        return None
    from benchmarks.genre import dutch

    return dutch(data, labels, show_errors=False)  # type: ignore[no-any-return]


def ingested_genre_figures(as_ingested: dict[str, str]) -> dict[str, Any]:
    """The same over the genres the dpgmedia replay stored for the labelled articles it stored."""
    from benchmarks.genre import per_genre, precision_recall

    labels = LABELS / "dpgmedia_genre.jsonl"
    gold_of = {row["id"]: row["genre"] for row in map(json.loads, labels.read_text().splitlines()) if row}
    ids = [i for i in sorted(gold_of) if i in as_ingested]
    gold = [gold_of[i] for i in ids]
    stored = [as_ingested[i] for i in ids]
    return {
        "articles": len(ids),
        "opinion_letters": precision_recall(gold, stored, frozenset({"opinion", "letters"})),
        "news": precision_recall(gold, stored, frozenset({"news"})),
        "genres": per_genre(gold, stored),
    }


# --- output ---------------------------------------------------------------------------------------------------------

def show(findings: Sequence[Finding], cited: dict[int, Cited], count: int, stream: str, language: str,
         seed: int | None = None) -> None:
    """The first `count` items in the order the digests went out, or with a `seed` `count` of them drawn at random
    (in that order too), as their reader sees them (an update with the new facts it lists), with the audit's flags."""
    if count <= 0:
        return
    chosen = list(enumerate(findings, start=1))
    if seed is None:
        chosen, which = chosen[:count], "the first"
    else:
        chosen, which = sorted(random.Random(seed).sample(chosen, min(count, len(chosen)))), f"seed {seed}, a random"
    print(f"\n=== {stream}: {which} {len(chosen)} of {len(findings)} items ===", file=sys.stderr)
    for number, found in chosen:
        item = found.item
        mark = "Update: " if item["is_update"] else ""
        outlets = ", ".join(f"{s['outlet']} ({cited[s['article_id']].genre})" for s in item["sources"][:5])
        more = f" +{len(item['sources']) - 5}" if len(item["sources"]) > 5 else ""
        print(f"{number:2}. [{found.topic} · {found.scheduled_at[:16]}] {mark}{item['headline']}", file=sys.stderr)
        for sentence in item["summary"]:
            print(f"      {sentence}", file=sys.stderr)
        if item.get("new"):
            print(f"      new: {' · '.join(item['new'])}", file=sys.stderr)
        print(f"      — {outlets}{more} · {'belang' if language == 'nl' else 'importance'} {item['importance']}"
              + (f"   !! {'; '.join(found.flags)}" if found.flags else ""), file=sys.stderr)  # fmt: skip


def table(rows: list[tuple[str, dict[str, Any]]]) -> None:
    columns = (("items", "items", "{}"), ("nonnews", "nonnews_share", "{:.3f}"), ("offtop", "offtopic_share", "{:.3f}"),
               ("repeat", "repeat_rate", "{:.3f}"), ("mismatch", "mismatch_share", "{:.3f}"),
               ("dangle", "dangling_share", "{:.3f}"), ("maxImp", "max_importance_share", "{:.3f}"),
               ("maxImpDev", "max_importance_share_developments", "{:.3f}"),
               ("wrongLang", "wrong_language_share", "{:.3f}"))  # fmt: skip
    print(f"\n{'':34}" + "".join(f"{title:>10}" for title, _, _ in columns), file=sys.stderr)
    for label, figures in rows:
        cells = "".join(
            f"{(fmt.format(figures[key]) if figures.get(key) is not None else '–'):>10}" for _, key, fmt in columns)
        print(f"{label[:34]:34}{cells}", file=sys.stderr)
    print(f"{'target':34}" + "".join(
        f"{('≤' + str(TARGETS[key])) if key in TARGETS else '':>10}" for _, key, _ in columns), file=sys.stderr)


def code_version() -> dict[str, Any]:
    """The checkout's commit and whether files differ from it: figures belong to the code they were made with."""
    repo = Path(__file__).resolve().parent.parent

    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=False)
        return done.stdout if done.returncode == 0 else ""

    changed = [line[3:] for line in git("status", "--porcelain", "--untracked-files=no").splitlines() if line]
    return {"commit": git("rev-parse", "--short", "HEAD").strip() or None, "changed_files": changed}


def run(stream: Stream, times: Sequence[str], max_items: int, check: bool) -> tuple[Replayed, str | None]:
    """One stream's replay (in a worker process), and with `check` the comparison with `volg replay`."""
    print(f"{stream.name}: replaying {len(stream.records)} articles, {len(stream.topics)} topics ...",
          file=sys.stderr)
    replayed = replay_stream(stream, times, max_items)
    print(f"{stream.name}: {len(replayed.digests)} digests in {replayed.seconds:.0f} s; "
          f"lines {dict(replayed.statuses)}", file=sys.stderr)  # fmt: skip
    return replayed, check_cli(stream, replayed, times, max_items) if check else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--streams", default=",".join(STREAMS), help=f"comma-separated, of {', '.join(STREAMS)}")
    parser.add_argument("--limit", type=int, help="only the first N articles of each stream (quick runs)")
    parser.add_argument("--t17-per-folder", type=int, default=T17_PER_FOLDER, metavar="N",
                        help="keep the first N articles of each T17 folder (0: all 4,352; about 45 minutes)")
    parser.add_argument("--at", default="08:00,13:00,19:00", help="the readers' local digest times")
    parser.add_argument("--max", dest="max_items", type=int, default=5, help="most items in one digest")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print each stream's first N items")
    parser.add_argument("--read", type=int, default=0, metavar="N",
                        help="print N items of each stream drawn at random (with --seed): the sample to read")
    parser.add_argument("--seed", type=int, default=1, help="the draw of --read")
    parser.add_argument("--check-cli", action="store_true",
                        help="also run `volg replay` for each stream's first topic and compare its output")
    parser.add_argument("--jobs", type=int, default=2, help="streams replayed at once, one process each")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.streams.split(",") if n.strip()]
    unknown = sorted(set(names) - set(STREAMS))
    if unknown:
        parser.error(f"unknown stream(s) {', '.join(unknown)}; choose from {', '.join(STREAMS)}")
    times = [t.strip() for t in args.at.split(",") if t.strip()]
    started = time.perf_counter()
    version = code_version()

    streams = {n: s for n in names if (s := load_stream(n, args.data, args.limit, args.t17_per_folder)) is not None}
    # volg loaded once, before the workers fork: every stream is replayed by the code `settings.volg` names (the
    # Service loads its ingesting, developments and the clusterer on first use: loaded here too)
    import volg.intake
    import volg.pipeline.compose.render
    import volg.pipeline.compose.repeats
    import volg.pipeline.compose.select
    import volg.pipeline.develop.detect
    import volg.replay
    import volg.service
    import volg.storykeeper  # noqa: F401
    # the longest replay first, so the others share the second process
    order = sorted(streams, key=lambda n: -sum(len(r["text"]) for r in streams[n].records))
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {n: pool.submit(run, streams[n], times, args.max_items, args.check_cli) for n in order}
        genre = genre_figures(args.data) if "dpgmedia" in names else None
        done = {n: futures[n].result() for n in names if n in futures}

    result: dict[str, Any] = {"streams": {}}
    overall = Tally()
    rows: list[tuple[str, dict[str, Any]]] = []
    for name, (replayed, cli) in done.items():
        stream = streams[name]
        tallies, findings = audit(stream, replayed)
        show(findings, replayed.cited, args.show, name, stream.language)
        show(findings, replayed.cited, args.read, name, stream.language, seed=args.seed)
        streamed = Tally()
        topics: dict[str, Any] = {}
        for slug, tally in tallies.items():
            follow = replayed.slugs[slug]
            topics[follow.name] = {"query": follow.query, **tally.figures()}
            rows.append((f"{name} · {follow.name}", topics[follow.name]))
            streamed.add(tally)
        overall.add(streamed)
        figures = streamed.figures()
        rows.append((f"{name} (all topics)", figures))
        result["streams"][name] = {
            "articles": len(stream.records),
            "lines": dict(replayed.statuses),
            "language": stream.language,
            **figures,
            "seconds": round(replayed.seconds, 1),
            "topics": topics,
            "repeats": [repeat_pair(found) for found in findings if found.repeats is not None],
        }
        if cli is not None:
            result["streams"][name]["cli_check"] = cli
            print(f"{name}: volg replay check: {cli}", file=sys.stderr)
        if genre is not None and name == "dpgmedia":
            genre["as_ingested"] = ingested_genre_figures(replayed.genre_of)
    result["overall"] = overall.figures()
    rows.append(("overall", result["overall"]))
    table(rows)
    if genre is not None:
        result["genre"] = genre
        ol = genre["opinion_letters"]
        print(f"\ngenre opinion+letters: precision {ol['precision']}, recall {ol['recall']} (target ≥ 0.9 both)"
              + (f"; as ingested: {genre['as_ingested']['opinion_letters']}" if "as_ingested" in genre else ""),
              file=sys.stderr)  # fmt: skip
    result["targets"] = TARGETS
    result["settings"] = {"limit": args.limit, "t17_per_folder": args.t17_per_folder or None, "at": times,
                          "max_items": args.max_items, "seconds": round(time.perf_counter() - started, 1),
                          "volg": version, "volg_at_end": code_version()}
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
