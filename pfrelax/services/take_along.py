"""Taking the plan along: its calendar (.ics) and its sessions as audio, for the CLI and Today.

Everything written is neutral: "A few calm minutes", calm.ics, calm-01.mp3, calm.m3u; never a
session's or a pack's title (those may name the condition).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from pfrelax.core.plan_calendar import appointments, busiest_day, default_times
from pfrelax.core.today import PackPlan
from pfrelax.errors import InputError
from pfrelax.services.today import read_plan
from pfrelax.store.db import Database
from pfrelax.store.errors import StoreError
from pfrelax.store.packs import InstalledPacks

CALENDAR_FILE = "calm.ics"


class TakeAlongError(InputError, ValueError):
    """Something the person asked for cannot be done; the message says what to do instead."""


@dataclass(frozen=True, slots=True)
class PlanRequest:
    """Which plan, from which day, at which times of day, in which zone (None: floating)."""

    plan: PackPlan
    start: date
    times: tuple[time, ...]
    zone: ZoneInfo | None


def plan_request(
    plan: PackPlan,
    today: date,
    zone: ZoneInfo | None,
    *,
    times: tuple[time, ...] = (),
    start: date | None = None,
) -> PlanRequest:
    """The request with its defaults: from the day the plan was started (else `today`), at
    one time per planned session on the busiest day (08:30, 19:30, …)."""
    first = start or plan.started or today
    return PlanRequest(plan, first, times or default_times(busiest_day(plan, first)), zone)


def suggested_times(plan: PackPlan, today: date) -> tuple[time, ...]:
    return default_times(busiest_day(plan, plan.started or today))


def write_plan_calendar(
    request: PlanRequest, path: Path, now: Callable[[], datetime] = lambda: datetime.now(UTC)
) -> int:
    """Write the plan's .ics to `path` (whole or not at all); the number of events."""
    from pfrelax.formats.ics import CalendarWriteError, build_calendar, write_calendar

    found = appointments(request.plan, request.start, request.times)
    if not found:
        raise TakeAlongError("the plan asks for nothing on any day, so there is nothing to remind")
    stamp = now().astimezone(UTC).replace(microsecond=0)
    data = build_calendar(found, owner=request.plan.pack_id, zone=request.zone, stamp=stamp)
    try:
        write_calendar(path, data)
    except CalendarWriteError as error:
        raise TakeAlongError(str(error)) from error
    return len(found)


def installed_plans(db: Database) -> list[PackPlan]:
    """Every installed pack's plan that has something planned."""
    try:
        installed = InstalledPacks(db).installed()
    except StoreError as error:
        raise TakeAlongError(str(error)) from error
    return [plan for plan in map(read_plan, installed) if plan is not None and plan.entries]


def choose_plan(plans: Sequence[PackPlan], pack_id: str | None) -> PackPlan:
    """The plan of pack `pack_id`; with no id, the only one there is (TakeAlongError if not)."""
    chosen = [plan for plan in plans if pack_id is None or plan.pack_id == pack_id]
    if not chosen:
        whose = f"the pack '{pack_id}' has no plan" if pack_id else "no installed pack has a plan"
        raise TakeAlongError(f"{whose}; a plan comes in a pack from your PT")
    if len(chosen) > 1:
        ids = ", ".join(plan.pack_id for plan in chosen)
        raise TakeAlongError(f"several packs have a plan ({ids}); choose one with --pack ID")
    return chosen[0]
