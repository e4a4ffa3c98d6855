"""A plan's appointments as an iCalendar file (RFC 5545) for the person's own calendar.

Times carry the person's time zone (TZID, with its VTIMEZONE rules inside the file), so 08:30
stays 08:30 on the phone across a daylight-saving change. Without a known zone the times are
"floating" (local wherever the phone is), which keeps the same promise. Every event has a
display alarm at its start. Titles and texts are neutral; UIDs are hashes, so not even a pack's
id is readable in the file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from pfrelax.core.discretion import condition_words_in
from pfrelax.core.plan_calendar import EVENT_TITLE, Appointment, describe
from pfrelax.durable import write_private
from pfrelax.errors import InputError

PRODUCT_ID = "-//pfrelax//calm minutes//EN"
CALENDAR_NAME = "Calm minutes"


class CalendarWriteError(InputError, ValueError):
    """The calendar file cannot be written; the message names it and says what to do."""


def build_calendar(
    appointments: Sequence[Appointment],
    *,
    owner: str,
    zone: ZoneInfo | None,
    stamp: datetime,
) -> bytes:
    """The .ics bytes. `owner` (e.g. the pack id) only seeds the UIDs; `stamp` is DTSTAMP."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    seed = hashlib.sha256(owner.encode()).hexdigest()[:16]
    for appointment in appointments:
        calendar.add_component(_event(appointment, zone, stamp, seed))
    if zone is not None and appointments:
        # Only the rules for the plan's own months (and a year around them): a small file.
        days = [appointment.day for appointment in appointments]
        year = timedelta(days=366)
        calendar.add_missing_timezones(first_date=min(days) - year, last_date=max(days) + year)
    data: bytes = calendar.to_ical()
    leaked = condition_words_in(data.decode("utf-8"))
    if leaked:  # a programming error, never the person's: refuse rather than leak
        raise AssertionError(f"calendar text would name {leaked}")
    return data


def _event(appointment: Appointment, zone: ZoneInfo | None, stamp: datetime, seed: str) -> Event:
    event = Event()
    start = datetime.combine(appointment.day, appointment.at)
    if zone is not None:
        start = start.replace(tzinfo=zone)
    slot = f"{appointment.day.isoformat()}T{appointment.at:%H%M}"
    event.add("uid", f"{seed}-{slot}@pfrelax")
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("duration", timedelta(minutes=appointment.minutes))
    event.add("summary", EVENT_TITLE)
    event.add("description", describe(appointment))
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: never blocks the day
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", EVENT_TITLE)
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    return event


def write_calendar(path: Path, data: bytes) -> None:
    """Write the calendar atomically, owner-only; CalendarWriteError in plain words."""
    if path.is_dir():
        raise CalendarWriteError(f"{path}: is a folder; give a file name such as calm.ics")
    if not path.parent.is_dir():
        raise CalendarWriteError(
            f"{path}: the folder {path.parent} does not exist; create it first"
        )
    try:
        write_private(path, data)
    except OSError as error:
        raise CalendarWriteError(f"{path}: could not be written ({error.strerror})") from error
