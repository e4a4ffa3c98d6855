"""The studio's Preview: the chosen session, as the studio has it now (unsaved), in the app's own
player page on its own playback and sound — the same code path a patient's session takes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from pfrelax.core.clock import Clock, MonotonicClock
from pfrelax.core.session import Session
from pfrelax.services.pack_studio import PackSource, Problem, TomlFile
from pfrelax.services.playback import Playback
from pfrelax.services.preferences import Preferences
from pfrelax.services.sound import OpenOutput, Sound
from pfrelax.services.studio_checks import SessionFileError, preview_session
from pfrelax.ui.common.bridge import QtJobs
from pfrelax.ui.common.theme import ThemeMode, resolve_palette
from pfrelax.ui.player.player_audio import PlayerAudio
from pfrelax.ui.player.player_page import PlayerPage

TITLE = "Preview"  # neutral: the session's own title shows inside the player


class PreviewWindow(QWidget):
    """A window with one player page; closing it stops the session and its sound."""

    def __init__(
        self,
        *,
        clock: Clock | None = None,
        preferences: Preferences | None = None,
        open_output: OpenOutput | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(TITLE)
        self.preferences = preferences or Preferences.read()
        self.playback = Playback(clock or MonotonicClock())
        self.page = PlayerPage(self.playback, self.preferences)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            theme = ThemeMode(self.preferences.settings.theme)
            self.page.set_palette(resolve_palette(theme, app))
        jobs = QtJobs(self.page)
        settings = self.preferences.settings
        sound = (
            Sound(self.playback, settings, open_output=open_output, jobs=jobs)
            if open_output is not None
            else Sound(self.playback, settings, jobs=jobs)
        )
        self.audio = PlayerAudio(sound, self.playback, self.preferences, self.page)
        self.page.attach_sound(self.audio)
        self.page.back_requested.connect(self.close)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.page)
        self.resize(960, 680)

    def play(self, session: Session) -> None:
        """Show `session`'s pre-start panel (its safety note first, as for a patient)."""
        self.page.load(session)
        self.show()
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.page.shutdown()
        self.audio.shutdown()
        super().closeEvent(event)


class Previewer:
    """The studio's one preview window: a new one per Preview, the last closed first."""

    def __init__(self, make: Callable[[], PreviewWindow] = PreviewWindow) -> None:
        self.make = make  # tests give a fake clock and a silent output
        self.window: PreviewWindow | None = None

    def preview(self, source: PackSource, file: TomlFile) -> list[Problem]:
        """Play `file` as it is now; the problems that keep it from playing, if any."""
        try:
            session = preview_session(source, file)
        except SessionFileError as error:
            return list(error.problems)
        self.close()
        self.window = self.make()
        self.window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.window.destroyed.connect(self._forget)
        self.window.play(session)
        return []

    def close(self) -> None:
        if self.window is not None:
            self.window.close()
            self.window = None

    def _forget(self) -> None:
        self.window = None
