"""The pack and catalog services as the command line wires them (packs folder and database in
the data folder the test's PFRELAX_HOME gives), for tests that install, list and remove packs."""

from __future__ import annotations

from pathlib import Path

from pfrelax.commands.library import open_library, open_packs
from pfrelax.core.session import Session
from pfrelax.formats.pack_install import InstallResult
from pfrelax.services.catalog import Catalog
from pfrelax.store.models import InstalledPack


def install_pack(
    path: Path,
    *,
    allow_downgrade: bool = False,
    allow_replace: bool = False,
    allow_author_change: bool = False,
) -> InstallResult:
    return open_packs().install(
        path,
        allow_downgrade=allow_downgrade,
        allow_replace=allow_replace,
        allow_author_change=allow_author_change,
    )


def remove_pack(pack_id: str) -> InstalledPack:
    return open_packs().remove(pack_id)


def installed_packs() -> list[InstalledPack]:
    return open_packs().installed()


def installed_sessions() -> list[Session]:
    packs = open_packs()
    return [session for pack in packs.installed() for session in packs.contents(pack).sessions]


def recover_packs() -> None:
    open_packs().recover()


def open_catalog() -> Catalog:
    return open_library()
