"""`pfrelax sessions`, `show SESSION` and `timeline SESSION`: the session library as text."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from pfrelax import paths
from pfrelax.cli import EXIT_INVALID, EXIT_OK
from pfrelax.core.durations import format_clock, format_ms
from pfrelax.core.session import (
    BreatheStep,
    DilatorStep,
    InsertOn,
    PelvicFloorStep,
    PelvicKind,
    Session,
    SpeakStep,
    Step,
)
from pfrelax.core.timeline import Segment, Timeline, TimelineError
from pfrelax.formats.library import SessionNotFound
from pfrelax.formats.problems import SessionFileError
from pfrelax.formats.session_steps import friendly_shorthand
from pfrelax.services.catalog import Catalog, open_catalog
from pfrelax.services.catalog import length_ms as duration_ms
from pfrelax.services.catalog import timeline as session_timeline
from pfrelax.services.packs import Packs, RegistryFile

SESSION_HELP = "a session id (see `pfrelax sessions`), PACKID/SESSIONID, or a .toml file"


def register(subparsers: Any) -> None:  # argparse's subparsers action has no public type
    sessions = subparsers.add_parser("sessions", help="list the sessions you can play")
    sessions.add_argument("--json", action="store_true", help="print JSON instead of a table")
    sessions.set_defaults(func=run_sessions)

    show = subparsers.add_parser("show", help="describe one session, step by step")
    show.add_argument("session", metavar="SESSION", help=SESSION_HELP)
    show.set_defaults(func=run_show)

    timeline = subparsers.add_parser(
        "timeline", help="print every phase of a session with its exact start and end"
    )
    timeline.add_argument("session", metavar="SESSION", help=SESSION_HELP)
    timeline.add_argument("--json", action="store_true", help="print JSON instead of a table")
    timeline.set_defaults(func=run_timeline)


def open_packs() -> Packs:
    """The installed packs, as every command sees them: the database file is opened only
    while a command reads or changes them (the app may be running beside it)."""
    return Packs(paths.data_dir() / "packs", RegistryFile(paths.database_path()))


def open_library() -> Catalog:
    """The library the commands read: built-in sessions and those of installed packs."""
    catalog = open_catalog(paths.builtin_sessions_dir(), open_packs(), paths.my_sessions_dir())
    catalog.sessions()
    if catalog.registry_problem is not None:
        print(f"warning: {catalog.registry_problem}", file=sys.stderr)
    return catalog


# -- sessions ---------------------------------------------------------------------------------
def run_sessions(args: argparse.Namespace) -> int:
    library = open_library()
    sessions = library.sessions()
    for problem in library.problems:  # a broken built-in is our bug; say so, list the rest
        print(f"warning: {problem}", file=sys.stderr)
    if args.json:
        print(json.dumps([session_summary(s) for s in sessions], indent=2, ensure_ascii=False))
        return EXIT_OK
    rows = [
        (s.address, s.title, _minutes_text(duration_ms(s)), ", ".join(s.tags)) for s in sessions
    ]
    print(_table(("ID", "TITLE", "MIN", "TAGS"), rows))
    return EXIT_OK


def session_summary(session: Session) -> dict[str, Any]:
    """One session as `pfrelax sessions --json` prints it (duration in seconds)."""
    ms = duration_ms(session)
    return {
        "id": session.id,
        "address": session.address,
        "title": session.title,
        "duration": None if ms is None else ms / 1000,
        "minutes": None if ms is None else round(ms / 60_000, 1),
        "tags": list(session.tags),
        "summary": session.summary,
        "source": session.source,
        "safety": session.safety,
        "pack": session.pack_id,
        "pack_version": session.pack_version,
    }


def _minutes_text(ms: int | None) -> str:
    return "?" if ms is None else f"{round(ms / 60_000, 1):g}"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], right_aligned: int = 0) -> str:
    """Plain columns; the first `right_aligned` columns (numbers) line up on the right."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def cell(index: int, text: str) -> str:
        pad = text.rjust if index < right_aligned else text.ljust
        return pad(widths[index])

    lines = ["  ".join(cell(i, text) for i, text in enumerate(row)) for row in [header, *rows]]
    return "\n".join(line.rstrip() for line in lines)


# -- show -------------------------------------------------------------------------------------
def run_show(args: argparse.Namespace) -> int:
    session = find_session(args.session)
    if session is None:
        return EXIT_INVALID
    try:
        timeline: Timeline | None = session_timeline(session)
    except TimelineError:
        timeline = None
    print(describe_session(session, timeline))
    return EXIT_OK


def describe_session(session: Session, timeline: Timeline | None) -> str:
    """The readable account `pfrelax show` prints."""
    lines = [f"{session.title} ({session.address})"]
    if session.summary:
        lines.append(session.summary)
    lines += ["", "   #  start  length  step"]
    for index, step in enumerate(session.steps):
        span = timeline.steps[index] if timeline else None
        start = format_clock(span.start_ms) if span else "?"
        length = format_clock(span.end_ms - span.start_ms) if span else "?"
        lines.append(f"{index:>4}  {start:>5}  {length:>6}  {step.kind:<8} {step.title}")
        detail = _step_detail(step, span.cycles if span else 0)
        lines += [f"{'':25}{text}" for text in detail]
    total = format_clock(timeline.duration_ms) if timeline else "unknown (recorded narration)"
    lines += ["", f"Total: {total}"]
    if session.tags:
        lines.append(f"Tags: {', '.join(session.tags)}")
    lines.append(f"Check-in: {', '.join(session.checkin) or 'none'}")
    if session.source:
        lines.append(f"Source: {session.source}")
    if session.safety:
        lines.append(f"Safety: {session.safety}")
    return "\n".join(lines)


def _step_detail(step: Step, cycles: int) -> list[str]:
    if isinstance(step, BreatheStep):
        pattern = step.pattern
        asked = (
            f"{step.cycles} cycles"
            if step.cycles is not None
            else f"asked {format_clock(step.target_ms or 0)}, runs {cycles} whole cycles"
        )
        lines = [
            f"pattern {friendly_shorthand(pattern)} ({pattern.breaths_per_minute:.1f} "
            f"breaths/min); {asked}; cues: {step.cues.value}"
        ]
        if step.ramp:
            target = step.ramp.target
            lines.append(
                f"ramp to {friendly_shorthand(target)} ({target.breaths_per_minute:.1f} "
                f"breaths/min) over {format_clock(step.ramp.over_ms)}"
            )
        return lines
    if isinstance(step, SpeakStep) and step.audio:
        return [f"audio: {step.audio}"]
    if isinstance(step, PelvicFloorStep):
        return [_pelvic_detail(step)]
    if isinstance(step, DilatorStep):
        return _dilator_detail(step)
    return []


def _pelvic_detail(step: PelvicFloorStep) -> str:
    rep = f"let go {format_ms(step.release_ms)} s, rest {format_ms(step.rest_ms)} s"
    if step.pelvic_kind is PelvicKind.CONTRACT_RELEASE:
        rep = f"draw up {step.effort} % for {format_ms(step.contract_ms)} s, {rep}"
    return f"{step.pelvic_kind.value}: {step.reps} reps; each {rep}"


_BREATH_SIDE = {InsertOn.INHALE: "in-breath", InsertOn.EXHALE: "out-breath"}


def _dilator_detail(step: DilatorStep) -> list[str]:
    return [
        f"pattern {friendly_shorthand(step.pattern)}; settle {format_clock(step.settle_ms)}, "
        f"insert over {step.insert_breaths} breaths on the {_BREATH_SIDE[step.insert_on]}",
        f"stay at least {format_clock(step.stay_ms)}, then until Continue "
        f"(at most {format_clock(step.stay_max_ms)}); move {step.move_breaths} breaths, "
        f"remove over {step.remove_breaths} breaths",
    ]


# -- timeline ---------------------------------------------------------------------------------
def run_timeline(args: argparse.Namespace) -> int:
    session = find_session(args.session)
    if session is None:
        return EXIT_INVALID
    try:
        timeline = session_timeline(session)
    except TimelineError as error:
        print(f"pfrelax: {error}", file=sys.stderr)
        return EXIT_INVALID
    if args.json:
        print(json.dumps(timeline_json(timeline), indent=2, ensure_ascii=False))
    else:
        print(timeline_text(timeline))
    return EXIT_OK


def timeline_json(timeline: Timeline) -> dict[str, Any]:
    """Seconds exact to the millisecond; steps numbered from 0; no count-in."""
    session = timeline.session
    return {
        "id": session.id,
        "title": session.title,
        "duration": timeline.duration_ms / 1000,
        "segments": [_segment_json(segment) for segment in timeline.segments],
    }


def _segment_json(segment: Segment) -> dict[str, Any]:
    """A dilator step's breaths name their `stage`; a pelvic floor step's parts their `rep`."""
    row: dict[str, Any] = {
        "start": segment.start_ms / 1000,
        "end": segment.end_ms / 1000,
        "step": segment.step,
        "kind": segment.kind.value,
    }
    if segment.stage is not None:
        row["stage"] = segment.stage.value
    if segment.rep is not None:
        row["rep"] = segment.rep
    return row


def timeline_text(timeline: Timeline) -> str:
    rows = [
        (
            format_ms(segment.start_ms),
            format_ms(segment.end_ms),
            str(segment.step),
            f"{segment.kind.value} ({segment.stage.value})"
            if segment.stage
            else segment.kind.value,
            segment.prompt,
        )
        for segment in timeline.segments
    ]
    session = timeline.session
    header = f"{session.title} ({session.address}): {format_clock(timeline.duration_ms)}"
    columns = ("START", "END", "STEP", "KIND", "PROMPT")
    return header + "\n\n" + _table(columns, rows, right_aligned=3)


def find_session(address: str) -> Session | None:
    """The session, or None after saying on stderr why there is none."""
    try:
        return open_library().find(address)
    except SessionNotFound as error:
        print(f"pfrelax: {error}", file=sys.stderr)
    except SessionFileError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
    return None
