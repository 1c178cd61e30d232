"""The storage contract, run against every backend (SQLite always; more backends join the `storage` fixture)."""

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from volg.errors import InputError, NotFound, StorageError
from volg.models import (
    Citation,
    CleanArticle,
    Development,
    Digest,
    DigestItem,
    Place,
    Section,
    Source,
    Subscription,
    Topic,
)
from volg.pipeline.clean.dedupe import fingerprint
from volg.storage import SQLiteStorage, Storage, open_storage
from volg.storage.base import MATCH_END, MATCH_START

T0 = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite"])
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Storage]:
    store = open_storage(str(tmp_path / "volg.db"))
    yield store
    store.close()


def article(n: int = 1, body: str = "Eerste alinea over de Maas bij Venlo. Tweede alinea met 1200 evacués.",
            **changes: object) -> CleanArticle:
    clean = CleanArticle(
        url=f"https://havenbode.example/a/{n}", source="De Havenbode", title=f"Titel {n}",
        published_at=T0 + timedelta(hours=n), language="nl",
        sections=(Section(None, (body,)), Section("Een tussenkop", ("Nog een alinea.",))),
        places=(Place("Venlo", "Venlo", 51.37, 6.17, "NL", "city"),), names=("Anna de Wit",),
        removed=("Foto: ANP",), external_id=f"hvn-{n}",
    )
    return replace(clean, **changes)


def test_migrate_is_idempotent_and_refuses_a_newer_database(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    first = SQLiteStorage(path)
    assert first.migrate() == ["0001_sources_and_articles", "0002_stories_and_topics",
                               "0003_subscriptions_and_digests", "0004_delivery_outbox", "0005_search",
                               "0006_change_counters"]
    assert first.migrate() == []
    first._run("INSERT INTO migrations VALUES ('9999_from_the_future', 'now')")
    first.close()
    with pytest.raises(StorageError, match="newer than this volg.*9999_from_the_future"):
        open_storage(str(path))


def test_sources_round_trip(storage: Storage) -> None:
    added = storage.add_source(Source(url="https://f.example/rss", name="F", every_s=600))
    assert added.id is not None
    assert storage.add_source(Source(url="https://f.example/rss", name="other", every_s=60)) == added
    polled = replace(added, etag='"abc"', last_modified="Mon, 16 Nov 2026 08:00:00 GMT", last_status=200,
                     last_polled_at=T0, next_poll_at=T0 + timedelta(minutes=10), failures=0)
    storage.save_source(polled)
    assert storage.get_source(added.id) == polled
    assert storage.get_source("https://f.example/rss") == polled
    assert storage.list_sources() == [polled]
    assert polled.next_poll_at is not None and storage.get_source(added.id).next_poll_at == polled.next_poll_at
    with pytest.raises(NotFound):
        storage.get_source(999)


def test_articles_round_trip_with_versions_and_sightings(storage: Storage) -> None:
    clean = article()
    fp = fingerprint(clean)
    with storage.transaction():
        stored = storage.add_article(clean, fp, copy_of=None, at=T0)
    assert stored.clean == replace(clean, url=fp.url)
    assert stored.version == 1 and stored.fetched_at == T0
    assert storage.find_by_url(fp.url) is not None
    found = storage.find_by_content(fp.content_hash)
    assert found is not None and found.id == stored.id and found.signature == fp.signature
    assert [k.id for k in storage.near_candidates(fp.bands)] == [stored.id]

    edited = article(body="Eerste alinea over de Maas bij Venlo. Tweede alinea met 1400 evacués.")
    updated = storage.update_article(stored.id, edited, fingerprint(edited), at=T0 + timedelta(hours=2))
    assert updated.id == stored.id and updated.version == 2
    assert "1400" in updated.clean.sections[0].paragraphs[0]
    assert storage.find_by_content(fp.content_hash) is None

    recleaned = replace(edited, removed=(*edited.removed, "Tweede alinea"))
    in_place = storage.update_article(stored.id, recleaned, fingerprint(recleaned), at=T0, new_version=False)
    assert in_place.version == 2 and in_place.clean.removed == recleaned.removed

    storage.add_sighting(stored.id, "NieuwsNu", "https://nieuwsnu.example/x", "nn-1", T0)
    recleaned = replace(edited, removed=(*edited.removed, "Tweede alinea"))
    in_place = storage.update_article(stored.id, recleaned, fingerprint(recleaned), at=T0, new_version=False)
    assert in_place.version == 2 and in_place.clean.removed == recleaned.removed

    storage.add_sighting(stored.id, "NieuwsNu", "https://nieuwsnu.example/x", "nn-1", T0)
    assert storage.count() == {"sources": 0, "articles": 1, "versions": 2, "sightings": 1, "stories": 0,
                               "topics": 0}
    with pytest.raises(NotFound):
        storage.get_article(12345)


def ids(storage: Storage, words: list[str]) -> list[int]:
    return [article_id for article_id, _ in storage.search_articles(words)]


def test_search_is_accent_insensitive_by_word_start_and_follows_updates(storage: Storage) -> None:
    with storage.transaction():
        first = storage.add_article(article(1, title="Oekraïne en Kiev praten in Genève"), fingerprint(article(1)),
                                    copy_of=None, at=T0)
        second = storage.add_article(article(2, body="Evacuaties langs de Maas bij Roermond, 400 woningen leeg."),
                                     fingerprint(article(2)), copy_of=None, at=T0)
    assert ids(storage, ["oekraine"]) == [first.id]
    assert ids(storage, ["GENEVE", "kiev"]) == [first.id]
    assert set(ids(storage, ["evacu"])) == {first.id, second.id}
    assert ids(storage, ["roermond", "maas"]) == [second.id]
    assert ids(storage, ["oekraine", "roermond"]) == []
    assert ids(storage, ['"', "AND", "*"]) == [], "query syntax in the words is taken as text"
    assert set(ids(storage, ["tussenkop"])) == {first.id, second.id}, "headings are searched too"
    [(_, snippet)] = storage.search_articles(["roermond"])
    assert f"{MATCH_START}Roermond{MATCH_END}" in snippet
    changed = article(2, body="Nu over Venray.")
    with storage.transaction():
        storage.update_article(second.id, changed, fingerprint(changed), at=T0)
    assert ids(storage, ["roermond"]) == [] and ids(storage, ["venray"]) == [second.id]


def test_iter_articles_in_publication_order(storage: Storage) -> None:
    for n in (3, 1, 2):
        clean = article(n, body=f"Alinea nummer {n} met een eigen inhoud over iets anders dan de rest.")
        storage.add_article(clean, fingerprint(clean), copy_of=None, at=T0)
    assert [a.clean.title for a in storage.iter_articles()] == ["Titel 1", "Titel 2", "Titel 3"]
    assert [a.clean.title for a in storage.iter_articles(since=T0 + timedelta(hours=2))] == ["Titel 2", "Titel 3"]
    assert list(storage.iter_articles(source="NieuwsNu")) == []
    assert [a.clean.title for a in storage.iter_articles(latest=2)] == ["Titel 2", "Titel 3"]


def test_a_failed_transaction_leaves_nothing(storage: Storage) -> None:
    clean = article()
    with pytest.raises(RuntimeError), storage.transaction():
        storage.add_article(clean, fingerprint(clean), copy_of=None, at=T0)
        raise RuntimeError("crash between writes")
    assert storage.count()["articles"] == 0
    assert storage.near_candidates(fingerprint(clean).bands) == []


def test_source_profiles_count_articles_per_line(storage: Storage) -> None:
    for keys in ({"a", "b"}, {"a"}, {"a", "c"}, {"a", "b"}):
        storage.learn_lines("NieuwsNu", keys)
    profile = storage.source_profile("NieuwsNu")
    assert profile.articles == 4
    assert profile.line_counts == {"a": 4}
    assert storage.source_profile("NieuwsNu", min_count=2).line_counts == {"a": 4, "b": 2}
    assert storage.source_profile("Onbekend").articles == 0
    assert storage.mark_boilerplate("NieuwsNu", {"a", "b"}) == {"a", "b"}
    assert storage.mark_boilerplate("NieuwsNu", {"a", "d"}) == set()  # "d" was never seen, "a" is marked
    assert storage.mark_boilerplate("NieuwsNu", set()) == set()


def test_stories_passages_and_merges(storage: Storage) -> None:
    ids = []
    for n in (1, 2, 3):
        clean = article(n, body=f"Alinea {n} over Anna de Wit in Venlo, een ander onderwerp, nummer {n}.")
        ids.append(storage.add_article(clean, fingerprint(clean), copy_of=None, at=T0).id)
    storage.save_story(10, "Hoogwater in Venlo", T0 + timedelta(hours=1), ["maas", "venlo"])
    storage.save_story(10, "ignored: a story keeps its first title", T0 + timedelta(hours=3), ["maas"])
    storage.save_story(11, "Dijk houdt", T0 + timedelta(hours=2), ["dijk"])
    storage.assign_passage(ids[0], 0, 10, 0.0)
    storage.assign_passage(ids[0], 1, 11, 0.4)
    storage.assign_passage(ids[1], 0, 11, 0.0)
    storage.assign_passage(ids[2], 0, 10, 0.7)
    storage.assign_passage(ids[2], 0, 10, 0.7)  # idempotent
    story = storage.get_story(10)
    assert (story.title, story.first_seen, story.last_seen) == ("Hoogwater in Venlo", T0 + timedelta(hours=1),
                                                                T0 + timedelta(hours=3))
    assert [a.id for a in story.articles] == [ids[0], ids[2]]
    assert story.articles[0].external_id == "hvn-1" and story.outlets == ("De Havenbode",)
    assert story.terms == ("maas",) and story.names == ("Anna de Wit",)
    assert [p.canonical for p in story.places] == ["Venlo"]
    assert storage.stories_of_article(ids[0]) == [10, 11]
    assert storage.passages_of_story(10) == [(ids[0], 0), (ids[2], 0)]

    storage.merge_stories(10, [11])
    assert [s.id for s in storage.iter_stories()] == [10]
    assert storage.get_story(11).id == 10
    assert [a.id for a in storage.get_story(10).articles] == ids
    assert storage.stories_of_article(ids[0]) == [10]
    assert list(storage.iter_stories(since=T0 + timedelta(hours=4))) == []
    with pytest.raises(NotFound):
        storage.get_story(99)


def test_the_stories_stamp_moves_with_every_story_change(storage: Storage) -> None:
    with storage.transaction():
        first = storage.add_article(article(1), fingerprint(article(1)), copy_of=None, at=T0)
    stamps = [storage.stories_stamp()]
    with storage.transaction():
        storage.save_story(1, "Titel", T0, ["maas"])
    stamps.append(storage.stories_stamp())
    with storage.transaction():
        storage.assign_passage(first.id, 0, 1, 0.9)
    stamps.append(storage.stories_stamp())
    changed = article(1, title="Nieuwe titel")
    with storage.transaction():
        storage.update_article(first.id, changed, fingerprint(changed), at=T0)
    stamps.append(storage.stories_stamp())
    assert len(set(stamps)) == len(stamps), stamps
    assert storage.stories_stamp() == stamps[-1], "reading changes nothing"


def test_topics_and_cluster_state(storage: Storage) -> None:
    topic = storage.add_topic(Topic("Oorlog in Oekraïne", "oorlog-in-oekraine", "Oekraïne OR Kiev"))
    assert topic.id is not None
    assert storage.get_topic("oorlog in oekraïne") == topic == storage.get_topic("oorlog-in-oekraine")
    with pytest.raises(InputError, match="already exists"):
        storage.add_topic(Topic("Oorlog in Oekraine", "oorlog-in-oekraine", "x"))
    assert storage.list_topics() == [topic]
    storage.remove_topic("oorlog-in-oekraine")
    with pytest.raises(NotFound):
        storage.get_topic("oorlog-in-oekraine")

    assert storage.load_cluster_state() is None
    storage.save_cluster_state('{"stories": []}', 7, T0)
    storage.save_cluster_state('{"stories": [1]}', 9, T0)
    assert storage.load_cluster_state() == ('{"stories": [1]}', 9)


def test_subscriptions_and_digests(storage: Storage) -> None:
    sub = storage.add_subscription(Subscription("hoogwater", ("08:00", "19:00"), "Europe/Amsterdam", 3,
                                                quiet=("22:00", "07:00"), email="lezer@example.org"))
    assert sub.id is not None and sub.created_at is not None
    assert storage.get_subscription(sub.id) == sub
    assert storage.list_subscriptions(topic="hoogwater") == [sub] and storage.list_subscriptions(topic="x") == []
    with pytest.raises(NotFound):
        storage.get_subscription(999)

    development = Development(
        key="4:8.0", story_id=4, headline="Maas stijgt", summary=("De Maas stijgt snel.",), language="nl",
        sources=(Citation(8, "De Havenbode", "https://havenbode.example/8", "Maas stijgt", T0),), places=(),
        first_seen=T0, importance=4.5, reasons=("1 outlet",),
    )
    digest = Digest(sub.id, "hoogwater", T0 + timedelta(hours=1), T0 - timedelta(days=1),
                    (DigestItem(development),), "nl")
    assert storage.last_digest_at(sub.id) is None
    assert storage.record_digest(digest, {"items": ["4:8.0"]}) is True
    assert storage.record_digest(digest, {"items": ["changed"]}) is False  # composed once per scheduled time
    assert storage.delivered(sub.id) == ({"4:8.0"}, {4})
    assert storage.last_digest_at(sub.id) == T0 + timedelta(hours=1)
    assert storage.list_digests(sub.id) == [{"items": ["4:8.0"]}]
