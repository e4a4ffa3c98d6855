"""Reminder times: parsing, quiet hours, and the next reminder across midnight and DST."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from pfrelax.core.reminders import (
    QuietHours,
    ReminderTimeError,
    in_quiet_hours,
    next_reminder,
    parse_times,
)

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def test_times_are_parsed_sorted_and_once_each() -> None:
    assert parse_times("19:30, 08:00,19:30") == (time(8, 0), time(19, 30))


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("8.30", "write it as HH:MM"),
        ("24:00", "00:00 to 23:59"),
        ("07:60", "00:00 to 23:59"),
        (" , ", "no time given"),
        ("1:00,2:00,3:00,4:00,5:00,6:00,7:00", "more than 6"),
    ],
)
def test_bad_times_say_how_to_write_them(text: str, says: str) -> None:
    with pytest.raises(ReminderTimeError, match=says):
        parse_times(text)


def test_the_next_reminder_is_the_next_chosen_time_today() -> None:
    times = (time(8, 30), time(19, 0))
    found = next_reminder(times, berlin(2026, 5, 4, 9, 0), BERLIN)
    assert found == berlin(2026, 5, 4, 19, 0)
    assert found is not None
    assert found.tzinfo is UTC


def test_after_the_last_time_the_next_is_tomorrow_morning() -> None:
    times = (time(8, 30), time(19, 0))
    assert next_reminder(times, berlin(2026, 5, 4, 19, 0), BERLIN) == berlin(2026, 5, 5, 8, 30)


def test_a_reminder_in_quiet_hours_is_skipped() -> None:
    times = (time(6, 30), time(12, 0))
    quiet = QuietHours(time(22, 0), time(7, 0))  # over midnight
    assert next_reminder(times, berlin(2026, 5, 4, 1, 0), BERLIN, quiet) == berlin(2026, 5, 4, 12)


def test_every_time_quiet_means_no_reminder_at_all() -> None:
    quiet = QuietHours(time(6, 0), time(9, 0))
    assert next_reminder((time(7, 0),), berlin(2026, 5, 4, 1, 0), BERLIN, quiet) is None
    assert next_reminder((), berlin(2026, 5, 4, 1, 0), BERLIN) is None


@pytest.mark.parametrize(
    ("clock", "inside"),
    [(time(21, 59), False), (time(22, 0), True), (time(3, 0), True), (time(7, 0), False)],
)
def test_quiet_hours_over_midnight(clock: time, inside: bool) -> None:
    quiet = QuietHours(time(22, 0), time(7, 0))
    moment = datetime.combine(datetime(2026, 5, 4).date(), clock, tzinfo=BERLIN)
    assert in_quiet_hours(moment, quiet, BERLIN) is inside


def test_equal_start_and_end_turn_quiet_hours_off() -> None:
    assert not in_quiet_hours(berlin(2026, 5, 4, 3), QuietHours(time(0), time(0)), BERLIN)


def test_quiet_hours_are_read_on_the_local_clock() -> None:
    quiet = QuietHours(time(22, 0), time(7, 0))
    late_in_berlin = datetime(2026, 5, 4, 21, 30, tzinfo=UTC)  # 23:30 in Berlin
    assert in_quiet_hours(late_in_berlin, quiet, BERLIN)
    assert not in_quiet_hours(late_in_berlin, quiet, UTC)


def test_the_wall_clock_time_holds_across_the_spring_change() -> None:
    """Clocks go forward on 29 March 2026: 08:30 is still 08:30, one hour less after UTC."""
    before = next_reminder((time(8, 30),), berlin(2026, 3, 28, 9, 0), BERLIN)
    assert before == datetime(2026, 3, 29, 6, 30, tzinfo=UTC)  # 08:30 CEST
    assert before is not None
    assert before.astimezone(BERLIN).time() == time(8, 30)


def test_a_time_inside_the_spring_gap_moves_forward_by_the_gap() -> None:
    found = next_reminder((time(2, 30),), berlin(2026, 3, 29, 0, 0), BERLIN)
    assert found is not None
    assert found.astimezone(BERLIN).time() == time(3, 30)


def test_a_time_that_happens_twice_in_autumn_fires_once() -> None:
    first = next_reminder((time(2, 30),), berlin(2026, 10, 25, 0, 0), BERLIN)
    assert first == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 CEST, the first one
    after = next_reminder((time(2, 30),), first, BERLIN)
    assert after is not None
    assert after.astimezone(BERLIN).date().day == 26


def test_a_naive_moment_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        next_reminder((time(8),), datetime(2026, 5, 4, 9), BERLIN)
