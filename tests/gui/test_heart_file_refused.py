"""Settings → Heart rate → "A recorded RR file" naming a file that is missing, a folder, garbage
or far too large: the session plays to its end, the player says why, no error box, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pfrelax.core.clock import FakeClock
from pfrelax.core.transport import State
from pfrelax.services.preferences import Preferences

from .test_heart_live import compose, heart_of, play_for, start


def rr_file(tmp_path: Path, kind: str) -> Path:
    file = tmp_path / "session-rr.txt"
    if kind == "garbage":
        file.write_bytes(bytes(range(256)) * 64)
    elif kind == "folder":
        file.mkdir()
    elif kind == "huge":
        file.write_text("800\n" * 2_500_000, "ascii")
    return file


@pytest.mark.parametrize(
    ("kind", "why"),
    [
        ("missing", "cannot read it (No such file or directory)"),
        ("folder", "cannot read it (Is a directory)"),
        ("garbage", "cannot read it (not a text file)"),
        ("huge", "it is larger than 8 MB"),
    ],
)
def test_an_unusable_rr_file_is_said_in_the_player_and_breathing_goes_on(
    qtbot: QtBot, clock: FakeClock, home: Path, tmp_path: Path, kind: str, why: str
) -> None:
    file = rr_file(tmp_path, kind)
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
