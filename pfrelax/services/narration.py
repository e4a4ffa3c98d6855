"""A speak step's narration in the pack studio: record it (trimmed, played back, re-recorded), take
a file the PT already has, or let the natural voice speak the text. Every recording is written
atomically into the pack's `audio/` folder under a neutral name, and the step then lasts as long
as its recording (`audio` set, `seconds` removed), exactly as a hand-written pack would say it.
"""

from __future__ import annotations

import shutil
import tempfile
import tomllib
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pfrelax.audio.capture import (
    RATE,
    CaptureError,
    CaptureSource,
    MiniaudioCapture,
    MiniaudioPlayback,
    Samples,
    Take,
    length_ms,
    trim_silence,
)
from pfrelax.audio.decode import AudioDecodeError
from pfrelax.audio.probe import check_audio
from pfrelax.audio.voice_author import (
    NaturalVoice,
    find_natural_voice,
    render_text,
    write_opus,
)
from pfrelax.durable import replace_durably
from pfrelax.errors import InputError
from pfrelax.formats.pack_build import AAC_SUFFIXES, transcode_to_ogg
from pfrelax.formats.pack_source import SESSIONS

__all__ = [
    "CaptureError",
    "CaptureSource",
    "Narration",
    "NarrationRecorder",
    "NaturalVoice",
    "Samples",
    "UnsavedTakes",
    "attach",
    "audio_in_use",
    "find_natural_voice",
    "has_natural_voice",
    "speak_text",
    "take_file",
]

AUDIO = "audio"
PLAYABLE = (".wav", ".flac", ".ogg", ".opus", ".mp3")
Step = MutableMapping[str, Any]


@dataclass(frozen=True, slots=True)
class Narration:
    """A recording now in the pack: its path inside the pack and its length."""

    name: str
    ms: int


class NarrationRecorder:
    """One take at a time from a capture source; the studio's widget only shows what it says."""

    def __init__(
        self,
        capture: Callable[[], CaptureSource] = MiniaudioCapture,
        playback: Callable[[], MiniaudioPlayback] = MiniaudioPlayback,
    ) -> None:
        self._capture = capture
        self._playback = playback
        self._source: CaptureSource | None = None
        self._player: MiniaudioPlayback | None = None
        self.take: Take | None = None
        self.trimmed: Samples | None = None

    @property
    def recording(self) -> bool:
        return self._source is not None

    def start(self) -> None:
        """A new take (a re-record throws the last one away); CaptureError if no microphone."""
        self.stop_playing()
        self.take, self.trimmed = Take(), None
        source = self._capture()
        source.start(self.take.add)
        self._source = source

    def stop(self) -> int:
        """Stop recording and trim the silence at both ends; the take's length in ms."""
        source, self._source = self._source, None
        if source is not None:
            source.stop()
        if self.take is None:
            return 0
        self.trimmed = trim_silence(self.take.samples())
        return length_ms(self.trimmed)

    def level(self) -> float:
        return self.take.level() if self.take is not None and self.recording else 0.0

    def seconds_so_far(self) -> float:
        return self.take.frames / RATE if self.take is not None else 0.0

    def play(self) -> None:
        if self.trimmed is None or self.trimmed.size == 0:
            return
        if self._player is None:
            self._player = self._playback()
        self._player.play(self.trimmed)

    def stop_playing(self) -> None:
        if self._player is not None:
            self._player.stop()

    def save(self, folder: Path) -> Narration:
        """Write the trimmed take into `folder`/audio as a new Opus file."""
        if self.trimmed is None or self.trimmed.size == 0:
            raise InputError("There is no recording to keep yet: record, then stop.")
        target = new_name(folder, ".opus")
        target.parent.mkdir(parents=True, exist_ok=True)
        write_opus(self.trimmed, target)
        return Narration(_inside(folder, target), length_ms(self.trimmed))

    def close(self) -> None:
        self.stop()
        self.stop_playing()


def take_file(folder: Path, chosen: Path) -> Narration:
    """Copy a recording the PT picked into `folder`/audio; a phone's m4a is converted to Ogg Opus
    when the authoring extra is there (otherwise it is copied, and `pack build` says what to do).
    A file that cannot be played to its end is refused and nothing is written."""
    suffix = chosen.suffix.lower()
    if suffix not in PLAYABLE + AAC_SUFFIXES:
        raise InputError(f"{chosen.name}: pfrelax plays wav, flac, ogg, opus and mp3 recordings")
    convert = suffix in AAC_SUFFIXES and _has_converter()
    target = new_name(folder, ".ogg" if convert else suffix)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".take-") as scratch:
        staged = Path(scratch) / target.name
        if convert:
            _convert(chosen, staged)
        else:
            shutil.copyfile(chosen, staged)
        # An unconverted phone recording cannot be measured here; `pack build` converts it.
        ms = 0 if staged.suffix in AAC_SUFFIXES else _measured(staged, chosen.name)
        replace_durably(staged, target)
    return Narration(_inside(folder, target), ms)


def _convert(chosen: Path, staged: Path) -> None:
    from av.error import FFmpegError  # only here: PyAV is the optional authoring extra

    try:
        transcode_to_ogg(chosen, staged)
    except (FFmpegError, IndexError, ValueError) as error:  # IndexError: no audio stream
        raise InputError(f"{chosen.name} could not be converted ({error})") from None


def _measured(path: Path, shown: str) -> int:
    try:
        return check_audio(path, shown)
    except AudioDecodeError as error:
        raise InputError(str(error)) from None


def has_natural_voice(find: Callable[[], NaturalVoice | None] = find_natural_voice) -> bool:
    return find() is not None


def speak_text(
    folder: Path, text: str, find: Callable[[], NaturalVoice | None] = find_natural_voice
) -> Narration:
    """The natural voice reading `text`, as a new recording in the pack (the `voice` extra)."""
    voice = find()
    if voice is None:
        raise InputError(
            "The natural voice is not installed; in the pfrelax folder: "
            "`.venv/bin/pip install -c constraints.txt -e '.[voice]'`"
        )
    if not text.strip():
        raise InputError("Type the words first: there is nothing to speak.")
    target = new_name(folder, ".opus")
    target.parent.mkdir(parents=True, exist_ok=True)
    ms = render_text(voice, text, target)
    return Narration(_inside(folder, target), ms)


def attach(step: Step, narration: Narration) -> None:
    """The step plays `narration` and lasts as long as it does."""
    step["audio"] = narration.name
    if "seconds" in step:
        del step["seconds"]


class UnsavedTakes:
    """The recordings the studio wrote into the pack since it was last saved. Only these may it
    delete: no saved file names them, so a take replaced before saving would be left behind."""

    def __init__(self) -> None:
        self._names: set[str] = set()

    def attach(
        self,
        step: Step,
        narration: Narration,
        folder: Path,
        in_use: Callable[[], Iterable[str]] = tuple,
    ) -> str | None:
        """`attach` the new take; the step's previous recording, if it was an unsaved take of
        ours that no step plays any more (`in_use`, asked afterwards), is deleted; its name is
        returned."""
        old = str(step.get("audio", "") or "")
        attach(step, narration)
        self._names.add(narration.name)
        if not old or old == narration.name or old not in self._names or old in set(in_use()):
            return None
        self._names.discard(old)
        (folder / old).unlink(missing_ok=True)
        return old

    @property
    def pending(self) -> bool:
        """Whether a take of ours is still unsaved (the close question then says it goes)."""
        return bool(self._names)

    def saved(self) -> None:
        """The pack was saved: the takes it names are the PT's now, never ours to delete."""
        self._names.clear()

    def settle(self, folder: Path, kept: Iterable[str] | None) -> list[str]:
        """The rule for takes never saved: when the pack is saved, `kept` is what its saved files
        play; when it is left without saving (closed, or another pack opened), `kept` is what the
        files on disk still play (`saved_audio`). Every take of ours not kept is deleted, the rest
        are the PT's from now on; the deleted names are returned. `kept` None (the saved files
        could not be read) deletes nothing: a recording is never lost on a guess."""
        names, self._names = self._names, set()
        if kept is None:
            return []
        gone = sorted(names - set(kept))
        for name in gone:
            (folder / name).unlink(missing_ok=True)
        return gone


def saved_audio(folder: Path) -> set[str] | None:
    """The recordings the session files saved in `folder` play; None when one cannot be read."""
    documents = []
    for path in sorted((folder / SESSIONS).glob("*.toml")):
        try:
            documents.append(tomllib.loads(path.read_text("utf-8")))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return None
    return audio_in_use(documents)


def audio_in_use(documents: Iterable[Mapping[str, Any]]) -> set[str]:
    """Every recording a step of these session documents plays."""
    names = set()
    for document in documents:
        steps = document.get("step", [])
        for step in steps if isinstance(steps, list) else []:
            if isinstance(step, Mapping) and step.get("audio"):
                names.add(str(step["audio"]))
    return names


def new_name(folder: Path, suffix: str) -> Path:
    """`audio/narration-N<suffix>`, the first N not used: names that say nothing about anyone."""
    number = 1
    while any((folder / AUDIO).glob(f"narration-{number}.*")):
        number += 1
    return folder / AUDIO / f"narration-{number}{suffix}"


def _inside(folder: Path, path: Path) -> str:
    return path.relative_to(folder).as_posix()


def _has_converter() -> bool:
    try:
        import av  # noqa: F401  # optional: the `authoring` extra
    except ImportError:
        return False
    return True
