"""When to remind: the times a person chose, quiet hours, and the next reminder after a moment.

Pure and clock-free: every function takes the moment and the zone it works in, so tests (and
the tray, later) inject both. Times are wall-clock times in the person's zone: 08:30 stays 08:30
across a daylight-saving change; a time that does not exist that day (inside the spring-forward
gap) moves forward by the gap, and a time that happens twice (autumn) fires once, the first time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from pfrelax.errors import InputError

MAX_REMINDER_TIMES = 6
# What a reminder says: neutral, so a notification seen by anyone gives nothing away.
REMINDER_TITLE = "pfrelax"
REMINDER_TEXT = "A few calm minutes, whenever suits you."
_HH_MM = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")
_LOOK_AHEAD_DAYS = 8


class ReminderTimeError(InputError, ValueError):
    """A time the person typed is not a clock time; the message says how to write one."""


def parse_time(text: str) -> time:
    """ "08:30" → 08:30; ReminderTimeError naming the text otherwise."""
    match = _HH_MM.match(text)
    if match is None:
        raise ReminderTimeError(f"'{text.strip()}' is not a time; write it as HH:MM, like 08:30")
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        raise ReminderTimeError(f"'{text}' is not a time of day; use 00:00 to 23:59")
    return time(hour, minute)


def parse_times(text: str) -> tuple[time, ...]:
    """ "08:30,19:00" → the times, sorted, each once; at most six."""
    parts = [part for part in text.split(",") if part.strip()]
    if not parts:
        raise ReminderTimeError("no time given; write times as HH:MM, like 08:30,19:00")
    times = sorted({parse_time(part) for part in parts})
    if len(times) > MAX_REMINDER_TIMES:
        raise ReminderTimeError(
            f"{len(times)} times is more than {MAX_REMINDER_TIMES} a day; choose fewer"
        )
    return tuple(times)


@dataclass(frozen=True, slots=True)
class QuietHours:
    """A daily span with no reminders, [start, end); it may run over midnight (22:00–07:00)."""

    start: time
    end: time

    def contains(self, moment: time) -> bool:
        if self.start == self.end:
            return False  # an empty span: quiet hours are off
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end


def parse_quiet_hours(text: str) -> QuietHours | None:
    """ "22:00-07:00" → those quiet hours; "" → none; ReminderTimeError otherwise."""
    if not text.strip():
        return None
    start, dash, end = text.partition("-")
    if not dash:
        raise ReminderTimeError(f"'{text}' is not a span of time; write it like 22:00-07:00")
    return QuietHours(parse_time(start), parse_time(end))


def wall_time(day: date, at: time, zone: tzinfo) -> datetime:
    """`day` at `at` on the clocks in `zone`, as an aware UTC moment.

    Inside a spring-forward gap the time is read with the offset from before the change, so it
    moves forward by the gap (02:30 → 03:30), as calendar programs do; a time that happens twice
    in autumn is the first of the two.
    """
    return datetime.combine(day, at).replace(tzinfo=zone).astimezone(UTC)


def in_quiet_hours(moment: datetime, quiet: QuietHours | None, zone: tzinfo) -> bool:
    """Whether the aware `moment` falls inside quiet hours, read on the clock in `zone`."""
    if moment.utcoffset() is None:
        raise ValueError(f"expected a timezone-aware datetime, got {moment!r}")
    return quiet is not None and quiet.contains(moment.astimezone(zone).time())


def next_reminder(
    times: Sequence[time],
    now: datetime,
    zone: tzinfo,
    quiet: QuietHours | None = None,
) -> datetime | None:
    """The first chosen time strictly after `now` that is not in quiet hours (aware, UTC).

    None when there is none in the next week: no times chosen, or every time is quiet.
    """
    if now.utcoffset() is None:
        raise ValueError(f"now must be a timezone-aware datetime, got {now!r}")
    today = now.astimezone(zone).date()
    for offset in range(_LOOK_AHEAD_DAYS):
        day = today + timedelta(days=offset)
        moments = sorted({wall_time(day, at, zone) for at in times})
        for moment in moments:
            if moment > now and not in_quiet_hours(moment, quiet, zone):
                return moment
    return None
