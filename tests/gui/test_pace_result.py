"""The pace finder's result: shown after the finder is played with the demo heart source, each
pace's scores, and "Make my resonance session" putting "your pace" in My sessions."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from pfrelax import paths
from pfrelax.app import Composition
from pfrelax.core.clock import FakeClock
from pfrelax.core.heart.resonance import (
    CRITERIA,
    EpochScore,
    FinderResult,
    finder_plan,
    personal_session,
    resonance_pattern,
)
from pfrelax.core.session import BreatheStep, Session
from pfrelax.core.timeline import compile_session
from pfrelax.core.transport import State
from pfrelax.formats.session_file import load_session
from pfrelax.launch import open_catalog_file
from pfrelax.services.heart_history import HeartHistory, SavedFinderResult
from pfrelax.services.my_sessions import MySessions
from pfrelax.services.pace_finder import PaceFinder
from pfrelax.services.playback import Playback
from pfrelax.services.preferences import Preferences
from pfrelax.store.db import Database
from pfrelax.ui.progress.pace_after_run import PaceAfterRun
from pfrelax.ui.progress.pace_result import (
    MADE_TEXT,
    NO_CLEAR_PACE,
    UNCLEAR_WORDS,
    PaceResultDialog,
)
from pfrelax.ui.progress.progress_extras import HEART, build_extra

from .conftest import no_output

AT = datetime(2026, 11, 23, 19, 0, tzinfo=timezone(timedelta(hours=1)))
PACES = (
    EpochScore(6.5, 6.25, 900.0, 35.0, 24, 1),
    EpochScore(6.0, 8.5, 1400.0, 20.0, 25, 0),
    EpochScore(5.5, 12.0, 2900.0, -2.0, 26, 0),
    EpochScore(5.0, 9.0, 1700.0, -30.0, 27, 0),
    EpochScore(4.5, math.nan, math.nan, math.nan, 6, 0),
)


def saved(chosen: float | None) -> SavedFinderResult:
    result = FinderResult(PACES, dict.fromkeys(CRITERIA, chosen), chosen, 1)
    return SavedFinderResult(1, AT, None, result)


def test_your_pace_and_each_paces_scores_are_shown_and_made_into_a_session(
    qtbot: QtBot, tmp_path: Path
) -> None:
    mine = MySessions(tmp_path / "sessions")
    dialog = PaceResultDialog(saved(5.5), lambda rate: mine.add(personal_session(rate)), None)
    qtbot.addWidget(dialog)
    dialog.show()
    view = dialog.view
    assert view.headline.text() == "Your pace: 5.5 breaths a minute"
    assert dialog.windowTitle() == "Your pace"
    rows = [[label.text() for label in row] for row in view.cells]
    assert rows[2] == ["5.5  · your pace", "12.0 bpm", "2,900 ms²", "−2°", "26"]
    assert rows[0] == ["6.5", "6.2 bpm", "900 ms²", "+35°", "24, 1 corrected"]
    assert rows[4] == ["4.5", "–", "–", "–", "6 (too few beats)"]
    assert view.cells[2][0].font().bold()
    assert not view.cells[1][0].font().bold()
    assert "1 beat was corrected" in view.foot.text()
    assert "compared only with each other" in view.foot.text()
    with qtbot.waitSignal(view.session_made) as made:
        qtbot.mouseClick(view.make_button, Qt.MouseButton.LeftButton)
    session = made.args[0]
    assert isinstance(session, Session)
    assert [s.title for s in mine.sessions()] == ["Your pace, 5.5 breaths a minute"]
    assert view.make_button.text() == MADE_TEXT
    assert not view.make_button.isEnabled()
    assert view.made_label.text() == "“Your pace, 5.5 breaths a minute” is now in My sessions."
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_no_clear_pace_is_said_plainly_with_nothing_to_make(qtbot: QtBot) -> None:
    dialog = PaceResultDialog(saved(None), personal_session, None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.view.headline.text() == NO_CLEAR_PACE
    assert dialog.view.words.text() == UNCLEAR_WORDS
    assert not dialog.view.make_button.isVisible()
    assert not any(label.font().bold() for row in dialog.view.cells for label in row)


def test_a_session_that_cannot_be_saved_says_why_and_the_window_stays(
    qtbot: QtBot, tmp_path: Path
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the folder would go", "utf-8")
    mine = MySessions(blocked)
    dialog = PaceResultDialog(saved(5.0), lambda rate: mine.add(personal_session(rate)), None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.view.make_button, Qt.MouseButton.LeftButton)
    assert dialog.view.made_label.text().startswith("The session could not be saved: ")
    assert str(blocked) in dialog.view.made_label.text()
    assert dialog.view.make_button.isEnabled()  # the person may free the folder and try again
    assert dialog.isVisible()


def compose(qtbot: QtBot, clock: FakeClock) -> Composition:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    preferences = Preferences.read()
    preferences.change(heart_source="demo", count_in_seconds=0)
    finder = load_session(paths.builtin_sessions_dir() / "resonance-finder.toml")
    composition = Composition(
        app, clock=clock, preferences=preferences, sessions=[finder], open_output=no_output
    )
    qtbot.addWidget(composition.window)
    composition.window.show()
    qtbot.waitExposed(composition.window)
    composition.finish_startup()
    composition.library = open_catalog_file()  # what the library page lists once reloaded
    return composition


def test_the_finder_played_with_the_demo_heart_shows_and_keeps_the_pace_found(
    qtbot: QtBot, clock: FakeClock, home: Path
) -> None:
    composition = compose(qtbot, clock)
    composition.library_page.list.setFocus()
    qtbot.keyClick(composition.library_page.list, Qt.Key.Key_Return)
    qtbot.keyClick(composition.player_page.pre_start.start_button, Qt.Key.Key_Space)
    with qtbot.waitSignal(composition.pace.shown, timeout=60_000) as shown:
        while composition.player_page.state is not State.FINISHED:
            clock.advance(1.0)  # the frame timer and the heart timer, on the fake clock
            composition.player_page.refresh()
            composition.heart.refresh()
    dialog = shown.args[0]
    assert isinstance(dialog, PaceResultDialog)
    assert dialog.isVisible()
    # The demo person's own pace is 5.5 breaths a minute; the finder finds it.
    assert dialog.view.headline.text() == "Your pace: 5.5 breaths a minute"
    db = composition.database()
    assert db is not None
    (kept,) = HeartHistory(db).finder_results()
    assert kept.result.chosen == 5.5
    assert kept.run_id is not None
    assert HeartHistory(db).run_figures(kept.run_id) is not None  # the run's own figures too
    # Progress names it later beside the heart figures.
    assert build_extra(db, HEART, None, tuple).summary.endswith("your pace 5.5 breaths a minute")
    with qtbot.waitSignal(dialog.view.session_made):
        qtbot.mouseClick(dialog.view.make_button, Qt.MouseButton.LeftButton)
    listed = [s for s in composition.library_page.visible_sessions() if s.personal]
    assert [s.title for s in listed] == ["Your pace, 5.5 breaths a minute"]
    (breathe,) = [step for step in listed[0].steps if isinstance(step, BreatheStep)]
    assert breathe.pattern == resonance_pattern(5.5)


def play_to_the_end(playback: Playback, clock: FakeClock, session: Session) -> None:
    timeline = compile_session(session)
    playback.load(session, timeline)
    playback.start()
    clock.advance(timeline.duration_ms / 1000 + 1)
    playback.advance()
    assert playback.state is State.FINISHED


def test_without_beats_or_for_another_session_nothing_is_kept_or_shown(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    clock = FakeClock()
    playback = Playback(clock, count_in_ms=0)
    asked: list[str] = []

    def no_beats() -> tuple[tuple[float, ...], tuple[float, ...]]:
        asked.append("beats")
        return (), ()

    finder = PaceFinder(db, MySessions(tmp_path / "mine"))
    hook = PaceAfterRun(window, playback, no_beats, lambda: None, lambda: finder)
    play_to_the_end(playback, clock, personal_session(5.5))  # not the finder: beats not asked
    assert asked == []
    play_to_the_end(playback, clock, finder_plan().session)  # the finder, no source on
    assert asked == ["beats"]
    assert hook.dialog is None
    assert HeartHistory(db).finder_results() == []
