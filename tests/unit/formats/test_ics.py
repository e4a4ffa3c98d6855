"""The plan as an iCalendar file, read back with icalendar: days, weeks, times across DST."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from pfrelax.core.discretion import condition_words_in
from pfrelax.core.plan import PlanEntry, PlanSchedule
from pfrelax.core.plan_calendar import (
    EVENT_TITLE,
    appointments,
    busiest_day,
    default_times,
    spread,
)
from pfrelax.core.today import PackPlan, PlanSession
from pfrelax.formats.ics import CalendarWriteError, build_calendar, write_calendar

BERLIN = ZoneInfo("Europe/Berlin")
# Monday 16 March 2026; clocks in Berlin go forward on Sunday 29 March (plan week 2).
START = date(2026, 3, 16)
STAMP = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

PLAN = PackPlan(
    pack_id="riverside-pt.pelvic-pain",
    title="Pelvic pain release programme",
    author="Alex Rivera, PT",
    message="",
    entries=(
        PlanEntry("pelvic-floor-drop", (1, 2, 3), (0, 1, 2, 3, 4, 5, 6), 2),
        PlanEntry("before-intimacy", (2, 3), (5,), 1),
    ),
    sessions=(
        PlanSession("pelvic-floor-drop", "Pelvic floor drop", "p/pelvic-floor-drop", 300_000),
        PlanSession("before-intimacy", "Before intimacy", "p/before-intimacy", None),
    ),
    started=None,
)


def parsed(times: tuple[time, ...], zone: ZoneInfo | None = BERLIN) -> list[object]:
    found = appointments(PLAN, START, times)
    data = build_calendar(found, owner=PLAN.pack_id, zone=zone, stamp=STAMP)
    calendar = Calendar.from_ical(data)
    return list(calendar.walk("VEVENT"))


def test_one_event_per_planned_session_a_day_at_the_chosen_times() -> None:
    events = parsed((time(8, 30), time(19, 0), time(21, 0)))
    schedule = PlanSchedule(PLAN.entries, START)
    expected = []
    for offset in range(21):
        day = START + timedelta(days=offset)
        count = sum(a.times for a in schedule.assigned_on(day))
        chosen = {0: [], 1: [time(8, 30)], 2: [time(8, 30), time(21, 0)]}.get(count)
        expected += [(day, at) for at in chosen or [time(8, 30), time(19, 0), time(21, 0)]]
    starts = sorted(
        (event["DTSTART"].dt.date(), event["DTSTART"].dt.time())  # type: ignore[index]
        for event in events
    )
    assert starts == sorted(expected)
    assert len(events) == 7 * 2 * 3 + 2  # twice daily for three weeks, plus two Saturdays


def test_times_keep_the_local_zone_across_the_spring_change() -> None:
    events = parsed((time(8, 30),))
    by_day = {event["DTSTART"].dt.date(): event["DTSTART"].dt for event in events}  # type: ignore[index]
    before, after = by_day[date(2026, 3, 28)], by_day[date(2026, 3, 30)]
    assert str(before.tzinfo) == str(after.tzinfo) == "Europe/Berlin"
    assert before.time() == after.time() == time(8, 30)
    # The same wall clock time is an hour earlier in UTC once summer time begins.
    assert before.astimezone(UTC).hour == 7
    assert after.astimezone(UTC).hour == 6


def test_the_file_carries_its_time_zone_rules() -> None:
    found = appointments(PLAN, START, (time(8, 30),))
    data = build_calendar(found, owner=PLAN.pack_id, zone=BERLIN, stamp=STAMP)
    zones = list(Calendar.from_ical(data).walk("VTIMEZONE"))
    assert [str(zone["TZID"]) for zone in zones] == ["Europe/Berlin"]
    assert b"DTSTART;TZID=Europe/Berlin:20260330T083000" in data


def test_without_a_zone_times_are_floating() -> None:
    events = parsed((time(8, 30),), zone=None)
    assert all(event["DTSTART"].dt.tzinfo is None for event in events)  # type: ignore[index]


def test_every_event_has_a_display_alarm_at_its_start() -> None:
    for event in parsed((time(8, 30), time(19, 0))):
        alarms = list(event.walk("VALARM"))  # type: ignore[attr-defined]
        assert len(alarms) == 1
        assert str(alarms[0]["ACTION"]) == "DISPLAY"
        assert alarms[0]["TRIGGER"].dt == timedelta(0)


def test_nothing_in_the_file_names_the_condition_or_the_pack() -> None:
    found = appointments(PLAN, START, (time(8, 30), time(19, 0)))
    data = build_calendar(found, owner=PLAN.pack_id, zone=BERLIN, stamp=STAMP).decode()
    assert condition_words_in(data) == []
    assert "riverside" not in data.lower()
    for event in Calendar.from_ical(data).walk("VEVENT"):
        assert str(event["SUMMARY"]) == EVENT_TITLE
        assert condition_words_in(str(event["DESCRIPTION"])) == []


def test_sessions_share_a_time_when_there_are_fewer_times_than_sessions() -> None:
    saturday = date(2026, 3, 28)  # week 2: drop twice and one more: three sessions
    found = [a for a in appointments(PLAN, START, (time(9, 0),)) if a.day == saturday]
    assert len(found) == 1
    assert len(found[0].sessions) == 3
    assert found[0].minutes == 5 + 5 + 10  # an unknown length counts as ten minutes


def test_fewer_sessions_than_times_keep_morning_and_evening() -> None:
    morning, noon, evening = time(8), time(13), time(20)
    assert spread([morning, noon, evening], 2) == [morning, evening]
    assert spread([morning, noon, evening], 1) == [morning]
    assert spread([morning, noon, evening], 5) == [morning, noon, evening]


def test_default_times_fit_the_busiest_day() -> None:
    assert busiest_day(PLAN, START) == 3
    assert default_times(3) == (time(8, 30), time(13, 0), time(19, 30))
    assert default_times(0) == (time(8, 30),)


def test_events_have_stable_unique_ids_that_do_not_name_the_pack() -> None:
    found = appointments(PLAN, START, (time(8, 30), time(19, 0)))
    first = build_calendar(found, owner=PLAN.pack_id, zone=BERLIN, stamp=STAMP)
    again = build_calendar(found, owner=PLAN.pack_id, zone=BERLIN, stamp=STAMP)
    uids = [str(e["UID"]) for e in Calendar.from_ical(first).walk("VEVENT")]
    assert first == again
    assert len(set(uids)) == len(uids)
    assert all("riverside" not in uid for uid in uids)


def test_the_file_is_written_whole_and_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "my reminders.ics"
    target.write_bytes(b"old")
    write_calendar(target, b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["my reminders.ics"]


@pytest.mark.parametrize("make", ["folder", "missing parent"])
def test_a_path_that_cannot_be_a_calendar_file_is_explained(tmp_path: Path, make: str) -> None:
    target = tmp_path if make == "folder" else tmp_path / "nowhere" / "calm.ics"
    with pytest.raises(CalendarWriteError, match="folder"):
        write_calendar(target, b"x")
