"""Frame benchmark: the player on a 60 s session with the real monotonic clock.

Prints the frames painted per second (a picture that would move less than half a pixel is not
repainted), the frame driver's ticks, and while the picture moves (the driver asking for every
frame) the frame rate and p50/p99 interval; CPU (% of one core) while animating and while idle
with the player closed, and the largest gap between the moment painted and the moment due at
paint time; then the same with a 200 ms GUI stall injected every few seconds.

The session starts as in use (a 1 s count-in while the page fades in); that start is measured
and printed on its own, since its one-off cost would otherwise be spread over however many seconds
the run lasts. The budget figure is the steady animation after it.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/frames.py [--seconds 60] [--idle 10]
        [--style orb|wave|path|still]   (still: reduced motion)
        [--dilator]   (a dilator step: the pelvic floor picture moves with the breath too)
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from dataclasses import dataclass, field

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")
os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")  # as the app sets it (launch.create_application)

import itertools

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer  # after choosing the platform
from PySide6.QtWidgets import QApplication

from pfrelax import paths
from pfrelax.core import texts
from pfrelax.core.clock import MonotonicClock
from pfrelax.core.pattern import Pattern
from pfrelax.core.session import BreatheStep, DilatorStep, Session
from pfrelax.core.settings import Settings
from pfrelax.core.timeline import compile_session
from pfrelax.services.playback import Playback
from pfrelax.services.preferences import Preferences
from pfrelax.ui.common.theme import LIGHT, apply_theme
from pfrelax.ui.player.frame_driver import FRAME_INTERVAL_MS
from pfrelax.ui.player.player_page import PlayerPage

STALL_S = 0.2
STALL_EVERY_MS = 3000
START_S = 1.5  # the 1 s count-in, the 400 ms fade-in, and a margin


def breathing_session(seconds: float) -> Session:
    """4-6 belly breathing, a little longer than `seconds` so it is still running at the end."""
    cycles = round(seconds / 10) + 2
    pattern = Pattern(inhale_ms=4000, exhale_ms=6000)
    step = BreatheStep("4-6", pattern, cycles=cycles)
    return Session(id="bench", title="Benchmark", steps=(step,))


def dilator_session(seconds: float) -> Session:
    """A dilator step whose settling (4-6 breaths) lasts longer than `seconds`."""
    pattern = Pattern(inhale_ms=4000, exhale_ms=6000)
    settle_ms = (round(seconds / 10) + 2) * 10_000
    step = DilatorStep("Practice", pattern, settle_ms=settle_ms)
    return Session(id="bench-dilator", title="Benchmark", steps=(step,))


@dataclass
class PaintProbe(QObject):
    """Watches the breathing view's paints (when, and how far from the moment then due) and the
    frame driver's ticks (when, and whether it had asked for the very next frame)."""

    player: PlayerPage
    paint_times: list[float] = field(default_factory=list)
    errors_ms: list[int] = field(default_factory=list)
    tick_times: list[tuple[float, bool]] = field(default_factory=list)
    _due_ms: int | None = None
    _first: bool = True

    def __post_init__(self) -> None:
        super().__init__()
        self.player.stage.view.installEventFilter(self)
        driver = self.player.frame_driver
        tick = driver.tick

        def watched_tick() -> None:
            every_frame = driver.interval_ms == FRAME_INTERVAL_MS
            self.tick_times.append((time.perf_counter(), every_frame))
            tick()

        driver.tick = watched_tick  # type: ignore[method-assign]  # a probe, in a benchmark

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802  # Qt's name
        if event.type() == QEvent.Type.Paint:
            self._settle()
            transport = self.player.transport
            if transport is not None:
                self.paint_times.append(time.perf_counter())
                self._due_ms = transport.position_ms()
        return False

    def _settle(self) -> None:
        """Compare the previous paint's moment (painted by now) with what was due then."""
        painted = self.player.stage.view.painted_moment
        # The first paint is the window appearing (mapping takes tens of ms after the session
        # was loaded); the budget is about frames of a running session.
        if self._due_ms is not None and painted is not None and not self._first:
            self.errors_ms.append(abs(painted.time_ms - self._due_ms))
        if self._due_ms is not None:
            self._first = False
        self._due_ms = None

    def finish(self) -> None:
        self._settle()


def run_loop(app: QApplication, seconds: float) -> tuple[float, float]:
    """Run the event loop for `seconds`; return (wall, cpu) seconds used."""
    # A local loop, not app.exec(): quitting the application would also close its windows.
    loop = QEventLoop(app)
    wall, cpu = time.perf_counter(), time.process_time()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()
    return time.perf_counter() - wall, time.process_time() - cpu


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def animate(
    app: QApplication, seconds: float, *, stall: bool, style: str = "orb", dilator: bool = False
) -> None:
    # A 1 s count-in, as in use: the page fades in (400 ms) while the picture is still.
    still = style == "still"
    settings = Settings(
        count_in_seconds=1,
        animation_style="orb" if still else style,
        reduced_motion=still,
    )
    # Never changed here, so never saved: the person's own settings file is not touched.
    preferences = Preferences(paths.settings_path(), settings)
    player = PlayerPage(Playback(MonotonicClock()), preferences)
    player.set_palette(LIGHT)
    player.resize(1280, 800)
    player.show()
    session = dilator_session(seconds) if dilator else breathing_session(seconds)
    player.load(session, compile_session(session), autostart=True)
    probe = PaintProbe(player)
    staller = QTimer()
    staller.setInterval(STALL_EVERY_MS)
    staller.timeout.connect(lambda: time.sleep(STALL_S))  # a GUI thread busy elsewhere
    if stall:
        staller.start()
    start_wall, start_cpu = run_loop(app, START_S)
    started, started_ticks = len(probe.paint_times), len(probe.tick_times)
    wall, cpu = run_loop(app, seconds)
    staller.stop()
    probe.finish()
    player.shutdown()
    player.close()
    print(f"-- starting: count-in and fade-in ({start_wall:.1f} s)")
    print(f"CPU while starting     {100 * start_cpu / start_wall:7.1f} % of one core")
    del probe.paint_times[: max(0, started - 1)]  # the steady part's intervals only
    del probe.tick_times[: max(0, started_ticks - 1)]
    report("with a 200 ms stall every 3 s" if stall else "steady", probe, wall, cpu)


def report(label: str, probe: PaintProbe, wall: float, cpu: float) -> None:
    times = probe.paint_times
    intervals = [(b - a) * 1000 for a, b in itertools.pairwise(times)]
    # Where the picture moves, the driver asks for every frame: those ticks are the frame rate.
    moving = [
        (b - a) * 1000 for (a, _), (b, every) in itertools.pairwise(probe.tick_times) if every
    ]
    print(f"-- animating, {label} ({wall:.1f} s)")
    print(f"frames painted/second  {len(times) / wall:7.1f}  (a still picture is not repainted)")
    if intervals:
        print(f"paint interval p50     {statistics.median(intervals):7.1f} ms")
    print(f"ticks per second       {len(probe.tick_times) / wall:7.1f}")
    if moving:
        print(f"while moving: frames/s {1000 / statistics.mean(moving):7.1f}  ", end="")
        print(
            f"(p50 {statistics.median(moving):.1f} ms, p99 {percentile(moving, 0.99):.1f} ms, ",
            end="",
        )
        print(f"{100 * len(moving) / max(1, len(probe.tick_times)):.0f} % of ticks)")
    print(f"CPU while animating    {100 * cpu / wall:7.1f} % of one core")
    worst = max(probe.errors_ms, default=0)
    print(f"painted vs due, worst  {worst:7d} ms  ({len(probe.errors_ms)} frames)")


def idle(app: QApplication, seconds: float) -> None:
    wall, cpu = run_loop(app, seconds)
    print(f"-- idle, player closed ({wall:.1f} s)")
    print(f"CPU while idle         {100 * cpu / wall:7.1f} % of one core")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="animate this long (60)")
    parser.add_argument("--idle", type=float, default=10.0, help="then idle this long (10)")
    parser.add_argument(
        "--style",
        choices=("orb", "wave", "path", "still"),
        default="orb",
        help="the animation style (orb); still: reduced motion",
    )
    parser.add_argument("--dilator", action="store_true", help="a dilator step (the bowl too)")
    args = parser.parse_args()
    texts.use_assets(paths.assets_dir())  # as the app does (app.create_application)
    app = QApplication([])
    apply_theme(app, LIGHT)
    print(f"platform: {app.platformName()}, style: {args.style}, dilator: {args.dilator}")
    animate(app, args.seconds, stall=False, style=args.style, dilator=args.dilator)
    idle(app, args.idle)
    animate(app, args.seconds, stall=True, style=args.style, dilator=args.dilator)


if __name__ == "__main__":
    main()
