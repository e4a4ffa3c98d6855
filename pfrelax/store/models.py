"""The rows the store hands out: frozen dataclasses with aware datetimes, no SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Literal

Moment = Literal["before", "after", "standalone", "weekly"]
RunStatus = Literal["running", "completed", "stopped"]

MOMENTS: tuple[Moment, ...] = ("before", "after", "standalone", "weekly")
# CLINICAL.md §3. Checked in Python, not in a CHECK constraint, so adding a measure later is a
# one-line change rather than a table rebuild.
MEASURES: tuple[str, ...] = (
    "distress",
    "pelvic_tension",
    "mood",
    "body_tension",
    "pain",
    "pain_with_penetration",
)
RUN_MOMENTS: frozenset[str] = frozenset({"before", "after"})
# How export files spell a rating of None (pain with penetration: no attempt this week).
NOT_ATTEMPTED = "not_attempted"


def a_checkin(moment: str) -> str:
    """ "a before check-in", "an after check-in": for messages."""
    return f"{'an' if moment[:1] in ('a', 'e', 'i', 'o', 'u') else 'a'} {moment} check-in"


@dataclass(frozen=True, slots=True)
class Run:
    id: int
    session_id: str
    session_title: str
    pack_id: str | None
    pack_version: str | None
    started: datetime
    ended: datetime | None
    seconds: int  # time actually played (not paused, skipped or seeked over)
    status: RunStatus  # "stopped" is a partial run: see pfrelax.core.completion
    length_seconds: int | None = None  # the session's length; None for runs recorded before v4

    @property
    def completed(self) -> bool:
        return self.status == "completed"


@dataclass(frozen=True, slots=True)
class Rating:
    """One measure of one check-in: the unit a chart plots. `value` None means not attempted."""

    checkin_id: int
    time: datetime
    moment: Moment
    run_id: int | None
    measure: str
    value: int | None


@dataclass(frozen=True, slots=True)
class Series:
    """One measure over time, column-wise for a plot: no datetime per point, so 20 years of
    daily ratings load in milliseconds. `times` are UTC seconds since 1970."""

    measure: str
    times: list[int]
    moments: list[Moment]
    values: list[int | None]


@dataclass(frozen=True, slots=True)
class WeekMinutes:
    """Minutes practised in one ISO week, counted in the local time the sessions started."""

    year: int
    week: int
    minutes: float


@dataclass(frozen=True, slots=True)
class RunChange:
    """How one measure moved across one run: `after - before` (negative = it went down)."""

    run_id: int
    started: datetime
    measure: str
    before: int
    after: int

    @property
    def change(self) -> int:
        return self.after - self.before


@dataclass(frozen=True, slots=True)
class InstalledPack:
    pack_id: str
    version: str
    title: str
    installed_at: datetime
    folder: Path
    plan_started: date | None
