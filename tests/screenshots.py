"""Take the screenshots in docs/screenshots from the assembled app (`make screenshots`).

Not a test (pytest collects only test_*.py): it drives the real window on Qt's offscreen
platform with a virtual screen, in a fresh PFRELAX_HOME holding the example pack and one
practised session, on a fake clock so the count-in and the breaths stop where wanted.
Run it twice: `screenshots.py OUT` (100 %, 1920×1080 screen, the window at 1280×800) and
`screenshots.py OUT --scale 2` (200 % on a 1280×800 screen, the window as it fits).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_PACK = ROOT / "examples" / "riverside-release"
PACK_SESSION = "riverside-pt.release-phase-1/before-dilator"  # its pack adds a pain question


def main(argv: list[str]) -> int:
    run = shot_run(argv, __file__)
    if isinstance(run, int):
        return run
    shooter = Shooter(run.out)
    if "--practice" in argv:  # only the pelvic floor and dilator pictures
        shooter.practice_pictures(run.scale)
    elif run.scale == 1:
        shooter.everything_at_100()
    else:
        shooter.everything_at_200()
    shooter.close()
    return 0


@dataclass(frozen=True)
class ShotRun:
    """Where the pictures go and at which scale, with what follows from the scale."""

    out: Path
    scale: int

    @property
    def themes(self) -> tuple[str, ...]:
        return ("light", "dark") if self.scale == 1 else ("light",)

    @property
    def suffix(self) -> str:
        return "" if self.scale == 1 else "-200pct"


def shot_run(argv: list[str], script: str) -> ShotRun | int:
    """This run's settings in the child process; in the parent, the child's exit status."""
    out = Path(argv[0]).resolve()
    scale = int(argv[argv.index("--scale") + 1]) if "--scale" in argv else 1
    if os.environ.get("PFRELAX_SCREENSHOTS_CHILD") != "1":
        return relaunch(script, out, scale)
    out.mkdir(parents=True, exist_ok=True)
    return ShotRun(out, scale)


def relaunch(script: str, out: Path, scale: int) -> int:
    """Again in a child process: the platform, screen and scale are fixed at Qt's start."""
    width, height = (1920, 1080) if scale == 1 else (1280, 800)
    home = Path(tempfile.mkdtemp(prefix="pfrelax-shots-"))
    config = home / "screen.json"
    screen = {"name": "shots", "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96}]}))
    env = {
        **os.environ,
        "PFRELAX_SCREENSHOTS_CHILD": "1",
        "PFRELAX_HOME": str(home / "home"),
        # Discreet mode renames the installed menu entry: never the one of this computer's user.
        "XDG_DATA_HOME": str(home / "xdg-data"),
        "XDG_CONFIG_HOME": str(home / "xdg-config"),
        "PFRELAX_AUDIO": "null",
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": str(scale),
    }
    command = [sys.executable, script, str(out), "--scale", str(scale)]
    command += ["--practice"] if "--practice" in sys.argv else []
    return subprocess.run(command, env=env, check=False).returncode


class Shooter:
    """The app in one fresh profile, and the few moves each picture needs."""

    def __init__(self, out: Path) -> None:
        from pfrelax.core.clock import FakeClock
        from pfrelax.formats.pack_build import build_pack
        from pfrelax.launch import build, create_application, fill_library, read_library
        from tests.pack_service import install_pack

        self.out = out
        install_pack(build_pack(EXAMPLE_PACK, Path(tempfile.mkdtemp()) / "release.pfpack"))
        self.app = create_application([])
        self.clock = FakeClock()
        self.composition = build(self.app, clock=self.clock)
        self.window = self.composition.window
        self.window.show()
        self.settle()
        fill_library(self.composition, read_library())
        self.composition.finish_startup()
        self.settle()

    # --- moves ------------------------------------------------------------------------------
    def settle(self, ms: int = 150) -> None:
        from PySide6.QtTest import QTest

        QTest.qWait(ms)
        player = self.composition.player.built_page()
        while player is not None and player.fading:
            QTest.qWait(50)

    def theme(self, name: str) -> None:
        self.composition.preferences.change(theme=name)
        self.settle()

    def settings(self, **changes: object) -> None:
        self.composition.preferences.change(**changes)
        self.settle()

    def shoot(self, name: str, widget: object | None = None) -> None:
        from PySide6.QtWidgets import QWidget

        target = widget if isinstance(widget, QWidget) else self.window
        self.settle()
        target.grab().save(str(self.out / name))
        sys.stdout.write(f"wrote {self.out / name}\n")

    def page(self, name: str) -> None:
        self.window.show_page(name)
        self.settle()

    def play(self, address: str, seconds: float, *, count_in: bool = False) -> None:
        """Open `address` and play it to `seconds` in (or to `seconds` of the count-in)."""
        library = self.composition.library
        assert library is not None
        self.composition.open_session(library.find(address))
        self.settle()
        player = self.composition.player_page
        player.start()  # straight in: the before check-in is pictured on its own
        # The null output's clock runs in real time; each picture wants the fake clock's moment.
        player.playback.take_clock_back()
        self.clock.advance(seconds if count_in else 3 + seconds)
        player.refresh()
        self.settle(300)

    def practise_a_first_session(self) -> None:
        """One session played through the app, with its before and after check-ins."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        library = self.composition.library
        assert library is not None
        self.composition.open_session(library.find("pelvic-floor-drop-5"))
        self.settle()
        player = self.composition.player_page
        flow = self.composition.session_flow
        assert flow is not None
        QTest.mouseClick(player.pre_start.start_button, Qt.MouseButton.LeftButton)
        self.rate("627")
        for seconds in (3.5, 5 * 60 + 5):  # the count-in, then the whole session
            self.clock.advance(seconds)
            player.refresh()
        self.settle()
        self.rate("335")
        if flow.dialog is not None and flow.dialog.weekly_dialog is not None:
            flow.dialog.weekly_dialog.reject()
        self.settle()

    def rate(self, digits: str) -> None:
        """Type one digit a question into the open check-in, and save it."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        flow = self.composition.session_flow
        assert flow is not None
        dialog = flow.dialog
        assert dialog is not None
        for scale, digit in zip(dialog.scales, digits, strict=False):
            QTest.keyClick(scale.slider, Qt.Key(ord(digit)))
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        self.settle()

    def close(self) -> None:
        self.composition.player_page.shutdown()
        self.window.close()

    # --- the pictures -----------------------------------------------------------------------
    def everything_at_100(self) -> None:
        self.window.resize(1280, 800)
        self.settle()
        for name in ("light", "dark"):
            self.theme(name)
            self.page("Library")
            self.shoot(f"library-{name}.png")  # the PT's pack first, under its title and author
        self.theme("light")
        self.page("Today")
        self.shoot("today-light.png")
        self.practise_a_first_session()  # first: every later picture plays a little too
        for name in ("light", "dark"):
            self.theme(name)
            self.page("Progress")
            self.shoot(f"progress-{name}.png")
        self.player_pictures()
        self.practice_pictures(1)
        self.checkin_picture()

    def player_pictures(self) -> None:
        library = self.composition.library
        assert library is not None
        self.theme("light")
        self.composition.open_session(library.find("four-seven-eight"))
        self.shoot("prestart-light.png")
        for name in ("light", "dark"):
            self.theme(name)
            self.play("pelvic-floor-release-10", 1.0, count_in=True)
            self.shoot(f"count-in-{name}.png")
        breath = "pelvic-floor-drop-5"
        for style, name, moment in (
            ("orb", "player-orb-dark.png", 57.5),  # breathing in
            ("orb", "player-orb-light.png", 62.0),  # breathing out
            ("path", "player-path-light.png", 57.5),
            ("wave", "player-wave-dark.png", 57.5),
        ):
            self.theme("dark" if "dark" in name else "light")
            self.settings(animation_style=style, reduced_motion=False)
            self.play(breath, moment)
            self.shoot(name)
        self.theme("light")
        self.settings(animation_style="orb", reduced_motion=True)
        self.play(breath, 57.5)
        self.shoot("player-reduced-motion-light.png")
        self.settings(reduced_motion=False)
        self.theme("dark")
        self.play("body-scan-12", 20.0)
        self.composition.player_page.pause()
        self.shoot("player-paused-captions-dark.png")
        self.play(breath, 57.5)
        self.window.focus_mode.enter()
        self.settle(300)
        self.shoot("focus-mode-dark.png")
        self.window.focus_mode.leave()
        self.window.resize(1280, 800)
        self.theme("light")
        self.play("one-minute-reset", 70.0)
        self.shoot("end-light.png")

    def practice_pictures(self, scale: int) -> None:
        """The pelvic floor picture under the breath, and a dilator stay waiting for Continue."""
        from pfrelax.core.timeline import PELVIC_KINDS, compile_session

        library = self.composition.library
        assert library is not None
        drop = compile_session(library.find("pelvic-floor-drop-practice-6"))
        release = next(s for s in drop.segments if s.kind in PELVIC_KINDS)
        stay = compile_session(library.find("dilator-practice-15")).paced_stages[0]
        if scale == 1:
            for style, theme in (("orb", "light"), ("wave", "dark")):
                self.theme(theme)
                self.settings(animation_style=style, reduced_motion=False)
                # Most of the way through the first release: dropped and widened.
                self.play("pelvic-floor-drop-practice-6", release.start_ms / 1000 + 8)
                self.shoot(f"player-pelvic-{style}-{theme}.png")
        self.settings(animation_style="orb", reduced_motion=False)
        for theme in ("dark", "light") if scale == 1 else ("light",):
            self.theme(theme)
            self.play("dilator-practice-15", stay.offer_ms / 1000 + 1)  # Continue is offered
            suffix = "" if scale == 1 else "-200pct"
            self.shoot(f"player-dilator-stay-{theme}{suffix}.png")
            self.composition.player_page.stop()
            self.settle()

    def checkin_picture(self) -> None:
        """The before check-in of a pack session that adds a pain question: four questions."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        self.theme("dark")
        library = self.composition.library
        assert library is not None
        self.composition.open_session(library.find(PACK_SESSION))
        self.settle()
        player = self.composition.player_page
        QTest.mouseClick(player.pre_start.start_button, Qt.MouseButton.LeftButton)
        flow = self.composition.session_flow
        assert flow is not None
        dialog = flow.dialog
        assert dialog is not None
        self.settle(300)
        QTest.keyClick(
            dialog.scales[0].slider, Qt.Key.Key_4
        )  # one rated, three not yet: no handles
        self.shoot("checkin-dark.png", dialog)
        dialog.reject()
        self.settle()

    def everything_at_200(self) -> None:
        self.theme("light")
        self.page("Library")
        self.shoot("library-light-200pct.png")
        self.theme("dark")
        self.play("pelvic-floor-drop-5", 57.5)
        self.shoot("player-orb-dark-200pct.png")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
