"""Reminders while pfrelax runs: due at the chosen time (fake clock), never in quiet hours, a
neutral notification, the tray icon, the autostart switch and the offer after a pack install."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from pfrelax import paths
from pfrelax.core.discretion import is_discreet
from pfrelax.core.reminders import REMINDER_TEXT
from pfrelax.core.settings import Settings
from pfrelax.desktop.autostart import XdgAutostart, discreet_icon_path
from pfrelax.ui.privacy.discreet import app_icon
from pfrelax.ui.reminders.reminder_hub import ReminderHub
from pfrelax.ui.reminders.reminder_tray import LOOK_AGAIN, Reminders
from pfrelax.ui.settings.settings_dialog import SettingsDialog


class WallClock:
    """A wall clock the test moves by hand (aware, UTC)."""

    def __init__(self, start: datetime) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment


_windows: list[QWidget] = []  # kept for the test's length: the reminders live inside them


def make_reminders(qtbot: QtBot, clock: WallClock, *, tray: bool = False) -> Reminders:
    window = QWidget()
    qtbot.addWidget(window)
    _windows[:] = [window]
    icon = QIcon(str(paths.assets_dir() / "icon" / "pfrelax.png"))
    return Reminders(window, clock, lambda: UTC, tray_available=lambda: tray, icon=icon)


ON = Settings(reminders_on=True, reminder_times="08:30,19:00", quiet_hours="22:00-07:00")


def test_a_reminder_fires_at_its_time_with_neutral_words(qtbot: QtBot) -> None:
    clock = WallClock(datetime(2026, 3, 2, 8, 29, 30, tzinfo=UTC))
    reminders = make_reminders(qtbot, clock)
    reminders.apply(ON)
    assert reminders.due == datetime(2026, 3, 2, 8, 30, tzinfo=UTC)
    assert reminders._timer.isActive()
    assert reminders._timer.interval() == 30_000
    clock.moment += timedelta(seconds=30)
    with qtbot.waitSignal(reminders.reminded) as given:
        reminders.check()  # what the timer does when it wakes
    assert given.args == [REMINDER_TEXT]
    assert is_discreet(given.args[0])
    assert reminders.due == datetime(2026, 3, 2, 19, 0, tzinfo=UTC)
    reminders.stop()


def test_the_timer_wakes_at_least_every_ten_minutes_and_gives_nothing_early(
    qtbot: QtBot,
) -> None:
    clock = WallClock(datetime(2026, 3, 2, 6, 0, tzinfo=UTC))
    reminders = make_reminders(qtbot, clock)
    reminders.apply(ON)
    assert reminders._timer.interval() == LOOK_AGAIN.total_seconds() * 1000
    with qtbot.assertNotEmitted(reminders.reminded):
        clock.moment += LOOK_AGAIN
        reminders.check()
    assert reminders.due == datetime(2026, 3, 2, 8, 30, tzinfo=UTC)
    reminders.stop()


def test_quiet_hours_are_respected(qtbot: QtBot) -> None:
    clock = WallClock(datetime(2026, 3, 2, 20, 0, tzinfo=UTC))
    reminders = make_reminders(qtbot, clock)
    reminders.apply(ON.replace(reminder_times="08:30,21:30,23:00", quiet_hours="21:00-09:00"))
    # 21:30 and 23:00 tonight and 08:30 every morning are all inside quiet hours.
    assert reminders.due is None
    reminders.apply(ON.replace(reminder_times="08:30,12:00", quiet_hours="21:00-09:00"))
    assert reminders.due == datetime(2026, 3, 3, 12, 0, tzinfo=UTC)
    reminders.stop()


def test_reminders_off_means_no_timer_at_all(qtbot: QtBot) -> None:
    clock = WallClock(datetime(2026, 3, 2, 8, 0, tzinfo=UTC))
    reminders = make_reminders(qtbot, clock)
    reminders.apply(Settings())
    assert reminders.due is None
    assert not reminders._timer.isActive()


# The offscreen platform has no tray of its own to follow; Qt notes it, and it is no fault.
@pytest.mark.qt_log_ignore("No such signal QPlatformNativeInterface::systemTrayWindowChanged")
def test_the_tray_icon_is_there_only_when_asked_for_and_says_only_the_apps_name(
    qtbot: QtBot,
) -> None:
    clock = WallClock(datetime(2026, 3, 2, 8, 0, tzinfo=UTC))
    reminders = make_reminders(qtbot, clock, tray=True)
    reminders.apply(ON)
    assert reminders.tray is None
    reminders.apply(ON.replace(tray_icon=True))
    assert reminders.tray is not None
    assert reminders.tray.toolTip() == "pfrelax"
    menu = reminders.tray.contextMenu()
    assert menu is not None
    assert [a.text() for a in menu.actions() if a.text()] == ["Open pfrelax", "Quit"]
    reminders.apply(ON.replace(tray_icon=False))
    assert reminders.tray is None
    reminders.stop()


def test_no_tray_on_a_desktop_without_one_and_settings_say_why(qtbot: QtBot) -> None:
    clock = WallClock(datetime(2026, 3, 2, 8, 0, tzinfo=UTC))
    reminders = make_reminders(qtbot, clock, tray=False)
    reminders.apply(ON.replace(tray_icon=True))
    assert reminders.tray is None
    reminders.stop()
    dialog = SettingsDialog(ON.replace(tray_icon=True), find_speech=lambda: None)
    qtbot.addWidget(dialog)
    assert not dialog.reminders.tray.isEnabled()
    assert not dialog.reminders.tray.isChecked()


def test_the_settings_take_times_as_typed_and_hold_ok_back_for_a_bad_one(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Settings(), find_speech=lambda: None, tray_available=True)
    qtbot.addWidget(dialog)
    dialog.show()
    fields = dialog.reminders
    fields.enabled.setFocus()
    qtbot.keyClick(fields.enabled, Qt.Key.Key_Space)
    fields.times.setFocus()
    qtbot.keyClick(fields.times, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(fields.times, "7:05, 21:00, 7:05")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok is not None
    assert ok.isEnabled()
    chosen = dialog.chosen()
    assert (chosen.reminders_on, chosen.reminder_times) == (True, "07:05,21:00")
    qtbot.keyClicks(fields.times, ", teatime")
    assert not ok.isEnabled()
    assert fields.problem.isVisible()
    assert "HH:MM" in fields.problem.text()


def test_the_autostart_entry_is_written_read_back_and_removed(qtbot: QtBot, tmp_path: Path) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    entry = XdgAutostart(tmp_path / "autostart")
    hub = ReminderHub(
        window, Settings, lambda _s: None, autostart=entry, tray_available=lambda: False
    )
    hub.set_autostart(True)
    assert entry.is_enabled()
    assert entry.command()
    assert hub.dialog_options() == (False, True)
    hub.set_autostart(False)
    assert not entry.path.exists()
    hub.stop()


def test_a_gentle_reminder_is_offered_once_after_a_pack_install(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    kept: list[Settings] = [Settings()]
    hub = ReminderHub(
        window,
        lambda: kept[-1],
        kept.append,
        autostart=XdgAutostart(tmp_path),
        tray_available=lambda: False,
    )
    hub.offer_after_install(kept[-1])
    box = hub.offer
    assert box is not None
    assert is_discreet(box.text())
    yes = box.button(QMessageBox.StandardButton.Yes)
    assert yes is not None
    assert yes.text() == "Yes, remind me"
    with qtbot.waitSignal(box.finished):
        yes.click()
    assert kept[-1].reminders_on
    assert kept[-1].reminder_offered
    hub.offer = None
    hub.offer_after_install(kept[-1].replace(reminders_on=False))
    assert hub.offer is None  # asked once, never again
    hub.stop()


@pytest.mark.qt_log_ignore("No such signal QPlatformNativeInterface::systemTrayWindowChanged")
def test_in_discreet_mode_the_tray_and_the_autostart_entry_are_called_calm_with_its_icon(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    entry = XdgAutostart(tmp_path / "autostart")
    settings = Settings(tray_icon=True)
    hub = ReminderHub(
        window, lambda: settings, lambda _s: None, autostart=entry, tray_available=lambda: True
    )
    hub.set_autostart(True)
    assert not entry.is_discreet()
    settings = settings.replace(discreet_name=True)
    hub.apply(settings)
    tray = hub.reminders.tray
    assert tray is not None
    calm = app_icon(discreet=True).pixmap(32, 32).toImage()
    assert tray.icon().pixmap(32, 32).toImage() == calm
    assert tray.toolTip() == "Calm"
    menu = tray.contextMenu()
    assert menu is not None
    assert "Open Calm" in [action.text() for action in menu.actions()]
    text = entry.path.read_text(encoding="utf-8")
    assert "Name=Calm\n" in text
    assert f"Icon={discreet_icon_path()}\n" in text
    assert discreet_icon_path().is_file()
    shown = [line for line in text.splitlines() if line.startswith(("Name=", "Comment="))]
    # The words the entry shows; Exec and Icon hold the install's own path, which may say anything.
    assert all(is_discreet(line) for line in shown)
    assert not any("pfrelax" in line for line in shown)
    assert entry.command()  # still starts the app
    hub.apply(settings.replace(discreet_name=False))
    assert "Name=pfrelax\n" in entry.path.read_text(encoding="utf-8")
    hub.stop()
