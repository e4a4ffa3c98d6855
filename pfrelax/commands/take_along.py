"""`pfrelax calendar --ics FILE` and `pfrelax export-audio DIR`: the plan on the person's phone.

The options and the printing; the use cases (shared with Today's buttons) are in
services/take_along.py and services/take_along_audio.py.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from pfrelax import paths
from pfrelax.cli import EXIT_INVALID, EXIT_OK
from pfrelax.core.plan import today_in
from pfrelax.core.reminders import ReminderTimeError, parse_times
from pfrelax.core.today import PackPlan
from pfrelax.desktop.zone import local_zone, zone_named
from pfrelax.services.take_along import (
    CALENDAR_FILE,
    PlanRequest,
    TakeAlongError,
    choose_plan,
    installed_plans,
    plan_request,
    write_plan_calendar,
)
from pfrelax.store.errors import StoreError

START_RANGE_YEARS = 2


def register(subparsers: Any) -> None:  # argparse's subparsers action has no public type
    calendar = subparsers.add_parser(
        "calendar",
        help="export your plan as a calendar file (.ics) for your phone's reminders",
        description="Write your plan's practice days as calendar events with reminders, at the "
        "times you choose. The events say only 'A few calm minutes'.",
    )
    calendar.add_argument("--ics", required=True, type=Path, metavar="FILE", help="the .ics file")
    _plan_options(calendar)
    calendar.set_defaults(func=run_calendar)

    export = subparsers.add_parser(
        "export-audio",
        help="render your plan's sessions to audio files, with a playlist and a calendar",
        description="Write each session of the plan as calm-01.mp3, calm-02.mp3, … (ogg, or "
        "wav, where mp3 cannot be written), a calm.m3u playlist and calm.ics into DIR.",
    )
    export.add_argument("folder", type=Path, metavar="DIR", help="the folder to write into")
    _plan_options(export)
    export.add_argument(
        "--no-voice", action="store_true", help="leave out narration and spoken breath prompts"
    )
    export.set_defaults(func=run_export_audio)


def _plan_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pack", metavar="ID", help="the installed pack (needed if several)")
    parser.add_argument(
        "--times",
        metavar="HH:MM,...",
        help="reminder times (default: 08:30, and 19:30 when the plan asks twice a day, …)",
    )
    parser.add_argument(
        "--start",
        metavar="YYYY-MM-DD",
        help="the day week 1 begins (default: the day you started the plan in the app, or today)",
    )
    parser.add_argument(
        "--zone",
        metavar="AREA/CITY",
        help="time zone, like Europe/Berlin (default: this computer's)",
    )


# -- calendar ---------------------------------------------------------------------------------
def run_calendar(args: argparse.Namespace) -> int:
    try:
        request = request_from(args)
        count = write_plan_calendar(request, args.ics)
    except TakeAlongError as error:
        print(f"pfrelax calendar: {error}", file=sys.stderr)
        return EXIT_INVALID
    print(f"wrote {args.ics} ({count} reminders from {request.start:%A %d %B %Y})")
    if request.zone is None:
        print("note: this computer's time zone is unknown; the times follow wherever you are")
    return EXIT_OK


def request_from(args: argparse.Namespace) -> PlanRequest:
    """The plan, start day, times and zone the person asked for (TakeAlongError in words)."""
    zone = local_zone()
    if args.zone:
        zone = zone_named(args.zone)
        if zone is None:
            raise TakeAlongError(
                f"--zone: '{args.zone}' is not a time zone; write e.g. Europe/Berlin"
            )
    times: tuple[time, ...] = ()
    if args.times is not None:
        try:
            times = parse_times(args.times)
        except ReminderTimeError as error:
            raise TakeAlongError(f"--times: {error}") from error
    plan = load_plan(args.pack)
    today = today_in(zone or datetime.now().astimezone().tzinfo or UTC)
    return plan_request(plan, today, zone, times=times, start=_start_day(args.start, today))


def _start_day(text: str | None, today: date) -> date | None:
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise TakeAlongError(f"--start: '{text}' is not a date; write YYYY-MM-DD") from None
    # A plan runs at most a year; a week 1 years away is a typo (and year 1 or 9999 has no
    # room for the calendar's time zone rules around it).
    earliest, latest = _shifted(today, -START_RANGE_YEARS), _shifted(today, START_RANGE_YEARS)
    if not earliest <= day <= latest:
        raise TakeAlongError(
            f"--start: {day.isoformat()} is more than {START_RANGE_YEARS} years from today; "
            f"give a day from {earliest.isoformat()} to {latest.isoformat()}"
        )
    return day


def _shifted(day: date, years: int) -> date:
    return day.replace(year=day.year + years, day=min(day.day, 28))


def load_plan(pack_id: str | None) -> PackPlan:
    """The installed pack's plan; with no id, the only installed pack that has one."""
    from pfrelax.store.db import open_database
    from pfrelax.store.packs import InstalledPacks

    try:
        with open_database(paths.database_path(), recover_runs=False) as db:
            if pack_id is not None and InstalledPacks(db).get(pack_id) is None:
                raise TakeAlongError(
                    f"no installed pack has the id '{pack_id}'; see `pfrelax pack list`"
                )
            plans = installed_plans(db)
    except StoreError as error:
        raise TakeAlongError(str(error)) from error
    return choose_plan(plans, pack_id)


# -- export-audio -----------------------------------------------------------------------------
def run_export_audio(args: argparse.Namespace) -> int:
    from pfrelax.commands.library import find_session
    from pfrelax.services.take_along_audio import PLAYLIST_FILE, export_plan

    folder: Path = args.folder
    try:
        request = request_from(args)
        written = export_plan(request, folder, find_session, voice=not args.no_voice)
        assert written is not None  # only a `cancelled` that turned true stops it; none is given
    except TakeAlongError as error:
        print(f"pfrelax export-audio: {error}", file=sys.stderr)
        return EXIT_INVALID
    for track in written:
        print(f"wrote {track.path} ({track.seconds // 60}:{track.seconds % 60:02d})")
    extension = written[0].path.suffix[1:] if written else ""
    print(f"wrote {folder / PLAYLIST_FILE} ({len(written)} tracks, {extension})")
    print(f"wrote {folder / CALENDAR_FILE}")
    return EXIT_OK
