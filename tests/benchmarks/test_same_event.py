"""The same-event benchmark's scoring: pairwise scores, pairs by kind and the attach-to-news ceiling."""

from benchmarks.same_event import attached_to_news, by_kind, mean_scores, pairwise

# three events: a report and a column on a flood (e1), two columns on one vote (e2), a lone report (e3)
GOLD = {"flood-report": "e1", "flood-column": "e1", "vote-column-a": "e2", "vote-column-b": "e2", "fire": "e3"}
NEWS = {"flood-report", "fire"}


def test_pairwise_counts_the_pairs_of_one_story() -> None:
    found = {"flood-report": "s1", "flood-column": "s1", "vote-column-a": "s2", "vote-column-b": "s3", "fire": "s1"}
    scores = pairwise(GOLD, found)
    assert (scores["pairs_gold"], scores["pairs_found"], scores["pairs_right"]) == (2, 3, 1)
    assert scores["precision"] == round(1 / 3, 4) and scores["recall"] == 0.5


def test_by_kind_says_where_recall_is_lost() -> None:
    found = {"flood-report": "s1", "flood-column": "s1", "vote-column-a": "s2", "vote-column-b": "s3", "fire": "s4"}
    assert by_kind(GOLD, found, NEWS) == {"both": {"gold": 0, "found": 0}, "one": {"gold": 1, "found": 1},
                                          "neither": {"gold": 1, "found": 0}}  # fmt: skip


def test_ceiling_moves_other_articles_to_their_events_news_story_only() -> None:
    found = {"flood-report": "s1", "flood-column": "s9", "vote-column-a": "s9", "vote-column-b": "s2", "fire": "s3"}
    moved = attached_to_news(GOLD, found, NEWS)
    assert moved["flood-column"] == "s1"  # beside its event's report
    assert moved["vote-column-a"] == "alone:vote-column-a"  # its event has no news: the ceiling groups no columns
    assert moved["flood-report"] == "s1" and moved["fire"] == "s3"  # news stays where volg put it
    assert pairwise(GOLD, moved)["recall"] == 0.5


def test_mean_scores_average_each_kind() -> None:
    one = {"precision": 1.0, "recall": 0.5, "f1": 0.7}
    other = {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    scores = {"a": {"all": one, "news": one, "ceiling": one}, "b": {"all": other, "news": one, "ceiling": other}}
    assert mean_scores(scores)["all"] == {"precision": 0.75, "recall": 0.5, "f1": 0.6}
