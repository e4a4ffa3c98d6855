"""A plan's practice as dated appointments: which days, at which of the person's chosen times.

Each day the plan asks for something gets one appointment per session, at the chosen times
(spread over the day when there are fewer sessions than times); when there are more sessions than
times, sessions are shared out over the times in turn. An appointment lasts as long as its
sessions (rounded up to whole minutes; 10 minutes for a session of unknown length). Nothing here
names a session or a pack: what leaves the app for a calendar or a phone says only "a few calm
minutes".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta

from pfrelax.core.plan import PlanSchedule
from pfrelax.core.today import PackPlan

DEFAULT_TIMES = (time(8, 30), time(19, 30), time(13, 0), time(17, 0), time(10, 30), time(21, 0))
UNKNOWN_LENGTH_MIN = 10
EVENT_TITLE = "A few calm minutes"


@dataclass(frozen=True, slots=True)
class Appointment:
    """One reminder on one day: a wall-clock time, how long, and how many sessions it holds."""

    day: date
    at: time
    minutes: int
    sessions: tuple[str, ...]  # session ids, for the app's own use; never written out as text
    week: int


def busiest_day(plan: PackPlan, start: date) -> int:
    """The most sessions the plan asks for on any one day (0 for an empty plan)."""
    schedule = PlanSchedule(plan.entries, start)
    days = (start + timedelta(days=n) for n in range(schedule.last_week * 7))
    return max((sum(a.times for a in schedule.assigned_on(day)) for day in days), default=0)


def default_times(count: int) -> tuple[time, ...]:
    """Sensible times when the person chose none: morning first, then evening, …"""
    return tuple(sorted(DEFAULT_TIMES[: max(1, min(count, len(DEFAULT_TIMES)))]))


def appointments(plan: PackPlan, start: date, times: Sequence[time]) -> list[Appointment]:
    """Every appointment from `start` (plan week 1) to the end of the plan's last week."""
    if not times:
        raise ValueError("choose at least one time of day")
    schedule = PlanSchedule(plan.entries, start)
    chosen = sorted(set(times))
    found: list[Appointment] = []
    for offset in range(schedule.last_week * 7):
        day = start + timedelta(days=offset)
        week = schedule.week_of(day)
        assert week is not None  # day is on or after start
        queue = [a.session_id for a in schedule.assigned_on(day) for _ in range(a.times)]
        at = spread(chosen, len(queue))
        for slot, when in enumerate(at):
            sessions = tuple(queue[slot :: len(at)])
            found.append(Appointment(day, when, _minutes(plan, sessions), sessions, week))
    return found


def spread(times: Sequence[time], count: int) -> list[time]:
    """`count` of the sorted `times`, spread over the day: 2 of 08:30/13:00/19:30 are the first
    and the last, so a day with fewer sessions still has morning and evening."""
    if count >= len(times):
        return list(times)
    if count <= 1:
        return list(times[:count])
    last = len(times) - 1
    return [times[round(i * last / (count - 1))] for i in range(count)]


def _minutes(plan: PackPlan, sessions: tuple[str, ...]) -> int:
    total = 0
    for session_id in sessions:
        length = plan.session(session_id).duration_ms
        total += UNKNOWN_LENGTH_MIN * 60_000 if length is None else length
    return max(1, -(-total // 60_000))


def describe(appointment: Appointment) -> str:
    """The event's text: how many sessions and minutes, never what for."""
    count = len(appointment.sessions)
    what = "one session" if count == 1 else f"{count} sessions"
    return (
        f"Time for {what} from your plan, about {appointment.minutes} minutes. "
        "Find a comfortable place and open the breathing app when you are ready."
    )
