"""Which heart rate source the person chose, opening it, and looking for straps nearby (no Qt).

The settings name the source (`heart_source`: off, strap, demo, file); this turns them into a
`HeartRateSource`, or into the plain reason it cannot be opened (Bluetooth support not
installed, an RR file that cannot be read), which the player shows while breathing goes on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pfrelax.core.clock import Clock
from pfrelax.core.heart.pacing import Breath
from pfrelax.core.settings import Settings
from pfrelax.errors import InputError
from pfrelax.sensors.source import HeartRateSource

OFF, STRAP, DEMO, FILE = "off", "strap", "demo", "file"
DEMO_RESONANCE_BPM = 5.5  # the simulated person's own pace, in the middle of the usual range
SOURCE_NAMES = {
    STRAP: "Your strap",
    DEMO: "Demo: a simulated person",
    FILE: "A recorded RR file",
}


@dataclass(frozen=True, slots=True)
class HeartChoice:
    """Where heart beats come from: `kind` is one of off, strap, demo, file."""

    kind: str = OFF
    strap_address: str = ""  # empty: the first strap found
    strap_name: str = ""
    rr_file: str = ""

    @classmethod
    def from_settings(cls, settings: Settings) -> HeartChoice:
        return cls(
            settings.heart_source,
            settings.heart_strap_address,
            settings.heart_strap_name,
            settings.heart_rr_file,
        )

    @property
    def on(self) -> bool:
        return self.kind != OFF

    @property
    def name(self) -> str:
        """What the player calls the source ("Your strap: Polar H10")."""
        if self.kind == STRAP and self.strap_name:
            return f"Your strap: {self.strap_name}"
        return SOURCE_NAMES.get(self.kind, "")

    @property
    def connects_early(self) -> bool:
        """A strap starts looking with the count-in; the others start with the breathing."""
        return self.kind == STRAP

    @property
    def follows_pauses(self) -> bool:
        """The simulated person stops with a pause and starts again breathing with the session."""
        return self.kind == DEMO


def open_source(
    choice: HeartChoice, clock: Clock, paced: Sequence[Breath], seed: int = 0
) -> HeartRateSource:
    """The source `choice` names, not started; `paced`: the breaths the demo person follows, in
    seconds from its start. InputError, in plain words, when it cannot be opened."""
    if choice.kind == DEMO:
        from pfrelax.sensors.demo import DemoHeartSource
        from pfrelax.sensors.person import SimulatedPerson

        person = SimulatedPerson(resonance_bpm=DEMO_RESONANCE_BPM, seed=seed)
        return DemoHeartSource(person, clock, paced)
    if choice.kind == FILE:
        from pfrelax.sensors.rr_file import FileHeartSource

        if not choice.rr_file:
            raise InputError("No RR file is chosen. Choose one in Settings → Heart rate.")
        return FileHeartSource.from_path(Path(choice.rr_file), clock)
    if choice.kind == STRAP:
        from pfrelax.sensors.ble import BleHeartSource

        return BleHeartSource(clock, choice.strap_address or None)
    raise InputError(f"Heart rate source {choice.kind!r} is not one of strap, demo, file.")


def rr_file_problem(typed: str) -> str:
    """Why the RR file `typed` in Settings cannot be replayed (a pipe, a folder), or "". A path
    with nothing there yet is left for the session to report: a drive may be plugged in later."""
    from pfrelax.sensors.rr_file import CHOOSE_A_FILE, not_a_file

    if not typed.strip():
        return ""
    try:
        mode = Path(typed.strip()).stat().st_mode  # stat, unlike open, never waits on a pipe
    except (OSError, ValueError):
        return ""
    kind = not_a_file(mode)
    return f"{typed.strip()} {kind}; {CHOOSE_A_FILE}." if kind else ""


@dataclass(frozen=True, slots=True)
class FoundStrap:
    name: str
    address: str
    signal: str  # "strong", "fair", "weak" or "" when the system did not say


@dataclass(frozen=True, slots=True)
class ScanResult:
    """The straps found nearby, or why pfrelax cannot look (`problem`, in plain words)."""

    straps: tuple[FoundStrap, ...] = ()
    problem: str = ""


def pairing_hints() -> tuple[str, ...]:
    from pfrelax.sensors.ble import PAIRING_HINTS

    return PAIRING_HINTS


def scan_nearby(timeout_s: float | None = None) -> ScanResult:
    """Look for straps for a few seconds. Blocks: call it off the GUI thread."""
    from pfrelax.sensors.ble import SCAN_SECONDS, BluetoothUnavailableError, scan_straps

    try:
        found = scan_straps(SCAN_SECONDS if timeout_s is None else timeout_s)
    except BluetoothUnavailableError as error:
        return ScanResult(problem=str(error))
    return ScanResult(tuple(FoundStrap(s.name, s.address, _signal(s.rssi)) for s in found))


def _signal(rssi: int | None) -> str:
    if rssi is None:
        return ""
    return "strong" if rssi >= -65 else "fair" if rssi >= -80 else "weak"
