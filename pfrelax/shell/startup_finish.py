"""The end of start-up, after the first paint: the history opened, the late parts, the notices."""

from __future__ import annotations

from collections.abc import Callable

from pfrelax.shell.late_parts import LateParts
from pfrelax.shell.library_wiring import LibraryWiring
from pfrelax.shell.lock_wiring import LockWiring
from pfrelax.shell.services import AppServices
from pfrelax.ui.main_window import MainWindow


class StartupFinish:
    """`run` once the window has painted; an encrypted history waits for its start-up lock."""

    def __init__(
        self,
        window: MainWindow,
        services: AppServices,
        *,
        lock: LockWiring,
        library: LibraryWiring,
        late: LateParts,
    ) -> None:
        self._window, self._services = window, services
        self._lock, self._library, self._late = lock, library, late
        self._waits = False

    def run(self) -> None:
        """What can wait until the window has painted: the database, pack import and drops."""
        for step in self.steps():
            step()

    def steps(self) -> list[Callable[[], None]]:
        """`run` in pieces, so start-up can give each its own turn of the event loop (none
        then holds the window up for long); none while the start-up lock is closed."""
        if self._lock.history_locked():
            self._waits = True  # finished when the start-up lock opens
            return []
        return [self._share_key, *self._late.steps(), self._show_notices]

    def _share_key(self) -> None:
        self._library.share_key(self._lock.database_key)

    def _show_notices(self) -> None:
        from pfrelax.ui.common.store_recovery import show_notices

        history = self._services.history
        show_notices(self._window, history.take_notices(), history.damaged, self._restored)

    def key_changed(self) -> None:
        """The start-up lock opened (or the passphrase changed): the catalog takes the key."""
        self._library.share_key(self._lock.database_key)
        if self._waits:
            self._waits = False
            self.run()

    def show_first_run_note(self) -> None:
        """Once: what pfrelax is and is not, and the stop rules (CLINICAL.md §5 and §1)."""
        if not self._services.settings.disclaimer_seen:
            from pfrelax.ui.common.startup_notes import show_first_run_note

            show_first_run_note(self._window, self._on_first_run_note_read)

    def _on_first_run_note_read(self) -> None:
        self._services.preferences.change(disclaimer_seen=True)

    def _restored(self) -> str:
        """The damaged history was replaced by a backup: open it; returns what to tell."""
        history = self._services.history
        if history.retry() is None:
            return f"The backup was put back, but it cannot be opened: {history.problem}"
        self.run()
        self._library.reload()
        return "Your history is back as it was when the backup was made."
