"""Extraction quality on the Zyte article-extraction benchmark (181 news and blog pages with a gold body).

Each page goes through `extract_html`; its section headings and paragraphs, joined, are compared with the gold
`articleBody` as bags of tokens (whitespace-split, lower-cased, punctuation stripped; counted with multiplicity).
Precision, recall and F1 are computed per page and averaged over pages.

    python -m benchmarks.extraction [--data PATH]

Progress goes to stderr; the last line of stdout is one JSON object: pages, precision, recall, f1 (and seconds,
failures).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from benchmarks import DEFAULT_DATA
from volg.errors import InputError
from volg.pipeline.clean.extract import extract_html

_PUNCTUATION = re.compile(r"[^\w\s]")


def tokens(text: str) -> Counter[str]:
    words = (_PUNCTUATION.sub("", word.casefold()) for word in text.split())
    return Counter(word for word in words if word)


def scores(gold: str, predicted: str) -> tuple[float, float, float]:
    """Token precision, recall and F1 of `predicted` against `gold`; an empty side scores 0 (both empty: 1)."""
    gold_tokens, predicted_tokens = tokens(gold), tokens(predicted)
    if not gold_tokens and not predicted_tokens:
        return 1.0, 1.0, 1.0
    overlap = sum((gold_tokens & predicted_tokens).values())
    precision = overlap / sum(predicted_tokens.values()) if predicted_tokens else 0.0
    recall = overlap / sum(gold_tokens.values()) if gold_tokens else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def body_of(html: str, url: str | None) -> str:
    """The text volg extracts from a page: headings and paragraphs, one per line ("" when extraction fails)."""
    try:
        page = extract_html(html, url)
    except InputError:
        return ""
    lines: list[str] = []
    for section in page.sections:
        if section.heading:
            lines.append(section.heading)
        lines.extend(section.paragraphs)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    args = parser.parse_args(argv)
    folder = args.data / "article-extraction-benchmark"
    truth_file = folder / "ground-truth.json.gz"
    if not truth_file.is_file():
        print(f"benchmark data not found: {truth_file} (see --data)", file=sys.stderr)
        return 2
    truth = json.loads(gzip.decompress(truth_file.read_bytes()))
    totals = [0.0, 0.0, 0.0]
    failures = 0
    started = time.perf_counter()
    for done, (page_id, gold) in enumerate(sorted(truth.items()), start=1):
        html = gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8", "replace")
        predicted = body_of(html, gold.get("url"))
        failures += not predicted
        for i, value in enumerate(scores(gold.get("articleBody", ""), predicted)):
            totals[i] += value
        if done % 20 == 0 or done == len(truth):
            print(f"{done}/{len(truth)} pages, F1 so far {totals[2] / done:.4f}", file=sys.stderr)
    pages = len(truth)
    result = {
        "pages": pages,
        "precision": round(totals[0] / pages, 4),
        "recall": round(totals[1] / pages, 4),
        "f1": round(totals[2] / pages, 4),
        "failures": failures,
        "seconds": round(time.perf_counter() - started, 2),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
