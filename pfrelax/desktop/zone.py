"""The person's time zone by its IANA name (Europe/Berlin), so a calendar keeps its rules."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_LOCALTIME = Path("/etc/localtime")
_TIMEZONE_FILE = Path("/etc/timezone")


def zone_named(name: str) -> ZoneInfo | None:
    """The zone called `name`, or None when there is no such zone."""
    try:
        return ZoneInfo(name.strip().removeprefix(":"))
    except (ZoneInfoNotFoundError, ValueError):
        return None


def local_zone(
    environ: Mapping[str, str] | None = None,
    localtime: Path = _LOCALTIME,
    timezone_file: Path = _TIMEZONE_FILE,
) -> ZoneInfo | None:
    """The system's zone: $TZ, the /etc/localtime link, or /etc/timezone; None when unknown.

    Windows (and odd setups) answer None; callers then use times without a zone ("floating"),
    which a calendar shows at the same clock time wherever the person is.
    """
    env = os.environ if environ is None else environ
    if env.get("TZ"):
        return zone_named(env["TZ"])
    try:
        target = str(localtime.readlink())  # one link: ".../zoneinfo/Europe/Berlin"
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        found = zone_named(target.split("zoneinfo/", 1)[1])
        if found is not None:
            return found
    try:
        return zone_named(timezone_file.read_text(encoding="utf-8"))
    except OSError:
        return None
