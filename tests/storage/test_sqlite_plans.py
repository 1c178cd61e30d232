"""Ingesting reads SQLite by index: no statement that storing an article runs (deduplicated, clustered, its source's
boilerplate learned and cleaned out of its recent articles, a new version of it) scans a table that grows with the
archive, so ingest costs the same per article at 100,000 articles as at 100 (issue 13: deleting a re-cleaned
article's LSH bands read all 3.4 million of them at 100,000 articles, 0.11 s of CPU each)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

from volg.models import Status
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage

GROWING = ("articles", "article_versions", "article_sightings", "lsh_bands", "source_lines", "stories",
           "story_passages")
"""Tables whose rows grow with the archive (the clusterer's state, cluster_*, is its active window)."""
TIP = "NieuwsNu is onafhankelijk en blijft gratis dankzij de steun van duizenden lezers."
STORIES = [
    "De gemeenteraad van Venlo stemde donderdag in met een nieuwe dijk langs de Maas. De bouw begint in maart.",
    "Een brand in een loods in Roermond is vrijdagnacht onder controle gebracht. Niemand raakte gewond.",
    "Het Limburgs Museum in Venlo opent zaterdag een tentoonstelling over de watersnood van 1995.",
    "De NS zet in het weekend bussen in tussen Roermond en Maastricht wegens werk aan het spoor.",
]


def record(n: int, text: str, url: str | None = None) -> dict[str, object]:
    return {"id": f"nn-{n}", "url": url or f"https://nieuwsnu.example/{n}", "title": f"Bericht {n}", "text": text,
            "published_at": f"2026-11-16T0{n}:00:00Z", "source": "NieuwsNu"}


def scanned(db: object, sql: str) -> list[str]:
    """The growing tables a statement reads whole, by their names or their aliases in it."""
    plan = [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}")]  # type: ignore[attr-defined]
    names = {table: table for table in GROWING}
    for table in GROWING:
        names |= {alias: table for alias in re.findall(rf"\b{table}\s+(?:AS\s+)?(\w+)", sql, re.IGNORECASE)}
    scans = [found for step in plan if (found := re.match(r"SCAN (\w+)", step))]
    return [names[scan[1]] for scan in scans if scan[1] in names]


def test_storing_articles_reads_the_growing_tables_by_index_only(tmp_path: Path) -> None:
    service = Service(Settings(), open_storage(str(tmp_path / "volg.db")),
                      clock=lambda: datetime(2026, 11, 16, 12, tzinfo=UTC))
    db = service.storage._db  # type: ignore[attr-defined]
    statements: list[str] = []
    db.set_trace_callback(statements.append)
    records = [record(n, f"{story}\n{TIP}") for n, story in enumerate(STORIES, start=1)]
    records.append(record(5, f"{STORIES[0]} De dijk kost 40 miljoen euro.\n{TIP}", url="https://nieuwsnu.example/1"))
    records.append(record(6, f"{STORIES[1]}\n{TIP}", url="https://nieuwsnu.example/kopie"))
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode()
    results = [result.status for result in service.ingest_bytes(lines, "nn.jsonl")]
    db.set_trace_callback(None)
    assert results == [Status.NEW] * 4 + [Status.UPDATED, Status.DUPLICATE]
    assert any(TIP in article.clean.removed for article in service.articles()), "a line learned and cleaned out"
    # volg's own reads, updates and deletes (what SQLite runs for them, triggers and FTS5's, is traced as comments;
    # an INSERT's plan lists the foreign-key checks SQLite would make were a parent key changed, which it never is)
    ran = {sql for sql in statements if re.match(r"SELECT|UPDATE|DELETE", sql)}
    assert any(sql.startswith("DELETE FROM lsh_bands") for sql in ran)
    assert {sql: found for sql in sorted(ran) if (found := scanned(db, sql))} == {}
    service.close()
