"""Side by side under Xvfb: CPU of the Qt floor and of `pfrelax play` in every style, in one run.

One Xvfb (1280×800, software rendering) serves every program. Each round runs the Qt floor
(`qt_floor.py`), `pfrelax play` in the orb, wave and path styles and in reduced motion, and the
main window left idle, one at a time in an order rotated each round. Each program settles for a
few seconds, then its CPU (all its threads, from /proc) is read over the measuring window. The
machine may be shared, so the ratios to the floor within the run are the figures that count;
the load average is printed with them.

    .venv/bin/python benchmarks/side_by_side.py [--seconds 20] [--rounds 3] [--settle 4]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TICKS = os.sysconf("SC_CLK_TCK")
PFRELAX = str(Path(sys.executable).parent / "pfrelax")  # the installed command

# A breathing step that moves all the time (4 s in, 6 s out), long enough for any run.
SESSION = """\
pfrelax = 1
id = "bench-4-6"
title = "Benchmark 4-6"
summary = "Four in, six out, for the side-by-side benchmark."
language = "en"
tags = ["breathing"]

[[step]]
type = "breathe"
title = "Breathe 4-6"
pattern = "4-0-6-0"
minutes = 30
cues = "none"
"""

# Styles as the settings file names them: (animation_style, reduced_motion).
STYLES = {"orb": ("orb", False), "wave": ("wave", False), "path": ("path", False)}
STYLES["reduced motion"] = ("orb", True)


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """A private Xvfb; its display number comes back through -displayfd."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        raise SystemExit("Xvfb did not start")
    return xvfb, f":{number}"


AUDIO_THREAD = "Thread (pooled)"  # the player's sound runs on its own QThreadPool


def cpu_seconds(pid: int) -> tuple[float, float]:
    """CPU seconds so far of every thread of `pid`, and of its sound thread(s) alone.

    (Qt's own GUI thread pool is off in pfrelax, so a pooled thread there is the sound.)"""
    total = sound = 0.0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
            name = (task / "comm").read_text().strip()
        except OSError:  # the thread ended meanwhile
            continue
        used = (int(fields[11]) + int(fields[12])) / TICKS
        total += used
        sound += used if name == AUDIO_THREAD else 0.0
    return total, sound


def write_home(home: Path, style: str, reduced: bool) -> None:
    """Settings for a quiet, animation-only run: no sound, no first-run note, no count-in."""
    config = home / "config"
    config.mkdir(parents=True, exist_ok=True)
    settings = {
        "animation_style": style,
        "reduced_motion": reduced,
        "theme": "light",
        "count_in_seconds": 0,
        "audio_output": "null",
        "sound_set": "none",
        "voice_enabled": False,
        "muted": True,
        "disclaimer_seen": True,
    }
    (config / "settings.json").write_text(json.dumps(settings))


def command(program: str, workdir: Path) -> tuple[list[str], Path | None]:
    """The command line for `program`, and the PFRELAX_HOME it runs with (None: none)."""
    if program == "Qt floor":
        return [sys.executable, str(HERE / "qt_floor.py"), "--seconds", "0"], None
    home = workdir / program.replace(" ", "-")
    if program == "idle":
        write_home(home, "orb", False)
        return [PFRELAX], home
    write_home(home, *STYLES[program])
    return [PFRELAX, "play", str(workdir / "bench.toml")], home


def measure(
    program: str, workdir: Path, display: str, settle: float, seconds: float
) -> tuple[float, float]:
    """CPU % of one core that `program` uses over `seconds` after `settle` seconds: all of
    it, and its sound thread's share."""
    argv, home = command(program, workdir)
    return cpu_percent(program, argv, home, workdir, display, settle, seconds)


def cpu_percent(
    name: str,
    argv: list[str],
    home: Path | None,
    workdir: Path,
    display: str,
    settle: float,
    seconds: float,
) -> tuple[float, float]:
    """CPU % of one core that `argv` (run with PFRELAX_HOME=`home` on `display`) uses over
    `seconds` after `settle` seconds: all of it, and its sound thread's share."""
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    if home is not None:
        env["PFRELAX_HOME"] = str(home)
    errors = workdir / "stderr.txt"  # a file, not a pipe: a full pipe would stall the program
    with (
        errors.open("wb") as stderr,
        subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=stderr) as p,
    ):
        time.sleep(settle)
        if p.poll() is not None:
            raise SystemExit(f"{name} exited early: {errors.read_text()}")
        wall, (cpu, sound) = time.monotonic(), cpu_seconds(p.pid)
        time.sleep(seconds)
        (cpu_after, sound_after), wall = cpu_seconds(p.pid), time.monotonic() - wall
        p.terminate()
        p.wait(timeout=10)
    return 100 * (cpu_after - cpu) / wall, 100 * (sound_after - sound) / wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="measure each this long (20)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds, order rotated (3)")
    parser.add_argument("--settle", type=float, default=4.0, help="start-up to skip (4 s)")
    args = parser.parse_args()
    programs = ["Qt floor", *STYLES, "idle"]
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in programs}
    xvfb, display = start_xvfb()
    load_before = os.getloadavg()
    try:
        with tempfile.TemporaryDirectory() as work:
            workdir = Path(work)
            (workdir / "bench.toml").write_text(SESSION)
            for round_ in range(args.rounds):
                order = programs[round_:] + programs[:round_]
                for name in order:
                    results[name].append(measure(name, workdir, display, args.settle, args.seconds))
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)
    load_after = os.getloadavg()
    report(results, args, load_before, load_after)


def report(
    results: dict[str, list[tuple[float, float]]],
    args: argparse.Namespace,
    load_before: tuple[float, float, float],
    load_after: tuple[float, float, float],
) -> None:
    floor = statistics.median(total for total, _ in results["Qt floor"])
    print(f"Xvfb 1280x800x24, {args.rounds} rounds × {args.seconds:.0f} s, order rotated")
    before, after = (" ".join(f"{x:.2f}" for x in load) for load in (load_before, load_after))
    print(f"load average (1, 5, 15 min) before {before}, after {after}")
    print("CPU % of one core, medians; 'picture' leaves out the sound thread (mixing silence)")
    print(f"{'program':<16}{'process':>9}{'÷ floor':>9}{'picture':>9}{'÷ floor':>9}   rounds")
    for name, values in results.items():
        total = statistics.median(t for t, _ in values)
        picture = statistics.median(t - s for t, s in values)
        rounds = " ".join(f"{t:4.1f}" for t, _ in values)
        print(
            f"{name:<16}{total:9.1f}{total / floor:9.2f}{picture:9.1f}{picture / floor:9.2f}"
            f"   {rounds}"
        )


if __name__ == "__main__":
    main()
