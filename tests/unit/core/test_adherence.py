"""Adherence per plan week, as the PT report shows it: done against assigned, never inflated."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from pfrelax.core.adherence import adherence_rows
from pfrelax.core.plan import PlanEntry
from pfrelax.core.progress import AdherenceRow
from pfrelax.core.today import PackPlan, PlanSession, Practice

NEW_YORK = ZoneInfo("America/New_York")
DAILY = tuple(range(7))
LATER = date(2026, 12, 31)  # a "today" after every day these tests look at

PLAN = PackPlan(
    pack_id="pt.release",
    title="Release",
    author="Alex",
    message="",
    entries=(PlanEntry("soften", weeks=(1, 2), days=DAILY, times_per_day=2),),
    sessions=(PlanSession("soften", "Soften", "pt.release/soften", 300_000),),
    started=date(2026, 10, 26),  # spans New York's fall-back on 1 November
)


def run(day: int, hour: int, *, completed: bool = True, pack: str = "pt.release") -> Practice:
    started = datetime(2026, 10, day, hour, tzinfo=NEW_YORK).astimezone(UTC)
    return Practice(pack, "soften", started, 300 if completed else 60, completed)


def test_weeks_report_done_against_assigned() -> None:
    practice = [run(26, 8), run(26, 21), run(27, 8), run(31, 23)]
    rows = adherence_rows(
        [PLAN], practice, date(2026, 10, 1), date(2026, 11, 30), NEW_YORK, today=LATER
    )
    assert rows == [
        AdherenceRow("Release", 1, date(2026, 10, 26), 4, 14, date(2026, 11, 1)),
        AdherenceRow("Release", 2, date(2026, 11, 2), 0, 14, date(2026, 11, 8)),
    ]


def test_extra_runs_in_a_day_do_not_inflate_the_week() -> None:
    practice = [run(26, hour) for hour in (7, 9, 11, 13)]
    rows = adherence_rows(
        [PLAN], practice, date(2026, 10, 26), date(2026, 11, 1), NEW_YORK, today=LATER
    )
    assert rows[0].done == 2


def test_short_stopped_runs_and_other_packs_do_not_count() -> None:
    practice = [run(26, 8, completed=False), run(26, 9, pack="someone.else")]
    rows = adherence_rows(
        [PLAN], practice, date(2026, 10, 26), date(2026, 11, 1), NEW_YORK, today=LATER
    )
    assert rows[0].done == 0


def test_a_plan_not_started_has_no_rows() -> None:
    plan = replace(PLAN, started=None)
    assert (
        adherence_rows([plan], [], date(2026, 1, 1), date(2026, 12, 31), NEW_YORK, today=LATER)
        == []
    )


def test_only_weeks_that_overlap_the_range_are_reported() -> None:
    rows = adherence_rows([PLAN], [], date(2026, 11, 3), date(2026, 11, 4), NEW_YORK, today=LATER)
    assert [(row.plan_week, row.week_start, row.last_day) for row in rows] == [
        (2, date(2026, 11, 3), date(2026, 11, 4))
    ]
    assert rows[0].assigned == 4  # two days of the range, twice a day


def test_days_that_have_not_happened_yet_are_not_counted_as_missed() -> None:
    """Regression: in week one the report said "1 of 19", counting the days still to come."""
    tuesday = date(2026, 10, 27)  # the plan started on Monday 26 October
    practice = [run(26, 8), run(27, 8)]
    rows = adherence_rows(
        [PLAN], practice, date(2026, 10, 1), date(2026, 11, 30), NEW_YORK, today=tuesday
    )
    assert rows == [
        AdherenceRow("Release", 1, date(2026, 10, 26), 2, 4, tuesday, so_far=True),
    ]


def test_a_plan_started_midweek_labels_its_weeks_by_their_own_days() -> None:
    plan = replace(PLAN, started=date(2026, 10, 28))  # a Wednesday
    rows = adherence_rows([plan], [], date(2026, 10, 1), date(2026, 11, 30), NEW_YORK, today=LATER)
    assert [(row.week_start, row.last_day) for row in rows] == [
        (date(2026, 10, 28), date(2026, 11, 3)),
        (date(2026, 11, 4), date(2026, 11, 10)),
    ]
