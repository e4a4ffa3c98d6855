"""The services the app builds once (in `pfrelax.app`) and every wiring piece shares."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from pfrelax.core.clock import Clock
from pfrelax.services.database import HistoryDatabase
from pfrelax.services.preferences import Preferences
from pfrelax.shutdown import Shutdown

if TYPE_CHECKING:
    from pfrelax.core.settings import Settings
    from pfrelax.services.playback import Playback

TODAY_PAGE = "Today"
LIBRARY_PAGE = "Library"
PLAYER_PAGE = "Player"
PROGRESS_PAGE = "Progress"


class AppServices:
    """One of each: nothing below the composition root builds its own."""

    def __init__(
        self,
        clock: Clock,
        preferences: Preferences,
        history: HistoryDatabase,
        shutdown: Shutdown,
    ) -> None:
        self.clock = clock
        self.preferences = preferences  # the one owner of settings; pages follow it
        self.history = history  # the history database, opened on first use
        self.shutdown = shutdown  # the one ordered list of what stops when the window closes

    @functools.cached_property
    def playback(self) -> Playback:
        """The session being played; built with the player (its modules are not needed for
        the first paint)."""
        from pfrelax.services.playback import Playback

        count_in_ms = self.preferences.settings.count_in_seconds * 1000
        return Playback(self.clock, count_in_ms=count_in_ms)

    @property
    def settings(self) -> Settings:
        """The current settings (the preferences' own; nothing keeps a copy)."""
        return self.preferences.settings
