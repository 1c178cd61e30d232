"""Rare words of a topic's items, compounds' parts, and the days an item names."""

from __future__ import annotations

from datetime import date

from volg.pipeline.compose.rarity import Rarity, named_days
from volg.pipeline.develop.facts import stems


def words(text: str, language: str = "nl") -> frozenset[str]:
    return frozenset(stems(text, language))


TOPIC = [words(text) for text in (
    "Jansen wint de verkiezingen in Overijssel.",
    "Partij van Jansen wil gesprekken met de provincie.",
    "Jansen noemt de uitslag historisch.",
    "Klimaatdemonstratie trekt veel jongeren in Zwolle.",
    "Boeren protesteren bij het provinciehuis van Jansen.",
)]


def test_a_word_every_item_of_the_topic_has_weighs_nothing_and_a_rare_one_weighs_much():
    rarity = Rarity(TOPIC)
    (jansen,) = words("Jansen")
    (zwolle,) = words("Zwolle")
    assert rarity.weight(jansen, compounds=True) < 0.5 < 1.0 < rarity.weight(zwolle, compounds=True)


def test_in_dutch_a_compound_shares_its_head_and_in_english_it_does_not():
    rarity = Rarity(TOPIC)
    glued, apart = words("klimaatdemonstratie"), words("demonstratie")
    assert rarity.shared(glued, apart, "nl") > 1.0
    assert rarity.shared(glued, apart, "en") == 0.0
    assert rarity.shared(words("Jansen"), words("Jansen"), "nl") < 0.5  # the topic's leader: no evidence


def test_the_days_an_item_names_are_those_up_to_the_day_it_came_in():
    monday = date(2026, 11, 16)
    assert named_days("Duizenden demonstreerden zaterdagmiddag in Zwolle.", monday) == {date(2026, 11, 14)}
    assert named_days("Thousands marched yesterday in Leeds.", monday) == {date(2026, 11, 15)}
    assert named_days("Op 20 november stemt de raad.", monday) == frozenset()  # ahead: no event yet
    assert named_days("Jansen noemt de uitslag historisch.", monday) == frozenset()
