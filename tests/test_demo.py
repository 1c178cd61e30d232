"""The bundled demo stream: what later stages rely on it to contain, and that volg cleans it as it should."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from volg import demo
from volg.models import IngestResult, Status
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage

RECORDS = [json.loads(line) for line in demo.stream_bytes().decode("utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Service, list[IngestResult]]]:
    path: Path = tmp_path_factory.mktemp("demo") / "demo.db"
    service = Service(Settings(), open_storage(str(path)), clock=lambda: datetime(2026, 11, 20, tzinfo=UTC))
    results = list(service.ingest_bytes(demo.stream_bytes(), "stream.jsonl"))
    yield service, results
    service.close()


def test_the_stream_has_what_later_stages_need() -> None:
    assert len(RECORDS) >= 60
    outlets = Counter(r["source"] for r in RECORDS)
    assert len(outlets) >= 5
    assert len({r["published_at"][:10] for r in RECORDS}) >= 3
    assert {r.get("language") for r in RECORDS} >= {"nl", "en"}
    assert sum("html" in r for r in RECORDS) >= 5
    ids = [r["id"] for r in RECORDS]
    assert len(ids) == len(set(ids))
    times = [r["published_at"] for r in RECORDS]
    assert times == sorted(times)
    assert all(r["url"].startswith("https://") and ".example/" in r["url"] for r in RECORDS)


def test_everything_goes_in_with_duplicates_updates_and_copies(ingested: tuple[Service, list[IngestResult]]) -> None:
    service, results = ingested
    statuses = Counter(r.status for r in results)
    assert statuses[Status.REJECTED] == 0, [r.error for r in results if r.error]
    assert statuses[Status.DUPLICATE] >= 2
    assert statuses[Status.UPDATED] >= 2
    stored = service.articles()
    assert len(stored) == statuses[Status.NEW]
    copies = [a for a in stored if a.copy_of is not None]
    assert len(copies) >= 4
    for copy in copies:
        assert copy.clean.source != service.article(copy.copy_of).clean.source  # type: ignore[arg-type]
    roundups = [a for a in stored if sum(1 for s in a.clean.sections if s.heading) >= 2]
    assert len(roundups) >= 4


def test_languages_are_detected_where_the_stream_leaves_them_out(
    ingested: tuple[Service, list[IngestResult]],
) -> None:
    _, results = ingested
    outlet_language = {r["source"]: r["language"] for r in RECORDS if r.get("language")}
    unlabelled = {r["id"]: outlet_language[r["source"]] for r in RECORDS if not r.get("language")}
    assert len(unlabelled) >= 5
    for result in results:
        if result.article and result.article.clean.external_id in unlabelled:
            assert result.article.clean.language == unlabelled[result.article.clean.external_id]


def test_no_boilerplate_survives_and_every_outlet_closer_is_learned(
    ingested: tuple[Service, list[IngestResult]],
) -> None:
    service, _ = ingested
    stored = service.articles()
    by_source: dict[str, list[str]] = {}
    for article in stored:
        by_source.setdefault(article.clean.source, []).append(article.clean.paragraphs[-1])
        body = article.clean.body
        for widget in ("Gebruik je de app", "Volg dit onderwerp", "Follow this topic", "Lees ook:", "Read more:"):
            assert widget not in body, (article.clean.external_id, widget)
        assert not any(p.startswith(("Foto:", "Beeld:", "Photo:")) for p in article.clean.paragraphs)
    for source, last_paragraphs in by_source.items():
        most_common, count = Counter(last_paragraphs).most_common(1)[0]
        assert count < max(3, len(last_paragraphs) // 3), f"{source} still ends {count} articles with {most_common!r}"
