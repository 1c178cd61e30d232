"""The do-it-yourself peer of `benchmarks.ingest --fulltext`: what one would write instead of running volg.

    python -m benchmarks.fulltext_peer FOLDER FEED_URL...

The `reader` library (its database in FOLDER) updates the feeds; then each entry's page is fetched with httpx and
its text extracted with trafilatura. One JSON object per article ({"url", "text"}) goes to FOLDER/articles.jsonl.
Run as a child process, so that its CPU and memory are measured apart from the benchmark's.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import httpx
import trafilatura
from reader import make_reader


def main(folder: Path, feeds: list[str]) -> None:
    reader = make_reader(str(folder / "reader.sqlite"))
    for url in feeds:
        reader.add_feed(url)
    reader.update_feeds(scheduled=False)
    with httpx.Client() as client, (folder / "articles.jsonl").open("w", encoding="utf-8") as out:
        for entry in reader.get_entries():
            if not entry.link:
                continue
            page = client.get(entry.link)
            text = trafilatura.extract(page.text, url=entry.link) if page.is_success else None
            out.write(json.dumps({"url": entry.link, "text": text or ""}, ensure_ascii=False) + "\n")
    reader.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2:])
