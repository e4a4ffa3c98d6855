"""`pfrelax calendar --ics FILE` and `pfrelax export-audio DIR`: the plan on the person's phone.

Both read an installed pack's plan. Everything they write is neutral: "A few calm minutes",
calm-01.mp3, calm.m3u; never a session's or a pack's title (those may name the condition).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pfrelax import paths
from pfrelax.cli import EXIT_INVALID, EXIT_OK
from pfrelax.core.plan import today_in
from pfrelax.core.plan_calendar import appointments, busiest_day, default_times
from pfrelax.core.reminders import ReminderTimeError, parse_times
from pfrelax.core.today import PackPlan
from pfrelax.desktop.zone import local_zone, zone_named
from pfrelax.errors import InputError
from pfrelax.store.errors import StoreError

CALENDAR_FILE = "calm.ics"


class TakeAlongError(InputError, ValueError):
    """Something the person asked for cannot be done; the message says what to do instead."""


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


@dataclass(frozen=True, slots=True)
class PlanRequest:
    plan: PackPlan
    start: date
    times: tuple[time, ...]
    zone: ZoneInfo | None


# -- calendar ---------------------------------------------------------------------------------
def run_calendar(args: argparse.Namespace) -> int:
    try:
        request = plan_request(args)
        count = write_plan_calendar(request, args.ics)
    except TakeAlongError as error:
        print(f"pfrelax calendar: {error}", file=sys.stderr)
        return EXIT_INVALID
    print(f"wrote {args.ics} ({count} reminders from {request.start:%A %d %B %Y})")
    if request.zone is None:
        print("note: this computer's time zone is unknown; the times follow wherever you are")
    return EXIT_OK


def write_plan_calendar(request: PlanRequest, path: Path) -> int:
    """Write the plan's .ics to `path`; the number of events."""
    from pfrelax.formats.ics import CalendarWriteError, build_calendar, write_calendar

    found = appointments(request.plan, request.start, request.times)
    if not found:
        raise TakeAlongError("the plan asks for nothing on any day, so there is nothing to remind")
    stamp = datetime.now(UTC).replace(microsecond=0)
    data = build_calendar(found, owner=request.plan.pack_id, zone=request.zone, stamp=stamp)
    try:
        write_calendar(path, data)
    except CalendarWriteError as error:
        raise TakeAlongError(str(error)) from error
    return len(found)


def plan_request(args: argparse.Namespace) -> PlanRequest:
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
    start = _start_day(args.start, plan, zone)
    return PlanRequest(plan, start, times or default_times(busiest_day(plan, start)), zone)


def _start_day(text: str | None, plan: PackPlan, zone: ZoneInfo | None) -> date:
    if text:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise TakeAlongError(f"--start: '{text}' is not a date; write YYYY-MM-DD") from None
    if plan.started is not None:
        return plan.started
    return today_in(zone or datetime.now().astimezone().tzinfo or UTC)


def load_plan(pack_id: str | None) -> PackPlan:
    """The installed pack's plan; with no id, the only installed pack that has one."""
    from pfrelax.services.today import read_plan
    from pfrelax.store.db import open_database
    from pfrelax.store.packs import InstalledPacks

    # The Today page's Qt-free reader, until the services layer (issue 11) owns plans.

    try:
        with open_database(paths.database_path(), recover_runs=False) as db:
            installed = InstalledPacks(db).installed()
    except StoreError as error:
        raise TakeAlongError(str(error)) from error
    chosen = [p for p in installed if pack_id is None or p.pack_id == pack_id]
    if pack_id is not None and not chosen:
        raise TakeAlongError(f"no installed pack has the id '{pack_id}'; see `pfrelax pack list`")
    plans = [plan for plan in map(read_plan, chosen) if plan is not None and plan.entries]
    if not plans:
        whose = f"the pack '{pack_id}' has no plan" if pack_id else "no installed pack has a plan"
        raise TakeAlongError(f"{whose}; a plan comes in a pack from your PT")
    if len(plans) > 1:
        ids = ", ".join(plan.pack_id for plan in plans)
        raise TakeAlongError(f"several packs have a plan ({ids}); choose one with --pack ID")
    return plans[0]


# -- export-audio -----------------------------------------------------------------------------
def run_export_audio(args: argparse.Namespace) -> int:
    from pfrelax.commands.take_along_audio import export_plan_audio

    folder: Path = args.folder
    try:
        request = plan_request(args)
        lines = export_plan_audio(request.plan, folder, voice=not args.no_voice)
        write_plan_calendar(request, folder / CALENDAR_FILE)
    except TakeAlongError as error:
        print(f"pfrelax export-audio: {error}", file=sys.stderr)
        return EXIT_INVALID
    for line in lines:
        print(line)
    print(f"wrote {folder / CALENDAR_FILE}")
    return EXIT_OK
