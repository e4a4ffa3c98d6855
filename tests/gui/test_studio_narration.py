"""Recording a speak step's narration in the studio, by keyboard: a fake microphone (the real
null device is covered in tests/unit) gives a known take; the trimmed recording lands in the
pack under a neutral name, the step lasts as long as it, and the check accepts the pack."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from pfrelax.audio.capture import KEEP_MS
from pfrelax.audio.probe import check_audio
from pfrelax.services.narration import NarrationRecorder, NaturalVoice
from pfrelax.ui.studio.studio_window import StudioWindow
from tests.unit.audio.fake_piper import fake_natural_voice

from .studio_helpers import open_example, shown_studio


@pytest.fixture
def studio(qtbot: QtBot, home: Path, tmp_path: Path) -> StudioWindow:
    return open_example(shown_studio(qtbot), tmp_path)


def test_a_recorded_narration_sets_the_steps_length_and_validates(
    qtbot: QtBot, studio: StudioWindow, microphone: NarrationRecorder
) -> None:
    sessions = studio.sessions
    studio.tabs.setCurrentWidget(sessions)
    sessions.new_step.setCurrentIndex(sessions.new_step.findData("speak"))
    sessions.add_step.setFocus()
    qtbot.keyClick(sessions.add_step, Qt.Key.Key_Space)  # a speak step, 20 s until recorded
    row = sessions.steps.currentRow()
    panel = sessions.step_form.narration
    panel.recorder = microphone
    assert panel.record.isEnabled()
    panel.record.setFocus()
    qtbot.keyClick(panel.record, Qt.Key.Key_Space)
    assert panel.record.text() == "Stop"
    qtbot.waitUntil(lambda: panel.meter.value() > 0)  # the meter shows the last block's level
    qtbot.keyClick(panel.record, Qt.Key.Key_Space)
    assert panel.record.text() == "Record again"
    assert "1.4 s" in panel.status.text()  # one second of sound and the margins kept
    qtbot.keyClick(panel.play, Qt.Key.Key_Space)
    with qtbot.waitSignal(sessions.edited):
        qtbot.keyClick(panel.use, Qt.Key.Key_Space)
    steps = sessions._steps()
    assert steps is not None
    step = steps[row]
    assert step["audio"] == "audio/narration-1.opus"
    assert "seconds" not in step
    assert sessions.step_form.speak_fields["audio"].text() == "audio/narration-1.opus"  # type: ignore[attr-defined]
    assert studio.changed
    folder = studio.source.folder  # type: ignore[union-attr]
    ms = check_audio(folder / "audio" / "narration-1.opus")
    assert abs(ms - (1000 + 2 * KEEP_MS)) <= 20
    assert studio.run_check() == []


def record_and_use(qtbot: QtBot, studio: StudioWindow) -> str:
    panel = studio.sessions.step_form.narration
    panel.record.setFocus()
    qtbot.keyClick(panel.record, Qt.Key.Key_Space)
    qtbot.keyClick(panel.record, Qt.Key.Key_Space)
    with qtbot.waitSignal(studio.sessions.edited):
        qtbot.keyClick(panel.use, Qt.Key.Key_Space)
    return studio.sessions.step_form.speak_fields["audio"].text()  # type: ignore[attr-defined,no-any-return]


def test_a_replaced_take_is_deleted_until_the_pack_is_saved(
    qtbot: QtBot, studio: StudioWindow, microphone: NarrationRecorder
) -> None:
    sessions = studio.sessions
    studio.tabs.setCurrentWidget(sessions)
    sessions.new_step.setCurrentIndex(sessions.new_step.findData("speak"))
    sessions.add_step.setFocus()
    qtbot.keyClick(sessions.add_step, Qt.Key.Key_Space)
    sessions.step_form.narration.recorder = microphone
    audio = studio.source.folder / "audio"  # type: ignore[union-attr]
    before = {path.name for path in audio.iterdir()}
    assert record_and_use(qtbot, studio) == "audio/narration-1.opus"
    assert record_and_use(qtbot, studio) == "audio/narration-2.opus"
    assert {path.name for path in audio.iterdir()} - before == {"narration-2.opus"}
    assert studio.save_folder_to(studio.source.folder)  # type: ignore[union-attr]
    # Saved: the folder's files name narration-2 now; replacing it leaves it be.
    assert record_and_use(qtbot, studio) == "audio/narration-1.opus"
    assert {path.name for path in audio.iterdir()} - before == {
        "narration-1.opus",
        "narration-2.opus",
    }


def test_speak_this_text_renders_off_the_gui_thread_and_says_it_is_busy(
    qtbot: QtBot, studio: StudioWindow, tmp_path: Path
) -> None:
    voice = fake_natural_voice(tmp_path)
    gate = threading.Event()

    def find() -> NaturalVoice:
        if threading.current_thread() is not threading.main_thread():
            assert gate.wait(10)  # the voice speaks only when the test says so
        return voice

    sessions = studio.sessions
    studio.tabs.setCurrentWidget(sessions)
    sessions.new_step.setCurrentIndex(sessions.new_step.findData("speak"))
    sessions.add_step.setFocus()
    qtbot.keyClick(sessions.add_step, Qt.Key.Key_Space)
    text = sessions.step_form.speak_fields["text"]
    text.setFocus()
    qtbot.keyClicks(text, "Let your breath settle.")
    panel = sessions.step_form.narration
    panel.set_voice(find)
    panel.speak.setFocus()
    qtbot.keyClick(panel.speak, Qt.Key.Key_Space)
    # The window answers while the voice works: the panel says so and takes nothing else.
    assert panel.speak.text() == "Speaking…"
    assert not panel.record.isEnabled()
    assert not panel.pick.isEnabled()
    with qtbot.waitSignal(panel.attached):
        gate.set()
    assert panel.speak.text() == "Speak this text"
    assert panel.record.isEnabled()
    assert sessions.step_form.speak_fields["audio"].text() == "audio/narration-1.opus"  # type: ignore[attr-defined]
    assert studio.run_check() == []


def add_speak_step(qtbot: QtBot, studio: StudioWindow, microphone: NarrationRecorder) -> None:
    sessions = studio.sessions
    studio.tabs.setCurrentWidget(sessions)
    sessions.new_step.setCurrentIndex(sessions.new_step.findData("speak"))
    sessions.add_step.setFocus()
    qtbot.keyClick(sessions.add_step, Qt.Key.Key_Space)
    sessions.step_form.narration.recorder = microphone


def test_closing_without_saving_deletes_the_takes_no_saved_file_plays(
    qtbot: QtBot, studio: StudioWindow, microphone: NarrationRecorder
) -> None:
    add_speak_step(qtbot, studio, microphone)
    folder = studio.source.folder  # type: ignore[union-attr]
    assert record_and_use(qtbot, studio) == "audio/narration-1.opus"
    assert (folder / "audio" / "narration-1.opus").exists()
    studio.close()
    box = studio.close_question
    assert box.text() == (
        "Save your changes to the pack's folder before closing? Recordings made since the "
        "last save are deleted if you don't save."
    )
    discard = box.button(QMessageBox.StandardButton.Discard)
    qtbot.mouseClick(discard, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not studio.isVisible())
    assert not (folder / "audio" / "narration-1.opus").exists()
    assert (folder / "audio" / "welcome.ogg").exists()  # the pack's own recording stays


def test_a_take_whose_step_was_removed_is_deleted_when_the_pack_is_saved(
    qtbot: QtBot, studio: StudioWindow, microphone: NarrationRecorder
) -> None:
    add_speak_step(qtbot, studio, microphone)
    folder = studio.source.folder  # type: ignore[union-attr]
    assert record_and_use(qtbot, studio) == "audio/narration-1.opus"
    studio.sessions.remove_step.setFocus()
    qtbot.keyClick(studio.sessions.remove_step, Qt.Key.Key_Space)
    assert studio.save_folder_to(folder)
    assert not (folder / "audio" / "narration-1.opus").exists()
    assert studio.run_check() == []
