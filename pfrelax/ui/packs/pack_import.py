"""Importing a PT's pack: choose or drop a file, read it off the GUI thread, preview, install.

Reading and installing a 100 MB pack takes a second or two (every member is hashed and every
audio file decoded), so both run on a worker thread and the window keeps breathing. A reading
problem shows the error list; nothing is written until the person presses Install, and an older
version than the one installed is only installed after they confirm it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRunnable, QThreadPool, QUrl, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from pfrelax import paths
from pfrelax.core.plan import today_in
from pfrelax.formats.pack import Pack, read_pack
from pfrelax.formats.pack_install import InstallResult
from pfrelax.formats.pack_manifest import MANIFEST
from pfrelax.formats.pack_questions import DowngradeRequired, InstallQuestion
from pfrelax.services.errors import PackError, Problem, StoreError
from pfrelax.services.packs import Packs, RegistryFile
from pfrelax.store.db import Database
from pfrelax.store.packs import InstalledPacks

# Not from today_page: that brings numpy (the charts' maths) along, a 150 ms freeze at start-up.
from pfrelax.ui.common.local_time import Now, system_zone, utc_now
from pfrelax.ui.common.store_recovery import tell
from pfrelax.ui.common.texts import APP_TITLE
from pfrelax.ui.common.theme import Palette
from pfrelax.ui.packs.pack_errors import PackErrorsDialog
from pfrelax.ui.packs.pack_preview import OnDisk, PackPreviewDialog, on_disk, preview_of

log = logging.getLogger(__name__)
PACK_SUFFIX = ".pfpack"
_UNEXPECTED = (
    "could not be read: pfrelax met a problem it did not expect ({kind}). Nothing was "
    "installed. Keep the file, and tell the person who sent it"
)


@dataclass(frozen=True, slots=True)
class Allowed:
    """What the person agreed to in the preview (pack_questions)."""

    downgrade: bool = False
    replace: bool = False
    author_change: bool = False


FILE_FILTER = "Session packs (*.pfpack)"
Reader = Callable[[Path], Pack]
Installer = Callable[..., InstallResult]


def is_pack_path(path: Path) -> bool:
    """A `.pfpack` file, or a pack folder (one with a pack.toml) while a PT is authoring it."""
    if path.suffix.lower() == PACK_SUFFIX:
        return path.is_file()
    return path.is_dir() and (path / MANIFEST).is_file()


def pack_path_of(urls: list[QUrl]) -> Path | None:
    """The first local pack among dropped URLs, or None."""
    for url in urls:
        if url.isLocalFile() and is_pack_path(Path(url.toLocalFile())):
            return Path(url.toLocalFile())
    return None


class PackDropFilter(QObject):
    """Install on a widget (`install(window)`) to accept dropped packs; other drops pass on."""

    pack_dropped = Signal(object)  # Path

    def install(self, widget: QWidget) -> None:
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragEnterEvent | QDragMoveEvent)
            if pack_path_of(event.mimeData().urls()) is None:
                return False
            event.acceptProposedAction()
            return True
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            path = pack_path_of(event.mimeData().urls())
            if path is None:
                return False
            event.acceptProposedAction()
            self.pack_dropped.emit(path)
            return True
        return super().eventFilter(watched, event)


class _Relay(QObject):
    """Lives on the GUI thread; a worker emits through it, so slots run on the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], object], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # noqa: BLE001  # handed to the GUI thread, which decides
            self._relay.failed.emit(error)
        else:
            self._relay.succeeded.emit(result)


class PackImporter(QObject):
    """The whole import conversation; `pack_installed(pack_id)` when a pack was installed."""

    pack_installed = Signal(str)
    busy_changed = Signal(bool)
    preview_shown = Signal(object)  # PackPreviewDialog
    errors_shown = Signal(object)  # PackErrorsDialog
    downgrade_asked = Signal(object)  # QMessageBox

    def __init__(
        self,
        window: QWidget,
        db: Database,
        *,
        now: Now = utc_now,
        tz: tzinfo | None = None,
        read: Reader = read_pack,
        install: Installer | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._db = db
        self._now = now
        self._tz = tz if tz is not None else system_zone()
        self.told: QMessageBox | None = None  # the last note that something was not saved
        self._read = read
        # Installs run on a worker thread, so they open the database file there (an SQLite
        # handle belongs to the thread that opened it).
        self._install = install or Packs(paths.data_dir() / "packs", RegistryFile(db.path)).install
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one pack at a time; a second waits its turn
        self._relays: set[_Relay] = set()
        self.palette: Palette | None = None

    # --- public -----------------------------------------------------------------------------
    def import_action(self, parent: QObject) -> QAction:
        """File → Import pack… (Ctrl+I)."""
        action = QAction("&Import pack…", parent)
        action.setShortcut(QKeySequence("Ctrl+I"))
        action.triggered.connect(self.choose_file)
        return action

    def drop_filter(self) -> PackDropFilter:
        dropper = PackDropFilter(self)
        dropper.pack_dropped.connect(self.import_path)
        return dropper

    def choose_file(self) -> QFileDialog:
        dialog = QFileDialog(self._window, f"Import a pack — {APP_TITLE}", str(Path.home()))
        dialog.setNameFilter(FILE_FILTER)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda chosen: self.import_path(Path(chosen)))
        dialog.open()
        return dialog

    def import_path(self, path: Path) -> None:
        """Read and check the pack at `path` off the GUI thread, then preview it."""

        def read() -> tuple[Pack, OnDisk | None]:
            pack = self._read(path)
            return pack, on_disk(pack)

        self._run(read, self._on_read, lambda e: self._on_failed(path, e))

    def busy(self) -> bool:
        return self._pool.activeThreadCount() > 0

    def shutdown(self) -> None:
        """Wait for a read or install in progress (the window is closing)."""
        self._pool.clear()
        self._pool.waitForDone()

    # --- steps ----------------------------------------------------------------------------------
    def _run(
        self,
        work: Callable[[], object],
        done: Callable[[Any], None],
        failed: Callable[[Exception], None],
    ) -> None:
        relay = _Relay()  # no parent: kept alive by self._relays until its answer arrives
        self._relays.add(relay)

        def finish(handler: Callable[[Any], None], value: object) -> None:
            self._relays.discard(relay)
            self.busy_changed.emit(False)
            handler(value)

        relay.succeeded.connect(lambda value: finish(done, value))
        relay.failed.connect(lambda error: finish(failed, error))
        self.busy_changed.emit(True)
        self._pool.start(_Task(work, relay))

    def _on_read(self, read: tuple[Pack, OnDisk | None]) -> None:
        pack, disk = read
        installed = InstalledPacks(self._db).get(pack.id)
        dialog = PackPreviewDialog(preview_of(pack, installed, disk), self.palette, self._window)

        def accepted() -> None:
            preview = dialog.preview
            self._install_now(
                pack.source,
                start_plan=dialog.start_plan_today(),
                allowed=Allowed(
                    downgrade=preview.change == "downgrade",
                    replace=preview.change == "replace",
                    author_change=bool(preview.author_warning) and dialog.trust_author.isChecked(),
                ),
            )

        dialog.accepted.connect(accepted)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.preview_shown.emit(dialog)

    def _install_now(self, path: Path, *, start_plan: bool, allowed: Allowed) -> None:
        self._run(
            lambda: self._install(
                path,
                allow_downgrade=allowed.downgrade,
                allow_replace=allowed.replace,
                allow_author_change=allowed.author_change,
            ),
            lambda result: self._on_installed(result, start_plan),
            lambda error: self._on_install_failed(path, error, start_plan),
        )

    def _on_installed(self, result: InstallResult, start_plan: bool) -> None:
        packs = InstalledPacks(self._db)
        record = packs.get(result.pack.id)
        if start_plan and result.pack.plan and record and record.plan_started is None:
            try:
                packs.set_plan_started(result.pack.id, today_in(self._tz, self._now))
            except StoreError as error:  # the pack stays installed; Today offers the start
                self.told = tell(
                    self._window,
                    "Install a pack",
                    f"The pack is installed, but its plan was not started: {error}",
                )
        self.pack_installed.emit(result.pack.id)

    def _on_install_failed(self, path: Path, error: Exception, start_plan: bool) -> None:
        if isinstance(error, DowngradeRequired):  # installed meanwhile, e.g. from the command line
            self._ask_downgrade(path, error, start_plan)
            return
        if isinstance(error, InstallQuestion):  # likewise: preview it again, as it is now
            self.import_path(path)
            return
        self._on_failed(path, error)

    def _ask_downgrade(self, path: Path, older: DowngradeRequired, start_plan: bool) -> None:
        box = QMessageBox(self._window)
        box.setWindowTitle(f"Go back to an older version? — {APP_TITLE}")
        box.setText(str(older))
        box.setStandardButtons(QMessageBox.StandardButton.Cancel)
        back = box.addButton(f"Go back to {older.pack.version}", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def answered() -> None:
            if box.clickedButton() is back:
                self._install_now(path, start_plan=start_plan, allowed=Allowed(downgrade=True))

        box.finished.connect(answered)
        box.finished.connect(box.deleteLater)
        box.open()
        self.downgrade_asked.emit(box)

    def _on_failed(self, path: Path, error: Exception) -> None:
        if isinstance(error, PackError):
            problems = list(error.problems)
        elif isinstance(error, OSError):
            reason = error.strerror or str(error)
            problems = [Problem(path.name, "", f"cannot be read ({reason}); check the file")]
        elif isinstance(error, StoreError):  # a read-only or damaged history: nothing installed
            problems = [Problem(path.name, "", str(error))]
        else:
            # A fault in pfrelax rather than in the pack: still the error list, never a
            # traceback, and nothing was installed.
            log.debug("importing %s failed", path, exc_info=error)
            problems = [Problem(path.name, "", _UNEXPECTED.format(kind=type(error).__name__))]
        dialog = PackErrorsDialog(path.name, problems, self._window, self.palette)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.errors_shown.emit(dialog)
