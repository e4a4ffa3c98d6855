"""Installing, upgrading and removing packs under `paths.packs_dir()`, all or nothing.

An install checks the pack while writing its members into a private staging folder inside the
packs folder (same file system, so the final step is a rename), re-hashes what landed on disk,
fsyncs it, and only then swaps it into place and records it (pack_swap: a crash at any moment
leaves the old pack or the new, finished by `recover_packs` at the next start). A refused pack
touches nothing but its own staging folder: the database is not even opened.

Some installs are questions for the person first (pack_questions): an older version, the same
version with different content, or a pack with this id from another author.
The store keeps the day the patient started the plan, and runs and check-ins, across upgrades
and removal.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from pfrelax import paths
from pfrelax.core.limits import DEFAULT_LIMITS, LIMITS_BY_NAME, Limits
from pfrelax.core.session import Session
from pfrelax.durable import write_private
from pfrelax.errors import InputError
from pfrelax.formats.pack import Pack, load_pack
from pfrelax.formats.pack_manifest import MANIFEST
from pfrelax.formats.pack_questions import (
    AuthorChangeRequired,
    DowngradeRequired,
    ReplaceRequired,
    Status,
    install_status,
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
from pfrelax.formats.problems import PackError, Problem, SessionFileError
from pfrelax.formats.session_file import load_session
from pfrelax.formats.toml_text import TomlTextError, load_toml
from pfrelax.store.db import open_database
from pfrelax.store.errors import StoreError
from pfrelax.store.models import InstalledPack
from pfrelax.store.packs import InstalledPacks
from pfrelax.store.recovery import read_only

__all__ = [
    "AuthorChangeRequired",
    "DowngradeRequired",
    "InstallResult",
    "PackNotInstalled",
    "ReplaceRequired",
    "install_pack",
    "installed_packs",
    "installed_sessions",
    "recover_packs",
    "remove_pack",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class InstallResult:
    pack: Pack  # its sessions' origins are inside `folder`
    status: Status
    folder: Path
    previous_version: str | None = None


class PackNotInstalled(InputError, LookupError):  # noqa: N818  # the name the CLI catches
    """No installed pack has that id."""


@contextmanager
def _registry(registry: InstalledPacks | None) -> Iterator[InstalledPacks]:
    if registry is not None:
        yield registry
        return
    with open_database(paths.database_path(), recover_runs=False) as db:
        yield InstalledPacks(db)


def recover_packs(registry: InstalledPacks | None = None) -> None:
    """Start-up entry point: finish or undo what a crashed install, upgrade or removal left,
    and delete leftover staging folders. The app calls it at start; every install, removal and
    listing calls it first. If another pfrelax process is changing packs right now, it leaves
    that process's work alone. A failure here never stops a start: it is logged and retried."""
    try:
        root = paths.data_dir() / "packs"
        if not root.is_dir() or not needs_recovery(root):
            return
        with packs_lock(root, wait=False) as held:
            if held:
                recover_locked(root, lambda: _registry(registry))
    except (OSError, StoreError) as error:
        log.warning("packs: could not finish an interrupted change yet (%s)", error)


def install_pack(
    path: Path,
    *,
    allow_downgrade: bool = False,
    allow_replace: bool = False,
    allow_author_change: bool = False,
    registry: InstalledPacks | None = None,
) -> InstallResult:
    """Check the pack at `path` and install it; PackError (nothing written) when it is invalid.

    Raises DowngradeRequired, ReplaceRequired or AuthorChangeRequired (nothing written) unless
    the matching `allow_…` says the person has agreed.
    """
    root = _writable_packs_dir()
    with packs_lock(root):
        recover_locked(root, lambda: _registry(registry))
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=root))  # 0700
        step("staging-started")
        try:
            pack = load_pack(path, staging, origin_root=staging)
            _reverify(pack, staging)
            _write_levels(pack, staging)
            fsync_tree(staging)
            step("staged")
            with _registry(registry) as packs:
                allowed = (allow_downgrade, allow_replace, allow_author_change)
                return _commit(pack, staging, root, packs, allowed)
        finally:
            if staging.exists() and staging.name not in pending_staging(root):
                shutil.rmtree(staging, ignore_errors=True)


def _writable_packs_dir() -> Path:
    """The packs folder, or ReadOnlyDataError in the words `pfrelax import` uses: in a
    read-only data folder it cannot be created or written, which would otherwise surface as a
    bare "No such file or directory" or "Permission denied"."""
    root = paths.packs_dir()  # never raises; in a read-only folder it is simply not created
    folder = root if root.is_dir() else root.parent
    if not os.access(folder, os.W_OK):
        raise read_only(folder)
    return root


def _reverify(pack: Pack, staging: Path) -> None:
    """Hash what landed on disk: a full disk or a flaky drive must not install a broken pack."""
    problems = []
    for name, expected in pack.files.items():
        digest = hashlib.sha256()
        with (staging / name).open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        if digest.hexdigest() != expected.sha256:
            message = "changed while it was being installed; check the disk and try again"
            problems.append(Problem(name, "", message))
    if problems:
        raise PackError(problems)


def _write_levels(pack: Pack, staging: Path) -> None:
    """The recordings' measured loudness and gains, beside them in the staged pack (so the
    same swap installs them). A pack member of that name is never trusted: what the app
    measured replaces it, and without recordings it is removed."""
    from pfrelax.audio.recording_levels import LEVELS_FILE, levels_json

    (staging / LEVELS_FILE).unlink(missing_ok=True)
    if pack.levels:
        write_private(staging / LEVELS_FILE, levels_json(pack.levels))


def _commit(
    pack: Pack,
    staging: Path,
    root: Path,
    packs: InstalledPacks,
    allowed: tuple[bool, bool, bool],
) -> InstallResult:
    final = root / pack.id
    before = packs.get(pack.id)
    status, previous = install_status(pack, before, final, *allowed)
    if status != "already installed":
        intent = new_intent(
            "install", pack.id, staging=staging.name, version=pack.version, title=pack.title
        )
        carry_out(root, intent, packs)
    return InstallResult(_moved(pack, staging, final), status, final, previous)


def _moved(pack: Pack, staging: Path, final: Path) -> Pack:
    sessions = tuple(
        replace(s, origin=final / s.origin.relative_to(staging)) if s.origin else s
        for s in pack.sessions
    )
    return replace(pack, sessions=sessions)


def remove_pack(pack_id: str, *, registry: InstalledPacks | None = None) -> InstalledPack:
    """Delete an installed pack's folder and its record; runs and check-ins are kept."""
    # Ask the registry first: an unknown id or a damaged history is refused before the packs
    # folder (and its lock) is created.
    with _registry(registry) as packs:
        if packs.get(pack_id) is None:
            raise PackNotInstalled(f"no pack '{pack_id}' is installed (`pfrelax pack list`)")
    root = _writable_packs_dir()
    with packs_lock(root):
        recover_locked(root, lambda: _registry(registry))
        with _registry(registry) as packs:
            installed = packs.get(pack_id)
            if installed is None:
                raise PackNotInstalled(f"no pack '{pack_id}' is installed (`pfrelax pack list`)")
            carry_out(root, new_intent("remove", pack_id), packs)
            return installed


def installed_packs(*, registry: InstalledPacks | None = None) -> list[InstalledPack]:
    """Every installed pack, by title. Listing never creates a database that is not there yet."""
    if registry is None and not paths.database_path().exists():
        return []
    recover_packs(registry)
    with _registry(registry) as packs:
        return packs.installed()


def installed_sessions(*, registry: InstalledPacks | None = None) -> list[Session]:
    """The sessions of every installed pack, with pack_id, pack_version and origin set.

    Installed files were checked on install, so this reads only the session files (not the
    audio); a file damaged since is left out rather than hiding the pack's other sessions.
    """
    sessions: list[Session] = []
    for pack in installed_packs(registry=registry):
        sessions.extend(pack_sessions(pack))
    return sessions


def pack_sessions(pack: InstalledPack) -> list[Session]:
    folder = pack.folder
    limits = _installed_limits(folder / MANIFEST)
    found: list[Session] = []
    for path in sorted((folder / "sessions").glob("*.toml")):
        try:
            found.append(
                load_session(
                    path,
                    limits=limits,
                    pack_id=pack.pack_id,
                    pack_version=pack.version,
                    audio_exists=lambda name: (folder / name).is_file(),
                )
            )
        except SessionFileError:
            continue
    return found


def _installed_limits(manifest: Path) -> Limits:
    try:
        data = load_toml(manifest.read_text(encoding="utf-8"), MANIFEST)
    except (OSError, UnicodeDecodeError, TomlTextError):  # damaged since it was installed
        return DEFAULT_LIMITS
    name = data.get("limits", "default")
    return LIMITS_BY_NAME.get(name, DEFAULT_LIMITS) if isinstance(name, str) else DEFAULT_LIMITS
