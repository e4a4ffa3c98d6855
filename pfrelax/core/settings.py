"""The user's preferences: a typed dataclass, stored as JSON, forgiving of anything it cannot read.

A settings file is never a reason not to start: a missing, unreadable or hand-edited file gives the
defaults for whatever is wrong and keeps everything that is right. To add a setting, add a field
with a default and, if it has a fixed set of values or a range, a `choices`/`bounds` entry in its
metadata; loading, validation and saving follow from that.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pfrelax import paths

log = logging.getLogger(__name__)

THEMES = ("system", "light", "dark")
ANIMATION_STYLES = ("orb", "wave", "path")
# The audio layer's names (synth.SOUND_SETS, ambient.AMBIENT_BEDS, backends.PREFERENCES), kept
# here so the core does not import audio; a unit test keeps the two lists the same.
SOUND_SETS = ("soft", "bell", "none")
AMBIENTS = ("none", "soft-noise", "low-drone")
# "offline" is left out: it renders only when asked to, so a session on it would never move.
AUDIO_OUTPUTS = ("auto", "miniaudio", "simpleaudio", "null")
VOICE_SOURCES = ("natural", "system")
AV_OFFSET_LIMIT_MS = 500
# Our settings file is under 2 KB; anything this big is not one, and is not read into memory.
MAX_FILE_BYTES = 64 * 1024


def _choice(default: str, choices: tuple[str, ...]) -> Any:
    return field(default=default, metadata={"choices": choices})


def _bounded(default: int, low: int, high: int) -> Any:
    return field(default=default, metadata={"bounds": (low, high)})


@dataclass(frozen=True, slots=True)
class Settings:
    theme: str = _choice("system", THEMES)
    animation_style: str = _choice("orb", ANIMATION_STYLES)
    reduced_motion: bool = False
    count_in_seconds: int = _bounded(3, 0, 10)
    show_seconds: bool = True
    sound_set: str = _choice("soft", SOUND_SETS)
    ambient: str = _choice("none", AMBIENTS)
    voice_volume: int = _bounded(100, 0, 100)
    cues_volume: int = _bounded(80, 0, 100)
    ambient_volume: int = _bounded(40, 0, 100)
    muted: bool = False
    voice_enabled: bool = True  # narration and spoken breath prompts
    # "natural": the shipped recordings first; "system": this computer's speech voice reads all.
    voice_source: str = _choice("natural", VOICE_SOURCES)
    av_offset_ms: int = _bounded(0, -AV_OFFSET_LIMIT_MS, AV_OFFSET_LIMIT_MS)
    audio_output: str = _choice("auto", AUDIO_OUTPUTS)  # PFRELAX_AUDIO overrides it
    # Optional check-in measures (CLINICAL.md §3): distress, pelvic floor tension and mood are
    # always asked; these two only when the person chooses.
    checkin_pain: bool = False
    checkin_body_tension: bool = False
    disclaimer_seen: bool = False  # the first-run note (what pfrelax is, stop rules) was shown
    # The app lock (docs/privacy.md), in force only while a passphrase is set: minutes without
    # a key or a click before it locks (0: never), and locking when the window is minimised.
    lock_idle_minutes: int = _bounded(5, 0, 240)
    lock_on_minimise: bool = True
    # Discreet mode: the app is called "Calm", and files it suggests are named by date only.
    discreet_name: bool = False

    @property
    def optional_measures(self) -> list[str]:
        chosen = (("pain", self.checkin_pain), ("body_tension", self.checkin_body_tension))
        return [measure for measure, wanted in chosen if wanted]

    def replace(self, **changes: object) -> Settings:
        """A copy with `changes`, each checked like a value read from the file."""
        return from_mapping({**to_mapping(self), **changes})


def _valid(spec: dataclasses.Field[Any], value: object) -> bool:
    default = spec.default
    # bool is an int in Python; a JSON `1` is not a valid on/off, nor `true` a count.
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if not isinstance(value, type(default)):
        return False
    choices = spec.metadata.get("choices")
    if choices is not None and value not in choices:
        return False
    bounds = spec.metadata.get("bounds")
    return bounds is None or bounds[0] <= value <= bounds[1]


def from_mapping(data: object) -> Settings:
    """Settings from parsed JSON: unknown keys ignored, invalid values replaced by defaults."""
    if not isinstance(data, dict):
        return Settings()
    values: dict[str, Any] = {}
    for spec in dataclasses.fields(Settings):
        if spec.name not in data:
            continue
        value = data[spec.name]
        if _valid(spec, value):
            values[spec.name] = value
        else:
            log.warning("settings: %s=%r is not valid; using %r", spec.name, value, spec.default)
    return Settings(**values)


def to_mapping(settings: Settings) -> dict[str, Any]:
    return {spec.name: getattr(settings, spec.name) for spec in dataclasses.fields(Settings)}


class SettingsError(Exception):
    """The settings could not be saved; the message says where and what to do."""


@dataclass(frozen=True, slots=True)
class Loaded:
    """The settings read at start-up, and what to tell the person about the file, once."""

    settings: Settings
    notice: str = ""


def load(path: Path | None = None) -> Settings:
    """Read the settings file; any problem with it gives defaults (logged, never raised)."""
    target = path if path is not None else paths.settings_path()
    data, problem = _read(target)
    if problem:
        log.warning("settings: %s %s; using defaults", target, problem)
    return from_mapping(data)


def load_at_start(path: Path | None = None, now: Callable[[], datetime] = datetime.now) -> Loaded:
    """Like `load`, and a broken file (or a folder where the file goes) is set aside, renamed
    with the date, so the next save works and the same note is not given at every start."""
    target = path if path is not None else paths.settings_path()
    data, problem = _read(target)
    if not problem:
        return Loaded(from_mapping(data))
    log.warning("settings: %s %s; using defaults", target, problem)
    aside = _set_aside(target, now())
    if aside is None:
        notice = (
            f"Your settings file {target} {problem}, and it could not be moved out of the way. "
            "pfrelax is using its usual settings for now."
        )
    else:
        notice = (
            f"Your settings file {problem}, so pfrelax started with its usual settings. The "
            f"old file is kept as {aside}."
        )
    return Loaded(Settings(), notice)


def _read(target: Path) -> tuple[object, str]:
    """The parsed JSON of the file and "" when it is fine; (None, what is wrong) when not."""
    try:
        if target.is_dir():
            return None, "is a folder, not a file"
        if target.stat().st_size > MAX_FILE_BYTES:
            return None, f"is larger than {MAX_FILE_BYTES // 1024} KB, which no settings file is"
        text = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, ""
    except UnicodeDecodeError:
        return None, "is not UTF-8 text"
    except OSError as error:
        return None, f"cannot be read ({error.strerror or error})"
    try:
        data = json.loads(text)
    except RecursionError:
        return None, "is nested too deeply to be read"
    except json.JSONDecodeError as error:
        return None, f"is not valid settings ({error.msg} on line {error.lineno})"
    except ValueError:  # Python reads at most 4,300 digits of a number
        return None, "has a number too long to read"
    if not isinstance(data, dict):
        return None, "is not valid settings (it holds no settings object)"
    return data, ""


def _set_aside(target: Path, now: datetime) -> Path | None:
    """Rename the broken file (or folder) to settings.json.broken-2026-12-02; None if it cannot
    be renamed."""
    stem = f"{target.name}.broken-{now.strftime('%Y-%m-%d')}"
    aside, n = target.with_name(stem), 1
    while aside.exists():
        n += 1
        aside = target.with_name(f"{stem}-{n}")
    try:
        target.rename(aside)
    except OSError:
        return None
    return aside


def save(settings: Settings, path: Path | None = None) -> None:
    """Write atomically (temp file + fsync + rename), so a crash never leaves half a file.

    SettingsError, saying where and what to do, when the file cannot be written.
    """
    import tempfile  # only when saving: it is slow to import and startup does not need it

    target = path if path is not None else paths.settings_path()
    if target.is_dir():
        raise SettingsError(
            f"Your settings could not be saved: {target} is a folder. Move or rename that "
            "folder and change a setting again."
        )
    text = json.dumps(to_mapping(settings), indent=2, sort_keys=True) + "\n"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise _not_saved(target, error) from error
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        temp.replace(target)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise _not_saved(target, error) from error
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def _not_saved(target: Path, error: OSError) -> SettingsError:
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        why = f"{target.parent} is read-only. Make it writable to keep your changes"
    elif error.errno == errno.ENOSPC:
        why = "the disk is full. Free some space to keep your changes"
    else:
        why = f"{error.strerror or error}. Your changes apply until pfrelax closes"
    return SettingsError(f"Your settings could not be saved: {why}.")
