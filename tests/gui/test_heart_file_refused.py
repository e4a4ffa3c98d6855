"""Settings → Heart rate → "A recorded RR file" naming a file that is missing, a folder, garbage
or far too large: the session plays to its end, the player says why, no error box, no traceback."""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from pfrelax.core.clock import FakeClock
from pfrelax.core.transport import State
from pfrelax.services.preferences import Preferences

from .test_heart_live import compose, heart_of, play_for, settings_dialog, start


def rr_file(tmp_path: Path, kind: str) -> Path:
    file = tmp_path / "session-rr.txt"
    if kind == "pipe":
        os.mkfifo(file)
    elif kind == "garbage":
        file.write_bytes(bytes(range(256)) * 64)
    elif kind == "folder":
        file.mkdir()
    elif kind == "huge":
        file.write_text("800\n" * 2_500_000, "ascii")
    return file


def never_hang_on(pipe: Path, request: pytest.FixtureRequest) -> None:
    """Should the player open the pipe and wait for a writer (the defect), a writer comes and goes
    after a while, so the test fails on what the player says instead of hanging the suite."""

    def come_and_go() -> None:
        with contextlib.suppress(OSError):
            os.close(os.open(pipe, os.O_RDWR | os.O_NONBLOCK))

    guard = threading.Timer(10, come_and_go)
    guard.daemon = True
    guard.start()
    request.addfinalizer(guard.cancel)


@pytest.mark.parametrize(
    ("kind", "why"),
    [
        ("missing", "cannot read it (No such file or directory)"),
        ("folder", "is a folder, not a file of RR intervals; choose a recorded RR log"),
        ("pipe", "is a named pipe, not a file of RR intervals; choose a recorded RR log"),
        ("garbage", "cannot read it (not a text file)"),
        ("huge", "it is larger than 8 MB"),
    ],
)
def test_an_unusable_rr_file_is_said_in_the_player_and_breathing_goes_on(
    qtbot: QtBot,
    clock: FakeClock,
    home: Path,
    tmp_path: Path,
    kind: str,
    why: str,
    request: pytest.FixtureRequest,
) -> None:
    file = rr_file(tmp_path, kind)
    if kind == "pipe":
        never_hang_on(file, request)
    Preferences.read().change(heart_rr_file=str(file))
    composition = compose(qtbot, clock, "file")
    errors = composition.errors
    start(composition, qtbot)
    play_for(composition, clock, 20)
    trace = heart_of(composition).trace
    assert trace is not None
    assert trace.isVisible()
    assert f"{file}: {why}" in trace.state.text()
    assert composition.player_page.state is State.PLAYING
    play_for(composition, clock, 110)
    assert composition.player_page.state is State.FINISHED
    assert errors.shown is None


def test_a_pipe_typed_in_settings_is_refused_there_and_ok_waits_for_a_file(
    qtbot: QtBot, clock: FakeClock, home: Path, tmp_path: Path
) -> None:
    pipe = rr_file(tmp_path, "pipe")
    good = tmp_path / "good-rr.txt"
    good.write_text("800\n810\n", "ascii")
    composition = compose(qtbot, clock, "file")
    dialog = settings_dialog(qtbot, composition)
    fields = dialog.heart
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert fields.file_box.isVisible()
    assert ok.isEnabled()
    fields.rr_file.setFocus()
    qtbot.keyClicks(fields.rr_file, str(pipe))
    assert fields.file_problem.isVisible()
    assert fields.file_problem.text() == (
        f"{pipe} is a named pipe, not a file of RR intervals; choose a recorded RR log "
        "(a text file)."
    )
    assert not ok.isEnabled()
    fields.rr_file.selectAll()
    qtbot.keyClicks(fields.rr_file, str(good))
    assert not fields.file_problem.isVisible()
    assert ok.isEnabled()
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert composition.preferences.settings.heart_rr_file == str(good)


def test_a_pipe_already_in_the_settings_is_shown_as_refused_when_settings_open(
    qtbot: QtBot, clock: FakeClock, home: Path, tmp_path: Path
) -> None:
    pipe = rr_file(tmp_path, "pipe")
    Preferences.read().change(heart_rr_file=str(pipe))
    composition = compose(qtbot, clock, "file")
    dialog = settings_dialog(qtbot, composition)
    assert dialog.heart.file_problem.isVisible()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    dialog.heart.source.setFocus()
    qtbot.keyClick(dialog.heart.source, Qt.Key.Key_Up)  # the demo needs no file
    assert dialog.heart.source.currentData() == "demo"
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
