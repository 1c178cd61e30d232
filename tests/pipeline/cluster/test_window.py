"""The active window: work per passage stays flat as the archive grows (counted operations, never time); stories
out of reach leave the index without changing a result; the state continues exactly."""

import dataclasses
import json
import math
import random
from datetime import UTC, datetime, timedelta

import pytest

from volg.models import Passage
from volg.pipeline.cluster.assign import Clusterer, ClusterSettings, joinable_passages

START = datetime(2030, 1, 1, tzinfo=UTC)


def word(n: int) -> str:
    letters = []
    for _ in range(4):
        n, r = divmod(n, 26)
        letters.append(chr(97 + r))
    return "".join(letters) + "x"


def synthetic_stream(count: int, per_day: int) -> list[Passage]:
    """Events of a day or two, each with its own words, told in passages that also use a shared vocabulary."""
    rng = random.Random(7)
    passages = []
    events: list[tuple[int, float]] = []  # (event, last hour it may be reported)
    for i in range(count):
        hours = i * 24 / per_day
        events = [e for e in events if e[1] > hours]
        if len(events) < 25 or rng.random() < 0.1:
            events.append((i, hours + rng.uniform(12, 48)))
        event = rng.choice(events)[0]
        own = [word(100_000 + event * 10 + k) for k in range(10)]
        common = [word(rng.randrange(3000)) for _ in range(12)]
        title = " ".join(rng.sample(own, 4))
        text = " ".join(rng.sample(own, 5) + common) + "."
        passages.append(Passage(i, 0, f"outlet {i % 7}", "en", START + timedelta(hours=hours), title, (text,), (), ()))
    return passages


def test_work_and_window_stay_flat_over_months() -> None:
    passages = synthetic_stream(20_000, per_day=100)  # 200 days
    clusterer = Clusterer()
    quarters = []
    for quarter in range(4):
        before = (clusterer.counters.candidates, clusterer.counters.postings, clusterer.counters.passages)
        biggest = {"stories": 0, "index": 0, "frequencies": 0}
        for p in passages[quarter * 5000 : (quarter + 1) * 5000]:
            clusterer.add(p)
            biggest = {k: max(v, clusterer.window_size()[k]) for k, v in biggest.items()}
        done = clusterer.counters.passages - before[2]
        quarters.append({
            "candidates": (clusterer.counters.candidates - before[0]) / done,
            "postings": (clusterer.counters.postings - before[1]) / done,
            **biggest,
        })  # fmt: skip
    second, last = quarters[1], quarters[3]
    for key in ("candidates", "postings", "stories", "index", "frequencies"):
        assert last[key] <= 1.3 * second[key], (key, quarters)
    # the window holds days of stories, not the archive: far fewer than the 20,000 passages
    assert last["stories"] < 1_000 and len(clusterer.active_ids()) < 1_000
    assert 0 < last["candidates"] < 100


def test_retiring_stories_out_of_reach_changes_no_assignment() -> None:
    """Stories are taken out of the index once no passage could join them: the same assignments, scores and state
    as a clusterer that keeps scoring them, in a stream busy enough that most stories retire."""
    passages = synthetic_stream(3_000, per_day=2_000)
    retiring, keeping = Clusterer(), Clusterer()
    keeping._joinable = 1 << 62  # never retires
    assert retiring.add_many(passages) == keeping.add_many(passages)
    assert retiring.to_state() == keeping.to_state()
    assert retiring.counters.candidates < keeping.counters.candidates / 2


def test_joinable_passages_bounds_the_best_possible_score() -> None:
    settings = ClusterSettings()
    reach = joinable_passages(settings)

    s = settings

    def best_score(passages: int) -> float:  # a perfect match, `passages` after the story's latest, by any passage
        hours = passages / s.busy_passages
        return max(
            max(1.0, s.entities_alone) * math.exp(-hours / decay) - hours * penalty - floor
            for decay, penalty, floor in (
                (s.decay_hours, s.hourly_penalty, min(s.join, s.section_join)),
                (s.full_decay_hours, s.full_hourly_penalty, min(s.full_join, s.section_join)),
            )
        )

    assert best_score(reach) >= 0 > best_score(reach + 1)
    assert joinable_passages(dataclasses.replace(settings, hourly_penalty=0.0, decay_hours=1e12)) > 1 << 40


def test_a_state_of_another_version_is_refused() -> None:
    clusterer = Clusterer()
    clusterer.add_many(synthetic_stream(50, per_day=100))
    state = clusterer.to_state()
    with pytest.raises(ValueError, match="version"):
        Clusterer.from_state({**state, "version": state["version"] + 1})


def test_document_frequencies_survive_a_round_trip_as_days_drop_out() -> None:
    """Each day's terms are counted only when the day drops out: a state saved on any day continues exactly."""
    passages = synthetic_stream(1_500, per_day=60)  # 25 days: days drop out of the 14-day window
    straight = Clusterer()
    expected = straight.add_many(passages)
    restored, got = Clusterer(), []
    for start in range(0, len(passages), 300):
        got += restored.add_many(passages[start : start + 300])
        restored = Clusterer.from_state(json.loads(json.dumps(restored.to_state())))
    assert got == expected
    assert restored.to_state() == straight.to_state()
    assert restored.window_size()["frequencies"] == straight.window_size()["frequencies"]


def test_a_story_told_for_a_month_keeps_only_its_recent_memberships() -> None:
    """The window follows the stream's rate, not its length: a story joined every hour for 30 days stays one story,
    but holds the memberships of its last `window_hours` only; a passage added again after that is assigned anew,
    a recent one gets what it got. A restored state forgets exactly as the original does."""
    rng = random.Random(3)
    own = [word(500_000 + k) for k in range(12)]
    told = [Passage(i, 0, f"outlet {i % 5}", "en", START + timedelta(hours=i), " ".join(rng.sample(own, 4)),
                    (" ".join(rng.sample(own, 6) + [word(rng.randrange(3000)) for _ in range(8)]) + ".",), (), ())
            for i in range(24 * 30)]  # fmt: skip
    clusterer = Clusterer()
    first = clusterer.add_many(told[:360])
    restored = Clusterer.from_state(json.loads(json.dumps(clusterer.to_state())))
    later = clusterer.add_many(told[360:])
    assert restored.add_many(told[360:]) == later and restored.to_state() == clusterer.to_state()
    assert len({a.story_id for a in first + later}) == 1
    (story,) = clusterer._window.stories.values()
    hours = ClusterSettings().window_hours
    assert len(story.members) == len(clusterer._window.member_of) == hours + 1
    assert clusterer.add(told[-1]) == later[-1]  # remembered
    again = clusterer.add(told[0])  # forgotten: joins the story as any new passage would, not as its first
    assert again.story_id == first[0].story_id and not again.created and first[0].created


def test_a_late_passage_in_a_language_the_window_has_not_seen_joins_nothing_and_breaks_nothing() -> None:
    """A Spanish stream followed by a French article two weeks older: its terms are weighed, never all zero."""
    start = datetime(2031, 1, 1, tzinfo=UTC)
    spanish = [Passage(n, 0, "El Diario", "es", start + timedelta(days=n), f"Noticia {n} sobre Madrid y Sevilla",
                       (f"El ayuntamiento de Madrid aprobó el plan número {n} para Sevilla.",), (), ())
               for n in range(20)]  # fmt: skip
    late = Passage(99, 0, "Le Journal", "fr", start, "Grève à Lyon", ("Les cheminots de Lyon sont en grève.",), (), ())
    clusterer = Clusterer()
    clusterer.add_many(spanish)
    assert clusterer.add(late).created
    restored = Clusterer.from_state(json.loads(json.dumps(clusterer.to_state())))
    again = dataclasses.replace(late, article_id=100, published_at=start + timedelta(days=19, hours=1))
    assert restored.add(again).story_id == clusterer.add(again).story_id


def test_a_saved_state_with_a_space_of_zero_norm_still_loads() -> None:
    """States written before the fix above could hold such a story; reading them must not fail."""
    clusterer = Clusterer()
    clusterer.add_many(synthetic_stream(20, per_day=10))
    state = json.loads(json.dumps(clusterer.to_state()))
    broken = state["stories"][0]
    space = next(iter(broken["norms"]))
    broken["norms"][space] = 0.0
    broken["vectors"][space] = {term: 0.0 for term in broken["vectors"][space]}
    restored = Clusterer.from_state(state)
    restored.add_many(synthetic_stream(40, per_day=10)[20:])
    assert restored.active_ids()
