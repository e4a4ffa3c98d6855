"""`pfrelax hr scan` and `pfrelax resonance`: heart rate straps, and the resonance rate finder.

`resonance --demo RATE` runs the finder against a simulated person whose heart follows RATE
breaths a minute most ("flat": alike at every rate), in accelerated time; `--rr-file FILE` runs it
on a recorded RR log taken during the finder session, from its start. Exit 0 with the scores (even
when the pace is unclear), 1 for input that cannot be used (the message says why), 2 for usage.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from pfrelax.cli import EXIT_INVALID, EXIT_OK
from pfrelax.core.clock import FakeClock
from pfrelax.core.heart.resonance import FinderPlan, FinderResult, find_resonance, finder_plan
from pfrelax.errors import InputError
from pfrelax.sensors.demo import DemoHeartSource
from pfrelax.sensors.person import SimulatedPerson
from pfrelax.sensors.rr_file import FileHeartSource, RRLogError, read_rr_log
from pfrelax.sensors.source import Beat, HeartRateSource

DEMO_RATE_RANGE = (3.0, 10.0)
SCAN_RANGE_S = (0.5, 120.0)
POLL_EVERY_S = 1.0
CRITERION_NAMES = {"peak_to_trough": "peak-to-trough", "lf_power": "LF power", "phase": "phase"}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    hr = subparsers.add_parser("hr", help="heart rate straps", description="Heart rate straps.")
    hr_commands = hr.add_subparsers(dest="hr_command", metavar="COMMAND", required=True)
    scan = hr_commands.add_parser(
        "scan",
        help="list heart rate straps nearby",
        description="Look for Bluetooth heart rate straps (standard Heart Rate service) nearby.",
    )
    scan.add_argument("--seconds", type=float, default=5.0, help="how long to look (default 5)")
    scan.add_argument("--adapter", help="the Bluetooth adapter to look with (Linux: hci0, hci1…)")
    scan.set_defaults(func=scan_command)

    finder = subparsers.add_parser(
        "resonance",
        help="find the breathing pace your heart follows most",
        description="Run the resonance rate finder (6.5 to 4.5 breaths a minute, two minutes "
        "each) on a simulated person or a recorded RR log, and print each pace's scores.",
    )
    source = finder.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--demo", metavar="RATE", help="a simulated person with this resonance rate, or 'flat'"
    )
    source.add_argument(
        "--rr-file", metavar="FILE", type=Path, help="an RR log: one interval in ms per line"
    )
    finder.add_argument("--seed", default="0", help="the simulated person's seed (default 0)")
    finder.add_argument("--json", action="store_true", help="print JSON")
    finder.set_defaults(func=resonance_command)


def scan_command(args: argparse.Namespace) -> int:
    from pfrelax.sensors.ble import PAIRING_HINTS, BluetoothUnavailableError, scan_straps

    low, high = SCAN_RANGE_S
    if not low <= args.seconds <= high:  # also NaN; "inf" would look for ever
        why = f"{args.seconds:g} is not {low:g}–{high:g}; give how many seconds to look"
        print(f"pfrelax hr scan: --seconds: {why}", file=sys.stderr)
        return EXIT_INVALID
    try:
        straps = scan_straps(args.seconds, adapter=args.adapter)
    except BluetoothUnavailableError as error:
        print(f"pfrelax hr scan: {error}", file=sys.stderr)
        return EXIT_INVALID
    if not straps:
        print("No heart rate straps found nearby.")
        for hint in PAIRING_HINTS:
            print(f"  {hint}")
        return EXIT_OK
    for strap in straps:
        rssi = "" if strap.rssi is None else f"  {strap.rssi} dBm"
        print(f"{strap.name}  {strap.address}{rssi}")
    return EXIT_OK


def resonance_command(args: argparse.Namespace) -> int:
    plan = finder_plan()
    clock = FakeClock(0.0)
    try:
        source: HeartRateSource
        if args.rr_file is not None:
            source = FileHeartSource(read_rr_log(args.rr_file), clock)
        else:
            person = SimulatedPerson(resonance_bpm=demo_rate(args.demo), seed=seed(args.seed))
            source = DemoHeartSource(person, clock, plan.paced_breaths)
    except (InputError, RRLogError) as error:
        print(f"pfrelax resonance: {error}", file=sys.stderr)
        return EXIT_INVALID
    beats = run_accelerated(source, clock, plan)
    result = find_resonance([b.time_s for b in beats], [b.rr_ms for b in beats], plan)
    print(json.dumps(result_json(result)) if args.json else result_text(result, plan, beats))
    return EXIT_OK


def demo_rate(text: str) -> float | None:
    if text.strip().lower() == "flat":
        return None
    low, high = DEMO_RATE_RANGE
    try:
        rate = float(text)
    except ValueError:
        raise InputError(
            f'--demo: "{text}" is not a breathing rate; write breaths a minute (e.g. 5.5) '
            "or 'flat'"
        ) from None
    if not low <= rate <= high:
        raise InputError(f"--demo: {text} is outside {low:g}–{high:g} breaths a minute")
    return rate


def seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise InputError(f'--seed: "{text}" is not a whole number (e.g. 7)') from None
    if value < 0:
        raise InputError(f"--seed: {text} is negative; use 0 or more")
    return value


def run_accelerated(source: HeartRateSource, clock: FakeClock, plan: FinderPlan) -> list[Beat]:
    """The beats of the finder session, timed from its start, on a clock that never waits."""
    beats: list[Beat] = []
    start_s = clock.now()
    source.start()
    while clock.now() < start_s + plan.timeline.duration_ms / 1000:
        clock.advance(POLL_EVERY_S)
        beats.extend(source.poll())
    source.stop()
    return [Beat(beat.time_s - start_s, beat.rr_ms) for beat in beats]


def _number(value: float, digits: int) -> float | None:
    return round(value, digits) if math.isfinite(value) else None


def result_json(result: FinderResult) -> dict[str, object]:
    return {
        "epochs": [
            {
                "bpm": epoch.bpm,
                "peak_to_trough": _number(epoch.peak_to_trough, 2),
                "lf_power": _number(epoch.lf_power, 1),
                "phase_deg": _number(epoch.phase_deg, 1),
            }
            for epoch in result.epochs
        ],
        "chosen": result.chosen,
    }


def result_text(result: FinderResult, plan: FinderPlan, beats: list[Beat]) -> str:
    lines = ["pace   peak-to-trough   LF power      phase   beats (corrected)"]
    for e in result.epochs:
        lines.append(
            f"{e.bpm:<4.1f}   {_fmt(e.peak_to_trough, '.1f', ' bpm'):>14}   "
            f"{_fmt(e.lf_power, '.0f', ' ms²'):>10}   {_fmt(e.phase_deg, '+.0f', '°'):>8}   "
            f"{e.beats} ({e.corrected_beats})"
        )
    lines.append(f"Beats corrected in all: {result.corrected_beats} of {len(beats)}.")
    covered = beats[-1].time_s if beats else 0.0
    session_s = plan.timeline.duration_ms / 1000
    if covered < session_s - 30:
        lines.append(
            f"The recording covers {covered / 60:.1f} of the session's {session_s / 60:.1f} min."
        )
    lines.append(_verdict(result))
    return "\n".join(lines)


def _fmt(value: float, spec: str, unit: str) -> str:
    return f"{value:{spec}}{unit}" if math.isfinite(value) else "–"


def _verdict(result: FinderResult) -> str:
    if result.chosen is None:
        return (
            "Unclear: no pace stood out clearly this time. That's fine; the even "
            "six-a-minute sessions are a good place to start, and you can try again another day."
        )
    agreed = [CRITERION_NAMES[name] for name, rate in result.votes.items() if rate == result.chosen]
    return f"Your pace: {result.chosen:g} breaths a minute ({_and(agreed)} agree)."


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
