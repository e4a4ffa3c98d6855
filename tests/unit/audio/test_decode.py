"""Decoding real files made at test time: every format, rate and channel layout, and the errors."""

from __future__ import annotations

import shutil
import subprocess
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import soundfile

from pfrelax.audio.decode import (
    SUPPORTED_EXTENSIONS,
    AudioDecodeError,
    audio_length_ms,
    open_audio,
)
from pfrelax.audio.format import SAMPLE_RATE
from pfrelax.audio.probe import check_audio

from .audio_measure import dominant_frequency, sine, sine_amplitude, sine_residual

WriteSine = Callable[..., Path]
FFMPEG_SINE = ("ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "sine=d=0.5")

# (file name, format, subtype, file rate, how close the decoded amplitude must be)
FORMATS = [
    ("u8.wav", "WAV", "PCM_U8", 8_000, 0.02),
    ("s16.wav", "WAV", "PCM_16", 22_050, 0.005),
    ("s24.wav", "WAV", "PCM_24", 44_100, 0.005),
    ("s32.wav", "WAV", "PCM_32", 96_000, 0.005),
    ("float.wav", "WAV", "FLOAT", 48_000, 0.005),
    ("a.flac", "FLAC", "PCM_16", 44_100, 0.005),
    ("b.flac", "FLAC", "PCM_24", 96_000, 0.005),
    ("a.ogg", "OGG", "VORBIS", 44_100, 0.03),
    ("a.opus", "OGG", "OPUS", 48_000, 0.03),
    ("a.mp3", "MP3", "MPEG_LAYER_III", 44_100, 0.03),
    ("b.mp3", "MP3", "MPEG_LAYER_III", 22_050, 0.03),
]


def read_in_odd_blocks(path: Path) -> np.ndarray:
    """Decode the whole stream through many small reads that never align with anything."""
    with open_audio(path) as stream:
        blocks = []
        while stream.position < stream.frames:
            blocks.append(stream.read(997))
        return np.concatenate(blocks)[: stream.frames]


def middle(signal: np.ndarray) -> np.ndarray:
    """Skip the edges, where lossy codecs fade in or pad."""
    quarter = signal.shape[0] // 4
    return signal[quarter : 3 * quarter]


def test_the_bundled_decoder_can_write_every_format_the_tests_use() -> None:
    formats = soundfile.available_formats()
    assert {"WAV", "FLAC", "OGG", "MP3"} <= set(formats)
    assert "OPUS" in soundfile.available_subtypes("OGG")
    assert "MPEG_LAYER_III" in soundfile.available_subtypes("MP3")


@pytest.mark.parametrize(("name", "fmt", "subtype", "rate", "tolerance"), FORMATS)
def test_a_mono_sine_decodes_to_the_same_pitch_level_and_length_at_48k_in_both_channels(
    write_sine: WriteSine, name: str, fmt: str, subtype: str, rate: int, tolerance: float
) -> None:
    path = write_sine(name, rate=rate, seconds=1.0, format=fmt, subtype=subtype)
    file_frames = soundfile.info(str(path)).frames

    decoded = read_in_odd_blocks(path)

    assert decoded.dtype == np.float32
    assert decoded.shape == (round(file_frames * SAMPLE_RATE / rate), 2)
    assert abs(decoded.shape[0] - SAMPLE_RATE) < SAMPLE_RATE * 0.1  # encoders may pad a little
    assert np.array_equal(decoded[:, 0], decoded[:, 1])
    assert dominant_frequency(middle(decoded[:, 0]), SAMPLE_RATE) == pytest.approx(440.0, abs=1.0)
    assert sine_amplitude(middle(decoded[:, 0])) == pytest.approx(0.5, abs=tolerance)
    assert sine_residual(middle(decoded[:, 0]), 440.0, SAMPLE_RATE) < max(tolerance / 3, 0.002)


def test_a_variable_bitrate_mp3_stays_clean_all_the_way_through(write_sine: WriteSine) -> None:
    # The libsndfile in the soundfile wheel turns a VBR mp3 to noise after its first few blocks
    # when it is read a block at a time; streaming must not.
    path = write_sine("vbr.mp3", rate=44_100, seconds=10.0, format="MP3", subtype="MPEG_LAYER_III")

    decoded = read_in_odd_blocks(path)

    for second in range(1, 9):
        window = decoded[second * SAMPLE_RATE : second * SAMPLE_RATE + 4800, 0]
        assert sine_residual(window, 440.0, SAMPLE_RATE) < 0.01, f"noise at {second} s"


def test_stereo_keeps_left_and_right_apart(write_sine: WriteSine) -> None:
    path = write_sine("lr.flac", rate=44_100, freqs=(440.0, 660.0))

    decoded = read_in_odd_blocks(path)

    assert dominant_frequency(middle(decoded[:, 0]), SAMPLE_RATE) == pytest.approx(440, abs=1)
    assert dominant_frequency(middle(decoded[:, 1]), SAMPLE_RATE) == pytest.approx(660, abs=1)


def test_more_than_two_channels_are_averaged_into_both_sides(tmp_path: Path) -> None:
    tone = sine(440.0, 1.0, SAMPLE_RATE, amplitude=0.4)
    quad = np.stack([tone, tone, np.zeros_like(tone), np.zeros_like(tone)], axis=1)
    path = tmp_path / "quad.wav"
    soundfile.write(str(path), quad, SAMPLE_RATE, subtype="FLOAT")

    decoded = read_in_odd_blocks(path)

    assert np.allclose(decoded[:, 0], tone / 2, atol=1e-6)
    assert np.allclose(decoded[:, 1], tone / 2, atol=1e-6)


def test_read_always_returns_the_frames_asked_for_with_silence_after_the_end(
    write_sine: WriteSine,
) -> None:
    path = write_sine("short.wav", rate=SAMPLE_RATE, seconds=0.1)
    with open_audio(path) as stream:
        head = stream.read(4000)
        tail = stream.read(4000)
        after = stream.read(100)

    assert stream.frames == 4800
    assert head.shape == tail.shape == (4000, 2)
    assert np.any(tail[:800] != 0)
    assert not np.any(tail[800:])
    assert not np.any(after)
    assert stream.position == 8100


@pytest.mark.parametrize("rate", [8_000, 22_050, 44_100, 48_000, 96_000])
def test_seeking_lands_exactly_where_playing_through_would_be(
    write_sine: WriteSine, rate: int
) -> None:
    path = write_sine("seek.wav", rate=rate, seconds=2.0, subtype="FLOAT")
    with open_audio(path) as stream:
        straight = stream.read(stream.frames)
        for frame in (30_000, 7, 90_001, 0):
            stream.seek(frame)
            assert stream.position == frame
            again = stream.read(2000)
            assert np.allclose(again, straight[frame : frame + 2000], atol=1e-5)


@pytest.mark.parametrize(
    ("name", "fmt", "subtype"),
    [("s.ogg", "OGG", "VORBIS"), ("s.mp3", "MP3", "MPEG_LAYER_III"), ("s.flac", "FLAC", "PCM_24")],
)
def test_seeking_in_compressed_files_is_exact_too(
    write_sine: WriteSine, name: str, fmt: str, subtype: str
) -> None:
    path = write_sine(name, rate=44_100, seconds=3.0, format=fmt, subtype=subtype)
    with open_audio(path) as stream:
        straight = stream.read(stream.frames)
        for frame in (100_000, 12_345):
            stream.seek(frame)
            assert np.allclose(stream.read(4800), straight[frame : frame + 4800], atol=1e-4)


def test_seeking_past_the_end_reads_silence(write_sine: WriteSine) -> None:
    path = write_sine("end.ogg", rate=44_100, seconds=0.5, format="OGG", subtype="VORBIS")
    with open_audio(path) as stream:
        stream.seek(stream.frames + 10)
        assert not np.any(stream.read(500))
        stream.seek(0)
        assert np.any(stream.read(4800))


@pytest.mark.parametrize(
    ("name", "fmt", "subtype"),
    [("long.flac", "FLAC", "PCM_16"), ("long.mp3", "MP3", "MPEG_LAYER_III")],
)
def test_streaming_a_long_file_keeps_memory_flat(
    write_sine: WriteSine, name: str, fmt: str, subtype: str
) -> None:
    # Two minutes of 44.1 kHz audio decodes to ~46 MB of 48 kHz stereo float: if any of it
    # were kept, the peak would show it. Each read is a callback-sized block.
    path = write_sine(name, rate=44_100, seconds=120.0, amplitude=0.3, format=fmt, subtype=subtype)
    with open_audio(path) as stream:
        tracemalloc.start()
        try:
            while stream.position < stream.frames:
                stream.read(1024)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()

    assert peak < 1_000_000


def test_length_comes_from_the_header(write_sine: WriteSine) -> None:
    path = write_sine("len.flac", rate=22_050, seconds=1.5)

    assert audio_length_ms(path) == 1500


def test_every_supported_extension_is_lower_case_and_dotted() -> None:
    assert {".wav", ".flac", ".ogg", ".opus", ".mp3"} <= set(SUPPORTED_EXTENSIONS)
    assert all(ext.startswith(".") and ext == ext.lower() for ext in SUPPORTED_EXTENSIONS)


@pytest.mark.parametrize(("name", "fmt", "subtype", "rate", "tolerance"), FORMATS)
def test_a_whole_good_file_passes_the_check(
    write_sine: WriteSine, name: str, fmt: str, subtype: str, rate: int, tolerance: float
) -> None:
    path = write_sine(name, rate=rate, seconds=3.0, format=fmt, subtype=subtype)

    check_audio(path, f"audio/{name}")


# --- files that cannot be played -----------------------------------------------------------


def test_m4a_is_refused_with_a_way_to_convert_it(tmp_path: Path) -> None:
    path = tmp_path / "arrive.m4a"
    path.write_bytes(b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00")

    expected = (
        "audio/arrive.m4a: m4a (AAC) audio cannot be decoded; convert it to .ogg or .mp3 "
        "(for example `ffmpeg -i arrive.m4a arrive.ogg`)"
    )
    for attempt in (open_audio, check_audio, audio_length_ms):
        with pytest.raises(AudioDecodeError) as caught:
            attempt(path, display_name="audio/arrive.m4a")
        assert str(caught.value) == expected


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="needs the ffmpeg program")
def test_real_aac_audio_is_refused_even_under_another_name(tmp_path: Path) -> None:
    made = tmp_path / "memo.m4a"
    subprocess.run([*FFMPEG_SINE, "-c:a", "aac", str(made)], check=True)

    with pytest.raises(AudioDecodeError) as as_m4a:
        check_audio(made, "audio/memo.m4a")
    renamed = made.rename(tmp_path / "memo.mp3")
    with pytest.raises(AudioDecodeError) as as_mp3:
        open_audio(renamed, display_name="audio/memo.mp3")

    assert str(as_m4a.value) == (
        "audio/memo.m4a: m4a (AAC) audio cannot be decoded; convert it to .ogg or .mp3 "
        "(for example `ffmpeg -i memo.m4a memo.ogg`)"
    )
    assert str(as_mp3.value) == (
        "audio/memo.mp3: m4a (AAC) audio cannot be decoded; convert it to .ogg or .mp3 "
        "(for example `ffmpeg -i memo.mp3 memo.ogg`)"
    )


def test_random_bytes_are_refused_naming_the_file_and_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "x.wav"
    path.write_bytes(np.random.default_rng(1).bytes(5000))

    with pytest.raises(AudioDecodeError) as caught:
        open_audio(path, display_name="audio/x.wav")

    assert str(caught.value) == (
        "audio/x.wav: cannot be decoded (Format not recognised); "
        "re-export it as wav, flac, ogg or mp3"
    )


def test_random_bytes_named_mp3_get_a_reason_that_makes_sense(tmp_path: Path) -> None:
    path = tmp_path / "x.mp3"
    path.write_bytes(np.random.default_rng(2).bytes(5000))

    with pytest.raises(AudioDecodeError) as caught:
        check_audio(path, "audio/x.mp3")

    assert "does not exist" not in str(caught.value)
    assert str(caught.value).startswith("audio/x.mp3: cannot be decoded (")


@pytest.mark.parametrize("name", ["head.wav", "head.flac", "head.ogg"])
def test_a_file_cut_inside_its_header_is_refused(write_sine: WriteSine, name: str) -> None:
    path = write_sine(name)
    path.write_bytes(path.read_bytes()[:20])

    with pytest.raises(AudioDecodeError, match=rf"^audio/{name}: cannot be decoded \("):
        open_audio(path, display_name=f"audio/{name}")


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(AudioDecodeError) as caught:
        open_audio(tmp_path / "gone.ogg", display_name="audio/gone.ogg")

    assert str(caught.value) == "audio/gone.ogg: the file is missing; add it or fix the name"


def test_a_file_without_sound_fails_the_check(tmp_path: Path) -> None:
    path = tmp_path / "empty.wav"
    soundfile.write(str(path), np.zeros((0, 1), dtype=np.float32), SAMPLE_RATE)

    with pytest.raises(AudioDecodeError) as caught:
        check_audio(path, "audio/empty.wav")

    assert str(caught.value) == "audio/empty.wav: contains no sound; re-export it"


def cut_in_half(path: Path) -> Path:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def test_a_wav_cut_in_half_plays_what_is_there_but_fails_the_check(
    write_sine: WriteSine,
) -> None:
    path = cut_in_half(write_sine("half.wav", rate=SAMPLE_RATE, seconds=2.0))

    decoded = read_in_odd_blocks(path)
    with pytest.raises(AudioDecodeError) as caught:
        check_audio(path, "audio/half.wav")

    assert decoded.shape[0] == pytest.approx(SAMPLE_RATE, abs=100)
    assert sine_amplitude(middle(decoded[:, 0])) == pytest.approx(0.5, abs=0.005)
    assert str(caught.value) == (
        "audio/half.wav: ends early (the file is cut short); copy or export it again"
    )


def test_a_flac_cut_in_half_ends_in_silence_when_played_and_fails_the_check(
    write_sine: WriteSine,
) -> None:
    path = cut_in_half(write_sine("half.flac", rate=44_100, seconds=2.0))

    with open_audio(path, display_name="audio/half.flac") as stream:
        played = stream.read(stream.frames)
    with pytest.raises(AudioDecodeError) as caught:
        check_audio(path, "audio/half.flac")

    assert np.any(played[: SAMPLE_RATE // 2])
    assert not np.any(played[-SAMPLE_RATE // 4 :])
    assert stream.error is not None
    assert str(stream.error).startswith("audio/half.flac: stops decoding part-way (")
    assert str(caught.value).startswith("audio/half.flac: cannot be decoded to the end (")
    assert str(caught.value).endswith("the file may be cut short — copy or export it again")


def test_an_mp3_cut_in_half_fails_the_check(write_sine: WriteSine) -> None:
    path = cut_in_half(
        write_sine("half.mp3", rate=44_100, seconds=3.0, format="MP3", subtype="MPEG_LAYER_III")
    )

    with pytest.raises(AudioDecodeError) as caught:
        check_audio(path, "audio/half.mp3")

    assert str(caught.value) == (
        "audio/half.mp3: ends early (the file is cut short); copy or export it again"
    )
