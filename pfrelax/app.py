"""The composition root: builds the services and the window once and wires them.

Nothing else knows which page talks to which. The database, the Today and Progress pages and
the player are built the first time they are needed, so the window appears sooner; start-up
itself (the QApplication, the first paint, reading the library) is in `pfrelax.launch`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from pfrelax import paths
from pfrelax.core.clock import Clock, MonotonicClock
from pfrelax.core.session import Session
from pfrelax.core.settings import Settings, SettingsError
from pfrelax.services.database import HistoryDatabase
from pfrelax.services.playback import Playback
from pfrelax.services.preferences import Preferences
from pfrelax.shutdown import Shutdown
from pfrelax.ui.common.error_report import ErrorReporter
from pfrelax.ui.common.lazy_page import LazyPage
from pfrelax.ui.common.page import PageWidget, UnavailablePage
from pfrelax.ui.common.theme import ThemeMode, apply_theme, resolve_palette
from pfrelax.ui.first_paint import E2E_ENV, report_state
from pfrelax.ui.library.library_page import LibraryPage
from pfrelax.ui.main_window import MainWindow
from pfrelax.ui.player.session_hush import SessionHush
from pfrelax.ui.privacy.discreet import apply_name

if TYPE_CHECKING:
    from pfrelax.audio.backends import Opened
    from pfrelax.formats.library import SessionLibrary
    from pfrelax.services.dilator_log import DilatorLog
    from pfrelax.services.privacy import Privacy
    from pfrelax.store.cipher import DatabaseKey
    from pfrelax.store.db import Database
    from pfrelax.ui.checkin.session_flow import SessionFlow
    from pfrelax.ui.packs.pack_import import PackImporter
    from pfrelax.ui.player.player_audio import PlayerAudio
    from pfrelax.ui.player.player_page import PlayerPage
    from pfrelax.ui.privacy.app_lock import AppLock
    from pfrelax.ui.privacy.privacy_dialog import PrivacyDialog
    from pfrelax.ui.progress.progress_page import ProgressPage
    from pfrelax.ui.reminders.reminder_hub import ReminderHub
    from pfrelax.ui.settings.settings_dialog import SettingsDialog
    from pfrelax.ui.today.today_page import TodayPage

TODAY_PAGE = "Today"
LIBRARY_PAGE = "Library"
PLAYER_PAGE = "Player"
PROGRESS_PAGE = "Progress"
# What the reminders follow of the preferences.
REMINDER_SETTINGS = frozenset({"reminders_on", "reminder_times", "quiet_hours", "tray_icon"})


class Composition:
    """The wired app: services, pages, the window, and the few handlers between them."""

    def __init__(
        self,
        app: QApplication,
        *,
        clock: Clock,
        preferences: Preferences,
        sessions: list[Session],
        open_output: Callable[[str], Opened] | None = None,
    ) -> None:
        self.app, self._clock = app, clock
        self.preferences = preferences  # the one owner of settings; pages follow it
        self._told_settings = False
        self._open_output = open_output  # the sound output; None: the real one (open_backend)
        count_in_ms = preferences.settings.count_in_seconds * 1000
        self.playback = Playback(clock, count_in_ms=count_in_ms)
        self._palette = resolve_palette(ThemeMode(preferences.settings.theme), app)
        self.shutdown = Shutdown()  # the one ordered list of what stops when the window closes
        # The app lock (docs/privacy.md): built only once a passphrase is set.
        self.database_key: DatabaseKey | None = None
        self.app_lock: AppLock | None = None
        self.history = HistoryDatabase(paths.database_path, self._history_locked)
        self.history.notices.extend([preferences.notice] if preferences.notice else [])
        self.shutdown.add("database", self.history.close)
        self.library: SessionLibrary | None = None
        self.session_flow: SessionFlow | None = None
        self.importer: PackImporter | None = None
        self.player_audio: PlayerAudio | None = None
        self.reminder_hub: ReminderHub | None = None
        self.library_page = LibraryPage()
        self.library_page.set_sessions(sessions)
        # Built when first needed: the window appears sooner without them.
        self._player = LazyPage(self._build_player)
        self._today = LazyPage(self._build_today)
        self._progress = LazyPage(self._build_progress)
        self.window = MainWindow(
            [
                (LIBRARY_PAGE, self.library_page),
                (TODAY_PAGE, self._today),
                (PLAYER_PAGE, self._player),
                (PROGRESS_PAGE, self._progress),
            ]
        )
        self.errors = ErrorReporter(self.window, paths.cache_dir)
        for page in self.window.all_pages():
            self.shutdown.add("pages", page.shutdown)
        self._wire()
        self.apply_theme()
        self._startup_waits = False
        self._hush = SessionHush(
            lambda: self.player_page if self._player.built else None, lambda: self.player_audio
        )
        self._start_lock_if_encrypted()
        self._add_hide_now()
        apply_name(self.window, self.settings.discreet_name)

    def finish_startup(self) -> None:
        """What can wait until the window has painted: the database, pack import and drops."""
        if self._history_locked():
            self._startup_waits = True  # finished when the start-up lock opens
            return
        self._share_key_with_library()
        if self.importer is None:
            self._add_pack_import()
            self._adopt_carried_preferences()
            self._add_my_sessions()
            self._add_reminders()
            self._add_studio_entry()
        from pfrelax.ui.common.store_recovery import show_notices

        show_notices(self.window, self.history.take_notices(), self.history.damaged, self._restored)

    @property
    def settings(self) -> Settings:
        """The current settings (the preferences' own; nothing here keeps a copy)."""
        return self.preferences.settings

    def _add_my_sessions(self) -> None:
        from pfrelax import paths
        from pfrelax.services.my_sessions import MySessions
        from pfrelax.ui.library.my_sessions_actions import MySessionsActions

        service = MySessions(paths.my_sessions_dir())
        self.my_sessions = MySessionsActions(self.library_page, service, self._reload_packs)

    def _add_studio_entry(self) -> None:
        from pfrelax.ui.studio.studio_entry import StudioEntry

        self.studio_entry = StudioEntry(self.window, self.window.file_menu)
        self.shutdown.add("pages", self.studio_entry.shutdown)

    def _add_reminders(self) -> None:
        from pfrelax.ui.reminders.reminder_hub import ReminderHub

        self.reminder_hub = ReminderHub(self.window, lambda: self.settings, self.preferences.set)
        self.reminder_hub.apply(self.settings)
        self.shutdown.add("desktop", self.reminder_hub.stop)

    @property
    def player_page(self) -> PlayerPage:
        # Built by _build_player, so it is a PlayerPage; imported lazily, hence the cast.
        return cast("PlayerPage", self._player.page())

    def _build_player(self) -> PageWidget:
        # Not needed for the first paint: imported when the player is first wanted.
        from pfrelax.audio.backends import open_backend
        from pfrelax.services.runs import SessionRuns
        from pfrelax.services.sound import Sound
        from pfrelax.ui.checkin.session_flow import SessionFlow
        from pfrelax.ui.common.bridge import QtJobs
        from pfrelax.ui.player.player_audio import PlayerAudio
        from pfrelax.ui.player.player_page import PlayerPage

        player = PlayerPage(self.playback, self.preferences)
        player.set_palette(self._palette)
        player.back_requested.connect(lambda: self.window.show_page(LIBRARY_PAGE))
        opener = self._open_output or open_backend
        sound = Sound(self.playback, self.settings, open_output=opener, jobs=QtJobs(player))
        self.player_audio = PlayerAudio(sound, self.playback, self.preferences, player)
        player.attach_sound(self.player_audio)
        self.shutdown.add("sound", self.player_audio.shutdown)
        runs = SessionRuns(self._writable_database, monotonic=self._clock.now)
        self.session_flow = SessionFlow(
            self.window,
            self._writable_database,
            self.playback,
            runs,
            measures=self.preferences.checkin_measures,
        )
        self.shutdown.add("runs", self.session_flow.shutdown)
        from pfrelax.ui.player.heart_live import heart_live  # heart rate under the breathing

        db = self._writable_database
        self.heart = heart_live(player, self.playback, self.preferences, self._clock, runs, db)
        self.shutdown.add("pages", self.heart.shutdown)
        from pfrelax.ui.progress.pace_after_run import pace_after_run  # the pace finder's result

        beats, mine = self.heart.session.beats, paths.my_sessions_dir()
        self.pace = pace_after_run(self.window, self.playback, beats, runs, db, mine)
        self.pace.session_made.connect(self._reload_packs)
        self.window.focus_mode.add_faded(player.bottom_bar)
        if os.environ.get(E2E_ENV) == "1":
            player.state_changed.connect(report_state)
        return player

    # --- services built on first use --------------------------------------------------------
    def database(self) -> Database | None:
        """The history database, opened on first use; None (and a problem to show) if not."""
        return self.history.get()

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
            from pfrelax.ui.privacy.app_lock import AppLock

            self.app_lock = AppLock(
                self.window,
                Privacy(paths.database_path()),
                self._clock,
                self.settings,
                before_lock=self._hush.for_lock,
                after_unlock=self._hush.after_unlock,
            )
            self.app_lock.started.connect(self._on_app_lock_started)
            self.shutdown.add("pages", self.app_lock.shutdown)
        return self.app_lock

    def _add_hide_now(self) -> None:
        from pfrelax.ui.privacy.hide_now import HideNow

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
        from pfrelax.services.catalog import Catalog

        if isinstance(self.library, Catalog) and self.library.database_key != self.database_key:
            self.library.database_key = self.database_key
            self._reload_packs()

    def _on_app_lock_started(self, key: DatabaseKey) -> None:
        self.database_key = self.history.key = key
        self._share_key_with_library()
        if self._startup_waits:
            self._startup_waits = False
            self.finish_startup()

    def _writable_database(self) -> Database | None:
        return self.history.writable()

    def _restored(self) -> str:
        """The damaged history was replaced by a backup: open it; returns what to tell."""
        if self.history.retry() is None:
            return f"The backup was put back, but it cannot be opened: {self.history.problem}"
        self.finish_startup()
        self._reload_packs()
        return "Your history is back as it was when the backup was made."

    def _adopt_carried_preferences(self) -> None:
        """A database from before v6 kept the check-in measures; the preferences take them."""
        db = self.database()
        if db is not None:
            self.preferences.adopt_carried(db)

    def show_first_run_note(self) -> None:
        """Once: what pfrelax is and is not, and the stop rules (CLINICAL.md §5 and §1)."""
        if not self.settings.disclaimer_seen:
            from pfrelax.ui.common.startup_notes import show_first_run_note

            show_first_run_note(self.window, self._on_first_run_note_read)

    def _on_first_run_note_read(self) -> None:
        self.preferences.change(disclaimer_seen=True)

    def _build_today(self) -> PageWidget:
        db = self.database()
        if db is None:
            return UnavailablePage(f"Today is not available. {self.history.problem}")
        from pfrelax.services.today import StoreTodaySource
        from pfrelax.ui.today.today_page import TodayPage

        page = TodayPage(StoreTodaySource(db))
        page.set_palette(self._palette)
        page.session_requested.connect(self._on_today_session_requested)
        return page

    def _build_progress(self) -> PageWidget:
        db = self.database()
        if db is None:
            return UnavailablePage(f"Progress is not available. {self.history.problem}")
        from pfrelax.ui.progress.progress_page import ProgressPage

        page = ProgressPage(
            db,
            self._palette,
            measures=self.preferences.checkin_measures,
            size_names=self._dilator_size_names,
        )
        page.data_deleted.connect(self._reload_packs)  # the packs went with the rest of the data
        return page

    def dilator_log(self) -> DilatorLog | None:
        """The practice log, for `ask_dilator_log(parent, app.dilator_log(), run_id=...)` after a
        dilator step; None without a writable history."""
        db = self._writable_database()
        if db is None:
            return None
        from pfrelax.services.dilator_log import DilatorLog

        return DilatorLog(db, self._read_dilator_sizes, self._keep_dilator_sizes)

    def _read_dilator_sizes(self) -> str:
        return self.settings.dilator_sizes

    def _dilator_size_names(self) -> tuple[str, ...]:
        from pfrelax.core.practice_log import parse_size_names

        return parse_size_names(self.settings.dilator_sizes)

    def _keep_dilator_sizes(self, text: str) -> None:
        self.preferences.change(dilator_sizes=text)

    def _add_pack_import(self) -> None:
        db = self._writable_database()
        if db is None:
            return
        from pfrelax.ui.packs.pack_import import PackImporter

        self.importer = PackImporter(self.window, db)
        self.importer.palette = self._palette
        self.importer.drop_filter().install(self.window)
        action = self.importer.import_action(self.window)
        self.window.file_menu.insertAction(self.window.quit_action, action)
        self.window.file_menu.insertSeparator(self.window.quit_action)
        self.importer.pack_installed.connect(self._on_importer_pack_installed)
        self.shutdown.add("packs", self.importer.shutdown)

    @property
    def today_page(self) -> TodayPage | None:
        from pfrelax.ui.today.today_page import TodayPage

        page = self._today.page()
        return page if isinstance(page, TodayPage) else None

    @property
    def progress_page(self) -> ProgressPage | None:
        from pfrelax.ui.progress.progress_page import ProgressPage

        page = self._progress.page()
        return page if isinstance(page, ProgressPage) else None

    def _wire(self) -> None:
        self.library_page.session_chosen.connect(self.open_session)
        self.window.settings_requested.connect(self.open_settings)
        self.window.find_requested.connect(self._on_window_find_requested)
        self.window.quit_requested.connect(self.window.close_with_dialogs)
        self.window.closing.connect(self.shutdown.run)
        self.preferences.subscribe(self._on_preferences_changed)
        self.preferences.subscribe_unsaved(self._on_preferences_unsaved)
        self.shutdown.add("desktop", self._stop_following_preferences)
        self.app.styleHints().colorSchemeChanged.connect(self._on_color_scheme_changed)
        self._following_scheme = True
        self.shutdown.add("desktop", self._stop_following_scheme)

    # --- handlers ---------------------------------------------------------------------------
    def open_session(self, session: Session, *, autostart: bool = False) -> None:
        from pfrelax.core.timeline import TimelineError
        from pfrelax.services.catalog import timeline as session_timeline

        try:
            timeline = session_timeline(session)
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
        from pfrelax.audio.speech import find_speech_engine
        from pfrelax.ui.settings.settings_dialog import SettingsDialog  # only when asked for

        hub = self.reminder_hub
        tray, autostart = hub.dialog_options() if hub is not None else (False, False)
        # If the player already looked for a voice, ask it rather than looking again.
        find = self.player_audio.speech_engine if self.player_audio is not None else None
        dialog = SettingsDialog(
            self.settings,
            self.window,
            find_speech=find or find_speech_engine,
            tray_available=tray,
            autostart=autostart,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._on_settings_accepted(dialog))
        dialog.privacy_requested.connect(lambda: self.open_privacy(dialog))
        dialog.open()
        return dialog

    def _on_settings_accepted(self, dialog: SettingsDialog) -> None:
        self.preferences.change(**dialog.changes())
        if self.reminder_hub is not None:
            self.reminder_hub.set_autostart(dialog.autostart_wanted)

    def open_privacy(self, parent: QWidget) -> PrivacyDialog:
        """Set, change or remove the passphrase (Settings → Privacy → Passphrase…)."""
        from pfrelax.store.cipher import is_encrypted
        from pfrelax.ui.privacy.privacy_dialog import PrivacyDialog

        encrypted = is_encrypted(paths.database_path())
        dialog = PrivacyDialog(encrypted, self._change_passphrase, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _change_passphrase(self, change: Callable[[Privacy], DatabaseKey | None]) -> None:
        """Rewrite the history the app has open; StoreError (words to show) when it cannot."""
        from pfrelax.services.privacy import Privacy
        from pfrelax.store.errors import StoreError

        if self._player.built and self.player_page.is_moving:
            raise StoreError("Stop or finish the session first, then change the passphrase.")
        privacy = Privacy(paths.database_path())
        self.database_key = privacy.rewrite_open(self.history.opened, change, self.database_key)
        self.history.key = self.database_key
        self.ensure_app_lock().set_key(self.database_key)
        self._share_key_with_library()

    def _on_preferences_changed(self, changed: frozenset[str]) -> None:
        if "theme" in changed:
            self.apply_theme()
        if self.reminder_hub is not None and changed & REMINDER_SETTINGS:
            self.reminder_hub.apply(self.settings)
        if "discreet_name" in changed:
            apply_name(self.window, self.settings.discreet_name)
        if self.app_lock is not None:
            self.app_lock.apply_settings(self.settings)

    def apply_theme(self) -> None:
        self._palette = resolve_palette(ThemeMode(self.settings.theme), self.app)
        apply_theme(self.app, self._palette)
        for page in self.window.all_pages():  # a page not built yet takes it when it is
            page.set_palette(self._palette)
        if self.importer is not None:
            self.importer.palette = self._palette

    def _on_color_scheme_changed(self) -> None:
        if self.settings.theme == ThemeMode.SYSTEM:
            self.apply_theme()

    def _stop_following_scheme(self) -> None:
        # The app outlives this window (tests build several): stop following the desktop.
        if self._following_scheme:
            self._following_scheme = False
            self.app.styleHints().colorSchemeChanged.disconnect(self._on_color_scheme_changed)

    def _stop_following_preferences(self) -> None:
        self.preferences.unsubscribe(self._on_preferences_changed)
        self.preferences.unsubscribe_unsaved(self._on_preferences_unsaved)

    def _on_preferences_unsaved(self, error: SettingsError) -> None:
        """Say so once (the settings still apply until pfrelax closes)."""
        if not self._told_settings:
            self._told_settings = True
            from pfrelax.ui.common.store_recovery import tell

            tell(self.window, "Settings", str(error))

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
        if self.reminder_hub is not None:
            self.reminder_hub.offer_after_install(self.settings)

    def _reload_packs(self) -> None:
        if self.library is not None:
            self.library.reload()
            self.library_page.set_sessions(self.library.sessions())
        if self._today.built and self.today_page is not None:
            self.today_page.refresh()

    def _on_window_find_requested(self) -> None:
        if self.window.focus_mode.active:
            self.window.focus_mode.leave()
        self.window.show_page(LIBRARY_PAGE)
        self.library_page.focus_search()


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
    return Composition(
        app, clock=clock or MonotonicClock(), preferences=Preferences.open(), sessions=sessions
    )
