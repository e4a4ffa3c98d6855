"""A speak step's narration: recorded through miniaudio's real null capture device, picked from a
file (a phone's m4a converted) or spoken by the natural voice; each lands in the pack's audio
folder under a neutral name, and the step then lasts as long as its recording."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import miniaudio
import numpy as np
import pytest
import soundfile

from pfrelax.audio.capture import RATE, Deliver, MiniaudioCapture, MiniaudioPlayback, Samples
from pfrelax.errors import InputError
from pfrelax.formats.pack import read_pack
from pfrelax.services.narration import (
    Narration,
    NarrationRecorder,
    UnsavedTakes,
    attach,
    audio_in_use,
    saved_audio,
    speak_text,
    take_file,
)
from pfrelax.services.pack_studio import PackSource, open_pack, save_folder

from ..audio.fake_piper import fake_natural_voice

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "riverside-release"
NULL = [miniaudio.Backend.NULL]


class NullMicrophone:
    """miniaudio's null capture device (a real device, recording silence), telling the test
    when it has recorded `frames` frames, so the test waits on that and not on a clock."""

    def __init__(self, frames: int) -> None:
        self.device = MiniaudioCapture(NULL)
        self.enough = threading.Event()
        self._frames = frames
        self._seen = 0

    def start(self, deliver: Deliver) -> None:
        def counted(block: Samples) -> None:
            deliver(block)
            self._seen += block.size
            if self._seen >= self._frames:
                self.enough.set()

        self.device.start(counted)

    def stop(self) -> None:
        self.device.stop()


@pytest.fixture
def pack(tmp_path: Path) -> Iterator[PackSource]:
    folder = tmp_path / "riverside"
    shutil.copytree(EXAMPLE, folder)
    source = open_pack(folder)
    yield source
    source.close()


def first_speak_step(source: PackSource) -> dict[str, object]:
    for file in source.sessions:
        for step in file.document.get("step", []):
            if step.get("type") == "speak" and "audio" not in step:
                return step  # type: ignore[no-any-return]
    raise AssertionError("the example has a speak step without audio")


def test_a_null_device_recording_becomes_the_steps_length(pack: PackSource) -> None:
    microphone = NullMicrophone(RATE // 2)
    recorder = NarrationRecorder(lambda: microphone, lambda: MiniaudioPlayback(NULL))
    recorder.start()
    assert recorder.recording
    assert microphone.enough.wait(10), "the null device recorded nothing"
    ms = recorder.stop()
    assert ms >= 500
    recorder.play()  # through the null output
    recorder.stop_playing()
    narration = recorder.save(pack.folder)
    assert narration.name == "audio/narration-1.opus"
    assert narration.ms == ms
    step = first_speak_step(pack)
    attach(step, narration)
    assert "seconds" not in step
    save_folder(pack, pack.folder)
    read = read_pack(pack.folder)
    assert abs(read.audio_ms["audio/narration-1.opus"] - ms) <= 20
    session = next(s for s in read.sessions if "audio/narration-1.opus" in dict(s.narration_ms))
    assert abs(dict(session.narration_ms)["audio/narration-1.opus"] - ms) <= 20
    recorder.close()


def test_a_second_recording_gets_the_next_neutral_name(pack: PackSource) -> None:
    recorder = NarrationRecorder()
    recorder.trimmed = np.full(RATE // 4, 0.1, dtype=np.float32)
    assert recorder.save(pack.folder).name == "audio/narration-1.opus"
    assert recorder.save(pack.folder).name == "audio/narration-2.opus"
    assert not list((pack.folder / "audio").glob(".*"))  # no temporary file left behind


def test_nothing_recorded_cannot_be_kept(pack: PackSource) -> None:
    with pytest.raises(InputError, match="no recording"):
        NarrationRecorder().save(pack.folder)


def test_a_picked_wav_is_copied_and_measured(pack: PackSource, tmp_path: Path) -> None:
    chosen = tmp_path / "Voice memo of Sam.wav"
    soundfile.write(chosen, np.zeros(RATE, dtype=np.float32), RATE)
    narration = take_file(pack.folder, chosen)
    assert narration.name == "audio/narration-1.wav"  # the PT's file name is not carried in
    assert 990 <= narration.ms <= 1010


def test_a_picked_phone_recording_is_converted(pack: PackSource, tmp_path: Path) -> None:
    av = pytest.importorskip("av", reason="m4a conversion needs the authoring extra (PyAV)")
    chosen = tmp_path / "memo.m4a"
    with av.open(str(chosen), "w", format="mp4") as out:
        stream = out.add_stream("aac", rate=44_100)
        samples = (0.1 * np.sin(np.arange(44_100) / 10)).astype(np.float32).reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(samples, format="flt", layout="mono")
        frame.sample_rate = 44_100
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            out.mux(packet)
    narration = take_file(pack.folder, chosen)
    assert narration.name == "audio/narration-1.ogg"
    assert 900 <= narration.ms <= 1100


def test_a_file_pfrelax_cannot_play_is_refused(pack: PackSource, tmp_path: Path) -> None:
    chosen = tmp_path / "notes.txt"
    chosen.write_text("hello", encoding="utf-8")
    with pytest.raises(InputError, match="wav, flac, ogg"):
        take_file(pack.folder, chosen)


def test_the_natural_voice_speaks_the_text(pack: PackSource, tmp_path: Path) -> None:
    voice = fake_natural_voice(tmp_path)
    narration = speak_text(pack.folder, "Let your breath settle.", lambda: voice)
    assert narration.name == "audio/narration-1.opus"
    assert narration.ms > 0
    with pytest.raises(InputError, match="not installed"):
        speak_text(pack.folder, "Hello.", lambda: None)


def test_a_picked_file_that_cannot_be_played_is_refused_and_not_kept(
    pack: PackSource, tmp_path: Path
) -> None:
    chosen = tmp_path / "broken.wav"
    chosen.write_bytes(b"RIFF\x00\x00\x00\x00WAVEnot really")
    with pytest.raises(InputError, match=r"broken\.wav"):
        take_file(pack.folder, chosen)
    assert not list((pack.folder / "audio").glob("narration-*"))
    assert not list((pack.folder / "audio").glob(".*"))


def test_a_phone_recording_that_cannot_be_converted_is_refused(
    pack: PackSource, tmp_path: Path
) -> None:
    pytest.importorskip("av", reason="m4a conversion needs the authoring extra (PyAV)")
    chosen = tmp_path / "memo.m4a"
    chosen.write_bytes(b"\x00\x00\x00\x18ftypM4A not really")
    with pytest.raises(InputError, match=r"memo\.m4a could not be converted"):
        take_file(pack.folder, chosen)
    assert not list((pack.folder / "audio").glob("narration-*"))


def _written(folder: Path, name: str) -> Narration:
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(b"take")
    return Narration(name, 1000)


def test_a_replaced_unsaved_take_is_deleted_and_nothing_else(tmp_path: Path) -> None:
    takes = UnsavedTakes()
    own = _written(tmp_path, "audio/welcome.ogg")  # the pack's own recording, never ours
    step: dict[str, object] = {"audio": own.name}
    assert takes.attach(step, _written(tmp_path, "audio/narration-1.opus"), tmp_path) is None
    assert (tmp_path / own.name).exists()
    second = _written(tmp_path, "audio/narration-2.opus")
    assert takes.attach(step, second, tmp_path) == "audio/narration-1.opus"
    assert not (tmp_path / "audio/narration-1.opus").exists()
    assert step == {"audio": "audio/narration-2.opus"}


def test_a_take_another_step_plays_or_a_saved_one_is_kept(tmp_path: Path) -> None:
    takes = UnsavedTakes()
    step: dict[str, object] = {"seconds": 20}
    takes.attach(step, _written(tmp_path, "audio/narration-1.opus"), tmp_path)
    other = {"step": [{"type": "speak", "audio": "audio/narration-1.opus"}]}
    second = _written(tmp_path, "audio/narration-2.opus")
    assert takes.attach(step, second, tmp_path, lambda: audio_in_use([other])) is None
    assert (tmp_path / "audio/narration-1.opus").exists()
    takes.saved()
    assert takes.attach(step, _written(tmp_path, "audio/narration-3.opus"), tmp_path) is None
    assert (tmp_path / "audio/narration-2.opus").exists()


def _session_file(folder: Path, name: str, *audio: str) -> None:
    steps = "".join(f'[[step]]\ntype = "speak"\naudio = "{a}"\n\n' for a in audio)
    (folder / "sessions").mkdir(parents=True, exist_ok=True)
    (folder / "sessions" / name).write_text(f'id = "s"\ntitle = "S"\n\n{steps}', "utf-8")


def test_takes_never_saved_go_when_the_pack_is_left_and_saved_ones_stay(tmp_path: Path) -> None:
    own = _written(tmp_path, "audio/welcome.ogg")
    takes = UnsavedTakes()
    step: dict[str, object] = {"seconds": 20}
    takes.attach(step, _written(tmp_path, "audio/narration-1.opus"), tmp_path)
    _session_file(tmp_path, "a.toml", own.name, "audio/narration-1.opus")  # saved: now the PT's
    assert takes.settle(tmp_path, saved_audio(tmp_path)) == []
    other: dict[str, object] = {"seconds": 20}
    takes.attach(other, _written(tmp_path, "audio/narration-2.opus"), tmp_path)
    assert takes.pending
    # Left without saving: narration-2 is named by no saved file.
    assert takes.settle(tmp_path, saved_audio(tmp_path)) == ["audio/narration-2.opus"]
    assert not takes.pending
    names = {path.name for path in (tmp_path / "audio").iterdir()}
    assert names == {"welcome.ogg", "narration-1.opus"}


def test_a_take_whose_step_went_before_the_save_is_deleted_at_the_save(tmp_path: Path) -> None:
    takes = UnsavedTakes()
    takes.attach({"seconds": 20}, _written(tmp_path, "audio/narration-1.opus"), tmp_path)
    takes.attach({"seconds": 20}, _written(tmp_path, "audio/narration-2.opus"), tmp_path)
    saved = audio_in_use([{"step": [{"type": "speak", "audio": "audio/narration-2.opus"}]}])
    assert takes.settle(tmp_path, saved) == ["audio/narration-1.opus"]
    assert [path.name for path in (tmp_path / "audio").iterdir()] == ["narration-2.opus"]


def test_when_the_saved_files_cannot_be_read_no_take_is_deleted(tmp_path: Path) -> None:
    takes = UnsavedTakes()
    takes.attach({"seconds": 20}, _written(tmp_path, "audio/narration-1.opus"), tmp_path)
    (tmp_path / "sessions").mkdir()
    (tmp_path / "sessions" / "broken.toml").write_text('title = "unfinished', "utf-8")
    assert saved_audio(tmp_path) is None
    assert takes.settle(tmp_path, saved_audio(tmp_path)) == []
    assert (tmp_path / "audio/narration-1.opus").exists()
