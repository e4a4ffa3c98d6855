"""The Today page over real installed packs and runs, with an injected clock and time zone."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from pfrelax.services.today import StoreTodaySource
from pfrelax.store.db import Database
from pfrelax.store.packs import InstalledPacks
from pfrelax.ui.common.theme import LIGHT
from pfrelax.ui.today.today_page import EMPTY_TEXT, MIDNIGHT_MARGIN_MS, NO_PLAN_TEXT, TodayPage
from tests.pack_service import install_pack

from .gui_packs import (
    EVENING_ID,
    RELEASE_ID,
    SetClock,
    evening_files,
    record_run,
    release_files,
    write_pack,
)

NEW_YORK = ZoneInfo("America/New_York")  # back an hour on 2026-11-01 at 02:00
LONDON = ZoneInfo("Europe/London")  # back an hour on 2026-10-25 at 02:00
HOUR_MS = 3_600_000


def install(tmp_path: Path, db: Database, which: str, started: date | None) -> None:
    files = release_files() if which == RELEASE_ID else evening_files()
    install_pack(write_pack(tmp_path / f"{which}.pfpack", files))
    if started is not None:
        InstalledPacks(db).set_plan_started(which, started)


def make_page(qtbot: QtBot, db: Database, clock: SetClock, zone: ZoneInfo) -> TodayPage:
    page = TodayPage(StoreTodaySource(db), now=clock, tz=zone)
    page.set_palette(LIGHT)
    qtbot.addWidget(page)
    page.resize(900, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def shown_text(page: TodayPage) -> list[str]:
    return [label.text() for label in page.findChildren(QLabel) if label.isVisibleTo(page)]


def start_buttons(page: TodayPage) -> dict[str, QPushButton]:
    return {
        str(b.property("address")): b
        for b in page.findChildren(QPushButton)
        if b.property("address") and b.isVisibleTo(page)
    }


def test_two_started_plans_show_todays_sessions_done_counts_and_the_week(
    qtbot: QtBot, tmp_path: Path, db: Database
) -> None:
    install(tmp_path, db, RELEASE_ID, date(2026, 10, 26))
    install(tmp_path, db, EVENING_ID, date(2026, 10, 26))
    record_run(db, datetime(2026, 10, 26, 8, tzinfo=NEW_YORK), RELEASE_ID, "pf-release-10")
    record_run(db, datetime(2026, 10, 28, 8, tzinfo=NEW_YORK), RELEASE_ID, "pf-release-10")
    record_run(
        db,
        datetime(2026, 10, 28, 20, tzinfo=NEW_YORK),
        RELEASE_ID,
        "pf-release-10",
        seconds=480,
        completed=False,  # stopped at 80 %: partial (only a completed run is a done session)
    )
    page = make_page(qtbot, db, SetClock(datetime(2026, 10, 28, 21, tzinfo=NEW_YORK)), NEW_YORK)

    text = shown_text(page)
    assert "Wednesday 28 October" in text
    assert "Pelvic floor release — 1 of 2 today · 1 partial (8 minutes)" in text
    assert "Morning, and before bed." in text
    assert "Coherent breathing — 0 of 1 today" in text
    assert text.count("Week 1 of 4") == 1
    assert text.count("Week 1 of 2") == 1
    assert "This week: 2 sessions, 1 partial, 28 minutes" in text
    assert "You practised 2 of 3 days this week — that counts." in text
    assert (
        "“Hi! Practise these twice a day. Stop if anything hurts — we'll adjust at your next "
        "visit.”" in text
    )
    assert [d.title for d in page.days()] == ["Evening wind-down", "Release — phase 1"]
    assert not any("missed" in line.lower() or "streak" in line.lower() for line in text)


def test_start_asks_the_player_for_that_packs_session(
    qtbot: QtBot, tmp_path: Path, db: Database
) -> None:
    install(tmp_path, db, RELEASE_ID, date(2026, 10, 26))
    page = make_page(qtbot, db, SetClock(datetime(2026, 10, 27, 9, tzinfo=NEW_YORK)), NEW_YORK)
    button = start_buttons(page)[f"{RELEASE_ID}/pf-release-10"]
    with qtbot.waitSignal(page.session_requested) as requested:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert requested.args == [f"{RELEASE_ID}/pf-release-10"]


def test_new_york_fall_back_day_is_25_hours_and_the_page_turns_at_local_midnight(
    qtbot: QtBot, tmp_path: Path, db: Database
) -> None:
    install(tmp_path, db, EVENING_ID, date(2026, 10, 26))  # Mondays, Wednesdays and Fridays
    clock = SetClock(datetime(2026, 11, 1, 0, 0, 30, tzinfo=NEW_YORK))  # Sunday, still EDT
    page = make_page(qtbot, db, clock, NEW_YORK)
    assert "Nothing is planned for today. Rest is part of the plan." in shown_text(page)
    assert page.midnight_timer.isActive()
    assert page.midnight_timer.interval() == 25 * HOUR_MS - 30_000 + MIDNIGHT_MARGIN_MS

    clock.moment = datetime(2026, 11, 1, 23, 59, 59, tzinfo=NEW_YORK)  # EST now
    page.refresh()
    assert page.midnight_timer.interval() == 1000 + MIDNIGHT_MARGIN_MS
    assert "Sunday 1 November" in shown_text(page)

    clock.moment = datetime(2026, 11, 2, 0, 0, 1, tzinfo=NEW_YORK)
    page.midnight_timer.timeout.emit()
    text = shown_text(page)
    assert "Monday 2 November" in text
    assert "Coherent breathing — 0 of 1 today" in text
    assert "Week 2 of 2" in text
    assert page.midnight_timer.interval() == 24 * HOUR_MS - 1000 + MIDNIGHT_MARGIN_MS


def test_london_practice_just_before_midnight_stays_on_its_day_across_the_clock_change(
    qtbot: QtBot, tmp_path: Path, db: Database
) -> None:
    install(tmp_path, db, RELEASE_ID, date(2026, 10, 19))
    record_run(db, datetime(2026, 10, 24, 23, 50, tzinfo=LONDON), RELEASE_ID, "pf-release-10")
    clock = SetClock(datetime(2026, 10, 24, 23, 59, 59, tzinfo=LONDON))  # Saturday, BST
    page = make_page(qtbot, db, clock, LONDON)
    assert "Pelvic floor release — 1 of 2 today" in shown_text(page)
    assert page.midnight_timer.interval() == 1000 + MIDNIGHT_MARGIN_MS

    clock.moment = datetime(2026, 10, 25, 0, 0, 1, tzinfo=LONDON)
    page.midnight_timer.timeout.emit()
    assert "Pelvic floor release — 0 of 2 today" in shown_text(page)
    assert "Sunday 25 October" in shown_text(page)
    # Sunday is 25 hours long in London: the next turn is at 00:00 GMT on Monday.
    assert page.midnight_timer.interval() == 25 * HOUR_MS - 1000 + MIDNIGHT_MARGIN_MS

    clock.moment = datetime(2026, 10, 26, 0, 0, 1, tzinfo=LONDON)  # a new plan week
    page.midnight_timer.timeout.emit()
    assert "Week 2 of 4" in shown_text(page)
    assert "A new week of practice — a few slow breaths today counts." in shown_text(page)


def test_a_plan_not_started_offers_to_start_it_today(
    qtbot: QtBot, tmp_path: Path, db: Database
) -> None:
    install(tmp_path, db, RELEASE_ID, None)
    page = make_page(qtbot, db, SetClock(datetime(2026, 10, 27, 9, tzinfo=NEW_YORK)), NEW_YORK)
    text = shown_text(page)
    assert (
        "Pelvic floor release — Weeks 1–4, every day, twice a day. Morning, and before bed." in text
    )
    assert start_buttons(page) == {}
    button = next(b for b in page.findChildren(QPushButton) if b.text() == "Start this plan")
    with qtbot.waitSignal(page.plan_started) as started:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert started.args == [RELEASE_ID]
    record = InstalledPacks(db).get(RELEASE_ID)
    assert record is not None
    assert record.plan_started == date(2026, 10, 27)
    assert "Week 1 of 4" in shown_text(page)
    assert f"{RELEASE_ID}/pf-release-10" in start_buttons(page)


def test_no_packs_shows_a_friendly_explanation(qtbot: QtBot, db: Database) -> None:
    page = make_page(qtbot, db, SetClock(datetime(2026, 10, 27, 9, tzinfo=NEW_YORK)), NEW_YORK)
    assert page.empty_text.isVisibleTo(page)
    assert page.empty_text.text() == EMPTY_TEXT
    assert "File → Import pack…" in EMPTY_TEXT.replace("\u00a0", " ")
    assert "drop it here" in EMPTY_TEXT


def test_packs_without_a_plan_point_to_the_library(
    qtbot: QtBot, tmp_path: Path, db: Database
) -> None:
    files = evening_files()
    files["pack.toml"] = files["pack.toml"].split(b"[[plan]]")[0]
    install_pack(write_pack(tmp_path / "no-plan.pfpack", files))
    page = make_page(qtbot, db, SetClock(datetime(2026, 10, 27, 9, tzinfo=NEW_YORK)), NEW_YORK)
    assert page.empty_text.isVisibleTo(page)
    assert page.empty_text.text() == NO_PLAN_TEXT


def test_the_midnight_timer_runs_only_while_the_page_is_shown(qtbot: QtBot, db: Database) -> None:
    page = make_page(qtbot, db, SetClock(datetime(2026, 10, 27, 9, tzinfo=NEW_YORK)), NEW_YORK)
    assert page.midnight_timer.isActive()
    page.hide()
    assert not page.midnight_timer.isActive()
    page.show()
    assert page.midnight_timer.isActive()
    page.shutdown()
    assert not page.midnight_timer.isActive()


def test_the_pts_message_is_reflowed_like_the_pack_preview(
    qtbot: QtBot, tmp_path: Path, db: Database
) -> None:
    files = release_files()
    wrapped = '"""Hi! Practise these twice a day.\nStop if anything\nhurts.\n\n— Alex"""'
    manifest = files["pack.toml"].decode()
    start = manifest.index('message = "')
    end = manifest.index('visit."', start) + len('visit."')
    files["pack.toml"] = (manifest[:start] + "message = " + wrapped + manifest[end:]).encode()
    install_pack(write_pack(tmp_path / "wrapped.pfpack", files))
    InstalledPacks(db).set_plan_started(RELEASE_ID, date(2026, 10, 26))
    page = make_page(qtbot, db, SetClock(datetime(2026, 10, 28, 21, tzinfo=NEW_YORK)), NEW_YORK)

    assert "“Hi! Practise these twice a day. Stop if anything hurts.\n\n— Alex”" in shown_text(page)


def test_a_plan_that_cannot_be_started_says_so_and_the_page_stays(
    qtbot: QtBot, tmp_path: Path, db: Database
) -> None:
    install(tmp_path, db, RELEASE_ID, None)
    read_only = Database(db.path, db.connection, read_only=True)
    page = TodayPage(
        StoreTodaySource(read_only), now=SetClock(datetime(2026, 10, 27, 9, tzinfo=NEW_YORK))
    )
    page.set_palette(LIGHT)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    button = next(b for b in page.findChildren(QPushButton) if b.text() == "Start this plan")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert page.told is not None
    assert page.told.text().startswith("The plan was not started: ")
    assert "is read-only" in page.told.text()
    record = InstalledPacks(db).get(RELEASE_ID)
    assert record is not None
    assert record.plan_started is None
    assert page.isVisible()
