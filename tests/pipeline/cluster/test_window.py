"""Work per passage stays flat as the archive grows: counted operations, never time."""

import random
from datetime import UTC, datetime, timedelta

from volg.models import Passage
from volg.pipeline.cluster.assign import Clusterer

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
