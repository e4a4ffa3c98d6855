"""Swapping a pack's folder in or out so that a crash at any moment leaves the old pack or the new.

Every change to the packs folder follows one script, under a lock shared by every pfrelax
process (the app and the command line):

1. the new pack is staged in `.staging-*` and fsynced, files and folders (pack_install);
2. the intent is recorded: `.intent-*.json`, written to a temporary file, fsynced, renamed;
3. the installed folder, if any, is renamed aside to `.old-ID-*`;
4. the staged folder is renamed to `ID`;
5. the registry is updated (one SQLite transaction);
6. the intent is deleted; 7. the old folder is deleted.

Each rename is followed by an fsync of the packs folder. A crash before 2 leaves only a staging
folder, which the next start deletes (the old pack was never touched). A crash after 2 is rolled
forward by the next start, whichever of 3–7 were done: the intent says what to finish, and the
staged copy is complete because 2 comes after it was fsynced. An ordinary error before 5 is
rolled back at once. `recover_locked` is the start-up entry point; services/packs calls it before
every install, removal and listing, so the app and every command see a finished state.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal, Protocol

from pfrelax.durable import sync_folder

STAGING_PREFIX = ".staging-"
OLD_PREFIX = ".old-"
_INTENT_PREFIX = ".intent-"
_INTENT_SUFFIX = ".json"
_LOCK_FILE = ".lock"  # Windows only: elsewhere the packs folder itself is locked


class InstalledPacks(Protocol):
    """The registry of installed packs a swap updates (the store's, passed in by services)."""

    def get(self, pack_id: str) -> object | None: ...

    def upsert(self, pack_id: str, version: str, title: str, folder: Path) -> object: ...

    def remove(self, pack_id: str) -> bool: ...


# Tests set this to stop the process between two steps (see tests/hostile/test_packs_crash.py);
# it is called with the name of the step just completed.
fault_hook: Callable[[str], None] | None = None


def step(name: str) -> None:
    if fault_hook is not None:
        fault_hook(name)


@dataclass(frozen=True, slots=True)
class Intent:
    """What a swap is doing, kept on disk until it is done."""

    action: Literal["install", "remove"]
    pack_id: str
    aside: str  # the name the installed folder is renamed to
    staging: str = ""  # install: the staged folder's name
    version: str = ""
    title: str = ""
    token: str = ""


def new_intent(
    action: Literal["install", "remove"],
    pack_id: str,
    *,
    staging: str = "",
    version: str = "",
    title: str = "",
) -> Intent:
    token = secrets.token_hex(6)
    aside = f"{OLD_PREFIX}{pack_id}-{token}"
    return Intent(action, pack_id, aside, staging, version, title, token)


# -- durability ------------------------------------------------------------------------------------
def fsync_tree(root: Path) -> None:
    """fsync every file under `root`, then every folder, deepest first, then `root` itself."""
    for folder, _, files in os.walk(root, topdown=False):
        for name in files:
            fd = os.open(Path(folder) / name, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        sync_folder(Path(folder))


# -- the lock --------------------------------------------------------------------------------------
@contextlib.contextmanager
def packs_lock(root: Path, *, wait: bool = True) -> Iterator[bool]:
    """Hold the lock on the packs folder; yields False (without it) when `wait` is False and
    another process holds it. The system releases it if the holder dies."""
    if sys.platform == "win32":
        import msvcrt

        fd = os.open(root / _LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            while True:
                try:
                    msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                    break
                except OSError:
                    if not wait:
                        yield False
                        return
                    time.sleep(0.1)  # another pfrelax is installing: wait for it
            try:
                yield True
            finally:
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        finally:
            os.close(fd)
        return
    import fcntl

    fd = os.open(root, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


# -- the intent on disk ----------------------------------------------------------------------------
def _intent_path(root: Path, intent: Intent) -> Path:
    return root / f"{_INTENT_PREFIX}{intent.token}{_INTENT_SUFFIX}"


def record_intent(root: Path, intent: Intent) -> None:
    path = _intent_path(root, intent)
    temporary = path.with_name(path.name + ".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(asdict(intent), handle)
        handle.flush()
        os.fsync(handle.fileno())
    temporary.replace(path)
    sync_folder(root)
    step("intent-recorded")


def _clear_intent(root: Path, intent: Intent) -> None:
    _intent_path(root, intent).unlink(missing_ok=True)
    sync_folder(root)
    step("intent-cleared")


def _read_intents(root: Path) -> list[Intent]:
    intents: list[Intent] = []
    for path in sorted(root.glob(f"{_INTENT_PREFIX}*")):
        if not path.name.endswith(_INTENT_SUFFIX):
            path.unlink(missing_ok=True)  # a temporary file: the intent was never recorded
            continue
        try:
            fields = json.loads(path.read_text(encoding="utf-8"))
            intents.append(Intent(**fields))
        except (OSError, ValueError, TypeError):
            path.unlink(missing_ok=True)  # unreadable: written by something else; nothing to do
    return intents


# -- carrying out an intent ------------------------------------------------------------------------
class Swap:
    """Carries out `intent`; `roll_back` undoes it if the registry has not been updated yet."""

    def __init__(self, root: Path, intent: Intent, packs: InstalledPacks) -> None:
        self.root = root
        self.intent = intent
        self.packs = packs
        self.final = root / intent.pack_id
        self.aside = root / intent.aside
        self.staging = root / intent.staging if intent.staging else None
        self.set_aside = self.moved_in = self.recorded = False

    def run(self) -> None:
        """Steps 3–7, each skipped when a crashed run already did it: safe to run again."""
        staging = self.staging
        swapping = self.intent.action == "remove" or (staging is not None and staging.is_dir())
        if swapping and (self.final.exists() or self.final.is_symlink()):
            self.final.rename(self.aside)
            sync_folder(self.root)
            self.set_aside = True
            step("old-aside")
        if staging is not None and staging.is_dir():
            staging.rename(self.final)
            sync_folder(self.root)
            self.moved_in = True
            step("new-in-place")
        self._register()
        _clear_intent(self.root, self.intent)
        shutil.rmtree(self.aside, ignore_errors=True)
        step("old-removed")

    def _register(self) -> None:
        intent = self.intent
        if intent.action == "remove":
            self.packs.remove(intent.pack_id)
        elif self.final.is_dir():
            self.packs.upsert(intent.pack_id, intent.version, intent.title, self.final)
        elif self.aside.is_dir():  # nothing staged after all (deleted by hand): keep the old
            self.aside.rename(self.final)
            sync_folder(self.root)
        self.recorded = True
        step("recorded")

    def roll_back(self) -> None:
        """After an error (not a crash) before the registry changed: the old state again."""
        if self.moved_in and self.staging is not None:
            self.final.rename(self.staging)  # whence the caller deletes it
        if self.set_aside:
            self.aside.rename(self.final)
        sync_folder(self.root)
        _clear_intent(self.root, self.intent)


def carry_out(root: Path, intent: Intent, packs: InstalledPacks) -> None:
    """Record `intent` and carry it out; an error before the registry changed is undone."""
    record_intent(root, intent)
    swap = Swap(root, intent, packs)
    try:
        swap.run()
    except BaseException:
        if not swap.recorded:
            with contextlib.suppress(OSError):
                swap.roll_back()
        raise


def pending_staging(root: Path) -> set[str]:
    """Staging folders an unfinished intent still needs (they must not be deleted)."""
    return {intent.staging for intent in _read_intents(root) if intent.staging}


# -- recovery --------------------------------------------------------------------------------------
def needs_recovery(root: Path) -> bool:
    """Anything a crashed change may have left: cheap enough to ask at every start."""
    try:
        return any(
            entry.name.startswith((STAGING_PREFIX, OLD_PREFIX, _INTENT_PREFIX))
            for entry in root.iterdir()
        )
    except OSError:
        return False


def recover_locked(
    root: Path, packs: Callable[[], contextlib.AbstractContextManager[InstalledPacks]]
) -> None:
    """Finish what crashed changes recorded, then delete what no one needs. Hold the lock."""
    intents = _read_intents(root)
    if intents:
        with packs() as registry:
            for intent in intents:
                Swap(root, intent, registry).run()
    leftovers = [entry for entry in root.iterdir() if entry.name.startswith(OLD_PREFIX)]
    if leftovers:
        with packs() as registry:
            _restore_needed(root, leftovers, registry)
    for entry in root.iterdir():
        if entry.name.startswith((STAGING_PREFIX, OLD_PREFIX)):
            _remove(entry)
    sync_folder(root)


def _restore_needed(root: Path, leftovers: list[Path], registry: InstalledPacks) -> None:
    """A folder set aside by an older pfrelax that crashed: if the registry still lists its
    pack and the pack's folder is gone, it is the only copy, so it goes back, not away."""
    for entry in sorted(leftovers, key=lambda e: e.stat().st_mtime, reverse=True):
        pack_id = entry.name.removeprefix(OLD_PREFIX).rpartition("-")[0]
        final = root / pack_id
        if pack_id and entry.is_dir() and registry.get(pack_id) and not final.exists():
            entry.rename(final)
            sync_folder(root)


def _remove(entry: Path) -> None:
    if entry.is_dir() and not entry.is_symlink():
        shutil.rmtree(entry, ignore_errors=True)
    else:
        entry.unlink(missing_ok=True)
