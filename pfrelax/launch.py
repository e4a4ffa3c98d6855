"""Starting the app: the QApplication, the first paint, then the library read off the GUI thread.

`pfrelax` (run_app) and `pfrelax play` (run_player) start here; app.py only wires.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

import pfrelax.ui.pyside_import_hook  # noqa: F401  # first: it makes every later import cheaper

# isort: split
from pfrelax import __version__, paths
from pfrelax.app import Composition
from pfrelax.core import texts as product_texts
from pfrelax.core.clock import Clock, MonotonicClock
from pfrelax.errors import InputError
from pfrelax.services.preferences import Preferences
from pfrelax.ui.common.texts import APP_TITLE
from pfrelax.ui.first_paint import (
    E2E_ENV,
    AfterFirstPaint,
    in_background,
    one_turn_each,
    report_first_paint,
)

if TYPE_CHECKING:
    from pfrelax.core.session import Session
    from pfrelax.formats.library import SessionLibrary
    from pfrelax.services.database import HistoryDatabase

BENCH_ENV = "PFRELAX_BENCH_STARTUP"  # print the marker after the first paint, then quit
NO_GUI_THREADPOOL = "QT_NO_GUI_THREADPOOL"  # read by Qt when it first paints


NO_DISPLAY = (
    "there is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set). "
    "Start pfrelax from your desktop; `pfrelax sessions`, `pfrelax report` and the other "
    "commands work without one."
)


def create_application(argv: Sequence[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    if _no_display():
        # Qt would abort the process with "Reinstalling the application may fix this problem".
        raise InputError(NO_DISPLAY)
    # Qt splits large fills (the breathing picture's gradients) across a thread pool and the
    # GUI thread waits for it: measured, that costs more CPU than it saves (benchmarks/README).
    os.environ.setdefault(NO_GUI_THREADPOOL, "1")
    product_texts.use_assets(paths.assets_dir())  # the product texts the windows show
    # Fusion follows our QPalette faithfully on every platform. Asked for on the command line
    # rather than with setStyle, which wraps the style for Python and builds its many enums
    # (~5 ms before the first paint).
    program = sys.argv[0] if sys.argv else "pfrelax"
    app = QApplication([program, "-style", "Fusion", *argv])
    app.setApplicationName(APP_TITLE)
    app.setApplicationDisplayName(APP_TITLE)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_TITLE)
    return app


def _no_display() -> bool:
    """On Linux (an ssh login, a text console), with no platform chosen and no display to use."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def build(
    app: QApplication,
    library: SessionLibrary | None = None,
    clock: Clock | None = None,
    *,
    sessions: list[Session] | None = None,
    complete: bool = True,
) -> Composition:
    """The wired window: `sessions` if given, else those of `library` (else none, for now);
    `complete=False`: its first half only (see Composition)."""
    if sessions is None:
        sessions = library.sessions() if library is not None else []
    preferences = Preferences.open()
    clock = clock or MonotonicClock()
    return Composition(
        app, clock=clock, preferences=preferences, sessions=sessions, complete=complete
    )


def run_app(argv: Sequence[str]) -> int:
    """`pfrelax`: the window on the library.

    The window's frame paints first, its library page is built just after, and the session
    files are read after that: the cards fill in a moment later, and the window is up sooner.
    """
    app = create_application(argv)
    composition = build(app, complete=False)  # the rest just after the first paint
    AfterFirstPaint(composition.window, lambda: after_first_paint(composition))
    return _exec(app, composition)


def run_player(address: str) -> int:
    """`pfrelax play SESSION`: the window on the player, counting in to `address`."""
    from pfrelax.formats.library import SessionNotFound
    from pfrelax.formats.problems import SessionFileError

    library = open_catalog_file()
    try:
        session = library.find(address)
    except (SessionNotFound, SessionFileError) as error:
        sys.stderr.write(f"pfrelax play: {error}\n")
        return 1
    app = create_application([])
    composition = build(app, library)
    composition.library = library
    composition.open_session(session, autostart=True)
    AfterFirstPaint(
        composition.window,
        lambda: one_turn_each(composition.appearance.confirm_scheme, composition.finish_startup),
    )
    return _exec(app, composition)


def _exec(app: QApplication, composition: Composition) -> int:
    bench = os.environ.get(BENCH_ENV) == "1"
    if bench or os.environ.get(E2E_ENV) == "1":
        AfterFirstPaint(composition.window, lambda: report_first_paint(quit_after=bench))
    # An uncaught error in a slot: a box (plain, or "please report" with details), never a
    # traceback on the terminal alone; the app keeps running.
    composition.errors.install()
    composition.window.show()
    try:
        return app.exec()
    finally:
        composition.errors.uninstall()


def after_first_paint(composition: Composition) -> None:
    """The second half of the window now; once its library page has painted too, the rest,
    each in a turn of its own, and only then the session files, read off the GUI thread. Not
    side by side: GUI-thread work beside the reading thread shares the interpreter with it and
    took 4× its CPU time."""
    composition.complete()  # the library page and the parts around the pages (once)
    rest = partial(
        one_turn_each,
        composition.appearance.confirm_scheme,  # PySide6 builds its `Qt` namespace (~16 ms)
        _import_session_types,
        _import_card_painter,
        lambda: _meet_the_widget_classes(composition),
        lambda: _read_then_fill(composition),
    )
    page = composition.library_page
    AfterFirstPaint(page, rest)  # the library on screen first: no step holds its paint up
    page.update()  # (a page already painted, in a test, paints once more)


def _read_then_fill(composition: Composition) -> None:
    history = composition.services.history
    in_background(
        lambda: read_library(history),
        lambda lib: fill_library(composition, lib),
        composition.window,
    )


def read_library(history: HistoryDatabase | None = None) -> SessionLibrary:
    """Read and check the session files, and import what the rest of the start needs (each
    of these froze the window for 100–200 ms on the GUI thread). No Qt objects here."""
    # Imported here: not needed for the first paint. The plain-Python parts of the pack
    # importer and of my sessions too (the GUI thread then only imports their dialogs).
    import zoneinfo  # noqa: F401

    import pfrelax.core.plan
    import pfrelax.formats.pack_install
    import pfrelax.services.my_sessions
    import pfrelax.services.pack_import  # noqa: F401
    from pfrelax.services import catalog
    from pfrelax.services.database import prepare_history

    library = open_catalog_file()
    for session in library.sessions():  # read now, kept by the library
        catalog.length_ms(session)  # laid out now, cached: the cards show their minutes
    # The history's disk work (the daily backup, a migration) here, not in the window's first
    # open just after: that waited on fsyncs on the GUI thread. Given the window's `history`,
    # its first open also skips the check made here if nothing wrote the file since.
    if history is not None:
        history.prepare()
    else:
        prepare_history(paths.database_path())
    return library


def fill_library(composition: Composition, library: SessionLibrary) -> None:
    composition.library = library
    composition.library_page.set_sessions(library.sessions())
    one_turn_each(
        _import_pack_importer,
        lambda: one_turn_each(*composition.startup.steps(), composition.show_first_run_note),
    )


def open_catalog_file() -> SessionLibrary:
    """The catalog on the database file: it is read on a worker thread, and an SQLite handle
    belongs to the thread that opened it, so it opens its own for each read."""
    from pfrelax.services.catalog import open_catalog
    from pfrelax.services.packs import Packs, RegistryFile

    packs = Packs(paths.data_dir() / "packs", RegistryFile(paths.database_path()))
    return open_catalog(paths.builtin_sessions_dir(), packs, paths.my_sessions_dir())


def _import_session_types() -> None:
    # Its own turn: with the card painter, the two made the longest step (~25 ms).
    import pfrelax.core.session  # noqa: F401


def _import_card_painter() -> None:
    import pfrelax.ui.library.session_card  # noqa: F401


def _meet_the_widget_classes(composition: Composition) -> None:
    # The list's viewport is the first widget Qt made that Python has not seen: PySide6 then
    # sets up every QtWidgets class it has not yet (~60 enums, ~5 ms). Here, not when the
    # cards first measure themselves in the (already longest) turn that fills the library.
    composition.library_page.list.viewport()


def _import_pack_importer() -> None:
    # Its own turn: its dialogs' module is the slowest part of finish_startup.
    import pfrelax.ui.packs.pack_import  # noqa: F401
