"""What the first screen sets by number (ui/common/early_enums) is what `Qt`'s names would set,
and what waits for the first sessions (the buttons' pointing hand) comes with them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pfrelax.core.clock import FakeClock
from pfrelax.core.session import Session
from pfrelax.launch import after_first_paint
from pfrelax.ui.common import early_enums
from pfrelax.ui.common.labels import text_label
from pfrelax.ui.common.theme import DARK, LIGHT, ThemeMode, build_qpalette
from pfrelax.ui.common.theme_follow import ThemeFollower
from pfrelax.ui.library import library_model
from pfrelax.ui.library.library_page import LibraryPage

from .test_main_window import compose


@pytest.mark.parametrize(
    ("number", "named"),
    [
        (early_enums.APPLICATION_SHORTCUT, Qt.ShortcutContext.ApplicationShortcut),
        (early_enums.WIDGET_WITH_CHILDREN_SHORTCUT, Qt.ShortcutContext.WidgetWithChildrenShortcut),
        (early_enums.ALIGN_LEFT, Qt.AlignmentFlag.AlignLeft),
        (early_enums.ALIGN_HCENTER, Qt.AlignmentFlag.AlignHCenter),
        (early_enums.ALIGN_TOP, Qt.AlignmentFlag.AlignTop),
        (early_enums.PLAIN_TEXT, Qt.TextFormat.PlainText),
        (early_enums.TEXT_SELECTABLE_BY_MOUSE, Qt.TextInteractionFlag.TextSelectableByMouse),
        (early_enums.SCROLL_BAR_ALWAYS_OFF, Qt.ScrollBarPolicy.ScrollBarAlwaysOff),
        (library_model.USER_ROLE, Qt.ItemDataRole.UserRole),
        (library_model.DISPLAY_ROLE, Qt.ItemDataRole.DisplayRole),
    ],
)
def test_each_number_is_the_value_of_its_name(number: int, named: object) -> None:
    assert number == getattr(named, "value", None)


def test_a_name_that_is_no_property_is_refused_not_made_a_dynamic_one(qapp: QApplication) -> None:
    with pytest.raises(AttributeError, match="alignmnet"):
        early_enums.set_enum_property(QObject(), "alignmnet", early_enums.ALIGN_LEFT)


def test_a_text_label_is_plain_centred_at_the_top_and_selectable(qtbot: QtBot) -> None:
    label = text_label("A <b>session</b>")
    qtbot.addWidget(label)
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.alignment() == Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
    assert label.textInteractionFlags() == Qt.TextInteractionFlag.TextSelectableByMouse


def test_the_library_page_sets_what_the_names_would(qtbot: QtBot, sessions: list[Session]) -> None:
    page = LibraryPage()
    qtbot.addWidget(page)
    page.set_sessions(sessions)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    left_top = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
    details = page.details
    for label in (details.title, details.length, details.summary, details.safety, details.source):
        assert label.alignment() == left_top
    assert page.list.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert page._undo.context() == Qt.ShortcutContext.WidgetWithChildrenShortcut
    assert page._undo.key() == QKeySequence(QKeySequence.StandardKey.Undo)
    # The buttons at the left at their own width (AlignLeft), New session at the bottom of
    # the heading's row (AlignBottom).
    start = details.start_button
    assert start.x() == details.title.x()
    assert start.width() == start.sizeHint().width() < details.width()
    big = page.heading.font()
    big.setPointSizeF(big.pointSizeF() * 3)  # a row clearly taller than the button
    page.heading.setFont(big)
    qtbot.waitUntil(lambda: page.new_button.height() < page.heading.height())
    assert page.new_button.geometry().bottom() == page.heading.geometry().bottom()


def test_the_buttons_point_with_a_hand_once_there_are_sessions(
    qtbot: QtBot, sessions: list[Session]
) -> None:
    page = LibraryPage()
    qtbot.addWidget(page)
    buttons = (page.details.start_button, *page.details.mine.buttons())
    # Not before: the first paint (an empty library) does without Qt.CursorShape.
    assert all(button.cursor().shape() == Qt.CursorShape.ArrowCursor for button in buttons)
    page.set_sessions(sessions)
    assert all(button.cursor().shape() == Qt.CursorShape.PointingHandCursor for button in buttons)


def test_the_app_wide_shortcuts_are_app_wide_and_the_others_have_no_key(
    qtbot: QtBot, clock: FakeClock, sessions: list[Session], home: Path
) -> None:
    window = compose(qtbot, clock, sessions).window
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    assert window.quit_action.shortcutContext() == Qt.ShortcutContext.ApplicationShortcut
    assert window.find_action.shortcutContext() == Qt.ShortcutContext.WindowShortcut
    assert window.about_action.shortcuts() == []
    hide_now = next(action for action in window.actions() if action.text() == "&Hide now")
    assert hide_now.shortcut() == QKeySequence("Ctrl+Shift+H")
    assert hide_now.shortcutContext() == Qt.ShortcutContext.ApplicationShortcut


def test_the_scheme_asked_after_the_palette_colours_again_only_when_they_differ(
    qapp: QApplication,
) -> None:
    # The offscreen platform reports no scheme: the palette decides either way; here the
    # palette changes between the first choice and the check, as a differing scheme would.
    original_palette, original_sheet = qapp.palette(), qapp.styleSheet()
    follower = ThemeFollower(qapp, lambda: ThemeMode.SYSTEM, ask_scheme=False)
    applied: list[object] = []
    follower.applied.connect(applied.append)
    try:
        first = follower.palette
        follower.confirm_scheme()
        assert applied == []  # the same answer: nothing coloured again
        other = DARK if first is LIGHT else LIGHT
        qapp.setPalette(build_qpalette(other))
        follower.confirm_scheme()
        assert applied == [other]
        assert follower.palette is other
    finally:
        follower.stop()
        qapp.setPalette(original_palette)
        qapp.setStyleSheet(original_sheet)


def test_the_start_asks_the_scheme_after_the_first_paint_and_recolours_if_it_differs(
    qtbot: QtBot, clock: FakeClock, sessions: list[Session], home: Path, qapp: QApplication
) -> None:
    original_palette, original_sheet = qapp.palette(), qapp.styleSheet()
    composition = compose(qtbot, clock, sessions)
    composition.preferences.change(disclaimer_seen=True)  # no first-run note: no modal box
    chosen = composition.appearance.palette  # from the palette, before the paint
    other = DARK if chosen is LIGHT else LIGHT
    try:
        # The desktop now says otherwise (offscreen reports no scheme: its palette does).
        qapp.setPalette(build_qpalette(other))
        after_first_paint(composition)
        qtbot.waitUntil(lambda: composition.appearance.palette is other)
        qtbot.waitUntil(lambda: composition.late.studio_entry is not None, timeout=20_000)
    finally:
        composition.window.close()
        qapp.setPalette(original_palette)
        qapp.setStyleSheet(original_sheet)
