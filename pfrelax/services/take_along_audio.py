"""The plan's sessions as audio files (calm-01.mp3, …) and a calm.m3u playlist, with progress
and a way to stop part-way (the files this export wrote are then removed)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import soundfile

from pfrelax.core.session import Session
from pfrelax.core.today import PackPlan
from pfrelax.formats.m3u import Track, write_playlist
from pfrelax.services.take_along import (
    CALENDAR_FILE,
    PlanRequest,
    TakeAlongError,
    write_plan_calendar,
)

if TYPE_CHECKING:
    from pfrelax.audio.engine import SoundChoice
    from pfrelax.audio.speech import SpeechEngine

log = logging.getLogger(__name__)

PLAYLIST_FILE = "calm.m3u"
# Told (sessions done, sessions in all, fraction of the current one done).
Progress = Callable[[int, int, float], None]
FindSession = Callable[[str], Session | None]  # a session by its address; None if it cannot


class _StoppedError(Exception):
    """The person stopped the export: unwinds the renderer from its progress callback, and
    never leaves this module (callers get None, a normal outcome, not an exception)."""


@dataclass(frozen=True, slots=True)
class WrittenTrack:
    path: Path
    seconds: int


def audio_extension() -> str:
    """mp3 where this libsndfile can encode it (1.1 and newer), else ogg, else wav."""
    formats = soundfile.available_formats()
    for extension, name in ((".mp3", "MP3"), (".ogg", "OGG")):
        if name in formats:
            return extension
    return ".wav"


def track_name(index: int, extension: str) -> str:
    return f"calm-{index:02d}{extension}"


def plan_sessions(plan: PackPlan, find: FindSession) -> list[Session]:
    """The plan's sessions in the order the plan first names them, each once."""
    sessions = []
    for session_id in dict.fromkeys(entry.session for entry in plan.entries):
        session = find(plan.session(session_id).address)
        if session is None:
            raise TakeAlongError(f"the plan's session '{session_id}' cannot be opened")
        sessions.append(session)
    return sessions


def export_plan_audio(
    plan: PackPlan,
    folder: Path,
    find: FindSession,
    *,
    voice: bool,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> list[WrittenTrack] | None:
    """Render every plan session into `folder` and write the playlist. None when `cancelled()`
    turns true (checked as each block is written): the person stopped it; its files are removed."""
    from pfrelax.audio.engine import SoundChoice
    from pfrelax.audio.speech import find_speech_engine

    _make_folder(folder)
    sessions = plan_sessions(plan, find)
    sound = (SoundChoice(voice=voice), find_speech_engine() if voice else None)
    written: list[WrittenTrack] = []
    try:
        for index, session in enumerate(sessions, start=1):
            where = (index, len(sessions))
            written.append(_render(session, folder, where, sound, progress, cancelled))
        write_playlist(
            folder / PLAYLIST_FILE,
            [Track(t.path.name, t.seconds, f"Calm minutes {n}") for n, t in enumerate(written, 1)],
        )
    except _StoppedError:
        _remove(written)
        return None
    except OSError as error:
        _remove(written)
        raise TakeAlongError(f"{folder / PLAYLIST_FILE}: could not be written ({error})") from error
    except BaseException:
        _remove(written)
        raise
    return written


def export_plan(
    request: PlanRequest,
    folder: Path,
    find: FindSession,
    *,
    voice: bool,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> list[WrittenTrack] | None:
    """The plan's tracks, playlist and calendar in `folder`: all of them, or none of this
    export's (a calendar that cannot be written takes the tracks and the playlist back).
    None when the person stopped it (its files are removed)."""
    written = export_plan_audio(
        request.plan, folder, find, voice=voice, progress=progress, cancelled=cancelled
    )
    if written is None:
        return None
    try:
        write_plan_calendar(request, folder / CALENDAR_FILE, now)
    except BaseException:
        _remove(written)
        (folder / PLAYLIST_FILE).unlink(missing_ok=True)
        raise
    return written


def _render(
    session: Session,
    folder: Path,
    where: tuple[int, int],
    sound: tuple[SoundChoice, SpeechEngine | None],
    progress: Progress | None,
    cancelled: Callable[[], bool],
) -> WrittenTrack:
    """Session number `where[0]` of `where[1]`, as calm-NN in `folder`."""
    from pfrelax.audio.decode import AudioDecodeError
    from pfrelax.audio.render import RenderError, render_session
    from pfrelax.core.timeline import TimelineError
    from pfrelax.services.catalog import timeline as session_timeline

    index, count = where

    def each_block(done: int, total: int) -> None:
        if cancelled():
            raise _StoppedError
        if progress is not None:
            progress(index - 1, count, done / total if total else 1.0)

    path = folder / track_name(index, audio_extension())
    choice, speech = sound
    try:
        timeline = session_timeline(session)
        done = render_session(timeline, path, choice, speech, progress=each_block)
    except (TimelineError, AudioDecodeError, RenderError) as error:
        raise TakeAlongError(str(error)) from error
    return WrittenTrack(path, round(done.frames / done.rate))


def _make_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise TakeAlongError(f"{folder}: is a file; give a folder to write into")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise TakeAlongError(f"{folder}: cannot create the folder ({error.strerror})") from error


def _remove(written: list[WrittenTrack]) -> None:
    for track in written:
        track.path.unlink(missing_ok=True)


def found_or_none(find: Callable[[str], Session], address: str) -> Session | None:
    """`find(address)`, or None when the session is gone or its file cannot be read (logged)."""
    from pfrelax.formats.library import SessionNotFound
    from pfrelax.formats.problems import SessionFileError

    try:
        return find(address)
    except (SessionNotFound, SessionFileError) as error:
        log.warning("take along: %s: %s", address, error)
        return None
