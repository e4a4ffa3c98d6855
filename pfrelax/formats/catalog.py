"""Every playable session: the built-in library joined with the sessions of installed packs."""

from __future__ import annotations

from pfrelax import paths
from pfrelax.core.session import Session
from pfrelax.formats.library import SessionLibrary
from pfrelax.formats.pack_install import installed_sessions, recover_packs
from pfrelax.formats.problems import Problem
from pfrelax.store.errors import StoreError


class Catalog(SessionLibrary):
    """The library with installed packs; an unreadable pack registry is reported, not fatal."""

    def __init__(self) -> None:
        super().__init__(
            paths.builtin_sessions_dir(),
            extra=self._pack_sessions,
            personal_dir=paths.my_sessions_dir(),
        )
        self.registry_problem: Problem | None = None

    def _pack_sessions(self) -> list[Session]:
        self.registry_problem = None
        try:
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
