"""The audio half of `pfrelax export-audio`: each plan session as calm-NN.mp3 and a playlist."""

from __future__ import annotations

from pathlib import Path

import soundfile

from pfrelax.commands.library import find_session
from pfrelax.commands.take_along import TakeAlongError
from pfrelax.core.session import Session
from pfrelax.core.today import PackPlan
from pfrelax.formats.m3u import Track, write_playlist

PLAYLIST_FILE = "calm.m3u"


def audio_extension() -> str:
    """mp3 where this libsndfile can encode it (1.1 and newer), else ogg, else wav."""
    formats = soundfile.available_formats()
    for extension, name in ((".mp3", "MP3"), (".ogg", "OGG")):
        if name in formats:
            return extension
    return ".wav"


def track_name(index: int, extension: str) -> str:
    return f"calm-{index:02d}{extension}"


def plan_sessions(plan: PackPlan) -> list[Session]:
    """The plan's sessions in the order the plan first names them, each once."""
    ordered = list(dict.fromkeys(entry.session for entry in plan.entries))
    sessions = []
    for session_id in ordered:
        session = find_session(plan.session(session_id).address)
        if session is None:
            raise TakeAlongError(f"the plan's session '{session_id}' cannot be opened (see above)")
        sessions.append(session)
    return sessions


def export_plan_audio(plan: PackPlan, folder: Path, *, voice: bool) -> list[str]:
    """Render every plan session into `folder` and write the playlist; lines to print."""
    from pfrelax.audio.decode import AudioDecodeError
    from pfrelax.audio.engine import SoundChoice
    from pfrelax.audio.render import RenderError, render_session
    from pfrelax.audio.speech import find_speech_engine
    from pfrelax.core.timeline import TimelineError
    from pfrelax.services.catalog import timeline as session_timeline

    if folder.exists() and not folder.is_dir():
        raise TakeAlongError(f"{folder}: is a file; give a folder to write into")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise TakeAlongError(f"{folder}: cannot create the folder ({error.strerror})") from error
    extension = audio_extension()
    speech = find_speech_engine() if voice else None
    tracks: list[Track] = []
    lines: list[str] = []
    for index, session in enumerate(plan_sessions(plan), start=1):
        path = folder / track_name(index, extension)
        try:
            timeline = session_timeline(session)
            done = render_session(timeline, path, SoundChoice(voice=voice), speech)
        except (TimelineError, AudioDecodeError, RenderError) as error:
            raise TakeAlongError(str(error)) from error
        seconds = round(done.frames / done.rate)
        tracks.append(Track(path.name, seconds, f"Calm minutes {index}"))
        lines.append(f"wrote {path} ({seconds // 60}:{seconds % 60:02d})")
    try:
        write_playlist(folder / PLAYLIST_FILE, tracks)
    except OSError as error:
        raise TakeAlongError(f"{folder / PLAYLIST_FILE}: could not be written ({error})") from error
    lines.append(f"wrote {folder / PLAYLIST_FILE} ({len(tracks)} tracks, {extension[1:]})")
    return lines
