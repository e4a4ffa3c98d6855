"""Installing a pack, the part that only reads and builds: staging it, checking what landed,
committing the swap, and reading an installed pack's folder back.

An install checks the pack while writing its members into a private staging folder inside the
packs folder (same file system, so the final step is a rename), re-hashes what landed on disk,
fsyncs it, and only then swaps it into place and records it (pack_swap: a crash at any moment
leaves the old pack or the new). services/packs holds the lock, opens the registry and calls
these in order; a refused pack touches nothing but its own staging folder.

Some installs are questions for the person first (pack_questions): an older version, the same
version with different content, or a pack with this id from another author.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

from pfrelax.core.limits import DEFAULT_LIMITS
from pfrelax.core.session import Session
from pfrelax.errors import InputError
from pfrelax.formats.pack import Pack
from pfrelax.formats.pack_manifest import Manifest
from pfrelax.formats.pack_questions import (
    InstalledPack,
    Status,
    install_status,
    installed_manifest,
)
from pfrelax.formats.pack_swap import InstalledPacks, carry_out, new_intent
from pfrelax.formats.problems import PackError, Problem, SessionFileError
from pfrelax.formats.session_file import load_session

__all__ = [
    "InstallResult",
    "InstalledContents",
    "PackNotInstalled",
    "commit",
    "read_installed",
    "reverify",
]


@dataclass(frozen=True, slots=True)
class InstallResult:
    pack: Pack  # its sessions' origins are inside `folder`
    status: Status
    folder: Path
    previous_version: str | None = None


class PackNotInstalled(InputError, LookupError):  # noqa: N818  # the name the CLI catches
    """No installed pack has that id."""


def reverify(pack: Pack, staging: Path) -> None:
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


def commit(
    pack: Pack,
    staging: Path,
    root: Path,
    packs: InstalledPacks,
    before: InstalledPack | None,
    allowed: tuple[bool, bool, bool],
) -> InstallResult:
    """Swap the staged pack in and record it, unless it is already installed as it is."""
    final = root / pack.id
    status, previous = install_status(pack, before, final, *allowed)
    if status != "already installed":
        intent = new_intent(
            "install", pack.id, staging=staging.name, version=pack.version, title=pack.title
        )
        carry_out(root, intent, packs)
    return InstallResult(moved(pack, staging, final), status, final, previous)


def moved(pack: Pack, staging: Path, final: Path) -> Pack:
    sessions = tuple(
        replace(s, origin=final / s.origin.relative_to(staging), media_root=final)
        if s.origin
        else s
        for s in pack.sessions
    )
    return replace(pack, sessions=sessions)


@dataclass(frozen=True, slots=True)
class InstalledContents:
    """An installed pack's folder read back: its manifest (None when it no longer reads) and
    its sessions, each with pack_id, pack_version, origin and media root set."""

    manifest: Manifest | None
    sessions: tuple[Session, ...]


def read_installed(folder: Path, pack_id: str, version: str) -> InstalledContents:
    """Read the installed pack in `folder`: pack.toml once, then its session files.

    Installed files were checked on install, so this reads only the manifest and the session
    files (not the audio); a file damaged since is left out rather than hiding the others.
    """
    manifest = installed_manifest(folder)
    limits = manifest.limits if manifest is not None else DEFAULT_LIMITS
    found: list[Session] = []
    for path in sorted((folder / "sessions").glob("*.toml")):
        try:
            session = load_session(
                path,
                pack_id=pack_id,
                pack_version=version,
                audio_exists=lambda name: (folder / name).is_file(),
                media_root=folder,
                limits=limits,
            )
        except SessionFileError:
            continue
        if manifest is not None:
            session = replace(session, pack_title=manifest.title, pack_author=manifest.author)
        found.append(session)
    return InstalledContents(manifest, tuple(found))
