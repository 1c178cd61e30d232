"""Developments on real text: the seed article (one story per section) and the bundled demo stream."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from volg import demo
from volg.models import Article, Development, RawArticle, Status, Story, StoryArticle
from volg.pipeline.clean import clean_article
from volg.pipeline.cluster.passages import opens_with_intro, passage, passages
from volg.pipeline.develop import StoryPassage, developments, is_update_worth_sending
from volg.service import Service
from volg.settings import Settings
from volg.storage import open_storage

BOILERPLATE = (
    "Volg dit onderwerp", "Gebruik je de app", "Foto:", "Beeld:", "Photo:", "Lees ook", "Read more", "subscribe",
    "Reporting by", "tips@", "Heb je een tip", "Tap the", "Tik op",
)  # fmt: skip
Found = dict[int, tuple[Story, list[Development]]]
_COMPLETE = re.compile(r"[.!?]['\"’”»)]*$")


def assert_clean_summary(dev: Development) -> None:
    assert 1 <= len(dev.summary) <= 2, dev
    for sentence in dev.summary:
        assert _COMPLETE.search(sentence), sentence
        assert 8 <= len(sentence.split()) <= 45, sentence
        assert not any(marker.casefold() in sentence.casefold() for marker in BOILERPLATE), sentence


def test_the_seed_yields_a_development_per_section(seed_text: str) -> None:
    clean = clean_article(RawArticle(origin="seed", url="file:///seed", text=seed_text))
    article = Article(id=1, clean=clean, content_hash="x")
    devs: list[Development] = []
    for index, part in enumerate(passages(article)):
        story = Story(index + 1, part.title, part.published_at, part.published_at, (part.language,), (part.source,), ())
        (dev,) = developments(story, [StoryPassage(part, story_article(article))])
        devs.append(dev)
    # the seed has no title of its own: its first sentence heads it, without the full stop
    assert [d.headline for d in devs] == [clean.title.removesuffix("."), *(s.heading for s in clean.sections[1:])]
    assert len(devs) == 3
    for dev in devs:
        assert_clean_summary(dev)
        assert dev.language == "nl"
        assert [c.url for c in dev.sources] == ["file:///seed"]
        assert dev.summary[0].rstrip(".") not in dev.headline
    assert {"Kyiv", "Chernihiv"} <= {p.canonical for p in devs[0].places}
    assert any("Poetin" in s for s in devs[1].summary)
    assert any("Zelensky" in s for s in devs[2].summary)


def story_article(article: Article) -> StoryArticle:
    clean = article.clean
    return StoryArticle(
        article.id, clean.external_id, clean.url, clean.title, clean.source, clean.published_at, clean.language
    )


@pytest.fixture(scope="module")
def demo_developments() -> Iterator[Found]:
    service = Service(Settings(), open_storage(":memory:"))
    results = list(service.ingest_bytes(demo.stream_bytes(), "stream.jsonl"))
    assert not [r.error for r in results if r.status is Status.REJECTED]
    found: Found = {}
    for story in service.stories():
        by_id = {a.id: a for a in story.articles}
        items = []
        for article_id, section in service.storage.passages_of_story(story.id):
            stored = service.article(article_id)
            part = passage(article_id, stored.clean, section, intro=opens_with_intro(stored.clean))
            items.append(StoryPassage(part, by_id[article_id], stored.copy_of))
        found[story.id] = (story, developments(story, items))
    yield found
    service.close()


def flood(found: Found) -> list[Development]:
    (devs,) = [devs for story, devs in found.values() if any(a.external_id == "hvn-0002" for a in story.articles)]
    return devs


def numbers(dev: Development) -> set[float]:
    values: set[float] = set()
    for label in dev.new:
        match = re.match(r"[€]?(\d{1,3}(?:[.,]\d{3})+|\d+)\b", label)
        if match:
            values.add(float(re.sub(r"[.,]", "", match.group(1))))
    return values


def test_the_demo_flood_story_develops_with_rising_numbers(demo_developments: Found) -> None:
    devs = flood(demo_developments)
    assert len(devs) >= 5
    assert devs[0].update_of is None
    for previous, dev in zip(devs, devs[1:], strict=False):
        assert dev.update_of == previous.key
        assert dev.first_seen >= previous.first_seen
        assert dev.new and is_update_worth_sending(dev)
    found = set().union(*(numbers(d) for d in devs))
    assert {1800, 1100, 310} <= found  # evacuated in Liège, then Borgharen and Itteren; damage in millions
    assert {2800, 3000} & found and 3050 in found  # the discharge forecast rises, then the measured peak
    assert any("Chaudfontaine" in d.new for d in devs)


def test_demo_summaries_hold_no_boilerplate(demo_developments: Found) -> None:
    count = 0
    for _story, devs in demo_developments.values():
        for dev in devs:
            assert_clean_summary(dev)
            assert dev.sources == tuple(sorted(dev.sources, key=lambda c: (c.published_at, c.article_id)))
            assert len({c.article_id for c in dev.sources}) == len(dev.sources)
            count += 1
    assert count >= 20


def test_demo_importance_prefers_widely_covered_developments(demo_developments: Found) -> None:
    devs = [dev for _story, devs in demo_developments.values() for dev in devs]
    widest = max(devs, key=lambda d: (len({c.outlet for c in d.sources}), d.importance))
    single = [d for d in devs if len({c.outlet for c in d.sources}) == 1]
    assert single and all(widest.importance > d.importance for d in single)
    assert re.match(r"\d+ outlets in \d+ (hours?|days)", widest.reasons[0])
