"""The Service: settings, storage and the pipeline wired together. The CLI, web app and scheduler call only this."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from volg.caches import PerStoryCache, StampedCache
from volg.errors import ConfigError
from volg.models import (
    Article,
    IngestResult,
    RawArticle,
    Source,
)
from volg.readers import Readers
from volg.settings import Settings, load_settings
from volg.storage import Storage, open_storage, sqlite_path

if TYPE_CHECKING:
    from volg.intake import Intake
    from volg.pipeline.ingest.documents import Item
    from volg.pipeline.ingest.fetch import Fetcher
    from volg.pipeline.ingest.guard import Warn
    from volg.storykeeper import StoryKeeper


@dataclass(frozen=True)
class PollOutcome:
    """One source's polling cycle: what the fetch answered and what its articles did."""

    source: Source
    results: tuple[IngestResult, ...] = ()
    not_modified: bool = False
    error: str | None = None


class Service(Readers):
    """volg as a library: `make_service()` builds one; every edge calls its methods. Ingesting and polling are done
    by its `Intake` (volg/intake.py), built on first use, so that a Service that only reads loads none of it;
    stories, topics and developments live in `Newsroom` (volg/newsroom.py); subscriptions, digests and delivery in
    `Readers` (volg/readers.py)."""

    def __init__(
        self,
        settings: Settings,
        storage: Storage,
        *,
        fetcher: Fetcher | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        cluster_on_ingest: bool = True,
        clusters: bool = True,
    ) -> None:
        """With `cluster_on_ingest` off (bulk loads), articles join stories only when stories are next read. With
        `clusters` off, this Service never assigns stories: it reads those another process (`volg run`) assigns,
        which also clusters the articles this one stores — one clusterer per database."""
        self.settings = settings
        self.cluster_on_ingest = cluster_on_ingest and clusters
        self.clusters = clusters
        self.storage = storage
        self.clock = clock
        self._fetcher = fetcher
        self._keeper: StoryKeeper | None = None
        self._per_story = PerStoryCache()
        self._stamped = StampedCache()
        self._intake: Intake | None = None

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            from volg.pipeline.ingest.fetch import Fetcher  # here: the HTTP client loads only to fetch

            self._fetcher = Fetcher(self.settings)
        return self._fetcher

    @property
    def intake(self) -> Intake:
        """What takes articles in (`volg.intake.Intake`), loaded on first use: reading needs none of it."""
        if self._intake is None:
            from volg.intake import Intake

            self._intake = Intake(self)
        return self._intake

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
        if self._keeper is not None:
            self._keeper.save()
        self.storage.close()

    def __enter__(self) -> Service:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ingest (volg/intake.py)

    def ingest(self, targets: Sequence[str], *, source: str | None = None) -> Iterator[IngestResult]:
        """Ingest files, folders and URLs of pages and feeds; one result per article (or per bad input)."""
        return self.intake.ingest(targets, source=source)

    def ingest_bytes(self, content: bytes, origin: str, *, url: str | None = None,
                     source: str | None = None) -> Iterator[IngestResult]:
        """Ingest one document given as bytes (a page, feed, text or JSON Lines)."""
        return self.intake.ingest_bytes(content, origin, url=url, source=source)

    def ingest_item(self, item: Item) -> IngestResult:
        """Ingest one item a document was read into: an article, a feed entry (its page fetched when the feed
        carries only a summary) or a reject."""
        return self.intake.ingest_item(item)

    def ingest_raw(self, raw: RawArticle) -> IngestResult:
        """Clean, dedupe and store one article. Bad input becomes a `rejected` result, never an exception."""
        return self.intake.ingest_raw(raw)

    def ingest_document(self, content: bytes, origin: str, *, content_type: str | None = None,
                        charset: str | None = None, url: str | None = None,
                        source: str | None = None) -> Iterator[IngestResult]:
        """`ingest_bytes` with the Content-Type and charset a client declared for `content` (the JSON API)."""
        return self.intake.ingest_document(content, origin, content_type=content_type, charset=charset, url=url,
                                           source=source)

    # reading what is stored

    def articles(
        self, *, since: datetime | None = None, source: str | None = None, latest: int | None = None
    ) -> list[Article]:
        """Stored articles, oldest first; `latest` keeps only the newest that many."""
        return list(self.storage.iter_articles(since=since, source=source, latest=latest))

    def article(self, article_id: int) -> Article:
        return self.storage.get_article(article_id)

    # sources and polling (volg/intake.py)

    def add_source(self, url: str, *, name: str | None = None, every: str | None = None,
                   warn: Warn | None = None) -> Source:
        """Poll `url` (see `Intake.add_source`)."""
        return self.intake.add_source(url, name=name, every=every, warn=warn)

    def sources(self) -> list[Source]:
        return self.storage.list_sources()

    def import_opml(self, content: bytes, origin: str, *, warn: Warn | None = None) -> list[Source]:
        """Add every feed of an OPML file (see `add_source`)."""
        return self.intake.import_opml(content, origin, warn=warn)

    def export_opml(self) -> str:
        return self.intake.export_opml()

    def poll(self, *, now: datetime | None = None) -> Iterator[PollOutcome]:
        """One polling cycle over the sources that are due."""
        return self.intake.poll(now=now)

    def poll_source(self, source: Source, *, now: datetime | None = None) -> PollOutcome:
        """Fetch one source and ingest its items; what fails is recorded on the source (see `Intake.poll_source`)."""
        return self.intake.poll_source(source, now=now)

    def get_source(self, key: int | str) -> Source:
        return self.storage.get_source(key)


def make_service(settings: Settings | None = None, **overrides: Any) -> Service:
    """Build a Service from the effective settings (environment, TOML file) and `overrides` such as database=. The
    folder of the default database (under `home`) is made when missing; that of a database named explicitly must
    exist: a typo in --database would otherwise start an empty database somewhere unexpected."""
    settings = settings or load_settings(**overrides)
    path = sqlite_path(settings.database) if settings.database else None
    if path and path != ":memory:" and not Path(path).expanduser().parent.is_dir():
        raise ConfigError(f"database: the folder {Path(path).expanduser().parent} does not exist (volg makes the "
                          "folder of its default database only)")
    return Service(settings, open_storage(settings.database_url))

