"""Your data: export, back up, restore, delete everything, and the report dialog.

Every way out of the app says that exported files are not encrypted. Deleting names what will
go before anything goes, and the safe choice is the default button.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pfrelax.core.data_words import kinds_words
from pfrelax.core.report_range import EARLIEST_DAY, default_first_day
from pfrelax.core.texts import text
from pfrelax.services.errors import StoreError
from pfrelax.services.history_data import DataCounts, ExportCounts, HistoryData
from pfrelax.ui.privacy.discreet import suggested_file
from pfrelax.ui.progress.report import PAGE_SIZES, write_report


def privacy_note() -> str:
    return text("privacy_export_note")


# File choosers are module functions so tests can answer them without a native dialog.
def choose_save_file(parent: QWidget, caption: str, suggested: str, filters: str) -> Path | None:
    named = suggested_file(suggested)
    path, _ = QFileDialog.getSaveFileName(parent, caption, str(Path.home() / named), filters)
    return Path(path) if path else None


def choose_open_file(parent: QWidget, caption: str, filters: str) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(parent, caption, str(Path.home()), filters)
    return Path(path) if path else None


def choose_folder(parent: QWidget, caption: str) -> Path | None:
    path = QFileDialog.getExistingDirectory(parent, caption, str(Path.home()))
    return Path(path) if path else None


def _tell(parent: QWidget, title: str, message: str, detail: str = "") -> None:
    box = QMessageBox(
        QMessageBox.Icon.NoIcon, title, message, QMessageBox.StandardButton.Ok, parent
    )
    box.setInformativeText(detail)
    box.exec()


def could_not_write(error: OSError, where: str) -> str:
    """An OSError in words (the CLI's), never Python's "[Errno 13] …" repr."""
    return (
        f"Could not write {where} ({error.strerror or error}). Choose a folder you can write "
        "to, on a disk with free space."
    )


def target_of_export(error: OSError) -> str:
    return str(error.filename) if error.filename else "the export"


def export_message(counts: ExportCounts, target: Path) -> str:
    """ "Exported 3 check-ins, 2 sessions and heart figures of 1 run to …": every kind held."""
    return f"Exported {kinds_words(counts.kinds(), runs_word='session')} to {target}."


def export_history(parent: QWidget, history: HistoryData) -> Path | None:
    """Ask CSV or JSON and where, then export everything; returns where it went."""
    box = QMessageBox(QMessageBox.Icon.NoIcon, "Export your history", "", parent=parent)
    box.setText(
        "Export every check-in and session as CSV (a file for each kind, in a folder) or JSON."
    )
    box.setInformativeText(privacy_note())
    csv_button = box.addButton("CSV files…", QMessageBox.ButtonRole.AcceptRole)
    json_button = box.addButton("JSON file…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    try:
        if box.clickedButton() is csv_button:
            folder = choose_folder(parent, "Folder for the CSV files")
            if folder is None:
                return None
            counts = history.export_csv(folder)
            target = folder
        elif box.clickedButton() is json_button:
            file = choose_save_file(
                parent, "Export as JSON", "pfrelax-export.json", "JSON (*.json)"
            )
            if file is None:
                return None
            counts = history.export_json(file)
            target = file
        else:
            return None
    except OSError as error:
        _tell(parent, "Export", could_not_write(error, target_of_export(error)))
        return None
    except StoreError as error:  # the history turned out damaged while it was read
        _tell(parent, "Export", str(error))
        return None
    _tell(
        parent,
        "Export",
        export_message(counts, target),
        privacy_note(),
    )
    return target


def back_up(parent: QWidget, history: HistoryData) -> Path | None:
    """Write a complete copy of the database where the person chooses."""
    target = choose_save_file(
        parent, "Back up your data", "pfrelax-backup.sqlite3", "pfrelax backup (*.sqlite3)"
    )
    if target is None:
        return None
    try:
        history.back_up(target)
    except StoreError as error:  # already says what and where, with its fix
        _tell(parent, "Back up", str(error))
        return None
    except OSError as error:
        _tell(parent, "Back up", could_not_write(error, str(target)))
        return None
    _tell(parent, "Back up", f"Your data is backed up to {target}.", privacy_note())
    return target


def restore(parent: QWidget, history: HistoryData) -> bool:
    """Replace everything with a backup after a confirmation; True if restored."""
    source = choose_open_file(parent, "Restore from a backup", "pfrelax backup (*.sqlite3 *)")
    if source is None:
        return False
    counts = history.counts()
    answer = QMessageBox.question(
        parent,
        "Restore from a backup",
        f"Restoring replaces everything stored now ({describe_counts(counts)}) with the "
        f"contents of {source.name}. Continue?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        history.restore(source)
    except StoreError as error:
        _tell(parent, "Restore", str(error))
        return False
    _tell(parent, "Restore", f"Restored your data from {source.name}.")
    return True


def describe_counts(counts: DataCounts) -> str:
    return (
        f"{counts.checkins} check-in{'s' if counts.checkins != 1 else ''}, "
        f"{counts.runs} session record{'s' if counts.runs != 1 else ''}"
    )


def deletion_text(counts: DataCounts) -> str:
    """What "delete all my data" removes, named before anything is removed."""
    return (
        "This deletes, from this computer:\n"
        f"• every check-in and its ratings ({counts.checkins})\n"
        f"• the notes you wrote with them ({counts.notes})\n"
        f"• the record of every session you practised ({counts.runs})\n"
        f"• every session pack you installed, with its files, and when each plan started "
        f"({counts.packs})\n"
        "• the spoken guidance pfrelax recorded for sessions\n\n"
        "Your settings stay as you chose them. Exports and backups you saved elsewhere are "
        "not touched: delete those files yourself if you want them gone. This cannot be undone."
    )


class DeleteAllDialog(QDialog):
    """The confirmation for deleting everything; "Keep my data" is the default."""

    def __init__(self, counts: DataCounts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Delete all my data")
        self.message = QLabel(deletion_text(counts), self)
        self.message.setWordWrap(True)
        self.keep_button = QPushButton("Keep my data", self)
        self.keep_button.setDefault(True)
        self.delete_button = QPushButton("Delete all my data", self)
        self.delete_button.setAutoDefault(False)
        self.keep_button.clicked.connect(self.reject)
        self.delete_button.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.delete_button)
        row.addStretch(1)
        row.addWidget(self.keep_button)
        column = QVBoxLayout(self)
        column.addWidget(self.message)
        column.addLayout(row)
        self.keep_button.setFocus()


def delete_all(parent: QWidget, history: HistoryData) -> bool:
    """Confirm, then delete every row, every installed pack and the speech cache; True if done."""
    dialog = DeleteAllDialog(history.counts(), parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        left = history.delete_all()
    except StoreError as error:
        _tell(parent, "Delete all my data", str(error))
        return False
    if left:
        _tell(
            parent,
            "Delete all my data",
            "Your history is deleted, but some files could not be removed. Delete them by hand:",
            "\n".join(str(path) for path in left),
        )
        return True
    _tell(parent, "Delete all my data", "All your pfrelax data on this computer is deleted.")
    return True


class ReportDialog(QDialog):
    """Choose the range, paper and whether notes go in; then save the PDF."""

    def __init__(self, history: HistoryData, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._history = history
        self.setWindowTitle("Report for your physical therapist")
        # From the first record (at most twelve weeks back): no weeks of empty rows.
        self.date_from = _date_edit(default_first_day(today, history.first_record_day()), today)
        self.date_to = _date_edit(today, today)
        self.include_notes = QCheckBox("Include my notes", self)
        self.paper = QComboBox(self)
        self.paper.addItems(list(PAGE_SIZES))
        note = QLabel(privacy_note(), self)
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("From", self.date_from)
        form.addRow("To", self.date_to)
        form.addRow("Paper", self.paper)
        form.addRow("", self.include_notes)
        self.save_button = QPushButton("Save PDF…", self)
        self.save_button.setDefault(True)
        cancel = QPushButton("Cancel", self)
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        self.save_button.clicked.connect(self._on_save_clicked)
        row = QHBoxLayout()
        row.addWidget(cancel)
        row.addStretch(1)
        row.addWidget(self.save_button)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(note)
        column.addLayout(row)
        self.saved_to: Path | None = None

    def _on_save_clicked(self) -> None:
        first, last = _day(self.date_from), _day(self.date_to)
        if first > last:
            first, last = last, first
        target = choose_save_file(self, "Save the report", "pfrelax-report.pdf", "PDF (*.pdf)")
        if target is None:
            return
        try:
            notes = self.include_notes.isChecked()
            report = self._history.report(first, last, include_notes=notes)
            write_report(report, target, page_size=self.paper.currentText())
        except OSError as error:
            _tell(self, "Report", f"Could not write {target}: {error}")
            return
        self.saved_to = target
        self.accept()


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


def _date_edit(day: date, today: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    # The days a report can cover (core.report_range): never a date the report cannot hold.
    latest = today + timedelta(days=1)
    edit.setDateRange(
        QDate(EARLIEST_DAY.year, EARLIEST_DAY.month, EARLIEST_DAY.day),
        QDate(latest.year, latest.month, latest.day),
    )
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    calendar = edit.calendarWidget()
    for weekend in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
        calendar.setWeekdayTextFormat(weekend, QTextCharFormat())  # Qt's red: none in this app
    # Wide enough for "Wed" in full, not "W…".
    calendar.setMinimumWidth(calendar.fontMetrics().horizontalAdvance(" Wed ") * 9)
    return edit


def open_report(parent: QWidget, history: HistoryData, today: date) -> ReportDialog:
    """The report dialog, its range ending `today` (the caller's clock, never the system's)."""
    dialog = ReportDialog(history, today, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
