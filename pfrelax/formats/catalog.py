"""Every playable session: the built-in library joined with the sessions of installed packs."""

from __future__ import annotations

from pfrelax import paths
from pfrelax.core.session import Session
from pfrelax.formats.library import SessionLibrary
from pfrelax.formats.pack_install import installed_sessions, recover_packs
from pfrelax.formats.problems import Problem
from pfrelax.store.cipher import DatabaseKey, is_encrypted
from pfrelax.store.db import open_database
from pfrelax.store.errors import StoreError
from pfrelax.store.packs import InstalledPacks

LOCKED_PACKS = (
    "installed packs are not listed: your history is protected by a passphrase, which only the "
    "app and the history commands ask for"
)


class Catalog(SessionLibrary):
    """The library with installed packs; an unreadable pack registry is reported, not fatal.

    `database_key` opens an encrypted history's pack registry; until the app is unlocked the
    packs are not listed (nothing about them can be read), and `reload()` adds them after.
    """

    def __init__(self) -> None:
        super().__init__(paths.builtin_sessions_dir(), extra=self._pack_sessions)
        self.registry_problem: Problem | None = None
        self.database_key: DatabaseKey | None = None

    def _pack_sessions(self) -> list[Session]:
        self.registry_problem = None
        path = paths.database_path()
        try:
            if self.database_key is not None and is_encrypted(path):
                with open_database(path, recover_runs=False, key=self.database_key) as db:
                    return installed_sessions(registry=InstalledPacks(db))
            if is_encrypted(path):
                # Locked: the app lists them once the passphrase is given.
                self.registry_problem = Problem(str(path), "", LOCKED_PACKS)
                return []
            return installed_sessions()
        except StoreError as error:
            # The built-in sessions still play; the person is told why their packs are missing.
            self.registry_problem = Problem(str(paths.database_path()), "", str(error))
            return []


def open_catalog() -> Catalog:
    """The catalog, after finishing any pack change a crash interrupted (`recover_packs`): this
    is how the app and the command line start, so both see every pack whole."""
    recover_packs()
    return Catalog()
