"""The library: cards for each session, search and tag filters, Enter or double-click to open."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from pfrelax import paths
from pfrelax.core.session import Session
from pfrelax.ui.library.library_model import HEADER_ROLE, MINUTES_ROLE, SESSION_ROLE
from pfrelax.ui.library.library_page import LibraryPage


def make_page(qtbot: QtBot, sessions: list[Session]) -> LibraryPage:
    page = LibraryPage()
    qtbot.addWidget(page)
    page.set_sessions(sessions)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def titles(page: LibraryPage) -> list[str]:
    return [session.title for session in page.visible_sessions()]


def test_lists_every_session_and_shows_the_first_in_detail(
    qtbot: QtBot, sessions: list[Session]
) -> None:
    page = make_page(qtbot, sessions)
    assert titles(page) == ["Calm belly breathing", "Every kind of step"]
    assert page.details.title.text() == "Calm belly breathing"
    assert page.details.length.text() == "1 min · 1 step"


def test_typing_filters_by_words_in_title_summary_or_tags(
    qtbot: QtBot, sessions: list[Session]
) -> None:
    page = make_page(qtbot, sessions)
    qtbot.keyClicks(page.search, "top-up")
    assert titles(page) == ["Every kind of step"]
    page.search.clear()
    qtbot.keyClicks(page.search, "slow four")
    assert titles(page) == ["Calm belly breathing"]
    qtbot.keyClicks(page.search, " nothing-matches")
    assert titles(page) == []
    assert not page.details.start_button.isEnabled()


def test_tag_filter_shows_only_sessions_with_that_tag(
    qtbot: QtBot, sessions: list[Session]
) -> None:
    page = make_page(qtbot, sessions)
    page.tag.setCurrentIndex(page.tag.findData("holds"))
    assert titles(page) == ["Every kind of step"]
    page.tag.setCurrentIndex(page.tag.findData(""))
    assert len(titles(page)) == 2


def test_enter_in_the_search_field_opens_the_match(qtbot: QtBot, sessions: list[Session]) -> None:
    page = make_page(qtbot, sessions)
    qtbot.keyClicks(page.search, "every")
    with qtbot.waitSignal(page.session_chosen) as chosen:
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert chosen.args == [sessions[1]]


def test_enter_on_the_list_opens_the_current_session(qtbot: QtBot, sessions: list[Session]) -> None:
    page = make_page(qtbot, sessions)
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_Down)
    with qtbot.waitSignal(page.session_chosen) as chosen:
        qtbot.keyClick(page.list, Qt.Key.Key_Return)
    assert chosen.args == [sessions[1]]


def test_double_click_opens_a_session(qtbot: QtBot, sessions: list[Session]) -> None:
    page = make_page(qtbot, sessions)
    rect = page.list.visualRect(page.filter.index(1, 0))
    # A real double-click is a click then a double-click event; Qt's views need both.
    qtbot.mouseClick(page.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.session_chosen) as chosen:
        qtbot.mouseDClick(page.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert chosen.args == [sessions[1]]


def test_source_is_shown_on_demand(qtbot: QtBot, sessions: list[Session]) -> None:
    page = make_page(qtbot, sessions)
    page.list.setCurrentIndex(page.filter.index(1, 0))
    assert not page.details.source.isVisible()
    qtbot.mouseClick(page.details.source_toggle, Qt.MouseButton.LeftButton)
    assert page.details.source.isVisible()
    assert page.details.source.text() == "Source: Written for the tests."


def test_pack_sessions_are_grouped_under_a_header(qtbot: QtBot, sessions: list[Session]) -> None:
    from_pack = replace(sessions[0], id="pt-1", title="From my PT", pack_id="clinic")
    page = make_page(qtbot, [*sessions, from_pack])
    rows = [
        (page.filter.index(row, 0).data(), bool(page.filter.index(row, 0).data(HEADER_ROLE)))
        for row in range(page.filter.rowCount())
    ]
    assert rows == [
        ("From pack clinic", True),  # no manifest to read its title from: its id
        ("From my PT", False),
        ("Built-in sessions", True),
        ("Calm belly breathing", False),
        ("Every kind of step", False),
    ]
    assert page.current_session() == from_pack  # the PT's first session is the one shown
    qtbot.keyClicks(page.search, "every")
    assert [page.filter.index(r, 0).data() for r in range(page.filter.rowCount())] == [
        "Built-in sessions",
        "Every kind of step",
    ]


def test_an_installed_pack_comes_first_under_its_title_and_author_with_lengths(
    qtbot: QtBot, home: Path, tmp_path: Path
) -> None:
    from pfrelax.formats.pack_build import build_pack
    from pfrelax.services.catalog import length_ms as duration_ms
    from tests.pack_service import install_pack, open_catalog

    example = Path(__file__).parents[2] / "examples" / "riverside-release"
    install_pack(build_pack(example, tmp_path / "release.pfpack"))
    sessions = open_catalog().sessions()
    page = make_page(qtbot, sessions)
    rows = [page.filter.index(row, 0) for row in range(page.filter.rowCount())]
    headers = [index.data() for index in rows if index.data(HEADER_ROLE)]
    assert headers == ["Release — phase 1 · from Alex Rivera, PT, DPT", "Built-in sessions"]
    pack_rows = rows[1:6]
    assert [index.data() for index in pack_rows] == [
        "Arrive and soften",
        "Before dilator practice",
        "Evening release",
        "Finding the let-go",
        "Practice with the breath",
    ]
    # Recorded narration has a length: the card's minutes are the CLI's (4.7, 4.1, 8.2 min);
    # a dilator practice's card counts its stay at the minimum (5.3 min).
    minutes = [index.data(MINUTES_ROLE) for index in pack_rows]
    assert minutes == [5, 4, 8, 5, 5]
    for index, shown in zip(pack_rows, minutes, strict=True):
        session = index.data(SESSION_ROLE)
        length = duration_ms(session)
        assert length is not None
        assert shown == round(length / 60_000)
    assert page.details.length.text() == "5 min · 3 steps"
    built_in = len(list(paths.builtin_sessions_dir().glob("*.toml")))
    assert len(rows) == 1 + 5 + 1 + built_in


def test_the_search_field_clear_button_comes_with_the_sessions_and_clears(
    qtbot: QtBot, sessions: list[Session]
) -> None:
    page = LibraryPage()  # before the library is read (the first paint) it has none yet
    qtbot.addWidget(page)
    assert not page.search.isClearButtonEnabled()
    page = make_page(qtbot, sessions)
    qtbot.keyClicks(page.search, "top-up")
    assert titles(page) == ["Every kind of step"]
    clear = page.search.findChild(QToolButton)
    assert clear is not None
    qtbot.waitUntil(clear.isVisible)
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    assert page.search.text() == ""
    assert titles(page) == ["Calm belly breathing", "Every kind of step"]
