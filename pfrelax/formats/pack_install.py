"""Installing, upgrading and removing packs under `paths.packs_dir()`, all or nothing.

An install checks the pack while writing its members into a private staging folder inside the
packs folder (same file system, so the final step is a rename), re-hashes what landed on disk,
and only then swaps it into place and records it. An upgrade renames the old folder aside first
and deletes it last; on any failure the old pack is put back and no staging folder is left.
A refused pack touches nothing but its own staging folder: the database is not even opened.
The store keeps the day the patient started the plan, and runs and check-ins, across upgrades
and removal.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from pfrelax import paths
from pfrelax.core.limits import DEFAULT_LIMITS, LIMITS_BY_NAME, Limits
from pfrelax.core.session import Session
from pfrelax.formats.pack import Pack, load_pack
from pfrelax.formats.pack_manifest import MANIFEST, version_key
from pfrelax.formats.problems import PackError, Problem, SessionFileError
from pfrelax.formats.session_file import load_session
from pfrelax.store.db import open_database
from pfrelax.store.models import InstalledPack
from pfrelax.store.packs import InstalledPacks

Status = Literal["installed", "upgraded", "downgraded", "already installed"]
_STAGING_PREFIX = ".staging-"
_OLD_PREFIX = ".old-"
_STALE_AFTER_S = 3600  # a staging folder this old was left by a process that was killed


@dataclass(frozen=True, slots=True)
class InstallResult:
    pack: Pack  # its sessions' origins are inside `folder`
    status: Status
    folder: Path
    previous_version: str | None = None


class DowngradeRequired(Exception):  # noqa: N818  # a question for the person, not a failure
    """The pack is older than the installed one; install again with allow_downgrade=True."""

    def __init__(self, pack: Pack, installed_version: str) -> None:
        self.pack = pack
        self.installed_version = installed_version
        super().__init__(
            f"{pack.title} {installed_version} is installed, and this file is the older version "
            f"{pack.version}. Installing it goes back to {pack.version}; your history and the "
            "day you started the plan are kept."
        )


class PackNotInstalled(LookupError):  # noqa: N818  # the name the CLI catches
    """No installed pack has that id."""


@contextmanager
def _registry(registry: InstalledPacks | None) -> Iterator[InstalledPacks]:
    if registry is not None:
        yield registry
        return
    with open_database(paths.database_path(), recover_runs=False) as db:
        yield InstalledPacks(db)


def install_pack(
    path: Path, *, allow_downgrade: bool = False, registry: InstalledPacks | None = None
) -> InstallResult:
    """Check the pack at `path` and install it; PackError (nothing written) when it is invalid."""
    root = paths.packs_dir()
    _sweep_stale(root)
    staging = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIX, dir=root))  # 0700
    try:
        pack = load_pack(path, staging, origin_root=staging)
        _reverify(pack, staging)
        with _registry(registry) as packs:
            return _commit(pack, staging, root / pack.id, packs, allow_downgrade)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


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


def _commit(
    pack: Pack, staging: Path, final: Path, packs: InstalledPacks, allow_downgrade: bool
) -> InstallResult:
    before = packs.get(pack.id)
    status, previous = _status(pack, before, final, allow_downgrade)
    if status == "already installed":
        return InstallResult(_moved(pack, staging, final), status, final, previous)
    old = final.with_name(f"{_OLD_PREFIX}{final.name}-{time.monotonic_ns()}")
    if final.exists():
        final.rename(old)
    try:
        staging.rename(final)
        packs.upsert(pack.id, pack.version, pack.title, final)
    except BaseException:
        if final.exists() and not staging.exists():
            final.rename(staging)  # the caller's finally removes it
        if old.exists():
            old.rename(final)
        raise
    shutil.rmtree(old, ignore_errors=True)
    return InstallResult(_moved(pack, staging, final), status, final, previous)


def _status(
    pack: Pack, before: InstalledPack | None, final: Path, allow_downgrade: bool
) -> tuple[Status, str | None]:
    if before is None or not final.is_dir():
        return "installed", None
    order = (version_key(pack.version) > version_key(before.version)) - (
        version_key(pack.version) < version_key(before.version)
    )
    if order > 0:
        return "upgraded", before.version
    if order == 0:
        return "already installed", before.version
    if not allow_downgrade:
        raise DowngradeRequired(pack, before.version)
    return "downgraded", before.version


def _moved(pack: Pack, staging: Path, final: Path) -> Pack:
    sessions = tuple(
        replace(s, origin=final / s.origin.relative_to(staging)) if s.origin else s
        for s in pack.sessions
    )
    return replace(pack, sessions=sessions)


def _sweep_stale(root: Path) -> None:
    """Remove staging folders a killed install left behind (old enough not to be in use)."""
    cutoff = time.time() - _STALE_AFTER_S
    for leftover in root.iterdir():
        stale = leftover.is_dir() and leftover.stat().st_mtime < cutoff
        if stale and leftover.name.startswith((_STAGING_PREFIX, _OLD_PREFIX)):
            shutil.rmtree(leftover, ignore_errors=True)


def remove_pack(pack_id: str, *, registry: InstalledPacks | None = None) -> InstalledPack:
    """Delete an installed pack's folder and its record; runs and check-ins are kept."""
    with _registry(registry) as packs:
        installed = packs.get(pack_id)
        if installed is None:
            raise PackNotInstalled(f"no pack '{pack_id}' is installed (`pfrelax pack list`)")
        folder = paths.packs_dir() / pack_id
        aside = folder.with_name(f"{_OLD_PREFIX}{pack_id}-{time.monotonic_ns()}")
        if folder.is_dir():
            folder.rename(aside)  # one step, so the library never sees half a pack
        try:
            packs.remove(pack_id)
        except BaseException:
            if aside.exists():
                aside.rename(folder)
            raise
        shutil.rmtree(aside, ignore_errors=True)
        return installed


def installed_packs(*, registry: InstalledPacks | None = None) -> list[InstalledPack]:
    """Every installed pack, by title. Listing never creates a database that is not there yet."""
    if registry is None and not paths.database_path().exists():
        return []
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
        name = tomllib.loads(manifest.read_text(encoding="utf-8")).get("limits", "default")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return DEFAULT_LIMITS
    return LIMITS_BY_NAME.get(name, DEFAULT_LIMITS) if isinstance(name, str) else DEFAULT_LIMITS
