"""Importance separates developments of one outlet: consequences in the lede, length and follow-ups count."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from volg.models import Passage, StoryArticle
from volg.pipeline.develop.detect import StoryPassage
from volg.pipeline.develop.importance import Evidence, score

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def evidence(title: str, lede: str, *, words: int = 250, follow_ups: int = 0) -> Evidence:
    article = StoryArticle(1, None, "https://x.example/1", title, "Rivierbode", AT, "nl")
    passage = StoryPassage(Passage(1, 0, "Rivierbode", "nl", AT, title, (lede,), (), ()), article)
    return Evidence((passage,), first=True, new=(), novelty=0.0, specific=(), lede=f"{title}\n{lede}", words=words,
                    follow_ups=follow_ups)


def test_a_lede_that_names_deaths_and_money_outranks_a_vague_one_of_the_same_outlet() -> None:
    grave, grave_why = score(evidence("Twee doden bij overstroming", "De schade loopt in de miljoenen, zegt de "
                                                                     "burgemeester; 300 bewoners zijn geëvacueerd."))
    vague, _ = score(evidence("Zorgen over de Maas", "Bewoners langs de rivier maken zich zorgen over het water."))
    assert grave > vague
    assert "names deaths, money, evacuations" in grave_why


def test_length_and_follow_ups_spread_otherwise_equal_reports() -> None:
    brief, _ = score(evidence("Dijk verstevigd", "Het waterschap verstevigt de dijk.", words=60))
    report, _ = score(evidence("Dijk verstevigd", "Het waterschap verstevigt de dijk.", words=600))
    followed, why = score(evidence("Dijk verstevigd", "Het waterschap verstevigt de dijk.", words=600, follow_ups=4))
    assert brief < report < followed
    assert "4 follow-ups" in why


@pytest.mark.parametrize(("strong", "weak", "reason"), [
    # a national institution (whole words, in Dutch and English) against a town's
    (("Nieuwe partij stormt de senaat in", "De partij van de lijsttrekker wordt in één klap de grootste nieuwkomer."),
     ("Nieuwe partij de grootste in Dorpsveen", "In het dorp stemde een op de vijf kiezers op de nieuwkomer."),
     "national: senaat"),
    (("Parliament rejects the budget", "Lawmakers voted the spending plan down after a long debate."),
     ("Village fete draws a crowd", "Parliamentary reporters and neighbours came to the green at Little Mill."),
     "national: Parliament"),
    # the day it happened against a timeless lede
    (("Waterschap sluit de dijk af", "Het waterschap sloot dinsdag de dijk bij Venlo af voor fietsers."),
     ("Waterschap sluit de dijk af", "Het waterschap sluit de dijk bij Venlo af als het water stijgt."),
     "names the day"),
])
def test_a_lede_with_the_evidence_outranks_one_of_the_same_outlet_without(
        strong: tuple[str, str], weak: tuple[str, str], reason: str) -> None:
    high, why = score(evidence(*strong))
    low, low_why = score(evidence(*weak))
    assert high > low
    assert reason in why
    assert not any(r.startswith(reason.split(":")[0]) for r in low_why)


def test_a_dutch_compound_of_seats_names_votes() -> None:
    _, why = score(evidence("Partij slikt zetelverlies", "De partij had op meer gerekend."))
    assert "names votes" in why
