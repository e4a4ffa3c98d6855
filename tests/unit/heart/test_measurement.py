"""The Heart Rate Measurement (0x2A37) parser: every flag combination, and broken values."""

from __future__ import annotations

import itertools
import struct

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pfrelax.core.heart.measurement import (
    MeasurementError,
    SensorContact,
    encode_measurement,
    parse_battery_level,
    parse_measurement,
)

CONTACT_BITS = {
    SensorContact.UNSUPPORTED: 0x00,
    SensorContact.LOST: 0x04,
    SensorContact.DETECTED: 0x06,
}
RR_UNITS = [1024, 512, 1536, 717, 65535, 1, 900, 1000, 1100]


def build(bpm: int, wide: bool, contact: SensorContact, energy: bool, rr_units: list[int]) -> bytes:
    """The value written out by hand from the specification, independent of the encoder."""
    flags = (0x01 if wide else 0) | CONTACT_BITS[contact] | (0x08 if energy else 0)
    flags |= 0x10 if rr_units else 0
    value = bytes([flags]) + struct.pack("<H" if wide else "<B", bpm)
    if energy:
        value += struct.pack("<H", 4321)
    return value + b"".join(struct.pack("<H", unit) for unit in rr_units)


@pytest.mark.parametrize(
    ("wide", "contact", "energy", "rr_count"),
    list(itertools.product([False, True], list(SensorContact), [False, True], [0, 1, 2, 9])),
)
def test_every_flag_combination_reads_rate_contact_and_rr(
    wide: bool, contact: SensorContact, energy: bool, rr_count: int
) -> None:
    bpm = 300 if wide else 72
    units = RR_UNITS[:rr_count]

    measurement = parse_measurement(build(bpm, wide, contact, energy, units))

    assert measurement.bpm == bpm
    assert measurement.contact is contact
    assert measurement.rr_ms == tuple(unit * 1000 / 1024 for unit in units)


def test_rr_is_in_1024ths_of_a_second() -> None:
    measurement = parse_measurement(bytes([0x16, 60, 0x00, 0x04, 0x00, 0x02]))

    assert measurement.rr_ms == (1000.0, 500.0)


def test_reserved_flag_bits_are_ignored() -> None:
    assert parse_measurement(bytes([0xE0, 61])).bpm == 61


def test_energy_expended_is_read_past_not_taken_for_rr() -> None:
    measurement = parse_measurement(bytes([0x18, 70, 0xFF, 0xFF, 0x00, 0x04]))

    assert measurement.rr_ms == (1000.0,)


@pytest.mark.parametrize(
    ("value", "says"),
    [
        (b"", "no flags byte"),
        (bytes([0x01, 72]), "heart rate needs 2 byte(s)"),
        (bytes([0x00]), "heart rate needs 1 byte(s)"),
        (bytes([0x08, 72, 0x01]), "energy expended needs 2 byte(s)"),
        (bytes([0x10, 72, 0x00, 0x04, 0x01]), "2 bytes each, but 3 byte(s)"),
        (bytes([0x00, 72, 0x00]), "1 unexpected byte(s)"),
    ],
)
def test_truncated_or_garbled_values_raise_their_own_error(value: bytes, says: str) -> None:
    with pytest.raises(MeasurementError, match=says.replace("(", r"\(").replace(")", r"\)")):
        parse_measurement(value)


@given(st.binary(max_size=24))
def test_any_bytes_parse_or_raise_measurement_error_only(value: bytes) -> None:
    try:
        measurement = parse_measurement(value)
    except MeasurementError:
        return
    assert all(rr >= 0 for rr in measurement.rr_ms)


@given(
    st.integers(0, 0xFFFF),
    st.sampled_from(list(SensorContact)),
    st.one_of(st.none(), st.integers(0, 0xFFFF)),
    st.lists(st.integers(1, 0xFFFF).map(lambda unit: unit * 1000 / 1024), max_size=8),
)
def test_the_demo_encoder_writes_what_the_parser_reads(
    bpm: int, contact: SensorContact, energy: int | None, rr_ms: list[float]
) -> None:
    measurement = parse_measurement(
        encode_measurement(bpm, rr_ms, contact=contact, energy_kj=energy)
    )

    assert (measurement.bpm, measurement.contact, measurement.rr_ms) == (
        bpm,
        contact,
        tuple(rr_ms),
    )


def test_battery_level_is_one_byte_percent() -> None:
    assert parse_battery_level(bytearray([87])) == 87
    for bad in (b"", bytes([101]), bytes([50, 1])):
        with pytest.raises(MeasurementError, match="battery level"):
            parse_battery_level(bad)
