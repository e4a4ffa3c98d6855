"""What the app says at start when the history cannot be used: damaged, read-only, or settings
that could not be read. Calm, plain, and never in the way of a session."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from pfrelax.services.errors import DamagedDatabaseError
from pfrelax.ui.common.app_name import app_name


def damaged_text(error: DamagedDatabaseError) -> tuple[str, str]:
    """(headline, details) for a damaged history, with the backup's date when there is one."""
    headline = "pfrelax could not read your saved history."
    details = (
        "The file it is kept in is damaged. Nothing has been changed in it, and sessions still "
        "play; your history and check-ins are put aside until it is sorted out."
    )
    if error.backup is not None:
        when = datetime.fromtimestamp(error.backup.stat().st_mtime)
        details += (
            f"\n\nYour last backup is from {when.day} {when.strftime('%B %Y at %H:%M')}. "
            "Restoring it puts back everything saved up to then. The damaged file is kept."
        )
    else:
        details += (
            "\n\nIf you saved a backup (Progress › Your data › Back up), you can restore it now."
            " The damaged file is kept."
        )
    return headline, details


def damaged_box(
    parent: QWidget,
    error: DamagedDatabaseError,
    restore: Callable[[Path], str],
    choose: Callable[[], Path | None],
) -> QMessageBox:
    """A non-modal note offering to restore; `restore(backup)` returns what to say afterwards
    (a problem or a success), `choose()` asks for a backup file when there is no backup."""
    box = QMessageBox(parent)
    box.setWindowTitle(f"Your history — {app_name()}")
    box.setIcon(QMessageBox.Icon.NoIcon)
    headline, details = damaged_text(error)
    box.setText(headline)
    box.setInformativeText(details)
    label = "Restore the backup" if error.backup is not None else "Choose a backup…"
    restore_button = box.addButton(label, QMessageBox.ButtonRole.AcceptRole)
    later = box.addButton("Not now", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(later)
    box.setAccessibleName(headline)

    def on_clicked(button: object) -> None:
        if button is not restore_button:
            return
        source = error.backup if error.backup is not None else choose()
        if source is not None:
            said = restore(source)
            tell(parent, "Restore", said)

    box.buttonClicked.connect(on_clicked)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.NonModal)
    return box


def show_notices(
    window: QWidget,
    notices: list[str],
    damaged: DamagedDatabaseError | None,
    restored: Callable[[], str],
) -> None:
    """Show each start-up note: "damaged" offers the backup (`restored()` reopens the history
    after it is put back and says how that went), "read-only" explains, any other text as is."""
    for notice in notices:
        if notice == "damaged" and damaged is not None:
            damaged_box(window, damaged, _restorer(restored), lambda: _choose(window)).show()
        elif notice == "read-only":
            tell(window, "Your history", READ_ONLY_NOTE)
        elif notice != "damaged":
            tell(window, "Note", notice)


READ_ONLY_NOTE = (
    "Your data folder is read-only, so pfrelax can show your history but cannot save to it. "
    "Sessions still play; they, your check-ins and new packs are not saved until the folder "
    "can be written to again."
)


def _restorer(restored: Callable[[], str]) -> Callable[[Path], str]:
    def restore(source: Path) -> str:
        from pfrelax import paths
        from pfrelax.services.database import restore_backup
        from pfrelax.services.errors import StoreError

        try:
            restore_backup(paths.database_path(), source, datetime.now())
        except (StoreError, OSError) as error:
            return f"The backup could not be restored: {error}"
        return restored()

    return restore


def _choose(window: QWidget) -> Path | None:
    from pfrelax.ui.settings.data_actions import choose_open_file

    return choose_open_file(window, "Restore from a backup", "pfrelax backup (*.sqlite3 *)")


def tell(parent: QWidget, title: str, message: str) -> QMessageBox:
    """A plain, non-modal note with one OK button."""
    box = QMessageBox(
        QMessageBox.Icon.NoIcon,
        f"{title} — {app_name()}",
        message,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.show()
    return box
