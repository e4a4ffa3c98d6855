"""Importing a PT's pack: choose or drop a file, read it off the GUI thread, preview, install.

Reading and installing a 100 MB pack takes a second or two (every member is hashed and every
audio file decoded), so both run on a worker thread and the window keeps breathing. A reading
problem shows the error list; nothing is written until the person presses Install, and an older
version than the one installed is only installed after they confirm it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Generic, TypeVar

from PySide6.QtCore import QEvent, QObject, QRunnable, QThreadPool, QUrl, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from pfrelax import paths
from pfrelax.services.errors import PackError, Problem, StoreError
from pfrelax.services.pack_import import (
    Allowed,
    DowngradeRequired,
    InstallQuestion,
    InstallResult,
    PackImport,
    ReadPack,
    is_pack_path,
)
from pfrelax.ui.common.app_name import app_name
from pfrelax.ui.common.error_report import ErrorReporter
from pfrelax.ui.common.store_recovery import tell
from pfrelax.ui.common.theme import Palette
from pfrelax.ui.common.worker_answer import WorkerAnswer
from pfrelax.ui.packs.pack_errors import PackErrorsDialog
from pfrelax.ui.packs.pack_preview import PackPreviewDialog

T = TypeVar("T")

FILE_FILTER = "Session packs (*.pfpack)"


def pack_path_of(urls: list[QUrl]) -> Path | None:
    """The first local pack among dropped URLs, or None."""
    for url in urls:
        if url.isLocalFile() and is_pack_path(Path(url.toLocalFile())):
            return Path(url.toLocalFile())
    return None


class PackDropFilter(QObject):
    """Install on a widget (`install(window)`) to accept dropped packs; other drops pass on."""

    pack_dropped = Signal(Path)

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


class _Task(QRunnable, Generic[T]):
    """`work` on the pool; its value to `done`, or its error to `failed`, on the GUI thread."""

    def __init__(
        self,
        work: Callable[[], T],
        done: Callable[[T], None],
        failed: Callable[[Exception], None],
        relay: WorkerAnswer,
    ) -> None:
        super().__init__()
        self._work, self._done, self._failed = work, done, failed
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # noqa: BLE001  # handed to the GUI thread, which decides
            self._relay.answer(partial(self._failed, error))
        else:
            self._relay.answer(partial(self._done, result))


class PackImporter(QObject):
    """The whole import conversation; `pack_installed(pack_id)` when a pack was installed."""

    pack_installed = Signal(str)
    busy_changed = Signal(bool)
    preview_shown = Signal(PackPreviewDialog)
    errors_shown = Signal(QDialog)  # a PackErrorsDialog; for our bug, the reporter's QMessageBox
    downgrade_asked = Signal(QMessageBox)

    def __init__(
        self,
        window: QWidget,
        imports: PackImport,
        *,
        errors: ErrorReporter | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._imports = imports
        # Our bugs go to the app's one reporter ("please report", details kept in a file).
        self._errors = errors or ErrorReporter(window, paths.cache_dir)
        self.told: QMessageBox | None = None  # the last note that something was not saved
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one pack at a time; a second waits its turn
        self._relays: set[WorkerAnswer] = set()
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
        dialog = QFileDialog(self._window, f"Import a pack — {app_name()}", str(Path.home()))
        dialog.setNameFilter(FILE_FILTER)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda chosen: self.import_path(Path(chosen)))
        dialog.open()
        return dialog

    def import_path(self, path: Path) -> None:
        """Read and check the pack at `path` off the GUI thread, then preview it."""
        self._run(
            lambda: self._imports.read(path), self._on_read, lambda e: self._on_failed(path, e)
        )

    def busy(self) -> bool:
        return self._pool.activeThreadCount() > 0

    def shutdown(self) -> None:
        """Wait for a read or install in progress (the window is closing)."""
        self._pool.clear()
        self._pool.waitForDone()

    # --- steps ----------------------------------------------------------------------------------
    def _run(
        self,
        work: Callable[[], T],
        done: Callable[[T], None],
        failed: Callable[[Exception], None],
    ) -> None:
        relay = WorkerAnswer()  # no parent: kept alive by self._relays until its answer arrives

        def finish() -> None:
            self._relays.discard(relay)
            self.busy_changed.emit(False)

        def finish_done(value: T) -> None:
            finish()
            done(value)

        def finish_failed(error: Exception) -> None:
            finish()
            failed(error)

        self._relays.add(relay)
        self.busy_changed.emit(True)
        self._pool.start(_Task(work, finish_done, finish_failed, relay))

    def _on_read(self, read: ReadPack) -> None:
        preview = self._imports.preview(read)
        dialog = PackPreviewDialog(preview, self.palette, self._window)

        def accepted() -> None:
            preview = dialog.preview
            self._install_now(
                read.source,
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
            lambda: self._imports.install(path, allowed),
            lambda result: self._on_installed(result, start_plan),
            lambda error: self._on_install_failed(path, error, start_plan),
        )

    def _on_installed(self, result: InstallResult, start_plan: bool) -> None:
        if start_plan:
            try:
                self._imports.start_plan(result)
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
        box.setWindowTitle(f"Go back to an older version? — {app_name()}")
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
            # A fault in pfrelax rather than in the pack: the app's one bug report (please
            # report, the details in a box and a file), never a traceback; nothing was
            # installed (an install stages and swaps, so it left the old pack or none).
            self.errors_shown.emit(self._errors.show(error))
            return
        dialog = PackErrorsDialog(path.name, problems, self._window, self.palette)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.errors_shown.emit(dialog)
