"""Which file a speak step plays: a recording (the pack's or shipped), spoken text, or nothing.

Nothing is never an error: without a recording or a speech engine the step shows its captions
and the session goes on. A recording that cannot be opened is reported once (with the file's
name in the pack) and that step, too, falls back to captions.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pfrelax.audio.decode import AudioDecodeError, AudioStream, open_audio
from pfrelax.audio.recording_levels import GainedStream, read_gains
from pfrelax.audio.schedule import NarrationTrack, Span, Stream, ms_to_frame
from pfrelax.audio.speech import SpeechEngine, SpeechError
from pfrelax.audio.voice_library import shipped_clip
from pfrelax.core.session import Session, SpeakStep, media_folder, recorded_file
from pfrelax.core.timeline import Timeline

log = logging.getLogger(__name__)


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
    folder = media_folder(session)
    gains = read_gains(folder) if folder else {}  # a pack's measured levels, when installed
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
