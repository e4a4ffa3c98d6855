"""Importing a pack from the window: read it, word the preview, install as agreed, start its plan.

Reading and installing run on a worker thread; the rest on the thread that opened the history
(an SQLite handle belongs to it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

from pfrelax.core.plan import today_in
from pfrelax.formats.pack import Pack, read_pack
from pfrelax.formats.pack_install import InstallResult
from pfrelax.formats.pack_manifest import MANIFEST
from pfrelax.formats.pack_questions import DowngradeRequired, InstallQuestion
from pfrelax.services.local_time import Now, system_zone, utc_now
from pfrelax.services.pack_preview import OnDisk, PackPreview, installed_folder, on_disk, preview_of
from pfrelax.services.packs import Packs, RegistryFile
from pfrelax.store.db import Database
from pfrelax.store.packs import InstalledPacks

__all__ = [
    "Allowed",
    "DowngradeRequired",
    "InstallQuestion",
    "InstallResult",
    "PackImport",
    "ReadPack",
    "is_pack_path",
]

PACK_SUFFIX = ".pfpack"
Reader = Callable[[Path], Pack]
Installer = Callable[..., InstallResult]


def is_pack_path(path: Path) -> bool:
    """A `.pfpack` file, or a pack folder (one with a pack.toml) while a PT is authoring it."""
    if path.suffix.lower() == PACK_SUFFIX:
        return path.is_file()
    return path.is_dir() and (path / MANIFEST).is_file()


@dataclass(frozen=True, slots=True)
class Allowed:
    """What the person agreed to in the preview (pack_questions)."""

    downgrade: bool = False
    replace: bool = False
    author_change: bool = False


@dataclass(frozen=True, slots=True)
class ReadPack:
    """A checked pack and what is installed under its id on disk."""

    pack: Pack
    on_disk: OnDisk | None

    @property
    def source(self) -> Path:
        return self.pack.source


class PackImport:
    """Packs imported into one history and one packs folder, on an injected clock and zone."""

    def __init__(
        self,
        db: Database,
        *,
        folder: Callable[[], Path] = installed_folder,
        now: Now = utc_now,
        zone: tzinfo | None = None,
        read: Reader = read_pack,
        install: Installer | None = None,
    ) -> None:
        self._db = db
        self._folder = folder
        self._now = now
        self._zone = zone  # None: the computer's, asked when a plan starts
        self._read = read
        # Installs run on a worker thread, so they open the database file there.
        self._install = install or Packs(folder(), RegistryFile(db.path)).install

    def read(self, path: Path) -> ReadPack:
        """Read and check the pack at `path` (PackError, OSError); worker thread."""
        pack = self._read(path)
        return ReadPack(pack, on_disk(pack, self._folder))

    def preview(self, read: ReadPack) -> PackPreview:
        """The preview's words, against what the history says is installed."""
        installed = InstalledPacks(self._db).get(read.pack.id)
        return preview_of(read.pack, installed, read.on_disk)

    def install(self, path: Path, allowed: Allowed) -> InstallResult:
        """Install the pack at `path` as agreed (DowngradeRequired, InstallQuestion when it
        changed meanwhile; nothing written then); worker thread."""
        return self._install(
            path,
            allow_downgrade=allowed.downgrade,
            allow_replace=allowed.replace,
            allow_author_change=allowed.author_change,
        )

    def start_plan(self, result: InstallResult) -> None:
        """Start the installed pack's plan today, unless it has none or was started before.
        StoreError when the history refuses: the pack stays installed."""
        packs = InstalledPacks(self._db)
        record = packs.get(result.pack.id)
        if result.pack.plan and record and record.plan_started is None:
            zone = self._zone if self._zone is not None else system_zone()
            packs.set_plan_started(result.pack.id, today_in(zone, self._now))
