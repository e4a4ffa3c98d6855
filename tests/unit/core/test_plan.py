"""Plans: weeks counted in the patient's calendar, right across midnight, time zones and DST."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from pfrelax.core.plan import (
    Assignment,
    PlanEntry,
    PlanSchedule,
    WeekSummary,
    describe_entry,
    parse_plan_entry,
    today_in,
    today_line,
    week_line,
)

NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
DAILY = tuple(range(7))

RELEASE = PlanEntry("pf-release-10", (1, 2, 3, 4), DAILY, 2, "Morning, and before bed.")
SIGHS = PlanEntry("cyclic-sighing", (3, 4), (0, 2, 4), 1, "")


def at_utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# -- parsing ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("weeks", "expected"),
    [("1-4", (1, 2, 3, 4)), ("3", (3,)), (3, (3,)), ([5, 1, 2, 2], (1, 2, 5)), (" 2 – 3 ", (2, 3))],
)
def test_weeks_are_written_as_a_range_a_week_or_a_list(
    weeks: object, expected: tuple[int, ...]
) -> None:
    entry, problems = parse_plan_entry({"session": "a", "weeks": weeks})
    assert problems == []
    assert entry is not None
    assert entry.weeks == expected


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ("daily", DAILY),
        ("weekdays", (0, 1, 2, 3, 4)),
        ("weekends", (5, 6)),
        (["fri", "Mon", "wednesday"], (0, 2, 4)),
    ],
)
def test_days_are_daily_weekdays_or_named(days: object, expected: tuple[int, ...]) -> None:
    entry, _ = parse_plan_entry({"session": "a", "weeks": "1", "days": days})
    assert entry is not None
    assert entry.days == expected


def test_an_entry_defaults_to_once_a_day_every_day() -> None:
    entry, _ = parse_plan_entry({"session": "a", "weeks": "1-2"})
    assert entry == PlanEntry("a", (1, 2), DAILY, 1, "")


def test_every_problem_of_an_entry_is_reported() -> None:
    entry, problems = parse_plan_entry(
        {"weeks": "0-60", "days": ["mon", 3], "times_per_day": 0, "note": 5}
    )
    assert entry is None
    assert problems == [
        ((), "missing required key 'session'; name a session id from this pack"),
        (("weeks",), "week 0 is before the plan starts; weeks count from 1"),
        (("weeks",), "week 53 is past week 52, the longest a plan runs"),
        (("days", 1), "3 is not a day; use mon, tue, wed, thu, fri, sat or sun"),
        (("times_per_day",), "0 is outside 1–6 times a day"),
        (("note",), "expected text"),
    ]


def test_weeks_in_a_shape_it_does_not_know_say_what_it_expects() -> None:
    _, problems = parse_plan_entry({"session": "a", "weeks": "first four"})
    assert problems == [
        (
            ("weeks",),
            '\'first four\' is not a week ("3"), a range of weeks ("1-4") or a list of weeks '
            "([1, 2, 5])",
        )
    ]


# -- the schedule -----------------------------------------------------------------------------
def test_week_one_is_the_start_day_and_the_six_after_it() -> None:
    plan = PlanSchedule([RELEASE], date(2026, 11, 26))  # a Thursday
    assert plan.week_of(date(2026, 11, 25)) is None
    assert plan.week_of(date(2026, 11, 26)) == 1
    assert plan.week_of(date(2026, 12, 2)) == 1
    assert plan.week_of(date(2026, 12, 3)) == 2
    assert plan.week_days(date(2026, 11, 30))[0] == date(2026, 11, 26)


def test_assignments_follow_weeks_and_weekdays() -> None:
    plan = PlanSchedule([RELEASE, SIGHS], date(2026, 11, 2))  # a Monday
    assert plan.assigned_on(date(2026, 11, 2)) == [
        Assignment("pf-release-10", 2, "Morning, and before bed.")
    ]
    week_three_monday = date(2026, 11, 16)
    assert [a.session_id for a in plan.assigned_on(week_three_monday)] == [
        "pf-release-10",
        "cyclic-sighing",
    ]
    assert [a.session_id for a in plan.assigned_on(date(2026, 11, 17))] == ["pf-release-10"]
    assert plan.assigned_on(date(2026, 11, 30)) == []  # week 5: the plan is over
    assert plan.is_over(date(2026, 11, 30))
    assert plan.assigned_on(date(2026, 11, 1)) == []  # before the start


def test_two_entries_for_one_session_on_one_day_add_up() -> None:
    evening = PlanEntry("pf-release-10", (1,), DAILY, 1, "Before bed.")
    plan = PlanSchedule([RELEASE, evening], date(2026, 11, 2))
    assert plan.assigned_on(date(2026, 11, 2)) == [
        Assignment("pf-release-10", 3, "Morning, and before bed.; Before bed.")
    ]


def test_today_is_the_patients_calendar_day_not_utc() -> None:
    # 03:30 UTC on the 9th is still the evening of the 8th in New York.
    assert today_in(NEW_YORK, lambda: at_utc(2026, 3, 9, 3, 30)) == date(2026, 3, 8)
    assert today_in(LONDON, lambda: at_utc(2026, 3, 9, 3, 30)) == date(2026, 3, 9)
    assert today_in(ZoneInfo("Pacific/Auckland"), lambda: at_utc(2026, 3, 8, 12)) == date(
        2026, 3, 9
    )


def test_a_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        today_in(NEW_YORK, lambda: datetime(2026, 3, 8, 12))


@pytest.mark.parametrize(
    ("moment", "day", "week"),
    [
        # Spring forward in New York: 2026-03-08 02:00 EST becomes 03:00 EDT.
        (at_utc(2026, 3, 8, 6, 59), date(2026, 3, 8), 1),  # 01:59 EST
        (at_utc(2026, 3, 8, 7, 0), date(2026, 3, 8), 1),  # 03:00 EDT
        (at_utc(2026, 3, 9, 3, 59), date(2026, 3, 8), 1),  # 23:59 EDT, last minute of week 1
        (at_utc(2026, 3, 9, 4, 0), date(2026, 3, 9), 2),  # 00:00 EDT, week 2 begins
        # Fall back: 2026-11-01 01:00–02:00 happens twice; both are still Sunday the 1st.
        (at_utc(2026, 11, 1, 5, 30), date(2026, 11, 1), 35),  # 01:30 EDT
        (at_utc(2026, 11, 1, 6, 30), date(2026, 11, 1), 35),  # 01:30 EST
        (at_utc(2026, 11, 2, 4, 59), date(2026, 11, 1), 35),  # 23:59 EST
        (at_utc(2026, 11, 2, 5, 0), date(2026, 11, 2), 36),  # 00:00 EST, a new week
    ],
)
def test_weeks_turn_at_local_midnight_across_us_daylight_saving(
    moment: datetime, day: date, week: int
) -> None:
    plan = PlanSchedule([RELEASE], date(2026, 3, 2))  # a Monday, a week before spring forward
    today = today_in(NEW_YORK, lambda: moment)
    assert (today, plan.week_of(today)) == (day, week)


def test_weeks_turn_at_local_midnight_across_uk_daylight_saving() -> None:
    plan = PlanSchedule([RELEASE], date(2026, 3, 23))  # clocks go forward on Sunday the 29th
    # 23:30 BST on Sunday 29 March is 22:30 UTC: still week 1.
    assert plan.week_of(today_in(LONDON, lambda: at_utc(2026, 3, 29, 22, 30))) == 1
    # 00:30 BST on Monday 30 March is 23:30 UTC on the 29th: week 2, though UTC says Sunday.
    assert plan.week_of(today_in(LONDON, lambda: at_utc(2026, 3, 29, 23, 30))) == 2
    # Clocks go back on Sunday 25 October; 00:30 GMT on Monday 26 October starts week 32.
    assert plan.week_of(today_in(LONDON, lambda: at_utc(2026, 10, 26, 0, 30))) == 32


def test_today_gives_the_assignments_of_the_local_day() -> None:
    plan = PlanSchedule([SIGHS], date(2026, 3, 2))
    # 04:30 UTC on Monday 16 March is 00:30 EDT, a Monday in week 3; an hour earlier is Sunday.
    assert plan.today(NEW_YORK, lambda: at_utc(2026, 3, 16, 4, 30)) == [
        Assignment("cyclic-sighing", 1, "")
    ]
    assert plan.today(NEW_YORK, lambda: at_utc(2026, 3, 16, 3, 30)) == []  # Sunday evening


# -- summaries and words ----------------------------------------------------------------------
def test_a_week_summary_counts_days_practised_and_sessions_done_up_to_today() -> None:
    plan = PlanSchedule([RELEASE], date(2026, 11, 2))
    done = {
        date(2026, 11, 2): {"pf-release-10": 2},
        date(2026, 11, 3): {"pf-release-10": 3},  # an extra one counts as the two assigned
        date(2026, 11, 5): {"something-else": 1},
    }
    assert plan.week_summary(date(2026, 11, 5), done) == WeekSummary(
        week=1,
        days_practised=3,
        days_assigned_so_far=4,
        days_assigned=7,
        sessions_done=4,
        sessions_assigned=8,
    )


def test_the_words_are_gentle_and_never_count_what_was_missed() -> None:
    assert today_line("Pelvic floor release", 1, 2) == "Pelvic floor release — 1 of 2 today"
    assert today_line("Pelvic floor release", 3, 2) == "Pelvic floor release — 3 today (2 planned)"
    summary = WeekSummary(2, 4, 7, 7, 6, 14)
    assert week_line(summary) == "You practised 4 of 7 days this week — that counts."
    assert week_line(WeekSummary(2, 1, 1, 7, 1, 2)) == (
        "You practised 1 of 1 day this week — that counts."
    )
    assert week_line(WeekSummary(2, 0, 3, 7, 0, 6)) == (
        "A new week of practice — a few slow breaths today counts."
    )


def test_an_entry_is_described_in_plain_words() -> None:
    assert describe_entry(RELEASE) == "Weeks 1–4, every day, twice a day. Morning, and before bed."
    assert describe_entry(SIGHS) == "Weeks 3–4, on Mon, Wed and Fri, once a day"
    scattered = PlanEntry("a", (1, 2, 5), (5, 6), 3)
    assert describe_entry(scattered) == "Weeks 1–2 and 5, at weekends, 3 times a day"
    assert describe_entry(PlanEntry("a", (3,), (0, 1, 2, 3, 4), 1)) == (
        "Week 3, on weekdays, once a day"
    )
