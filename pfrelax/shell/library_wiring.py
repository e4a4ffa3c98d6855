"""The library page and the catalog behind it: reloading, finding a session, the history's key."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pfrelax.shell.services import LIBRARY_PAGE
from pfrelax.ui.library.library_page import LibraryPage
from pfrelax.ui.main_window import MainWindow

if TYPE_CHECKING:
    from pfrelax.core.session import Session
    from pfrelax.formats.library import SessionLibrary
    from pfrelax.store.cipher import DatabaseKey


class LibraryWiring:
    """`library` gives the catalog: None until read after the first paint (pfrelax.launch)."""

    def __init__(
        self,
        window: MainWindow,
        page: LibraryPage,
        library: Callable[[], SessionLibrary | None],
        *,
        open_session: Callable[[Session], None],
        packs_changed: Callable[[], None],
    ) -> None:
        self._window, self.page = window, page
        self._open_session = open_session
        self._packs_changed = packs_changed  # what else shows packs (Today)
        self._library = library
        page.session_chosen.connect(open_session)
        window.find_requested.connect(self._on_window_find_requested)

    def reload(self) -> None:
        """The packs changed (installed, removed, a history put back): show them again."""
        library = self._library()
        if library is not None:
            library.reload()
            self.page.set_sessions(library.sessions())
        self._packs_changed()

    def share_key(self, key: DatabaseKey | None) -> None:
        """The catalog lists an encrypted history's packs only with its key."""
        from pfrelax.services.catalog import Catalog

        library = self._library()
        if isinstance(library, Catalog) and library.database_key != key:
            library.database_key = key
            self.reload()

    def open_address(self, address: str) -> None:
        """Play the session at `address` (Today's start); nothing if its pack was removed."""
        from pfrelax.formats.library import SessionNotFound

        library = self._library()
        if library is None:
            return
        try:
            session = library.find(address)
        except SessionNotFound:
            return  # the pack was removed meanwhile; the Today page refreshes on show
        self._open_session(session)

    def plan_session(self, address: str) -> Session | None:
        """A plan's session for Today's "Take it with you…" (None: it cannot be opened)."""
        from pfrelax.services.take_along_audio import found_or_none

        library = self._library()
        return None if library is None else found_or_none(library.find, address)

    def _on_window_find_requested(self) -> None:
        window = self._window
        if window.focus_mode.active:
            window.focus_mode.leave()
        window.show_page(LIBRARY_PAGE)
        self.page.focus_search()
