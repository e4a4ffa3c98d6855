"""Pictures of the pack studio for docs/screenshots: `python tests/studio_screenshots.py OUT`
(100 %, light and dark) and `… OUT --scale 2` (200 % on a 1280×800 screen, light).

Not a test (pytest collects only test_*.py): the studio on Qt's offscreen platform with the
example pack, a pelvic floor step showing the validator's message under a field, a dilator step,
a speak step with its narration panel, the Check-ins, Pack, Plan (with its Today preview) and
Check tabs.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_PACK = ROOT / "examples" / "riverside-release"


def main(argv: list[str]) -> int:
    out = Path(argv[0]).resolve()
    scale = int(argv[argv.index("--scale") + 1]) if "--scale" in argv else 1
    if os.environ.get("PFRELAX_STUDIO_SHOTS_CHILD") != "1":
        return _relaunch(out, scale)
    out.mkdir(parents=True, exist_ok=True)
    _shoot(out, scale)
    return 0


def _relaunch(out: Path, scale: int) -> int:
    width, height = (1920, 1080) if scale == 1 else (1280, 800)
    home = Path(tempfile.mkdtemp(prefix="pfrelax-studio-shots-"))
    config = home / "screen.json"
    screen = {"name": "shots", "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96}]}))
    env = {
        **os.environ,
        "PFRELAX_STUDIO_SHOTS_CHILD": "1",
        "PFRELAX_HOME": str(home / "home"),
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": str(scale),
    }
    command = [sys.executable, __file__, str(out), "--scale", str(scale)]
    return subprocess.run(command, env=env, check=False).returncode


def _shoot(out: Path, scale: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

    from pfrelax.launch import create_application
    from pfrelax.ui.common.theme import DARK, LIGHT, apply_theme
    from pfrelax.ui.studio.studio_window import StudioWindow

    app = create_application([])
    folder = Path(tempfile.mkdtemp()) / "riverside-release"
    shutil.copytree(EXAMPLE_PACK, folder)
    studio = StudioWindow()
    studio.resize(1200, 760) if scale == 1 else studio.resize(640, 400)
    studio.show()
    studio.open_path(folder)
    names = [s.name for s in studio.source.sessions]  # type: ignore[union-attr]
    suffix = "" if scale == 1 else "-200pct"

    def save(name: str, shown: QWidget | None = None) -> None:
        QTest.qWait(150)
        reveal(shown or QApplication.focusWidget())
        studio.grab().save(str(out / f"{name}{suffix}.png"))
        sys.stdout.write(f"wrote {out / name}{suffix}.png\n")

    def reveal(widget: QWidget | None) -> None:
        """At 200 % the tab scrolls: bring what the picture is about into view, as Tab would."""
        if widget is None:
            return
        areas = [a for a in studio.findChildren(QScrollArea) if a.isAncestorOf(widget)]
        for area in sorted(areas, key=lambda a: -sum(1 for b in areas if b.isAncestorOf(a))):
            area.ensureWidgetVisible(widget)  # the innermost first, then the tab around it
        QTest.qWait(50)

    def choose(session: str, step: int) -> None:
        studio.tabs.setCurrentWidget(studio.sessions)
        studio.sessions.sessions.setCurrentRow(names.index(session))
        studio.sessions.steps.setCurrentRow(step)

    for palette, theme in ((LIGHT, "light"), (DARK, "dark")) if scale == 1 else ((LIGHT, "light"),):
        apply_theme(app, palette)
        choose("sessions/find-the-let-go.toml", 2)
        release = studio.sessions.step_form.pelvic_floor.fields["release"]
        release.setFocus()
        QTest.keyClick(release, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(release, "5")
        save(f"studio-{theme}")
        QTest.keyClick(release, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(release, "12")
        choose("sessions/practice-with-the-breath.toml", 1)
        save(f"studio-dilator-{theme}")
        choose("sessions/find-the-let-go.toml", 0)  # a speak step: its narration panel
        save(f"studio-narration-{theme}", studio.sessions.step_form.narration)
        studio.tabs.setCurrentWidget(studio.checkin)
        save(f"studio-checkins-{theme}")
        studio.tabs.setCurrentWidget(studio.details)
        save(f"studio-pack-{theme}")
        studio.tabs.setCurrentWidget(studio.plan)
        save(f"studio-plan-{theme}")
        studio.tabs.setCurrentWidget(studio.problems)
        save(f"studio-check-{theme}")
    studio.changed = False
    studio.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
