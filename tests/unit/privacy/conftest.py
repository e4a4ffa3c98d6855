"""Fixtures for the privacy tests: a history with known words in it, and cheap Argon2 costs."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from pfrelax.services.privacy import KdfParams, Privacy
from pfrelax.store.checkins import Checkins
from pfrelax.store.db import open_database

# The real costs take half a second a key; these test the same code path in milliseconds.
CHEAP = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)
KNOWN_WORDS = ("dilator practice went gently", "pelvic floor softer tonight", "distress")
AT = datetime(2026, 11, 23, 8, 30, tzinfo=UTC)


def fill(path: Path, count: int = 5) -> None:
    """A history at `path` with `count` check-ins whose notes are the known words."""
    with open_database(path) as db:
        checkins = Checkins(db, now=lambda: AT)
        for n in range(count):
            checkins.save_checkin("standalone", {"distress": n % 11}, note=KNOWN_WORDS[n % 2])


def checkin_count(path: Path, privacy: Privacy, passphrase: str | None) -> int:
    key = privacy.key_for(passphrase) if passphrase is not None else None
    with open_database(path, recover_runs=False, key=key) as db:
        return int(db.connection.execute("SELECT count(*) FROM checkins").fetchone()[0])


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "pfrelax.sqlite3"


@pytest.fixture
def privacy(db_path: Path) -> Privacy:
    return Privacy(db_path, params=CHEAP)
