"""Heart rate in the app: chosen in Settings, shown under the breathing with the demo source on
a fake clock, and the run's figures kept when the session ends."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from pfrelax.app import PROGRESS_PAGE, Composition
from pfrelax.core.clock import FakeClock
from pfrelax.core.heart.figures import RunFigures
from pfrelax.core.pattern import Pattern
from pfrelax.core.session import BreatheStep, Session
from pfrelax.core.transport import State
from pfrelax.services.heart_history import HeartHistory
from pfrelax.services.heart_sources import FoundStrap, ScanResult
from pfrelax.services.preferences import Preferences
from pfrelax.services.report import gather_report
from pfrelax.store.db import Database
from pfrelax.ui.player.heart_live import HeartLive
from pfrelax.ui.progress.progress_extras import HEART
from pfrelax.ui.progress.report import write_report
from pfrelax.ui.settings.settings_dialog import SettingsDialog

from .conftest import no_output
from .test_report_heart import flowing_text

SLOW = Pattern(inhale_ms=4000, exhale_ms=6000)


def heart_of(composition: Composition) -> HeartLive:
    """The player's heart rate view (the player is built by now)."""
    heart = composition.player.heart
    assert heart is not None
    return heart


def slow_session(minutes: int = 2) -> Session:
    return Session(
        id="slow-6",
        title="Slow breathing",
        summary="Six breaths a minute.",
        tags=("breathing",),
        steps=(BreatheStep("Breathe 4-6", SLOW, target_ms=minutes * 60_000),),
    )


def compose(qtbot: QtBot, clock: FakeClock, heart_source: str) -> Composition:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    preferences = Preferences.read()
    preferences.change(heart_source=heart_source, count_in_seconds=0)
    composition = Composition(
        app, clock=clock, preferences=preferences, sessions=[slow_session()], open_output=no_output
    )
    qtbot.addWidget(composition.window)
    composition.window.show()
    qtbot.waitExposed(composition.window)
    composition.finish_startup()  # the database is open, as after the first paint
    return composition


def start(composition: Composition, qtbot: QtBot) -> None:
    composition.library_page.list.setFocus()
    qtbot.keyClick(composition.library_page.list, Qt.Key.Key_Return)
    qtbot.keyClick(composition.player_page.pre_start.start_button, Qt.Key.Key_Space)
    flow = composition.session_flow
    if flow is not None and flow.dialog is not None:
        qtbot.mouseClick(flow.dialog.skip_button, Qt.MouseButton.LeftButton)


def play_for(composition: Composition, clock: FakeClock, seconds: float) -> None:
    """The frame timer and the heart timer, as they run, on the fake clock."""
    for _ in range(int(seconds * 2)):
        clock.advance(0.5)
        composition.player_page.refresh()
        heart_of(composition).refresh()


def test_a_demo_session_shows_the_trace_and_keeps_the_run_figures(
    qtbot: QtBot, clock: FakeClock, home: Path, tmp_path: Path
) -> None:
    composition = compose(qtbot, clock, "demo")
    start(composition, qtbot)
    heart = heart_of(composition)
    play_for(composition, clock, 75)
    trace = heart.trace
    assert trace is not None
    assert trace.isVisible()
    assert heart._timer.isActive()  # refreshed by its own timer, not per frame
    assert trace.bpm.text().endswith(" bpm")
    assert trace.bpm.text() != "— bpm"
    assert trace.swing.text().startswith("Last breath: ")
    assert trace.state.text() == "Demo: a simulated person · Connected · battery 80 %"
    assert len(trace.curve.getData()[0]) > 60
    play_for(composition, clock, 50)
    assert composition.player_page.state is State.FINISHED
    assert not heart._timer.isActive()
    figures = heart.session.last_figures
    assert figures is not None
    assert figures.beats > 100
    assert figures.mean_hr_bpm is not None
    assert figures.peak_to_trough_bpm is not None
    db = composition.database()
    assert db is not None
    [kept] = HeartHistory(db).all_figures()
    assert kept.figures == figures
    shown_on_progress(composition, qtbot, figures)
    in_the_report(db, kept.started.date(), figures, tmp_path)


def in_the_report(db: Database, day: date, figures: RunFigures, tmp_path: Path) -> None:
    """The PT report over the day the run was kept (the store's own clock chose it)."""
    target = tmp_path / "report.pdf"
    write_report(gather_report(db, day, day), target, generated=day)
    text = flowing_text(target)
    assert "Heart figures (weekly medians)" in text
    assert figures.rmssd_ms is not None
    # The week's row: one session, its mean heart rate and RMSSD (one decimal), its beats.
    assert f" 1 {figures.mean_hr_bpm:.1f} {figures.rmssd_ms:.1f} " in text
    assert f"{figures.corrected_beats} of {figures.beats}" in text


def shown_on_progress(composition: Composition, qtbot: QtBot, figures: RunFigures) -> None:
    flow = composition.session_flow
    if flow is not None and flow.dialog is not None:  # the after check-in: not today
        qtbot.mouseClick(flow.dialog.skip_button, Qt.MouseButton.LeftButton)
    composition.window.show_page(PROGRESS_PAGE)
    page = composition.history_pages.progress_page
    assert page is not None
    qtbot.waitExposed(page)
    page.measure_box.setFocus()
    qtbot.keyClick(page.measure_box, Qt.Key.Key_End)  # the heart figures come last
    assert page.measure_box.currentData() == HEART
    chart = page.extra_charts.heart_chart
    assert chart is not None
    assert chart.isVisible()
    drawn = [points.getData()[1].tolist() for _, points in chart.drawn]
    assert drawn[0] == [pytest.approx(figures.mean_hr_bpm)]
    assert "1 session with a heart strap" in page.summary.text()


def test_with_heart_rate_off_nothing_shows_and_pyqtgraph_stays_unloaded(
    qtbot: QtBot, clock: FakeClock, home: Path
) -> None:
    composition = compose(qtbot, clock, "off")
    start(composition, qtbot)
    play_for(composition, clock, 10)
    assert composition.player_page.state is State.PLAYING
    assert heart_of(composition).trace is None


def test_the_heart_trace_is_not_loaded_with_the_player() -> None:
    code = "import sys, pfrelax.ui.player.heart_live; print('pyqtgraph' in sys.modules)"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "False"


def settings_dialog(qtbot: QtBot, composition: Composition) -> SettingsDialog:
    dialog = composition.open_settings()
    qtbot.waitExposed(dialog)
    return dialog


def test_choosing_the_demo_in_settings_keeps_it(qtbot: QtBot, clock: FakeClock, home: Path) -> None:
    composition = compose(qtbot, clock, "off")
    dialog = settings_dialog(qtbot, composition)
    assert not dialog.heart.note.isVisible()
    dialog.heart.source.setFocus()
    qtbot.keyClick(dialog.heart.source, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.heart.source, Qt.Key.Key_Down)
    assert dialog.heart.source.currentData() == "demo"
    assert dialog.heart.note.isVisible()
    assert not dialog.heart.strap_box.isVisible()
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(
            buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    assert composition.preferences.settings.heart_source == "demo"
    composition.player_page  # noqa: B018 — built on first use, it follows the preferences
    assert heart_of(composition).session.choice.kind == "demo"


@pytest.mark.parametrize(
    ("result", "shown"),
    [
        (ScanResult(problem="No Bluetooth adapter was found on this computer."), "No Bluetooth"),
        (ScanResult(), "No strap answered this time."),
        (ScanResult((FoundStrap("Polar H10 1A2B", "AA:BB", "strong"),)), "Found 1 strap."),
    ],
)
def test_the_strap_scan_lists_straps_or_says_why_it_cannot_look(
    qtbot: QtBot, clock: FakeClock, home: Path, result: ScanResult, shown: str
) -> None:
    composition = compose(qtbot, clock, "strap")
    dialog = settings_dialog(qtbot, composition)
    fields = dialog.heart
    assert fields.strap_box.isVisible()
    fields.scan = lambda: result
    with qtbot.waitSignal(fields.scan_finished):
        qtbot.mouseClick(fields.scan_button, Qt.MouseButton.LeftButton)
    assert shown in fields.scan_status.text()
    assert fields.scan_button.isEnabled()
    if result.straps:
        assert fields.straps.currentText() == "Polar H10 1A2B — strong signal"
        chosen = dialog.chosen()
        assert (chosen.heart_strap_address, chosen.heart_strap_name) == ("AA:BB", "Polar H10 1A2B")
    dialog.reject()
