"""The schedule: validation, local times to UTC across DST in two zones, gaps, repeats, quiet hours, catch-up."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from volg.errors import InputError
from volg.models import Subscription
from volg.pipeline.compose import due_time, scheduled_times, validate_subscription

AMS = Subscription("x", times=("08:00", "13:00", "19:00"), tz="Europe/Amsterdam")
NYC = Subscription("x", times=("08:00", "13:00", "19:00"), tz="America/New_York")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def day(sub: Subscription, year: int, month: int, d: int) -> list[str]:
    """The UTC hh:mm of the subscription's slots on one UTC-ish day (from 04:00 UTC, 24 hours)."""
    start = utc(year, month, d, 4)
    return [t.strftime("%H:%M") for t in scheduled_times(sub, start, start + timedelta(hours=24))]


@pytest.mark.parametrize(
    ("sub", "date", "expected"),
    [
        # Amsterdam: CET (+1) until 29 March 2026, CEST (+2) until 25 October 2026
        (AMS, (2026, 3, 28), ["07:00", "12:00", "18:00"]),
        (AMS, (2026, 3, 29), ["06:00", "11:00", "17:00"]),
        (AMS, (2026, 10, 24), ["06:00", "11:00", "17:00"]),
        (AMS, (2026, 10, 25), ["07:00", "12:00", "18:00"]),
        # New York: EST (-5) until 8 March 2026, EDT (-4) until 1 November 2026
        (NYC, (2026, 3, 7), ["13:00", "18:00", "00:00"]),
        (NYC, (2026, 3, 8), ["12:00", "17:00", "23:00"]),
        # between the US and the EU change, the gap between the two readers is 5 hours, not 6
        (NYC, (2026, 3, 20), ["12:00", "17:00", "23:00"]),
        (AMS, (2026, 3, 20), ["07:00", "12:00", "18:00"]),
        (NYC, (2026, 10, 31), ["12:00", "17:00", "23:00"]),
        (NYC, (2026, 11, 1), ["13:00", "18:00", "00:00"]),
    ],
)
def test_local_times_become_the_right_utc_instants(sub, date, expected):
    assert day(sub, *date) == expected


def test_instants_are_utc_sorted_and_in_the_half_open_range():
    slots = scheduled_times(AMS, utc(2026, 3, 28, 7), utc(2026, 3, 29, 11))
    assert slots == [utc(2026, 3, 28, 12), utc(2026, 3, 28, 18), utc(2026, 3, 29, 6), utc(2026, 3, 29, 11)]
    assert all(s.tzinfo is UTC for s in slots)


def test_spring_gap_time_goes_out_when_the_gap_ends():
    # 29 March 2026 Amsterdam: 02:00 → 03:00; 02:30 does not exist, it is sent at 03:00 CEST = 01:00 UTC
    sub = Subscription("x", times=("02:30",), tz="Europe/Amsterdam")
    slots = scheduled_times(sub, utc(2026, 3, 28, 12), utc(2026, 3, 30, 12))
    assert slots == [utc(2026, 3, 29, 1), utc(2026, 3, 30, 0, 30)]
    # 8 March 2026 New York: 02:00 → 03:00 EDT = 07:00 UTC
    sub = Subscription("x", times=("02:15",), tz="America/New_York")
    assert scheduled_times(sub, utc(2026, 3, 8, 0), utc(2026, 3, 9, 0)) == [utc(2026, 3, 8, 7)]


def test_two_times_in_one_gap_give_one_instant():
    sub = Subscription("x", times=("02:00", "02:30"), tz="Europe/Amsterdam")
    assert scheduled_times(sub, utc(2026, 3, 29, 0), utc(2026, 3, 29, 6)) == [utc(2026, 3, 29, 1)]


def test_autumn_repeated_time_goes_out_once_at_its_first_occurrence():
    # 25 October 2026 Amsterdam: 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET)
    sub = Subscription("x", times=("02:30",), tz="Europe/Amsterdam")
    assert scheduled_times(sub, utc(2026, 10, 24, 12), utc(2026, 10, 25, 12)) == [utc(2026, 10, 25, 0, 30)]
    # 1 November 2026 New York: 01:30 EDT = 05:30 UTC, then 01:30 EST = 06:30 UTC
    sub = Subscription("x", times=("01:30",), tz="America/New_York")
    assert scheduled_times(sub, utc(2026, 11, 1, 0), utc(2026, 11, 2, 0)) == [utc(2026, 11, 1, 5, 30)]


def test_quiet_hours_leave_times_out_also_across_midnight():
    sub = Subscription("x", times=("06:30", "08:00", "13:00", "23:00"), tz="Europe/Amsterdam", quiet=("22:00", "07:00"))
    assert [t.strftime("%H:%M") for t in scheduled_times(sub, utc(2026, 6, 1, 0), utc(2026, 6, 2, 0))] == [
        "06:00", "11:00"
    ]
    sub = Subscription("x", times=("08:00", "13:00", "19:00"), tz="Europe/Amsterdam", quiet=("12:00", "14:00"))
    assert len(scheduled_times(sub, utc(2026, 6, 1, 0), utc(2026, 6, 2, 0))) == 2


def test_due_time_after_three_days_of_downtime_is_only_the_latest_slot():
    last = utc(2026, 11, 16, 7)  # Monday 08:00 Amsterdam, sent
    now = utc(2026, 11, 19, 15, 20)  # Thursday 16:20 Amsterdam
    assert due_time(AMS, last, now) == utc(2026, 11, 19, 12)
    # once that catch-up is sent, nothing is due until 19:00
    assert due_time(AMS, utc(2026, 11, 19, 12), now) is None
    assert due_time(AMS, utc(2026, 11, 19, 12), utc(2026, 11, 19, 18)) == utc(2026, 11, 19, 18)


def test_due_time_without_a_previous_digest_looks_back_24_hours():
    assert due_time(AMS, None, utc(2026, 11, 16, 7, 5)) == utc(2026, 11, 16, 7)
    assert due_time(Subscription("x", times=("08:00",)), None, utc(2026, 11, 16, 6, 59)) == utc(2026, 11, 15, 7)


def test_due_time_none_when_nothing_is_due():
    assert due_time(AMS, utc(2026, 11, 16, 7), utc(2026, 11, 16, 11, 59)) is None


def test_due_time_needs_aware_times():
    with pytest.raises(ValueError, match="naive"):
        due_time(AMS, None, datetime(2026, 11, 16, 7))


def test_validate_normalises():
    sub = validate_subscription(Subscription("x", times=("19:00", "8:00", "08:00", " 13:00"), quiet=("7:00", "6:30")))
    assert sub.times == ("08:00", "13:00", "19:00")
    assert sub.quiet == ("07:00", "06:30")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"times": ("25:00",)}, 'bad time "25:00"'),
        ({"times": ("08:60",)}, 'bad time "08:60"'),
        ({"times": ("8h",)}, 'bad time "8h"'),
        ({"times": ()}, "at least one time"),
        ({"tz": "Europe/Atlantis"}, 'unknown time zone "Europe/Atlantis"'),
        ({"tz": "../etc/passwd"}, "unknown time zone"),
        ({"max_items": 0}, "from 1 to 50"),
        ({"max_items": 51}, "from 1 to 50"),
        ({"quiet": ("22:00",)}, "two times"),
        ({"quiet": ("22:00", "22:00")}, "must differ"),
        ({"breaking": -1.0}, "breaking"),
    ],
)
def test_validate_rejects_with_one_clear_line(changes, message):
    with pytest.raises(InputError, match=message) as info:
        validate_subscription(Subscription("x", **changes))
    assert "\n" not in str(info.value)
