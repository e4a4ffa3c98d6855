"""Importing a pack: preview first, install on confirm, a readable error list, drop to import."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from pfrelax.bug_report import PLEASE_REPORT
from pfrelax.formats.pack import Pack, read_pack
from pfrelax.services import packs as packs_service
from pfrelax.services.pack_import import PackImport
from pfrelax.services.pack_preview import HOLDS, WIDER_LIMITS
from pfrelax.store.db import Database
from pfrelax.store.packs import InstalledPacks
from pfrelax.ui.common.error_report import ErrorReporter
from pfrelax.ui.packs.pack_errors import COPIED, PackErrorsDialog
from pfrelax.ui.packs.pack_import import PackDropFilter, PackImporter
from pfrelax.ui.packs.pack_preview import PackPreviewDialog
from tests.pack_service import install_pack

from .gui_packs import RELEASE_ID, SetClock, release_files, write_pack

NEW_YORK = ZoneInfo("America/New_York")
NOW = SetClock(datetime(2026, 10, 27, 9, tzinfo=NEW_YORK))


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def importer(window: QWidget, db: Database) -> Iterator[PackImporter]:
    made = PackImporter(window, PackImport(db, now=NOW, zone=NEW_YORK))
    yield made
    made.shutdown()


def open_preview(qtbot: QtBot, importer: PackImporter, path: Path) -> PackPreviewDialog:
    with qtbot.waitSignal(importer.preview_shown, timeout=10_000) as shown:
        importer.import_path(path)
    dialog = shown.args[0]
    assert isinstance(dialog, PackPreviewDialog)
    qtbot.waitExposed(dialog)
    return dialog


def data_files(home: Path) -> list[str]:
    """Every file and folder under the data folder except the database's own files."""
    root = home / "data"
    return sorted(
        str(p.relative_to(root))
        for p in root.rglob("*")
        if not p.name.startswith("pfrelax.sqlite3")
    )


def test_preview_shows_who_their_message_the_sessions_and_the_plan_in_words(
    qtbot: QtBot, tmp_path: Path, importer: PackImporter
) -> None:
    dialog = open_preview(qtbot, importer, write_pack(tmp_path / "r.pfpack", release_files()))
    assert dialog.title_label.text() == "Release — phase 1"
    assert dialog.who_label.text() == (
        "From Alex Rivera, PT, DPT — Riverside Pelvic Health · version 1.2.0"
    )
    assert dialog.message_label.text() == (
        "“Hi! Practise these twice a day. Stop if anything hurts — we'll adjust at your next "
        "visit.”\n— Alex Rivera, PT, DPT"
    )
    rows = [(title.text(), length.text()) for title, length in dialog.session_rows]
    assert rows == [("Pelvic floor release", "10 min")]
    assert [label.text() for label in dialog.plan_labels] == [
        "Pelvic floor release — Weeks 1–4, every day, twice a day. Morning, and before bed."
    ]
    assert dialog.install_button.text() == "Install"
    assert dialog.start_plan.isVisible()
    assert dialog.start_plan.isChecked()
    assert not dialog.change_label.isVisible()
    dialog.reject()


def test_cancel_installs_nothing(
    qtbot: QtBot, tmp_path: Path, home: Path, db: Database, importer: PackImporter
) -> None:
    before = data_files(home)
    dialog = open_preview(qtbot, importer, write_pack(tmp_path / "r.pfpack", release_files()))
    with qtbot.assertNotEmitted(importer.pack_installed):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.isVisible())
    assert importer.busy() is False
    assert data_files(home) == before
    assert InstalledPacks(db).installed() == []


def test_install_on_confirm_installs_starts_the_plan_and_says_so(
    qtbot: QtBot, tmp_path: Path, db: Database, importer: PackImporter
) -> None:
    dialog = open_preview(qtbot, importer, write_pack(tmp_path / "r.pfpack", release_files()))
    with qtbot.waitSignal(importer.pack_installed, timeout=10_000) as installed:
        qtbot.mouseClick(dialog.install_button, Qt.MouseButton.LeftButton)
    assert installed.args == [RELEASE_ID]
    record = InstalledPacks(db).get(RELEASE_ID)
    assert record is not None
    assert (record.version, record.plan_started) == ("1.2.0", date(2026, 10, 27))


def test_unticking_start_the_plan_installs_without_starting_it(
    qtbot: QtBot, tmp_path: Path, db: Database, importer: PackImporter
) -> None:
    dialog = open_preview(qtbot, importer, write_pack(tmp_path / "r.pfpack", release_files()))
    box = dialog.start_plan
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert not dialog.start_plan.isChecked()
    with qtbot.waitSignal(importer.pack_installed, timeout=10_000):
        qtbot.mouseClick(dialog.install_button, Qt.MouseButton.LeftButton)
    record = InstalledPacks(db).get(RELEASE_ID)
    assert record is not None
    assert record.plan_started is None


def test_an_update_says_history_and_plan_start_are_kept(
    qtbot: QtBot, tmp_path: Path, db: Database, importer: PackImporter
) -> None:
    install_pack(write_pack(tmp_path / "old.pfpack", release_files("1.1.0")))
    InstalledPacks(db).set_plan_started(RELEASE_ID, date(2026, 10, 19))
    dialog = open_preview(qtbot, importer, write_pack(tmp_path / "new.pfpack", release_files()))
    assert dialog.change_label.text() == (
        "Update from 1.1.0 to 1.2.0 — your history and plan start date are kept."
    )
    assert dialog.install_button.text() == "Update to 1.2.0"
    assert not dialog.start_plan.isVisible()  # already started: its day is kept
    with qtbot.waitSignal(importer.pack_installed, timeout=10_000):
        qtbot.mouseClick(dialog.install_button, Qt.MouseButton.LeftButton)
    record = InstalledPacks(db).get(RELEASE_ID)
    assert record is not None
    assert (record.version, record.plan_started) == ("1.2.0", date(2026, 10, 19))


def test_an_older_version_asks_explicitly_and_goes_back_only_when_confirmed(
    qtbot: QtBot, tmp_path: Path, db: Database, importer: PackImporter
) -> None:
    install_pack(write_pack(tmp_path / "new.pfpack", release_files("1.2.0")))
    dialog = open_preview(
        qtbot, importer, write_pack(tmp_path / "old.pfpack", release_files("1.1.0"))
    )
    assert dialog.change_label.text() == (
        "This is an older version (1.1.0) than the one you have (1.2.0). Installing it goes "
        "back to 1.1.0 — your history and plan start date are kept."
    )
    assert dialog.install_button.text() == "Go back to 1.1.0"
    with qtbot.waitSignal(importer.pack_installed, timeout=10_000):
        qtbot.mouseClick(dialog.install_button, Qt.MouseButton.LeftButton)
    record = InstalledPacks(db).get(RELEASE_ID)
    assert record is not None
    assert record.version == "1.1.0"


def test_holds_and_clinician_limits_show_the_safety_notes_first(
    qtbot: QtBot, tmp_path: Path, importer: PackImporter
) -> None:
    files = release_files(limits="clinician", holds=True)
    dialog = open_preview(qtbot, importer, write_pack(tmp_path / "h.pfpack", files))
    assert [label.text() for label in dialog.safety_labels] == [
        HOLDS,
        "Soft box breathing: This session has short breath holds. Keep them soft; skip them if "
        "you feel dizzy.",
        WIDER_LIMITS,
    ]
    dialog.reject()


def test_an_invalid_pack_lists_every_problem_and_copies_the_exact_lines(
    qtbot: QtBot, tmp_path: Path, home: Path, importer: PackImporter
) -> None:
    files = release_files()
    files["sessions/pf-release-10.toml"] = files["sessions/pf-release-10.toml"].replace(
        b'pattern = "4-0-6-0"', b'pattern = "4-0-45-0"'
    )
    files["pack.toml"] = files["pack.toml"].replace(b"times_per_day = 2", b"times_per_day = 9")
    before = data_files(home)
    with qtbot.waitSignal(importer.errors_shown, timeout=10_000) as shown:
        importer.import_path(write_pack(tmp_path / "bad.pfpack", files))
    dialog = shown.args[0]
    assert isinstance(dialog, PackErrorsDialog)
    qtbot.waitExposed(dialog)
    expected = [
        "pack.toml:16: plan[0].times_per_day: 9 is outside 1–6 times a day",
        "sessions/pf-release-10.toml:9: step[0].pattern.exhale: 45 s is over the 15 s maximum",
    ]
    assert [str(p) for p in dialog.problems] == expected
    assert [(where.text(), what.text()) for where, what in dialog.rows] == [
        ("pack.toml, line 16 · plan[0].times_per_day", "9 is outside 1–6 times a day."),
        (
            "sessions/pf-release-10.toml, line 9 · step[0].pattern.exhale",
            "45 s is over the 15 s maximum.",
        ),
    ]
    assert "Nothing was installed" in dialog.summary.text()
    assert "Send these details to the person who made the pack" in dialog.summary.text()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "\n".join(expected)
    assert dialog.copy_button.text() == COPIED
    assert data_files(home) == before
    dialog.reject()


def test_reading_happens_off_the_gui_thread(
    qtbot: QtBot, tmp_path: Path, window: QWidget, db: Database
) -> None:
    threads: list[threading.Thread] = []

    def read(path: Path) -> Pack:
        threads.append(threading.current_thread())
        return read_pack(path)

    importer = PackImporter(window, PackImport(db, now=NOW, zone=NEW_YORK, read=read))
    dialog = open_preview(qtbot, importer, write_pack(tmp_path / "r.pfpack", release_files()))
    importer.shutdown()
    assert threads
    assert threads[0] is not threading.main_thread()
    dialog.reject()


def drag_event(path: Path) -> tuple[QDragEnterEvent, QDropEvent, QMimeData]:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    actions = Qt.DropAction.CopyAction
    no_button, no_key = Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(10, 10), actions, mime, no_button, no_key)
    drop = QDropEvent(QPointF(10, 10), actions, mime, no_button, no_key)
    return enter, drop, mime


def test_the_drop_filter_takes_a_pack_file_and_passes_other_files_on(
    qtbot: QtBot, tmp_path: Path, window: QWidget
) -> None:
    dropper = PackDropFilter(window)
    dropper.install(window)
    assert window.acceptDrops()
    pack = write_pack(tmp_path / "Release.PFPACK", release_files())
    enter, drop, _mime = drag_event(pack)
    assert dropper.eventFilter(window, enter) is True
    assert enter.isAccepted()
    with qtbot.waitSignal(dropper.pack_dropped) as dropped:
        assert dropper.eventFilter(window, drop) is True
    assert dropped.args == [pack]

    other = tmp_path / "notes.txt"
    other.write_text("not a pack", encoding="utf-8")
    enter, drop, _mime = drag_event(other)
    assert dropper.eventFilter(window, enter) is False
    with qtbot.assertNotEmitted(dropper.pack_dropped):
        assert dropper.eventFilter(window, drop) is False


def test_a_newer_version_installed_meanwhile_is_only_replaced_after_asking(
    qtbot: QtBot, tmp_path: Path, db: Database, importer: PackImporter
) -> None:
    old = write_pack(tmp_path / "old.pfpack", release_files("1.1.0"))
    dialog = open_preview(qtbot, importer, old)
    assert dialog.install_button.text() == "Install"
    install_pack(write_pack(tmp_path / "new.pfpack", release_files("1.2.0")))  # e.g. the CLI
    with qtbot.waitSignal(importer.downgrade_asked, timeout=10_000) as asked:
        qtbot.mouseClick(dialog.install_button, Qt.MouseButton.LeftButton)
    box = asked.args[0]
    assert "1.2.0 is installed" in box.text()
    back = next(b for b in box.buttons() if b.text() == "Go back to 1.1.0")
    with qtbot.waitSignal(importer.pack_installed, timeout=10_000):
        qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    record = InstalledPacks(db).get(RELEASE_ID)
    assert record is not None
    assert record.version == "1.1.0"


def test_file_import_pack_opens_a_file_dialog_that_leads_to_the_preview(
    qtbot: QtBot, tmp_path: Path, window: QWidget, importer: PackImporter
) -> None:
    action = importer.import_action(window)
    assert action.text() == "&Import pack…"
    assert action.shortcut().toString() == "Ctrl+I"
    pack = write_pack(tmp_path / "r.pfpack", release_files())
    chooser = importer.choose_file()
    assert chooser.nameFilters() == ["Session packs (*.pfpack)"]
    with qtbot.waitSignal(importer.preview_shown, timeout=10_000) as shown:
        chooser.fileSelected.emit(str(pack))
    chooser.reject()
    shown.args[0].reject()


def _with_manifest(files: dict[str, bytes], old: bytes, new: bytes) -> dict[str, bytes]:
    assert old in files["pack.toml"]
    return {**files, "pack.toml": files["pack.toml"].replace(old, new)}


def test_another_authors_pack_warns_with_both_names_and_needs_an_explicit_tick(
    qtbot: QtBot, tmp_path: Path, db: Database, importer: PackImporter
) -> None:
    install_pack(write_pack(tmp_path / "alex.pfpack", release_files("1.0.0")))
    mallory = _with_manifest(
        release_files("9.0.0"),
        b'author = "Alex Rivera, PT, DPT"\norganisation = "Riverside Pelvic Health"',
        b'author = "Mallory"\norganisation = "Elsewhere"',
    )
    dialog = open_preview(qtbot, importer, write_pack(tmp_path / "m.pfpack", mallory))
    assert dialog.author_warning_label is not None
    assert dialog.author_warning_label.text() == (
        "“Release — phase 1” is installed from Alex Rivera, PT, DPT — Riverside Pelvic Health. "
        "This file uses the same pack id but is from Mallory — Elsewhere. Installing it replaces "
        "their pack with this one. Only do this if you trust the person who sent it."
    )
    assert dialog.install_button.text() == "Replace their pack"
    assert not dialog.install_button.isEnabled()  # no explicit choice yet
    assert not dialog.install_button.isDefault()
    assert dialog.trust_author.text() == (
        "I trust this file: replace the pack from Alex Rivera, PT, DPT — Riverside Pelvic Health"
    )
    box = dialog.trust_author
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert dialog.install_button.isEnabled()
    with qtbot.waitSignal(importer.pack_installed, timeout=10_000):
        qtbot.mouseClick(dialog.install_button, Qt.MouseButton.LeftButton)
    record = InstalledPacks(db).get(RELEASE_ID)
    assert record is not None
    assert record.version == "9.0.0"


def test_cancelling_another_authors_pack_keeps_the_pts_pack(
    qtbot: QtBot, tmp_path: Path, home: Path, db: Database, importer: PackImporter
) -> None:
    install_pack(write_pack(tmp_path / "alex.pfpack", release_files("1.0.0")))
    before = data_files(home)
    mallory = _with_manifest(
        release_files("9.0.0"), b'author = "Alex Rivera, PT, DPT"', b'author = "Mallory"'
    )
    dialog = open_preview(qtbot, importer, write_pack(tmp_path / "m.pfpack", mallory))
    with qtbot.assertNotEmitted(importer.pack_installed):
        qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Return is Cancel here, not Replace
        qtbot.waitUntil(lambda: not dialog.isVisible())
    record = InstalledPacks(db).get(RELEASE_ID)
    assert record is not None
    assert record.version == "1.0.0"
    assert data_files(home) == before


def test_the_same_version_with_different_content_says_so_and_replaces_on_confirm(
    qtbot: QtBot, tmp_path: Path, db: Database, importer: PackImporter
) -> None:
    install_pack(write_pack(tmp_path / "first.pfpack", release_files()))
    changed = _with_manifest(
        release_files(), b'title = "Release \xe2\x80\x94 phase 1"', b'title = "Release, revised"'
    )
    dialog = open_preview(qtbot, importer, write_pack(tmp_path / "second.pfpack", changed))
    assert dialog.change_label.text() == (
        "Version 1.2.0 is already installed, but this file's content is different. Installing "
        "it replaces the installed files — your history and plan start date are kept."
    )
    assert dialog.install_button.text() == "Replace"
    with qtbot.waitSignal(importer.pack_installed, timeout=10_000):
        qtbot.mouseClick(dialog.install_button, Qt.MouseButton.LeftButton)
    record = InstalledPacks(db).get(RELEASE_ID)
    assert record is not None
    assert record.title == "Release, revised"


def test_the_pts_message_wraps_like_text_and_is_signed_once(
    qtbot: QtBot, tmp_path: Path, importer: PackImporter
) -> None:
    signed = _with_manifest(
        release_files(),
        b"message = \"Hi! Practise these twice a day. Stop if anything hurts \xe2\x80\x94 we'll "
        b'adjust at your next visit."',
        b'message = """\nDo the short one twice a day for the\nfirst two weeks.\n\n'
        b'Go gently.\n\xe2\x80\x94 Alex"""',
    )
    dialog = open_preview(qtbot, importer, write_pack(tmp_path / "s.pfpack", signed))
    assert dialog.message_label.text() == (
        "“Do the short one twice a day for the first two weeks.\n\nGo gently.”\n— Alex"
    )
    dialog.reject()


def test_an_unexpected_failure_while_reading_is_reported_as_our_bug_not_a_traceback(
    qtbot: QtBot, tmp_path: Path, window: QWidget, db: Database
) -> None:
    def read(path: Path) -> Pack:
        raise RecursionError("maximum recursion depth exceeded")

    reporter = ErrorReporter(window, lambda: tmp_path / "cache")
    imports = PackImport(db, now=NOW, zone=NEW_YORK, read=read)
    importer = PackImporter(window, imports, errors=reporter)
    with qtbot.waitSignal(importer.errors_shown, timeout=10_000) as shown:
        importer.import_path(write_pack(tmp_path / "odd.pfpack", release_files()))
    box: QMessageBox = shown.args[0]
    assert box is reporter.shown
    assert box.text().startswith(PLEASE_REPORT)
    assert "RecursionError: maximum recursion depth exceeded" in box.detailedText()
    importer.shutdown()
    box.close()


def test_our_bug_in_the_middle_of_an_install_is_reported_and_installs_nothing(
    qtbot: QtBot,
    tmp_path: Path,
    home: Path,
    window: QWidget,
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The pack is staged and half checked when a fault in pfrelax (not in the pack) stops it.
    def broken_write_levels(*_args: object) -> None:
        raise KeyError("lufs")

    reporter = ErrorReporter(window, lambda: tmp_path / "cache")
    importer = PackImporter(window, PackImport(db, now=NOW, zone=NEW_YORK), errors=reporter)
    path = write_pack(tmp_path / "r.pfpack", release_files())
    before = data_files(home)
    dialog = open_preview(qtbot, importer, path)
    monkeypatch.setattr(packs_service, "write_levels", broken_write_levels)
    with qtbot.waitSignal(importer.errors_shown, timeout=10_000) as shown:
        qtbot.mouseClick(dialog.install_button, Qt.MouseButton.LeftButton)
    box = shown.args[0]
    assert box.text().startswith(PLEASE_REPORT)
    assert "KeyError: 'lufs'" in box.detailedText()
    assert InstalledPacks(db).get(RELEASE_ID) is None
    assert [f for f in data_files(home) if f not in before] in ([], ["packs"])
    box.close()
    # The app keeps running: the same pack installs once the fault is gone.
    monkeypatch.undo()
    dialog = open_preview(qtbot, importer, path)
    with qtbot.waitSignal(importer.pack_installed, timeout=10_000):
        qtbot.mouseClick(dialog.install_button, Qt.MouseButton.LeftButton)
    assert InstalledPacks(db).get(RELEASE_ID) is not None
    importer.shutdown()


def test_a_deeply_nested_manifest_shows_its_problem_in_the_error_list(
    qtbot: QtBot, tmp_path: Path, home: Path, importer: PackImporter
) -> None:
    files = release_files()
    files["pack.toml"] += b"x = " + b"[" * 1000 + b"]" * 1000 + b"\n"
    before = data_files(home)
    with qtbot.waitSignal(importer.errors_shown, timeout=10_000) as shown:
        importer.import_path(write_pack(tmp_path / "deep.pfpack", files))
    dialog = shown.args[0]
    assert [str(p) for p in dialog.problems] == [
        "pack.toml:18: nesting too deep: lists and { } tables are nested more than 10 levels "
        "here; check the brackets on this line"
    ]
    assert data_files(home) == before
    dialog.reject()


def test_a_plan_start_the_store_refuses_leaves_the_pack_installed_and_says_so(
    qtbot: QtBot, tmp_path: Path, db: Database, importer: PackImporter
) -> None:
    # Starting the plan now fails inside SQLite, as on a full disk; the install itself does not.
    db.connection.execute(
        "CREATE TRIGGER refuse BEFORE UPDATE OF plan_started ON installed_packs "
        "BEGIN INSERT INTO gone VALUES (1); END"
    )
    dialog = open_preview(qtbot, importer, write_pack(tmp_path / "r.pfpack", release_files()))
    with qtbot.waitSignal(importer.pack_installed, timeout=10_000) as installed:
        qtbot.mouseClick(dialog.install_button, Qt.MouseButton.LeftButton)
    assert installed.args == [RELEASE_ID]
    assert importer.told is not None
    assert importer.told.text().startswith("The pack is installed, but its plan was not started: ")
    record = InstalledPacks(db).get(RELEASE_ID)
    assert record is not None
    assert (record.version, record.plan_started) == ("1.2.0", None)


def test_an_install_the_store_refuses_lists_the_stores_words_not_a_fault(
    qtbot: QtBot, tmp_path: Path, db: Database, importer: PackImporter
) -> None:
    db.connection.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON installed_packs "
        "BEGIN INSERT INTO gone VALUES (1); END"
    )
    dialog = open_preview(qtbot, importer, write_pack(tmp_path / "r.pfpack", release_files()))
    with qtbot.waitSignal(importer.errors_shown, timeout=10_000) as shown:
        qtbot.mouseClick(dialog.install_button, Qt.MouseButton.LeftButton)
    (problem,) = [str(p) for p in shown.args[0].problems]
    assert problem.startswith("r.pfpack: Could not save to ")
    assert "did not expect" not in problem
    assert InstalledPacks(db).get(RELEASE_ID) is None
    shown.args[0].reject()
