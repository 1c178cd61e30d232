"""Inputs the property tests (test_*_properties.py) found to break the clusterer, kept as plain regression tests."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from volg.models import Passage
from volg.pipeline.cluster.assign import Clusterer
from volg.pipeline.cluster.features import extract
from volg.pipeline.cluster.tuning import ClusterSettings


def headline(article_id: int, language: str, when: datetime, title: str = "Mark Rutte") -> Passage:
    return Passage(article_id, 0, "Continental Wire", language, when, title, (), ("Mark Rutte", "Rutte"), ())


def test_a_run_of_thousands_of_digits_is_a_number_like_any_other() -> None:
    """A text with a run of 5000 digits (an ID, a hash, a broken table) crashed the clusterer: int() refuses to
    convert more than 4300 digits."""
    digits = "9" * 5000
    at = datetime(2031, 3, 3, 8, 0, tzinfo=UTC)
    passage = Passage(1, 0, "Daily Herald", "en", at, "Flood", (f"Water rose by {digits} metres.",), (), ())
    assert extract(passage, ClusterSettings()).spaces["e"] == {f"#{digits}": 1.0}
    assert Clusterer().add(passage).created
    other_scripts = Passage(2, 0, "Daily Herald", "en", at, "", ("١٢٣ and 1.400 and 007 and 3,20",), (), ())
    assert extract(other_scripts, ClusterSettings()).spaces["e"] == {"#123": 1.0, "#1400": 1.0, "#3.2": 1.0}

def test_a_story_that_absorbs_a_later_one_expires_after_the_later_ones_last_passage() -> None:
    """Four headlines "Mark Rutte" (English, German, Dutch, Dutch), the last two late: the Dutch one of 08:00 joins
    the English story of 04:00 and merges into it the story that ran until the next day 10:00. The merged story
    never left the window (its expiry was filed under its old latest passage), while a clusterer restored from its
    state dropped it on time: the two went on differently."""
    day = datetime(2031, 3, 3, tzinfo=UTC)
    told = [headline(1, "en", day + timedelta(hours=4)), headline(2, "de", day + timedelta(hours=34)),
            headline(3, "nl", day + timedelta(hours=28)), headline(5, "nl", day + timedelta(hours=8))]  # fmt: skip
    clusterer = Clusterer()
    assignments = [clusterer.add(p) for p in told]
    assert assignments[-1].merged  # the late headline merged two stories
    restored = Clusterer.from_state(json.loads(json.dumps(clusterer.to_state())))
    quiet = Passage(9, 0, "", "en", day + timedelta(hours=34 + 96 + 1), "", (), (), ())
    started = clusterer.add(quiet)
    assert restored.add(quiet) == started and started.created
    assert clusterer.active_ids() == restored.active_ids() == [started.story_id]  # the others expired
    assert clusterer.to_state() == restored.to_state()
