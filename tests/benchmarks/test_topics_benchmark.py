"""The discovered-topics benchmark's scoring, on invented stories (no shared data needed)."""

from __future__ import annotations

from datetime import UTC, datetime

from benchmarks.topics import score, subject_of

from volg.models import Story, StoryArticle
from volg.pipeline.cluster.topics import DiscoveredTopic

WHEN = datetime(2011, 2, 20, 9, 0, tzinfo=UTC)


def _story(story_id: int, title: str, *folders: str, names: tuple[str, ...] = ()) -> Story:
    articles = tuple(StoryArticle(story_id * 10 + n, f"{folder}/{story_id}{n}", f"https://t17.example/{n}", title,
                                  folder.split("_", 1)[1], WHEN, "en") for n, folder in enumerate(folders))
    return Story(story_id, title, WHEN, WHEN, ("en",), tuple(a.source for a in articles), articles, names)


def test_a_story_is_of_the_subject_most_of_its_articles_come_from() -> None:
    assert subject_of(_story(1, "Gadhafi speaks", "LibyaWar_cnn", "LibyaWar_bbc", "EgyptianProtest_cnn")) == "LibyaWar"


def test_purity_and_the_querys_precision_and_recall_among_all_stories() -> None:
    stories = [
        _story(1, "Gadhafi forces shell Misrata", "LibyaWar_cnn", names=("Gadhafi",)),
        _story(2, "Gadhafi loses Tripoli", "LibyaWar_bbc", names=("Gadhafi",)),
        _story(3, "Mubarak hears of Gadhafi's fall", "EgyptianProtest_cnn", names=("Mubarak", "Gadhafi")),
        _story(4, "Rebels take Brega", "LibyaWar_reuters"),
    ]
    topic = DiscoveredTopic("Gadhafi", "gadhafi", (1, 2, 3), (), ("Gadhafi",), (), WHEN, WHEN)
    figures = score([topic], stories)
    (row,) = figures["per_topic"]
    assert (row["subject"], row["stories"], row["purity"]) == ("LibyaWar", 3, round(2 / 3, 4))
    assert row["query"] == "Gadhafi" and row["query_terms"] == 1
    assert row["query_precision"] == round(2 / 3, 4)  # the query finds 1, 2 and 3; 3 is Egypt's
    assert row["query_recall"] == round(2 / 3, 4)  # of Libya's three stories it finds two (not Brega)
    assert figures["stories_in_topics"] == 0.75 and figures["topics"] == 1
