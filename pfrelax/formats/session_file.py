"""Reading a session file (`*.toml`, PACK-FORMAT.md): every problem reported at once, with its line.

Key paths in messages number steps from 0: `step[0]` is the first `[[step]]` in the file.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any, TypedDict, Unpack

from pfrelax.core.limits import CLINICIAN_LIMITS, DEFAULT_LIMITS, Limits
from pfrelax.core.practice_steps import practice_length_ms
from pfrelax.core.session import BreatheStep, DilatorStep, PelvicFloorStep, Session, SpeakStep, Step
from pfrelax.core.text_rules import is_blank, line_problem, session_id_problem
from pfrelax.core.timeline import compile_session
from pfrelax.formats.checker import (
    Checker,
    Table,
    did_you_mean,
    format_minutes,
    quoted_list,
    shown,
)
from pfrelax.formats.pack_limits import MAX_SESSION_FILE_BYTES, format_size
from pfrelax.formats.pack_manifest import MANIFEST
from pfrelax.formats.problems import Problem, SessionFileError
from pfrelax.formats.session_steps import (
    PLAYABLE_AUDIO,
    AudioExists,
    StepRules,
    media_path,
    read_steps,
)
from pfrelax.formats.toml_text import TomlTextError, load_toml

FORMAT_VERSION = 1
SESSION_KEYS = (
    "pfrelax",
    "id",
    "title",
    "summary",
    "language",
    "tags",
    "checkin",
    "ambient",
    "source",
    "safety",
    "step",
)
CHECKIN_TIMES = ("before", "after")

_LANGUAGE_PATTERN = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")


class ParseOptions(TypedDict, total=False):
    """parse_session's keyword options that load_session passes on as they are."""

    limits: Limits
    pack_id: str | None
    pack_version: str | None
    audio_exists: AudioExists | None
    media_root: Path | None


def load_session(
    path: Path, *, origin: Path | None = None, **options: Unpack[ParseOptions]
) -> Session:
    """Read and check the session file at `path` (UTF-8); raises SessionFileError.

    `origin` defaults to `path`, and `media_root` to the folder its audio paths start at (see
    loose_media_root); the other options are parse_session's.
    """
    filename = str(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_SESSION_FILE_BYTES + 1)
    except FileNotFoundError:
        raise SessionFileError([Problem(filename, "", "no such file")]) from None
    except IsADirectoryError:
        raise SessionFileError(
            [Problem(filename, "", "this is a folder, not a session file")]
        ) from None
    except OSError as error:
        message = f"cannot read the file: {error.strerror or error}"
        raise SessionFileError([Problem(filename, "", message)]) from None
    if len(raw) > MAX_SESSION_FILE_BYTES:
        limit = format_size(MAX_SESSION_FILE_BYTES)
        message = f"is over {limit}; a session file may be at most {limit}"
        raise SessionFileError([Problem(filename, "", message)])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        message = "the file is not UTF-8 text; save it as UTF-8 in your text editor"
        raise SessionFileError([Problem(filename, "", message, line)]) from None
    options.setdefault("media_root", loose_media_root(path))
    return parse_session(text, filename, origin=origin or path, **options)


def loose_media_root(path: Path) -> Path:
    """Where a session file's audio paths start: the top of the pack folder being authored
    when the file sits in its `sessions/` beside a pack.toml, else the file's own folder."""
    folder = path.parent
    if folder.name == "sessions" and (folder.parent / MANIFEST).is_file():
        return folder.parent
    return folder


def parse_session(
    text: str,
    filename: str,
    *,
    limits: Limits = DEFAULT_LIMITS,
    origin: Path | None = None,
    pack_id: str | None = None,
    pack_version: str | None = None,
    audio_exists: AudioExists | None = None,
    media_root: Path | None = None,
) -> Session:
    """Read and check a session file's text; raises SessionFileError listing every problem."""
    text = text.removeprefix("\ufeff")  # editors on Windows like to add a byte-order mark
    try:
        data = load_toml(text, filename)
    except TomlTextError as error:
        raise SessionFileError([error.problem]) from None
    checker = Checker(filename, text)
    _check_version(checker, data)
    checker.unknown_keys(data, (), SESSION_KEYS)
    fields = _read_fields(checker, data, audio_exists)
    steps = read_steps(checker, data, StepRules(limits, audio_exists, pack_id is not None))
    _check_holds_note(checker, steps, fields["safety"])
    _check_contraction_note(checker, steps, fields["safety"])
    if checker.problems:
        raise SessionFileError(_in_line_order(checker.problems))
    session = Session(
        steps=tuple(steps),
        origin=origin,
        pack_id=pack_id,
        pack_version=pack_version,
        media_root=media_root,
        **fields,
    )
    _check_length(checker, session, limits)
    if checker.problems:
        raise SessionFileError(checker.problems)
    return session


def _in_line_order(problems: list[Problem]) -> list[Problem]:
    """File-wide problems first, then the rest as they appear in the file (stable)."""
    return sorted(problems, key=lambda problem: problem.line or 0)


def _check_version(checker: Checker, data: Table) -> None:
    """A missing or wrong version is one more problem; a newer one stops here (keys may differ)."""
    if "pfrelax" not in data:
        checker.missing((), "pfrelax", f"; start the file with pfrelax = {FORMAT_VERSION}")
        return
    version = data["pfrelax"]
    if isinstance(version, bool) or not isinstance(version, int):
        checker.wrong_type(("pfrelax",), "a whole number (the format version)", version)
    elif version > FORMAT_VERSION:
        checker.problem(
            ("pfrelax",),
            f"this file is written for pfrelax format {version}; this version of pfrelax reads "
            f"format {FORMAT_VERSION}. Update pfrelax to open it.",
        )
        raise SessionFileError(checker.problems)
    elif version < 1:
        checker.problem(
            ("pfrelax",), f"there is no format {version}; write pfrelax = {FORMAT_VERSION}"
        )


def _read_fields(checker: Checker, data: Table, audio_exists: AudioExists | None) -> dict[str, Any]:
    """The session's own keys (everything but its steps), with defaults.

    A value is None only when a problem was noted, and then no Session is built.
    """
    ambient = media_path(checker, data, "ambient", (), PLAYABLE_AUDIO, audio_exists)
    return {
        "id": _read_id(checker, data),
        "title": _read_title(checker, data),
        "summary": checker.text(data, "summary", ()) or "",
        "language": _read_language(checker, data),
        "tags": tuple(checker.text_list(data, "tags", ()) or ()),
        "checkin": _read_checkin(checker, data),
        "ambient": ambient,
        "source": checker.text(data, "source", ()) or "",
        "safety": checker.text(data, "safety", ()) or "",
    }


def _read_id(checker: Checker, data: Table) -> str | None:
    value = checker.text(data, "id", (), required=True)
    if value is None or not (problem := session_id_problem(value)):
        return value
    checker.problem(("id",), f"'{shown(value)}' {problem}")
    return None


def _read_title(checker: Checker, data: Table) -> str | None:
    value = checker.text(data, "title", (), required=True)
    if value is not None and is_blank(value):
        checker.problem(("title",), "the title is empty; write the name shown in the session list")
        return None
    # The title is what a history keeps of the session, so it obeys the import's rule too.
    problem = "" if value is None else line_problem(value)
    if problem:
        checker.problem(("title",), problem)
        return None
    return value


def _read_language(checker: Checker, data: Table) -> str:
    value = checker.text(data, "language", ())
    if value is None:
        return "en"
    if not _LANGUAGE_PATTERN.fullmatch(value):
        checker.problem(
            ("language",),
            f"'{shown(value)}' is not a language tag; "
            "use a BCP-47 tag such as 'en', 'de' or 'pt-BR'",
        )
    return value


def _read_checkin(checker: Checker, data: Table) -> tuple[str, ...]:
    if "checkin" not in data:
        return CHECKIN_TIMES
    times = checker.text_list(data, "checkin", ()) or []
    for index, time in enumerate(times):
        if time not in CHECKIN_TIMES:
            hint = did_you_mean(time, CHECKIN_TIMES) or f"; use {quoted_list(CHECKIN_TIMES)}"
            checker.problem(("checkin", index), f"'{shown(time)}' is not a check-in time{hint}")
    return tuple(time for time in CHECKIN_TIMES if time in times)


def _check_holds_note(checker: Checker, steps: list[Step], safety: str) -> None:
    """CLINICAL.md: a session that contains holds says so in the note shown before it starts."""
    if Session("", "", tuple(steps)).has_holds and not safety.strip():
        checker.problem(
            ("safety",),
            "this session uses breath holds; add a `safety` note saying so "
            "(it is shown before the session starts)",
        )


def _check_contraction_note(checker: Checker, steps: list[Step], safety: str) -> None:
    """CLINICAL.md §2a: a PT's session with a contraction shows its safety note first."""
    if Session("", "", tuple(steps)).has_contractions and not safety.strip():
        checker.problem(
            ("safety",),
            'this session asks for a gentle pelvic floor contraction (kind = "contract_release"); '
            "add a `safety` note about it (it is shown before the session starts)",
        )


def _check_length(checker: Checker, session: Session, limits: Limits) -> None:
    """The whole session fits within the maximum length (checked once every step is valid)."""
    at_least_ms = _shortest_possible_ms(session)
    if at_least_ms > 2 * limits.session_max_ms:
        # Far too long to lay out breath by breath (minutes = 100000 would take ages).
        _session_too_long(checker, at_least_ms, limits, exact=False)
    elif not any(isinstance(step, SpeakStep) and step.audio for step in session.steps):
        # (With recorded narration the length is known only once the audio is decoded.)
        duration_ms = compile_session(session).duration_ms
        if duration_ms > limits.session_max_ms:
            _session_too_long(checker, duration_ms, limits, exact=True)


def _shortest_possible_ms(session: Session) -> int:
    """A quick lower bound of the session's length, without compiling it."""
    total = 0
    for step in session.steps:
        if isinstance(step, BreatheStep):
            shortest_cycle = min(
                step.pattern.cycle_ms, step.ramp.target.cycle_ms if step.ramp else math.inf
            )
            # Whole cycles land within half a cycle of the target, so half is a safe floor.
            total += (
                int(step.cycles * shortest_cycle) if step.cycles else (step.target_ms or 0) // 2
            )
        elif isinstance(step, PelvicFloorStep | DilatorStep):
            total += practice_length_ms(step)
        else:
            total += step.seconds_ms or 0
    return total


def _session_too_long(checker: Checker, ms: int, limits: Limits, *, exact: bool) -> None:
    lasts = format_minutes(ms) if exact else f"at least {format_minutes(ms)}"
    message = f"the session lasts {lasts}; the maximum is {format_minutes(limits.session_max_ms)}"
    if exact and limits is DEFAULT_LIMITS and ms <= CLINICIAN_LIMITS.session_max_ms:
        message += (
            f' (a PT\'s pack with limits = "clinician" allows up to '
            f"{format_minutes(CLINICIAN_LIMITS.session_max_ms)})"
        )
    checker.problem((), message)
