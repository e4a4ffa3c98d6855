"""Heart rate in the player: the heart session run with playback, its live trace under the
breathing when a source is on, refreshed a couple of times a second (beats come about once a
second), never per frame. pyqtgraph is imported only when the trace is first shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer

from pfrelax.core.clock import Clock
from pfrelax.core.transport import State
from pfrelax.services.heart_session import (
    DatabaseSource,
    FiguresKeeper,
    HeartSession,
    LiveHeart,
    history_keeper,
)
from pfrelax.services.heart_sources import HeartChoice
from pfrelax.services.playback import Playback
from pfrelax.services.preferences import Preferences
from pfrelax.services.runs import SessionRuns
from pfrelax.ui.common.follow_preferences import follow
from pfrelax.ui.common.theme import Palette
from pfrelax.ui.player.player_page import PlayerPage

if TYPE_CHECKING:
    from pfrelax.ui.player.heart_trace import HeartTrace

POLL_MS = 500
_HEART_KEYS = frozenset(
    {"heart_source", "heart_strap_address", "heart_strap_name", "heart_rr_file"}
)
_RUNNING = (State.COUNT_IN, State.PLAYING, State.PAUSED)


class HeartLive(QObject):
    """Owns the `HeartSession` and the trace; `run_id` names the run the figures belong to."""

    def __init__(
        self,
        player: PlayerPage,
        playback: Playback,
        preferences: Preferences,
        clock: Clock,
        *,
        run_id: Callable[[], int | None] = lambda: None,
        keep_figures: FiguresKeeper | None = None,
    ) -> None:
        super().__init__(player)
        self._player = player
        self._playback = playback
        self._preferences = preferences
        self.session = HeartSession(playback, clock, run_id=run_id, keep_figures=keep_figures)
        self.trace: HeartTrace | None = None  # built the first time a source is on
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.refresh)
        playback.on_state_changed(self._on_state_changed)
        player.palette_changed.connect(self._on_palette_changed)
        player.installEventFilter(self)  # its height says whether the trace must be compact
        self._apply(_HEART_KEYS)
        follow(preferences, self, self._apply)

    def _apply(self, changed: frozenset[str]) -> None:
        if changed & _HEART_KEYS:
            self.session.set_choice(HeartChoice.from_settings(self._preferences.settings))

    def _on_state_changed(self, state: State) -> None:
        if state in _RUNNING and self.session.active:
            self._ensure_trace().show()
            self._timer.start()
        else:
            self._timer.stop()
        if self.trace is not None:
            self.trace.setVisible(self.session.active)
            self.refresh()

    def refresh(self) -> None:
        """Take the beats that arrived and show them (the timer calls this)."""
        live = self.session.poll()
        if self.trace is not None:
            self.trace.show_live(live)

    @property
    def live(self) -> LiveHeart:
        return self.session.live()

    def _ensure_trace(self) -> HeartTrace:
        if self.trace is None:
            from pfrelax.ui.player.heart_trace import HeartTrace  # pyqtgraph loads only now

            self.trace = HeartTrace()
            self.trace.set_compact(self._player.compact)
            self._player.add_below_stage(self.trace)
            palette = self._player.current_palette
            if palette is not None:
                self.trace.set_palette(palette)
        return self.trace

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.trace is not None:
            self.trace.set_compact(self._player.compact)
        return False

    def _on_palette_changed(self, palette: Palette) -> None:
        if self.trace is not None:
            self.trace.set_palette(palette)

    def shutdown(self) -> None:
        self._timer.stop()
        self.session.shutdown()


def heart_live(
    player: PlayerPage,
    playback: Playback,
    preferences: Preferences,
    clock: Clock,
    runs: SessionRuns,
    database: DatabaseSource,
) -> HeartLive:
    """The app's wiring: figures kept with the run the run recorder keeps, in the history."""

    def run_id() -> int | None:
        recorder = runs.recorder
        return recorder.run_id if recorder is not None else None

    keep = history_keeper(database)
    return HeartLive(player, playback, preferences, clock, run_id=run_id, keep_figures=keep)
