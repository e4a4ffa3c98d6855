"""The pack studio, typed into like a PT would: change a title and save (a one-line change), make
a pack from nothing that `pfrelax pack validate` accepts, and a problem that opens its place."""

from __future__ import annotations

import difflib
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from pfrelax import paths
from pfrelax.cli import main
from pfrelax.formats.pack import read_pack
from pfrelax.formats.pack_build import build_pack
from pfrelax.ui.studio.starter import new_pack_folder
from pfrelax.ui.studio.studio_window import StudioWindow

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "riverside-release"


@pytest.fixture
def studio(qtbot: QtBot, home: Path) -> Iterator[StudioWindow]:
    window = StudioWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.changed = False  # closing asks about unsaved changes; a test has nothing to save


def retype(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def test_a_changed_title_saves_as_exactly_one_changed_line(
    qtbot: QtBot, studio: StudioWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "riverside"
    shutil.copytree(EXAMPLE, folder)
    assert studio.open_path(folder)
    studio.tabs.setCurrentWidget(studio.sessions)
    retype(qtbot, studio.sessions.fields["title"], "Arrive, and soften")
    assert studio.changed
    assert studio.windowTitle().endswith("*")
    qtbot.keyClick(studio, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not studio.changed
    name = studio.sessions.current().name
    before = (EXAMPLE / name).read_text(encoding="utf-8").splitlines()
    after = (folder / name).read_text(encoding="utf-8").splitlines()
    changed = [
        line
        for line in difflib.unified_diff(before, after, lineterm="", n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert changed == ['-title = "Arrive and soften"', '+title = "Arrive, and soften"']
    studio.save_pack_to(tmp_path / "studio.pfpack")
    built = build_pack(folder, tmp_path / "built.pfpack")
    assert (tmp_path / "studio.pfpack").read_bytes() == built.read_bytes()


def test_a_pack_from_nothing_validates_and_installs(
    qtbot: QtBot, studio: StudioWindow, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "new-pack"
    new_pack_folder(folder, today=date(2026, 12, 1))
    assert studio.open_path(folder)
    details = studio.details.fields
    retype(qtbot, details["title"], "Calm weeks")  # type: ignore[arg-type]
    retype(qtbot, details["author"], "Sam Lee, PT")  # type: ignore[arg-type]
    studio.add_session_from(paths.builtin_sessions_dir() / "long-exhale-3-7.toml")
    sessions = studio.sessions
    assert sessions.sessions.count() == 2
    sessions.steps.setCurrentRow(0)
    sessions.new_step.setCurrentIndex(sessions.new_step.findData("rest"))
    sessions.add_step.setFocus()
    qtbot.keyClick(sessions.add_step, Qt.Key.Key_Space)
    assert sessions.steps.currentItem().text() == "Rest"
    sessions.steps.setFocus()
    qtbot.keyClick(sessions.steps, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert sessions.steps.item(0).text() == "Rest"
    retype(qtbot, sessions.step_form.rest_fields["seconds"], "20")  # type: ignore[arg-type]
    assert studio.run_check() == []
    output = tmp_path / "calm.pfpack"
    assert studio.save_pack_to(output)
    assert main(["pack", "validate", str(output)]) == 0
    pack = read_pack(output)
    assert pack.title == "Calm weeks"
    assert len(pack.sessions) == 2
    assert main(["pack", "install", str(output)]) == 0
    capsys.readouterr()


def test_a_problem_opens_its_session_and_step(
    qtbot: QtBot, studio: StudioWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "riverside"
    shutil.copytree(EXAMPLE, folder)
    studio.open_path(folder)
    sessions = studio.sessions
    sessions.sessions.setCurrentRow(1)
    sessions.steps.setCurrentRow(1)
    retype(qtbot, sessions.step_form.breathe_fields["pattern"], "4-40")  # type: ignore[arg-type]
    found = studio.run_check()
    assert found
    assert studio.tabs.currentWidget() is studio.problems
    sessions.sessions.setCurrentRow(0)
    sessions.steps.setCurrentRow(0)
    qtbot.keyClick(studio.problems, Qt.Key.Key_Return)
    assert studio.tabs.currentWidget() is sessions
    assert sessions.sessions.currentRow() == 1
    assert sessions.steps.currentRow() == 1


def test_a_pattern_written_as_a_table_shows_as_its_shorthand(
    studio: StudioWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "riverside"
    shutil.copytree(EXAMPLE, folder)
    studio.open_path(folder)
    sessions = studio.sessions
    names = [s.name for s in studio.source.sessions]  # type: ignore[union-attr]
    sessions.sessions.setCurrentRow(names.index("sessions/before-dilator.toml"))
    sessions.steps.setCurrentRow(1)  # A few sighs: pattern = { inhale = 2, top_up = 1, exhale = 6 }
    field = sessions.step_form.breathe_fields["pattern"]
    assert isinstance(field, QLineEdit)
    assert field.text() == "2+1-0-6-0"
    assert not studio.changed  # shown, not written


# The offscreen test platform cannot raise a window; Qt notes it, and it is no fault of ours.
@pytest.mark.qt_log_ignore("does not support raise", "does not support propagateSizeHints")
def test_the_file_menu_opens_the_studio_beside_the_app(
    qtbot: QtBot, home: Path, tmp_path: Path
) -> None:
    from pfrelax.app import Composition
    from pfrelax.core.clock import FakeClock
    from pfrelax.services.preferences import Preferences
    from pfrelax.ui.studio.studio_entry import TEXT

    from .conftest import no_output

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    composition = Composition(
        app,
        clock=FakeClock(),
        preferences=Preferences.read(),
        sessions=[],
        open_output=no_output,
    )
    qtbot.addWidget(composition.window)
    composition.window.show()
    composition.finish_startup()
    entry = next(a for a in composition.window.file_menu.actions() if a.text() == TEXT)
    entry.trigger()
    entry_point = composition.late.studio_entry
    assert entry_point is not None
    studio = entry_point.studio
    assert studio is not None
    qtbot.waitExposed(studio)
    assert studio.windowTitle() == "Pack studio"  # nothing about a condition in the title
    shutil.copytree(EXAMPLE, tmp_path / "riverside")
    assert studio.open_path(tmp_path / "riverside")
    assert studio.preview_current()
    preview = studio.previewer.window
    assert preview is not None
    assert preview.preferences is composition.preferences  # the app's settings, not a copy
    composition.window.close()
    assert entry_point.studio is None  # closed with the app


def test_a_pfpack_opened_and_saved_as_a_pack_file_asks_for_its_folder_first(
    qtbot: QtBot,
    studio: StudioWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened = build_pack(EXAMPLE, tmp_path / "from-the-pt.pfpack")
    assert studio.open_path(opened)
    studio.tabs.setCurrentWidget(studio.sessions)
    retype(qtbot, studio.sessions.fields["title"], "Arrive, and soften")
    folder, output = tmp_path / "authoring", tmp_path / "changed.pfpack"
    folder.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *_a, **_k: str(folder))
    )
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(output), ""))
    )
    qtbot.keyClick(
        studio,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert not studio.changed
    assert studio.folder == folder
    titles = {session.title for session in read_pack(output).sessions}
    assert "Arrive, and soften" in titles
