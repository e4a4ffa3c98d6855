"""The end of start-up comes in steps (each its own turn of the event loop), each part once."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from pfrelax.core.clock import FakeClock
from pfrelax.core.session import Session

from .test_main_window import compose


def test_the_steps_add_every_part_that_finish_startup_adds(
    qtbot: QtBot, clock: FakeClock, sessions: list[Session], home: Path
) -> None:
    composition = compose(qtbot, clock, sessions)
    late = composition.late
    steps = composition.startup.steps()
    assert len(steps) > 3  # not one long turn
    assert late.importer is None  # computing the steps runs none of them
    for step in steps:
        step()
    assert late.importer is not None
    assert late.my_sessions is not None
    assert late.reminder_hub is not None
    assert late.studio_entry is not None
    menu_texts = [action.text() for action in composition.window.file_menu.actions()]
    composition.finish_startup()  # again (a backup put back): nothing is added twice
    assert [action.text() for action in composition.window.file_menu.actions()] == menu_texts
    composition.window.close()


def test_a_read_only_history_leaves_the_pack_import_out_but_adds_the_rest_once(
    qtbot: QtBot, clock: FakeClock, sessions: list[Session], home: Path
) -> None:
    composition = compose(qtbot, clock, sessions)
    composition.services.history.problem = "cannot be opened"  # as a damaged file leaves it
    composition.finish_startup()
    late = composition.late
    assert late.importer is None
    studio_entry = late.studio_entry
    assert studio_entry is not None
    composition.finish_startup()  # the pack import is tried again; the rest stays as it was
    assert late.studio_entry is studio_entry
    composition.window.close()
