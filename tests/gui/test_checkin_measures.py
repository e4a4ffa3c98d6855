"""Check-ins ask exactly the measures the Settings dialog shows: after choosing them, after
"Delete all my data", after restoring a backup (in the app or with `pfrelax restore`), and when a
database from before v6 still held them. Operated by mouse, like a person."""

from __future__ import annotations

import argparse
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from pfrelax import paths
from pfrelax.app import PROGRESS_PAGE, Composition
from pfrelax.commands.data import restore_command
from pfrelax.core.checkin import DEFAULT_MEASURES
from pfrelax.core.clock import FakeClock
from pfrelax.core.session import Session
from pfrelax.store import migrations
from pfrelax.store.carried import MEASURES_KEY
from pfrelax.store.migrations import apply_migrations
from pfrelax.store.private_preferences import read_private
from pfrelax.ui.checkin.checkin_dialog import CheckinDialog
from pfrelax.ui.progress.progress_page import ProgressPage
from pfrelax.ui.settings import data_actions
from pfrelax.ui.settings.data_actions import DeleteAllDialog

from .test_main_window import compose

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

CARRY_VERSION = next(m.version for m in migrations.MIGRATIONS if "settings table" in m.description)


def click(qtbot: QtBot, button: QPushButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@contextmanager
def answering_modal_boxes(qtbot: QtBot) -> Iterator[None]:
    """While inside, answer each modal box as it opens, as a person would: Delete in the
    confirmation, Y(es) to restoring, Enter for OK. They block until answered, so the answers
    come from a timer running in their own event loop."""

    def answer() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or not modal.isVisible() or modal.property("answered"):
            return
        modal.setProperty("answered", True)  # a key animates its click: pressed once
        if isinstance(modal, DeleteAllDialog):
            click(qtbot, modal.delete_button)
        elif isinstance(modal, QMessageBox):
            asks = modal.standardButtons() & QMessageBox.StandardButton.Yes
            qtbot.keyClick(modal, Qt.Key.Key_Y if asks else Qt.Key.Key_Return)

    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(answer)
    timer.start()
    try:
        yield
    finally:
        timer.stop()


def shown_in_settings(qtbot: QtBot, composition: Composition) -> list[str]:
    """The measures the Settings dialog says check-ins ask (it is closed with Cancel)."""
    dialog = composition.open_settings()
    qtbot.waitExposed(dialog)
    shown = [m.value for m in DEFAULT_MEASURES]
    if dialog.checkin_body_tension.isChecked():
        shown.append("body_tension")
    if dialog.checkin_pain.isChecked():
        shown.append("pain")
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    with qtbot.waitSignal(dialog.finished):
        click(qtbot, cancel)
    return shown


def choose_in_settings(qtbot: QtBot, composition: Composition, *, pain: bool) -> None:
    dialog = composition.open_settings()
    qtbot.waitExposed(dialog)
    box = dialog.checkin_pain
    if box.isChecked() != pain:
        # On its box, not the middle of the row: the row is wider than the box and its words.
        qtbot.mouseClick(
            box, Qt.MouseButton.LeftButton, pos=QPoint(box.height() // 2, box.height() // 2)
        )
    assert box.isChecked() == pain
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    with qtbot.waitSignal(dialog.finished):
        click(qtbot, buttons.button(QDialogButtonBox.StandardButton.Ok))


def progress(qtbot: QtBot, composition: Composition) -> ProgressPage:
    composition.window.show_page(PROGRESS_PAGE)
    page = composition.history_pages.progress_page
    assert page is not None
    qtbot.waitExposed(page)
    return page


def asked_by_check_in(qtbot: QtBot, composition: Composition) -> list[str]:
    """The measures "Check in now" asks (the check-in is then skipped)."""
    page = progress(qtbot, composition)
    click(qtbot, page.checkin_button)
    dialogs = [d for d in page.findChildren(CheckinDialog) if d.isVisible()]
    assert len(dialogs) == 1
    asked = [scale.measure.value for scale in dialogs[0].scales]
    with qtbot.waitSignal(dialogs[0].finished):
        click(qtbot, dialogs[0].skip_button)
    return asked


@pytest.fixture
def started(qtbot: QtBot, clock: FakeClock, sessions: list[Session], home: Path) -> Composition:
    composition = compose(qtbot, clock, sessions)
    composition.finish_startup()  # the database is open, as after the first paint
    return composition


def test_choosing_pain_in_settings_adds_it_to_check_ins(qtbot: QtBot, started: Composition) -> None:
    choose_in_settings(qtbot, started, pain=True)
    assert asked_by_check_in(qtbot, started) == [*(m.value for m in DEFAULT_MEASURES), "pain"]
    assert asked_by_check_in(qtbot, started) == shown_in_settings(qtbot, started)
    # Saved inside the history (encrypted with a passphrase), never in the plain settings file.
    database = started.database()
    assert database is not None
    assert read_private(database.connection) == {
        "checkin_body_tension": False,
        "checkin_pain": True,
    }
    assert "checkin_pain" not in paths.settings_path().read_text(encoding="utf-8")


def test_after_delete_all_my_data_check_ins_ask_what_settings_show(
    qtbot: QtBot, started: Composition
) -> None:
    choose_in_settings(qtbot, started, pain=True)
    page = progress(qtbot, started)
    with answering_modal_boxes(qtbot), qtbot.waitSignal(page.data_deleted):
        page.delete_action.trigger()
    assert "pain" in asked_by_check_in(qtbot, started)
    assert asked_by_check_in(qtbot, started) == shown_in_settings(qtbot, started)


def v5_backup(path: Path, measures: str) -> Path:
    """A backup made by pfrelax 5, its settings table holding `measures` (JSON)."""
    con = sqlite3.connect(path, isolation_level=None)
    apply_migrations(con, 0, target=CARRY_VERSION - 1)
    con.execute("INSERT INTO settings VALUES (?, ?)", (MEASURES_KEY, measures))
    con.close()
    return path


def test_after_restoring_a_backup_check_ins_ask_what_settings_show(
    qtbot: QtBot, started: Composition, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose_in_settings(qtbot, started, pain=True)
    backup = v5_backup(tmp_path / "old-backup.sqlite3", '["body_tension"]')
    # The native file chooser cannot be clicked in a test; everything after it is.
    monkeypatch.setattr(data_actions, "choose_open_file", lambda *_: backup)
    page = progress(qtbot, started)
    with answering_modal_boxes(qtbot), qtbot.waitSignal(page.refreshed):
        page.restore_action.trigger()
    assert asked_by_check_in(qtbot, started) == shown_in_settings(qtbot, started)
    started.finish_startup()  # as at the next start: the backup's old value is offered
    assert asked_by_check_in(qtbot, started) == shown_in_settings(qtbot, started)


def test_after_pfrelax_restore_the_next_start_asks_what_settings_show(
    qtbot: QtBot, clock: FakeClock, sessions: list[Session], home: Path, tmp_path: Path
) -> None:
    first = compose(qtbot, clock, sessions)
    first.finish_startup()
    choose_in_settings(qtbot, first, pain=True)
    first.window.close()
    backup = v5_backup(tmp_path / "old-backup.sqlite3", "[]")
    assert restore_command(argparse.Namespace(backup=backup)) == 0
    again = compose(qtbot, clock, sessions)
    again.finish_startup()
    assert asked_by_check_in(qtbot, again) == shown_in_settings(qtbot, again)
    assert "pain" in shown_in_settings(qtbot, again)  # the settings file's choice stands


def test_a_database_from_before_v6_brings_its_measures_to_settings_and_check_ins(
    qtbot: QtBot, clock: FakeClock, sessions: list[Session], home: Path
) -> None:
    database = paths.database_path()
    database.parent.mkdir(parents=True, exist_ok=True)
    v5_backup(database, '["pain", "body_tension"]')  # no settings file yet: the person's choice
    composition = compose(qtbot, clock, sessions)
    composition.finish_startup()
    shown = shown_in_settings(qtbot, composition)
    assert shown == [*(m.value for m in DEFAULT_MEASURES), "body_tension", "pain"]
    assert asked_by_check_in(qtbot, composition) == shown
