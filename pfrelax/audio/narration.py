"""Which file a speak step plays: a recording (the pack's or shipped), spoken text, or nothing.

Nothing is never an error: without a recording or a speech engine the step shows its captions
and the session goes on. A recording that cannot be opened is reported once (with the file's
name in the pack) and that step, too, falls back to captions.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path

from pfrelax.audio.decode import AudioDecodeError, AudioStream, audio_length_ms, open_audio
from pfrelax.audio.recording_levels import GainedStream, read_gains
from pfrelax.audio.schedule import NarrationTrack, Span, Stream, ms_to_frame
from pfrelax.audio.speech import SpeechEngine, SpeechError
from pfrelax.audio.voice_library import shipped_clip
from pfrelax.core.session import Session, SpeakStep, Step
from pfrelax.core.timeline import Timeline, TimelineError, compile_session

log = logging.getLogger(__name__)


def audio_roots(session: Session) -> list[Path]:
    """Folders a session's audio paths may be relative to, most likely first.

    A loose session file's audio sits beside it; a pack's session lives in `sessions/`, and the
    pack's audio paths start at the pack's top folder.
    """
    if session.origin is None:
        return []
    folder = session.origin.parent
    return [folder.parent, folder] if folder.name == "sessions" else [folder, folder.parent]


def recorded_file(session: Session, relative: str) -> Path | None:
    """The recording `relative` (as written in the session file), if it is anywhere expected."""
    roots = audio_roots(session)
    for root in roots:
        candidate = root / relative
        if candidate.is_file():
            return candidate
    return roots[0] / relative if roots else None


def narration_file(
    session: Session,
    step: SpeakStep,
    speech: SpeechEngine | None,
    voice: str | None = None,
    *,
    natural: bool = True,
) -> Path | None:
    """The file to play for `step`, best first: its recording (the pack's, else the natural
    voice's shipped one when `natural`), else its text spoken by `speech`, else None."""
    if step.audio:
        return recorded_file(session, step.audio)
    if not step.text.strip():
        return None
    shipped = shipped_clip(step.text) if natural else None
    if shipped is not None:
        return shipped[0]
    if speech is None:
        return None
    try:
        return speech.synthesize(step.text, voice)
    except SpeechError as error:
        log.warning("narration: %s; showing captions instead", error)
        return None


def length_reader(session: Session) -> Callable[[str], int]:
    """`audio_length_ms` for `compile_session`: recorded narration lengths, read from headers."""

    def length(relative: str) -> int:
        path = recorded_file(session, relative)
        if path is None:
            raise AudioDecodeError(f"{relative}: the session has no folder to find it in")
        return audio_length_ms(path, relative)

    return length


def open_narration(
    timeline: Timeline,
    speech: SpeechEngine | None,
    rate: int,
    voice: str | None = None,
    *,
    natural: bool = True,
) -> tuple[tuple[NarrationTrack, ...], tuple[str, ...]]:
    """Open every speak step's audio as a stream placed at its step; and what could not be."""
    session = timeline.session
    tracks: list[NarrationTrack] = []
    problems: list[str] = []
    roots = audio_roots(session)
    gains = read_gains(roots[0]) if roots else {}  # a pack's measured levels, when installed
    for span in timeline.steps:
        step = session.steps[span.index]
        if not isinstance(step, SpeakStep):
            continue
        path = narration_file(session, step, speech, voice, natural=natural)
        if path is None:
            continue
        try:
            stream: Stream = open_audio(path, rate, step.audio or None)
        except AudioDecodeError as error:
            problems.append(str(error))
            continue
        if step.audio in gains:
            stream = GainedStream(stream, gains[step.audio])
        frames = Span(ms_to_frame(span.start_ms, rate), ms_to_frame(span.end_ms, rate))
        tracks.append(NarrationTrack(span.index, frames, stream))
    return tuple(tracks), tuple(problems)


def open_ambient_file(session: Session, rate: int) -> tuple[AudioStream | None, tuple[str, ...]]:
    """The session's own ambient recording (`ambient = "audio/rain.ogg"`), opened to loop."""
    if not session.ambient:
        return None, ()
    path = recorded_file(session, session.ambient)
    if path is None:
        return None, (f"{session.ambient}: the session has no folder to find it in",)
    try:
        return open_audio(path, rate, session.ambient), ()
    except AudioDecodeError as error:
        return None, (str(error),)


def session_length_ms(session: Session) -> int | None:
    """The session's length with its recorded narration, or None when that cannot be known:
    what the Library's cards and the Today page show, from the player's own timeline."""
    try:
        return compile_with_recordings(session).duration_ms
    except (TimelineError, OSError):
        return None


def compile_with_recordings(session: Session) -> Timeline:
    """The session's timeline, with recorded narration as long as its audio file.

    A recording whose length cannot be read falls back to the step's `seconds` when given;
    otherwise the session cannot be laid out and TimelineError says which file. A text-only
    step with a shipped natural-voice recording lasts its `seconds` or the recording, whichever
    is longer: the author's pacing is kept and the voice is never cut off.
    """
    session = with_shipped_lengths(session)
    if not any(isinstance(step, SpeakStep) and step.audio for step in session.steps):
        return compile_session(session)
    reader = length_reader(session)

    def length(relative: str) -> int:
        try:
            return reader(relative)
        except AudioDecodeError as error:
            steps = (s for s in session.steps if isinstance(s, SpeakStep) and s.audio == relative)
            fallback = next(steps).seconds_ms
            if fallback:
                return fallback
            raise TimelineError(str(error)) from None

    return compile_session(session, audio_length_ms=length)


def with_shipped_lengths(session: Session) -> Session:
    """`session` with each text-only speak step at least as long as its shipped recording."""
    steps: list[Step] = []
    for step in session.steps:
        shipped = None
        if isinstance(step, SpeakStep) and not step.audio and step.text.strip():
            shipped = shipped_clip(step.text)
        if isinstance(step, SpeakStep) and shipped and shipped[1].ms > (step.seconds_ms or 0):
            steps.append(dataclasses.replace(step, seconds_ms=shipped[1].ms))
        else:
            steps.append(step)
    changed = any(new is not old for new, old in zip(steps, session.steps, strict=True))
    return dataclasses.replace(session, steps=tuple(steps)) if changed else session
