"""Settings → Privacy, typed like a person: set a passphrase on the open history (the app keeps
working on it, now encrypted), the lock rows saved, and the passphrase removed again."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pfrelax import paths
from pfrelax.app import Composition
from pfrelax.core.clock import FakeClock
from pfrelax.core.session import Session
from pfrelax.desktop.menu_entry import InstalledMenuEntry
from pfrelax.services.preferences import Preferences
from pfrelax.store.checkins import Checkins
from pfrelax.store.cipher import is_encrypted
from pfrelax.ui.common.help_dialogs import about_box
from pfrelax.ui.privacy.discreet import DISCREET_NAME, app_icon, suggested_file
from pfrelax.ui.privacy.privacy_dialog import DIFFERENT, PrivacyDialog
from pfrelax.ui.settings.settings_dialog import SettingsDialog

from .conftest import no_output

PASSPHRASE = "quiet harbour lanterns"


def compose(qtbot: QtBot, clock: FakeClock, sessions: list[Session]) -> Composition:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    composition = Composition(
        app, clock=clock, preferences=Preferences.read(), open_output=no_output, sessions=sessions
    )
    qtbot.addWidget(composition.window)
    composition.window.show()
    qtbot.waitExposed(composition.window)
    return composition


def open_passphrase_dialog(composition: Composition, qtbot: QtBot) -> PrivacyDialog:
    settings = composition.open_settings()
    assert isinstance(settings, SettingsDialog)
    qtbot.waitExposed(settings)
    qtbot.mouseClick(settings.privacy.passphrase_button, Qt.MouseButton.LeftButton)
    dialog = settings.findChild(PrivacyDialog)
    assert isinstance(dialog, PrivacyDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_setting_and_removing_the_passphrase_from_the_settings(
    home: Path, qtbot: QtBot, clock: FakeClock, sessions: list[Session]
) -> None:
    composition = compose(qtbot, clock, sessions)
    db = composition.database()
    assert db is not None
    Checkins(db).save_checkin("standalone", {"distress": 3}, note="before the change")

    dialog = open_passphrase_dialog(composition, qtbot)
    assert "cannot be recovered" in dialog.warning.text()
    qtbot.keyClicks(dialog.new, PASSPHRASE)
    qtbot.keyClicks(dialog.again, PASSPHRASE + "x")
    qtbot.mouseClick(dialog.set_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == DIFFERENT
    qtbot.keyClicks(dialog.new, PASSPHRASE)
    qtbot.keyClicks(dialog.again, PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.set_button, Qt.MouseButton.LeftButton)

    assert is_encrypted(paths.database_path())
    lock = composition.app_lock
    assert lock is not None
    assert lock.active
    # The same Database object goes on working, on the encrypted file.
    Checkins(db).save_checkin("standalone", {"distress": 2}, note="after the change")
    assert db.connection.execute("SELECT count(*) FROM checkins").fetchone()[0] == 2

    dialog = open_passphrase_dialog(composition, qtbot)
    qtbot.keyClicks(dialog.current, "wrong one entirely")
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert "does not open" in dialog.message.text()
    assert is_encrypted(paths.database_path())
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert not is_encrypted(paths.database_path())
    assert not lock.active
    assert db.connection.execute("SELECT count(*) FROM checkins").fetchone()[0] == 2


def test_the_lock_settings_are_saved(
    home: Path, qtbot: QtBot, clock: FakeClock, sessions: list[Session]
) -> None:
    composition = compose(qtbot, clock, sessions)
    dialog = composition.open_settings()
    assert isinstance(dialog, SettingsDialog)
    qtbot.waitExposed(dialog)
    dialog.privacy.idle_minutes.setValue(15)
    dialog.privacy.on_minimise.setChecked(False)
    with qtbot.waitSignal(dialog.finished):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    saved = Preferences.read().settings
    assert (saved.lock_idle_minutes, saved.lock_on_minimise) == (15, False)


def test_discreet_mode_renames_the_app_and_dates_the_files_it_suggests(
    home: Path, qtbot: QtBot, clock: FakeClock, sessions: list[Session]
) -> None:
    composition = compose(qtbot, clock, sessions)
    day = date(2026, 12, 2)
    assert suggested_file("pfrelax-report.pdf", day) == "pfrelax-report.pdf"
    try:
        dialog = composition.open_settings()
        assert isinstance(dialog, SettingsDialog)
        qtbot.waitExposed(dialog)
        box = QPoint(8, dialog.privacy.discreet.height() // 2)  # on the tick box itself
        qtbot.mouseClick(dialog.privacy.discreet, Qt.MouseButton.LeftButton, pos=box)
        with qtbot.waitSignal(dialog.finished):
            dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        assert composition.window.windowTitle() == DISCREET_NAME
        assert QApplication.applicationDisplayName() == DISCREET_NAME
        assert suggested_file("pfrelax-report.pdf", day) == "2026-12-02.pdf"
        assert suggested_file("pfrelax-backup.sqlite3", day) == "2026-12-02.sqlite3"
        assert Preferences.read().settings.discreet_name
        assert same_icon(composition.window.windowIcon(), app_icon(discreet=True))
        assert same_icon(QApplication.windowIcon(), app_icon(discreet=True))
    finally:
        composition.preferences.change(discreet_name=False)
    assert composition.window.windowTitle() == "pfrelax"
    assert same_icon(composition.window.windowIcon(), app_icon(discreet=False))


def test_in_discreet_mode_the_dialogs_opened_later_go_by_the_neutral_name(
    home: Path, qtbot: QtBot, clock: FakeClock, sessions: list[Session]
) -> None:
    composition = compose(qtbot, clock, sessions)
    composition.preferences.change(discreet_name=True)
    try:
        dialog = composition.open_settings()
        assert isinstance(dialog, SettingsDialog)
        about = about_box(composition.window)
        qtbot.addWidget(about)
        shown = (dialog.windowTitle(), about.windowTitle(), about.text(), about.accessibleName())
        assert all(DISCREET_NAME in words and "pfrelax" not in words for words in shown), shown
        dialog.reject()
    finally:
        composition.preferences.change(discreet_name=False)
    again = composition.open_settings()
    assert again.windowTitle() == "Settings — pfrelax"
    again.reject()


def same_icon(shown: QIcon, expected: QIcon) -> bool:
    """The same picture at a taskbar's size (icons from files have no other identity)."""
    assert not expected.isNull()  # the file is there and Qt can read it
    return shown.pixmap(32, 32).toImage() == expected.pixmap(32, 32).toImage()


INSTALLED_ENTRY = """[Desktop Entry]
Type=Application
Name=pfrelax
Comment=Guided breathing and relaxation
Exec="{app}/pfrelax-app/pfrelax"
Icon=pfrelax
StartupWMClass=pfrelax
"""


def test_discreet_mode_renames_the_installed_menu_entry_at_the_tick_and_at_start(
    home: Path, qtbot: QtBot, clock: FakeClock, sessions: list[Session]
) -> None:
    entry = InstalledMenuEntry()  # in the test's own XDG_DATA_HOME (conftest)
    entry.folder.mkdir(parents=True)
    installed = INSTALLED_ENTRY.format(app=entry.folder.parent)
    entry.path.write_text(installed, encoding="utf-8")
    composition = compose(qtbot, clock, sessions)
    composition.finish_startup()
    assert entry.path.read_text(encoding="utf-8") == installed  # not discreet: as installed

    dialog = composition.open_settings()
    assert isinstance(dialog, SettingsDialog)
    qtbot.waitExposed(dialog)
    box = QPoint(8, dialog.privacy.discreet.height() // 2)
    qtbot.mouseClick(dialog.privacy.discreet, Qt.MouseButton.LeftButton, pos=box)
    with qtbot.waitSignal(dialog.finished):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert f"\nName={DISCREET_NAME}\n" in entry.path.read_text(encoding="utf-8")
    composition.window.close()

    entry.path.write_text(installed, encoding="utf-8")  # installed again since
    again = compose(qtbot, clock, sessions)
    again.finish_startup()
    assert f"\nName={DISCREET_NAME}\n" in entry.path.read_text(encoding="utf-8")
    again.preferences.change(discreet_name=False)
    assert entry.path.read_text(encoding="utf-8") == installed
    again.window.close()
