"""services.progress: the Progress page's figures from a real history on an injected clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from pfrelax.core.checkin import Measure
from pfrelax.core.progress import Span
from pfrelax.services.progress import ProgressData, is_extra
from pfrelax.store.checkins import Checkins
from pfrelax.store.db import Database, open_database

ZONE = timezone(timedelta(hours=2))
NOW = datetime(2026, 3, 10, 9, 30, tzinfo=ZONE)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "pfrelax.sqlite3")
    yield database
    database.close()


def _checkin(db: Database, when: datetime, distress: int) -> None:
    Checkins(db, now=lambda: when).save_checkin("standalone", {"distress": distress})


def test_an_empty_history_has_nothing_to_show_and_the_weekly_question_is_due(
    db: Database,
) -> None:
    data = ProgressData(db, lambda: NOW)
    assert not data.has_history()
    assert data.weekly_due()
    assert data.extra_items() == []


def test_local_now_counts_the_clock_s_offset(db: Database) -> None:
    data = ProgressData(db, lambda: NOW)
    assert data.now_local() == int(NOW.timestamp()) + 2 * 3600


def test_a_recent_history_fits_two_weeks_and_an_older_one_three_months(db: Database) -> None:
    data = ProgressData(db, lambda: NOW)
    _checkin(db, NOW - timedelta(days=3), 4)
    assert data.has_history()
    assert data.fitting_span() is Span.TWO_WEEKS
    _checkin(db, NOW - timedelta(days=40), 6)
    assert data.fitting_span() is Span.THREE_MONTHS


def test_the_chart_view_shows_the_measure_asked_for(db: Database) -> None:
    _checkin(db, NOW - timedelta(days=2), 3)
    data = ProgressData(db, lambda: NOW)
    view = data.chart_view(Measure.DISTRESS, Span.TWO_WEEKS, data.now_local())
    assert view.measure is Measure.DISTRESS
    assert not is_extra(Measure.DISTRESS.value)
    assert is_extra("extra:practice")
