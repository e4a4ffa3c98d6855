"""The standalone studio wears the app's colours: the theme setting, or the desktop's scheme."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pfrelax import paths
from pfrelax.commands import studio
from pfrelax.ui.common.theme import DARK, LIGHT, ThemeMode, stylesheet
from pfrelax.ui.common.theme_follow import ThemeFollower
from pfrelax.ui.studio.studio_window import StudioWindow


@pytest.fixture
def restored(qapp: QApplication) -> Iterator[QApplication]:
    """The app's palette and stylesheet put back after the test."""
    palette, sheet = qapp.palette(), qapp.styleSheet()
    yield qapp
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)


def test_pfrelax_studio_takes_the_dark_theme_the_app_is_set_to(
    qtbot: QtBot, restored: QApplication, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths.settings_path().parent.mkdir(parents=True, exist_ok=True)
    paths.settings_path().write_text(json.dumps({"theme": "dark"}), "utf-8")
    shown: list[StudioWindow] = []

    real_show = StudioWindow.show

    def show_and_keep(window: StudioWindow) -> None:
        shown.append(window)
        real_show(window)

    monkeypatch.setattr(StudioWindow, "show", show_and_keep)
    monkeypatch.setattr(QApplication, "exec", lambda _app: 0)  # the test looks, then goes
    assert studio.studio_command(argparse.Namespace(pack=None)) == 0
    assert len(shown) == 1
    window = shown[0]
    qtbot.addWidget(window)  # closed and deleted after the test, like any other
    app = restored
    assert app.styleSheet() == stylesheet(DARK)
    assert app.palette().color(QPalette.ColorRole.Window) == DARK.color("background")
    assert window.palette().color(QPalette.ColorRole.Window) == DARK.color("background")


def test_the_follower_redraws_when_the_desktop_changes_only_while_on_system(
    qtbot: QtBot, restored: QApplication
) -> None:
    mode = {"now": ThemeMode.LIGHT}
    follower = ThemeFollower(restored, lambda: mode["now"])
    assert follower.palette is LIGHT
    assert restored.styleSheet() == stylesheet(LIGHT)
    with qtbot.assertNotEmitted(follower.applied):
        restored.styleHints().colorSchemeChanged.emit(restored.styleHints().colorScheme())
    mode["now"] = ThemeMode.SYSTEM
    with qtbot.waitSignal(follower.applied):
        restored.styleHints().colorSchemeChanged.emit(restored.styleHints().colorScheme())
    follower.stop()
    mode["now"] = ThemeMode.DARK
    with qtbot.assertNotEmitted(follower.applied):
        restored.styleHints().colorSchemeChanged.emit(restored.styleHints().colorScheme())
