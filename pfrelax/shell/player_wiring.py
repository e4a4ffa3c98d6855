"""The player page, its sound and the session flow around it, built when first wanted."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from pfrelax.shell.appearance import Appearance
from pfrelax.shell.services import LIBRARY_PAGE, PLAYER_PAGE, AppServices
from pfrelax.ui.common.lazy_page import LazyPage
from pfrelax.ui.common.page import PageWidget
from pfrelax.ui.first_paint import E2E_ENV, report_state
from pfrelax.ui.main_window import MainWindow

if TYPE_CHECKING:
    from pfrelax.audio.backends import Opened
    from pfrelax.core.session import Session
    from pfrelax.services.runs import SessionRuns
    from pfrelax.ui.checkin.session_flow import SessionFlow
    from pfrelax.ui.player.heart_live import HeartLive
    from pfrelax.ui.player.player_audio import PlayerAudio
    from pfrelax.ui.player.player_page import PlayerPage
    from pfrelax.ui.progress.pace_after_run import PaceAfterRun


class PlayerWiring:
    """`lazy` stands in the window until the player is first needed (the window appears sooner)."""

    def __init__(
        self,
        services: AppServices,
        appearance: Appearance,
        open_output: Callable[[str], Opened] | None = None,
        *,
        sessions_changed: Callable[[], None] = lambda: None,
    ) -> None:
        self._services, self._appearance = services, appearance
        self._open_output = open_output  # the sound output; None: the real one (open_backend)
        self._sessions_changed = sessions_changed  # the pace finder made a session in My sessions
        self.lazy = LazyPage(self._build)
        self.window: MainWindow | None = None  # set by the composition once the window exists
        self.player_audio: PlayerAudio | None = None
        self.session_flow: SessionFlow | None = None
        self.heart: HeartLive | None = None
        self.pace: PaceAfterRun | None = None
        self._built: list[Callable[[], None]] = []

    def on_built(self, listener: Callable[[], None]) -> None:
        """`listener` runs once the player (and with it the playback service) is built."""
        self._built.append(listener)

    @property
    def page(self) -> PlayerPage:
        # Built by _build, so it is a PlayerPage; imported lazily, hence the cast.
        return cast("PlayerPage", self.lazy.page())

    def built_page(self) -> PlayerPage | None:
        return self.page if self.lazy.built else None

    def is_moving(self) -> bool:
        """A session is counting in or playing (the player never built: no)."""
        page = self.built_page()
        return page is not None and page.is_moving

    def open_session(self, session: Session, *, autostart: bool = False) -> None:
        """Show `session` on the player (a box saying why when it cannot play)."""
        from pfrelax.core.timeline import TimelineError
        from pfrelax.services.catalog import timeline as session_timeline

        assert self.window is not None
        try:
            timeline = session_timeline(session)
        except TimelineError as error:
            from pfrelax.ui.common.dialogs import say

            say(self.window, session.title, f"This session cannot play: {error}")
            return
        player = self.page
        self.window.show_page(PLAYER_PAGE)
        player.load(session, timeline, autostart=autostart)

    def _build(self) -> PageWidget:
        # Not needed for the first paint: imported when the player is first wanted.
        from pfrelax.audio.backends import open_backend
        from pfrelax.services.sound import Sound
        from pfrelax.ui.common.bridge import QtJobs
        from pfrelax.ui.player.player_audio import PlayerAudio
        from pfrelax.ui.player.player_page import PlayerPage

        window, services = self.window, self._services
        assert window is not None
        player = PlayerPage(services.playback, services.preferences)
        player.set_palette(self._appearance.palette)
        player.back_requested.connect(lambda: window.show_page(LIBRARY_PAGE))
        opener = self._open_output or open_backend
        sound = Sound(services.playback, services.settings, open_output=opener, jobs=QtJobs(player))
        self.player_audio = PlayerAudio(sound, services.playback, services.preferences, player)
        player.attach_sound(self.player_audio)
        services.shutdown.add("sound", self.player_audio.shutdown)
        from pfrelax.services.runs import SessionRuns

        runs = SessionRuns(services.history.writable, monotonic=services.clock.now)
        self.session_flow = self._build_session_flow(window, runs)
        self._build_heart(player, runs)
        window.focus_mode.add_faded(player.bottom_bar)
        if os.environ.get(E2E_ENV) == "1":
            player.state_changed.connect(report_state)
        for listener in self._built:
            listener()
        return player

    def _build_session_flow(self, window: MainWindow, runs: SessionRuns) -> SessionFlow:
        from pfrelax.services.checkins import checkins_on
        from pfrelax.ui.checkin.session_flow import SessionFlow

        services = self._services
        writable = services.history.writable
        checkins = checkins_on(writable, services.preferences.checkin_measures)
        flow = SessionFlow(window, checkins, services.playback, runs)
        services.shutdown.add("runs", flow.shutdown)
        return flow

    def _build_heart(self, player: PlayerPage, runs: SessionRuns) -> None:
        """Heart rate under the breathing, and the pace finder's result after its run."""
        from pfrelax import paths
        from pfrelax.ui.player.heart_live import heart_live
        from pfrelax.ui.progress.pace_after_run import pace_after_run

        services, window = self._services, self.window
        assert window is not None
        db = services.history.writable
        self.heart = heart_live(
            player, services.playback, services.preferences, services.clock, runs, db
        )
        services.shutdown.add("pages", self.heart.shutdown)
        beats, mine = self.heart.session.beats, paths.my_sessions_dir()
        self.pace = pace_after_run(window, services.playback, beats, runs, db, mine)
        self.pace.session_made.connect(self._sessions_changed)
