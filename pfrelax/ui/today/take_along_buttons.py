"""Today's "Add to my calendar…" and "Take it with you…": the plan's .ics, and its sessions as
audio with a playlist and the .ics, written where the person picks (services/take_along*)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pfrelax.core.plan import today_in
from pfrelax.core.reminders import ReminderTimeError, parse_times
from pfrelax.core.session import Session
from pfrelax.core.today import PackPlan
from pfrelax.desktop.zone import local_zone
from pfrelax.services.take_along import (
    CALENDAR_FILE,
    PlanRequest,
    TakeAlongError,
    plan_request,
    suggested_times,
    write_plan_calendar,
)
from pfrelax.services.take_along_audio import (
    FindSession,
    WrittenTrack,
    export_plan,
    plan_sessions,
)
from pfrelax.ui.privacy.discreet import suggested_file

CALENDAR_TITLE = "Add to my calendar"
AUDIO_TITLE = "Take it with you"
STEPS = 1000  # the progress bar's resolution


class _Relay(QObject):
    """Carries the export's news from its thread to the window's (queued by Qt)."""

    progressed = Signal(int)
    finished = Signal(Path, list)  # the folder, and the list[WrittenTrack] written into it
    stopped = Signal()  # the person stopped it; its files were removed
    failed = Signal(str)
    broke = Signal(Exception)  # our bug in the export, raised again in the window


@dataclass(frozen=True, slots=True)
class TakeAlongNeeds:
    """What the buttons need from the app: the plan's sessions, and whether voice is on."""

    find: FindSession
    voice: Callable[[], bool] = lambda: True


class TakeAlongButtons(QWidget):
    """The two buttons, and one quiet line saying what was written (or why not)."""

    written = Signal(Path)  # the .ics file, or the folder the audio went into

    def __init__(
        self,
        plans: Callable[[], list[PackPlan]],
        needs: TakeAlongNeeds,
        *,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._plans, self._needs, self._now = plans, needs, now
        self.calendar_button = QPushButton("Add to my calendar…")
        self.calendar_button.setToolTip("Your practice times as reminders in your phone's calendar")
        self.audio_button = QPushButton("Take it with you…")
        self.audio_button.setToolTip("Your sessions as audio files, to practise away from here")
        self.calendar_button.clicked.connect(self._on_calendar_clicked)
        self.audio_button.clicked.connect(self._on_audio_clicked)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setProperty("quiet", True)
        self.progress: QProgressDialog | None = None
        self._stop = threading.Event()
        self._worker: threading.Thread | None = None
        self._relay = _Relay(self)
        self._relay.progressed.connect(self._on_relay_progressed)
        self._relay.finished.connect(self._on_relay_finished)
        self._relay.stopped.connect(self._on_relay_stopped)
        self._relay.failed.connect(self._on_relay_failed)
        self._relay.broke.connect(self._on_relay_broke)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.calendar_button)
        row.addWidget(self.audio_button)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.message)

    def shutdown(self) -> None:
        """The window is closing: stop an export (its files are removed) and wait for it."""
        self._stop.set()
        if self._worker is not None:
            self._worker.join()

    # --- the calendar ---------------------------------------------------------------------------
    def _on_calendar_clicked(self) -> None:
        request = self._ask_request(CALENDAR_TITLE)
        if request is None:
            return
        suggested = str(Path.home() / suggested_file(CALENDAR_FILE))
        path, _ = QFileDialog.getSaveFileName(self, CALENDAR_TITLE, suggested, "Calendar (*.ics)")
        if not path:
            return
        target = Path(path)
        try:
            count = write_plan_calendar(request, target, self._now)
        except TakeAlongError as error:
            self.message.setText(f"Nothing was written: {error}.")
            return
        self.message.setText(
            f"Written to {target}: {count} reminders. Open it on your phone to add them to its "
            "calendar. It is not encrypted; it says only “A few calm minutes”."
        )
        self.written.emit(target)

    def _ask_request(self, title: str) -> PlanRequest | None:
        """The plan (asked which when there are several) and the times, as the person picks."""
        plan = self._choose_plan(title)
        if plan is None:
            return None
        zone = local_zone()
        today = today_in(zone or UTC, self._now)
        text, ok = QInputDialog.getText(
            self,
            title,
            "Remind me at (hours:minutes, several with commas):",
            text=", ".join(f"{t:%H:%M}" for t in suggested_times(plan, today)),
        )
        if not ok:
            return None
        try:
            times = parse_times(text)
        except ReminderTimeError as error:
            self.message.setText(f"Nothing was written: {error}.")
            return None
        return plan_request(plan, today, zone, times=times)

    def _choose_plan(self, title: str) -> PackPlan | None:
        plans = [plan for plan in self._plans() if plan.entries]
        if len(plans) <= 1:
            if not plans:
                self.message.setText("There is no plan yet: a plan comes in a pack from your PT.")
            return plans[0] if plans else None
        names = [plan.title for plan in plans]
        name, ok = QInputDialog.getItem(self, title, "Which plan?", names, 0, False)
        return plans[names.index(name)] if ok and name in names else None

    # --- the audio --------------------------------------------------------------------------
    def _on_audio_clicked(self) -> None:
        request = self._ask_request(AUDIO_TITLE)
        if request is None:
            return
        folder = QFileDialog.getExistingDirectory(self, AUDIO_TITLE, str(Path.home()))
        if not folder:
            return
        try:  # found here, in the window's thread; only the rendering runs beside it
            found = {s.id: s for s in plan_sessions(request.plan, self._needs.find)}
        except TakeAlongError as error:
            self.message.setText(f"Nothing was written: {error}.")
            return
        self._start_export(request, Path(folder), found)

    def _start_export(self, request: PlanRequest, folder: Path, found: dict[str, Session]) -> None:
        self.progress = QProgressDialog("Writing your sessions…", "Stop", 0, STEPS, self)
        self.progress.setWindowTitle(AUDIO_TITLE)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.canceled.connect(self._stop.set)
        self.progress.setValue(0)
        self.audio_button.setEnabled(False)
        self._stop.clear()
        by_address = {request.plan.session(i).address: s for i, s in found.items()}
        voice = self._needs.voice()
        self._worker = threading.Thread(
            target=self._export, args=(request, folder, by_address, voice), daemon=True
        )
        self._worker.start()

    def _export(
        self, request: PlanRequest, folder: Path, by_address: dict[str, Session], voice: bool
    ) -> None:
        """In the export's own thread: nothing here touches a widget."""

        def progressed(done: int, count: int, part: float) -> None:
            self._relay.progressed.emit(round(STEPS * (done + part) / count))

        try:
            written = export_plan(
                request,
                folder,
                by_address.get,
                voice=voice,
                now=self._now,
                progress=progressed,
                cancelled=self._stop.is_set,
            )
        except TakeAlongError as error:
            self._relay.failed.emit(str(error))
            return
        except Exception as error:  # noqa: BLE001 — our bug: reported, never a progress box left open
            self._relay.broke.emit(error)
            return
        if written is None:
            self._relay.stopped.emit()
        else:
            self._relay.finished.emit(folder, written)

    def _on_relay_progressed(self, value: int) -> None:
        if self.progress is not None:
            self.progress.setValue(min(value, STEPS - 1))  # STEPS closes it: that is the end's

    def _on_relay_stopped(self) -> None:
        self._end_export()
        self.message.setText("Stopped. Nothing was left in the folder.")

    def _on_relay_finished(self, folder: Path, written: list[WrittenTrack]) -> None:
        self._end_export()
        self.message.setText(
            f"Written to {folder}: {len(written)} sessions as audio, a playlist and a calendar. "
            "They are not encrypted; their names say only “calm”."
        )
        self.written.emit(folder)

    def _on_relay_failed(self, reason: str) -> None:
        self._end_export()
        self.message.setText(f"Nothing was written: {reason}.")

    def _on_relay_broke(self, error: Exception) -> None:
        """The export's files are already removed; the app's error report says the rest."""
        self._end_export()
        self.message.setText("Nothing was written: something went wrong inside pfrelax.")
        raise error

    def _end_export(self) -> None:
        if self._worker is not None:
            self._worker.join()
            self._worker = None
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None
        self.audio_button.setEnabled(True)
