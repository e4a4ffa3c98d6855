"""The Bluetooth source where no strap and no Bluetooth service exist: it says why, plainly."""

from __future__ import annotations

import sys
import threading

import pytest
from bleak.exc import BleakBluetoothNotAvailableError, BleakBluetoothNotAvailableReason, BleakError

from pfrelax.core.clock import MonotonicClock
from pfrelax.sensors.ble import (
    BleHeartSource,
    BluetoothUnavailableError,
    explain_bluetooth_error,
    scan_straps,
)
from pfrelax.sensors.source import SourceState

Reason = BleakBluetoothNotAvailableReason


@pytest.fixture
def no_bluetooth_service(monkeypatch: pytest.MonkeyPatch) -> None:
    """A system bus that is not there: what bleak meets on a machine without BlueZ."""
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/pfrelax-test-bus")


@pytest.mark.parametrize(
    ("error", "says"),
    [
        (BleakBluetoothNotAvailableError("x", Reason.NO_BLUETOOTH), "No Bluetooth adapter"),
        (BleakBluetoothNotAvailableError("x", Reason.POWERED_OFF), "Bluetooth is switched off"),
        (BleakBluetoothNotAvailableError("x", Reason.DENIED_BY_USER), "not allowed to use"),
        (BleakBluetoothNotAvailableError("x", Reason.DENIED_BY_SYSTEM), "not allowed to use"),
        (PermissionError(13, "Permission denied"), "not allowed to use"),
        (BleakError("No Bluetooth adapters found."), "No Bluetooth adapter"),
        (FileNotFoundError(2, "No such file or directory"), "Bluetooth service cannot be reached"),
        (BleakError("something new"), "Bluetooth could not start: something new"),
    ],
)
def test_every_reason_not_to_look_is_said_in_plain_words(error: Exception, says: str) -> None:
    assert says in explain_bluetooth_error(error)


@pytest.mark.usefixtures("no_bluetooth_service")
def test_scanning_without_a_bluetooth_service_raises_a_plain_reason() -> None:
    with pytest.raises(BluetoothUnavailableError, match="Bluetooth service cannot be reached"):
        scan_straps(timeout_s=0.5)


def test_without_bleak_installed_the_reason_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "bleak", None)

    with pytest.raises(BluetoothUnavailableError, match=r"-e '\.\[heart\]'"):
        scan_straps()
    with pytest.raises(BluetoothUnavailableError, match="not installed"):
        BleHeartSource(MonotonicClock())


@pytest.mark.usefixtures("no_bluetooth_service")
def test_the_source_keeps_looking_on_its_worker_thread_and_stops_cleanly() -> None:
    source = BleHeartSource(MonotonicClock(), retry_s=0.05)
    assert source.state is SourceState.STOPPED

    source.start()
    assert source.attempt_failed.wait(timeout=20)  # the worker thread's first attempt

    assert source.state is SourceState.LOOKING
    assert source.last_error is not None
    assert "cannot be reached" in source.last_error
    assert source.poll() == []
    assert source.battery_percent is None
    source.stop()
    assert source.state is SourceState.STOPPED
    assert not any(t.name == "pfrelax-heart-ble" for t in threading.enumerate())
