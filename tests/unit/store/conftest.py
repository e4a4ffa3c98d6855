"""Fixtures for the store tests: a database in tmp_path and a clock the test moves by hand."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from pfrelax.store.db import Database, open_database

CET = timezone(timedelta(hours=1))


class FakeClock:
    """`now` for the repositories: starts at a fixed local time and moves only when told."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> datetime:
        self.current += timedelta(**delta)
        return self.current


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 23, 8, 30, tzinfo=CET))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "pfrelax.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    database.close()
