"""Stories and topics through the Service, on the bundled demo stream and a real SQLite database."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from tests.storage.backends import BACKENDS, database_url

from volg import demo, newsroom, storykeeper
from volg.models import Status
from volg.pipeline.cluster.passages import passages as passages_of
from volg.service import Service
from volg.settings import Settings
from volg.storage import Storage, open_storage

NOW = datetime(2026, 11, 20, tzinfo=UTC)


def open_service(path: Path) -> Service:
    return Service(Settings(), open_storage(str(path)), clock=lambda: NOW)


def partition(service: Service) -> set[frozenset[str]]:
    """The stories as sets of (external id, section) passages: comparable across databases."""
    by_id = {a.id: a.clean.external_id for a in service.articles()}
    return {
        frozenset(f"{by_id[article_id]}#{section}" for article_id, section in service.storage.passages_of_story(s.id))
        for s in service.stories()
    }


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    service = open_service(tmp_path_factory.mktemp("batch") / "volg.db")
    results = list(service.ingest_bytes(demo.stream_bytes(), "stream.jsonl"))
    assert not [r.error for r in results if r.status is Status.REJECTED]
    yield service
    service.close()


def test_wire_copies_join_their_original(batch: Service) -> None:
    copies = [a for a in batch.articles() if a.copy_of is not None]
    assert copies
    for copy in copies:
        assert set(batch.storage.stories_of_article(copy.id)) & set(batch.storage.stories_of_article(copy.copy_of))


def test_stories_span_outlets_and_languages(batch: Service) -> None:
    stories = batch.stories()
    multi = [s for s in stories if len(s.outlets) >= 3 and set(s.languages) == {"nl", "en"}]
    assert len(multi) >= 6, [s.title for s in stories]
    for story in stories:
        assert story.first_seen <= story.last_seen
        assert [a.published_at for a in story.articles] == sorted(a.published_at for a in story.articles)


def test_roundup_sections_join_different_stories(batch: Service) -> None:
    roundups = [a for a in batch.articles() if sum(1 for s in a.clean.sections if s.heading) >= 4]
    spread = [r for r in roundups if len(batch.storage.stories_of_article(r.id)) >= 3]
    assert len(spread) >= 4, [r.clean.title for r in roundups]
    (liveblog,) = [r for r in roundups if r.clean.title.startswith("Liveblog")]  # one event, many sections
    assert len(batch.storage.stories_of_article(liveblog.id)) == 1


def test_defined_topic_matches_dutch_and_english_stories(batch: Service) -> None:
    batch.add_topic("Storm", "Wendela OR storm")
    stories = batch.stories(topic="storm")
    assert stories
    assert {"nl", "en"} <= {lang for s in stories for lang in s.languages}
    unrelated = [s for s in batch.stories() if s not in stories]
    assert unrelated
    for story in unrelated:
        assert "Wendela" not in story.title and "storm" not in story.title.lower()


def test_a_new_topic_is_tried_on_the_latest_news(batch: Service, monkeypatch: pytest.MonkeyPatch) -> None:
    batch.add_topic("Noodweer", "Wendela OR storm OR hoogwater OR flood")
    everything = batch.stories(topic="noodweer")
    newest = max(story.last_seen for story in batch.stories())
    assert batch.recent_stories("noodweer") == everything  # the demo's news spans less than RECENT
    shorter = newest - min(story.last_seen for story in everything) - timedelta(seconds=1)
    monkeypatch.setattr(newsroom, "RECENT", shorter)  # leaves out the topic's story seen least recently
    recent = batch.recent_stories("noodweer")
    assert recent == [story for story in everything if story.last_seen >= newest - shorter]
    assert 0 < len(recent) < len(everything)


def test_topic_lists_and_discovery_read_current_news_not_the_archive(
        batch: Service, monkeypatch: pytest.MonkeyPatch) -> None:
    everything = batch.stories()
    newest = max(story.last_seen for story in everything)
    assert batch.current_stories() == everything  # the demo's news spans less than CURRENT
    found = Service(Settings(), batch.storage, clock=lambda: NOW).discovered_topics()
    assert found
    shorter = newest - min(story.last_seen for story in everything) - timedelta(seconds=1)
    monkeypatch.setattr(newsroom, "CURRENT", shorter)  # leaves out the oldest story
    current = batch.current_stories()
    assert current == [story for story in everything if story.last_seen >= newest - shorter]
    assert 0 < len(current) < len(everything)
    batch.add_topic("Hoogwater", "hoogwater OR flood OR Maas")
    assert batch.current_stories(topic="hoogwater") == batch.in_topic("hoogwater", current)
    fresh = Service(Settings(), batch.storage, clock=lambda: NOW)  # nothing cached from the longer window
    ids = {story.id for story in current}
    assert all(set(topic.story_ids) <= ids for topic in fresh.discovered_topics())
    assert fresh.news_since() == newest - shorter


def test_one_by_one_with_restarts_gives_the_batch_result(batch: Service, tmp_path: Path) -> None:
    path = tmp_path / "volg.db"
    lines = [line for line in demo.stream_bytes().splitlines() if line.strip()]
    for n, line in enumerate(lines):
        service = open_service(path)
        list(service.ingest_bytes(line, f"stream.jsonl:{n + 1}"))
        if n % 3:
            service.close()  # saves the clusterer's state
        else:
            service.storage.close()  # a crash: the state is not saved, the next start replays
    restarted = open_service(path)
    assert partition(restarted) == partition(batch)
    restarted.close()


def test_a_bulk_load_without_clustering_catches_up_when_stories_are_read(tmp_path: Path) -> None:
    bulk = Service(Settings(), open_storage(str(tmp_path / "bulk.db")), clock=lambda: NOW, cluster_on_ingest=False)
    list(bulk.ingest_bytes(demo.stream_bytes(), "stream.jsonl"))
    assert bulk.storage.count()["stories"] == 0
    first = partition(bulk)  # reading stories clusters what was loaded
    passages = {p for story in first for p in story}
    expected = {f"{a.clean.external_id}#{p.section}" for a in bulk.articles() for p in passages_of(a)}
    assert passages == expected
    assert sum(len(story) for story in first) == len(passages)  # each passage in one story
    assert partition(bulk) == first  # caught up once, not again
    bulk.close()


def test_the_clusterer_state_is_saved_at_a_small_share_of_the_work(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A save waits for SAVE_EVERY articles and for 1/SAVE_SHARE times the CPU time the last save took."""
    monkeypatch.setattr(storykeeper, "SAVE_EVERY", 3)
    loader = Service(Settings(), open_storage(str(tmp_path / "paced.db")), clock=lambda: NOW, cluster_on_ingest=False)
    cpu, saves = [0.0], []

    def save(header: str, last_change: int, at: datetime, **rows: object) -> None:
        cpu[0] += 1.0  # each save takes a second
        saves.append(last_change)

    monkeypatch.setattr(loader.storage, "save_cluster_state", save)
    keeper = storykeeper.StoryKeeper(loader.storage, cpu=lambda: cpu[0])
    lines = [line for line in demo.stream_bytes().splitlines() if line.strip()]

    def add(first: int, count: int) -> None:
        list(loader.ingest_bytes(b"\n".join(lines[first:first + count]), "stream.jsonl"))
        keeper.add_unseen()

    add(0, 2)
    assert saves == []  # fewer than SAVE_EVERY articles
    add(2, 2)
    assert len(saves) == 1  # the first save: nothing to pace it by yet
    add(4, 4)
    assert len(saves) == 1  # no work done since a save that took a second
    cpu[0] += 1.0 / storykeeper.SAVE_SHARE
    add(8, 1)
    assert len(saves) == 2 and saves[-1] == keeper.last_change
    add(9, 1)
    keeper.save()  # as the service does when it closes: whatever is left, unpaced
    assert len(saves) == 3 and saves[-1] == keeper.last_change
    loader.close()


def test_a_state_from_another_clusterer_version_is_rebuilt(batch: Service, tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    service = open_service(path)
    list(service.ingest_bytes(demo.stream_bytes(), "stream.jsonl"))
    service.close()
    storage = open_storage(str(path))
    storage.save_cluster_state('{"version": 0}', 5, NOW, saves=1)
    storage.close()
    upgraded = open_service(path)
    assert partition(upgraded) == partition(batch)
    upgraded.close()


def test_derived_values_follow_the_stories_as_they_grow(tmp_path: Path) -> None:
    """Developments and topic matches are kept per story between calls; they must change when a story does."""
    lines = demo.stream_bytes().splitlines()
    service = open_service(tmp_path / "grow.db")
    service.add_topic("Hoogwater", "hoogwater OR Maas")
    list(service.ingest_bytes(b"\n".join(lines[: len(lines) // 2]), "first-half.jsonl"))
    early = service.developments(topic="hoogwater")
    assert early and service.developments(topic="hoogwater") == early
    list(service.ingest_bytes(b"\n".join(lines[len(lines) // 2:]), "second-half.jsonl"))
    grown = service.developments(topic="hoogwater")
    fresh = open_service(tmp_path / "grow.db")  # no derived values kept: computes everything anew
    assert grown == fresh.developments(topic="hoogwater") and len(grown) > len(early)
    assert [s.id for s in service.stories(topic="hoogwater")] == [s.id for s in fresh.stories(topic="hoogwater")]
    fresh.close()
    service.close()


def test_a_process_that_only_reads_restores_the_clusterer_only_to_catch_up(batch: Service, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "read.db"
    lines = [line for line in demo.stream_bytes().splitlines() if line.strip()]
    writer = open_service(path)
    list(writer.ingest_bytes(b"\n".join(lines[:-1]), "stream.jsonl"))
    writer.close()
    keepers = []
    real = storykeeper.StoryKeeper

    def keeper(storage: Storage) -> storykeeper.StoryKeeper:
        keepers.append(real(storage))
        return keepers[-1]

    monkeypatch.setattr(storykeeper, "StoryKeeper", keeper)  # the Newsroom imports it when it first needs one
    reader = open_service(path)
    assert reader.stories() and reader.developments() and keepers == []  # everything stored is clustered
    loader = Service(Settings(), open_storage(str(path)), clock=lambda: NOW, cluster_on_ingest=False)
    list(loader.ingest_bytes(lines[-1], "stream.jsonl"))
    loader.close()
    assert partition(reader) == partition(batch) and len(keepers) == 1  # the new article is clustered
    reader.close()


def test_a_process_that_does_not_cluster_leaves_it_to_the_one_that_does(batch: Service, tmp_path: Path) -> None:
    """`volg serve --no-scheduler` stores what its API receives and `volg run` clusters it (one clusterer per
    database): interleaved, they give the stories of one batch."""
    path = tmp_path / "two.db"
    web = Service(Settings(), open_storage(str(path)), clock=lambda: NOW, clusters=False)
    runner = open_service(path)
    lines = [line for line in demo.stream_bytes().splitlines() if line.strip()]
    for number, line in enumerate(lines):
        list((web if number % 3 == 0 else runner).ingest_bytes(line, f"stream.jsonl:{number + 1}"))
        if number % 10 == 0:
            runner.catch_up()  # a cycle of `volg run`
    runner.catch_up()
    assert partition(web) == partition(runner) == partition(batch)
    web.close()
    runner.close()


def test_a_new_version_stored_by_a_process_that_does_not_cluster_is_clustered_by_the_one_that_does(
    tmp_path: Path,
) -> None:
    """An outlet adds a sub-headed section to an article; a worker (no clustering) stores the new version: the
    clustering process assigns the new section at its next catch-up, as one process would have at once."""
    import json

    lines = [json.loads(line) for line in demo.stream_bytes().splitlines() if line.strip()]
    base = "\n".join(json.dumps(line) for line in lines).encode()
    kharkiv = next(line for line in lines if line["id"] == "dnl-0001")
    other = next(line for line in lines if line["id"] == "hvn-0002")  # the Maas rises: another story
    text = f"{kharkiv['text']}\n{other['title'][:40]}\n{other['text']}"  # a sub-headed section added at the end
    update = json.dumps(kharkiv | {"text": text}).encode()

    one = open_service(tmp_path / "one.db")
    list(one.ingest_bytes(base, "stream.jsonl"))
    (result,) = one.ingest_bytes(update, "update.jsonl")
    assert result.status is Status.UPDATED and result.article is not None

    path = tmp_path / "two.db"
    runner = open_service(path)
    list(runner.ingest_bytes(base, "stream.jsonl"))
    worker = Service(Settings(), open_storage(str(path)), clock=lambda: NOW, clusters=False)
    (stored,) = worker.ingest_bytes(update, "update.jsonl")
    assert stored.status is Status.UPDATED and stored.article is not None

    def sections(service: Service, article_id: int) -> set[int]:
        return {section for story in service.storage.iter_stories()
                for a, section in service.storage.passages_of_story(story.id)
                if a == article_id}  # fmt: skip

    assert sections(runner, stored.article.id) == {0, 1}  # the opening and its one sub-headed section
    runner.catch_up()
    assert sections(runner, stored.article.id) == sections(one, result.article.id) == {0, 1, 2}
    assert partition(runner) == partition(one)
    for service in (one, worker, runner):
        service.close()


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database of each backend (PostgreSQL when VOLG_TEST_POSTGRES_URL is set)."""
    with database_url(request.param, tmp_path) as found:
        yield found


def restored_state(storage: Storage) -> dict:
    """The clusterer a new keeper restores from the saved state (before it replays what came after), as its whole
    state."""
    with storage.transaction():
        saved = storage.load_cluster_state()
        assert saved is not None
        clusterer, in_rows = storykeeper._restored(saved)
    assert in_rows
    return clusterer.to_state()


def test_the_state_saved_after_every_article_restores_the_clusterer(database: str,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Each save writes what changed since the one before; restored from those rows, a clusterer is the one saved."""
    monkeypatch.setattr(storykeeper, "SAVE_EVERY", 1)
    service = Service(Settings(), open_storage(database), clock=lambda: NOW)
    service._keeper = storykeeper.StoryKeeper(service.storage, cpu=lambda: 0.0)  # never paced: saves every article
    lines = [line for line in demo.stream_bytes().splitlines() if line.strip()]
    saves, stored = [], 0
    for n, line in enumerate(lines):
        stored += sum(result.status is not Status.DUPLICATE for result in service.ingest_bytes(line, "stream.jsonl"))
        header = service.storage.cluster_state_header()
        assert header is not None and header[0] == service.keeper.last_change
        saves.append(header[1])
        if n % 4 == 0 or n == len(lines) - 1:
            assert restored_state(service.storage) == service.keeper.clusterer.to_state(), n
    assert saves[-1] == stored and saves == sorted(saves)  # a save for each article stored, one after the other
    service.close()


def test_stopped_and_started_again_the_stories_are_those_of_one_run(batch: Service, database: str) -> None:
    """Ingest, close (the state saved), open again and ingest the rest: the stories of one run."""
    lines = [line for line in demo.stream_bytes().splitlines() if line.strip()]
    first = Service(Settings(), open_storage(database), clock=lambda: NOW)
    list(first.ingest_bytes(b"\n".join(lines[:25]), "stream.jsonl"))
    kept = first.keeper.clusterer.to_state()
    first.close()
    second = Service(Settings(), open_storage(database), clock=lambda: NOW)
    assert restored_state(second.storage) == kept
    list(second.ingest_bytes(b"\n".join(lines[25:]), "stream.jsonl"))
    assert partition(second) == partition(batch)
    second.close()


def test_a_save_that_is_rolled_back_is_made_whole_by_the_next(tmp_path: Path) -> None:
    """The changes a save took are lost when its transaction rolls back: the rows stay those of the save before,
    and the next save, finding them not its own, writes the whole state."""
    lines = [line for line in demo.stream_bytes().splitlines() if line.strip()]
    loader = Service(Settings(), open_storage(str(tmp_path / "rolled.db")), clock=lambda: NOW, cluster_on_ingest=False)
    storage = loader.storage
    keeper = storykeeper.StoryKeeper(storage)
    list(loader.ingest_bytes(b"\n".join(lines[:20]), "stream.jsonl"))
    keeper.catch_up()
    saved = restored_state(storage)
    list(loader.ingest_bytes(b"\n".join(lines[20:30]), "stream.jsonl"))
    keeper.add_unseen()
    with pytest.raises(RuntimeError), storage.transaction():
        keeper.save()
        raise RuntimeError("the transaction fails after the save")
    assert restored_state(storage) == saved  # the header and the rows of the save before, together
    list(loader.ingest_bytes(b"\n".join(lines[30:]), "stream.jsonl"))
    keeper.catch_up()
    assert restored_state(storage) == keeper.clusterer.to_state()
    loader.close()


def test_a_state_saved_whole_by_an_older_volg_is_kept_and_written_as_rows(batch: Service, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A database from before migration 0013 holds the whole state in one row: it is restored as it is (no story is
    clustered anew), and the first save writes it as rows."""
    path = tmp_path / "older.db"
    lines = [line for line in demo.stream_bytes().splitlines() if line.strip()]
    older = open_service(path)
    list(older.ingest_bytes(b"\n".join(lines[:25]), "stream.jsonl"))
    whole = json.dumps(older.keeper.clusterer.to_state(), ensure_ascii=False, separators=(",", ":"))
    last_change = older.keeper.last_change
    older.close()
    db = sqlite3.connect(path)  # as the older volg left it: one row, no rows of stories or days, no 0013
    with db:
        db.execute("DROP TABLE cluster_stories")
        db.execute("DROP TABLE cluster_days")
        db.execute("ALTER TABLE cluster_state DROP COLUMN saves")
        db.execute("UPDATE cluster_state SET state = ?, last_change = ?", (whole, last_change))
        db.execute("DELETE FROM migrations WHERE name = '0013_cluster_state_rows'")
    db.close()

    def refused() -> None:
        raise AssertionError("the old state was dropped")

    upgraded = open_service(path)  # migrates
    monkeypatch.setattr(upgraded.storage, "reset_stories", refused)
    assert upgraded.storage.cluster_state_header() == (last_change, 0)
    list(upgraded.ingest_bytes(b"\n".join(lines[25:]), "stream.jsonl"))
    assert partition(upgraded) == partition(batch)
    kept = upgraded.keeper.clusterer.to_state()
    upgraded.close()
    storage = open_storage(str(path))
    assert "stories" not in json.loads(storage._one("SELECT state FROM cluster_state")["state"])
    assert restored_state(storage) == kept  # in rows
    storage.close()
