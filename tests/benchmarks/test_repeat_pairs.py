"""The repeat-pair study's pairing and ranking, on invented digests (no shared data needed)."""

from __future__ import annotations

from typing import Any

from benchmarks.repeat_pairs import Pair, pairs, ranks


def _item(article: str, story_id: int) -> dict[str, Any]:
    return {"headline": article, "summary": [], "language": "nl", "story_id": story_id, "is_update": False,
            "sources": [{"article_id": int(article), "external_id": article}]}


def test_pairs_are_one_readers_items_of_two_volg_stories_within_the_sent_window() -> None:
    story_of = {"1": "e1", "2": "e1", "3": "e2", "4": "e1", "5": "e1"}
    digests = [
        {"topic": "a", "scheduled_at": "2019-03-01T08:00:00Z", "items": [_item("1", 10), _item("2", 10)]},
        {"topic": "b", "scheduled_at": "2019-03-01T09:00:00Z", "items": [_item("5", 12)]},  # another reader
        {"topic": "a", "scheduled_at": "2019-03-02T08:00:00Z", "items": [_item("3", 11), _item("99", 13)]},
        {"topic": "a", "scheduled_at": "2019-03-20T08:00:00Z", "items": [_item("4", 14)]},  # over a week later
    ]
    found = {(p.later["headline"], p.earlier["headline"], p.same) for p in pairs(digests, story_of)}
    # not 2 with 1 (one volg story), nor 99 (no label), nor 4 with anything (the earlier items are too old)
    assert found == {("3", "1", False), ("3", "2", False)}


def test_ranks_put_the_other_pairs_first_on_a_tie() -> None:
    def pair(same: bool, score: float) -> Pair:
        return Pair(same, "a", {"score": score}, {})

    found = [pair(False, 0.9), pair(True, 0.5), pair(False, 0.5), pair(True, 0.1)]
    assert ranks(found, lambda p: p.later["score"]) == {"same_ranks": [2, 3], "others_above": [2, 2]}
