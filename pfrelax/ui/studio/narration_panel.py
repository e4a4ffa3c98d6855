"""A speak step's recording: record from the microphone (with a level meter), hear it, record
again, and use it; or pick a file, or let the natural voice speak the text. The step then lasts
as long as its recording. All the work is the narration service's; this only shows it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QProgressBar,
    QPushButton,
    QWidget,
)

from pfrelax.errors import InputError
from pfrelax.services.narration import (
    Narration,
    NarrationRecorder,
    NaturalVoice,
    UnsavedTakes,
    find_natural_voice,
    speak_text,
    take_file,
)
from pfrelax.services.sound_jobs import Jobs
from pfrelax.ui.common.a11y import name
from pfrelax.ui.common.bridge import QtJobs
from pfrelax.ui.common.labels import text_label
from pfrelax.ui.studio.toml_fields import Table

METER_MS = 50
FILES = "Recordings (*.wav *.flac *.ogg *.opus *.mp3 *.m4a);;All files (*)"


class NarrationPanel(QWidget):
    attached = Signal()  # the step now plays a new recording

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recorder = NarrationRecorder()
        self.folder: Path | None = None
        self._table: Table | None = None
        self.takes = UnsavedTakes()
        # What every step of the pack plays; the studio sets it (a replaced take still played
        # by another step is kept).
        self.in_use: Callable[[], set[str]] = set
        self.record = _button("Record", "Record the narration from the microphone")
        self.play = _button("Play", "Hear the recording")
        self.use = _button("Use recording", "Keep this recording for the step")
        self.pick = _button("Choose file…", "Use a recording you already have")
        self.speak = _button("Speak this text", "Let the natural voice read the narration")
        self.meter = QProgressBar()
        self.meter.setRange(0, 100)
        self.meter.setTextVisible(False)
        name(self.meter, "Microphone level", "How loud the microphone hears you")
        self.status = text_label(quiet=True)
        self.timer = QTimer(self)
        self.timer.setInterval(METER_MS)
        self.timer.timeout.connect(self._on_tick)
        # Two buttons a row: at 200 % on a 1280×800 screen a single row of five is too wide.
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.record, 0, 0)
        grid.addWidget(self.play, 0, 1)
        grid.addWidget(self.meter, 1, 0, 1, 2)
        grid.addWidget(self.use, 2, 0)
        grid.addWidget(self.pick, 2, 1)
        grid.addWidget(self.speak, 3, 0, 1, 2)
        grid.addWidget(self.status, 4, 0, 1, 2)
        self.record.clicked.connect(self._on_record)
        self.play.clicked.connect(self.recorder_play)
        self.use.clicked.connect(self._on_use)
        self.pick.clicked.connect(self._on_pick)
        self.speak.clicked.connect(self._on_speak)
        self.jobs: Jobs = QtJobs(self)  # the natural voice renders on a worker thread
        self.speaking = False
        self.set_voice(find_natural_voice)

    # --- public -------------------------------------------------------------------------------
    def set_folder(self, folder: Path | None) -> None:
        self.folder = folder
        self.takes = UnsavedTakes()  # another pack: its files were never ours
        self._show_state()

    def load(self, table: Table | None) -> None:
        if self.recorder.recording:
            self.recorder.stop()
            self.timer.stop()
        self._table = table
        self.recorder.trimmed = None
        audio = str(table.get("audio", "")) if table is not None else ""
        self.status.setText(f"Plays {audio}; the step lasts as long as it." if audio else "")
        self._show_state()

    def set_voice(self, find: Callable[[], NaturalVoice | None]) -> None:
        """Which natural voice "Speak this text" uses (the installed one, if any)."""
        self._find_voice = find
        self._voice = find() is not None
        self._show_state()

    def recorder_play(self) -> None:
        self.recorder.play()

    def shutdown(self) -> None:
        self.timer.stop()
        self.recorder.close()
        self.jobs.wait()  # a voice still speaking finishes writing its file first

    # --- events -------------------------------------------------------------------------------
    def _on_record(self) -> None:
        if self.recorder.recording:
            ms = self.recorder.stop()
            self.timer.stop()
            self.meter.setValue(0)
            self.status.setText(
                f"Recorded {ms / 1000:.1f} s, silence trimmed: play it, record again, or use it."
            )
        else:
            try:
                self.recorder.start()
            except InputError as error:
                self.status.setText(str(error))
                return
            self.timer.start()
            self.status.setText("Recording… press Stop when you have finished.")
        self._show_state()

    def _on_tick(self) -> None:
        self.meter.setValue(round(self.recorder.level() * 100))

    def _on_use(self) -> None:
        folder = self.folder
        if folder is None:
            return
        self._attach(lambda: self.recorder.save(folder))

    def _on_pick(self) -> None:
        folder = self.folder
        chosen, _ = QFileDialog.getOpenFileName(self, "Choose a recording", "", FILES)
        if chosen and folder is not None:
            self._attach(lambda: take_file(folder, Path(chosen)))

    def _on_speak(self) -> None:
        folder, table, find = self.folder, self._table, self._find_voice
        if folder is None or table is None or self.speaking:
            return
        text = str(table.get("text", "") or "")
        self.speaking = True
        self.status.setText("The natural voice is reading the text…")
        self._show_state()

        def work() -> None:  # on the worker thread; the result comes back on the GUI thread
            try:
                result: Narration | Exception = speak_text(folder, text, find)
            except (InputError, OSError) as error:
                result = error
            self.jobs.post(lambda: self._on_spoken(folder, table, result))

        self.jobs.submit(work)

    def _on_spoken(self, folder: Path, table: Table, result: Narration | Exception) -> None:
        self.speaking = False
        if folder != self.folder:  # another pack was opened meanwhile: not this one's step
            self._show_state()
            return
        if isinstance(result, Exception):
            self.status.setText(str(result))
            self._show_state()
            return
        self._attach(lambda: result, table)

    def _attach(self, make: Callable[[], Narration], table: Table | None = None) -> None:
        table, folder = table if table is not None else self._table, self.folder
        if table is None or folder is None:
            return
        try:
            narration: Narration = make()
        except (InputError, OSError) as error:
            self.status.setText(str(error))
            return
        self.takes.attach(table, narration, folder, self.in_use)
        self.recorder.trimmed = None
        length = f", {narration.ms / 1000:.1f} s" if narration.ms else ""
        self.status.setText(f"Plays {narration.name}{length}; the step lasts as long as it.")
        self._show_state()
        self.attached.emit()

    def _show_state(self) -> None:
        recording = self.recorder.recording
        taken = self.recorder.trimmed is not None and self.recorder.trimmed.size > 0
        has_step = self._table is not None and self.folder is not None and not self.speaking
        self.record.setText("Stop" if recording else ("Record again" if taken else "Record"))
        self.record.setEnabled(has_step)
        self.play.setEnabled(taken and not recording)
        self.use.setEnabled(taken and not recording and has_step)
        self.pick.setEnabled(has_step and not recording)
        self.speak.setEnabled(has_step and self._voice and not recording)
        self.speak.setText("Speaking…" if self.speaking else "Speak this text")
        self.speak.setToolTip("" if self._voice else "Needs the natural voice (the voice extra)")


def _button(text: str, description: str) -> QPushButton:
    button = QPushButton(text)
    name(button, text.rstrip("…"), description)
    return button
