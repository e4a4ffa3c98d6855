"""A session from start to end: before check-in, the run recorded, after check-in, by keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pfrelax import paths
from pfrelax.core.clock import FakeClock
from pfrelax.core.session import Session
from pfrelax.core.transport import State
from pfrelax.store.db import open_database
from pfrelax.store.progress_queries import run_checkin_values
from pfrelax.store.runs import Runs
from pfrelax.ui.checkin.checkin_dialog import CheckinDialog

# The offscreen platform cannot pass a dialog's size hints to a window manager.
from .test_main_window import compose

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def press(qtbot: QtBot, key: Qt.Key | str) -> None:
    """Send a key to whatever has the focus, as a keyboard would."""
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key)


def rate_by_keyboard(qtbot: QtBot, dialog: CheckinDialog, digits: str) -> None:
    """Type one digit per measure, Tab between them, Enter to save — as a person would."""
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.scales[0].slider)
    for index, digit in enumerate(digits):
        press(qtbot, digit)
        if index + 1 < len(digits):
            press(qtbot, Qt.Key.Key_Tab)
    with qtbot.waitSignal(dialog.finished):
        press(qtbot, Qt.Key.Key_Return)


def test_before_and_after_check_ins_belong_to_the_recorded_run(
    qtbot: QtBot, clock: FakeClock, sessions: list[Session], home: Path
) -> None:
    composition = compose(qtbot, clock, sessions)
    calm = sessions[0]  # three 10 s breaths
    composition.open_session(calm)
    player = composition.player_page
    qtbot.mouseClick(player.pre_start.start_button, Qt.MouseButton.LeftButton)

    flow = composition.session_flow
    assert flow is not None
    assert flow.dialog is not None
    assert player.state is State.IDLE  # the count-in waits for the check-in
    rate_by_keyboard(qtbot, flow.dialog, "642")
    assert player.state is State.COUNT_IN

    clock.advance(3 + 30 + 1)
    player.refresh()
    assert player.state is State.FINISHED
    after = flow.dialog
    assert after is not None
    assert after.moment == "after"
    rate_by_keyboard(qtbot, after, "321")

    with open_database(paths.database_path(), recover_runs=False) as db:
        run = Runs(db).get(flow.recorder.run_id if flow.recorder else -1)
        assert run is not None
        assert (run.session_id, run.status) == ("calm-4-6", "completed")
        before = run_checkin_values(db, run.id, "before")
        after_values = run_checkin_values(db, run.id, "after")
    assert before == {"distress": 6, "pelvic_tension": 4, "mood": 2}
    assert after_values == {"distress": 3, "pelvic_tension": 2, "mood": 1}


def test_skipping_the_before_check_in_still_starts_and_records(
    qtbot: QtBot, clock: FakeClock, sessions: list[Session], home: Path
) -> None:
    composition = compose(qtbot, clock, sessions)
    composition.open_session(sessions[0])
    player = composition.player_page
    qtbot.keyClick(player.pre_start.start_button, Qt.Key.Key_Space)
    flow = composition.session_flow
    assert flow is not None
    assert flow.dialog is not None
    with qtbot.waitSignal(flow.dialog.finished):
        qtbot.mouseClick(flow.dialog.skip_button, Qt.MouseButton.LeftButton)
    clock.advance(3 + 12)
    player.refresh()
    player.stop()
    assert flow.recorder is not None
    assert flow.recorder.run_id is not None
    with open_database(paths.database_path(), recover_runs=False) as db:
        run = Runs(db).get(flow.recorder.run_id)
        assert run is not None
        assert (run.status, run.seconds) == ("stopped", 12)
        assert run_checkin_values(db, run.id, "before") == {}


def test_a_pack_session_asks_the_measures_its_pack_names(
    qtbot: QtBot, clock: FakeClock, home: Path, tmp_path: Path
) -> None:
    from pfrelax.formats.pack_build import build_pack
    from tests.pack_service import install_pack, open_catalog

    example = Path(__file__).parents[2] / "examples" / "riverside-release"
    install_pack(build_pack(example, tmp_path / "release.pfpack"))  # [checkin] adds pain
    session = open_catalog().find("riverside-pt.release-phase-1/before-dilator")
    composition = compose(qtbot, clock, [session])
    composition.open_session(session)
    qtbot.mouseClick(composition.player_page.pre_start.start_button, Qt.MouseButton.LeftButton)
    flow = composition.session_flow
    assert flow is not None
    assert flow.dialog is not None
    asked = [scale.measure.value for scale in flow.dialog.scales]
    assert asked == ["distress", "pelvic_tension", "mood", "pain"]


def test_a_session_whose_run_cannot_be_saved_still_plays_and_says_so_once(
    qtbot: QtBot, clock: FakeClock, sessions: list[Session], home: Path
) -> None:
    composition = compose(qtbot, clock, sessions)
    db = composition.database()
    assert db is not None
    # Every new run now fails inside SQLite, as on a full disk or a file damaged since opening.
    db.connection.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON runs BEGIN INSERT INTO gone VALUES (1); END"
    )
    composition.open_session(sessions[0])
    player = composition.player_page
    qtbot.mouseClick(player.pre_start.start_button, Qt.MouseButton.LeftButton)
    flow = composition.session_flow
    assert flow is not None
    assert flow.dialog is None  # no before check-in for a run that does not exist
    assert flow.told is not None
    assert flow.told.text().startswith("This session still plays, but it is not saved: ")
    assert player.state is State.COUNT_IN
    clock.advance(3 + 30 + 1)
    player.refresh()
    assert player.state is State.FINISHED
    assert flow.dialog is None  # nor an after check-in
    assert db.connection.execute("SELECT count(*) FROM runs").fetchone() == (0,)
