"""The app with a damaged history: it starts, sessions still play, a calm note offers the last
backup, and restoring it brings the history back; the damaged file is kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from pfrelax import paths
from pfrelax.app import Composition
from pfrelax.core.settings import Settings
from pfrelax.launch import build, create_application
from pfrelax.services import preferences as settings_store
from pfrelax.store.checkins import Checkins
from pfrelax.store.db import Database, open_database
from pfrelax.ui.common.store_recovery import READ_ONLY_NOTE, show_notices

from .test_database_damaged import damage_a_page, fill

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def damaged(home: Path) -> Path:
    """Yesterday's copy has one check-in; since then, more, and then a page was destroyed."""
    with open_database(paths.database_path(), daily_backup=True) as db:
        pass
    with open_database(paths.database_path()) as db:
        Checkins(db).save_checkin("standalone", {"mood": 7}, note="yesterday")
        db.backup_to(paths.database_path().with_name("pfrelax.sqlite3.bak-daily"))
        fill(db)
        db.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    damage_a_page(paths.database_path())
    settings_store.save(Settings(disclaimer_seen=True))
    return home


def started(qtbot: QtBot) -> Composition:
    app = create_application([])
    assert isinstance(app, QApplication)
    composition = build(app, sessions=[])
    qtbot.addWidget(composition.window)
    composition.window.show()
    qtbot.waitExposed(composition.window)
    composition.finish_startup()
    return composition


def note(composition: Composition, text: str) -> QMessageBox:
    boxes = [
        box
        for box in composition.window.findChildren(QMessageBox)
        if box.isVisible() and box.text().startswith(text)
    ]
    assert len(boxes) == 1, [b.text() for b in composition.window.findChildren(QMessageBox)]
    return boxes[0]


def button(box: QMessageBox, label: str) -> QPushButton:
    [found] = [b for b in box.findChildren(QPushButton) if b.text() == label]
    return found


def test_the_app_offers_the_last_backup_and_restores_it(qtbot: QtBot, damaged: Path) -> None:
    composition = started(qtbot)
    box = note(composition, "pfrelax could not read your saved history.")
    assert "The file it is kept in is damaged. Nothing has been changed in it" in (
        box.informativeText()
    )
    assert "Your last backup is from " in box.informativeText()
    assert box.defaultButton() is button(box, "Not now")  # nothing is pressed on the person
    qtbot.mouseClick(button(box, "Restore the backup"), Qt.MouseButton.LeftButton)
    told = note(composition, "Your history is back as it was when the backup was made.")
    qtbot.mouseClick(told.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    db = composition.database()
    assert db is not None
    assert db.connection.execute("SELECT note FROM checkins").fetchall() == [("yesterday",)]
    [kept] = (damaged / "data").glob("pfrelax.sqlite3.damaged-*")
    assert kept.stat().st_size > 0
    composition.window.close()


def test_not_now_keeps_the_app_running_with_the_history_put_aside(
    qtbot: QtBot, damaged: Path
) -> None:
    composition = started(qtbot)
    box = note(composition, "pfrelax could not read your saved history.")
    qtbot.mouseClick(button(box, "Not now"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not box.isVisible())
    composition.window.show_page("Progress")
    labels = [label.text() for label in composition.window.findChildren(QLabel)]
    assert any(
        t.startswith("Progress is not available. pfrelax.sqlite3 is damaged") for t in labels
    )
    assert not any("will appear here" in t for t in labels)
    assert composition.importer is None  # nothing can be installed into it
    composition.window.close()


def test_a_broken_settings_file_is_told_once(qtbot: QtBot, home: Path) -> None:
    paths.settings_path().write_text("[" * 100_000, "utf-8")
    composition = started(qtbot)
    box = note(composition, "Your settings file is larger than 64 KB")
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    composition.window.close()
    again = started(qtbot)
    assert not [b for b in again.window.findChildren(QMessageBox) if b.isVisible()]
    again.window.close()


def test_when_settings_cannot_be_saved_the_person_is_told(qtbot: QtBot, home: Path) -> None:
    composition = started(qtbot)
    paths.settings_path().mkdir()  # made after start-up: nothing set it aside
    composition.preferences.change(theme="dark")
    box = note(composition, "Your settings could not be saved:")
    assert str(paths.settings_path()) in box.text()
    composition.preferences.change(theme="light")  # not told twice
    boxes = [b for b in composition.window.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1
    composition.window.close()


def test_a_read_only_history_is_shown_but_nothing_is_saved_into_it(
    qtbot: QtBot, home: Path
) -> None:
    """The app's side of a read-only folder: pages read the history, nothing writes to it, and
    the person is told why once."""
    with open_database(paths.database_path()) as db:
        Checkins(db).save_checkin("standalone", {"mood": 7})
    composition = started(qtbot)
    # As open_database hands it out for a write-protected folder (root could write anyway).
    uri = paths.database_path().resolve().as_uri()
    read_only = Database(
        paths.database_path(), sqlite3.connect(f"{uri}?mode=ro", uri=True), read_only=True
    )
    composition.services.history.use(read_only)
    assert composition.database() is read_only
    assert composition.services.history.writable() is None
    show_notices(composition.window, ["read-only"], None, lambda: "")
    box = note(composition, READ_ONLY_NOTE[:40])
    assert box.text() == READ_ONLY_NOTE
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    composition.window.close()
