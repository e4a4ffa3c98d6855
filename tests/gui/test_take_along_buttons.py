"""Today's "Add to my calendar…" and "Take it with you…", clicked like a person; the file
dialogs and the times asked are answered at Qt's boundary, and the written files read back."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import time
from pathlib import Path
from typing import Any

import pytest
import soundfile
from icalendar import Calendar
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QPushButton
from pytestqt.qtbot import QtBot

from pfrelax.app import TODAY_PAGE, Composition
from pfrelax.cli import main
from pfrelax.core.clock import FakeClock
from pfrelax.core.discretion import condition_words_in
from pfrelax.core.session import Session
from pfrelax.services.take_along_audio import export_plan
from pfrelax.ui.today import take_along_buttons
from pfrelax.ui.today.take_along_buttons import TakeAlongButtons
from tests.pack_service import open_catalog
from tests.unit.packs.packkit import pack_files, write_zip

from .test_main_window import compose

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def started(
    qtbot: QtBot, clock: FakeClock, sessions: list[Session], home: Path, tmp_path: Path
) -> Composition:
    """The app with the test pack (plan: one session daily, twice a day) installed."""
    assert main(["pack", "install", str(write_zip(tmp_path / "test.pfpack", pack_files()))]) == 0
    composition = compose(qtbot, clock, sessions)
    composition.library = open_catalog()  # as launch.py gives it the installed sessions
    composition.finish_startup()
    composition.preferences.change(voice_enabled=False)  # quick to render, length known
    return composition


def buttons(qtbot: QtBot, composition: Composition) -> TakeAlongButtons:
    composition.window.show_page(TODAY_PAGE)
    page = composition.history_pages.today_page
    assert page is not None
    assert page.take_along is not None
    qtbot.waitExposed(page.take_along)
    return page.take_along


def click(qtbot: QtBot, button: QPushButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def answer(monkeypatch: pytest.MonkeyPatch, *, times: str, **dialogs: Callable[..., Any]) -> None:
    """The person types `times` when asked, and picks in the file dialogs what `dialogs` say."""
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *_a, **_k: (times, True)))
    for name, picked in dialogs.items():
        monkeypatch.setattr(QFileDialog, name, staticmethod(picked))


def test_add_to_my_calendar_writes_the_plan_at_the_times_picked(
    qtbot: QtBot, started: Composition, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "phone" / "practice.ics"
    target.parent.mkdir()
    answer(
        monkeypatch,
        times="07:15, 21:00",
        getSaveFileName=lambda *_a, **_k: (str(target), "Calendar (*.ics)"),
    )
    take_along = buttons(qtbot, started)
    with qtbot.waitSignal(take_along.written) as written:
        click(qtbot, take_along.calendar_button)
    assert written.args == [target]
    calendar = Calendar.from_ical(target.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 4 * 7 * 2  # weeks 1–4, daily, at the two times picked
    assert {event.decoded("DTSTART").time() for event in events} == {time(7, 15), time(21, 0)}
    assert all(list(event.walk("VALARM")) for event in events)
    assert condition_words_in(target.read_text(encoding="utf-8")) == []
    assert "56 reminders" in take_along.message.text()


def test_a_time_that_is_not_one_writes_nothing_and_says_why(
    qtbot: QtBot, started: Composition, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[object] = []
    answer(monkeypatch, times="25:99", getSaveFileName=lambda *a, **_k: asked.append(a))
    take_along = buttons(qtbot, started)
    click(qtbot, take_along.calendar_button)
    assert asked == []  # not even asked where
    assert take_along.message.text().startswith("Nothing was written")


def extension() -> str:
    return ".mp3" if "MP3" in soundfile.available_formats() else ".ogg"


def test_take_it_with_you_writes_audio_a_playlist_and_the_calendar(
    qtbot: QtBot, started: Composition, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "phone"
    folder.mkdir()
    answer(monkeypatch, times="08:30", getExistingDirectory=lambda *_a, **_k: str(folder))
    take_along = buttons(qtbot, started)
    with qtbot.waitSignal(take_along.written, timeout=60_000):
        click(qtbot, take_along.audio_button)
    track = f"calm-01{extension()}"
    assert sorted(p.name for p in folder.iterdir()) == sorted([track, "calm.m3u", "calm.ics"])
    assert soundfile.info(str(folder / track)).duration > 1
    playlist = (folder / "calm.m3u").read_text(encoding="utf-8").splitlines()
    assert playlist[0] == "#EXTM3U"
    assert playlist[2] == track
    events = list(Calendar.from_ical((folder / "calm.ics").read_bytes()).walk("VEVENT"))
    assert {event.decoded("DTSTART").time() for event in events} == {time(8, 30)}
    assert take_along.progress is None  # closed
    assert take_along.audio_button.isEnabled()


def test_stopping_take_it_with_you_leaves_nothing_in_the_folder(
    qtbot: QtBot, started: Composition, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "phone"
    folder.mkdir()
    answer(monkeypatch, times="08:30", getExistingDirectory=lambda *_a, **_k: str(folder))
    # The export waits at its first block until Stop is pressed, so Stop always comes mid-way.
    stop_pressed = threading.Event()
    real_export = export_plan

    def export_held(*args: Any, **kwargs: Any) -> Any:
        told = kwargs["progress"]

        def progress(done: int, count: int, part: float) -> None:
            told(done, count, part)
            stop_pressed.wait(timeout=30)

        return real_export(*args, **{**kwargs, "progress": progress})

    monkeypatch.setattr(take_along_buttons, "export_plan", export_held)
    take_along = buttons(qtbot, started)
    click(qtbot, take_along.audio_button)
    dialog = take_along.progress
    assert dialog is not None, take_along.message.text()
    qtbot.waitUntil(lambda: dialog.value() >= 0 and dialog.isVisible())
    stop = dialog.findChild(QPushButton)
    assert stop is not None
    click(qtbot, stop)
    stop_pressed.set()
    qtbot.waitUntil(lambda: take_along.progress is None, timeout=30_000)
    assert take_along.message.text().startswith("Stopped")
    assert list(folder.iterdir()) == []


def test_the_buttons_sit_right_under_the_plan_they_take_along(
    qtbot: QtBot, started: Composition
) -> None:
    started.window.resize(1280, 800)
    take_along = buttons(qtbot, started)
    page = started.history_pages.today_page
    assert page is not None
    cards = page.sections
    holder = cards.parentWidget()
    assert holder is not None
    cards_bottom = holder.mapTo(page, cards.geometry().bottomLeft()).y()
    gap = take_along.mapTo(page, QPoint(0, 0)).y() - cards_bottom
    assert 0 <= gap <= 2 * page.fontMetrics().height()  # not adrift at the window's foot
