"""The real Bluetooth path without hardware: bleak → D-Bus → BlueZoo (a BlueZ mock) → a strap.

Each test starts a private D-Bus daemon, BlueZoo with two adapters on it, and a virtual strap
(`virtual_strap.py`) that serves the Heart Rate and Battery services on the first adapter. pfrelax
looks and connects with the second, through bleak's own BlueZ backend, exactly as on a Linux
laptop; only the radio is missing. CI installs dbus-daemon (.ci/run) and BlueZoo (test extra).
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pfrelax.cli import main
from pfrelax.core.clock import MonotonicClock
from pfrelax.core.heart.measurement import rr_units
from pfrelax.sensors.ble import BleHeartSource, Strap, scan_straps
from pfrelax.sensors.source import Beat, SourceState

pytestmark = [
    pytest.mark.realtime,
    pytest.mark.skipif(sys.platform != "linux", reason="BlueZ (and its mock) is Linux only"),
]

STRAP_ADAPTER, STRAP_ADDRESS = "hci0", "00:11:22:33:44:55"
OUR_ADAPTER = "hci1"
# BlueZoo 1.0.2 cannot connect one device twice (it leaves the first link's GATT objects behind),
# so the strap comes back after a drop through a third adapter: to us a strap at a new address,
# as a strap with a private (changing) address would be.
RETURN_ADAPTER = "hci2"
INTERVALS_MS = [800.0, 850.0, 780.0]
STRAP_SCRIPT = Path(__file__).with_name("virtual_strap.py")
DEADLINE_S = 30.0


def wait_for(condition: Callable[[], bool], what: str) -> None:
    """Wait for another process's doing (not timing it): fail with `what` after 30 s."""
    deadline = time.monotonic() + DEADLINE_S
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


@dataclass
class Bluetooth:
    env: dict[str, str]
    logs: Path
    strap: subprocess.Popen[bytes] | None = None

    def start_strap(self, adapter: str = STRAP_ADAPTER) -> None:
        log = self.logs / "strap.log"
        log.unlink(missing_ok=True)
        with log.open("wb") as out:
            self.strap = subprocess.Popen(
                [sys.executable, str(STRAP_SCRIPT), adapter, *map(str, INTERVALS_MS)],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=self.env,
            )
        wait_for(lambda: b"ready" in log.read_bytes(), "the virtual strap")

    def stop_strap(self) -> None:
        if self.strap is not None:
            self.strap.terminate()
            self.strap.wait(timeout=10)
            self.strap = None


@pytest.fixture
def bluetooth(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Bluetooth]:
    daemon_path = shutil.which("dbus-daemon")
    assert daemon_path, "the Bluetooth path test needs dbus-daemon (apt-get install dbus-daemon)"
    with (tmp_path / "dbus.log").open("wb") as errors:
        bus = subprocess.Popen(
            [daemon_path, "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=errors,
        )
    assert bus.stdout is not None
    address = bus.stdout.readline().decode().strip()
    bus.stdout.close()
    env = {**os.environ, "DBUS_SYSTEM_BUS_ADDRESS": address}
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", address)
    zoo_log = tmp_path / "bluezoo.log"
    with zoo_log.open("wb") as out:
        zoo = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from bluezoo.bluezoo import main; main()",
                "--auto-enable",
                "--scan-interval",
                "1",
                "-a",
                STRAP_ADDRESS,
                "-a",
                "00:AA:BB:CC:DD:EE",
                "-a",
                "00:11:22:33:44:66",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    world = Bluetooth(env, tmp_path)
    try:
        wait_for(lambda: b"Adding adapter[2]" in zoo_log.read_bytes(), "BlueZoo's adapters")
        world.start_strap()
        yield world
    finally:
        world.stop_strap()
        for process in (zoo, bus):
            process.terminate()
            process.wait(timeout=10)


def as_sent(rr_ms: float) -> float:
    return rr_units(rr_ms) * 1000 / 1024


def test_scanning_finds_the_strap_by_its_heart_rate_service(bluetooth: Bluetooth) -> None:
    assert scan_straps(2.0, adapter=OUR_ADAPTER) == [Strap("Virtual strap", STRAP_ADDRESS, 0)]


def test_hr_scan_lists_the_strap(bluetooth: Bluetooth, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["hr", "scan", "--seconds", "2", "--adapter", OUR_ADAPTER]) == 0
    assert capsys.readouterr().out == f"Virtual strap  {STRAP_ADDRESS}  0 dBm\n"


def collect(source: BleHeartSource, beats: list[Beat], count: int) -> None:
    def enough() -> bool:
        beats.extend(source.poll())
        return len(beats) >= count

    try:
        wait_for(enough, f"{count} beats")
    except AssertionError as error:
        raise AssertionError(f"{error}; {source.state}, last error: {source.last_error}") from None


def test_the_source_connects_reads_the_battery_and_receives_beats(bluetooth: Bluetooth) -> None:
    source = BleHeartSource(MonotonicClock(), adapter=OUR_ADAPTER, retry_s=0.2)
    source.start()
    beats: list[Beat] = []
    try:
        collect(source, beats, 4)
        assert source.state is SourceState.CONNECTED
        assert source.battery_percent == 77
        assert source.strap_name == "Virtual strap"
    finally:
        source.stop()

    sent = [as_sent(rr) for rr in INTERVALS_MS]
    assert [beat.rr_ms for beat in beats[:3]] == sent
    assert all(b.time_s > a.time_s for a, b in itertools.pairwise(beats))
    assert source.state is SourceState.STOPPED


def test_after_a_drop_it_says_signal_lost_and_reconnects(bluetooth: Bluetooth) -> None:
    source = BleHeartSource(
        MonotonicClock(), adapter=OUR_ADAPTER, retry_s=0.2, reconnect_after_s=6.0
    )
    source.start()
    try:
        collect(source, [], 2)

        bluetooth.stop_strap()
        wait_for(lambda: source.state is SourceState.SIGNAL_LOST, "signal lost")
        source.poll()
        bluetooth.start_strap(RETURN_ADAPTER)

        collect(source, [], 2)
        assert source.state is SourceState.CONNECTED
    finally:
        source.stop()
