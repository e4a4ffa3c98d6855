"""One session, one length: every view of a pack session with recorded narration agrees.

The Library's card, the Today page's plan, `pfrelax sessions --json`, `pfrelax timeline --json`
and the player all take the length from services.catalog.timeline, fed by the narration lengths
the pack reader measured when the pack was installed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pfrelax import paths
from pfrelax.cli import main
from pfrelax.core.clock import FakeClock
from pfrelax.core.durations import format_clock
from pfrelax.core.session import SpeakStep
from pfrelax.formats.pack_build import build_pack
from pfrelax.services.today import StoreTodaySource
from pfrelax.store.db import open_database
from pfrelax.ui.library.library_model import MINUTES_ROLE, SESSION_ROLE
from tests.pack_service import install_pack, open_catalog

from .test_main_window import compose

EXAMPLE = Path(__file__).parents[2] / "examples" / "riverside-release"
ADDRESS = "riverside-pt.release-phase-1/arrive-and-soften"
RECORDINGS_MS = 15_307 + 28_600  # audio/close.ogg and audio/welcome.ogg


def cli_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_the_card_today_the_cli_and_the_player_give_a_recorded_session_one_length(
    qtbot: QtBot, home: Path, tmp_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    install_pack(build_pack(EXAMPLE, tmp_path / "release.pfpack"))
    sessions = open_catalog().sessions()
    [session] = [s for s in sessions if s.address == ADDRESS]
    assert [s.audio for s in session.steps if isinstance(s, SpeakStep)] == [
        "audio/welcome.ogg",
        "audio/close.ogg",
    ]

    listed = cli_json(capsys, "sessions", "--json")
    assert isinstance(listed, list)
    [entry] = [e for e in listed if e["address"] == ADDRESS]
    length_ms = round(entry["duration"] * 1000)
    unrecorded = sum(s.seconds_ms or 0 for s in session.steps if isinstance(s, SpeakStep))
    assert unrecorded != RECORDINGS_MS  # the recordings, not the seconds written, set it

    laid_out = cli_json(capsys, "timeline", "--json", ADDRESS)
    assert isinstance(laid_out, dict)
    assert round(laid_out["duration"] * 1000) == length_ms
    speaking = [s for s in laid_out["segments"] if s["kind"] == "speak"]
    assert round(sum(s["end"] - s["start"] for s in speaking) * 1000) == RECORDINGS_MS

    with open_database(paths.database_path()) as db:
        [plan] = StoreTodaySource(db).plans()
    assert plan.session(session.id).duration_ms == length_ms

    composition = compose(qtbot, clock, sessions)
    library = composition.library_page
    model = library.filter
    [row] = [
        model.index(r, 0)
        for r in range(model.rowCount())
        if (found := model.index(r, 0).data(SESSION_ROLE)) is not None and found.address == ADDRESS
    ]
    assert row.data(MINUTES_ROLE) == round(length_ms / 60_000)
    library.list.setFocus()
    library.list.setCurrentIndex(row)
    qtbot.keyClick(library.list, Qt.Key.Key_Return)
    player = composition.player_page
    qtbot.waitUntil(lambda: player.pre_start.title.text() == session.title)
    assert player.pre_start.length.text().startswith(format_clock(length_ms))
    assert player.controls.slider.maximum() == length_ms
