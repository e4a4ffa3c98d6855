"""The validator's own checks on the studio's unsaved state: a session's problems by field, the
manifest's, and a session ready for the preview. Nothing is saved; the bounds and messages are
the validator's (formats.session_file, formats.pack_manifest), never a copy."""

from __future__ import annotations

from pathlib import PurePosixPath

from pfrelax.core.limits import DEFAULT_LIMITS, Limits
from pfrelax.core.session import Session
from pfrelax.formats.pack_manifest import StopReading, parse_manifest
from pfrelax.formats.pack_source import PackSource, TomlFile
from pfrelax.formats.problems import Problem, SessionFileError
from pfrelax.formats.session_file import parse_session

__all__ = [
    "SessionFileError",
    "checkin_messages",
    "field_messages",
    "manifest_problems",
    "preview_session",
    "session_problems",
]

_STUDIO_PACK_ID = "studio.preview"  # any id: what matters is that the session is in a pack


def manifest_problems(source: PackSource) -> list[Problem]:
    """Every problem in `pack.toml` as it is now."""
    try:
        _, problems = parse_manifest(source.manifest.text)
    except StopReading as stop:
        return [stop.problem]
    return problems


def checkin_messages(source: PackSource, item: int) -> tuple[dict[str, str], list[str]]:
    """For the check-in form: question `item`'s messages by field, and every other `[checkin]`
    problem (the lists', other questions') written out ("checkin.measures[4]: …")."""
    problems = [p for p in manifest_problems(source) if p.key.startswith("checkin")]
    prefix = f"checkin.item[{item}]"
    mine = field_messages(problems, prefix)
    general = [f"{p.key}: {p.message}" for p in problems if _field_under(p.key, prefix) is None]
    return mine, general


def pack_limits(source: PackSource) -> Limits:
    """The bounds the pack's sessions are checked against (`limits` in its manifest)."""
    try:
        manifest, _ = parse_manifest(source.manifest.text)
    except StopReading:
        return DEFAULT_LIMITS
    return manifest.limits


def session_problems(source: PackSource, file: TomlFile) -> list[Problem]:
    """Every problem in one session file as the validator finds it inside this pack."""
    try:
        _parse(source, file)
    except SessionFileError as error:
        return list(error.problems)
    return []


def preview_session(source: PackSource, file: TomlFile) -> Session:
    """The session as the app would play it from the pack; SessionFileError lists its problems."""
    return _parse(source, file)


def field_messages(problems: list[Problem], prefix: str) -> dict[str, str]:
    """The first message for each field under `prefix` (e.g. "step[2]"): {"release": "…"}.

    A problem on a nested key (`prompts.contract`) is given to its top field (`prompts`); one on
    `prefix` itself is given to "" (the step as a whole).
    """
    found: dict[str, str] = {}
    for problem in problems:
        field = _field_under(problem.key, prefix)
        if field is not None and field not in found:
            found[field] = problem.message
    return found


def _field_under(key: str, prefix: str) -> str | None:
    if not prefix:
        rest = key
    elif key == prefix:
        return ""
    elif key.startswith(prefix) and key[len(prefix)] in ".[":
        rest = key[len(prefix) :].lstrip(".")
    else:
        return None
    for stop in ".[":
        rest = rest.split(stop, 1)[0]
    return rest


def _parse(source: PackSource, file: TomlFile) -> Session:
    folder = source.folder

    def exists(name: str) -> bool:
        relative = PurePosixPath(name)
        return (
            not relative.is_absolute() and ".." not in relative.parts and (folder / name).is_file()
        )

    return parse_session(
        file.text,
        file.name,
        limits=pack_limits(source),
        pack_id=_STUDIO_PACK_ID,
        pack_version="0.0.0",
        audio_exists=exists,
        media_root=folder,
    )
