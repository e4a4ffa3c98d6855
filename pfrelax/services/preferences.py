"""The one owner of the person's preferences: settings.json read once, changed here, listened to.

A settings file is never a reason not to start: a missing, unreadable or hand-edited file gives the
defaults for whatever is wrong and keeps everything that is right; a broken file is set aside
(renamed with the date) and the person told once. Saving is whole or not at all (`durable`).
"""

from __future__ import annotations

import errno
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pfrelax import durable, paths
from pfrelax.core.settings import (
    MAX_FILE_BYTES,
    Settings,
    SettingsError,
    from_mapping,
    parse_settings_text,
    settings_text,
    to_mapping,
)

if TYPE_CHECKING:
    from datetime import datetime

    from pfrelax.core.checkin import Measure
    from pfrelax.store.db import Database

log = logging.getLogger(__name__)

# Told which settings changed (their field names), after the change is in place.
Listener = Callable[[frozenset[str]], None]
# Told why a change could not be saved (it still applies until pfrelax closes).
UnsavedListener = Callable[[SettingsError], None]

_MEASURE_FIELDS = {"pain": "checkin_pain", "body_tension": "checkin_body_tension"}
# The settings that tell the person's condition: kept inside the history database (encrypted
# with a passphrase) once `keep_private_in` has it, never again in the plain settings.json.
PRIVATE_FIELDS = frozenset(_MEASURE_FIELDS.values())
# Gives the history database now open (it changes on a restore or a passphrase), or None.
DatabaseSource = Callable[[], "Database | None"]
AUDIO_ENV = "PFRELAX_AUDIO"  # overrides the audio_output setting, e.g. PFRELAX_AUDIO=null in CI


class Preferences:
    """The current `Settings`, the file they live in, and who wants to hear of a change.

    Nothing else keeps a copy: read `settings` when you need a value, `subscribe` to follow it.
    """

    def __init__(
        self,
        path: Path,
        settings: Settings | None = None,
        *,
        notice: str = "",
        in_file: frozenset[str] = frozenset(),
    ) -> None:
        self.path = path
        self._settings = settings if settings is not None else Settings()
        # What to tell the person about the file, once (a broken file set aside); "" if nothing.
        self.notice = notice
        self._in_file = in_file  # the fields the file named: a carried value never overrides them
        self._listeners: list[Listener] = []
        self._unsaved_listeners: list[UnsavedListener] = []
        self._private: DatabaseSource | None = None  # where PRIVATE_FIELDS live, once known
        self._private_stored = False  # the database held a choice of its own

    @classmethod
    def open(
        cls, path: Path | None = None, now: Callable[[], datetime] | None = None
    ) -> Preferences:
        """The app's start: read the file, setting a broken one aside (see `load_at_start`)."""
        target = path if path is not None else paths.settings_path()
        data, problem = _read(target)
        if not problem:
            return cls(target, from_mapping(data), in_file=_named_fields(data))
        return cls(target, Settings(), notice=_set_aside_notice(target, problem, (now or _now)()))

    @classmethod
    def read(cls, path: Path | None = None) -> Preferences:
        """A reader beside the app (the CLI): a broken file gives the defaults and stays put."""
        target = path if path is not None else paths.settings_path()
        data, problem = _read(target)
        if problem:
            log.warning("settings: %s %s; using defaults", target, problem)
        return cls(target, from_mapping(data), in_file=_named_fields(data))

    @property
    def settings(self) -> Settings:
        return self._settings

    def checkin_measures(self) -> tuple[Measure, ...]:
        """What a check-in around a session asks: the three always asked, plus those chosen."""
        # Imported on first use: the check-in types are not needed for the first paint.
        from pfrelax.core.checkin import session_measures

        return session_measures(self._settings.optional_measures)

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        """Stop telling `listener`; a listener not subscribed is ignored."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def subscribe_unsaved(self, listener: UnsavedListener) -> None:
        """Be told when a change could not be saved (the message says where and what to do);
        with no one listening it is logged."""
        self._unsaved_listeners.append(listener)

    def unsubscribe_unsaved(self, listener: UnsavedListener) -> None:
        if listener in self._unsaved_listeners:
            self._unsaved_listeners.remove(listener)

    def set(self, settings: Settings) -> bool:
        """Make `settings` current, tell the listeners what changed, and save; False when the
        file could not be written (the unsaved listeners are told why; the settings apply for
        this run all the same). Nothing changed, nothing saved."""
        before, after = to_mapping(self._settings), to_mapping(settings)
        changed = frozenset(key for key in after if after[key] != before[key])
        if not changed:
            return True
        self._settings = settings
        for listener in list(self._listeners):
            listener(changed)
        saves = [self._save_file]
        if changed & PRIVATE_FIELDS:
            saves.append(self._save_private)
        saved = True
        for save_part in saves:  # each on its own: one failing keeps the other
            try:
                save_part()
            except SettingsError as error:
                log.warning("settings: %s", error)
                for unsaved in list(self._unsaved_listeners):
                    unsaved(error)
                saved = False
        return saved

    def keep_private_in(self, database: DatabaseSource) -> bool:
        """From now on keep PRIVATE_FIELDS in the history database, reading its choice.

        Values the file still holds are copied in first and removed from the file only after
        that commit, so a crash leaves them in one place or both (the database's then win).
        False, changing nothing, when the database is not open or cannot be written.
        """
        from pfrelax.store.errors import StoreError
        from pfrelax.store.private_preferences import read_private, write_private

        db = database()
        if db is None or db.read_only:
            return False
        stored = {k: v for k, v in read_private(db.connection).items() if k in PRIVATE_FIELDS}
        carry = {f: getattr(self._settings, f) for f in PRIVATE_FIELDS & self._in_file}
        carry = {field: value for field, value in carry.items() if field not in stored}
        try:
            if carry:
                with db.transaction() as con:
                    write_private(con, carry)
        except StoreError as error:
            log.warning("settings: the check-in choices stay in the file: %s", error)
            return False
        self._private, self._private_stored = database, bool(stored)
        self._apply({**carry, **stored})
        if self._in_file & PRIVATE_FIELDS:
            try:
                self._save_file()
            except SettingsError as error:  # still in both places; the next save removes them
                log.warning("settings: %s", error)
        return True

    def _apply(self, values: Mapping[str, object]) -> None:
        """Make `values` current and tell the listeners, saving nothing (they are saved)."""
        before = to_mapping(self._settings)
        self._settings = self._settings.replace(**values)
        changed = frozenset(k for k, v in to_mapping(self._settings).items() if v != before[k])
        if changed:
            for listener in list(self._listeners):
                listener(changed)

    def _save_private(self) -> None:
        from pfrelax.store.errors import StoreError
        from pfrelax.store.private_preferences import write_private

        if self._private is None:
            return  # no database yet: they go to the file (see _left_out)
        db = self._private()
        if db is None or db.read_only:
            raise SettingsError(
                "Your check-in choices could not be saved: your history is not open. They apply "
                "until pfrelax closes."
            )
        try:
            with db.transaction() as con:
                write_private(
                    con, {field: getattr(self._settings, field) for field in PRIVATE_FIELDS}
                )
        except StoreError as error:
            raise SettingsError(f"Your check-in choices could not be saved: {error}") from error
        self._private_stored = True

    def _save_file(self) -> None:
        leave_out = self._left_out()
        save(self._settings, self.path, leave_out=leave_out)
        self._in_file = frozenset(to_mapping(self._settings)) - leave_out

    def _left_out(self) -> frozenset[str]:
        """The private fields the file must not hold: all once the database keeps them; before
        that (the CLI, a history that cannot be opened) those never chosen here."""
        if self._private is not None:
            return PRIVATE_FIELDS
        defaults = Settings()
        return frozenset(
            field
            for field in PRIVATE_FIELDS - self._in_file
            if getattr(self._settings, field) == getattr(defaults, field)
        )

    def change(self, **changes: object) -> bool:
        """`set` with these fields changed, each checked like a value read from the file."""
        return self.set(self._settings.replace(**changes))

    def adopt_carried(self, db: Database) -> None:
        """Take over what the database's old `settings` table held (migration 6 keeps it in
        `carried_preferences`): saved here first, only then forgotten there, so a crash at any
        moment keeps it in one place or both. The file's own choice, if it made one, wins.
        When the file cannot be saved the row stays, to be taken next time.
        """
        from pfrelax.store.carried import MEASURES_KEY, carried_preferences, forget_carried

        carried = carried_preferences(db)
        if not carried:
            return
        measures = carried.get(MEASURES_KEY)
        chosen_already = self._private_stored or self._in_file & PRIVATE_FIELDS
        if isinstance(measures, list) and not chosen_already:
            chosen = {str(name) for name in measures}
            wanted = {field: name in chosen for name, field in _MEASURE_FIELDS.items()}
            if not self.change(**wanted):
                return
        if not db.read_only:
            forget_carried(db)


def audio_preference(settings: Settings, environ: Mapping[str, str] | None = None) -> str:
    """The sound output to open, for the player and `pfrelax doctor` alike: $PFRELAX_AUDIO
    when set, else the audio_output setting."""
    value = (os.environ if environ is None else environ).get(AUDIO_ENV, "").strip()
    return value or settings.audio_output


def _named_fields(data: object) -> frozenset[str]:
    return frozenset(str(key) for key in data) if isinstance(data, dict) else frozenset()


@dataclass(frozen=True, slots=True)
class Loaded:
    """The settings read at start-up, and what to tell the person about the file, once."""

    settings: Settings
    notice: str = ""


def load(path: Path | None = None) -> Settings:
    """Read the settings file; any problem with it gives defaults (logged, never raised)."""
    return Preferences.read(path).settings


def load_at_start(path: Path | None = None, now: Callable[[], datetime] | None = None) -> Loaded:
    """Like `load`, and a broken file (or a folder where the file goes) is set aside, renamed
    with the date, so the next save works and the same note is not given at every start."""
    opened = Preferences.open(path, now)
    return Loaded(opened.settings, opened.notice)


def _now() -> datetime:
    # Imported here: a settings file set aside is rare, and datetime is not needed to paint.
    from datetime import datetime

    return datetime.now()


def _set_aside_notice(target: Path, problem: str, now: datetime) -> str:
    log.warning("settings: %s %s; using defaults", target, problem)
    aside = _set_aside(target, now)
    if aside is None:
        return (
            f"Your settings file {target} {problem}, and it could not be moved out of the way. "
            "pfrelax is using its usual settings for now."
        )
    return (
        f"Your settings file {problem}, so pfrelax started with its usual settings. The "
        f"old file is kept as {aside}."
    )


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
    return parse_settings_text(text)


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


def save(
    settings: Settings, path: Path | None = None, *, leave_out: frozenset[str] = frozenset()
) -> None:
    """Write whole or not at all (temp file, fsync, rename), so a crash never leaves half a file;
    the fields `leave_out` are not written.

    SettingsError, saying where and what to do, when the file cannot be written.
    """
    target = path if path is not None else paths.settings_path()
    if target.is_dir():
        raise SettingsError(
            f"Your settings could not be saved: {target} is a folder. Move or rename that "
            "folder and change a setting again."
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        durable.write_private(target, settings_text(settings, leave_out).encode("utf-8"))
    except OSError as error:
        raise _not_saved(target, error) from error


def _not_saved(target: Path, error: OSError) -> SettingsError:
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        why = f"{target.parent} is read-only. Make it writable to keep your changes"
    elif error.errno == errno.ENOSPC:
        why = "the disk is full. Free some space to keep your changes"
    else:
        why = f"{error.strerror or error}. Your changes apply until pfrelax closes"
    return SettingsError(f"Your settings could not be saved: {why}.")
