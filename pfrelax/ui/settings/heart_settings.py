"""The Heart rate part of Settings: off, your strap (found by a scan), the demo, or an RR file.

The scan looks for a few seconds on a worker thread; its result comes back as a signal (queued
onto the GUI thread), with the straps found or the plain reason pfrelax cannot look.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pfrelax.core.settings import HEART_SOURCES, Settings
from pfrelax.services.heart_sources import (
    FILE,
    STRAP,
    FoundStrap,
    ScanResult,
    pairing_hints,
    rr_file_problem,
    scan_nearby,
)
from pfrelax.ui.common.a11y import name

SOURCE_LABELS = {
    "off": "Off",
    "strap": "My strap",
    "demo": "Demo (a simulated person, to try it)",
    "file": "A recorded RR file",
}
ANY_STRAP = "The first strap found"
PRIVATE_NOTE = (
    "Your heart rate stays on this computer. It is shown under the breathing and kept with "
    "each session as your numbers, for you to compare with your own. Used from the next session."
)
LOOKING = "Looking for straps nearby…"


class _ScanDone(QObject):
    done = Signal(ScanResult)  # emitted on the worker thread, received on the GUI's


class HeartFields(QWidget):
    """Rows for the settings form; `chosen(settings)` gives the settings with them applied.

    `validity_changed` says when the RR file named turns usable or not (a pipe or a folder is
    refused here, where it is chosen, rather than left to hold up a session)."""

    validity_changed = Signal(bool)

    def __init__(
        self,
        settings: Settings,
        *,
        scan: Callable[[], ScanResult] = scan_nearby,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.scan = scan  # replaceable (tests)
        self._scan_done = _ScanDone(self)
        self._scan_done.done.connect(self._on_scan_done)
        self.source = QComboBox()
        for value in HEART_SOURCES:
            self.source.addItem(SOURCE_LABELS[value], value)
        self.source.setCurrentIndex(HEART_SOURCES.index(settings.heart_source))
        name(self.source, "Heart rate", "Show your heart rate under the breathing, from a source")
        self._build_strap(settings)
        self._build_file(settings)
        self.note = QLabel(PRIVATE_NOTE)
        self.note.setWordWrap(True)
        self._valid = True
        self.source.currentIndexChanged.connect(self._show_kind)
        self.rr_file.textChanged.connect(self._check_file)
        self._show_kind()

    def _build_strap(self, settings: Settings) -> None:
        self.strap_box = QWidget()
        self.scan_button = QPushButton("Look for straps")
        name(self.scan_button, "Look for straps", "Look for heart rate straps nearby for a moment")
        self.scan_button.clicked.connect(self.start_scan)
        self.straps = QComboBox()
        self.straps.addItem(ANY_STRAP, ("", ""))
        if settings.heart_strap_address:
            label = settings.heart_strap_name or settings.heart_strap_address
            self.straps.addItem(label, (settings.heart_strap_address, settings.heart_strap_name))
            self.straps.setCurrentIndex(1)
        name(self.straps, "Strap", "Which strap to listen to")
        self.scan_status = QLabel("\n".join(f"• {hint}" for hint in pairing_hints()))
        self.scan_status.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.straps, 1)
        row.addWidget(self.scan_button)
        column = QVBoxLayout(self.strap_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.scan_status)

    def _build_file(self, settings: Settings) -> None:
        self.file_box = QWidget()
        self.rr_file = QLineEdit(settings.heart_rr_file)
        self.rr_file.setPlaceholderText("One RR interval in milliseconds a line")
        name(self.rr_file, "RR file", "A recorded RR log to replay while you breathe")
        self.choose_file = QPushButton("Choose…")
        name(self.choose_file, "Choose an RR file", "Choose a recorded RR log")
        self.choose_file.clicked.connect(self._on_choose_file)
        self.file_problem = QLabel()
        self.file_problem.setWordWrap(True)
        self.file_problem.setProperty("quiet", True)
        self.file_problem.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.rr_file, 1)
        row.addWidget(self.choose_file)
        column = QVBoxLayout(self.file_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.file_problem)

    def add_rows(self, form: QFormLayout, heading: QLabel) -> None:
        form.addRow(heading)
        form.addRow("Source", self.source)
        form.addRow("", self.strap_box)
        form.addRow("", self.file_box)
        form.addRow("", self.note)

    def _show_kind(self) -> None:
        kind = self.source.currentData()
        self.strap_box.setVisible(kind == STRAP)
        self.file_box.setVisible(kind == FILE)
        self.note.setVisible(kind != "off")
        self._check_file()

    @property
    def valid(self) -> bool:
        return self._valid

    def _check_file(self) -> None:
        problem = rr_file_problem(self.rr_file.text()) if self.source.currentData() == FILE else ""
        self.file_problem.setText(problem[:1].upper() + problem[1:])
        self.file_problem.setVisible(bool(problem))
        if self._valid == bool(problem):
            self._valid = not problem
            self.validity_changed.emit(self._valid)

    # --- scanning -----------------------------------------------------------------------------
    def start_scan(self) -> None:
        """Look for straps on a worker thread; `scan_finished` tells when it is done."""
        self.scan_button.setEnabled(False)
        self.scan_status.setText(LOOKING)
        done, scan = self._scan_done.done, self.scan

        def look() -> None:
            result = scan()
            with contextlib.suppress(RuntimeError):  # the dialog closed meanwhile
                done.emit(result)

        threading.Thread(target=look, name="pfrelax-strap-scan", daemon=True).start()

    @property
    def scan_finished(self) -> SignalInstance:
        return self._scan_done.done

    def _on_scan_done(self, result: ScanResult) -> None:
        self.scan_button.setEnabled(True)
        if result.problem:
            self.scan_status.setText(result.problem)
            return
        chosen = self.straps.currentData()
        self.straps.clear()
        self.straps.addItem(ANY_STRAP, ("", ""))
        for strap in result.straps:
            self.straps.addItem(_strap_label(strap), (strap.address, strap.name))
            if strap.address == chosen[0]:
                self.straps.setCurrentIndex(self.straps.count() - 1)
        if result.straps:
            found = len(result.straps)
            plural = "s" if found > 1 else ""
            self.scan_status.setText(f"Found {found} strap{plural}. Choose yours.")
            if not chosen[0]:
                self.straps.setCurrentIndex(1)
            return
        hints = "\n".join(f"• {hint}" for hint in pairing_hints())
        self.scan_status.setText(f"No strap answered this time.\n{hints}")

    def _on_choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose an RR file", self.rr_file.text())
        if path:
            self.rr_file.setText(path)

    def chosen(self, settings: Settings) -> Settings:
        if not self._valid:
            return settings
        address, strap_name = self.straps.currentData()
        return settings.replace(
            heart_source=self.source.currentData(),
            heart_strap_address=address,
            heart_strap_name=strap_name,
            heart_rr_file=self.rr_file.text().strip(),
        )


def _strap_label(strap: FoundStrap) -> str:
    signal = f" — {strap.signal} signal" if strap.signal else ""
    return f"{strap.name}{signal}"
