"""The player's quiet bottom bar: the chapters strip, the transport and the folded Sound panel.

It fades out in focus mode. In a short window (200 % on a small screen) it becomes compact:
the chapters strip gives way (Previous and Next remain) and its margins shrink.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QSpacerItem, QVBoxLayout, QWidget

from pfrelax.ui.player.player_controls import PlayerControls
from pfrelax.ui.player.sound_panel import REVEAL_UNAVAILABLE_TEXT, SoundPanel
from pfrelax.ui.player.step_list import StepList


class PlayerBar(QWidget):
    def __init__(
        self,
        step_list: StepList,
        controls: PlayerControls,
        sound_panel: SoundPanel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._step_list = step_list
        self._controls = controls
        self._sound_panel = sound_panel
        self._column = QVBoxLayout(self)
        self._column.addWidget(step_list)
        self._column.addLayout(_controls_row(controls, sound_panel))
        self._column.addWidget(sound_panel)
        sound_panel.hide()
        self.set_compact(False)

    def tab_chain(self) -> list[QWidget]:
        """Left to right along the transport, then the progress bar, then the steps."""
        c = self._controls
        return [
            c.previous_button,
            c.restart_button,
            c.play_button,
            c.next_button,
            c.stop_button,
            self._sound_panel.reveal_button,
            *self._sound_panel.controls(),
            c.slider,
            self._step_list,
        ]

    @property
    def compact(self) -> bool:
        return self._step_list.isHidden()

    def set_compact(self, compact: bool) -> None:
        em = self.fontMetrics().height()
        side = em if compact else em * 2
        top, bottom = (0, em // 2) if compact else (em // 2, em)
        self._column.setContentsMargins(side, top, side, bottom)
        self._step_list.setVisible(not compact)


def _controls_row(controls: PlayerControls, sound_panel: SoundPanel) -> QHBoxLayout:
    """The transport, with the quiet "Sound" button at its right; a matching space at its left
    keeps the play button in the middle, and gives way in a narrow window."""
    reveal = sound_panel.reveal_button
    # Wide enough for its longer text with the theme's padding, so it never changes width.
    em = reveal.fontMetrics().height()
    widest = reveal.fontMetrics().horizontalAdvance(REVEAL_UNAVAILABLE_TEXT)
    reveal.setFixedWidth(widest + em * 3)
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    shrinking = QSizePolicy.Policy.Maximum
    row.addSpacerItem(QSpacerItem(reveal.width(), 0, shrinking, QSizePolicy.Policy.Minimum))
    row.addWidget(controls, 1)
    row.addWidget(reveal, 0, Qt.AlignmentFlag.AlignBottom)
    return row
