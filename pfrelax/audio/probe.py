"""Checking an audio file before anyone hears it: it decodes from its first frame to its last.

Validation decodes every file to the end, streaming a block at a time (memory stays flat), and
compares what it got with the length the header states. Ogg (Vorbis and Opus) needs one more
look: its "header length" is read from the last page that survived, so a file cut from 19 s to
4 s states 4 s. A complete Ogg stream ends with a page marked end-of-stream and no page is cut
off part-way; a file that does not is reported as cut short. Time is bounded by the length a
file may have (MAX_AUDIO_MS): decoding runs at a few hundred times real time or more.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO

from pfrelax.audio.decode import (
    DECODE_ERRORS,
    SOURCE_BLOCK,
    AudioDecodeError,
    Source,
    decoder_reason,
    display_name_of,
    open_source,
    to_stereo,
)
from pfrelax.audio.loudness import LoudnessMeter
from pfrelax.audio.quiet_stderr import quiet_stderr

# A session lasts at most two hours (a PT's pack with clinician limits), so a longer recording
# could never be heard to its end; refusing it also bounds how long validation may decode.
MAX_AUDIO_MS = 2 * 60 * 60 * 1000

_OGG_PAGE = struct.Struct("<4sBBqIIIB")  # capture, version, flags, granule, serial, seq, crc, segs
_END_OF_STREAM = 0x04


def check_audio(path: Path, display_name: str | None = None) -> int:
    """The file's length in ms; AudioDecodeError unless it decodes completely, start to end."""
    return _checked(path, display_name, measure=False)[0]


def check_and_measure(path: Path, display_name: str | None = None) -> tuple[int, float, float]:
    """`check_audio`, and in the same streaming pass the file's integrated loudness (LUFS) and
    sample peak as it plays: on both channels, a mono file doubled."""
    length_ms, meter = _checked(path, display_name, measure=True)
    assert meter is not None
    return length_ms, meter.integrated(), meter.peak


def _checked(
    path: Path, display_name: str | None, *, measure: bool
) -> tuple[int, LoudnessMeter | None]:
    name = display_name_of(path, display_name)
    with quiet_stderr():
        source = open_source(path, name)
        try:
            meter = LoudnessMeter(source.rate) if measure else None
            return _decode_to_end(source, path, name, meter), meter
        finally:
            source.close()


def _decode_to_end(source: Source, path: Path, name: str, meter: LoudnessMeter | None) -> int:
    total = source.frames
    if total <= 0:
        raise AudioDecodeError(f"{name}: contains no sound; re-export it")
    length_ms = round(total * 1000 / source.rate)
    if length_ms > MAX_AUDIO_MS:
        raise AudioDecodeError(
            f"{name}: is {_hours(length_ms)} long; a recording may be at most 2 hours, the "
            "longest a session may last"
        )
    if ogg_cut_short(path):
        raise _ends_early(name)
    try:
        got = _frames_up_to(source, total, meter)
    except DECODE_ERRORS as error:
        raise AudioDecodeError(
            f"{name}: cannot be decoded to the end ({decoder_reason(error, path)}); "
            "the file may be cut short — copy or export it again"
        ) from error
    if got < total or source.cut_short():
        raise _ends_early(name)
    return length_ms


def _ends_early(name: str) -> AudioDecodeError:
    return AudioDecodeError(f"{name}: ends early (the file is cut short); copy or export it again")


def _frames_up_to(source: Source, total: int, meter: LoudnessMeter | None) -> int:
    """Frames decoded until the end, or a block past `total` (a header that understates the
    length must not make the decode run on for ever)."""
    count = 0
    while count <= total:
        block = source.read(SOURCE_BLOCK)
        if block.shape[0] == 0:
            break
        if meter is not None:
            meter.feed(to_stereo(block))
        count += block.shape[0]
    return count


def _hours(ms: int) -> str:
    minutes = ms // 60_000
    return f"{minutes // 60} h {minutes % 60:02d} min"


def ogg_cut_short(path: Path) -> bool:
    """True for an Ogg file whose last page is cut off, or whose stream never ends.

    Only page headers are read (a seek per page), so even a long file takes milliseconds. Bytes
    after every stream has ended (a tag some tool appended) are not the stream's business.
    """
    try:
        with path.open("rb") as handle:
            size = handle.seek(0, 2)
            handle.seek(0)
            if handle.read(4) != b"OggS":
                return False  # not Ogg: the decoder judges it
            return not _pages_end_properly(handle, size)
    except OSError:
        return False  # unreadable: opening it for decoding says so in its own words


def _pages_end_properly(stream: BinaryIO, size: int) -> bool:
    position = 0
    started: set[int] = set()
    ended: set[int] = set()
    while position < size:
        stream.seek(position)
        header = stream.read(_OGG_PAGE.size)
        if len(header) < _OGG_PAGE.size or not header.startswith(b"OggS"):
            return bool(started) and started <= ended
        _, _, flags, _, serial, _, _, segments = _OGG_PAGE.unpack(header)
        lacing = stream.read(segments)
        if len(lacing) < segments:
            return False
        position += _OGG_PAGE.size + segments + sum(lacing)
        if position > size:
            return False  # the last page is cut off part-way
        started.add(serial)
        if flags & _END_OF_STREAM:
            ended.add(serial)
    return bool(started) and started <= ended
