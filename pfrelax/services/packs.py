"""Installing, upgrading, listing and removing packs, with the packs folder and registry injected.

Every change holds the lock on the packs folder, first finishes what a crashed change left
(formats/pack_swap), then stages, checks and swaps (formats/pack_install). A refused pack
touches nothing but its own staging folder: the registry is not even opened. The store keeps the
day the patient started the plan, and runs and check-ins, across upgrades and removal.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Protocol

from pfrelax.core.session import Session, SpeakStep
from pfrelax.durable import write_private
from pfrelax.formats.pack import Pack, load_pack
from pfrelax.formats.pack_install import (
    InstalledContents,
    InstallResult,
    PackNotInstalled,
    commit,
    read_installed,
    reverify,
)
from pfrelax.formats.pack_swap import (
    STAGING_PREFIX,
    carry_out,
    fsync_tree,
    needs_recovery,
    new_intent,
    packs_lock,
    pending_staging,
    recover_locked,
    step,
)
from pfrelax.store.cipher import DatabaseKey
from pfrelax.store.db import Database, open_database
from pfrelax.store.errors import StoreError
from pfrelax.store.models import InstalledPack
from pfrelax.store.packs import InstalledPacks
from pfrelax.store.recovery import read_only

log = logging.getLogger(__name__)


class Registry(Protocol):
    """Where installed packs are recorded: the app's one database handle, or (the command
    line) the database file, opened only when a change or a listing needs it."""

    label: str  # the database file, for a message that it cannot be read

    def exists(self) -> bool: ...

    def open(self) -> contextlib.AbstractContextManager[InstalledPacks]: ...


class SharedRegistry:
    """The registry on a database handle someone else opened and will close (the app's)."""

    def __init__(self, db: Database) -> None:
        self._packs = InstalledPacks(db)
        self.label = str(db.path)

    def exists(self) -> bool:
        return True

    def open(self) -> contextlib.AbstractContextManager[InstalledPacks]:
        return contextlib.nullcontext(self._packs)


class RegistryFile:
    """The registry in the database file at `path`, opened for each use and closed after it:
    a command runs beside the app, so it never marks the app's running session stopped."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self.label = str(path)
        self.key: DatabaseKey | None = None  # an encrypted history's, once the app is unlocked

    def exists(self) -> bool:
        return self._path.exists()

    @contextlib.contextmanager
    def open(self) -> Iterator[InstalledPacks]:
        with open_database(self._path, recover_runs=False, key=self.key) as db:
            yield InstalledPacks(db)


class Packs:
    """The packs installed in `folder` and recorded in `registry`."""

    def __init__(self, folder: Path, registry: Registry) -> None:
        self.folder = folder
        self.registry = registry

    def recover(self) -> None:
        """Start-up entry point: finish or undo what a crashed install, upgrade or removal
        left, and delete leftover staging folders. Every install, removal and listing calls it
        first. Another pfrelax changing packs right now is left alone. A failure never stops a
        start: it is logged and retried next time."""
        try:
            root = self.folder
            if not root.is_dir() or not needs_recovery(root):
                return
            with packs_lock(root, wait=False) as held:
                if held:
                    recover_locked(root, self.registry.open)
        except (OSError, StoreError) as error:
            log.warning("packs: could not finish an interrupted change yet (%s)", error)

    def install(
        self,
        path: Path,
        *,
        allow_downgrade: bool = False,
        allow_replace: bool = False,
        allow_author_change: bool = False,
    ) -> InstallResult:
        """Check the pack at `path` and install it; PackError (nothing written) when invalid.

        Raises DowngradeRequired, ReplaceRequired or AuthorChangeRequired (nothing written)
        unless the matching `allow_…` says the person has agreed.
        """
        root = self._writable_folder()
        with packs_lock(root):
            recover_locked(root, self.registry.open)
            staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=root))  # 0700
            step("staging-started")
            try:
                pack = load_pack(path, staging, origin_root=staging)
                reverify(pack, staging)
                write_levels(pack, staging)
                fsync_tree(staging)
                step("staged")
                with self.registry.open() as packs:
                    allowed = (allow_downgrade, allow_replace, allow_author_change)
                    return commit(pack, staging, root, packs, packs.get(pack.id), allowed)
            finally:
                if staging.exists() and staging.name not in pending_staging(root):
                    shutil.rmtree(staging, ignore_errors=True)

    def remove(self, pack_id: str) -> InstalledPack:
        """Delete an installed pack's folder and its record; runs and check-ins are kept."""
        # Ask the registry first: an unknown id or a damaged history is refused before the
        # packs folder (and its lock) is created.
        with self.registry.open() as packs:
            if packs.get(pack_id) is None:
                raise PackNotInstalled(f"no pack '{pack_id}' is installed (`pfrelax pack list`)")
        root = self._writable_folder()
        with packs_lock(root):
            recover_locked(root, self.registry.open)
            with self.registry.open() as packs:
                installed = packs.get(pack_id)
                if installed is None:
                    message = f"no pack '{pack_id}' is installed (`pfrelax pack list`)"
                    raise PackNotInstalled(message)
                carry_out(root, new_intent("remove", pack_id), packs)
                return installed

    def installed(self) -> list[InstalledPack]:
        """Every installed pack, by title. Listing never creates a database not there yet."""
        if not self.registry.exists():
            return []
        self.recover()
        with self.registry.open() as packs:
            return packs.installed()

    @staticmethod
    def contents(pack: InstalledPack) -> InstalledContents:
        return installed_contents(pack)

    def _writable_folder(self) -> Path:
        """The packs folder, or ReadOnlyDataError in the words `pfrelax import` uses: in a
        read-only data folder it cannot be created or written, which would otherwise surface
        as a bare "No such file or directory" or "Permission denied"."""
        root = self.folder
        with contextlib.suppress(OSError):  # read-only: said below, in the person's words
            root.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder = root if root.is_dir() else root.parent
        if not os.access(folder, os.W_OK):
            raise read_only(folder)
        return root


def installed_contents(pack: InstalledPack) -> InstalledContents:
    """The installed pack's manifest and sessions, read from its folder; each session
    carries the lengths of its recordings as the install measured them."""
    from pfrelax.audio.recording_levels import read_lengths  # numpy: only with packs

    contents = read_installed(pack.folder, pack.pack_id, pack.version)
    lengths = read_lengths(pack.folder)
    if not lengths:
        return contents
    sessions = tuple(_with_lengths(session, lengths) for session in contents.sessions)
    return dataclasses.replace(contents, sessions=sessions)


def _with_lengths(session: Session, lengths: Mapping[str, int]) -> Session:
    named = {session.ambient} | {s.audio for s in session.steps if isinstance(s, SpeakStep)}
    known = tuple(sorted((name, lengths[name]) for name in named if name and name in lengths))
    return dataclasses.replace(session, narration_ms=known)


def write_levels(pack: Pack, staging: Path) -> None:
    """The recordings' measured loudness and gains, beside them in the staged pack (so the
    same swap installs them). A pack member of that name is never trusted: what the app
    measured replaces it, and without recordings it is removed. Here, not in formats: the
    gains are the audio layer's (its target loudness), and formats builds only what it read."""
    from pfrelax.audio.recording_levels import LEVELS_FILE, levels_json  # numpy: only to install

    (staging / LEVELS_FILE).unlink(missing_ok=True)
    if pack.levels:
        write_private(staging / LEVELS_FILE, levels_json(pack.levels, pack.audio_ms))
