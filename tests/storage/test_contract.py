"""The storage contract, run against every backend: SQLite always, PostgreSQL when VOLG_TEST_POSTGRES_URL is set."""

import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from tests.storage.backends import BACKENDS, database_url

from volg.errors import InputError, NotFound, StorageError
from volg.models import (
    Citation,
    CleanArticle,
    DeliveryStatus,
    Development,
    Digest,
    DigestItem,
    Place,
    Section,
    Source,
    SourceProfile,
    Subscription,
    Topic,
)
from volg.pipeline.clean.dedupe import fingerprint
from volg.pipeline.cluster.passages import passage_reading
from volg.storage import Storage, open_storage
from volg.storage.base import MATCH_END, MATCH_START, SearchTerm
from volg.storage.where import shown_url

T0 = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)
DAY = timedelta(days=1)


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database of each backend."""
    with database_url(request.param, tmp_path) as found:
        yield found


@pytest.fixture
def storage(url: str) -> Iterator[Storage]:
    store = open_storage(url)
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


def test_migrate_is_idempotent_and_refuses_a_newer_database(url: str) -> None:
    first = open_storage(url, migrate=False)
    assert first.migrate() == ["0001_sources_and_articles", "0002_stories_and_topics",
                               "0003_subscriptions_and_digests", "0004_delivery_outbox", "0005_search",
                               "0006_change_counters", "0007_article_changes",
                               "0008_article_genre", "0009_subscription_language", "0010_version_published_at",
                               "0011_subscription_genres", "0012_subscription_confirmed",
                               "0013_cluster_state_rows", "0014_search_places", "0015_source_lines_common",
                               "0016_passage_readings", "0017_lsh_bands_article"]
    assert first.migrate() == []
    second = open_storage(url, migrate=False)
    assert second.migrate() == [], "recorded in the database, not in the object"
    second.close()
    first._run("INSERT INTO migrations VALUES ('9999_from_the_future', 'now')")  # type: ignore[attr-defined]
    first.close()
    with pytest.raises(StorageError, match="newer than this volg.*9999_from_the_future") as refused:
        open_storage(url)
    assert "\n" not in str(refused.value)


def test_errors_are_one_line_with_the_cause_and_never_the_password(url: str) -> None:
    if url.startswith("postgresql://"):
        parts = urlsplit(url)
        url = urlunsplit(parts._replace(netloc=f"{parts.username}:hunter2@{parts.hostname}:{parts.port or 5432}"))
    store = open_storage(url)  # trust authentication: the password is never asked for, only carried
    with pytest.raises(StorageError, match="no_such_table") as failed:
        store._run("SELECT * FROM no_such_table")  # type: ignore[attr-defined]
    store.close()
    assert failed.value.__cause__ is not None
    with pytest.raises(StorageError) as unreachable:
        open_storage(url.replace(f":{urlsplit(url).port}/", ":1/") if url.startswith("postgresql://") else "/proc/x")
    for message in (str(failed.value), str(unreachable.value)):
        assert "hunter2" not in message and "\n" not in message, message


def test_shown_urls_hide_the_password() -> None:
    assert shown_url("postgresql://volg:s3cret@db.example:5433/volg?sslmode=require&password=x") == (
        "postgresql://volg@db.example:5433/volg")
    assert shown_url("postgres://[::1]/volg") == "postgres://[::1]/volg"


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
    first, second = storage.article_versions(stored.id)
    assert (first.version, first.title, first.sections, first.fetched_at) == (1, clean.title, clean.sections, T0)
    assert (second.version, second.sections, second.fetched_at) == (2, edited.sections, T0 + timedelta(hours=2))
    assert first.published_at == clean.published_at and second.published_at == edited.published_at

    storage.add_sighting(stored.id, "NieuwsNu", "https://nieuwsnu.example/x", "nn-1", T0)
    assert storage.count() == {"sources": 0, "articles": 1, "versions": 2, "sightings": 1, "stories": 0,
                               "topics": 0}
    with pytest.raises(NotFound):
        storage.get_article(12345)


@pytest.mark.parametrize("year", [1, 100, 999, 9999])
def test_a_time_of_any_year_reads_back_and_sorts(storage: Storage, year: int) -> None:
    """The year 100 was written '100-01-01T...' (strftime's %Y does not pad), which no backend could read back."""
    early = article(1, published_at=datetime(year, 1, 1, 0, 0, tzinfo=UTC))
    stored = storage.add_article(early, fingerprint(early), copy_of=None, at=T0)
    storage.add_article(article(2), fingerprint(article(2)), copy_of=None, at=T0)
    assert storage.get_article(stored.id).clean.published_at == early.published_at
    assert [a.clean.title for a in storage.iter_articles()] == (["Titel 2", "Titel 1"] if year == 9999
                                                              else ["Titel 1", "Titel 2"])


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


def test_search_finds_a_place_in_any_spelling_and_marks_it_as_the_article_spells_it(storage: Storage) -> None:
    """A term with a place (as `Newsroom.search` makes it of "Kyiv") finds the articles whose places hold it, in
    whatever spelling they wrote it, besides those with its words."""
    kiev, kyiv = Place("Kiev", "Kyiv", 50.45, 30.52, "UA", "city"), Place("Kyiv", "Kyiv", 50.45, 30.52, "UA", "city")
    oekraine = Place("Oekraïne", "Ukraine", 49.0, 32.0, "UA", "country")
    frankfurt = Place("Frankfurt am Main", "Frankfurt am Main", 50.11, 8.68, "DE", "city")
    sea = Place("Noordzee", "North Sea", 55.0, 3.0, "", "water")
    stored = []
    with storage.transaction():
        for n, body, places in [
            (1, "De regering in Kiev zegt dat Oekraïne instemt met het bestand.", (kiev, oekraine)),
            (2, "Officials in Kyiv said the truce would hold.", (kyiv,)),
            (3, "Beurs van Frankfurt am Main sluit hoger; storm boven de Noordzee.", (frankfurt, sea)),
        ]:
            clean = article(n, body=body, places=places)
            stored.append(storage.add_article(clean, fingerprint(clean), copy_of=None, at=T0).id)
    dutch, english, other = stored
    in_kyiv = SearchTerm(("Kyiv",), ("Kyiv", "UA"))
    assert set(ids(storage, [in_kyiv])) == {dutch, english}
    assert ids(storage, [SearchTerm(("Kyiv",))]) == [english], "without its place, a term is its words"
    assert ids(storage, [in_kyiv, "regering"]) == [dutch], "every term, as every word"
    assert ids(storage, [SearchTerm(("Oekraine",), ("Ukraine", "UA"))]) == [dutch]
    assert ids(storage, [SearchTerm(("Meno",), ("Main", "DE"))]) == [], "the river is not the end of Frankfurt am Main"
    assert ids(storage, [SearchTerm(("Nordsee",), ("North Sea", ""))]) == [other], "a sea has no country"
    assert ids(storage, [SearchTerm(("Den", "Haag"), ("The Hague", "NL"))]) == []
    [(_, snippet)] = storage.search_articles([in_kyiv, "regering"])
    assert f"{MATCH_START}Kiev{MATCH_END}" in snippet and f"{MATCH_START}regering{MATCH_END}" in snippet
    moved = article(1, body="De regering in Kiev zegt dat Oekraïne instemt met het bestand.", places=(oekraine,))
    with storage.transaction():
        storage.update_article(dutch, moved, fingerprint(moved), at=T0)
    assert ids(storage, [in_kyiv]) == [english], "the index follows the article's places"


def test_iter_articles_in_publication_order(storage: Storage) -> None:
    for n in (3, 1, 2):
        clean = article(n, body=f"Alinea nummer {n} met een eigen inhoud over iets anders dan de rest.")
        storage.add_article(clean, fingerprint(clean), copy_of=None, at=T0)
    assert [a.clean.title for a in storage.iter_articles()] == ["Titel 1", "Titel 2", "Titel 3"]
    assert [a.clean.title for a in storage.iter_articles(since=T0 + timedelta(hours=2))] == ["Titel 2", "Titel 3"]
    assert list(storage.iter_articles(source="NieuwsNu")) == []
    assert [a.clean.title for a in storage.iter_articles(latest=2)] == ["Titel 2", "Titel 3"]


def test_articles_changed_after_a_change_number_are_new_ones_and_new_versions_in_order(storage: Storage) -> None:
    stored = []
    for n in (1, 2, 3):
        clean = article(n, body=f"Alinea nummer {n} met een eigen inhoud over iets anders dan de rest.")
        stored.append(storage.add_article(clean, fingerprint(clean), copy_of=None, at=T0))
    changes = [(change, a.id) for change, a in storage.articles_changed_after(0)]
    assert [article_id for _, article_id in changes] == [a.id for a in stored]
    assert [change for change, _ in changes] == sorted({change for change, _ in changes})
    second = changes[1][0]
    assert [a.id for _, a in storage.articles_changed_after(second)] == [stored[2].id]
    edited = article(1, body="Een nieuwe versie van het eerste bericht, met 1400 evacués.")
    storage.update_article(stored[0].id, edited, fingerprint(edited), at=T0)
    after = list(storage.articles_changed_after(second))
    assert [a.id for _, a in after] == [stored[2].id, stored[0].id]  # the new version comes after
    assert after[1][1].version == 2 and after[1][0] > after[0][0]
    storage.update_article(stored[1].id, article(2), fingerprint(article(2)), at=T0, new_version=False)
    assert [a.id for _, a in storage.articles_changed_after(after[1][0])] == []  # cleaned again in place: no change


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
    assert storage.source_profile("NieuwsNu", min_count=1, lines={"b", "c", "d"}) == SourceProfile(
        "NieuwsNu", 4, {"b": 2, "c": 1})
    assert storage.source_profile("Onbekend").articles == 0
    assert storage.mark_boilerplate("NieuwsNu", {"a", "b"}) == {"a", "b"}
    assert storage.mark_boilerplate("NieuwsNu", {"a", "d"}) == set()  # "d" was never seen, "a" is marked
    assert storage.mark_boilerplate("NieuwsNu", set()) == set()


def test_stories_passages_and_merges(storage: Storage) -> None:
    assert storage.latest_story_seen() is None
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
    assert storage.latest_story_seen() == T0 + timedelta(hours=3)
    with pytest.raises(NotFound):
        storage.get_story(99)


def test_a_passage_keeps_its_reading_and_one_stored_without_is_read_from_its_article(storage: Storage) -> None:
    ids = [storage.add_article(clean, fingerprint(clean), copy_of=None, at=T0).id
           for clean in (article(1), article(2, body="Anna de Wit zag in Venlo de Maas stijgen."))]
    storage.save_story(10, "Hoogwater", T0, ["maas"])
    kept = passage_reading(ids[0], article(1), 0)
    roermond = Place("Roermond", "Roermond", 51.19, 5.99, "NL", "city")
    # a reading as the clusterer stored it is what the story reads, not the article's text again
    storage.assign_passage(ids[0], 0, 10, 0.0, replace(kept, names=("Piet Kok",), places=(roermond,)))
    storage.assign_passage(ids[1], 0, 10, 0.3)  # clustered before readings were kept: read from the article
    story = storage.get_story(10)
    assert story.names == ("Piet Kok", "Anna de Wit") and [p.name for p in story.places] == ["Roermond", "Venlo"]
    readings = storage.passage_readings(10)
    assert [article_id for article_id, _ in readings] == ids
    assert readings[0][1] == replace(kept, names=("Piet Kok",), places=(roermond,))
    assert readings[1][1] == passage_reading(ids[1], article(2, body="Anna de Wit zag in Venlo de Maas stijgen."), 0)
    assert (kept.headline, kept.lede, kept.lede_names, kept.news) == (
        "Titel 1", "Eerste alinea over de Maas bij Venlo. Tweede alinea met 1200 evacués.", (), True)
    assert [p.name for p in kept.lede_places] == ["Venlo"]


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


def test_topics(storage: Storage) -> None:
    topic = storage.add_topic(Topic("Oorlog in Oekraïne", "oorlog-in-oekraine", "Oekraïne OR Kiev"))
    assert topic.id is not None
    assert storage.get_topic("oorlog in oekraïne") == topic == storage.get_topic("oorlog-in-oekraine")
    with pytest.raises(InputError, match="already exists"):
        storage.add_topic(Topic("Oorlog in Oekraine", "oorlog-in-oekraine", "x"))
    assert storage.list_topics() == [topic]
    storage.remove_topic("oorlog-in-oekraine")
    with pytest.raises(NotFound):
        storage.get_topic("oorlog-in-oekraine")



def saved_state(storage: Storage) -> tuple[str, int, int, list[str], list[tuple[int, int, str]]] | None:
    with storage.transaction():
        saved = storage.load_cluster_state()
        if saved is None:
            return None
        return saved.header, saved.last_change, saved.saves, list(saved.stories), list(saved.days)


def test_the_cluster_state_is_saved_in_rows_and_changed_in_place(url: str, storage: Storage,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    assert storage.load_cluster_state() is None and storage.cluster_state_header() is None
    monkeypatch.setattr("volg.storage.base.STATE_PAGE", 2)  # stories are read a page at a time: several pages
    monkeypatch.setattr("volg.storage.sqlite.stories.STATE_PAGE", 2)
    monkeypatch.setattr("volg.storage.postgres.stories.STATE_PAGE", 2)
    storage.save_cluster_state('{"next_id": 6}', 7, T0, saves=1,
                               stories=iter([(5, '{"id": 5}'), (1, '{"id": 1}'), (3, '{"id": 3, "é": "ü"}')]),
                               days=iter([(20500, 0, '{"d": 0}'), (20499, 0, '{"d": 1}'), (20500, 1, '{"d": 2}')]))
    assert storage.cluster_state_header() == (7, 1)
    assert saved_state(storage) == ('{"next_id": 6}', 7, 1, ['{"id": 1}', '{"id": 3, "é": "ü"}', '{"id": 5}'],
                                    [(20499, 0, '{"d": 1}'), (20500, 0, '{"d": 0}'), (20500, 1, '{"d": 2}')])

    # what changed: a story and a day part replaced, a story and a day gone, new ones written
    storage.save_cluster_state('{"next_id": 8}', 9, T0, saves=2, stories=[(3, '{"id": 3}'), (7, '{"id": 7}')],
                               gone=[5, 6], days=[(20500, 0, '{"d": 3}'), (20501, 0, '{"d": 4}')],
                               gone_days=[20499])  # fmt: skip
    assert saved_state(storage) == ('{"next_id": 8}', 9, 2, ['{"id": 1}', '{"id": 3}', '{"id": 7}'],
                                    [(20500, 0, '{"d": 3}'), (20500, 1, '{"d": 2}'), (20501, 0, '{"d": 4}')])
    storage.save_cluster_state('{"next_id": 8}', 10, T0, saves=3, gone_days=[20500], days=[(20500, 0, '{"d": 5}')])
    assert saved_state(storage) == ('{"next_id": 8}', 10, 3, ['{"id": 1}', '{"id": 3}', '{"id": 7}'],
                                    [(20500, 0, '{"d": 5}'), (20501, 0, '{"d": 4}')])  # deleted, then written

    # all or nothing, in the caller's transaction
    with pytest.raises(RuntimeError), storage.transaction():
        storage.save_cluster_state('{"next_id": 9}', 11, T0, saves=4, stories=[(8, '{"id": 8}')], gone=[1])
        raise RuntimeError("the article's transaction fails")
    assert saved_state(storage) == ('{"next_id": 8}', 10, 3, ['{"id": 1}', '{"id": 3}', '{"id": 7}'],
                                    [(20500, 0, '{"d": 5}'), (20501, 0, '{"d": 4}')])

    # whole: what was saved before goes
    storage.save_cluster_state('{"next_id": 9}', 12, T0, saves=4, stories=[(8, '{"id": 8}')],
                               days=[(20502, 0, '{"d": 6}')], whole=True)
    other = open_storage(url)  # another process sees the same
    assert saved_state(other) == saved_state(storage) == ('{"next_id": 9}', 12, 4, ['{"id": 8}'],
                                                          [(20502, 0, '{"d": 6}')])
    other.close()

    storage.reset_stories()
    assert storage.load_cluster_state() is None and storage.cluster_state_header() is None
    with storage.transaction():
        assert storage.cluster_state_header() is None


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
    for story_id in (4, 9, 12):
        storage.save_story(story_id, "Maas stijgt", T0, ["maas"])
    storage.merge_stories(9, [4])
    storage.merge_stories(12, [9])  # a story the reader had, merged twice since, is had under every later id
    assert storage.delivered(sub.id) == ({"4:8.0"}, {4, 9, 12})
    assert storage.last_digest_at(sub.id) == T0 + timedelta(hours=1)
    assert storage.list_digests(sub.id) == [{"items": ["4:8.0"]}]


def digest_with_deliveries(storage: Storage, targets: int, *, hours: int = 1) -> Subscription:
    sub = storage.add_subscription(Subscription("hoogwater", ("08:00",), "UTC", 3, token=f"tok-{hours}",
                                                secret="geheim"))
    assert sub.id is not None
    digest = Digest(sub.id, "hoogwater", T0 + timedelta(hours=hours), T0, (), "nl")
    channels = [("webhook", f"https://hook.example/{n}") for n in range(targets)]
    assert storage.record_digest(digest, {"items": [], "b": 1, "a": 2}, [*channels, channels[0]])
    return sub


def test_the_outbox_claims_finishes_retries_and_releases(storage: Storage) -> None:
    sub = digest_with_deliveries(storage, 3)
    assert sub.id is not None and storage.subscription_by_token("tok-1") == sub
    assert list(storage.get_digest(sub.id, T0 + timedelta(hours=1))) == ["items", "b", "a"], "kept as written"
    with pytest.raises(NotFound):
        storage.get_digest(sub.id, T0)
    now = T0 + timedelta(hours=2)
    assert storage.claim_deliveries(T0, owner="a:1", lease=timedelta(minutes=5), limit=10) == [], "not due yet"
    first = storage.claim_deliveries(now, owner="a:1", lease=timedelta(minutes=5), limit=2)
    assert [d.attempts for d in first] == [0, 0] and first[0].id < first[1].id, "a claim is no attempt"
    assert first[0].next_at == now + timedelta(minutes=5) and first[0].status.value == "sending"
    [last] = storage.claim_deliveries(now, owner="b:2", lease=timedelta(minutes=5), limit=10)
    assert storage.claim_owners() == {"a:1", "b:2"}
    assert storage.release_claims(["b:2"]) == 1 and storage.release_claims([]) == 0
    assert storage.start_attempt(last.id, now, owner="b:2", lease=timedelta(minutes=5)) is None, "released"
    assert [d.id for d in storage.claim_deliveries(now, owner="c:3", lease=timedelta(minutes=5), limit=10)] == [
        last.id]
    # an attempt is counted when its sender starts sending one delivery, and renews that one's claim
    lease, later = timedelta(minutes=5), now + timedelta(minutes=3)
    started = storage.start_attempt(first[0].id, later, owner="a:1", lease=lease)
    assert started is not None and (started.attempts, started.next_at) == (1, later + lease)
    assert storage.start_attempt(first[1].id, now, owner="c:3", lease=lease) is None, "not c:3's claim"
    assert storage.start_attempt(9999, now, owner="a:1", lease=lease) is None
    assert [d.attempts for d in storage.list_deliveries(subscription_id=sub.id)] == [1, 0, 0]
    # a claim whose lease ended is taken over; the attempts counted stay, and its first sender may not start one
    [taken] = storage.claim_deliveries(now + lease, owner="d:4", lease=lease, limit=1)
    assert (taken.id, taken.attempts) == (first[1].id, 0)
    assert storage.start_attempt(first[1].id, now + lease, owner="a:1", lease=lease) is None
    storage.finish_delivery(first[0].id, at=now)
    storage.finish_delivery(first[1].id, at=now, error="503", retry_at=now + timedelta(minutes=1))
    storage.finish_delivery(last.id, at=now, error="410 Gone")
    sent, pending, failed = storage.list_deliveries(subscription_id=sub.id)
    assert (sent.status.value, sent.sent_at, sent.last_error) == ("sent", now, None)
    assert (pending.status.value, pending.next_at, pending.sent_at) == ("pending", now + timedelta(minutes=1), None)
    assert (failed.status.value, failed.last_error) == ("failed", "410 Gone")
    assert storage.claim_owners() == set()
    assert [d.id for d in storage.list_deliveries(latest=1)] == [failed.id]
    assert storage.list_deliveries(status=DeliveryStatus.FAILED) == [failed]
    with pytest.raises(NotFound):
        storage.retry_deliveries([9999], at=now)
    with pytest.raises(InputError, match="not failed"):
        storage.retry_deliveries([sent.id], at=now)
    [retried] = storage.retry_deliveries(None, at=now)
    assert (retried.id, retried.status.value, retried.attempts, retried.next_at) == (failed.id, "pending", 0, now)


def test_two_senders_never_claim_the_same_delivery(url: str, storage: Storage) -> None:
    digest_with_deliveries(storage, 40)
    claimed: list[int] = []
    errors: list[BaseException] = []

    def sender(name: str) -> None:
        own = open_storage(url)  # another connection, as another process would have
        try:
            while batch := own.claim_deliveries(T0 + timedelta(hours=2), owner=name, lease=timedelta(hours=1),
                                                limit=3):
                claimed.extend(d.id for d in batch)
        except BaseException as exc:  # reported below: a thread's exception would otherwise be lost
            errors.append(exc)
        finally:
            own.close()

    threads = [threading.Thread(target=sender, args=(f"host:{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(claimed) == sorted({d.id for d in storage.list_deliveries()}) and len(claimed) == 40


def test_a_storage_is_shared_between_threads(storage: Storage) -> None:
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for k in range(10):
                with storage.transaction():
                    source = storage.add_source(Source(url=f"https://f.example/{n}/{k}", name="F", every_s=60))
                    storage.save_source(replace(source, failures=k))
                storage.list_sources()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and storage.count()["sources"] == 40


def test_nested_transactions_are_one(storage: Storage) -> None:
    with pytest.raises(RuntimeError), storage.transaction():
        storage.add_topic(Topic("A", "a", "a"))
        with storage.transaction():
            storage.add_topic(Topic("B", "b", "b"))
        raise RuntimeError("the outer one fails")
    assert storage.list_topics() == []
    storage.add_topic(Topic("C", "c", "c"))
    assert [t.slug for t in storage.list_topics()] == ["c"]


def test_a_savepoint_rolls_back_alone(storage: Storage) -> None:
    with storage.transaction():
        storage.add_topic(Topic("A", "a", "a"))
        with pytest.raises(RuntimeError), storage.savepoint():
            storage.add_topic(Topic("B", "b", "b"))
            with storage.savepoint():
                storage.add_topic(Topic("C", "c", "c"))
            raise RuntimeError("this one fails")
        with storage.savepoint():
            storage.add_topic(Topic("D", "d", "d"))
    assert [t.slug for t in storage.list_topics()] == ["a", "d"]
    with pytest.raises(RuntimeError), storage.savepoint():  # outside a transaction: one
        storage.add_topic(Topic("E", "e", "e"))
        raise RuntimeError("so is this one")
    assert [t.slug for t in storage.list_topics()] == ["a", "d"]


def test_an_unconfirmed_subscription_is_confirmed_or_deleted_never_a_confirmed_one(storage: Storage) -> None:
    def made(token: str, at: datetime, *, confirmed: bool) -> Subscription:
        return storage.add_subscription(Subscription("hoogwater", ("08:00",), "UTC", 3, email=f"{token}@example.nl",
                                                     token=token, created_at=at, confirmed=confirmed))

    old, fresh, kept = made("old", T0 - DAY, confirmed=False), made("new", T0, confirmed=False), made("ok", T0 - DAY,
                                                                                                    confirmed=True)
    assert (old.confirmed, fresh.confirmed, kept.confirmed) == (False, False, True)
    assert storage.delete_unconfirmed(before=T0 - timedelta(hours=1)) == 1  # the old pending one only
    assert {s.token for s in storage.list_subscriptions()} == {"new", "ok"}
    assert storage.save_subscription(replace(fresh, confirmed=True)).confirmed
    assert storage.delete_unconfirmed(subscription_id=fresh.id) == 0  # confirmed now: kept
    assert storage.delete_unconfirmed(subscription_id=kept.id) == 0
    assert {s.token for s in storage.list_subscriptions()} == {"new", "ok"}


def test_subscriptions_are_saved_and_the_signing_key_is_kept(url: str, storage: Storage) -> None:
    sub = storage.add_subscription(Subscription("hoogwater", ("08:00",), "UTC", 3, push=("ntfy://x",),
                                                webhooks=("https://h.example",), token="t1", secret="s1"))
    changed = replace(sub, times=("07:00", "18:00"), quiet=("22:00", "06:00"), breaking=8.0, active=False,
                      email="lezer@example.nl", push=("ntfy://y", "ntfy://z"), webhooks=())  # the channels too
    assert storage.save_subscription(changed) == changed
    assert storage.list_subscriptions(active=False) == [changed] and storage.list_subscriptions(active=True) == []
    with pytest.raises(NotFound):
        storage.save_subscription(replace(sub, id=999))
    with pytest.raises(NotFound):
        storage.subscription_by_token("")
    assert sub.id is not None
    storage.record_digest(Digest(sub.id, "hoogwater", T0, T0 - timedelta(hours=1), (), "nl", breaking=True), {})
    assert storage.breaking_sent_since(sub.id, T0) == 1 and storage.breaking_sent_since(sub.id, T0 + DAY) == 0
    assert storage.last_digest_at(sub.id) is None, "a breaking digest is not a scheduled one"
    key = storage.signing_key()
    other = open_storage(url)
    assert len(key) >= 32 and other.signing_key() == key == storage.signing_key()
    other.close()


def test_the_stamp_moves_with_changes_made_elsewhere(url: str, storage: Storage) -> None:
    other = open_storage(url)
    before = storage.stories_stamp()
    other.save_story(1, "Elders", T0, [])
    assert storage.stories_stamp() != before
    before = storage.stories_stamp()
    other.reset_stories()
    assert storage.stories_stamp() != before
    other.close()


def test_articles_are_stored_one_writer_at_a_time(url: str, storage: Storage) -> None:
    """While one process holds the articles lock, another's ingest waits until it commits: ids commit in order."""
    order: list[str] = []
    other = open_storage(url)  # another connection, as another process would have
    with storage.transaction():
        storage.lock_articles()
        waiting = threading.Thread(target=lambda: _store_after_lock(other, order))
        waiting.start()
        time.sleep(0.3)
        storage.add_article(article(1), fingerprint(article(1)), copy_of=None, at=T0)
        order.append("first")
    waiting.join(timeout=10)
    other.close()
    assert order == ["first", "second"]
    assert [a.clean.url for a in storage.iter_articles()] == [article(1).url, article(2).url]


def _store_after_lock(storage: Storage, order: list[str]) -> None:
    with storage.transaction():
        storage.lock_articles()
        storage.add_article(article(2), fingerprint(article(2)), copy_of=None, at=T0)
        order.append("second")
