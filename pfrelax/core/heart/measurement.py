"""The Bluetooth Heart Rate Measurement (0x2A37) and Battery Level (0x2A19) values, both ways.

Layout of 0x2A37 (Bluetooth SIG, Heart Rate Service 1.0): one flags byte, then the heart rate
(uint8, or uint16 when flag bit 0 is set), then Energy Expended (uint16 kJ, when bit 3 is set;
read past and not used), then zero or more RR intervals (uint16 each, in 1/1024 s, when bit 4 is
set). Bits 1–2 carry sensor contact: bit 2 says whether the strap reports contact at all, bit 1
whether it has it. All numbers are little-endian.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pfrelax.errors import InputError

HEART_RATE_SERVICE_UUID = "0000180d-0000-1000-8000-00805f9b34fb"
HEART_RATE_MEASUREMENT_UUID = "00002a37-0000-1000-8000-00805f9b34fb"
BATTERY_SERVICE_UUID = "0000180f-0000-1000-8000-00805f9b34fb"
BATTERY_LEVEL_UUID = "00002a19-0000-1000-8000-00805f9b34fb"

_HR_16_BIT = 0x01
_CONTACT_DETECTED = 0x02
_CONTACT_SUPPORTED = 0x04
_ENERGY_PRESENT = 0x08
_RR_PRESENT = 0x10
RR_UNITS_PER_SECOND = 1024


class MeasurementError(InputError, ValueError):
    """A notification that is not a valid Heart Rate Measurement (truncated or garbled)."""


class SensorContact(StrEnum):
    UNSUPPORTED = "unsupported"  # the strap does not say
    LOST = "lost"  # the strap says it has no skin contact
    DETECTED = "detected"


@dataclass(frozen=True, slots=True)
class HeartRateMeasurement:
    """One notification: the strap's own heart rate and the RR intervals it measured since."""

    bpm: int
    contact: SensorContact
    rr_ms: tuple[float, ...] = ()


def parse_measurement(data: bytes | bytearray) -> HeartRateMeasurement:
    """Read one 0x2A37 value; raise `MeasurementError` saying what is wrong with it."""
    payload = bytes(data)
    if not payload:
        raise MeasurementError("empty heart rate measurement (no flags byte)")
    flags = payload[0]
    offset = 1
    width = 2 if flags & _HR_16_BIT else 1
    bpm = _read_uint(payload, offset, width, "heart rate")
    offset += width
    if flags & _ENERGY_PRESENT:
        _read_uint(payload, offset, 2, "energy expended")
        offset += 2
    rr_ms: tuple[float, ...] = ()
    if flags & _RR_PRESENT:
        rr_ms = _read_rr(payload[offset:])
    elif offset != len(payload):
        raise MeasurementError(
            f"{len(payload) - offset} unexpected byte(s) after the heart rate "
            f"(flags 0x{flags:02x} announce no RR intervals)"
        )
    return HeartRateMeasurement(bpm, _contact(flags), rr_ms)


def _read_uint(payload: bytes, offset: int, width: int, what: str) -> int:
    if len(payload) < offset + width:
        raise MeasurementError(
            f"measurement cut short: {what} needs {width} byte(s) at offset {offset}, "
            f"the value has {len(payload)} byte(s) in all"
        )
    return int.from_bytes(payload[offset : offset + width], "little")


def _read_rr(rest: bytes) -> tuple[float, ...]:
    if len(rest) % 2:
        raise MeasurementError(
            f"RR intervals are 2 bytes each, but {len(rest)} byte(s) follow the heart rate"
        )
    units = (int.from_bytes(rest[i : i + 2], "little") for i in range(0, len(rest), 2))
    return tuple(unit * 1000 / RR_UNITS_PER_SECOND for unit in units)


def _contact(flags: int) -> SensorContact:
    if not flags & _CONTACT_SUPPORTED:
        return SensorContact.UNSUPPORTED
    return SensorContact.DETECTED if flags & _CONTACT_DETECTED else SensorContact.LOST


def encode_measurement(
    bpm: int,
    rr_ms: tuple[float, ...] | list[float] = (),
    *,
    contact: SensorContact = SensorContact.DETECTED,
    energy_kj: int | None = None,
    wide: bool = False,
) -> bytes:
    """The bytes a strap would send (for the demo source and tests); RR rounds to 1/1024 s."""
    flags = 0
    wide = wide or bpm > 0xFF
    if wide:
        flags |= _HR_16_BIT
    if contact is not SensorContact.UNSUPPORTED:
        flags |= _CONTACT_SUPPORTED
    if contact is SensorContact.DETECTED:
        flags |= _CONTACT_DETECTED
    if energy_kj is not None:
        flags |= _ENERGY_PRESENT
    if rr_ms:
        flags |= _RR_PRESENT
    parts = [bytes([flags]), bpm.to_bytes(2 if wide else 1, "little")]
    if energy_kj is not None:
        parts.append(energy_kj.to_bytes(2, "little"))
    parts.extend(rr_units(rr).to_bytes(2, "little") for rr in rr_ms)
    return b"".join(parts)


def rr_units(rr_ms: float) -> int:
    """An RR interval in the characteristic's 1/1024 s units (clamped to what fits)."""
    return min(max(round(rr_ms * RR_UNITS_PER_SECOND / 1000), 0), 0xFFFF)


def parse_battery_level(data: bytes | bytearray) -> int:
    """Battery Level (0x2A19): one byte, 0–100 %."""
    if len(data) != 1 or data[0] > 100:
        raise MeasurementError(f"battery level should be one byte 0–100, got {bytes(data)!r}")
    return int(data[0])
