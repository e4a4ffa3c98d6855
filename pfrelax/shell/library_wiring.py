"""The library page and the catalog behind it: reloading, finding a session, the history's key."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from pfrelax.shell.appearance import Appearance
from pfrelax.shell.services import LIBRARY_PAGE
from pfrelax.ui.common.lazy_page import LazyPage
from pfrelax.ui.main_window import MainWindow

if TYPE_CHECKING:
    from pfrelax.core.session import Session
    from pfrelax.formats.library import SessionLibrary
    from pfrelax.store.cipher import DatabaseKey
    from pfrelax.ui.library.library_page import LibraryPage


class LibraryWiring:
    """`library` gives the catalog: None until read after the first paint (pfrelax.launch).

    `slot` stands in the window for the library page, which is built when `page` is first
    asked for: just after the window's first paint (`Composition.complete`), showing `sessions`.
    """

    def __init__(
        self,
        appearance: Appearance,
        sessions: list[Session],
        library: Callable[[], SessionLibrary | None],
        *,
        open_session: Callable[[Session], None],
        packs_changed: Callable[[], None],
    ) -> None:
        self._appearance, self._sessions = appearance, sessions
        self._open_session = open_session
        self._packs_changed = packs_changed  # what else shows packs (Today)
        self._library = library
        self.slot = LazyPage(self._build_page, build_when_shown=False)
        self._window: MainWindow | None = None

    @property
    def page(self) -> LibraryPage:
        return cast("LibraryPage", self.slot.page())  # built by _build_page

    def attach(self, window: MainWindow) -> None:
        """The second half (after the first paint): the page built in its slot, and Ctrl+F
        finding in it."""
        self.slot.page()
        self._window = window
        window.find_requested.connect(self._on_window_find_requested)

    def _build_page(self) -> LibraryPage:
        from pfrelax.ui.library.library_page import LibraryPage

        page = LibraryPage()
        page.set_palette(self._appearance.palette)
        page.set_sessions(self._sessions)
        page.session_chosen.connect(self._open_session)
        return page

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
        assert window is not None  # connected by attach
        if window.focus_mode.active:
            window.focus_mode.leave()
        window.show_page(LIBRARY_PAGE)
        self.page.focus_search()
