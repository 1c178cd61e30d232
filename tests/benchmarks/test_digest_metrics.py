"""The digest benchmark's metrics, on invented digests (no shared data needed)."""

from __future__ import annotations

from benchmarks.digest import ScoredItem, coverage, largest, majority_gold, repeats


def test_majority_gold_takes_the_most_cited_story_and_ignores_unknown_ids() -> None:
    gold_of = {"1": "a", "2": "b", "3": "b", "4": "a"}
    assert majority_gold(["1", "2", "3", None, "99"], gold_of) == "b"
    assert majority_gold(["1", "2"], gold_of) == "a"  # a tie goes to the smallest story id
    assert majority_gold([None, "99"], gold_of) is None


def test_a_story_again_is_a_repeat_unless_it_is_an_update_with_new_information() -> None:
    digests = [
        [ScoredItem("a", False), ScoredItem("b", False)],
        [ScoredItem("a", False), ScoredItem("b", True), ScoredItem("c", False)],
        [ScoredItem("c", False), ScoredItem(None, False), ScoredItem(None, False)],
    ]
    assert repeats(digests) == 2  # a in the second digest, c in the third


def test_two_items_of_one_story_in_the_same_digest_are_not_a_repeat() -> None:
    assert repeats([[ScoredItem("a", False), ScoredItem("a", False)]]) == 0


def test_largest_breaks_ties_by_story_id() -> None:
    assert largest(["x", "y", "y", "z", "w"], 2) == ["y", "w"]


def test_coverage_counts_each_windows_largest_stories_shown_in_its_digest() -> None:
    windows = [["a"] * 3 + ["b"] * 2 + ["c"], ["d"]]
    digests = [[ScoredItem("a", False), ScoredItem("c", False)], []]
    assert coverage(windows, digests, n=2) == (1, 3)  # a of {a, b}; nothing of {d}
