"""Run by test_screen_fit in a child process on a virtual screen at a given scale: opens the
assembled app, visits every page (the player with a long session loaded) and prints, as JSON,
what fits where. A child process, because Qt fixes the screen and the scale at start-up."""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QWidget

from pfrelax.app import (
    LIBRARY_PAGE,
    PLAYER_PAGE,
    PROGRESS_PAGE,
    TODAY_PAGE,
)
from pfrelax.launch import build, create_application, fill_library, read_library


def rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def page_fit(page: QWidget | None) -> dict[str, list[int]]:
    assert page is not None, "no page is shown"
    needed = page.minimumSizeHint()
    return {"size": [page.width(), page.height()], "needs": [needed.width(), needed.height()]}


def main() -> int:
    app = create_application([])
    composition = build(app)
    window = composition.window
    window.show()
    settle(app)
    fill_library(composition, read_library())
    composition.finish_startup()
    settle(app)
    library = composition.library_page
    first = library.filter.index(1, 0)
    report: dict[str, object] = {
        "screen": rect(window.screen().availableGeometry()),
        "frame": rect(window.frameGeometry()),
        "minimum": [window.minimumWidth(), window.minimumHeight()],
        "search": [
            library.search.width(),
            library.search.fontMetrics().horizontalAdvance(library.search.placeholderText()),
        ],
        "cards_scroll_sideways": library.list.horizontalScrollBar().isVisible(),
        "card_width": library.list.visualRect(first).width(),
        "list_width": library.list.viewport().width(),
        "pages": {},
    }
    pages: dict[str, object] = {}
    for name in (LIBRARY_PAGE, TODAY_PAGE, PROGRESS_PAGE):
        window.show_page(name)
        settle(app)
        pages[name] = page_fit(window.pages.currentWidget())
    assert composition.library is not None
    composition.open_session(composition.library.find("progressive-relaxation-12"))
    settle(app)
    player = composition.player_page
    pages[f"{PLAYER_PAGE}, before the start"] = page_fit(player.pages.currentWidget())
    player.start()  # no check-in: this probe has no history database to save one in
    settle(app)
    pages[f"{PLAYER_PAGE}, playing"] = page_fit(player.pages.currentWidget())
    player.stop()
    settle(app)
    report["pages"] = pages
    sys.stdout.write(json.dumps(report) + "\n")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
