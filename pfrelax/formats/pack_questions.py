"""What installing a pack over an installed one means, and the three installs that need a yes.

- Another author's pack with the same id would replace the PT's pack: never without the person
  agreeing, with both names shown (AuthorChangeRequired).
- The same version with different content is not "already installed": say so (ReplaceRequired).
- An older version goes back (DowngradeRequired).

Each is an exception that carries the question's words; nothing has been written when it is
raised. The caller asks and installs again with the matching `allow_…`.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from pathlib import Path
from typing import Literal, Protocol

from pfrelax.errors import InputError
from pfrelax.formats.pack import Pack
from pfrelax.formats.pack_manifest import (
    MANIFEST,
    Manifest,
    StopReading,
    parse_manifest,
    version_key,
)

Status = Literal["installed", "upgraded", "downgraded", "already installed", "replaced"]


class InstalledPack(Protocol):
    """What the registry says about the installed pack with the same id."""

    @property
    def version(self) -> str: ...

    @property
    def title(self) -> str: ...


_NOT_SHOWN = "an unknown author (its pack.toml cannot be read)"


class InstallQuestion(InputError):  # noqa: N818  # a question for the person, not a failure
    """Installing needs the person's yes first; str() is the question, in plain words."""

    def __init__(self, pack: Pack, message: str) -> None:
        self.pack = pack
        super().__init__(message)


class DowngradeRequired(InstallQuestion):
    """The pack is older than the installed one; install again with allow_downgrade=True."""

    def __init__(self, pack: Pack, installed_version: str) -> None:
        self.installed_version = installed_version
        super().__init__(
            pack,
            f"{pack.title} {installed_version} is installed, and this file is the older version "
            f"{pack.version}. Installing it goes back to {pack.version}; your history and the "
            "day you started the plan are kept.",
        )


class ReplaceRequired(InstallQuestion):
    """Same version, different files; install again with allow_replace=True."""

    def __init__(self, pack: Pack, installed_title: str) -> None:
        self.installed_title = installed_title
        super().__init__(
            pack,
            f"{installed_title} {pack.version} is installed, and this file says it is the same "
            f"version, but its content is different. Installing it replaces the installed "
            "files; your history and the day you started the plan are kept. If you are not "
            "sure, ask your PT for a copy with a new version number.",
        )


class AuthorChangeRequired(InstallQuestion):
    """The installed pack with this id is from someone else; needs allow_author_change=True."""

    def __init__(self, pack: Pack, installed_title: str, installed_who: str) -> None:
        self.installed_title = installed_title
        self.installed_who = installed_who
        self.new_who = who(pack.author, pack.organisation)
        super().__init__(
            pack,
            f"“{installed_title}” is installed from {installed_who}. This file uses the same "
            f"pack id but is from {self.new_who}. Installing it replaces their pack with this "
            "one. Only do this if you trust the person who sent it.",
        )


def who(author: str, organisation: str) -> str:
    """ "Alex Rivera, PT — Riverside Pelvic Health"."""
    return author + (f" — {organisation}" if organisation else "")


def install_status(
    pack: Pack,
    before: InstalledPack | None,
    final: Path,
    allow_downgrade: bool,
    allow_replace: bool,
    allow_author_change: bool,
) -> tuple[Status, str | None]:
    """What installing `pack` over `before` (in `final`) does, or the question it needs."""
    if before is None or not final.is_dir():
        return "installed", None
    installed_who = author_of(installed_manifest(final))
    if not allow_author_change and not same_person(installed_who, pack):
        raise AuthorChangeRequired(pack, before.title, installed_who or _NOT_SHOWN)
    order = _version_order(pack.version, before.version)
    if order > 0:
        return "upgraded", before.version
    if order < 0:
        if not allow_downgrade:
            raise DowngradeRequired(pack, before.version)
        return "downgraded", before.version
    if same_content(pack, final):
        return "already installed", before.version
    if not allow_replace:
        raise ReplaceRequired(pack, before.title)
    return "replaced", before.version


def _version_order(new: str, old: str) -> int:
    try:
        return (version_key(new) > version_key(old)) - (version_key(new) < version_key(old))
    except ValueError:  # a version an older pfrelax accepted and this one cannot compare
        return 1


def installed_manifest(folder: Path) -> Manifest | None:
    """The manifest of the pack installed in `folder`, or None when it cannot be read: the one
    way an installed pack.toml is read (checked on install; what still reads is kept)."""
    try:
        text = (folder / MANIFEST).read_text(encoding="utf-8")
        manifest, _problems = parse_manifest(text)
    except (OSError, UnicodeDecodeError, StopReading):
        return None
    return manifest


def author_of(manifest: Manifest | None) -> str:
    """Who an installed pack is from, or "" when its manifest could not be read."""
    if manifest is None or not manifest.author:
        return ""
    return who(manifest.author, manifest.organisation)


def same_person(installed_who: str, pack: Pack) -> bool:
    """True when `pack` is from whoever the installed pack is from (never for an unknown one)."""
    return bool(installed_who) and _normal(installed_who) == _normal(
        who(pack.author, pack.organisation)
    )


def _normal(text: str) -> str:
    """Case, width and spacing do not make another person."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def same_content(pack: Pack, folder: Path) -> bool:
    """True when `folder` holds exactly the pack's files, byte for byte (besides the levels
    that installing measured, which are the app's, not the pack's)."""
    from pfrelax.audio.recording_levels import LEVELS_FILE

    on_disk: dict[str, str] = {}
    for parent, _, files in os.walk(folder):
        for name in files:
            path = Path(parent) / name
            on_disk[path.relative_to(folder).as_posix()] = _sha256(path)
    on_disk.pop(LEVELS_FILE, None)
    expected = {name: file.sha256 for name, file in pack.files.items() if name != LEVELS_FILE}
    return on_disk == expected


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
