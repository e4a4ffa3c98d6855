"""The pages that read the history (Today, Progress) and the dilator log, built on first use."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pfrelax.shell.appearance import Appearance
from pfrelax.shell.services import AppServices
from pfrelax.ui.common.lazy_page import LazyPage
from pfrelax.ui.common.page import PageWidget, UnavailablePage

if TYPE_CHECKING:
    from pfrelax.core.session import Session
    from pfrelax.services.dilator_log import DilatorLog
    from pfrelax.ui.progress.progress_page import ProgressPage
    from pfrelax.ui.today.today_page import TodayPage


class HistoryPages:
    """`today` and `progress` stand in the window; each opens the history when first shown."""

    def __init__(
        self,
        services: AppServices,
        appearance: Appearance,
        *,
        session_requested: Callable[[str], None],
        library_changed: Callable[[], None],
        plan_session: Callable[[str], Session | None],
    ) -> None:
        self._services, self._appearance = services, appearance
        self._session_requested = session_requested  # Today's "start" on a session address
        # The library reloads: the packs went with the rest of the data, or "your pace" is new.
        self._library_changed = library_changed
        self._plan_session = plan_session  # a plan's session for "Take it with you…"
        self.today = LazyPage(self._build_today)
        self.progress = LazyPage(self._build_progress)

    @property
    def today_page(self) -> TodayPage | None:
        from pfrelax.ui.today.today_page import TodayPage

        page = self.today.page()
        return page if isinstance(page, TodayPage) else None

    @property
    def progress_page(self) -> ProgressPage | None:
        from pfrelax.ui.progress.progress_page import ProgressPage

        page = self.progress.page()
        return page if isinstance(page, ProgressPage) else None

    def refresh_today(self) -> None:
        """The packs changed: a Today page already built shows the new plan."""
        if self.today.built and self.today_page is not None:
            self.today_page.refresh()

    def dilator_log(self) -> DilatorLog | None:
        """The practice log, for `ask_dilator_log(parent, log, run_id=...)` after a dilator
        step; None without a writable history."""
        db = self._services.history.writable()
        if db is None:
            return None
        from pfrelax.services.dilator_log import DilatorLog

        return DilatorLog(db, self._read_dilator_sizes, self._keep_dilator_sizes)

    def _read_dilator_sizes(self) -> str:
        return self._services.settings.dilator_sizes

    def _keep_dilator_sizes(self, text: str) -> None:
        self._services.preferences.change(dilator_sizes=text)

    def _build_today(self) -> PageWidget:
        history = self._services.history
        db = history.get()
        if db is None:
            return UnavailablePage(f"Today is not available. {history.problem}")
        from pfrelax.services.today import StoreTodaySource
        from pfrelax.ui.today.take_along_buttons import TakeAlongNeeds
        from pfrelax.ui.today.today_page import TodayPage

        settings = self._services.preferences
        needs = TakeAlongNeeds(self._plan_session, lambda: settings.settings.voice_enabled)
        page = TodayPage(StoreTodaySource(db), take_along=needs)
        page.set_palette(self._appearance.palette)
        page.session_requested.connect(self._session_requested)
        return page

    def _build_progress(self) -> PageWidget:
        history = self._services.history
        db = history.get()
        if db is None:
            return UnavailablePage(f"Progress is not available. {history.problem}")
        from pfrelax.services.progress import progress_services
        from pfrelax.ui.progress.progress_page import ProgressPage

        measures, sizes = self._services.preferences.checkin_measures, self._dilator_size_names
        from pfrelax import paths

        mine = paths.my_sessions_dir()
        services = progress_services(
            db, measures=measures, size_names=sizes, my_sessions_folder=mine
        )
        page = ProgressPage(services, self._appearance.palette)
        page.data_deleted.connect(self._library_changed)
        page.session_made.connect(self._library_changed)
        return page

    def _dilator_size_names(self) -> tuple[str, ...]:
        from pfrelax.core.practice_log import parse_size_names

        return parse_size_names(self._services.settings.dilator_sizes)
