"""The composition root: builds the services (settings, library, clock) and the window, wires them.

Nothing else creates a QApplication or knows which page talks to which. The database, the
Today and Progress pages and the player are built the first time they are needed, so the
window appears sooner.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from pfrelax import __version__
from pfrelax.core import settings as settings_store
from pfrelax.core.clock import Clock, MonotonicClock
from pfrelax.core.session import Session
from pfrelax.core.settings import Settings
from pfrelax.ui.discreet import apply_name
from pfrelax.ui.first_paint import (
    AfterFirstPaint,
    in_background,
    one_turn_each,
    report_first_paint,
    report_state,
)
from pfrelax.ui.lazy_page import LazyPage
from pfrelax.ui.library_page import LibraryPage
from pfrelax.ui.main_window import MainWindow
from pfrelax.ui.session_hush import SessionHush
from pfrelax.ui.texts import APP_TITLE
from pfrelax.ui.theme import ThemeMode, apply_theme, resolve_palette

if TYPE_CHECKING:
    from pfrelax.formats.library import SessionLibrary
    from pfrelax.services.privacy import Privacy
    from pfrelax.store.cipher import DatabaseKey
    from pfrelax.store.db import Database
    from pfrelax.store.errors import DamagedDatabaseError
    from pfrelax.ui.app_lock import AppLock
    from pfrelax.ui.pack_import import PackImporter
    from pfrelax.ui.player_audio import PlayerAudio
    from pfrelax.ui.player_page import PlayerPage
    from pfrelax.ui.privacy_dialog import PrivacyDialog
    from pfrelax.ui.progress_page import ProgressPage
    from pfrelax.ui.session_flow import SessionFlow
    from pfrelax.ui.settings_dialog import SettingsDialog
    from pfrelax.ui.today_page import TodayPage

E2E_ENV = "PFRELAX_E2E"  # print READY_MARKER once the window has painted (end-to-end tests)
BENCH_ENV = "PFRELAX_BENCH_STARTUP"  # print the marker after the first paint, then quit
NO_GUI_THREADPOOL = "QT_NO_GUI_THREADPOOL"  # read by Qt when it first paints

TODAY_PAGE = "Today"
LIBRARY_PAGE = "Library"
PLAYER_PAGE = "Player"
PROGRESS_PAGE = "Progress"


class Composition:
    """The wired app: services, pages, the window, and the few handlers between them."""

    def __init__(
        self,
        app: QApplication,
        *,
        clock: Clock,
        settings: Settings,
        sessions: list[Session],
        settings_path: Path | None = None,
        settings_notice: str = "",
    ) -> None:
        self.app = app
        self.settings = settings
        self._settings_path = settings_path
        self._notices = [settings_notice] if settings_notice else []
        self._told_settings = False
        self.damaged: DamagedDatabaseError | None = None
        self._clock = clock
        self._palette = resolve_palette(ThemeMode(settings.theme), app)
        self.library: SessionLibrary | None = None
        self._db: Database | None = None
        self.store_problem = ""
        self.session_flow: SessionFlow | None = None
        self.importer: PackImporter | None = None
        self.player_audio: PlayerAudio | None = None
        self.library_page = LibraryPage()
        self.library_page.set_sessions(sessions)
        # Built when first needed: the window appears sooner without them.
        self._player = LazyPage(self._build_player)
        self._today = LazyPage(self._build_today)
        self._progress = LazyPage(self._build_progress)
        pages: list[tuple[str, QWidget]] = [
            (LIBRARY_PAGE, self.library_page),
            (TODAY_PAGE, self._today),
            (PLAYER_PAGE, self._player),
            (PROGRESS_PAGE, self._progress),
        ]
        self.window = MainWindow(pages)
        self._wire()
        self.apply_theme()
        # The app lock (docs/privacy.md): built only once a passphrase is set.
        self.database_key: DatabaseKey | None = None
        self.app_lock: AppLock | None = None
        self._startup_waits = False
        self._hush = SessionHush(
            lambda: self.player_page if self._player.built else None, lambda: self.player_audio
        )
        self._start_lock_if_encrypted()
        self._add_hide_now()
        apply_name(self.window, settings.discreet_name)

    def finish_startup(self) -> None:
        """What can wait until the window has painted: the database, pack import and drops."""
        if self._history_locked():
            self._startup_waits = True  # finished when the start-up lock opens
            return
        self._share_key_with_library()
        if self.importer is None:
            self._add_pack_import()
            self._sync_checkin_measures()
        self._show_store_notices()

    @property
    def player_page(self) -> PlayerPage:
        # Built by _build_player, so it is a PlayerPage; imported lazily, hence the cast.
        return cast("PlayerPage", self._player.page())

    def _build_player(self) -> QWidget:
        # Not needed for the first paint: imported when the player is first wanted.
        from pfrelax.ui.player_audio import PlayerAudio
        from pfrelax.ui.player_page import PlayerPage
        from pfrelax.ui.session_flow import SessionFlow

        player = PlayerPage(self._clock, self.settings)
        player.set_palette(self._palette)
        player.back_requested.connect(self._on_player_back_requested)
        self.player_audio = PlayerAudio(player)
        self.player_audio.settings_changed.connect(self._on_sound_settings_changed)
        self.player_audio.attach(player, self.settings)
        self.session_flow = SessionFlow(self.window, self._writable_database, player, self._clock)
        self.window.focus_mode.add_faded(player.bottom_bar)
        if os.environ.get(E2E_ENV) == "1":
            player.state_changed.connect(report_state)
        return player

    # --- services built on first use --------------------------------------------------------
    def database(self) -> Database | None:
        """The history database, opened on first use; None (and `store_problem`) if it cannot be."""
        if self._db is None and not self.store_problem and not self._history_locked():
            from pfrelax import paths
            from pfrelax.store.db import open_database
            from pfrelax.store.errors import DamagedDatabaseError, StoreError

            try:
                self._db = open_database(
                    paths.database_path(), daily_backup=True, key=self.database_key
                )
            except StoreError as error:
                # Sessions still play; history pages say why they are empty.
                self.store_problem = str(error)
                if isinstance(error, DamagedDatabaseError):
                    self.damaged = error
                    self._notices.append("damaged")
            else:
                if self._db.read_only:
                    self._notices.append("read-only")
        return self._db

    # --- the app lock ------------------------------------------------------------------------
    def _start_lock_if_encrypted(self) -> None:
        from pfrelax import paths
        from pfrelax.store.cipher import is_encrypted

        if is_encrypted(paths.database_path()):
            self.ensure_app_lock().start()

    def ensure_app_lock(self) -> AppLock:
        if self.app_lock is None:
            from pfrelax import paths
            from pfrelax.services.privacy import Privacy
            from pfrelax.ui.app_lock import AppLock

            self.app_lock = AppLock(
                self.window,
                Privacy(paths.database_path()),
                self._clock,
                self.settings,
                before_lock=self._hush.for_lock,
                after_unlock=self._hush.after_unlock,
            )
            self.app_lock.started.connect(self._on_app_lock_started)
        return self.app_lock

    def _add_hide_now(self) -> None:
        from pfrelax.ui.hide_now import HideNow

        self.hide_now = HideNow(
            self.window,
            quieten=self._hush.for_hide,
            restore=lambda: self._hush.after_hide(
                self.app_lock is not None and self.app_lock.locked
            ),
        )
        self.window.view_menu.addAction(self.hide_now.action)

    def _history_locked(self) -> bool:
        """Encrypted, and the passphrase not yet given: nothing may open the history."""
        return self.app_lock is not None and self.app_lock.active and self.database_key is None

    def _share_key_with_library(self) -> None:
        """The catalog lists an encrypted history's packs only with its key."""
        from pfrelax.formats.catalog import Catalog

        if isinstance(self.library, Catalog) and self.library.database_key != self.database_key:
            self.library.database_key = self.database_key
            self._reload_packs()

    def _on_app_lock_started(self, key: DatabaseKey) -> None:
        self.database_key = key
        self._share_key_with_library()
        if self._startup_waits:
            self._startup_waits = False
            self.finish_startup()

    def _writable_database(self) -> Database | None:
        """The database for what saves (sessions, check-ins, packs); None when read-only."""
        db = self.database()
        return None if db is None or db.read_only else db

    def _show_store_notices(self) -> None:
        """Once, after the window is up: a damaged history (offering the last backup), a
        read-only data folder, a settings file that was set aside."""
        from pfrelax.ui.store_recovery import show_notices

        notices, self._notices = self._notices, []
        show_notices(self.window, notices, self.damaged, self._restored)

    def _restored(self) -> str:
        """The damaged history was replaced by a backup: open it; returns what to tell."""
        self.store_problem, self.damaged = "", None
        if self.database() is None:
            return f"The backup was put back, but it cannot be opened: {self.store_problem}"
        self.finish_startup()
        self._reload_packs()
        return "Your history is back as it was when the backup was made."

    def _sync_checkin_measures(self) -> None:
        """The check-in dialog reads its optional measures from the store; keep them in step."""
        db = self._writable_database()
        if db is None:
            return
        from pfrelax.core.checkin import OPTIONAL_MEASURES_SETTING
        from pfrelax.store.settings import Json
        from pfrelax.store.settings import Settings as StoredSettings

        stored = StoredSettings(db)
        wanted: list[Json] = list(self.settings.optional_measures)
        if stored.get(OPTIONAL_MEASURES_SETTING, []) != wanted:
            from pfrelax.store.errors import StoreError

            try:
                stored.set(OPTIONAL_MEASURES_SETTING, wanted)
            except StoreError as error:  # the settings file is saved; the check-in asks as before
                from pfrelax.ui.store_recovery import tell

                tell(self.window, "Settings", f"Your check-in questions were not saved: {error}")

    def show_first_run_note(self) -> None:
        """Once: what pfrelax is and is not, and the stop rules (CLINICAL.md §5 and §1)."""
        if self.settings.disclaimer_seen:
            return
        from pfrelax.ui.help_dialogs import first_run_box

        box = first_run_box(self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.window.lend_shortcuts(box)
        box.finished.connect(
            lambda _result: self.apply_settings(self.settings.replace(disclaimer_seen=True))
        )
        # Not modal: a note to read, and the window (Ctrl+Q included) stays usable.
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.show()

    def _unavailable(self, what: str) -> QWidget:
        from pfrelax.ui.labels import text_label

        label = text_label(f"{what} is not available. {self.store_problem}", quiet=True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return label

    def _build_today(self) -> QWidget:
        db = self.database()
        if db is None:
            return self._unavailable("Today")
        from pfrelax.ui.today_page import TodayPage
        from pfrelax.ui.today_source import StoreTodaySource

        page = TodayPage(StoreTodaySource(db))
        page.set_palette(self._palette)
        page.session_requested.connect(self._on_today_session_requested)
        return page

    def _build_progress(self) -> QWidget:
        db = self.database()
        if db is None:
            return self._unavailable("Progress")
        from pfrelax.ui.progress_page import ProgressPage

        page = ProgressPage(db, self._palette)
        page.data_deleted.connect(self._on_progress_data_deleted)
        return page

    def _add_pack_import(self) -> None:
        db = self._writable_database()
        if db is None:
            return
        from pfrelax.ui.pack_import import PackImporter

        self.importer = PackImporter(self.window, db)
        self.importer.palette = self._palette
        self.importer.drop_filter().install(self.window)
        action = self.importer.import_action(self.window)
        self.window.file_menu.insertAction(self.window.quit_action, action)
        self.window.file_menu.insertSeparator(self.window.quit_action)
        self.importer.pack_installed.connect(self._on_importer_pack_installed)

    @property
    def today_page(self) -> TodayPage | None:
        page = self._today.page()
        from pfrelax.ui.today_page import TodayPage

        return page if isinstance(page, TodayPage) else None

    @property
    def progress_page(self) -> ProgressPage | None:
        page = self._progress.page()
        from pfrelax.ui.progress_page import ProgressPage

        return page if isinstance(page, ProgressPage) else None

    def _wire(self) -> None:
        self.library_page.session_chosen.connect(self.open_session)
        self.window.settings_requested.connect(self.open_settings)
        self.window.find_requested.connect(self._on_window_find_requested)
        self.window.quit_requested.connect(self._on_window_quit_requested)
        self.window.closing.connect(self._on_window_closing)
        self.app.styleHints().colorSchemeChanged.connect(self._on_color_scheme_changed)
        self._following_scheme = True

    # --- handlers ---------------------------------------------------------------------------
    def open_session(self, session: Session, *, autostart: bool = False) -> None:
        from pfrelax.audio.narration import compile_with_recordings  # recorded narration lengths
        from pfrelax.core.timeline import TimelineError

        try:
            timeline = compile_with_recordings(session)
        except TimelineError as error:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.information(
                self.window, session.title, f"This session cannot play: {error}"
            )
            return
        player = self.player_page
        self.window.show_page(PLAYER_PAGE)
        player.load(session, timeline, autostart=autostart)

    def open_settings(self) -> SettingsDialog:
        """Open the settings dialog (window-modal, not blocking); OK saves and applies."""
        from pfrelax.ui.settings_dialog import SettingsDialog  # only when asked for

        if self.player_audio is not None:  # it already looked for a voice: ask it, not again
            find = self.player_audio.speech_engine
            dialog = SettingsDialog(self.settings, self.window, find_speech=find)
        else:
            dialog = SettingsDialog(self.settings, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.apply_settings(dialog.chosen()))
        dialog.privacy_requested.connect(lambda: self.open_privacy(dialog))
        dialog.open()
        return dialog

    def open_privacy(self, parent: QWidget) -> PrivacyDialog:
        """Set, change or remove the passphrase (Settings → Privacy → Passphrase…)."""
        from pfrelax import paths
        from pfrelax.store.cipher import is_encrypted
        from pfrelax.ui.privacy_dialog import PrivacyDialog

        encrypted = is_encrypted(paths.database_path())
        dialog = PrivacyDialog(encrypted, self._change_passphrase, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _change_passphrase(self, change: Callable[[Privacy], DatabaseKey | None]) -> None:
        """Rewrite the history the app has open; StoreError (words to show) when it cannot."""
        from pfrelax import paths
        from pfrelax.services.privacy import Privacy
        from pfrelax.store.errors import StoreError

        if self._player.built and self.player_page.is_moving:
            raise StoreError("Stop or finish the session first, then change the passphrase.")
        privacy = Privacy(paths.database_path())
        self.database_key = privacy.rewrite_open(self._db, change, self.database_key)
        self.ensure_app_lock().set_key(self.database_key)
        self._share_key_with_library()

    def apply_settings(self, settings: Settings) -> None:
        """Keep `settings`, save them, and show their effect at once."""
        self.settings = settings
        self._save_settings(settings)
        self._sync_checkin_measures()
        apply_name(self.window, settings.discreet_name)
        if self.app_lock is not None:
            self.app_lock.apply_settings(settings)
        if self._player.built:
            self.player_page.apply_settings(settings)
        self.apply_theme()
        # Last: a volume change not yet saved is merged in and comes back through the handler.
        if self.player_audio is not None:
            self.player_audio.apply_settings(settings)

    def apply_theme(self) -> None:
        palette = resolve_palette(ThemeMode(self.settings.theme), self.app)
        self._palette = palette
        apply_theme(self.app, palette)
        if self._player.built:
            self.player_page.set_palette(palette)
        self.library_page.set_palette(palette)
        if self.importer is not None:
            self.importer.palette = palette
        for lazy in (self._today, self._progress):
            set_palette = getattr(lazy.page() if lazy.built else None, "set_palette", None)
            if callable(set_palette):
                set_palette(palette)

    def _on_color_scheme_changed(self) -> None:
        if self.settings.theme == ThemeMode.SYSTEM:
            self.apply_theme()

    def _on_sound_settings_changed(self, settings: Settings) -> None:
        self.settings = settings
        self._save_settings(settings)

    def _save_settings(self, settings: Settings) -> None:
        """Save; if that fails, say so once (the settings still apply until pfrelax closes)."""
        try:
            settings_store.save(settings, self._settings_path)
        except settings_store.SettingsError as error:
            if not self._told_settings:
                self._told_settings = True
                from pfrelax.ui.store_recovery import tell

                tell(self.window, "Settings", str(error))

    def _on_window_closing(self) -> None:
        if self.app_lock is not None:
            self.app_lock.shutdown()
        if self.player_audio is not None:
            self.player_audio.shutdown()
        if self._player.built:
            self.player_page.shutdown()
        if self.session_flow is not None:
            self.session_flow.shutdown()
        if self._today.built and self.today_page is not None:
            self.today_page.shutdown()
        if self.importer is not None:
            self.importer.shutdown()
        if self._db is not None:
            self._db.close()
        # The app outlives this window (tests build several): stop following the desktop.
        if self._following_scheme:
            self._following_scheme = False
            self.app.styleHints().colorSchemeChanged.disconnect(self._on_color_scheme_changed)

    def _on_window_quit_requested(self) -> None:
        # An open check-in or preview is a window of its own: close those first, or the app
        # would stay running behind them.
        from PySide6.QtWidgets import QDialog

        for dialog in self.window.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()
        self.window.close()

    def _on_today_session_requested(self, address: str) -> None:
        from pfrelax.formats.library import SessionNotFound

        if self.library is None:
            return
        try:
            session = self.library.find(address)
        except SessionNotFound:
            return  # the pack was removed meanwhile; the Today page refreshes on show
        self.open_session(session)

    def _on_importer_pack_installed(self, _pack_id: str) -> None:
        self._reload_packs()
        self.window.show_page(TODAY_PAGE)

    def _on_progress_data_deleted(self) -> None:
        self._reload_packs()  # the packs went with the rest of the data

    def _reload_packs(self) -> None:
        if self.library is not None:
            self.library.reload()
            self.library_page.set_sessions(self.library.sessions())
        if self._today.built and self.today_page is not None:
            self.today_page.refresh()

    def _on_player_back_requested(self) -> None:
        self.window.show_page(LIBRARY_PAGE)

    def _on_window_find_requested(self) -> None:
        if self.window.focus_mode.active:
            self.window.focus_mode.leave()
        self.window.show_page(LIBRARY_PAGE)
        self.library_page.focus_search()


def create_application(argv: Sequence[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Qt splits large fills (the breathing picture's gradients) across a thread pool and the
    # GUI thread waits for it: measured, that costs more CPU than it saves (benchmarks/README).
    os.environ.setdefault(NO_GUI_THREADPOOL, "1")
    app = QApplication([sys.argv[0] if sys.argv else "pfrelax", *argv])
    app.setApplicationName(APP_TITLE)
    app.setApplicationDisplayName(APP_TITLE)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_TITLE)
    app.setStyle("Fusion")  # follows our QPalette faithfully on every platform
    return app


def build(
    app: QApplication,
    library: SessionLibrary | None = None,
    clock: Clock | None = None,
    *,
    sessions: list[Session] | None = None,
) -> Composition:
    """The wired window: `sessions` if given, else those of `library` (else none, for now)."""
    if sessions is None:
        sessions = library.sessions() if library is not None else []
    loaded = settings_store.load_at_start()
    return Composition(
        app,
        clock=clock or MonotonicClock(),
        settings=loaded.settings,
        sessions=sessions,
        settings_notice=loaded.notice,
    )


def _exec(app: QApplication, composition: Composition) -> int:
    bench = os.environ.get(BENCH_ENV) == "1"
    if bench or os.environ.get(E2E_ENV) == "1":
        AfterFirstPaint(composition.window, lambda: report_first_paint(quit_after=bench))
    composition.window.show()
    return app.exec()


def run_app(argv: Sequence[str]) -> int:
    """`pfrelax`: the window on the library.

    The window paints first and the session files are read right after: the cards fill in a
    moment later, and the window is up sooner.
    """
    app = create_application(argv)
    composition = build(app)
    AfterFirstPaint(composition.window, lambda: _after_first_paint(composition))
    return _exec(app, composition)


def _after_first_paint(composition: Composition) -> None:
    # Reading the session files off the GUI thread: the window stays responsive meanwhile.
    in_background(_read_library, lambda lib: _fill_library(composition, lib), composition.window)


def _read_library() -> SessionLibrary:
    """Read and check the session files, and import what the rest of the start needs (each
    of these froze the window for 100–200 ms on the GUI thread). No Qt objects here."""
    # Imported here: not needed for the first paint. The pack importer's plain-Python parts
    # too (the GUI thread then only imports its dialogs).
    import zoneinfo  # noqa: F401

    import pfrelax.core.plan
    import pfrelax.formats.pack_install  # noqa: F401
    from pfrelax.formats.catalog import open_catalog

    library = open_catalog()
    library.sessions()  # read now, kept by the library
    return library


def _fill_library(composition: Composition, library: SessionLibrary) -> None:
    composition.library = library
    composition.library_page.set_sessions(library.sessions())
    one_turn_each(
        _import_pack_importer, composition.finish_startup, composition.show_first_run_note
    )


def _import_pack_importer() -> None:
    # Its own turn: its dialogs' module is the slowest part of finish_startup.
    import pfrelax.ui.pack_import  # noqa: F401


def run_player(address: str) -> int:
    """`pfrelax play SESSION`: the window on the player, counting in to `address`."""
    from pfrelax.formats.catalog import open_catalog
    from pfrelax.formats.library import SessionNotFound
    from pfrelax.formats.problems import SessionFileError

    library = open_catalog()
    try:
        session = library.find(address)
    except (SessionNotFound, SessionFileError) as error:
        sys.stderr.write(f"pfrelax play: {error}\n")
        return 1
    app = create_application([])
    composition = build(app, library)
    composition.library = library
    composition.open_session(session, autostart=True)
    AfterFirstPaint(composition.window, composition.finish_startup)
    return _exec(app, composition)
