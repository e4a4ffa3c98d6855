"""At 200 % the window fits the screen and every page fits the window (a child process each)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, QSize

PROBE = Path(__file__).with_name("screen_probe.py")


def probe(tmp_path: Path, width: int, height: int, scale: int) -> dict[str, Any]:
    config = tmp_path / "screen.json"
    screen = {"name": "probe", "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96}]}))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": str(scale),
        "PFRELAX_HOME": str(tmp_path / "home"),
        "PFRELAX_AUDIO": "null",
    }
    done = subprocess.run(
        [sys.executable, str(PROBE)], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    found: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return found


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1920, 1080)])
def test_at_200_percent_the_window_and_its_pages_fit_the_screen(
    tmp_path: Path, width: int, height: int
) -> None:
    found = probe(tmp_path, width, height, 2)
    sx, sy, sw, sh = found["screen"]
    assert [sw, sh] == [width // 2, height // 2]  # 200 %: half as many logical pixels
    fx, fy, fw, fh = found["frame"]
    assert QRect(sx, sy, sw, sh).contains(QRect(fx, fy, fw, fh)), found
    assert QSize(*found["minimum"]).boundedTo(QSize(sw, sh)) == QSize(*found["minimum"])
    shown, words = found["search"]
    assert shown >= words  # "Search sessions", not "S…"
    assert not found["cards_scroll_sideways"]
    assert found["card_width"] <= found["list_width"]
    for name, page in found["pages"].items():
        size, needs = QSize(*page["size"]), QSize(*page["needs"])
        assert needs.boundedTo(size) == needs, (name, page)


def test_at_100_percent_the_window_opens_at_its_comfortable_size(tmp_path: Path) -> None:
    found = probe(tmp_path, 1920, 1080, 1)
    assert found["frame"][2:] >= [1280, 800]
    assert found["minimum"] == [800, 560]
