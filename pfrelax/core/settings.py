"""The user's preferences as a typed dataclass, and their JSON text; pure (the file is
`services.preferences`'s).

Reading is forgiving: whatever is wrong gives the default and everything that is right is kept.
To add a setting, add a field with a default and, if it has a fixed set of values or a range, a
`choices`/`bounds` entry in its metadata; loading, validation and saving follow from that.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from dataclasses import dataclass, field
from typing import Any

from pfrelax.errors import InputError

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
# Heart rate biofeedback (docs/heart-rate.md): off, a Bluetooth strap, the simulated person, a file.
HEART_SOURCES = ("off", "strap", "demo", "file")
AV_OFFSET_LIMIT_MS = 500
# Our settings file is under 2 KB; anything this big is not one, and is not read into memory.
MAX_FILE_BYTES = 64 * 1024


def _choice(default: str, choices: tuple[str, ...]) -> Any:
    return field(default=default, metadata={"choices": choices})


def _bounded(default: int, low: int, high: int) -> Any:
    return field(default=default, metadata={"bounds": (low, high)})


def _reminder_text(default: str, parse: str) -> Any:
    """Text that `pfrelax.core.reminders.<parse>` must read (it raises ReminderTimeError when
    it cannot). By name: the reminders module (and its datetime) is imported only to check a
    value other than the default, not on the way to every window's first paint."""
    return field(default=default, metadata={"reminder_parse": parse})


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
    # The person's own set's size names for the practice log, comma-separated ("1, 2, 3").
    dilator_sizes: str = ""
    disclaimer_seen: bool = False  # the first-run note (what pfrelax is, stop rules) was shown
    # Gentle reminders on this computer (off until the person turns them on): the times of day,
    # the quiet hours with none, an optional tray icon, and whether they were offered yet.
    reminders_on: bool = False
    reminder_times: str = _reminder_text("08:30,19:00", "parse_times")
    quiet_hours: str = _reminder_text("22:00-07:00", "parse_quiet_hours")
    tray_icon: bool = False
    reminder_offered: bool = False
    # The app lock (docs/privacy.md), in force only while a passphrase is set: minutes without
    # a key or a click before it locks (0: never), and locking when the window is minimised.
    lock_idle_minutes: int = _bounded(5, 0, 240)
    lock_on_minimise: bool = True
    # Whether the idle minutes also count while a session plays (off: a hands-free session with
    # the eyes closed plays through; the minutes start when it pauses or ends).
    lock_in_session: bool = False
    # Discreet mode: the app is called "Calm", and files it suggests are named by date only.
    discreet_name: bool = False
    # Heart rate during sessions: where it comes from (off until chosen), the strap chosen from
    # a scan (its address; empty: the first strap found) and its name, or a recorded RR log.
    heart_source: str = _choice("off", HEART_SOURCES)
    heart_strap_address: str = ""
    heart_strap_name: str = ""
    heart_rr_file: str = ""

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
    if bounds is not None and not bounds[0] <= value <= bounds[1]:
        return False
    parse = spec.metadata.get("reminder_parse")
    if parse is not None and value != default:
        from pfrelax.core import reminders

        try:
            getattr(reminders, parse)(value)
        except reminders.ReminderTimeError:
            return False
    return True


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


class SettingsError(InputError):
    """The settings could not be saved; the message says where and what to do."""


def settings_text(settings: Settings, leave_out: frozenset[str] = frozenset()) -> str:
    """The settings as the file holds them (but the fields `leave_out`): sorted, indented JSON."""
    kept = {key: value for key, value in to_mapping(settings).items() if key not in leave_out}
    return json.dumps(kept, indent=2, sort_keys=True) + "\n"


def parse_settings_text(text: str) -> tuple[dict[str, object] | None, str]:
    """The parsed settings object and "" when `text` is fine; (None, what is wrong) when not."""
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
