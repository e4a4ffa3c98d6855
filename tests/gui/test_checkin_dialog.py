"""The check-in dialog, operated by keyboard like a person: exactly what is typed is stored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from pfrelax import paths
from pfrelax.core.checkin import DEFAULT_MEASURES, Measure
from pfrelax.core.texts import support_text
from pfrelax.services.checkins import CheckinService
from pfrelax.services.preferences import Preferences
from pfrelax.store.checkins import Checkins
from pfrelax.store.db import Database
from pfrelax.store.progress_queries import data_counts, load_ratings, notes_between
from pfrelax.store.runs import Runs
from pfrelax.ui.checkin.checkin_dialog import CheckinDialog, open_checkin
from pfrelax.ui.checkin.rating_scale import NOT_RATED

# The offscreen platform cannot pass a dialog's size hints to a window manager; that is about
# the test platform, not the dialog.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def shown(qtbot: QtBot, dialog: CheckinDialog) -> CheckinDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.scales[0].slider)
    return dialog


def press(qtbot: QtBot, *keys: Qt.Key | str) -> None:
    """Send each key to whatever has the focus, as a keyboard would."""
    for key in keys:
        target = QApplication.focusWidget()
        assert isinstance(target, QWidget)
        qtbot.keyClick(target, key)


def desk(db: Database) -> CheckinService:
    """Check-ins on `db`, asking what default preferences name."""
    return CheckinService(db, Preferences(paths.settings_path()).checkin_measures)


def after_checkin(db: Database, run: int) -> CheckinDialog:
    """An "after" check-in of run `run`, compared with its before check-in, as the app opens it."""
    checkins = desk(db)
    save, before = checkins.saver("after", run), checkins.before_values(run)
    return CheckinDialog(DEFAULT_MEASURES, "after", save=save, before=before)


def stored(db: Database) -> dict[str, int | None]:
    table = load_ratings(db)
    names = [m.value for m in Measure]
    return {
        names[m]: None if v != v else int(v)
        for m, v in zip(table.measure.tolist(), table.value.tolist(), strict=True)
    }


def test_keyboard_only_check_in_stores_exactly_the_typed_values(qtbot: QtBot, db: Database) -> None:
    dialog = shown(
        qtbot, CheckinDialog(DEFAULT_MEASURES, "standalone", save=desk(db).saver("standalone"))
    )
    press(qtbot, "7", Qt.Key.Key_Tab, Qt.Key.Key_Right, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Tab, "1", "0", Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.note, "slept well")
    with qtbot.waitSignal(dialog.accepted):
        press(qtbot, Qt.Key.Key_Return)
    assert stored(db) == {"distress": 7, "pelvic_tension": 2, "mood": 10}
    assert [n.text for n in notes_between(db, 0, 2**40)] == ["slept well"]
    assert dialog.saved_id is not None


def test_arrow_keys_move_a_rated_slider_and_the_number_shows(qtbot: QtBot, db: Database) -> None:
    dialog = shown(
        qtbot, CheckinDialog([Measure.MOOD], "standalone", save=desk(db).saver("standalone"))
    )
    scale = dialog.scales[0]
    assert scale.value_label.text() == NOT_RATED
    press(qtbot, "4", Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Left)
    assert scale.value_label.text() == "5"
    with qtbot.waitSignal(dialog.accepted):
        press(qtbot, Qt.Key.Key_Enter)
    assert stored(db) == {"mood": 5}


def test_untouched_sliders_are_not_recorded(qtbot: QtBot, db: Database) -> None:
    dialog = shown(
        qtbot, CheckinDialog(DEFAULT_MEASURES, "standalone", save=desk(db).saver("standalone"))
    )
    press(qtbot, Qt.Key.Key_Tab, "0")
    with qtbot.waitSignal(dialog.accepted):
        press(qtbot, Qt.Key.Key_Return)
    assert stored(db) == {"pelvic_tension": 0}


def test_nothing_rated_cannot_be_saved(qtbot: QtBot, db: Database) -> None:
    dialog = shown(
        qtbot, CheckinDialog(DEFAULT_MEASURES, "standalone", save=desk(db).saver("standalone"))
    )
    assert not dialog.save_button.isEnabled()
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert data_counts(db).checkins == 0


def test_skip_stores_nothing(qtbot: QtBot, db: Database) -> None:
    dialog = shown(
        qtbot, CheckinDialog(DEFAULT_MEASURES, "standalone", save=desk(db).saver("standalone"))
    )
    press(qtbot, "6", Qt.Key.Key_Tab, "3")
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(dialog.skip_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert data_counts(db).checkins == 0


def test_escape_skips_too(qtbot: QtBot, db: Database) -> None:
    dialog = shown(
        qtbot, CheckinDialog(DEFAULT_MEASURES, "standalone", save=desk(db).saver("standalone"))
    )
    press(qtbot, "6")
    with qtbot.waitSignal(dialog.rejected):
        press(qtbot, Qt.Key.Key_Escape)
    assert data_counts(db).checkins == 0


def test_weekly_question_can_be_answered_not_attempted(qtbot: QtBot, db: Database) -> None:
    dialog = shown(
        qtbot,
        CheckinDialog([Measure.PAIN_WITH_PENETRATION], "weekly", save=desk(db).saver("weekly")),
    )
    assert dialog.scales[0].slider.accessibleName() == (
        "Pain at your most recent attempt (sex, tampon, dilator)"
    )
    press(qtbot, "8", Qt.Key.Key_Tab, Qt.Key.Key_Space)
    assert not dialog.scales[0].slider.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        press(qtbot, Qt.Key.Key_Return)
    assert stored(db) == {"pain_with_penetration": None}


def after_dialog(qtbot: QtBot, db: Database, before: int) -> CheckinDialog:
    run = Runs(db).start_run("release", "Pelvic floor release")
    Checkins(db).save_checkin("before", {"distress": before}, run_id=run)
    return shown(qtbot, after_checkin(db, run))


def rate_distress_and_save(qtbot: QtBot, dialog: CheckinDialog, keys: list[str]) -> None:
    press(qtbot, *keys)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize(("before", "keys"), [(2, ["9"]), (9, ["1", "0"]), (2, ["5"])])
def test_support_text_appears_at_very_high_or_sharply_risen_distress(
    qtbot: QtBot, db: Database, before: int, keys: list[str]
) -> None:
    dialog = after_dialog(qtbot, db, before)
    rate_distress_and_save(qtbot, dialog, keys)
    assert dialog.support_shown
    assert dialog.support.isVisible()
    country = QLocale.territoryToCode(QLocale.system().territory()) or None
    assert dialog.support.text.text() == support_text(country)
    assert dialog.support.text.text().startswith("If you are in crisis")
    assert data_counts(db).checkins == 2  # saved before the panel shows
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.support.close_button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize(("before", "keys"), [(7, ["8"]), (2, ["4"])])
def test_no_support_text_at_8_or_a_rise_of_two(
    qtbot: QtBot, db: Database, before: int, keys: list[str]
) -> None:
    dialog = after_dialog(qtbot, db, before)
    with qtbot.waitSignal(dialog.accepted):
        rate_distress_and_save(qtbot, dialog, keys)
    assert not dialog.support_shown


def test_the_weekly_question_follows_a_saved_after_check_in_when_due(
    qtbot: QtBot, db: Database
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    run = Runs(db).start_run("release", "Pelvic floor release")
    dialog = open_checkin(parent, desk(db), "after", run_id=run)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.scales[0].slider)
    with qtbot.waitSignal(dialog.accepted):
        press(qtbot, "2", Qt.Key.Key_Return)
    weekly = dialog.weekly_dialog
    assert weekly is not None
    assert [s.measure for s in weekly.scales] == [Measure.PAIN_WITH_PENETRATION]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is weekly.scales[0].slider)
    with qtbot.waitSignal(weekly.accepted):
        press(qtbot, "5", Qt.Key.Key_Return)
    assert stored(db) == {"distress": 2, "pain_with_penetration": 5}


def test_no_weekly_question_after_a_skip_or_within_the_week(qtbot: QtBot, db: Database) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    run = Runs(db).start_run("release", "Pelvic floor release")
    skipped = open_checkin(parent, desk(db), "after", run_id=run)
    with qtbot.waitSignal(skipped.rejected):
        qtbot.mouseClick(skipped.skip_button, Qt.MouseButton.LeftButton)
    assert skipped.weekly_dialog is None
    Checkins(db).save_checkin("weekly", {"pain_with_penetration": 3})
    answered = open_checkin(parent, desk(db), "after", run_id=run)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is answered.scales[0].slider)
    with qtbot.waitSignal(answered.accepted):
        press(qtbot, "2", Qt.Key.Key_Return)
    assert answered.weekly_dialog is None


def read_only(db: Database) -> Database:
    """The same real database as the app opens it in a read-only data folder."""
    return Database(db.path, db.connection, read_only=True)


@pytest.mark.parametrize("moment", ["standalone", "weekly"])
def test_a_check_in_that_cannot_be_saved_says_so_calmly_and_stays_open(
    qtbot: QtBot, db: Database, moment: str
) -> None:
    measures = DEFAULT_MEASURES if moment == "standalone" else (Measure.PAIN_WITH_PENETRATION,)
    dialog = shown(qtbot, CheckinDialog(measures, moment, save=desk(read_only(db)).saver(moment)))
    press(qtbot, "4", Qt.Key.Key_Return)  # no traceback: the slot would raise otherwise
    assert dialog.isVisible()
    assert dialog.problem.isVisibleTo(dialog)
    assert dialog.problem.text().startswith("Your check-in was not saved: ")
    assert "is read-only, so pfrelax cannot save anything there" in dialog.problem.text()
    assert dialog.saved_id is None
    assert stored(db) == {}
    with qtbot.waitSignal(dialog.rejected):
        press(qtbot, Qt.Key.Key_Escape)  # and the person can close it as always


def test_an_after_check_in_that_fails_inside_sqlite_is_not_half_saved(
    qtbot: QtBot, db: Database
) -> None:
    run = Runs(db).start_run("release", "Release")
    db.connection.execute("DROP TABLE checkin_values")  # a write now fails inside SQLite
    dialog = shown(qtbot, after_checkin(db, run))
    press(qtbot, "3", Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.problem.text().startswith("Your check-in was not saved: ")
    assert db.connection.execute("SELECT count(*) FROM checkins").fetchone() == (0,)
