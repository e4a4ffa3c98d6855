"""The services the app builds once (in `pfrelax.app`) and every wiring piece shares."""

from __future__ import annotations

from dataclasses import dataclass

from pfrelax.core.clock import Clock
from pfrelax.core.settings import Settings
from pfrelax.services.database import HistoryDatabase
from pfrelax.services.playback import Playback
from pfrelax.services.preferences import Preferences
from pfrelax.shutdown import Shutdown

TODAY_PAGE = "Today"
LIBRARY_PAGE = "Library"
PLAYER_PAGE = "Player"
PROGRESS_PAGE = "Progress"


@dataclass(frozen=True)
class AppServices:
    """One of each: nothing below the composition root builds its own."""

    clock: Clock
    preferences: Preferences  # the one owner of settings; pages follow it
    playback: Playback  # the session being played
    history: HistoryDatabase  # the history database, opened on first use
    shutdown: Shutdown  # the one ordered list of what stops when the window closes

    @property
    def settings(self) -> Settings:
        """The current settings (the preferences' own; nothing keeps a copy)."""
        return self.preferences.settings
