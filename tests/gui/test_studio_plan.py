"""The studio's plan, typed into like a PT would: a change saves as exactly the lines changed, a
value out of bounds shows the validator's words, and Today is previewed for a chosen week."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QScrollArea, QScrollBar, QWidget
from pytestqt.qtbot import QtBot

from pfrelax.services.pack_studio import PackSource, open_pack
from pfrelax.ui.studio.plan_form import PlanForm
from pfrelax.ui.studio.studio_window import StudioWindow

from .studio_helpers import EXAMPLE, open_example, shown_studio

THURSDAY = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)


@pytest.fixture
def studio(qtbot: QtBot, home: Path, tmp_path: Path) -> StudioWindow:
    window = open_example(shown_studio(qtbot), tmp_path)
    window.tabs.setCurrentWidget(window.plan)
    return window


@pytest.fixture
def source() -> Iterator[PackSource]:
    opened = open_pack(EXAMPLE)
    yield opened
    opened.close()


def retype(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def cell_text(plan: PlanForm, row: int, column: int) -> str:
    item = plan.grid.item(row, column)
    assert item is not None
    return item.text()


def saved_diff(studio: StudioWindow, qtbot: QtBot) -> list[str]:
    qtbot.keyClick(studio, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not studio.changed
    assert studio.folder is not None
    before = (EXAMPLE / "pack.toml").read_text(encoding="utf-8").splitlines()
    after = (studio.folder / "pack.toml").read_text(encoding="utf-8").splitlines()
    return [
        line
        for line in difflib.unified_diff(before, after, lineterm="", n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]


def test_times_days_and_a_note_save_as_exactly_the_lines_changed(
    qtbot: QtBot, studio: StudioWindow
) -> None:
    plan = studio.plan
    plan.entries.setCurrentRow(0)  # arrive-and-soften, weeks 1-4, daily, twice a day
    form = plan.entry_form
    form.times.setFocus()
    qtbot.keyClick(form.times, Qt.Key.Key_Up)
    form.days[6].setFocus()
    qtbot.keyClick(form.days[6], Qt.Key.Key_Space)  # no Sundays
    retype(qtbot, form.note, "Morning, and before bed. Rest on Sundays.")
    assert studio.changed
    assert cell_text(plan, 0, 0) == "3× Arrive and soften"
    assert cell_text(plan, 0, 6) == ""
    assert saved_diff(studio, qtbot) == [
        '-days = "daily"',
        "-times_per_day = 2",
        '-note = "Morning, and before bed."',
        '+days = ["mon", "tue", "wed", "thu", "fri", "sat"]',
        "+times_per_day = 3",
        '+note = "Morning, and before bed. Rest on Sundays."',
    ]


def test_an_added_week_plans_it_like_the_last_and_keeps_the_comments(
    qtbot: QtBot, studio: StudioWindow
) -> None:
    plan = studio.plan
    assert plan.grid.rowCount() == 4
    plan.add_week.setFocus()
    qtbot.keyClick(plan.add_week, Qt.Key.Key_Space)
    assert plan.grid.rowCount() == 5
    assert plan.length.text() == "A 5-week plan"
    assert saved_diff(studio, qtbot) == [
        '-weeks = "1-4"',
        '+weeks = "1-5"',
        '-weeks = "3-4"',
        '+weeks = "3-5"',
        '-weeks = "3-4"',
        '+weeks = "3-5"',
        '-weeks = "3-4"',
        '+weeks = "3-5"',
        '-weeks = "4"',
        '+weeks = "4-5"',
    ]
    text = (studio.folder / "pack.toml").read_text(encoding="utf-8")  # type: ignore[operator]
    assert "[[plan]]                            # dilator practice" in text


def test_removing_the_last_week_drops_an_entry_left_with_none(
    qtbot: QtBot, studio: StudioWindow
) -> None:
    plan = studio.plan
    assert plan.entries.count() == 6
    plan.remove_week.setFocus()
    qtbot.keyClick(plan.remove_week, Qt.Key.Key_Space)
    assert plan.grid.rowCount() == 3
    assert plan.entries.count() == 5  # "practice-with-the-breath", week 4 only, is gone
    assert studio.run_check() == []


def test_a_week_out_of_bounds_shows_the_validators_words(
    qtbot: QtBot, studio: StudioWindow
) -> None:
    plan = studio.plan
    plan.entries.setCurrentRow(1)
    retype(qtbot, plan.entry_form.weeks, "3-60")
    message = "plan[1].weeks: week 53 is past week 52, the longest a plan runs"
    assert message in plan.entry_form.problems.text()
    assert plan.entries.item(1).text().startswith("⚠")
    assert any(message.endswith(str(p).split(": ", 1)[-1]) for p in studio.run_check())


def test_sizes_are_offered_only_for_a_session_with_a_dilator_step(
    qtbot: QtBot, studio: StudioWindow
) -> None:
    plan = studio.plan
    plan.entries.setCurrentRow(0)
    assert not plan.entry_form.sizes.isEnabled()
    plan.entries.setCurrentRow(5)
    assert plan.entry_form.sizes.isEnabled()
    retype(qtbot, plan.entry_form.sizes, "1, 2, 3")
    assert saved_diff(studio, qtbot) == ['-sizes = ["1", "2"]', '+sizes = ["1", "2", "3"]']


def test_today_is_previewed_for_the_week_chosen_in_the_grid(
    qtbot: QtBot, source: PackSource
) -> None:
    form = PlanForm(now=lambda: THURSDAY)
    qtbot.addWidget(form)
    form.load(source)
    form.show()
    form.grid.setFocus()
    form.grid.setCurrentCell(0, 0)  # week 1, Monday
    titles = [row.title for row in form.preview.days()[0].rows]
    assert titles == ["Arrive and soften"]
    assert form.preview.days()[0].week_label == "Week 1 of 4"
    qtbot.keyClick(form.grid, Qt.Key.Key_Down)
    qtbot.keyClick(form.grid, Qt.Key.Key_Down)  # week 3, Monday
    day = form.preview.days()[0]
    assert day.week_label == "Week 3 of 4"
    assert [row.title for row in day.rows] == [
        "Arrive and soften",
        "Evening release",
        "Before dilator practice",
        "Practice with the breath",
    ]
    qtbot.keyClick(form.grid, Qt.Key.Key_Right)  # week 3, Tuesday
    assert [row.title for row in form.preview.days()[0].rows] == [
        "Arrive and soften",
        "Evening release",
        "Finding the let-go",
    ]
    assert form.preview.date_line.text() == "Tuesday 1 December"
    form.grid.setCurrentCell(3, 0)  # week 4, Monday: the dilator sizes agreed for that week
    notes = {row.title: row.note for row in form.preview.days()[0].rows}
    assert notes["Practice with the breath"].endswith(
        "· Suggested sizes: 1, 2 — only as far as feels OK"
    )


def test_a_plan_problem_opens_its_entry(qtbot: QtBot, studio: StudioWindow) -> None:
    plan = studio.plan
    plan.entries.setCurrentRow(3)
    retype(qtbot, plan.entry_form.weeks, "0")
    plan.entries.setCurrentRow(0)
    found = studio.run_check()
    assert [p.key for p in found] == ["plan[3].weeks"]
    studio.problems.setCurrentRow(0)
    qtbot.keyClick(studio.problems, Qt.Key.Key_Return)
    assert studio.tabs.currentWidget() is plan
    assert plan.entries.currentRow() == 3
    assert plan.entry_form.weeks.hasFocus()


def test_a_session_added_meanwhile_can_be_planned(qtbot: QtBot, studio: StudioWindow) -> None:
    from pfrelax import paths

    studio.add_session_from(paths.builtin_sessions_dir() / "long-exhale-3-7.toml")
    studio.tabs.setCurrentWidget(studio.sessions)
    studio.tabs.setCurrentWidget(studio.plan)
    plan = studio.plan
    plan.add_entry.setFocus()
    qtbot.keyClick(plan.add_entry, Qt.Key.Key_Space)
    form = plan.entry_form
    assert plan.entries.currentRow() == 6
    added = studio.source.sessions[-1].document["id"]  # type: ignore[union-attr]
    form.session.setCurrentIndex(form.session.findData(added))
    form.session.activated.emit(form.session.currentIndex())
    assert studio.run_check() == []
    assert plan.editor is not None
    assert plan.editor.rows()[6].session == added
    assert plan.editor.rows()[6].weeks == (1, 2, 3, 4)


def test_every_control_a_keyboard_reaches_has_an_accessible_name(studio: StudioWindow) -> None:
    def unnamed(root: QWidget) -> list[str]:
        return [
            type(w).__name__
            for w in root.findChildren(QWidget)
            if w.isVisible()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus
            and not isinstance(w, QScrollArea | QScrollBar)
            and not isinstance(w.parent(), QAbstractSpinBox)  # the box itself is named
            and not w.accessibleName()
        ]

    assert unnamed(studio.plan) == []
    studio.tabs.setCurrentWidget(studio.sessions)
    sessions = studio.sessions
    sessions.new_step.setCurrentIndex(sessions.new_step.findData("speak"))
    sessions.add_step.click()
    assert unnamed(sessions.step_form.narration) == []
