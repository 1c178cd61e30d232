"""`Clusterer.add_many` gives exactly what one `add` after another gives."""

import json
from pathlib import Path

from tests.pipeline.cluster.invented import DAM_EN, DAM_EN_COPY, DAM_EN_OTHER, DAM_NL, TRAM_EN, passage
from tests.pipeline.cluster.test_assign import ROUNDUP_TEXT

import volg
from volg.pipeline.cluster.assign import DEFAULTS, Clusterer, ClusterSettings
from volg.pipeline.cluster.passages import passages as passages_of
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage


def same_as_one_by_one(stream: list, settings: ClusterSettings = DEFAULTS) -> None:
    one_by_one = Clusterer(settings)
    expected = [one_by_one.add(p) for p in stream]
    batch = Clusterer(settings)
    assert batch.add_many(stream) == expected
    assert json.dumps(batch.to_state()) == json.dumps(one_by_one.to_state())


def test_add_many_on_invented_passages_with_repeats_sections_and_merges() -> None:
    lines = ROUNDUP_TEXT.split("\n")
    stream = [
        DAM_EN, TRAM_EN, DAM_EN_COPY, DAM_EN_COPY, DAM_NL, DAM_EN_OTHER,
        passage(9, "News of the day", "Here is what happened today.", hours=8),
        passage(9, lines[1], " ".join(lines[2:4]), hours=8, section=1),
        passage(9, lines[4], lines[5], hours=8, section=2),
        DAM_EN,
    ]  # fmt: skip
    same_as_one_by_one(stream)
    same_as_one_by_one(stream, ClusterSettings(join=0.5, merge=0.3))  # strict joins, so stories merge later


def test_add_many_on_the_demo_stream() -> None:
    service = Service(Settings(), open_storage(":memory:"))
    stream = Path(volg.__file__).parent / "demo" / "stream.jsonl"
    results = list(service.ingest_bytes(stream.read_bytes(), "stream.jsonl"))
    articles = sorted({r.article.id: r.article for r in results if r.article is not None}.values(),
                      key=lambda a: (a.clean.published_at, a.id))  # fmt: skip
    same_as_one_by_one([p for article in articles for p in passages_of(article)])
