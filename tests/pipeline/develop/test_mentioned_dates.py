"""Dates a text refers to, resolved against its publication day (the reference-back signal of a timeline)."""

from __future__ import annotations

from datetime import date

from volg.pipeline.develop.dates import mentioned_dates
from volg.pipeline.develop.facts import hard_facts

PUBLISHED = date(2011, 1, 27)  # a Thursday


def test_explicit_dates_take_the_stated_year_or_the_nearest_one() -> None:
    text = "The war began on 20 March 2003. Talks were held on January 25 , 2011, and again on Dec. 5."
    assert mentioned_dates(text, PUBLISHED) == [date(2003, 3, 20), date(2011, 1, 25), date(2010, 12, 5)]


def test_weekdays_and_relative_days_resolve_against_the_publication_day() -> None:
    text = "Protesters gathered on Tuesday; yesterday the police withdrew, and today and on Thursday they returned."
    assert mentioned_dates(text, PUBLISHED) == [
        date(2011, 1, 25), date(2011, 1, 26), date(2011, 1, 27), date(2011, 1, 27),
    ]


def test_other_languages_and_no_false_dates() -> None:
    assert mentioned_dates("Op 20 maart en op dinsdag", PUBLISHED) == [date(2011, 3, 20), date(2011, 1, 25)]
    assert mentioned_dates("It may 5 times march past; 31 February; 14 doden", PUBLISHED) == []


def test_dates_are_no_facts() -> None:
    assert hard_facts("On March 20 the talks ended.", "en", (), ()) == []


def test_ambiguous_relative_words_are_no_dates() -> None:
    assert mentioned_dates("Hier woont hij, morgen en middag", PUBLISHED) == []
