"""Reminder settings: times and quiet hours are read when loaded; a bad value gives the default."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import time

import pytest

from pfrelax.core import reminders
from pfrelax.core.discretion import is_discreet
from pfrelax.core.reminders import (
    REMINDER_TEXT,
    REMINDER_TITLE,
    QuietHours,
    ReminderTimeError,
    parse_quiet_hours,
)
from pfrelax.core.settings import Settings, from_mapping


def test_reminders_are_off_until_the_person_turns_them_on() -> None:
    settings = Settings()
    assert not settings.reminders_on
    assert not settings.tray_icon
    assert not settings.reminder_offered


def test_times_and_quiet_hours_that_cannot_be_read_give_the_defaults() -> None:
    loaded = from_mapping({"reminder_times": "half past eight", "quiet_hours": "22-7"})
    assert loaded.reminder_times == Settings().reminder_times
    assert loaded.quiet_hours == Settings().quiet_hours


def test_readable_times_and_no_quiet_hours_are_kept() -> None:
    loaded = from_mapping({"reminder_times": "07:15,21:00", "quiet_hours": ""})
    assert loaded.reminder_times == "07:15,21:00"
    assert loaded.quiet_hours == ""


def test_each_checked_text_names_a_reader_that_reads_its_default() -> None:
    # The defaults are not read again on loading (that would import the reminders module on
    # the way to the first paint): each must be valid, and each reader must exist by its name.
    checked = [f for f in dataclasses.fields(Settings) if "reminder_parse" in f.metadata]
    assert {f.name for f in checked} == {"reminder_times", "quiet_hours"}
    for spec in checked:
        getattr(reminders, spec.metadata["reminder_parse"])(spec.default)


def test_loading_the_defaults_leaves_the_reminders_module_unimported() -> None:
    code = (
        "import sys; from pfrelax.core.settings import Settings, from_mapping; "
        "from_mapping({'reminder_times': Settings().reminder_times, 'quiet_hours': "
        "Settings().quiet_hours}); print('pfrelax.core.reminders' in sys.modules)"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "False"


def test_quiet_hours_are_read_from_a_span() -> None:
    assert parse_quiet_hours("22:00-07:00") == QuietHours(time(22), time(7))
    assert parse_quiet_hours("  ") is None
    with pytest.raises(ReminderTimeError, match="22:00-07:00"):
        parse_quiet_hours("22:00")


def test_what_a_reminder_says_gives_nothing_away() -> None:
    assert is_discreet(REMINDER_TITLE)
    assert is_discreet(REMINDER_TEXT)
