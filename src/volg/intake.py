"""Articles in: a Service's files, pages, feeds and JSON Lines read, cleaned, deduplicated and stored, and the
sources it polls.

`Intake` is the part of `volg.service.Service` that takes articles in; the Service builds it on first use
(`Service.intake`), so that a command that only reads (`volg articles`, a page) loads none of what ingesting
needs: the readers of feeds and pages, the HTTP client, the clean stage, fingerprints (tests/test_startup.py).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import urlsplit

from volg.errors import ConflictError, FetchError, InputError, StorageError, for_operator
from volg.models import (
    Article,
    CleanArticle,
    IngestResult,
    RawArticle,
    Rejected,
    Source,
    SourceProfile,
    Status,
)
from volg.pipeline.clean.article import clean_article
from volg.pipeline.clean.boilerplate import (
    is_common,
    lines_with_keys,
    may_hold,
    profile_keys,
    remove_boilerplate,
)
from volg.pipeline.clean.dedupe import decide, fingerprint
from volg.pipeline.clean.lemmas import read_whole
from volg.pipeline.ingest.documents import Item, parse_document
from volg.pipeline.ingest.feeds import FeedEntry
from volg.pipeline.ingest.fetch import Fetcher
from volg.pipeline.ingest.guard import Unresolved, Warn, check_url, warned
from volg.pipeline.ingest.opml import read_opml, write_opml
from volg.pipeline.ingest.schedule import after_poll, due
from volg.service import PollOutcome
from volg.settings import Settings, parse_interval
from volg.storage import Storage

if TYPE_CHECKING:
    from volg.service import Service

log = logging.getLogger(__name__)

STORE_ATTEMPTS = 3
"""Tries at storing one article when another writer deadlocks with it (PostgreSQL picks one to roll back)."""

BATCH_ITEMS = 50
"""A feed's items stored in one transaction, a savepoint each: a commit of its own cost each article 0.6 ms of CPU on
the fulltext benchmark, and 50 hold the writer for a fraction of a second."""

RECLEAN_WINDOW = 200
"""How many of a source's newest articles are cleaned again when volg learns a new boilerplate line of it."""
RECLEAN_CHARS = 1_000_000
"""How much of their text at most (newest first): 200 articles of an ordinary length. Those that hold the line cost
1 to 2 µs a character to clean again, and a page may have 300,000 characters."""


class Intake:
    """Ingesting and polling for a Service (`Service.intake`): the Service's methods of the same names call these."""

    def __init__(self, service: Service) -> None:
        self.service = service
        read_whole()  # cleaning lemmatises thousands of words per language

    @property
    def settings(self) -> Settings:
        return self.service.settings

    @property
    def storage(self) -> Storage:
        return self.service.storage

    @property
    def clock(self) -> Callable[[], datetime]:
        return self.service.clock

    @property
    def fetcher(self) -> Fetcher:
        return self.service.fetcher

    def ingest(self, targets: Sequence[str], *, source: str | None = None) -> Iterator[IngestResult]:
        """Ingest files, folders and URLs of pages and feeds; one result per article (or per bad input)."""
        for target in targets:
            for item in self._read_target(target, source):
                yield self.ingest_item(item)

    def ingest_bytes(self, content: bytes, origin: str, *, url: str | None = None,
                     source: str | None = None) -> Iterator[IngestResult]:
        """Ingest one document given as bytes (a page, feed, text or JSON Lines)."""
        for item in parse_document(content, origin, url=url, source=source):
            yield self.ingest_item(item)

    def ingest_item(self, item: Item) -> IngestResult:
        if isinstance(item, Rejected):
            return IngestResult(Status.REJECTED, item.origin, error=item.error)
        return self.ingest_raw(self._raw(item))

    def _raw(self, item: RawArticle | FeedEntry) -> RawArticle:
        return self._complete(item) if isinstance(item, FeedEntry) else item

    def ingest_raw(self, raw: RawArticle) -> IngestResult:
        """Clean, dedupe and store one article. Bad input becomes a `rejected` result, never an exception."""
        cleaned = self._clean(raw)
        if isinstance(cleaned, IngestResult):
            return cleaned
        stored = self._store(cleaned)
        self._reclean_recent(stored)
        return stored.result

    def _clean(self, raw: RawArticle, profiles: dict[str, SourceProfile] | None = None) -> _Cleaned | IngestResult:
        """The article cleaned with what volg learned of its source so far, or why it is rejected. `profiles`: the
        sources' profiles read so far, kept for a batch's next items (nothing is stored while a batch is cleaned)."""
        now = self.clock()
        source = raw.source or _host(raw.url) or "local"
        profile = profiles.get(source) if profiles is not None else None
        if profile is None:
            profile = self.storage.source_profile(source)
            if profiles is not None:
                profiles[source] = profile
        try:
            article = clean_article(replace(raw, source=source), profile, now=now,
                                    min_words=self.settings.min_article_words)
        except InputError as exc:
            message = str(exc) if str(exc).startswith(raw.origin) else f"{raw.origin}: {exc}"
            return IngestResult(Status.REJECTED, raw.origin, error=message)
        except StorageError:
            raise
        except Exception as exc:  # a bug met on this input: logged; the rest still goes in
            log.exception("%s: cleaning failed", raw.origin)
            error = f"{raw.origin}: cleaning failed ({type(exc).__name__}: {exc}); the log has the details"
            return IngestResult(Status.REJECTED, raw.origin, error=error)
        return _Cleaned(article, raw.origin, now)

    def _store(self, cleaned: _Cleaned) -> _Stored:
        """Store a cleaned article in a transaction of its own, or in a savepoint of the batch's (`_ingest_batch`),
        trying again when another writer deadlocked with it."""
        for attempt in range(1, STORE_ATTEMPTS + 1):
            try:
                with self.storage.savepoint():
                    return self._store_once(cleaned)
            except ConflictError:  # another writer (a clusterer, a second worker) deadlocked with this one
                # the clusterer may have clustered what was rolled back: the next one restores the saved state
                self.service._keeper = None
                if attempt == STORE_ATTEMPTS:
                    raise
                log.info("%s: storing met another writer; trying again (%d of %d)", cleaned.origin, attempt + 1,
                         STORE_ATTEMPTS)
                time.sleep(0.05 * attempt)
        raise AssertionError("unreachable")

    def _store_once(self, cleaned: _Cleaned) -> _Stored:
        """Dedupe and store a cleaned article, and cluster it when this process clusters; inside a transaction."""
        article, origin, now = cleaned
        fp = fingerprint(article)
        self.storage.lock_articles()
        decision = decide(
            article,
            fp,
            self.storage.find_by_url(fp.url),
            self.storage.find_by_content(fp.content_hash),
            self.storage.near_candidates(fp.bands),
        )
        if decision.status is Status.DUPLICATE:
            assert decision.article_id is not None
            self.storage.add_sighting(decision.article_id, article.source, fp.url, article.external_id, now)
            return _Stored(IngestResult(Status.DUPLICATE, origin, self.storage.get_article(decision.article_id)), now)
        if decision.status is Status.UPDATED:
            assert decision.article_id is not None
            stored = self.storage.update_article(decision.article_id, article, fp, at=now)
        else:
            stored = self.storage.add_article(article, fp, copy_of=decision.copy_of, at=now)
        keys = profile_keys(article.sections)
        self.storage.learn_lines(article.source, keys)
        counts = self.storage.source_profile(article.source, lines=keys)  # what deciding on these lines needs
        fresh = self.storage.mark_boilerplate(article.source, {key for key in keys if is_common(key, counts)})
        profile = None
        if fresh:  # this article made some of its lines boilerplate of its source: they go
            profile = self.storage.source_profile(article.source)
            stored = self._reclean(stored, profile, now)
        if self.service.cluster_on_ingest:
            # this article (or version), after any a process that does not cluster stored
            self.service.keeper.add_unseen(stored)
        taught = lines_with_keys(article.sections, fresh) if fresh else None
        return _Stored(IngestResult(decision.status, origin, stored), now, taught, profile)

    def _ingest_batch(self, items: Sequence[Item], results: list[IngestResult]) -> None:
        """Ingest some of a feed's items, their results appended to `results`: each read (its page fetched) and
        cleaned first, then all stored in one transaction, a savepoint each (one commit, not one an item). Should
        storing one fail, those before it are kept and the error goes on, as when each is stored alone. Boilerplate
        an item taught volg is taken out of its source's recent articles once all are stored, and so out of the
        batch's later items too (cleaned before volg knew it)."""
        profiles: dict[str, SourceProfile] = {}  # each source's read once: a feed's items share theirs
        ready = [item if isinstance(item, Rejected) else self._clean(self._raw(item), profiles) for item in items]
        stored: list[_Stored] = []
        failure: Exception | None = None
        with self.storage.transaction():
            for cleaned in ready:
                if isinstance(cleaned, Rejected):
                    results.append(IngestResult(Status.REJECTED, cleaned.origin, error=cleaned.error))
                elif isinstance(cleaned, IngestResult):
                    results.append(cleaned)
                else:
                    try:
                        stored.append(self._store(cleaned))
                    except Exception as exc:  # raised below, once what came before is committed
                        failure = exc
                        break
                    results.append(stored[-1].result)
        for done in stored:
            self._reclean_recent(done)
        if failure is not None:
            raise failure

    def _reclean(self, article: Article, profile: SourceProfile, now: datetime) -> Article:
        """The article without what `profile` counts as boilerplate of its source, stored in place."""
        sections, removed = remove_boilerplate(article.clean.sections, profile)
        if not sections or sections == article.clean.sections:
            return article
        cleaned = replace(article.clean, sections=sections, removed=article.clean.removed + removed)
        return self.storage.update_article(article.id, cleaned, fingerprint(cleaned), at=now, new_version=False)

    def _reclean_recent(self, done: _Stored) -> None:
        """Take the lines a stored article made boilerplate out of its source's recent articles too (they were
        cleaned before volg knew): up to RECLEAN_WINDOW articles and RECLEAN_CHARS of text, only those that hold one,
        each in a transaction of its own, so that the writer is held for one article at a time."""
        if done.taught is None or done.profile is None or done.result.article is None:
            return
        stored, budget = done.result.article, RECLEAN_CHARS
        for article in reversed(list(self.storage.iter_articles(source=stored.clean.source, latest=RECLEAN_WINDOW))):
            budget -= len(article.clean.body)
            if budget < 0:
                return
            if article.id == stored.id or not may_hold(article.clean.sections, done.taught):
                continue
            try:
                with self.storage.transaction():
                    self.storage.lock_articles()
                    self._reclean(self.storage.get_article(article.id), done.profile, done.now)
            except ConflictError:  # another writer deadlocked with this one: the older articles keep the lines
                log.info("%s: re-cleaning its source's articles met another writer; stopped", stored.clean.url)
                return

    def _read_target(self, target: str, source: str | None) -> Iterator[Item]:
        if target.startswith(("http://", "https://")):
            try:
                response = self.fetcher.fetch(target)
            except FetchError as exc:
                yield Rejected(target, for_operator(exc))
                return
            yield from parse_document(
                response.content, target, url=response.url, content_type=response.content_type,
                charset=response.charset, source=source,
            )
            return
        path = Path(target)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            for file in files:
                yield from self._read_file(file, source)
        else:
            yield from self._read_file(path, source)

    def _read_file(self, path: Path, source: str | None) -> Iterator[Item]:
        try:
            content = path.read_bytes()
        except FileNotFoundError:
            yield Rejected(str(path), f"{path}: no such file")
            return
        except OSError as exc:
            yield Rejected(str(path), f"{path}: cannot read ({exc.strerror})")
            return
        yield from parse_document(content, str(path), url=path.resolve().as_uri(), source=source)

    def _complete(self, entry: FeedEntry) -> RawArticle:
        """A feed entry with only a summary gets its article page fetched; the summary stays if that fails."""
        raw = entry.raw
        if entry.complete or not raw.url or not self.settings.fetch_full_pages:
            return raw
        try:
            page = self.fetcher.fetch(raw.url)
        except FetchError:
            return raw
        for item in parse_document(page.content, raw.url, url=page.url, content_type=page.content_type,
                                   charset=page.charset):
            if isinstance(item, RawArticle) and item.html:
                return replace(raw, html=item.html, text=None)
        return raw

    def add_source(self, url: str, *, name: str | None = None, every: str | None = None,
                   warn: Warn | None = None) -> Source:
        """Poll `url` (a URL already known answers its source as it is). A URL the network guard refuses is refused
        with InputError; a host that does not resolve now is kept, and `warn` (default: the log) told, as for a
        subscription's webhook (`Unresolved`): it is looked up, and guarded, again at every poll."""
        if not url.startswith(("http://", "https://")) or not urlsplit(url).hostname:
            raise InputError(f"{url}: a source must be an http(s) URL with a host")
        unresolved = check_url(url, allow_private=self.settings.allow_private_urls, unresolved_ok=True)
        every_s = parse_interval(every or self.settings.poll_every)
        source = self.storage.add_source(Source(url=url, name=name or _host(url) or url, every_s=every_s))
        if unresolved is not None:
            warned(warn)(Unresolved("source", url, unresolved))
        return source

    def import_opml(self, content: bytes, origin: str, *, warn: Warn | None = None) -> list[Source]:
        """Add every feed of an OPML file (see `add_source`)."""
        return [self.add_source(url, name=title, warn=warn) for url, title in read_opml(content, origin)]

    def export_opml(self) -> str:
        return write_opml(self.storage.list_sources())

    def poll(self, *, now: datetime | None = None) -> Iterator[PollOutcome]:
        """One polling cycle over the sources that are due."""
        now = now or self.clock()
        for source in due(self.storage.list_sources(), now):
            yield self.poll_source(source, now=now)

    def poll_source(self, source: Source, *, now: datetime | None = None) -> PollOutcome:
        """Fetch one source and ingest its items. Whatever fails is recorded on the source, which then backs off
        (`after_poll`): a failed fetch, and a failure while reading or storing its items (logged with its
        traceback; the items stored before it stay), so a broken source is neither retried every cycle nor in
        the way of the others."""
        now = now or self.clock()
        try:
            response = self.fetcher.fetch(source.url, etag=source.etag, last_modified=source.last_modified)
        except FetchError as exc:
            polled = self.storage.save_source(after_poll(source, now, error=exc))
            return PollOutcome(polled, error=for_operator(exc))
        results: list[IngestResult] = []
        try:
            if response.status != 304:
                items = parse_document(response.content, source.url, url=response.url,
                                       content_type=response.content_type, charset=response.charset,
                                       source=source.name)
                while batch := list(islice(items, BATCH_ITEMS)):
                    self._ingest_batch(batch, results)
        except Exception as exc:  # recorded on the source and logged, not lost
            log.exception("%s: polling failed", source.url)
            failed = InputError(f"{source.url}: reading its items failed ({type(exc).__name__}: {exc})")
            polled = self.storage.save_source(after_poll(source, now, error=failed))
            return PollOutcome(polled, tuple(results), error=str(failed))
        polled = self.storage.save_source(after_poll(source, now, response=response))
        return PollOutcome(polled, tuple(results), not_modified=response.status == 304)

    def ingest_document(self, content: bytes, origin: str, *, content_type: str | None = None,
                        charset: str | None = None, url: str | None = None,
                        source: str | None = None) -> Iterator[IngestResult]:
        """`ingest_bytes` with the Content-Type and charset a client declared for `content`: they tell a feed, page
        or JSON Lines apart where sniffing alone cannot, and decode text that is not UTF-8."""
        for item in parse_document(content, origin, url=url, content_type=content_type, charset=charset,
                                   source=source):
            yield self.ingest_item(item)


class _Cleaned(NamedTuple):
    """An article cleaned, to be stored: where it came from and when it was read."""

    article: CleanArticle
    origin: str
    now: datetime


class _Stored(NamedTuple):
    """What storing an article gave, and what `Intake._reclean_recent` does once its transaction is over: the lines
    it made boilerplate of its source (`taught`), and the source's profile then."""

    result: IngestResult
    now: datetime
    taught: set[str] | None = None
    profile: SourceProfile | None = None


def _host(url: str | None) -> str | None:
    if not url or not url.startswith(("http://", "https://")):
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None

