"""Which signals tell a repeat from another event of the same topic: every pair of items one reader got.

    python -m benchmarks.repeat_pairs [--data ../shared/data] [--streams dpgmedia,uci] [--show 20]

The streams with story labels are replayed as `benchmarks.digest_audit` replays them (dpgmedia: its labels cover the
week of 25–31 March; uci), and each labelled item is paired with every labelled item the same reader got before it
from another volg story within `compose.repeats.SENT_WINDOW` (higher up in the same digest too). A pair is `same`
when the two items' labelled stories (the majority of their cited articles', as the audit reads them) are one: those
are the pairs a repeat comes from, and what volg's test of one event should find; the others are other events of the
reader's topic, which it should not. (Items volg left out are not in the pairs: they were never sent.)

Each signal ranks the pairs; reported are the ranks of the same-story pairs (0 is the highest), and for each number of
them found from the top down, how many other pairs rank above the last. Signals:

- `item_dice`: Dice's coefficient of the two items' headline and summary stems (`compose.repeats`' own test, from
  `SAME_EVENT` 0.25);
- `lede_dice`: the same over the cited articles' titles and first `LEDE_WORDS` words (union over each item's);
- `lede_facts`: how many numbers, places and names (`compose.repeats._facts`) the cited articles' titles and first
  three sentences share;
- `text_cosine`: the best IDF-weighted cosine of two cited articles' whole-text stems (IDF over the stream).

Pairs go to stderr with `--show N` (the N highest of each signal); the last stdout line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from benchmarks import DEFAULT_DATA
from benchmarks.digest_audit import T17_PER_FOLDER, load_stream, majority, replay_stream

LEDE_WORDS = 60
LEDE_SENTENCES = 3
LABELLED = ("dpgmedia", "uci")


@dataclass(frozen=True)
class Pair:
    """A labelled item and an earlier one the same reader got from another volg story."""

    same: bool
    topic: str
    later: dict[str, Any]
    earlier: dict[str, Any]


def pairs(digests: list[dict[str, Any]], story_of: dict[str, str]) -> list[Pair]:
    """Every pair of labelled items one reader got from two volg stories within the sent window, the later first."""
    from volg.pipeline.compose.repeats import SENT_WINDOW

    got: dict[str, list[tuple[datetime, str, dict[str, Any]]]] = {}
    found: list[Pair] = []
    for digest in digests:
        at = datetime.fromisoformat(digest["scheduled_at"].replace("Z", "+00:00"))
        mine = got.setdefault(digest["topic"], [])
        for item in digest["items"]:
            label = majority(story_of.get(s["external_id"] or "") for s in item["sources"])
            if label is None:
                continue
            found.extend(Pair(label == other, digest["topic"], item, before) for when, other, before in mine
                         if at - when <= SENT_WINDOW and before["story_id"] != item["story_id"])
            mine.append((at, label, item))
    return found


class Texts:
    """The stream's article texts by external id, and what the signals read of them (kept once read)."""

    def __init__(self, records: Iterable[dict[str, Any]], language: str) -> None:
        from volg.pipeline.develop.facts import stems

        self.language = language
        self.stems = stems
        self.records = {r["id"]: r for r in records}
        self.whole = {key: frozenset(stems(f"{r['title']}. {r['text']}", language)) for key, r in self.records.items()}
        frequency = Counter(stem for words in self.whole.values() for stem in words)
        self.idf = {stem: math.log(len(self.whole) / count) for stem, count in frequency.items()}
        self._facts: dict[str, frozenset[str]] = {}

    def lede(self, key: str) -> frozenset[str]:
        r = self.records[key]
        return frozenset(self.stems(f"{r['title']}. {' '.join(r['text'].split()[:LEDE_WORDS])}", self.language))

    def facts(self, key: str) -> frozenset[str]:
        from volg.pipeline.compose.repeats import _facts

        if key not in self._facts:
            r = self.records[key]
            opening = " ".join(re.split(r"(?<=[.!?])\s+", r["text"])[:LEDE_SENTENCES])
            self._facts[key] = frozenset(f.key for f in _facts(f"{r['title']}. {opening}", self.language))
        return self._facts[key]

    def cosine(self, a: str, b: str) -> float:
        def norm(words: frozenset[str]) -> float:
            return math.sqrt(sum(self.idf[w] ** 2 for w in words))

        shared = sum(self.idf[w] ** 2 for w in self.whole[a] & self.whole[b])
        return shared / (norm(self.whole[a]) * norm(self.whole[b]) or 1.0)


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def signals(texts: Texts) -> dict[str, Callable[[Pair], float]]:
    from volg.pipeline.compose.repeats import _sent

    def ids(item: dict[str, Any]) -> list[str]:
        return [s["external_id"] for s in item["sources"] if s["external_id"] in texts.records]

    def union(item: dict[str, Any], read: Callable[[str], frozenset[str]]) -> frozenset[str]:
        return frozenset().union(*(read(key) for key in ids(item)))

    def item_dice(pair: Pair) -> float:
        a, b = (_sent(i["story_id"], i["language"], i["headline"], i["summary"]) for i in (pair.later, pair.earlier))
        return _dice(a.words, b.words)

    return {
        "item_dice": item_dice,
        "lede_dice": lambda p: _dice(union(p.later, texts.lede), union(p.earlier, texts.lede)),
        "lede_facts": lambda p: len(union(p.later, texts.facts) & union(p.earlier, texts.facts)),
        "text_cosine": lambda p: max((texts.cosine(a, b) for a in ids(p.later) for b in ids(p.earlier)), default=0.0),
    }


def ranks(found: list[Pair], score: Callable[[Pair], float]) -> dict[str, Any]:
    """Where the same-story pairs rank by `score` (ties: the other pairs first), and the others above each."""
    ranked = sorted(found, key=lambda p: (-score(p), p.same))
    at = [n for n, pair in enumerate(ranked) if pair.same]
    return {"same_ranks": at, "others_above": [rank - k for k, rank in enumerate(at)]}


def show(found: list[Pair], name: str, score: Callable[[Pair], float], count: int) -> None:
    print(f"\n=== the {count} highest pairs by {name} ===", file=sys.stderr)
    for pair in sorted(found, key=lambda p: (-score(p), p.same))[:count]:
        print(f"{'SAME ' if pair.same else 'other'} {score(pair):6.3f} [{pair.topic}] {pair.later['headline'][:60]}"
              f"  <>  {pair.earlier['headline'][:60]}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--streams", default=",".join(LABELLED), help=f"comma-separated, of {', '.join(LABELLED)}")
    parser.add_argument("--at", default="08:00,13:00,19:00", help="the readers' local digest times")
    parser.add_argument("--max", dest="max_items", type=int, default=5, help="most items in one digest")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print the N highest pairs of each signal")
    args = parser.parse_args(argv)
    result: dict[str, Any] = {}
    for name in (n.strip() for n in args.streams.split(",") if n.strip()):
        if name not in LABELLED:
            parser.error(f"unknown stream {name}; choose from {', '.join(LABELLED)}")
        stream = load_stream(name, args.data, None, T17_PER_FOLDER)
        if stream is None:
            continue
        replayed = replay_stream(stream, [t.strip() for t in args.at.split(",") if t.strip()], args.max_items)
        found = pairs(replayed.digests, stream.story_of)
        texts = Texts(stream.records, stream.language)
        scored = {}
        for signal, score in signals(texts).items():
            scored[signal] = ranks(found, score)
            show(found, f"{name} {signal}", score, args.show)
        result[name] = {"pairs": len(found), "same": sum(p.same for p in found), "signals": scored}
        print(f"{name}: {len(found)} pairs, {result[name]['same']} of one labelled story", file=sys.stderr)
        for signal, figures in scored.items():
            print(f"  {signal:12} same-story ranks {figures['same_ranks']}", file=sys.stderr)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
