"""What joins the window after its first paint: pack import, my sessions, reminders, the studio.

Each `_add_*` builds one part once the history can be opened; a new part gets its own
`_add_*` here and one line in `add_all`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pfrelax import paths
from pfrelax.shell.appearance import Appearance
from pfrelax.shell.services import TODAY_PAGE, AppServices
from pfrelax.ui.main_window import MainWindow

if TYPE_CHECKING:
    from pfrelax.shell.library_wiring import LibraryWiring
    from pfrelax.ui.common.error_report import ErrorReporter
    from pfrelax.ui.library.my_sessions_actions import MySessionsActions
    from pfrelax.ui.packs.pack_import import PackImporter
    from pfrelax.ui.reminders.reminder_hub import ReminderHub
    from pfrelax.ui.studio.studio_entry import StudioEntry

# What the reminders follow of the preferences.
REMINDER_SETTINGS = frozenset(
    {"reminders_on", "reminder_times", "quiet_hours", "tray_icon", "discreet_name"}
)


class LateParts:
    """The parts, None until `add_all` built them; `library` re-reads the catalog."""

    def __init__(
        self,
        window: MainWindow,
        services: AppServices,
        appearance: Appearance,
        library: LibraryWiring,
        *,
        errors: ErrorReporter,
    ) -> None:
        self._window, self._services, self._appearance = window, services, appearance
        self._errors = errors  # our bugs during an import, shown with their details
        self._library = library
        self.importer: PackImporter | None = None
        self.my_sessions: MySessionsActions | None = None
        self.reminder_hub: ReminderHub | None = None
        self.studio_entry: StudioEntry | None = None
        self.added = False

    def add_all(self) -> None:
        for step in self.steps():
            step()

    def steps(self) -> list[Callable[[], None]]:
        """What `add_all` does, one part a step (start-up gives each its own turn of the
        event loop). Every part once; the pack import (and the carried preferences) again
        while a read-only or damaged history left it out (a backup put back brings it)."""
        if self.importer is not None:
            return []
        steps = [self._add_pack_import, self._adopt_carried_preferences]
        if not self.added:
            self.added = True
            steps += [self._add_my_sessions, self._add_reminders, self._add_studio_entry]
            steps.append(self._name_menu_entry)
        return steps

    def preferences_changed(self, changed: frozenset[str]) -> None:
        if self.reminder_hub is not None and changed & REMINDER_SETTINGS:
            self.reminder_hub.apply(self._services.settings)
        if "discreet_name" in changed:
            self._name_menu_entry()

    def _add_pack_import(self) -> None:
        db = self._services.history.writable()
        if db is None:
            return
        from pfrelax.services.pack_import import PackImport
        from pfrelax.ui.packs.pack_import import PackImporter

        window = self._window
        self.importer = importer = PackImporter(window, PackImport(db), errors=self._errors)
        self._appearance.follow(lambda palette: setattr(importer, "palette", palette))
        # On the window's content, not the window: a filter on the window sees its repaint
        # request every animation frame (a call into Python each); a drop anywhere on the
        # content still reaches it (no widget inside takes drops itself).
        importer.drop_filter().install(window.centralWidget() or window)
        action = importer.import_action(window)
        window.file_menu.insertAction(window.quit_action, action)
        window.file_menu.insertSeparator(window.quit_action)
        importer.pack_installed.connect(self._on_pack_installed)
        self._services.shutdown.add("packs", importer.shutdown)

    def _adopt_carried_preferences(self) -> None:
        """A database from before v6 kept the check-in measures; the preferences take them."""
        history = self._services.history
        db = history.get()
        if db is not None:
            self._services.preferences.keep_private_in(history.get)  # check-in choices: encrypted
            self._services.preferences.adopt_carried(db)

    def _add_my_sessions(self) -> None:
        from pfrelax.services.my_sessions import MySessions
        from pfrelax.ui.library.my_sessions_actions import MySessionsActions

        service = MySessions(paths.my_sessions_dir())
        self.my_sessions = MySessionsActions(self._library.page, service, self._library.reload)

    def _add_reminders(self) -> None:
        from pfrelax.ui.reminders.reminder_hub import ReminderHub

        preferences = self._services.preferences
        self.reminder_hub = ReminderHub(self._window, lambda: preferences.settings, preferences.set)
        self.reminder_hub.apply(preferences.settings)
        self._services.shutdown.add("desktop", self.reminder_hub.stop)

    def _add_studio_entry(self) -> None:
        from pfrelax.ui.studio.studio_entry import StudioEntry

        self.studio_entry = StudioEntry(
            self._window, self._window.file_menu, self._services.preferences
        )
        self._services.shutdown.add("pages", self.studio_entry.shutdown)

    def _name_menu_entry(self) -> None:
        """The menu entry install.sh wrote says "Calm" in discreet mode (at start too: an
        install since may have written pfrelax's name back)."""
        from pfrelax.services.menu_entry import name_menu_entry

        name_menu_entry(self._services.settings.discreet_name)

    def _on_pack_installed(self, _pack_id: str) -> None:
        self._library.reload()
        self._window.show_page(TODAY_PAGE)
        if self.reminder_hub is not None:
            self.reminder_hub.offer_after_install(self._services.settings)
