"""The time now and the computer's time zone: the one owner every page and service asks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, tzinfo

from pfrelax.desktop.zone import local_zone, zone_named

Now = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def system_zone(toolkit_name: Callable[[], str] | None = None) -> tzinfo:
    """The computer's time zone with its daylight-saving rules.

    $TZ, /etc/localtime or /etc/timezone (desktop.zone); else the IANA name the GUI toolkit
    reports (`toolkit_name`: how Windows is answered); else the offset in force now, right until
    the next change of the clocks.
    """
    zone: tzinfo | None = local_zone()
    if zone is None and toolkit_name is not None:
        zone = zone_named(toolkit_name())
    if zone is None:
        zone = datetime.now().astimezone().tzinfo
    return zone if zone is not None else UTC
