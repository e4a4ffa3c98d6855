"""The Progress page: the charts hold exactly the stored ratings; ranges, empty state, actions."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from pfrelax import paths
from pfrelax.core.checkin import Measure
from pfrelax.core.heart.figures import RunFigures
from pfrelax.core.progress import Span
from pfrelax.core.progress_view import PAIN_BAND_TEXT
from pfrelax.services.history_data import HistoryData
from pfrelax.services.preferences import Preferences
from pfrelax.services.progress import progress_services
from pfrelax.store.checkins import Checkins
from pfrelax.store.db import Database
from pfrelax.store.heart import HeartRecords
from pfrelax.store.progress_queries import data_counts, last_checkin_time
from pfrelax.store.runs import Runs
from pfrelax.ui.checkin.checkin_dialog import CheckinDialog
from pfrelax.ui.common.theme import DARK, LIGHT
from pfrelax.ui.progress.progress_page import EMPTY_TEXT, ProgressPage
from pfrelax.ui.settings import data_actions
from pfrelax.ui.settings.data_actions import DeleteAllDialog

# The offscreen platform cannot pass a dialog's size hints to a window manager.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

ZONE = timezone(timedelta(hours=2))
NOW = datetime(2026, 11, 27, 18, 0, tzinfo=ZONE)


def local(moment: datetime) -> float:
    """Local wall-clock seconds, the x of a chart point."""
    offset = moment.utcoffset()
    assert offset is not None
    return moment.timestamp() + offset.total_seconds()


def session(
    db: Database,
    start: datetime,
    before: int,
    after: int,
    minutes: int = 10,
    *,
    completed: bool = True,
) -> int:
    clock = {"now": start}
    runs = Runs(db, now=lambda: clock["now"])
    run = runs.start_run("release", "Pelvic floor release")
    checkins = Checkins(db)
    checkins.save_checkin("before", {"distress": before}, run_id=run, time=start)
    clock["now"] = start + timedelta(minutes=minutes)
    runs.finish_run(run, minutes * 60, completed=completed)
    checkins.save_checkin("after", {"distress": after}, run_id=run, time=clock["now"])
    return run


def shown_page(qtbot: QtBot, db: Database, span: Span = Span.TWO_WEEKS) -> ProgressPage:
    page = ProgressPage(
        progress_services(
            db, measures=Preferences(paths.settings_path()).checkin_measures, now=lambda: NOW
        ),
        LIGHT,
    )
    qtbot.addWidget(page)
    page.set_span(span)
    page.resize(1000, 700)
    with qtbot.waitSignal(page.refreshed):
        page.show()
    return page


def test_with_no_data_a_friendly_empty_state_shows(qtbot: QtBot, db: Database) -> None:
    page = shown_page(qtbot, db)
    assert page.is_empty
    assert page.empty_label.isVisible()
    assert page.empty_label.text() == EMPTY_TEXT
    assert page.chart is None  # nothing to draw, so pyqtgraph was not needed


def test_chart_points_are_exactly_the_stored_ratings(qtbot: QtBot, db: Database) -> None:
    starts = [NOW - timedelta(days=d, hours=3) for d in (9, 5, 1)]
    for start, (before, after) in zip(starts, [(7, 4), (6, 6), (8, 3)], strict=True):
        session(db, start, before, after)
    page = shown_page(qtbot, db)
    chart = page.chart
    assert chart is not None
    assert not page.is_empty
    x, y = chart.before_item.getData()
    assert x.tolist() == [local(s) for s in starts]
    assert y.tolist() == [7, 6, 8]
    x, y = chart.after_item.getData()
    assert x.tolist() == [local(s + timedelta(minutes=10)) for s in starts]
    assert y.tolist() == [4, 6, 3]
    _, change = chart.change_item.getData()
    assert change.tolist() == [-3, 0, -5]
    line_x, line_y = chart.pair_lines.getData()
    assert line_y.tolist() == [7, 4, 6, 6, 8, 3]  # each before joined to its own after
    assert line_x[0] == local(starts[0])


def test_minutes_per_week_bars_sum_the_sessions(qtbot: QtBot, db: Database) -> None:
    session(db, NOW - timedelta(days=1), 5, 4, minutes=12)
    session(db, NOW - timedelta(days=2), 5, 4, minutes=8)
    page = shown_page(qtbot, db)
    assert page.chart is not None
    assert np.asarray(page.chart.minutes_item.opts["height"]).tolist() == [20.0]


def test_range_chooser_filters_what_is_drawn(qtbot: QtBot, db: Database) -> None:
    session(db, NOW - timedelta(days=40), 6, 5)
    session(db, NOW - timedelta(days=3), 4, 2)
    session(db, NOW - timedelta(days=400), 9, 7)
    page = shown_page(qtbot, db)
    assert page.chart is not None
    assert page.chart.before_item.getData()[1].tolist() == [4]
    buttons = {b.text(): b for b in page.findChildren(QPushButton)}
    qtbot.mouseClick(buttons["3 months"], Qt.MouseButton.LeftButton)
    assert page.span is Span.THREE_MONTHS
    assert page.chart.before_item.getData()[1].tolist() == [6, 4]
    qtbot.mouseClick(buttons["All"], Qt.MouseButton.LeftButton)
    assert page.chart.before_item.getData()[1].tolist() == [9, 6, 4]


def test_measure_chooser_shows_another_measure(qtbot: QtBot, db: Database) -> None:
    Checkins(db).save_checkin("standalone", {"mood": 7, "distress": 2}, time=NOW - timedelta(1))
    page = shown_page(qtbot, db)
    assert page.chart is not None
    assert page.chart.other_item.getData()[1].tolist() == [2]
    page.set_measure(Measure.MOOD)
    assert page.chart.other_item.getData()[1].tolist() == [7]


def test_pain_charts_carry_the_meaningful_change_band(qtbot: QtBot, db: Database) -> None:
    checkins = Checkins(db)
    for days, value in ((12, 8), (5, 6)):
        checkins.save_checkin(
            "weekly", {"pain_with_penetration": value}, time=NOW - timedelta(days=days)
        )
    page = shown_page(qtbot, db)
    page.set_measure(Measure.PAIN_WITH_PENETRATION)
    chart = page.chart
    assert chart is not None
    assert chart.pain_band.isVisible()
    assert chart.pain_band.getRegion() == pytest.approx((6.0, 8.0))
    assert chart.pain_text.toPlainText() == PAIN_BAND_TEXT
    page.set_measure(Measure.DISTRESS)
    assert not chart.pain_band.isVisible()


def test_weekly_question_note_shows_only_when_due(qtbot: QtBot, db: Database) -> None:
    session(db, NOW - timedelta(days=1), 5, 4)
    page = shown_page(qtbot, db)
    assert page.weekly_note.isVisible()
    Checkins(db).save_checkin(
        "weekly", {"pain_with_penetration": None}, time=NOW - timedelta(days=2)
    )
    page.refresh()
    assert not page.weekly_note.isVisible()


def test_check_in_now_saves_and_redraws(qtbot: QtBot, db: Database) -> None:
    session(db, NOW - timedelta(days=1), 5, 4)
    page = shown_page(qtbot, db)
    page.window().activateWindow()
    qtbot.mouseClick(page.checkin_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(CheckinDialog)
    assert isinstance(dialog, CheckinDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.scales[0].slider)
    focused = QApplication.focusWidget()
    assert isinstance(focused, QWidget)
    qtbot.keyClick(focused, "3")
    with qtbot.waitSignal(page.refreshed):
        qtbot.keyClick(focused, Qt.Key.Key_Return)
    assert page.chart is not None
    assert page.chart.other_item.getData()[1].tolist() == [3]
    assert last_checkin_time(db, "standalone") == NOW  # saved by the page's clock, not the system's


def test_switching_theme_recolours_without_redrawing_data(qtbot: QtBot, db: Database) -> None:
    session(db, NOW - timedelta(days=1), 5, 4)
    page = shown_page(qtbot, db)
    page.set_palette(DARK)
    assert page.chart is not None
    assert page.chart.after_item.opts["brush"].color().name() == DARK.breath_in.lower()
    assert page.chart.after_item.getData()[1].tolist() == [4]


def test_delete_all_names_what_goes_and_defaults_to_keeping(qtbot: QtBot, db: Database) -> None:
    session(db, NOW - timedelta(days=1), 5, 4)
    dialog = DeleteAllDialog(data_counts(db))
    qtbot.addWidget(dialog)
    text = dialog.message.text()
    assert "every check-in and its ratings (2)" in text
    assert "the record of every session you practised (1)" in text
    assert "cannot be undone" in text
    assert dialog.keep_button.isDefault()
    assert not dialog.delete_button.isDefault()


def test_importing_the_page_does_not_load_pyqtgraph() -> None:
    code = (
        "import sys, pfrelax.ui.progress.progress_page; "
        "sys.exit(1 if 'pyqtgraph' in sys.modules else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True)
    assert result.returncode == 0, result.stderr.decode()


def test_years_of_history_are_drawn_as_averages(qtbot: QtBot, db: Database) -> None:
    for day in range(800):
        session(db, NOW - timedelta(days=day + 1), 6, 4)
    page = shown_page(qtbot, db, Span.ALL)
    chart = page.chart
    assert chart is not None
    assert page.view is not None
    assert not page.view.detailed
    assert chart.before_item.getData()[0].size == 0
    _, before = chart.before_line.getData()
    _, after = chart.after_line.getData()
    assert set(before.tolist()) == {6.0}
    assert set(after.tolist()) == {4.0}
    assert "800 sessions" in page.summary.text()
    assert "median change in distress during a session: −2" in page.summary.text()


def test_partial_runs_are_named_partial_not_counted_as_sessions(qtbot: QtBot, db: Database) -> None:
    for day in range(1, 4):
        session(db, NOW - timedelta(days=day), 6, 4)
    session(db, NOW - timedelta(days=4), 6, 5, minutes=2, completed=False)
    page = shown_page(qtbot, db)
    assert page.summary.text().startswith("3 sessions, 1 partial · 32 minutes practised")


def test_only_partial_runs_read_as_partial_sessions(qtbot: QtBot, db: Database) -> None:
    session(db, NOW - timedelta(days=1), 6, 5, minutes=2, completed=False)
    page = shown_page(qtbot, db)
    assert page.summary.text().startswith("1 partial session · 2 minutes practised")


def test_years_of_history_count_partial_runs_apart_in_summary_and_hover(
    qtbot: QtBot, db: Database
) -> None:
    for day in range(800):
        session(db, NOW - timedelta(days=day + 1), 6, 4, completed=day % 4 != 0)
    page = shown_page(qtbot, db, Span.ALL)
    assert page.view is not None
    assert page.chart is not None
    assert not page.view.detailed
    assert page.summary.text().startswith("600 sessions, 200 partial · ")
    tips = [page.chart._week_change_tip(page.view, i) for i in range(len(page.view.change_weekly))]
    counted = [re.search(r"over (\d+) sessions?(?:, (\d+) partial)?$", tip) for tip in tips]
    assert all(counted), tips[:3]
    assert sum(int(m[1]) for m in counted if m) == 600
    assert sum(int(m[2] or 0) for m in counted if m) == 200


class Answers:
    """Stands in for the native file choosers and message boxes, recording what was said."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, path: Path | None) -> None:
        self.told: list[str] = []
        monkeypatch.setattr(data_actions, "choose_save_file", lambda *_: path)
        monkeypatch.setattr(data_actions, "choose_open_file", lambda *_: path)
        monkeypatch.setattr(
            data_actions, "_tell", lambda _p, _t, message, detail="": self.told.append(message)
        )


def test_back_up_then_restore_brings_the_history_back(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session(db, NOW - timedelta(days=1), 5, 4)
    page = shown_page(qtbot, db)
    answers = Answers(monkeypatch, tmp_path / "backup.sqlite3")
    assert data_actions.back_up(page, HistoryData(db)) == tmp_path / "backup.sqlite3"
    assert answers.told == [f"Your data is backed up to {tmp_path / 'backup.sqlite3'}."]
    db.delete_all_data()
    monkeypatch.setattr(QMessageBox, "question", lambda *_: QMessageBox.StandardButton.Yes)
    assert data_actions.restore(page, HistoryData(db))
    assert data_counts(db).checkins == 2


def test_delete_all_deletes_only_after_confirming(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    session(db, NOW - timedelta(days=1), 5, 4)
    page = shown_page(qtbot, db)
    Answers(monkeypatch, None)
    monkeypatch.setattr(DeleteAllDialog, "exec", lambda _self: DeleteAllDialog.DialogCode.Rejected)
    page.delete_action.trigger()
    assert data_counts(db).checkins == 2
    monkeypatch.setattr(DeleteAllDialog, "exec", lambda _self: DeleteAllDialog.DialogCode.Accepted)
    with qtbot.waitSignal(page.refreshed):
        page.delete_action.trigger()
    assert data_counts(db).checkins == 0
    assert page.is_empty


def test_export_from_the_app_counts_every_kind_it_wrote(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_id = session(db, NOW - timedelta(days=1), 5, 4)
    HeartRecords(db, lambda: NOW).save_run_figures(run_id, RunFigures(610, 0, 70, 35, 7, 1200))
    page = shown_page(qtbot, db)
    answers = Answers(monkeypatch, tmp_path / "export.json")

    def choose_json(box: QMessageBox) -> int:
        next(b for b in box.buttons() if b.text() == "JSON file…").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", choose_json)
    assert data_actions.export_history(page, HistoryData(db)) == tmp_path / "export.json"
    assert answers.told == [
        f"Exported 2 check-ins, 1 session and heart figures of 1 run to {tmp_path / 'export.json'}."
    ]


def test_an_export_or_backup_that_cannot_be_written_says_so_without_errno(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session(db, NOW - timedelta(days=1), 5, 4)
    page = shown_page(qtbot, db)
    (tmp_path / "notes.txt").write_text("a file, not a folder\n")
    missing = tmp_path / "notes.txt" / "export.json"
    answers = Answers(monkeypatch, missing)

    def choose_json(box: QMessageBox) -> int:
        next(b for b in box.buttons() if b.text() == "JSON file…").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", choose_json)
    assert data_actions.export_history(page, HistoryData(db)) is None
    [told] = answers.told
    assert told.startswith(f"Could not write {missing} (")
    assert told.endswith("). Choose a folder you can write to, on a disk with free space.")
    assert "Errno" not in told
    backup = tmp_path / "notes.txt" / "backup.sqlite3"
    answers = Answers(monkeypatch, backup)
    assert data_actions.back_up(page, HistoryData(db)) is None
    [told] = answers.told
    assert told.startswith(f"Could not write the backup to {backup} (")
    assert "Could not write the backup: " not in told


def test_report_dialog_saves_the_chosen_range(
    qtbot: QtBot, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session(db, NOW - timedelta(days=1), 5, 4)
    target = tmp_path / "report.pdf"
    Answers(monkeypatch, target)
    dialog = data_actions.ReportDialog(HistoryData(db), NOW.date())
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert data_actions.privacy_note() in labels
    assert data_actions.privacy_note().startswith("Exported files are not encrypted.")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved_to == target
    assert target.read_bytes().startswith(b"%PDF")


def test_hovering_a_point_tells_when_which_session_and_the_value(
    qtbot: QtBot, db: Database
) -> None:
    start = NOW - timedelta(days=2, hours=4)
    session(db, start, 7, 3)
    page = shown_page(qtbot, db)
    chart = page.chart
    assert chart is not None
    view, canvas = chart.measure_plot.view, chart.canvas

    def hover_the_point() -> bool:
        # Mapped afresh each try: the first paint sizes the axes and moves the plot a little.
        target = canvas.mapFromScene(view.mapViewToScene(QPointF(local(start), 7)))
        qtbot.mouseMove(canvas.viewport(), target)
        return bool(view.toolTip())

    qtbot.waitExposed(canvas)
    qtbot.waitUntil(hover_the_point)
    assert view.toolTip() == ("Wed 25 Nov 2026, 14:00 · before\nPelvic floor release\nDistress: 7")
