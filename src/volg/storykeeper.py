"""Keeps the online clusterer and storage in step: passages in, stories out, state saved and replayed.

The clusterer (volg.pipeline.cluster.assign) is pure and in memory; it holds the active window only. The keeper
writes every assignment to storage in the caller's transaction, saves the clusterer's state every few articles (paced
so that saving stays a small share of the work: `SAVE_SHARE`), and on start restores that state and replays the
articles stored after it. A save writes what changed since the one before (`Clusterer.state_changes`), in the
caller's transaction too; the whole state when the rows stored are not the ones this keeper last wrote or read. It
follows the articles by their change numbers (`Storage.articles_changed_after`), so a new version of an article,
whoever stored it, comes in like a new article: the passages the clusterer remembers keep their stories, new
sections are assigned. Because the clusterer is deterministic, a replay after a crash gives the assignments that
were already written, and nothing is lost or doubled. A state that this volg's clusterer cannot read (saved by
another version) is dropped, and every article is clustered anew.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import UTC, datetime

from volg.models import Article
from volg.pipeline.cluster.assign import Clusterer
from volg.pipeline.cluster.passages import passage_reading, passages
from volg.storage import Storage
from volg.storage.base import SavedClusterState

SAVE_EVERY = 100
"""Save the clusterer's state at the earliest after this many articles (and when the service closes)."""
SAVE_SHARE = 0.01
"""And only once the process has worked (CPU time) 1/SAVE_SHARE times as long as the last save took: saving costs at
most this share of the work however large the state grows (a long bulk load, feeds that arrive newest first), and
a restart replays at most that much work."""


class StoryKeeper:
    def __init__(self, storage: Storage, *, cpu: Callable[[], float] = time.process_time) -> None:
        """`cpu` is the clock of the process's work (CPU seconds) that paces the saves."""
        self.storage = storage
        self._cpu = cpu
        self._saved_at, self._save_s = cpu(), 0.0
        self.clusterer, self.last_change = Clusterer(), 0
        self._saves: int | None = None  # the saves counted in storage when this keeper last saved or restored
        with storage.transaction():  # the header and the rows it goes with, as one snapshot
            saved = storage.load_cluster_state()
            if saved is not None:
                try:
                    self.clusterer, in_rows = _restored(saved)
                    self.last_change, self._saves = saved.last_change, saved.saves if in_rows else None
                except (ValueError, KeyError, TypeError):
                    # saved by a volg whose clusterer kept another state: cluster every article again
                    storage.reset_stories()
        self._unsaved = 0
        self.catch_up()

    def add_unseen(self, stored: Article | None = None) -> None:
        """Add the articles stored or changed since this clusterer last looked, in that order: the one just stored,
        and any that a process that does not cluster stored before it. `stored`: the article just stored, as
        storage gave it back, which then is not read again."""
        for change, article in list(self.storage.articles_changed_after(self.last_change, known=stored)):
            self._add(article)
            self.last_change = change
            self._unsaved += 1
            if self._save_due():
                self.save()

    def _save_due(self) -> bool:
        return self._unsaved >= SAVE_EVERY and self._cpu() - self._saved_at >= self._save_s / SAVE_SHARE

    def catch_up(self) -> None:
        """Add the unseen articles, then save the state."""
        self.add_unseen()
        self.save()

    def _add(self, article: Article) -> None:
        """Put each passage of a stored article into its story; write the result to storage."""
        for passage in passages(article):
            assignment = self.clusterer.add(passage)
            if assignment.merged:
                self.storage.merge_stories(assignment.story_id, assignment.merged)
            self.storage.save_story(
                assignment.story_id, passage.title, passage.published_at,
                self.clusterer.story_terms(assignment.story_id),
            )
            reading = passage_reading(article.id, article.clean, passage.section,
                                      None if passage.context else passage)  # with an intro as context, made anew
            self.storage.assign_passage(passage.article_id, passage.section, assignment.story_id, assignment.score,
                                        reading)

    def save(self) -> None:
        """Save what changed in the clusterer's state since the last save, so a restart replays only what came
        after; the whole state when the rows saved are not those this keeper last wrote or read (none yet, a state
        saved before they were rows, a save that failed or was rolled back, another clusterer's)."""
        if not self._unsaved:
            return
        started = self._cpu()
        with self.storage.transaction():
            found = self.storage.cluster_state_header()
            saves = 0 if found is None else found[1]
            changes = self.clusterer.state_changes(whole=self._saves is None or self._saves != saves)
            self._saves = None  # the changes are taken: unless they are written, the next save is whole
            self.storage.save_cluster_state(
                _json(changes.header), self.last_change, datetime.now(UTC), saves=saves + 1,
                stories=((sid, _json(story)) for sid, story in changes.stories), gone=changes.gone,
                days=[(day, part, _json(counts)) for day, part, counts in changes.days],
                gone_days=changes.gone_days, whole=changes.whole,
            )
            self._saves = saves + 1  # a rollback of the caller's transaction leaves storage at `saves`: whole next
        self._unsaved = 0
        self._saved_at = self._cpu()
        self._save_s = self._saved_at - started


def _json(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _restored(saved: SavedClusterState) -> tuple[Clusterer, bool]:
    """The clusterer of a saved state, and whether it was saved in rows: its header, stories and days; or, saved
    before the state was kept in rows (migration 0013), the whole state in the header (the next save, whole, writes
    it as rows)."""
    header = json.loads(saved.header)
    if "stories" in header:
        return Clusterer.from_state(header), False
    stories = (json.loads(story) for story in saved.stories)
    days = ((day, part, json.loads(counts)) for day, part, counts in saved.days)
    return Clusterer.from_changes(header, stories, days), True
