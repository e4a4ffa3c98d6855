"""A virtual heart rate strap for the Bluetooth path test, spoken to BlueZ's D-Bus API.

Run as `python virtual_strap.py ADAPTER RR_MS...` with DBUS_SYSTEM_BUS_ADDRESS pointing at a bus
where BlueZ (here the BlueZoo mock) answers. It registers a GATT application with the Heart Rate
service (0x2A37, notify) and the Battery service (0x2A19 = 77 %), advertises the Heart Rate service
as "Virtual strap", prints "ready", and while notifications are on sends one 0x2A37 value per
beat, cycling through the RR intervals it was given, one interval of wall time apart.
"""

# dbus-next reads D-Bus signatures ("s", "ay") from the annotations and builds proxy methods
# (call_register_application) at run time: neither is a Python type mypy can follow.
# mypy: disable-error-code="name-defined, valid-type, attr-defined"

import asyncio
import sys

from dbus_fast import BusType, PropertyAccess
from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface, dbus_property, method

from pfrelax.core.heart.measurement import (
    BATTERY_LEVEL_UUID,
    BATTERY_SERVICE_UUID,
    HEART_RATE_MEASUREMENT_UUID,
    HEART_RATE_SERVICE_UUID,
    encode_measurement,
)

BATTERY_PERCENT = 77
ROOT = "/pfrelax_strap"

# dbus-fast reads D-Bus signatures ("s", "ay", …) from the annotations, so they stay strings and
# this file has no `from __future__ import annotations`; "ready" on stdout tells the test.
# ruff: noqa: F722, F821, T201


class GattService(ServiceInterface):
    def __init__(self, uuid: str) -> None:
        super().__init__("org.bluez.GattService1")
        self._uuid = uuid

    @dbus_property(access=PropertyAccess.READ)
    def UUID(self) -> "s":
        return self._uuid

    @dbus_property(access=PropertyAccess.READ)
    def Primary(self) -> "b":
        return True


class GattCharacteristic(ServiceInterface):
    def __init__(self, uuid: str, service: str, flags: list[str], value: bytes = b"") -> None:
        super().__init__("org.bluez.GattCharacteristic1")
        self._uuid, self._service, self._flags, self._value = uuid, service, flags, value
        self.notifying = False

    @dbus_property(access=PropertyAccess.READ)
    def UUID(self) -> "s":
        return self._uuid

    @dbus_property(access=PropertyAccess.READ)
    def Service(self) -> "o":
        return self._service

    @dbus_property(access=PropertyAccess.READ)
    def Flags(self) -> "as":
        return self._flags

    @dbus_property(access=PropertyAccess.READ)
    def Value(self) -> "ay":
        return self._value

    @method()
    def ReadValue(self, options: "a{sv}") -> "ay":
        return self._value

    @method()
    def StartNotify(self) -> None:
        self.notifying = True

    @method()
    def StopNotify(self) -> None:
        self.notifying = False

    @method()
    def Confirm(self) -> None:
        """BlueZoo confirms every value it forwards; a notification needs nothing more."""

    def send(self, value: bytes) -> None:
        self._value = value
        self.emit_properties_changed({"Value": value})


class Advertisement(ServiceInterface):
    def __init__(self) -> None:
        super().__init__("org.bluez.LEAdvertisement1")

    @dbus_property(access=PropertyAccess.READ)
    def Type(self) -> "s":
        return "peripheral"

    also_battery = False

    @dbus_property(access=PropertyAccess.READ)
    def ServiceUUIDs(self) -> "as":
        return [HEART_RATE_SERVICE_UUID] + ([BATTERY_SERVICE_UUID] if self.also_battery else [])

    def readvertise(self) -> None:
        """Change the advert a little, as a real radio's reports do, so every scan sees us.

        BlueZoo reports an already-known device to a new scan only when its advert changes.
        """
        self.also_battery = not self.also_battery
        self.emit_properties_changed({"ServiceUUIDs": self.ServiceUUIDs})

    @dbus_property(access=PropertyAccess.READ)
    def LocalName(self) -> "s":
        return "Virtual strap"

    @dbus_property(access=PropertyAccess.READ)
    def Discoverable(self) -> "b":
        return True

    @method()
    def Release(self) -> None:
        """BlueZ's call when it drops the advertisement; nothing to free."""


async def serve(adapter: str, intervals_ms: list[float]) -> None:
    bus = await MessageBus(bus_type=BusType.SYSTEM).connect()
    measurement = GattCharacteristic(HEART_RATE_MEASUREMENT_UUID, f"{ROOT}/hr", ["notify"])
    battery = GattCharacteristic(
        BATTERY_LEVEL_UUID, f"{ROOT}/battery", ["read"], bytes([BATTERY_PERCENT])
    )
    bus.export(f"{ROOT}/hr", GattService(HEART_RATE_SERVICE_UUID))
    bus.export(f"{ROOT}/hr/measurement", measurement)
    bus.export(f"{ROOT}/battery", GattService(BATTERY_SERVICE_UUID))
    bus.export(f"{ROOT}/battery/level", battery)
    advertisement = Advertisement()
    bus.export(f"{ROOT}/advertisement", advertisement)
    path = f"/org/bluez/{adapter}"
    bluez = bus.get_proxy_object("org.bluez", path, await bus.introspect("org.bluez", path))
    await bluez.get_interface("org.bluez.GattManager1").call_register_application(ROOT, {})
    advertising = bluez.get_interface("org.bluez.LEAdvertisingManager1")
    await advertising.call_register_advertisement(f"{ROOT}/advertisement", {})
    print("ready", flush=True)
    beat = 0
    while True:
        rr = intervals_ms[beat % len(intervals_ms)]
        await asyncio.sleep(rr / 1000)
        advertisement.readvertise()
        if measurement.notifying:
            measurement.send(encode_measurement(round(60_000 / rr), [rr]))
            beat += 1


if __name__ == "__main__":
    asyncio.run(serve(sys.argv[1], [float(value) for value in sys.argv[2:]]))
