"""The player's four screens (nothing chosen, pre-start, running, end), one fading into the next."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from pfrelax.ui.common.fade import CrossFade
from pfrelax.ui.common.labels import text_label

EMPTY_TEXT = "Choose a session in the library to begin."


class PlayerScreens(QStackedWidget):
    """A stack of the screens; the one left fades out over the one shown, nothing pops up."""

    def __init__(
        self, pre_start: QWidget, stage: QWidget, bottom_bar: QWidget, end: QWidget
    ) -> None:
        super().__init__()
        self.running = QWidget()
        self.running_column = column = QVBoxLayout(self.running)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(stage, 1)
        column.addWidget(bottom_bar)
        self.empty = text_label(EMPTY_TEXT, quiet=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for screen in (self.empty, pre_start, self.running, end):
            self.addWidget(screen)
        self._fade = CrossFade(self)

    def switch_to(self, screen: QWidget) -> None:
        self._fade.switch_to(screen)

    def finish_fades(self) -> None:
        self._fade.finish()

    @property
    def fading(self) -> bool:
        """Whether the screen left last is still fading out."""
        return self._fade.running
