"""Today's content: which sessions are due and what counts as done, across DST and midnight."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from pfrelax.core.plan import PlanEntry
from pfrelax.core.today import (
    PackPlan,
    PlanSession,
    Practice,
    build_day,
    build_today,
    day_start,
    local_day,
    next_local_midnight,
    practice_window,
    run_counts,
    week_totals_words,
)

NEW_YORK = ZoneInfo("America/New_York")  # clocks go back 2026-11-01 02:00 → 01:00
LONDON = ZoneInfo("Europe/London")  # clocks go back 2026-10-25 02:00 → 01:00
DAILY = (0, 1, 2, 3, 4, 5, 6)


def release_plan(
    started: date | None = date(2026, 10, 26),
    days: tuple[int, ...] = DAILY,
    pack_id: str = "riverside.release",
) -> PackPlan:
    return PackPlan(
        pack_id=pack_id,
        title="Release — phase 1",
        author="Alex Rivera, PT",
        message="Practise gently.",
        entries=(PlanEntry("pf-release", (1, 2, 3, 4), days, 2, "Morning, and before bed."),),
        sessions=(
            PlanSession("pf-release", "Pelvic floor release", f"{pack_id}/pf-release", 600_000),
        ),
        started=started,
    )


def run(
    at: datetime, *, seconds: int = 600, completed: bool = True, pack_id: str = "riverside.release"
) -> Practice:
    return Practice(pack_id, "pf-release", at, seconds, completed)


def local(zone: ZoneInfo, *fields: int, fold: int = 0) -> datetime:
    """A wall-clock time in `zone`: local(zone, year, month, day, hour, minute, second)."""
    year, month, day, hour, minute, second = (*fields, 0, 0, 0)[:6]
    return datetime(year, month, day, hour, minute, second, tzinfo=zone, fold=fold)


# -- midnight and daylight saving -----------------------------------------------------------
def test_next_midnight_on_the_night_new_york_falls_back_is_25_hours_after_the_last() -> None:
    first = next_local_midnight(local(NEW_YORK, 2026, 10, 31, 12), NEW_YORK)
    second = next_local_midnight(first, NEW_YORK)
    assert first == datetime(2026, 11, 1, 4, tzinfo=UTC)
    assert second - first == timedelta(hours=25)


def test_next_midnight_in_london_after_the_change_is_in_gmt() -> None:
    assert next_local_midnight(local(LONDON, 2026, 10, 25, 0, 30), LONDON) == datetime(
        2026, 10, 26, 0, tzinfo=UTC
    )
    assert next_local_midnight(local(LONDON, 2026, 10, 24, 23, 59), LONDON) == datetime(
        2026, 10, 24, 23, tzinfo=UTC
    )


def test_a_midnight_that_does_not_exist_starts_the_day_when_the_clocks_jump() -> None:
    santiago = ZoneInfo("America/Santiago")  # 2026-09-06 00:00 → 01:00
    start = day_start(date(2026, 9, 6), santiago)
    assert local_day(start, santiago) == date(2026, 9, 6)
    assert local_day(start - timedelta(seconds=1), santiago) == date(2026, 9, 5)


def test_a_run_in_the_repeated_hour_belongs_to_the_day_it_happened() -> None:
    first = local(NEW_YORK, 2026, 11, 1, 1, 30, fold=0)  # EDT
    second = local(NEW_YORK, 2026, 11, 1, 1, 30, fold=1)  # EST, an hour later
    plan = release_plan()
    day = build_day(plan, [run(first), run(second)], date(2026, 11, 1), NEW_YORK)
    assert [r.line for r in day.rows] == ["Pelvic floor release — 2 of 2 today"]


def test_a_run_just_before_midnight_counts_for_that_day_not_the_next() -> None:
    plan = release_plan(started=date(2026, 10, 19))
    before = local(LONDON, 2026, 10, 24, 23, 59, 59)
    after = local(LONDON, 2026, 10, 25, 0, 0, 1)
    saturday = build_day(plan, [run(before), run(after)], date(2026, 10, 24), LONDON)
    sunday = build_day(plan, [run(before), run(after)], date(2026, 10, 25), LONDON)
    assert saturday.rows[0].done == 1
    assert sunday.rows[0].done == 1


def test_a_run_is_counted_on_the_patients_local_day_not_the_utc_day() -> None:
    late_evening = datetime(2026, 10, 29, 3, 30, tzinfo=UTC)  # 23:30 on the 28th in New York
    day = build_day(release_plan(), [run(late_evening)], date(2026, 10, 28), NEW_YORK)
    assert day.rows[0].done == 1


# -- what counts -----------------------------------------------------------------------------
@pytest.mark.parametrize(("completed", "counts"), [(True, True), (False, False)])
def test_only_a_completed_run_counts_as_done(completed: bool, counts: bool) -> None:
    at = datetime(2026, 10, 27, 12, tzinfo=UTC)
    assert run_counts(Practice("p", "s", at, 590, completed)) is counts


def test_a_partial_run_is_shown_beside_the_count_with_its_minutes() -> None:
    at = local(NEW_YORK, 2026, 10, 27, 9)
    practice = [run(at, seconds=130, completed=False), run(at, seconds=10, completed=False)]
    day = build_day(release_plan(), practice, date(2026, 10, 27), NEW_YORK)
    assert day.rows[0].done == 0
    assert day.rows[0].partial == 2
    assert day.rows[0].line == "Pelvic floor release — 0 of 2 today · 2 partial (2 minutes)"
    assert day.totals_line == "This week: 0 sessions, 2 partial, 2 minutes"


def test_runs_of_the_same_session_in_another_pack_or_the_library_do_not_count() -> None:
    at = local(NEW_YORK, 2026, 10, 27, 9)
    practice = [run(at, pack_id="someone.else"), Practice(None, "pf-release", at, 600, True)]
    day = build_day(release_plan(), practice, date(2026, 10, 27), NEW_YORK)
    assert day.rows[0].line == "Pelvic floor release — 0 of 2 today"


def test_more_than_planned_is_shown_without_judgement() -> None:
    at = local(NEW_YORK, 2026, 10, 27, 9)
    day = build_day(release_plan(), [run(at)] * 3, date(2026, 10, 27), NEW_YORK)
    assert day.rows[0].line == "Pelvic floor release — 3 today (2 planned)"


# -- the week ----------------------------------------------------------------------------------
def test_the_week_tallies_sessions_minutes_and_days_practised_gently() -> None:
    plan = release_plan()
    practice = [
        run(local(NEW_YORK, 2026, 10, 26, 8)),
        run(local(NEW_YORK, 2026, 10, 26, 21)),
        run(local(NEW_YORK, 2026, 10, 28, 8), seconds=120, completed=False),  # 2 min, not done
        run(local(NEW_YORK, 2026, 10, 30, 8)),
        run(local(NEW_YORK, 2026, 10, 25, 8)),  # the day before the plan: another week
    ]
    day = build_day(plan, practice, date(2026, 11, 1), NEW_YORK)
    assert day.week_label == "Week 1 of 4"
    assert day.totals_line == "This week: 3 sessions, 1 partial, 32 minutes"
    assert day.days_line == "You practised 3 of 7 days this week — that counts."


def test_a_new_week_starts_on_the_plan_weekday_with_kind_words() -> None:
    practice = [run(local(NEW_YORK, 2026, 10, 30, 8))]
    day = build_day(release_plan(), practice, date(2026, 11, 2), NEW_YORK)
    assert day.week_label == "Week 2 of 4"
    assert day.totals_line == ""
    assert day.days_line == "A new week of practice — a few slow breaths today counts."


def test_week_totals_words_use_singular_and_plural() -> None:
    assert week_totals_words(1, 1) == "This week: 1 session, 1 minute"
    assert week_totals_words(6, 48) == "This week: 6 sessions, 48 minutes"
    assert week_totals_words(0, 1, 1) == "This week: 0 sessions, 1 partial, 1 minute"
    assert week_totals_words(0, 0) == ""


# -- plan states -------------------------------------------------------------------------------
def test_weekday_plan_on_a_saturday_says_rest_is_part_of_the_plan() -> None:
    plan = release_plan(days=(0, 1, 2, 3, 4))
    day = build_day(plan, [], date(2026, 10, 31), NEW_YORK)
    assert day.rows == ()
    assert day.status_line == "Nothing is planned for today. Rest is part of the plan."


def test_a_plan_not_started_shows_the_plan_in_words() -> None:
    day = build_day(release_plan(started=None), [], date(2026, 10, 31), NEW_YORK)
    assert day.state == "not_started"
    assert day.plan_lines == (
        "Pelvic floor release — Weeks 1–4, every day, twice a day. Morning, and before bed.",
    )


def test_a_finished_plan_keeps_its_sessions_without_counting() -> None:
    day = build_day(release_plan(), [], date(2026, 11, 23), NEW_YORK)
    assert day.state == "finished"
    assert [r.line for r in day.rows] == ["Pelvic floor release"]
    assert "all 4 weeks" in day.status_line


def test_a_start_day_after_today_waits_for_it() -> None:
    day = build_day(release_plan(started=date(2026, 10, 28)), [], date(2026, 10, 27), NEW_YORK)
    assert day.state == "upcoming"
    assert day.status_line == "Your plan starts on Wednesday 28 October."


def test_started_plans_come_first_then_plans_not_started() -> None:
    plans = [
        release_plan(started=None, pack_id="a.later"),
        release_plan(pack_id="b.now"),
        PackPlan("c.empty", "No plan", "PT", "", (), (), None),
    ]
    days = build_today(plans, [], date(2026, 10, 27), NEW_YORK)
    assert [(d.pack_id, d.state) for d in days] == [("b.now", "active"), ("a.later", "not_started")]


def test_practice_window_covers_every_current_plan_week_up_to_today() -> None:
    plans = [release_plan(date(2026, 10, 26)), release_plan(date(2026, 10, 20)), release_plan(None)]
    assert practice_window(plans, date(2026, 10, 29)) == (date(2026, 10, 26), date(2026, 10, 29))
    assert practice_window([release_plan(None)], date(2026, 10, 29)) is None


def test_a_dilator_entrys_suggested_sizes_show_beside_its_note_on_the_day() -> None:
    base = release_plan(started=date(2026, 11, 2))  # a Monday
    practice = PlanEntry("practice", (1,), (0, 2), 1, "After the release.", ("1", "2"))
    again = PlanEntry("practice", (1,), (0,), 1, "", ("2", "3"))
    plan = replace(
        base,
        entries=(*base.entries, practice, again),
        sessions=(*base.sessions, PlanSession("practice", "Practice", "r/practice")),
    )
    monday = build_day(plan, [], date(2026, 11, 2), UTC)
    notes = {row.session_id: row.note for row in monday.rows}
    assert notes["practice"] == (
        "After the release. · Suggested sizes: 1, 2, 3 — only as far as feels OK"
    )
    assert notes["pf-release"] == "Morning, and before bed."  # no sizes, nothing added
    wednesday = build_day(plan, [], date(2026, 11, 4), UTC)
    assert {r.session_id: r.note for r in wednesday.rows}["practice"] == (
        "After the release. · Suggested sizes: 1, 2 — only as far as feels OK"
    )
