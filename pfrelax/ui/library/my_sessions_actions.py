"""What the library's "New session…", copy, edit, rename and delete do: open the editor or ask a
name, then hand the result to the MySessions service and show the library again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from pfrelax.core.my_pattern import PatternDraft, from_session
from pfrelax.core.session import Session
from pfrelax.errors import InputError
from pfrelax.services.my_sessions import Deleted, MySessions, MySessionsError
from pfrelax.ui.library.library_page import LibraryPage
from pfrelax.ui.library.pattern_editor import PatternEditor


class MySessionsActions(QObject):
    """Owns the open editor (non-modal to the event loop, modal to the window) and the undo."""

    def __init__(self, page: LibraryPage, service: MySessions, reload: Callable[[], None]) -> None:
        super().__init__(page)
        self.page = page
        self.service = service
        self._reload = reload
        self.editor: PatternEditor | None = None
        self.rename_dialog: QInputDialog | None = None
        self._deleted: Deleted | None = None
        self._editing: str | None = None
        self._renaming: Session | None = None
        page.new_requested.connect(self._on_new_requested)
        page.copy_requested.connect(self._on_copy_requested)
        page.edit_requested.connect(self._on_edit_requested)
        page.rename_requested.connect(self._on_rename_requested)
        page.delete_requested.connect(self._on_delete_requested)
        page.undo_bar.undo_clicked.connect(self._on_undo_clicked)

    def _on_new_requested(self) -> None:
        self._edit(PatternDraft(), None)

    def _on_copy_requested(self, session: Session) -> None:
        self._edit(from_session(session, copy=True), None)

    def _on_edit_requested(self, session: Session) -> None:
        self._edit(from_session(session), session.id)

    def _edit(self, draft: PatternDraft, session_id: str | None) -> None:
        editor = PatternEditor(draft, new=session_id is None, parent=self.page)
        editor.accepted.connect(self._on_editor_accepted)
        self.editor, self._editing = editor, session_id
        editor.open()

    def _on_editor_accepted(self) -> None:
        # Bound methods rather than lambdas holding self: nothing keeps a closed window alive.
        if self.editor is not None:
            draft, session_id = self.editor.draft(), self._editing
            self._attempt(lambda: self.service.save(draft, session_id))

    def _on_rename_requested(self, session: Session) -> None:
        dialog = QInputDialog(self.page)
        dialog.setWindowTitle("Rename")
        dialog.setLabelText("New name")
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setTextValue(session.title)
        dialog.textValueSelected.connect(self._on_new_name_chosen)
        self.rename_dialog, self._renaming = dialog, session
        dialog.open()

    def _on_new_name_chosen(self, title: str) -> None:
        if self._renaming is not None:
            session = self._renaming
            self._attempt(lambda: self.service.rename(session, title))

    def _on_delete_requested(self, session: Session) -> None:
        try:
            self._deleted = self.service.delete(session)
        except MySessionsError as error:
            self._tell(str(error))
            return
        self._reload()
        self.page.undo_bar.offer(session.title)

    def _on_undo_clicked(self) -> None:
        deleted, self._deleted = self._deleted, None
        self.page.undo_bar.hide()
        if deleted is not None:
            self._attempt(lambda: self.service.undo(deleted))

    def _attempt(self, change: Callable[[], Session]) -> None:
        try:
            session = change()
        except (MySessionsError, InputError, ValueError) as error:
            self._tell(str(error))
            return
        self.page.undo_bar.hide()
        self._reload()
        self.page.select(session.id)

    def _tell(self, message: str) -> None:
        QMessageBox.warning(self.page, "Could not save", message)
