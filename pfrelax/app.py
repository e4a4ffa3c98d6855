"""The composition root: builds the services once and composes the window from its parts.

Each part has one job and its own module in `pfrelax/shell/` (appearance, player, Today and
Progress, library, lock, settings, the parts that join after the first paint, the end of
start-up). Start-up itself (`build`, the QApplication, the first paint, reading the library)
is in `pfrelax.launch`; the ordered shutdown in `pfrelax.shutdown`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from pfrelax import paths
from pfrelax.core.clock import Clock
from pfrelax.services.database import HistoryDatabase
from pfrelax.services.preferences import Preferences
from pfrelax.shell.appearance import Appearance
from pfrelax.shell.history_pages import HistoryPages
from pfrelax.shell.library_wiring import LibraryWiring
from pfrelax.shell.lock_wiring import LockWiring
from pfrelax.shell.player_wiring import PlayerWiring
from pfrelax.shell.services import (
    LIBRARY_PAGE,
    PLAYER_PAGE,
    PROGRESS_PAGE,
    TODAY_PAGE,
    AppServices,
)
from pfrelax.shutdown import Shutdown
from pfrelax.ui.common.error_report import ErrorReporter
from pfrelax.ui.main_window import MainWindow
from pfrelax.ui.privacy.discreet import name_window

if TYPE_CHECKING:
    from pfrelax.audio.backends import Opened
    from pfrelax.core.session import Session
    from pfrelax.formats.library import SessionLibrary
    from pfrelax.services.playback import Playback
    from pfrelax.store.db import Database
    from pfrelax.ui.checkin.session_flow import SessionFlow
    from pfrelax.ui.library.library_page import LibraryPage
    from pfrelax.ui.packs.pack_import import PackImporter
    from pfrelax.ui.player.player_audio import PlayerAudio
    from pfrelax.ui.player.player_page import PlayerPage
    from pfrelax.ui.privacy.app_lock import AppLock
    from pfrelax.ui.settings.settings_dialog import SettingsDialog

__all__ = ["LIBRARY_PAGE", "PLAYER_PAGE", "PROGRESS_PAGE", "TODAY_PAGE", "Composition"]


class Composition:
    """The wired app: the services, the window and its parts, and the few handlers between them.

    In two halves: what the first paint shows (the window's frame: its name, navigation, menus,
    colours, and the lock of an encrypted history), then `complete()`: the library page and the
    parts around the pages. `complete=False` leaves that to `pfrelax.launch`, after the paint."""

    def __init__(
        self,
        app: QApplication,
        *,
        clock: Clock,
        preferences: Preferences,
        sessions: list[Session],
        open_output: Callable[[str], Opened] | None = None,
        complete: bool = True,
    ) -> None:
        self.app = app
        self.library: SessionLibrary | None = None  # the catalog, once read (pfrelax.launch)
        self.completed = False
        # The services, once each (shell/services.py); every part below receives them.
        history = HistoryDatabase(paths.database_path, lambda: self.lock.history_locked())
        history.notices.extend([preferences.notice] if preferences.notice else [])
        self.services = services = AppServices(clock, preferences, history, Shutdown())
        services.shutdown.add("database", history.close)
        # The window's pages: each built when first wanted; the library just after the paint.
        self.appearance = Appearance(app, services)
        self.library_wiring = LibraryWiring(
            self.appearance,
            sessions,
            lambda: self.library,
            open_session=self.open_session,
            packs_changed=lambda: self.history_pages.refresh_today(),
        )
        self.player = PlayerWiring(
            services,
            self.appearance,
            open_output,
            sessions_changed=lambda: self.library_wiring.reload(),  # the pace finder's session
        )
        self.history_pages = HistoryPages(
            services,
            self.appearance,
            session_requested=lambda address: self.library_wiring.open_address(address),
            library_changed=lambda: self.library_wiring.reload(),  # packs gone, or your pace new
            plan_session=lambda address: self.library_wiring.plan_session(address),
        )
        self.window = window = MainWindow(
            [
                (LIBRARY_PAGE, self.library_wiring.slot),
                (TODAY_PAGE, self.history_pages.today),
                (PLAYER_PAGE, self.player.lazy),
                (PROGRESS_PAGE, self.history_pages.progress),
            ]
        )
        name_window(window, services.settings.discreet_name)  # never the other name, not once
        self.player.window = window
        self.errors = ErrorReporter(window, paths.cache_dir)
        for page in window.all_pages():
            services.shutdown.add("pages", page.shutdown)
        window.quit_requested.connect(window.close_with_dialogs)
        window.closing.connect(services.shutdown.run)
        self.appearance.attach(window)
        self.lock = LockWiring(  # an encrypted history is locked from the first paint on
            window, services, key_changed=lambda: self.startup.key_changed(), player=self.player
        )
        if complete:
            self.complete()

    def complete(self) -> None:
        """The second half, once: the library page, the menus' actions, the parts around."""
        if self.completed:
            return
        self.completed = True
        from pfrelax.shell.late_parts import LateParts
        from pfrelax.shell.settings_wiring import SettingsWiring
        from pfrelax.shell.startup_finish import StartupFinish

        window, services = self.window, self.services
        window.add_actions()
        self.lock.add_hide_now()
        self.library_wiring.attach(window)
        self.late = LateParts(
            window, services, self.appearance, self.library_wiring, errors=self.errors
        )
        self.startup = StartupFinish(
            window, services, lock=self.lock, library=self.library_wiring, late=self.late
        )
        self.settings_wiring = SettingsWiring(
            window, services, self.appearance, late=self.late, player=self.player, lock=self.lock
        )
        window.settings_requested.connect(self.open_settings)

    def finish_startup(self) -> None:
        """What can wait until the window has painted: the database, pack import and drops."""
        self.startup.run()

    def show_first_run_note(self) -> None:
        self.startup.show_first_run_note()

    def open_session(self, session: Session, *, autostart: bool = False) -> None:
        self.player.open_session(session, autostart=autostart)

    # --- what the start-up, the tests and other parts reach by name ---------------------------
    @property
    def library_page(self) -> LibraryPage:
        return self.library_wiring.page

    @property
    def preferences(self) -> Preferences:
        return self.services.preferences

    @property
    def playback(self) -> Playback:
        return self.services.playback

    @property
    def player_page(self) -> PlayerPage:
        return self.player.page

    @property
    def player_audio(self) -> PlayerAudio | None:
        return self.player.player_audio

    @property
    def session_flow(self) -> SessionFlow | None:
        return self.player.session_flow

    @property
    def app_lock(self) -> AppLock | None:
        return self.lock.app_lock

    @property
    def importer(self) -> PackImporter | None:
        return self.late.importer

    def database(self) -> Database | None:
        """The history database, opened on first use; None (and a problem to show) if not."""
        return self.services.history.get()

    def open_settings(self) -> SettingsDialog:
        return self.settings_wiring.open_settings()
