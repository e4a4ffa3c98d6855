"""Quieting a running session for the app lock and for hide now, and undoing it after."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pfrelax.ui.player.player_audio import PlayerAudio
    from pfrelax.ui.player.player_page import PlayerPage


class SessionHush:
    """`player` and `audio` give the player page and its sound once built (else None)."""

    def __init__(
        self,
        player: Callable[[], PlayerPage | None],
        audio: Callable[[], PlayerAudio | None],
    ) -> None:
        self._player, self._audio = player, audio
        self._resume = False

    def session_moving(self) -> bool:
        """Whether a session is playing (or counting in) now."""
        player = self._player()
        return player is not None and player.is_moving

    def for_lock(self) -> None:
        """Pause and mute; the unlock resumes a session that was moving, where it was."""
        player = self._player()
        self._resume = player is not None and player.is_moving
        self.for_hide()

    def after_unlock(self) -> None:
        self._unmute()
        player = self._player()
        if self._resume and player is not None:
            player.toggle()
        self._resume = False

    def for_hide(self) -> None:
        """Pause (the person resumes when ready) and mute."""
        player, audio = self._player(), self._audio()
        if player is not None:
            player.pause()
        if audio is not None:
            audio.hold_silent(True)

    def after_hide(self, still_locked: bool) -> None:
        if not still_locked:  # behind the lock the sound stays off until the unlock
            self._unmute()

    def _unmute(self) -> None:
        audio = self._audio()
        if audio is not None:
            audio.hold_silent(False)
