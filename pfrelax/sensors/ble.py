"""A Bluetooth LE heart rate strap through `bleak` (the optional `heart` extra), on a worker thread.

Any strap with the standard Heart Rate service (0x180D) works: it needs no pairing in the system's
settings. bleak runs its own asyncio loop on one worker thread; notifications land in the
receiver's queue, which the caller's `poll()` drains on its own thread. After a drop the source
says "signal lost" and keeps looking until the strap is back or `stop()` is called.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from pfrelax.core.clock import Clock
from pfrelax.core.heart.measurement import (
    BATTERY_LEVEL_UUID,
    HEART_RATE_MEASUREMENT_UUID,
    HEART_RATE_SERVICE_UUID,
    parse_battery_level,
)
from pfrelax.errors import InputError
from pfrelax.sensors.source import SIGNAL_LOST_AFTER_S, Beat, BeatReceiver, SourceState

if TYPE_CHECKING:
    from bleak.backends.device import BLEDevice

T = TypeVar("T")
SCAN_SECONDS = 5.0
RETRY_SECONDS = 2.0
STOP_WAIT_S = 5.0
RECONNECT_AFTER_SILENCE_S = 15.0
SILENCE_CHECK_S = 0.5
INSTALL_HINT = "`.venv/bin/pip install -c constraints.txt -e '.[heart]'` in the pfrelax folder"
PAIRING_HINTS = (
    "Moisten the strap's electrodes and put it on; it wakes when it feels your skin.",
    "No pairing in your system settings is needed.",
    "Most straps talk to one device at a time: close any phone app that is using it.",
)


class BluetoothUnavailableError(InputError):
    """We cannot look for straps on this computer; the message says why, in plain words."""


@dataclass(frozen=True, slots=True, order=True)
class Strap:
    name: str
    address: str
    rssi: int | None = None


def _bleak() -> Any:
    try:
        import bleak  # the optional `heart` extra; imported only when Bluetooth is wanted
    except ImportError:
        raise BluetoothUnavailableError(
            f"Bluetooth support is not installed. Install it with: {INSTALL_HINT}"
        ) from None
    return bleak


def _adapter_args(adapter: str | None) -> dict[str, Any]:
    """bleak's way to name one adapter ("hci1") on Linux; other systems have just one."""
    return {"bluez": {"adapter": adapter}} if adapter else {}


def scan_straps(timeout_s: float = SCAN_SECONDS, adapter: str | None = None) -> list[Strap]:
    """Straps advertising nearby, by name; `BluetoothUnavailableError` when we cannot look."""
    bleak = _bleak()

    async def discover() -> dict[str, Any]:
        found: dict[str, Any] = await bleak.BleakScanner.discover(
            timeout=timeout_s,
            service_uuids=[HEART_RATE_SERVICE_UUID],
            return_adv=True,
            **_adapter_args(adapter),
        )
        return found

    try:
        found = asyncio.run(discover())
    except Exception as error:  # noqa: BLE001 — each OS backend raises its own kinds
        raise BluetoothUnavailableError(explain_bluetooth_error(error)) from None
    return sorted(
        Strap(device.name or advert.local_name or "Heart rate strap", device.address, advert.rssi)
        for device, advert in found.values()
    )


def explain_bluetooth_error(error: BaseException) -> str:
    """Why Bluetooth cannot be used, in words a person can act on (no traceback, no jargon)."""
    reason = getattr(getattr(error, "reason", None), "name", "")
    dbus_name = str(getattr(error, "dbus_error", "") or "")
    text = f"{dbus_name} {error}".lower()
    if reason.startswith("DENIED") or isinstance(error, PermissionError) or "denied" in text:
        return (
            "pfrelax is not allowed to use Bluetooth. Allow it in your system's privacy "
            "settings (on Linux, your user may need to be in the 'bluetooth' group)."
        )
    if reason == "POWERED_OFF" or "notready" in text or "powered off" in text:
        return "Bluetooth is switched off. Switch it on in your system settings and try again."
    if reason in ("NO_BLUETOOTH", "NO_BLE_CENTRAL_ROLE") or "no bluetooth adapter" in text:
        return "No Bluetooth adapter was found on this computer."
    if isinstance(error, FileNotFoundError | ConnectionRefusedError) or "serviceunknown" in text:
        return (
            "The system's Bluetooth service cannot be reached, so there is no adapter to use "
            "(on Linux: is bluetoothd running? Try `systemctl status bluetooth`)."
        )
    return f"Bluetooth could not start: {error}"


class BleHeartSource:
    """A `HeartRateSource` for the first strap found (or the one at `address`)."""

    def __init__(
        self,
        clock: Clock,
        address: str | None = None,
        retry_s: float = RETRY_SECONDS,
        adapter: str | None = None,
        reconnect_after_s: float = RECONNECT_AFTER_SILENCE_S,
    ) -> None:
        _bleak()  # fail now, with the install hint, rather than on the worker thread
        self._clock = clock
        self._address = address
        self._adapter_args = _adapter_args(adapter)
        self._retry_s = retry_s
        self._reconnect_after_s = reconnect_after_s
        self._receiver = BeatReceiver()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._connected_at: float | None = None
        self._ever_connected = False
        self._battery: int | None = None
        self._device: BLEDevice | None = None
        self.last_error: str | None = None
        # Set whenever an attempt to reach the strap fails (last_error says why): the GUI can
        # show it at once, and a test can wait on it instead of polling.
        self.attempt_failed = threading.Event()
        self.strap_name: str | None = None

    @property
    def state(self) -> SourceState:
        if self._thread is None or self._stop.is_set():
            return SourceState.STOPPED
        now = self._clock.now()
        connected_at = self._connected_at
        if connected_at is not None:
            settling = now - connected_at <= SIGNAL_LOST_AFTER_S
            fresh = settling or self._receiver.receiving(now)
            return SourceState.CONNECTED if fresh else SourceState.SIGNAL_LOST
        return SourceState.SIGNAL_LOST if self._ever_connected else SourceState.LOOKING

    @property
    def battery_percent(self) -> int | None:
        return self._battery if self._connected_at is not None else None

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="pfrelax-heart-ble", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        loop, wake = self._loop, self._wake
        if loop is not None and wake is not None:
            with contextlib.suppress(RuntimeError):  # the loop already closed on its own
                loop.call_soon_threadsafe(wake.set)
        if self._thread is not None:
            self._thread.join(timeout=STOP_WAIT_S)  # a daemon thread: it ends on its own
        self._thread = None

    def poll(self) -> list[Beat]:
        return self._receiver.drain()

    def _run(self) -> None:
        asyncio.run(self._keep_connected())

    async def _keep_connected(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        while not self._stop.is_set():
            try:
                await self._connect_once()
            except Exception as error:  # noqa: BLE001 — a drop must never end the session
                self.last_error = explain_bluetooth_error(error)
                self.attempt_failed.set()
            self._connected_at = None
            if not self._stop.is_set():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self._retry_s)

    async def _connect_once(self) -> None:
        bleak = _bleak()
        # A strap we have met is reconnected to directly: a quiet one may not advertise again.
        device = self._device or await self._unless_stopped(self._find(bleak))
        if device is None or self._stop.is_set():
            return
        dropped = asyncio.Event()
        client = bleak.BleakClient(
            device, disconnected_callback=lambda _: dropped.set(), **self._adapter_args
        )
        try:
            await client.connect()
            self._battery = await self._read_battery(client)
            await client.start_notify(HEART_RATE_MEASUREMENT_UUID, self._on_notification)
        except Exception:
            self._device = None  # look for it afresh next time: it may be back under a new address
            with contextlib.suppress(Exception):
                await client.disconnect()
            raise
        try:
            self._device = device
            self.strap_name = device.name
            self._connected_at = self._clock.now()
            self._ever_connected = True
            await self._until_dropped_or_stopped(dropped)
        finally:
            self._connected_at = None
            with contextlib.suppress(Exception):  # already gone is as good as disconnected
                await client.disconnect()

    async def _unless_stopped(self, work: Coroutine[Any, Any, T]) -> T | None:
        """`work`'s result, or None as soon as `stop()` is called (a scan takes seconds)."""
        assert self._wake is not None  # set before the first connection
        task = asyncio.ensure_future(work)
        woken = asyncio.ensure_future(self._wake.wait())
        await asyncio.wait({task, woken}, return_when=asyncio.FIRST_COMPLETED)
        woken.cancel()
        if task.done():
            return task.result()
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        return None

    async def _until_dropped_or_stopped(self, dropped: asyncio.Event) -> None:
        """Return when the link drops, `stop()` is called, or a connected strap stays silent."""
        assert self._wake is not None  # set before the first connection
        while True:
            waits = {
                asyncio.ensure_future(dropped.wait()),
                asyncio.ensure_future(self._wake.wait()),
            }
            done, pending = await asyncio.wait(
                waits, timeout=SILENCE_CHECK_S, return_when=asyncio.FIRST_COMPLETED
            )
            for task in pending:
                task.cancel()
            if done or self._silent_too_long():
                return

    def _silent_too_long(self) -> bool:
        # Some stacks keep a link that carries nothing (a strap gone quiet): connect afresh.
        heard = [t for t in (self._connected_at, self._receiver.last_arrival_s) if t is not None]
        return bool(heard) and self._clock.now() - max(heard) > self._reconnect_after_s

    async def _find(self, bleak: Any) -> BLEDevice | None:
        scanner = bleak.BleakScanner
        if self._address:
            found: BLEDevice | None = await scanner.find_device_by_address(
                self._address, timeout=SCAN_SECONDS, **self._adapter_args
            )
            return found
        by_service: BLEDevice | None = await scanner.find_device_by_filter(
            lambda _device, advert: HEART_RATE_SERVICE_UUID in advert.service_uuids,
            timeout=SCAN_SECONDS,
            **self._adapter_args,
        )
        return by_service

    async def _read_battery(self, client: Any) -> int | None:
        if client.services.get_characteristic(BATTERY_LEVEL_UUID) is None:
            return None
        try:
            return parse_battery_level(await client.read_gatt_char(BATTERY_LEVEL_UUID))
        except Exception:  # noqa: BLE001 — the battery is a nicety, never worth a failed connection
            return None

    def _on_notification(self, _characteristic: object, data: bytearray) -> None:
        self._receiver.feed(data, self._clock.now())
