"""The local time zone by name: $TZ, the /etc/localtime link, /etc/timezone."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from pfrelax.desktop.zone import local_zone, zone_named


def test_tz_wins(tmp_path: Path) -> None:
    found = local_zone({"TZ": ":America/Chicago"}, tmp_path / "none", tmp_path / "none")
    assert found == ZoneInfo("America/Chicago")


def test_the_localtime_link_names_the_zone(tmp_path: Path) -> None:
    link = tmp_path / "localtime"
    link.symlink_to("/usr/share/zoneinfo/Europe/Berlin")
    assert local_zone({}, link, tmp_path / "none") == ZoneInfo("Europe/Berlin")


def test_the_timezone_file_is_the_last_resort(tmp_path: Path) -> None:
    (tmp_path / "timezone").write_text("Asia/Tokyo\n", encoding="utf-8")
    assert local_zone({}, tmp_path / "none", tmp_path / "timezone") == ZoneInfo("Asia/Tokyo")


def test_unknown_everywhere_is_none(tmp_path: Path) -> None:
    assert local_zone({}, tmp_path / "none", tmp_path / "none") is None
    assert zone_named("Not/AZone") is None
    assert zone_named("../etc/passwd") is None
