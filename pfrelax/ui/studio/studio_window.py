"""The pack studio's window: open or start a pack, change it in forms, check it as the validator
does (a problem opens its session and step), and save the folder or the `.pfpack`."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from pfrelax import paths
from pfrelax.services.narration import audio_in_use, saved_audio
from pfrelax.services.pack_studio import (
    FormatError,
    PackSource,
    Problem,
    check_pack,
    open_pack,
    save_folder,
    save_pack,
)
from pfrelax.services.preferences import Preferences
from pfrelax.ui.common.a11y import name
from pfrelax.ui.studio.checkin_form import CheckinForm
from pfrelax.ui.studio.pack_details_form import PackDetailsForm
from pfrelax.ui.studio.plan_form import PlanForm
from pfrelax.ui.studio.preview_window import Previewer, PreviewWindow
from pfrelax.ui.studio.problem_places import go_to_manifest_problem, go_to_session_field
from pfrelax.ui.studio.sessions_form import SessionsForm
from pfrelax.ui.studio.starter import new_pack_folder, session_from_template

TITLE = "Pack studio"
_STEP_KEY = re.compile(r"step\[(\d+)\]")
_PLAN_KEY = re.compile(r"plan\[(\d+)\]")
PROBLEM_ROLE = Qt.ItemDataRole.UserRole


class StudioWindow(QMainWindow):
    def __init__(
        self, preferences: Preferences | None = None, parent: QWidget | None = None
    ) -> None:
        """`preferences`: the app's, when opened from the app; standalone, Preview reads its own."""
        super().__init__(parent)
        self.source: PackSource | None = None
        self.folder: Path | None = None  # where Save folder writes
        self.changed = False
        self.details = PackDetailsForm()
        self.sessions = SessionsForm()
        self.checkin = CheckinForm()
        self.previewer = Previewer(lambda: PreviewWindow(preferences=preferences))
        self.plan = PlanForm()
        self.problems = QListWidget()
        name(self.problems, "Problems", "Each problem the check found; Enter opens its place")
        self.tabs = QTabWidget()
        name(self.tabs, "Pack studio", "The pack's parts; Ctrl+Tab moves to the next")
        self.tabs.addTab(self.details, "Pack")
        self.tabs.addTab(self.sessions, "Sessions")
        self.tabs.addTab(self.checkin, "Check-ins")
        self.tabs.addTab(self.plan, "Plan")
        self.tabs.addTab(self.problems, "Check")
        self.setCentralWidget(self.tabs)
        self._menus()
        self.details.binder.edited.connect(self._on_edited)
        self.sessions.edited.connect(self._on_edited)
        self.checkin.edited.connect(self._on_edited)
        self.plan.edited.connect(self._on_edited)
        self.sessions.add_session_requested.connect(self._on_add_session_requested)
        self.sessions.preview_requested.connect(self.preview_current)
        self.plan.preview_requested.connect(self.preview_session)
        self.problems.itemActivated.connect(self._on_problem_activated)
        self.problems.itemClicked.connect(self._on_problem_activated)  # one click, as a link
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.resize(1100, 700)
        self._show_title()
        self._load(None)

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        for text, keys, slot in (
            ("&New pack…", QKeySequence.StandardKey.New, self._on_new),
            ("&Open…", QKeySequence.StandardKey.Open, self._on_open),
            ("&Save folder", QKeySequence.StandardKey.Save, self._on_save_folder),
            ("Save pack &file…", QKeySequence("Ctrl+Shift+S"), self._on_save_pack),
            ("&Close", QKeySequence.StandardKey.Close, self.close),
        ):
            action = QAction(text, self)
            action.setShortcut(keys)
            action.triggered.connect(slot)
            file_menu.addAction(action)
        self.check_action = QAction("&Check", self)
        self.check_action.setShortcut(QKeySequence("F5"))
        self.check_action.triggered.connect(self.run_check)
        self.preview_action = QAction("&Preview session", self)
        self.preview_action.setShortcut(QKeySequence("F6"))
        self.preview_action.triggered.connect(self.preview_current)
        tools = self.menuBar().addMenu("&Tools")
        tools.addAction(self.check_action)
        tools.addAction(self.preview_action)

    # --- public: what the menus do, also for tests and the command line ---------------------
    def open_path(self, path: Path) -> bool:
        try:
            source = open_pack(path)
        except FormatError as error:
            self._show_problems(list(error.problems), heading="This pack could not be opened:")
            return False
        self.show_opened(path, source)
        return True

    def show_opened(self, path: Path, source: PackSource) -> None:
        """A pack already opened with `open_pack` from `path`, shown for editing."""
        self.folder = path if path.is_dir() else None
        self._load(source)

    def start_new(self, folder: Path) -> None:
        """A pack from nothing, in the empty or new `folder`: a manifest and one session."""
        new_pack_folder(folder)
        self.open_path(folder)

    def save_folder_to(self, folder: Path) -> bool:
        if self.source is None:
            return False
        try:
            save_folder(self.source, folder)
        except OSError as error:
            self._say(f"Could not save to {folder}: {error.strerror or error}")
            return False
        self.folder = folder
        self.changed = False
        self._settle_takes(self._audio_in_use())
        self._show_title()
        return True

    def save_pack_to(self, output: Path, folder: Path | None = None) -> bool:
        """Save the authoring folder, then build the `.pfpack` from it."""
        target = folder or self.folder
        if self.source is None or target is None:
            return False
        try:
            save_pack(self.source, target, output)
        except FormatError as error:
            self._show_problems(list(error.problems))
            return False
        except OSError as error:
            self._say(f"Could not save {output}: {error.strerror or error}")
            return False
        self.folder, self.changed = target, False
        self._settle_takes(self._audio_in_use())
        self._show_title()
        self.statusBar().showMessage(f"Saved {output.name}, ready to send.")
        return True

    def run_check(self) -> list[Problem]:
        if self.source is None:
            return []
        found = check_pack(self.source)
        self._show_problems(found)
        return found

    def preview_current(self) -> bool:
        """Play the chosen session as it is now, unsaved, in the app's player page."""
        file = self.sessions.current()
        if self.source is None or file is None:
            return False
        found = self.previewer.preview(self.source, file)
        if found:
            self._show_problems(found, heading="This session cannot play yet:")
        return not found

    def preview_session(self, session_id: str) -> bool:
        """Play the session with id `session_id` as it is now (the plan preview's Start)."""
        if self.source is None:
            return False
        for row, file in enumerate(self.source.sessions):
            if str(file.document.get("id", "")) == session_id:
                self.sessions.sessions.setCurrentRow(row)  # Check's problems then name it
                return self.preview_current()
        return False

    def add_session_from(self, template: Path) -> None:
        if self.source is None:
            return
        stem, text = session_from_template(template, [s.name for s in self.source.sessions])
        self.source.add_session(stem, text)
        self.sessions.load(self.source, len(self.source.sessions) - 1)
        self._on_edited()

    # --- inside ---------------------------------------------------------------------------------
    def _audio_in_use(self) -> set[str]:
        sessions = self.source.sessions if self.source is not None else []
        return audio_in_use(file.document for file in sessions)

    def _settle_takes(self, kept: set[str] | None) -> None:
        """Takes recorded since the last save that `kept` does not name are deleted (the rule
        is the service's: UnsavedTakes.settle)."""
        if self.source is not None:
            self.sessions.step_form.narration.takes.settle(self.source.folder, kept)

    def _leave_unsaved(self) -> None:
        """Leaving the pack without saving: only what its saved files play stays."""
        if self.source is not None:
            self._settle_takes(saved_audio(self.source.folder))

    def _load(self, source: PackSource | None) -> None:
        if self.source is not None and self.source is not source:
            self._leave_unsaved()
            self.source.close()
        self.source = source
        self.details.load(source.manifest.document if source else None)
        self.sessions.load(source)
        self.checkin.load(source)
        self.plan.load(source)
        narration = self.sessions.step_form.narration
        narration.set_folder(source.folder if source else None)
        narration.in_use = self._audio_in_use
        self.problems.clear()
        self.changed = False
        for widget in (self.details, self.sessions, self.checkin, self.plan):
            widget.setEnabled(source is not None)
        self._show_title()

    def _on_tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.plan:
            self.plan.refresh()  # sessions added or renamed meanwhile
        elif self.tabs.currentWidget() is self.problems and self.problems.count() == 0:
            self.run_check()  # never a blank tab: the first visit checks the pack

    def _on_edited(self) -> None:
        self.changed = True
        self._show_title()

    def _show_title(self) -> None:
        where = f" — {self.folder.name}" if self.folder else ""
        self.setWindowTitle(f"{TITLE}{where}{' *' if self.changed else ''}")

    def _show_problems(self, found: list[Problem], heading: str = "") -> None:
        self.problems.clear()
        if heading:
            self.problems.addItem(heading)
        for problem in found:
            item = QListWidgetItem(str(problem))
            item.setData(PROBLEM_ROLE, problem)
            self.problems.addItem(item)
        if not found:
            self.problems.addItem("No problems: this pack is ready to save and send.")
        self.tabs.setCurrentWidget(self.problems)
        self.problems.setCurrentRow(0)
        self.problems.setFocus()

    def _on_problem_activated(self, item: QListWidgetItem) -> None:
        problem = item.data(PROBLEM_ROLE)
        if not isinstance(problem, Problem) or self.source is None:
            return
        if problem.file.endswith("pack.toml"):
            plan_entry = _PLAN_KEY.match(problem.key)
            if plan_entry:
                self.tabs.setCurrentWidget(self.plan)
                self.plan.choose_entry(int(plan_entry.group(1)))
                return
            go_to_manifest_problem(self, problem.key)
            return
        names = [s.name for s in self.source.sessions]
        chosen = next((i for i, n in enumerate(names) if problem.file.endswith(n)), None)
        if chosen is None:
            return
        self.tabs.setCurrentWidget(self.sessions)
        self.sessions.sessions.setCurrentRow(chosen)
        match = _STEP_KEY.match(problem.key)
        if match:
            self.sessions.select_step(int(match.group(1)))
            self.sessions.step_form.setFocus()
        go_to_session_field(self.sessions, problem.key)

    def _say(self, text: str) -> None:
        """A calm line on the Check tab: nothing modal, the PT's work stays on screen."""
        self.problems.clear()
        self.problems.addItem(text)
        self.tabs.setCurrentWidget(self.problems)

    def _on_new(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "A new, empty folder for the pack")
        if folder:
            self.start_new(Path(folder))

    def _on_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Open a pack", "", "Packs (*.pfpack pack.toml);;All files (*)"
        )
        if path:
            chosen = Path(path)
            self.open_path(chosen.parent if chosen.name == "pack.toml" else chosen)

    def _on_save_folder(self) -> None:
        folder = self.folder or self._ask_folder()
        if folder is not None:
            self.save_folder_to(folder)

    def _on_save_pack(self) -> None:
        # A pack opened from a .pfpack has no folder yet: the pack is built from one, so it is
        # asked first (without it the save did nothing and said nothing).
        folder = self.folder or self._ask_folder()
        if folder is None:
            return
        output, _ = QFileDialog.getSaveFileName(self, "Save the pack", "", "Packs (*.pfpack)")
        if output:
            self.save_pack_to(Path(output), folder)

    def _ask_folder(self) -> Path | None:
        picked = QFileDialog.getExistingDirectory(self, "Save the pack's folder in")
        return Path(picked) if picked else None

    def _on_add_session_requested(self) -> None:
        builtins = sorted(paths.builtin_sessions_dir().glob("*.toml"))
        names = [path.stem for path in builtins]
        chosen, accepted = QInputDialog.getItem(self, "Add session", "Start from", names, 0, False)
        if accepted:
            self.add_session_from(builtins[names.index(chosen)])

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.changed and self.source is not None:
            # Asked in a window-modal box that does not block the event loop; closing again
            # once it is answered.
            event.ignore()
            self._ask_before_closing()
            return
        self.previewer.close()
        if self.source is not None:
            self._leave_unsaved()
            self.source.close()
            self.source = None
        self.sessions.step_form.narration.shutdown()
        self.plan.shutdown()
        super().closeEvent(event)

    def _ask_before_closing(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            TITLE,
            _close_question(self.sessions.step_form.narration.takes.pending),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.finished.connect(self._on_close_answered)
        self.close_question = box
        box.open()

    def _on_close_answered(self, answer: int) -> None:
        if answer == QMessageBox.StandardButton.Cancel:
            return
        if answer == QMessageBox.StandardButton.Save:
            self._on_save_folder()
            if self.changed:
                return  # not saved (no folder chosen, or it failed): stay open
        self.changed = False
        self.close()


def _close_question(unsaved_takes: bool) -> str:
    question = "Save your changes to the pack's folder before closing?"
    if unsaved_takes:
        question += " Recordings made since the last save are deleted if you don't save."
    return question
