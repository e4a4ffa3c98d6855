"""Python calls a frame: the player's tick (transport read, picture key, dirty rectangle, paint)
counted with cProfile over fake-clock frames, in all and those into PySide6.

Calls, not time: the count is the same on a busy machine, so a change's effect shows at once.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/frame_calls.py [--style wave]
        [--ticks 600]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")

from PySide6.QtWidgets import QApplication  # after choosing the platform

from pfrelax import paths
from pfrelax.core import texts
from pfrelax.core.clock import FakeClock
from pfrelax.core.pattern import Pattern
from pfrelax.core.session import BreatheStep, Session
from pfrelax.core.settings import Settings
from pfrelax.core.timeline import compile_session
from pfrelax.services.playback import Playback
from pfrelax.services.preferences import Preferences
from pfrelax.ui.common.theme import LIGHT, apply_theme
from pfrelax.ui.player.frame_driver import FRAME_INTERVAL_MS
from pfrelax.ui.player.player_page import PlayerPage


def breathing_session(seconds: float) -> Session:
    """4-6 belly breathing, longer than `seconds` (as `frames.py` plays)."""
    step = BreatheStep(
        "4-6", Pattern(inhale_ms=4000, exhale_ms=6000), cycles=round(seconds / 10) + 2
    )
    return Session(id="bench", title="Benchmark", steps=(step,))


def count(style: str, ticks: int) -> tuple[float, float, float]:
    """Calls a tick (all, into PySide6) and the share of ticks that painted."""
    settings = Settings(count_in_seconds=0, animation_style=style)
    player = PlayerPage(
        Playback(clock := FakeClock()), Preferences(paths.settings_path(), settings)
    )
    player.set_palette(LIGHT)
    player.resize(1280, 800)
    player.show()
    session = breathing_session(ticks * FRAME_INTERVAL_MS / 1000 + 20)
    player.load(session, compile_session(session), autostart=True)
    for _ in range(60):  # past the step's fade-in
        clock.advance(FRAME_INTERVAL_MS / 1000)
        player.frame_driver.tick()
    player.pages.finish_fades()  # its animation runs on the real clock, which stands still here
    QApplication.processEvents()
    profile = cProfile.Profile()
    painted = 0
    for _ in range(ticks):
        clock.advance(FRAME_INTERVAL_MS / 1000)
        before = player.stage.view.painted_moment
        profile.enable()
        player.frame_driver.tick()
        profile.disable()
        painted += player.stage.view.painted_moment is not before
    stats = pstats.Stats(profile)
    calls = sum(entry[1] for entry in stats.stats.values())  # type: ignore[attr-defined]
    pyside = sum(
        entry[1]
        for key, entry in stats.stats.items()  # type: ignore[attr-defined]
        if "PySide6" in key[2] or "Shiboken" in key[2]
    )
    player.shutdown()
    player.close()
    return calls / ticks, pyside / ticks, painted / ticks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--style", choices=("orb", "wave", "path"), action="append")
    parser.add_argument("--ticks", type=int, default=600)
    args = parser.parse_args()
    texts.use_assets(paths.assets_dir())
    app = QApplication([])
    apply_theme(app, LIGHT)
    print(f"{'style':6} {'calls/tick':>10} {'PySide6':>8} {'painted':>8}")
    for style in args.style or ["orb", "wave", "path"]:
        calls, pyside, painted = count(style, args.ticks)
        print(f"{style:6} {calls:10.0f} {pyside:8.0f} {painted:8.0%}")


if __name__ == "__main__":
    main()
