"""The time now and the computer's time zone, injectable (tests pass their own clock)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QTimeZone

Now = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def system_zone() -> tzinfo:
    """The computer's time zone with its daylight-saving rules (Qt knows its IANA name)."""
    key = bytes(QTimeZone.systemTimeZoneId().data()).decode()
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError):
        zone = datetime.now().astimezone().tzinfo  # a fixed offset: right until the next change
        return zone if zone is not None else UTC
