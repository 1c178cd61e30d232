"""Genre classification against hand-labelled Dutch and English development sets.

    python -m benchmarks.genre [--data ../shared/data] [--labels benchmarks/labels/dpgmedia_genre.jsonl]
                               [--english-labels benchmarks/labels/t17_genre.jsonl] [--errors]

Dutch: the DpgMedia2019 articles listed in `benchmarks/labels/dpgmedia_genre.jsonl` ({"id", "genre"} per line).
Their text is one string (paragraphs are not separated) and they carry no URL, so each gets a made-up URL with no
genre in its path and sections through `sections_from_text` and `remove_boilerplate` (no source profile), as a
plain-text input is cleaned before its genre is decided. Reported: precision,
recall and support per genre, the confusions (gold→predicted), opinion and letters taken as one class against
everything else (`opinion_letters`), and news against everything else.

English (`english`): the same figures for the Timeline17 articles listed in `benchmarks/labels/t17_genre.jsonl`
(ids "folder/id"; no title, flattened text), when that file is there. Over all Timeline17 articles,
`t17_non_news_share` is the share the classifier calls something else than news or live, and `t17_labels` how it
labels them. Each side also reports the classifier's time per article (`ms_per_article`, `t17_ms_per_article`;
sections are built outside the timed part).

Progress and, with `--errors`, each misclassified id with its evidence go to stderr; the last line of stdout is one
JSON object.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from benchmarks import DEFAULT_DATA
from volg.models import NEWS_GENRES, Section
from volg.pipeline.clean.boilerplate import comment_share, remove_boilerplate
from volg.pipeline.clean.genre import GENRES, classify_genre
from volg.pipeline.clean.structure import sections_from_text

DEFAULT_LABELS = Path(__file__).resolve().parent / "labels" / "dpgmedia_genre.jsonl"
ENGLISH_LABELS = Path(__file__).resolve().parent / "labels" / "t17_genre.jsonl"


def _records(path: Path) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def precision_recall(gold: Sequence[str], predicted: Sequence[str], positive: frozenset[str]) -> dict[str, float]:
    """Precision and recall of "is in `positive`" (1.0 when nothing was predicted or there is nothing to find)."""
    hits = sum(g in positive and p in positive for g, p in zip(gold, predicted, strict=True))
    said = sum(p in positive for p in predicted)
    real = sum(g in positive for g in gold)
    return {"precision": round(hits / said, 4) if said else 1.0, "recall": round(hits / real, 4) if real else 1.0}


def per_genre(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, dict[str, float]]:
    counts = Counter(gold)
    return {
        genre: {**precision_recall(gold, predicted, frozenset({genre})), "support": counts[genre]}
        for genre in GENRES
        if counts[genre] or genre in predicted
    }


def confusions(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, int]:
    """Off-diagonal pairs, most frequent first: {"opinion→news": 3, ...}."""
    pairs = Counter(f"{g}→{p}" for g, p in zip(gold, predicted, strict=True) if g != p)
    return dict(pairs.most_common())


def cleaned(text: str) -> tuple[tuple[Section, ...], float]:
    """A plain text's sections as the pipeline cleans them before deciding the genre, and the share of its words
    that readers' comments held."""
    sections = sections_from_text(text)
    return remove_boilerplate(sections)[0], comment_share(sections)


def scored(labels: Path, articles: Iterator[tuple[str, str, str, str]], language: str, show_errors: bool) -> dict:
    """The classifier's figures on the labelled articles among `articles` (id, title, text, URL each)."""
    gold_of = {row["id"]: row["genre"] for row in map(json.loads, labels.read_text().splitlines()) if row}
    gold: list[str] = []
    predicted: list[str] = []
    seconds = 0.0
    for key, title, text, url in articles:
        if key not in gold_of:
            continue
        sections, comments = cleaned(text)
        started = time.perf_counter()
        found = classify_genre(title, sections, language, url, comments=comments)
        seconds += time.perf_counter() - started
        gold.append(gold_of[key])
        predicted.append(found.label)
        if show_errors and found.label != gold[-1]:
            print(f"{key}: {gold[-1]} → {found.label} ({'; '.join(found.evidence)})", file=sys.stderr)
    missing = len(gold_of) - len(gold)
    if missing:
        print(f"{missing} labelled ids not found in the articles", file=sys.stderr)
    return {
        "articles": len(gold),
        "accuracy": round(sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold), 4),
        "opinion_letters": precision_recall(gold, predicted, frozenset({"opinion", "letters"})),
        "news": precision_recall(gold, predicted, frozenset({"news"})),
        "genres": per_genre(gold, predicted),
        "confusions": confusions(gold, predicted),
        "ms_per_article": round(1000 * seconds / len(gold), 3),
    }


def dutch(data: Path, labels: Path, show_errors: bool) -> dict:
    articles = ((r["id"], r["title"] or "", r["text"] or "", f"https://dpg.example/a/{r['id']}")
                for r in _records(data / "dpgmedia2019-nl" / "articles.jsonl.gz"))  # fmt: skip
    return scored(labels, articles, "nl", show_errors)


def _t17(data: Path) -> Iterator[tuple[str, str, str, str]]:
    for r in _records(data / "timeline17" / "articles.jsonl.gz"):
        key = f"{r['topic']}/{r['id']}"
        yield key, "", r["text"] or "", f"https://t17.example/{key}"


def english(data: Path) -> dict:
    labels: Counter[str] = Counter()
    seconds = 0.0
    for _, title, text, url in _t17(data):
        sections, comments = cleaned(text)
        started = time.perf_counter()
        labels[classify_genre(title, sections, "en", url, comments=comments).label] += 1
        seconds += time.perf_counter() - started
    total = sum(labels.values())
    non_news = sum(n for label, n in labels.items() if label not in NEWS_GENRES)
    return {
        "t17_articles": total,
        "t17_non_news_share": round(non_news / total, 4),
        "t17_labels": dict(labels.most_common()),
        "t17_ms_per_article": round(1000 * seconds / total, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS, help="the labelled development set")
    parser.add_argument("--english-labels", type=Path, default=ENGLISH_LABELS,
                        help="the labelled English set (Timeline17 ids)")
    parser.add_argument("--errors", action="store_true", help="print each misclassified id on stderr")
    args = parser.parse_args(argv)
    articles = args.data / "dpgmedia2019-nl" / "articles.jsonl.gz"
    if not articles.is_file() or not args.labels.is_file():
        print(f"skipped: needs {articles} and {args.labels} (see --data, --labels)", file=sys.stderr)
        return 2
    result = dutch(args.data, args.labels, args.errors)
    print(f"{result['articles']} Dutch articles classified", file=sys.stderr)
    if (args.data / "timeline17" / "articles.jsonl.gz").is_file():
        if args.english_labels.is_file():
            result["english"] = scored(args.english_labels, _t17(args.data), "en", args.errors)
            print(f"{result['english']['articles']} English articles classified", file=sys.stderr)
        result.update(english(args.data))
    else:
        print("timeline17 not found: the English check is skipped", file=sys.stderr)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
