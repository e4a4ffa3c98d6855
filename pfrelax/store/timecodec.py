"""Aware datetimes to and from the integers a row stores: UTC seconds and the local UTC offset."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

Clock = Callable[[], datetime]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_WALL_EPOCH = datetime(1970, 1, 1)
_SECOND = timedelta(seconds=1)
_DAY_S = 24 * 3600


def local_now() -> datetime:
    """Now, in the computer's local time zone, so a row remembers the offset the person lived in."""
    return datetime.now().astimezone()


def require_aware(moment: datetime, what: str) -> datetime:
    if moment.utcoffset() is None:
        raise ValueError(f"{what} must be a timezone-aware datetime, got {moment!r}")
    return moment


def to_columns(moment: datetime) -> tuple[int, int]:
    """(UTC seconds, offset seconds). Whole seconds: nothing needs finer, and export stays exact."""
    offset = require_aware(moment, "a stored time").utcoffset()
    assert offset is not None  # checked just above; narrows the type for mypy
    return (moment - _EPOCH) // _SECOND, offset // _SECOND


def from_columns(utc_seconds: int, offset_seconds: int) -> datetime:
    # fromtimestamp with a cached zone is the fast path: this runs per row of 20-year charts.
    try:
        return datetime.fromtimestamp(utc_seconds, _zone(offset_seconds))
    except (OSError, OverflowError, ValueError):  # Windows refuses times before 1970
        return (_EPOCH + timedelta(seconds=utc_seconds)).astimezone(_zone(offset_seconds))


def iso_from_columns(utc_seconds: object, offset_seconds: object) -> str | None:
    """The ISO text of a stored time, or None when the columns cannot be a time at all.

    Never raises: an export must get through any row a database holds, including one written by
    an older pfrelax that accepted year 9999 (which is a date locally but not in UTC) or edited by
    hand.
    """
    if not isinstance(utc_seconds, int) or not isinstance(offset_seconds, int):
        return None
    if abs(offset_seconds) >= _DAY_S:
        return None  # no time zone is a day or more away from UTC
    try:
        return to_iso(from_columns(utc_seconds, offset_seconds))
    except (OverflowError, ValueError, OSError):
        pass
    try:
        # Local wall time first: 9999-12-31T23:00-05:00 is past the last UTC date Python knows.
        wall = _WALL_EPOCH + timedelta(seconds=utc_seconds + offset_seconds)
        return to_iso(wall.replace(tzinfo=_zone(offset_seconds)))
    except (OverflowError, ValueError):
        return None


@functools.cache
def _zone(offset_seconds: int) -> timezone:
    return UTC if offset_seconds == 0 else timezone(timedelta(seconds=offset_seconds))


def to_iso(moment: datetime) -> str:
    """ISO 8601 with the UTC offset, e.g. 2026-11-27T08:30:00+01:00 (UTC is written +00:00)."""
    return moment.isoformat(timespec="seconds")


def parse_iso(text: str) -> datetime | None:
    """An aware datetime, or None when `text` is not ISO 8601 with an offset."""
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.utcoffset() is not None else None
