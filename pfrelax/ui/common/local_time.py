"""The system time zone for pages: services.local_time's, with Qt naming it where files cannot."""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import QTimeZone

from pfrelax.services import local_time
from pfrelax.services.local_time import Now, utc_now

__all__ = ["Now", "system_zone", "utc_now"]


def system_zone() -> tzinfo:
    return local_time.system_zone(_qt_zone_name)


def _qt_zone_name() -> str:
    return bytes(QTimeZone.systemTimeZoneId().data()).decode()
