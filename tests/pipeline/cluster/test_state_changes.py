"""The clusterer's state saved incrementally (`Clusterer.state_changes`, `Clusterer.from_changes`): what is noted as
changed, and that rows kept up to date by the changes restore the clusterer exactly, however often they are saved."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import math
from collections.abc import Sequence
from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st
from tests.pipeline.cluster.strategies import article_streams, cluster_settings
from tests.pipeline.cluster.test_window import synthetic_stream

from volg.models import Article, Passage
from volg.pipeline.cluster import frequencies
from volg.pipeline.cluster.assign import (
    DEFAULTS,
    Clusterer,
    ClusterSettings,
    StateChanges,
    story_from_row,
    story_row,
)
from volg.pipeline.cluster.packing import joined, packed, split, unpacked
from volg.pipeline.cluster.passages import passages as passages_of
from volg.pipeline.cluster.vectors import Story


class Rows:
    """What storage keeps of the changes: the header, a row per story, the parts of each day, as JSON text."""

    def __init__(self) -> None:
        self.header = ""
        self.stories: dict[int, str] = {}
        self.days: dict[tuple[int, int], str] = {}
        self.writes = 0  # stories written, summed over saves

    def save(self, changes: StateChanges) -> None:
        if changes.whole:
            self.stories.clear()
            self.days.clear()
        for sid in changes.gone:
            self.stories.pop(sid, None)
        gone_days = set(changes.gone_days)
        self.days = {key: part for key, part in self.days.items() if key[0] not in gone_days}
        for sid, story in changes.stories:
            self.stories[sid] = json.dumps(story, ensure_ascii=False, allow_nan=False)
            self.writes += 1
        for day, number, counts in changes.days:
            self.days[day, number] = json.dumps(counts, ensure_ascii=False, allow_nan=False)
        self.header = json.dumps(changes.header, allow_nan=False)

    def load(self, settings: ClusterSettings = DEFAULTS) -> Clusterer:
        return Clusterer.from_changes(
            json.loads(self.header), [json.loads(self.stories[sid]) for sid in sorted(self.stories)],
            [(day, number, json.loads(self.days[day, number])) for day, number in sorted(self.days)], settings,
        )  # fmt: skip


def saved_whole(clusterer: Clusterer) -> dict:
    return json.loads(json.dumps(clusterer.to_state(), ensure_ascii=False, allow_nan=False))


def test_only_what_changed_is_noted() -> None:
    told = synthetic_stream(400, per_day=100)
    clusterer = Clusterer()
    clusterer.add_many(told[:300])
    first = clusterer.state_changes()
    assert [sid for sid, _ in first.stories] == clusterer.active_ids()  # a new clusterer: all its stories are new
    assert first.gone == [] and not first.whole  # none saved before, so none to delete
    nothing = clusterer.state_changes()
    assert list(nothing.stories) == [] and nothing.gone == [] and nothing.days == []

    assignment = clusterer.add(told[300])
    changes = clusterer.state_changes()
    assert [sid for sid, _ in changes.stories] == [assignment.story_id] and changes.gone == list(assignment.merged)
    assert [day for day, _, _ in changes.days] == [int(told[300].published_at.timestamp() // 86400)]
    assert clusterer.add(told[300]) == assignment  # a passage seen before changes nothing
    assert list(clusterer.state_changes().stories) == []


def test_stories_that_leave_the_window_are_noted_only_when_a_save_may_hold_them() -> None:
    told = synthetic_stream(200, per_day=100)
    clusterer = Clusterer()
    clusterer.add_many(told[:100])
    saved = clusterer.active_ids()
    clusterer.state_changes()
    clusterer.add_many(told[100:])
    started = [sid for sid in clusterer.active_ids() if sid not in saved]
    quiet = dataclasses.replace(told[-1], article_id=10**6, published_at=told[-1].published_at + timedelta(days=30),
                                title="", paragraphs=())  # every story expires  # fmt: skip
    clusterer.add(quiet)
    changes = clusterer.state_changes()
    assert changes.gone == saved  # stories started since the save were never written: nothing to delete
    assert started and not set(started) & set(changes.gone)
    assert [sid for sid, _ in changes.stories] == clusterer.active_ids()  # the quiet passage's own story


def test_a_merged_story_is_deleted() -> None:
    from tests.pipeline.cluster.invented import DAM_EN, DAM_EN_OTHER, passage

    clusterer = Clusterer(ClusterSettings(join=0.5, merge=0.3))
    first, second = clusterer.add(DAM_EN), clusterer.add(DAM_EN_OTHER)
    rows = Rows()
    rows.save(clusterer.state_changes())
    both = passage(7, "Dam bursts near Tilburg: mayor says it could have been worse",
                   "\n".join([*DAM_EN.paragraphs, *DAM_EN_OTHER.paragraphs]), hours=6)  # fmt: skip
    third = clusterer.add(both)
    assert third.merged
    changes = clusterer.state_changes()
    assert changes.gone == list(third.merged)
    rows.save(changes)
    assert sorted(rows.stories) == clusterer.active_ids() == [third.story_id]
    assert saved_whole(rows.load()) == saved_whole(clusterer)
    assert {first.story_id, second.story_id} == {third.story_id, *third.merged}


def replay_saving(told: Sequence[Passage], every: int, settings: ClusterSettings = DEFAULTS,
                  restore: bool = True) -> tuple[list, Clusterer, Rows]:
    """Add the passages, saving the changes every `every` passages and (with `restore`) going on from the rows."""
    clusterer, rows, out = Clusterer(settings), Rows(), []
    for start in range(0, len(told), every):
        out += clusterer.add_many(told[start : start + every])
        rows.save(clusterer.state_changes())
        if restore:
            clusterer = rows.load(settings)
    return out, clusterer, rows


def test_rows_saved_after_every_passage_continue_as_one_clusterer() -> None:
    told = synthetic_stream(600, per_day=40)  # 15 days: days of frequencies drop out; many parts a day
    straight = Clusterer()
    expected = straight.add_many(told)
    for every in (1, 7, 100):
        got, restored, rows = replay_saving(told, every)
        assert got == expected, every
        assert saved_whole(restored) == saved_whole(straight) == saved_whole(rows.load()), every
        assert len({day for day, _ in rows.days}) <= 15
        assert all(number < frequencies.MAX_PARTS for _, number in rows.days)


def test_a_save_writes_what_changed_not_the_window() -> None:
    told = synthetic_stream(2_000, per_day=500)
    _, kept, rows = replay_saving(told, 100, restore=False)
    window = len(kept.active_ids())
    assert window > 200
    assert rows.writes < 0.5 * window * len(told) / 100  # far fewer than the window at every save


def test_a_whole_save_replaces_everything() -> None:
    told = synthetic_stream(300, per_day=100)
    clusterer, rows = Clusterer(), Rows()
    clusterer.add_many(told[:150])
    rows.save(clusterer.state_changes())
    clusterer.add_many(told[150:])
    clusterer.state_changes()  # taken, and lost: not saved
    rows.save(clusterer.state_changes(whole=True))
    assert sorted(rows.stories) == clusterer.active_ids()
    assert saved_whole(rows.load()) == saved_whole(clusterer)


def test_a_day_saved_in_many_parts_is_saved_whole_again() -> None:
    told = synthetic_stream(200, per_day=1_000)  # one day
    _, restored, rows = replay_saving(told, 5)
    assert 0 < len(rows.days) <= frequencies.MAX_PARTS
    straight = Clusterer()
    straight.add_many(told)
    assert saved_whole(restored) == saved_whole(straight)


def test_a_whole_state_and_its_rows_restore_the_same_clusterer() -> None:
    """A state saved whole (as volg did before the rows) and the rows of the same clusterer give one clusterer."""
    told = synthetic_stream(300, per_day=50)
    clusterer = Clusterer()
    clusterer.add_many(told[:200])
    rows = Rows()
    rows.save(clusterer.state_changes())
    whole = Clusterer.from_state(saved_whole(clusterer))
    restored = rows.load()
    assert saved_whole(whole) == saved_whole(restored)
    assert whole.add_many(told[200:]) == restored.add_many(told[200:])


def stream_passages(articles: list[Article]) -> list[Passage]:
    return [p for article in articles for p in passages_of(article)]


@given(article_streams(), cluster_settings, st.integers(min_value=1, max_value=5))
def test_rows_saved_as_passages_come_continue_exactly(articles: list[Article], settings: ClusterSettings,
                                                       every: int) -> None:
    told = stream_passages(articles)
    if not told:
        return
    with contextlib.suppress(OverflowError):  # every story expires: the rows must lose them
        later = max(p.published_at for p in told) + timedelta(hours=2 * settings.window_hours + 1)
        told.append(dataclasses.replace(told[-1], article_id=10**9, published_at=later))
    straight = Clusterer(settings)
    expected = [straight.add(p) for p in told]
    got, restored, rows = replay_saving(told, every, settings)
    assert got == expected
    assert saved_whole(restored) == saved_whole(straight) == saved_whole(rows.load(settings))
    assert sorted(rows.stories) == straight.active_ids()


def test_packed_values_come_back_exactly() -> None:
    for texts in ([], [""], ["a"], ["a", ""], ["één", "twee"], ["a\nb", "c"], ["\n"]):
        assert split(joined(texts)) == texts, texts
    assert joined(["a", "b"]) == "a\nb" and joined(["a\nb"]) == ["a\nb"]  # a list only when it must
    numbers = [0.0, -0.0, 1.0, 1 / 3, 5e-324, 1.7976931348623157e308, -2.5e-10, math.inf]
    back = unpacked(json.loads(json.dumps(packed(numbers))))
    assert [n.hex() for n in back] == [n.hex() for n in numbers]
    assert list(unpacked(packed([]))) == []


def test_a_story_whose_terms_hold_the_separator_is_saved_as_it_is() -> None:
    story = Story(7, 1.5, 2.5, {"e": {"anna\nde wit": 0.25, "venlo": 1 / 3}, "w:nl": {}}, {"e": 0.1736}, 4,
                  {"1:0": (True, 0.0, 1.5)}, {"anna\nde wit": "Anna\nde Wit", "venlo": "Venlo"})  # fmt: skip
    row = json.loads(json.dumps(story_row(story)))
    assert story_from_row(row) == story
