"""Plan adherence for the PT report: per plan week, sessions done against sessions assigned."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta, tzinfo

from pfrelax.core.plan import PlanSchedule
from pfrelax.core.progress import AdherenceRow
from pfrelax.core.today import PackPlan, Practice, local_day, run_counts


def adherence_rows(
    plans: Sequence[PackPlan],
    practice: Sequence[Practice],
    first: date,
    last: date,
    zone: tzinfo,
    *,
    today: date,
) -> list[AdherenceRow]:
    """One row per started plan and plan week that has days in [first, last] up to `today`.

    Only days that have happened count (`today` is the patient's local date): a week still
    going is "so far", never "missed". A run counts as the Today page counts it (completed), on
    the local day it started; extra runs beyond what a day asks for do not inflate the week.
    Each row names the real first and last day it counted.
    """
    rows: list[AdherenceRow] = []
    for plan in plans:
        if plan.started is None:
            continue
        schedule = PlanSchedule(plan.entries, plan.started)
        done = _done_by_day(plan, practice, zone)
        for week in range(1, schedule.last_week + 1):
            week_start = plan.started + timedelta(days=7 * (week - 1))
            days = [
                day
                for day in (week_start + timedelta(days=n) for n in range(7))
                if first <= day <= min(last, today)
            ]
            if not days:
                continue
            assigned = sum(a.times for day in days for a in schedule.assigned_on(day))
            achieved = sum(
                min(done[(day, a.session_id)], a.times)
                for day in days
                for a in schedule.assigned_on(day)
            )
            whole = days[-1] == week_start + timedelta(days=6)
            rows.append(
                AdherenceRow(
                    plan.title, week, days[0], achieved, assigned, days[-1], so_far=not whole
                )
            )
    rows.sort(key=lambda row: (row.week_start, row.plan_title))
    return rows


def _done_by_day(
    plan: PackPlan, practice: Sequence[Practice], zone: tzinfo
) -> Counter[tuple[date, str]]:
    counts: Counter[tuple[date, str]] = Counter()
    for run in practice:
        if run.pack_id != plan.pack_id:
            continue
        if run_counts(run):
            counts[(local_day(run.started, zone), run.session_id)] += 1
    return counts
