"""Audio figures: mixer CPU, cue onset error in a render, A/V clock on the null output, memory.

Run: .venv/bin/python benchmarks/audio.py [--quick]. Budgets (docs/ARCHITECTURE.md): cue onset
≤ 1 ms from its phase boundary in the rendered audio; |A/V| ≤ 20 ms; memory flat (≤ 5 MB growth).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path

import numpy as np
import soundfile

from pfrelax import paths
from pfrelax.audio.backends import OfflineBackend, open_backend
from pfrelax.audio.engine import AudioEngine, SoundChoice, prepare_sound
from pfrelax.audio.render import render_session
from pfrelax.core.session import Session, SpeakStep
from pfrelax.core.timeline import compile_session
from pfrelax.core.transport import Transport
from pfrelax.formats.library import SessionLibrary
from pfrelax.services.catalog import timeline as session_timeline

RATE = 48_000
BLOCK = 480  # what the miniaudio output asks for (10 ms)
ONSET_SESSION = "box-4-4-4-4"
CPU_SESSION = "pelvic-floor-drop-5"
BREATH_KINDS = {"inhale", "top_up", "hold_in", "exhale", "hold_out"}
# The first sample that is not digital silence in the 16-bit file; and, for the ear, where the
# cue has reached −60 dB below its peak (its attack is a 6 ms raised cosine from exactly 0).
ONSET_THRESHOLDS = (("first non-silent sample", 1.5 / 32768), ("−60 dB of its peak", 1e-3 * 0.126))
WARM_UP_S = 0.5  # the output's first buffers fill in a burst; the clock is judged after that


def mixer_cpu(seconds: int) -> None:
    session = SessionLibrary(paths.builtin_sessions_dir()).find(CPU_SESSION)
    timeline = compile_session(session)
    choice = SoundChoice(ambient="soft-noise", voice=False)
    engine = AudioEngine(OfflineBackend(RATE, BLOCK), prepare_sound(timeline, choice, None))
    engine.start()
    engine.play_from(0)
    backend = engine.backend
    assert isinstance(backend, OfflineBackend)
    started = time.process_time()
    for _ in backend.blocks(seconds * RATE):
        pass
    used = time.process_time() - started
    engine.close()
    print(f"mixer CPU ({CPU_SESSION}, cues + ambient, {BLOCK}-frame blocks, {seconds} s):")
    print(f"  {used / seconds * 1000:.2f} ms per second of audio = {used / seconds:.2%} of a core")


def timeline_boundaries(address: str) -> list[float]:
    """Breath phase starts in seconds, as `pfrelax timeline --json` prints them."""
    done = subprocess.run(
        [sys.executable, "-m", "pfrelax.cli", "timeline", address, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    segments = json.loads(done.stdout)["segments"]
    return [float(s["start"]) for s in segments if s["kind"] in BREATH_KINDS]


def onset_errors(
    audio: np.ndarray, rate: int, starts: list[float], threshold: float
) -> list[float]:
    """Milliseconds from each boundary to the first sample above `threshold` near it."""
    loud = np.flatnonzero(np.max(np.abs(audio), axis=1) > threshold)
    errors = []
    for start in starts:
        boundary = round(start * rate)
        after = loud[np.searchsorted(loud, boundary - rate // 50) :]  # from 20 ms before
        if after.size and after[0] < boundary + rate // 50:
            errors.append(float((after[0] - boundary) * 1000 / rate))
    return errors


def cue_onsets(folder: Path) -> None:
    session = SessionLibrary(paths.builtin_sessions_dir()).find(ONSET_SESSION)
    target = folder / f"{ONSET_SESSION}.wav"
    render_session(compile_session(session), target, SoundChoice(voice=False))
    audio, rate = soundfile.read(str(target), dtype="float32")
    starts = timeline_boundaries(ONSET_SESSION)
    print(f"cue onset vs `pfrelax timeline` boundary ({ONSET_SESSION}, rendered 16-bit wav):")
    for label, threshold in ONSET_THRESHOLDS:
        errors = onset_errors(audio, rate, starts, threshold)
        worst = max(abs(e) for e in errors)
        verdict = "ok" if worst <= 1.0 else "over 1 ms"
        print(
            f"  {label}: {len(errors)}/{len(starts)} cues, mean {np.mean(errors):+.3f} ms, "
            f"worst {worst:.3f} ms ({verdict})"
        )


def av_offset(seconds: float) -> None:
    opened = open_backend("null")
    if opened.backend is None:
        print(f"A/V on the null output: skipped ({opened.reason})")
        return
    session = SessionLibrary(paths.builtin_sessions_dir()).find(ONSET_SESSION)
    timeline = compile_session(session)
    engine = AudioEngine(opened.backend, prepare_sound(timeline, SoundChoice(voice=False), None))
    engine.start()
    transport = Transport(timeline, engine.clock, count_in_ms=0)
    engine.connect(transport)
    transport.start()
    tick = threading.Event()
    tick.wait(WARM_UP_S)
    walls, offsets = [], []
    ends = time.monotonic() + seconds
    while time.monotonic() < ends:
        wall = time.monotonic()
        walls.append(wall)
        offsets.append(engine.clock.now() - wall)
        tick.wait(1 / 240)
    engine.close()
    deviation = (np.array(offsets) - np.median(offsets)) * 1000
    slope = np.polyfit(np.array(walls) - walls[0], deviation, 1)[0]  # ms per second
    p99 = np.percentile(np.abs(deviation), 99)
    print(f"A/V: engine clock vs monotonic on the null output ({seconds:.0f} s, after warm-up):")
    print(
        f"  deviation {deviation.min():+.2f} … {deviation.max():+.2f} ms, p99 |dev| {p99:.2f} ms, "
        f"drift {slope * 60:+.2f} ms per minute (budget |A/V| ≤ 20 ms)"
    )


def write_long_narration(path: Path, minutes: int) -> None:
    """A quiet warbling tone at 44.1 kHz (so the resampler runs too), written in chunks."""
    rate = 44_100
    with soundfile.SoundFile(str(path), "w", rate, 1, "PCM_16", format="FLAC") as out:
        for second in range(minutes * 60):
            t = np.arange(second * rate, (second + 1) * rate) / rate
            out.write(0.2 * np.sin(2 * np.pi * (220 + 20 * np.sin(0.3 * t)) * t))


def rss_kib() -> int:
    with Path("/proc/self/status").open() as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def streaming_memory(folder: Path, minutes: int) -> None:
    path = folder / "narration.flac"
    write_long_narration(path, minutes)
    session = Session(
        id="long",
        title="Long narration",
        origin=folder / "long.toml",
        steps=(SpeakStep("Listen", "A long narration.", audio=path.name),),
    )
    timeline = session_timeline(session)
    engine = AudioEngine(OfflineBackend(RATE, BLOCK), prepare_sound(timeline, SoundChoice(), None))
    engine.start()
    engine.play_from(0)
    backend = engine.backend
    assert isinstance(backend, OfflineBackend)
    tracemalloc.start()
    marks: list[tuple[int, int, int]] = []
    for index, _ in enumerate(backend.blocks(engine.sound.last_frame)):
        if index % (60 * RATE // BLOCK) == 0:  # once a minute of audio
            current, _ = tracemalloc.get_traced_memory()
            marks.append((index * BLOCK // RATE, current, rss_kib()))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    engine.close()
    (_, heap_1, rss_1), (last_s, heap_n, rss_n) = marks[1], marks[-1]
    size = path.stat().st_size / 1e6
    print(f"memory streaming a {minutes}-minute narration ({size:.1f} MB flac, 44.1→48 kHz):")
    print(
        f"  Python heap {heap_1 / 1e6:.2f} → {heap_n / 1e6:.2f} MB (minute 1 → {last_s // 60}), "
        f"peak {peak / 1e6:.2f} MB; RSS {rss_1 / 1024:.1f} → {rss_n / 1024:.1f} MB "
        f"(growth {(rss_n - rss_1) / 1024:+.1f} MB, budget 5 MB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="shorter runs (for a smoke test)")
    quick = parser.parse_args().quick
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        os.environ.setdefault("PFRELAX_HOME", str(folder / "home"))
        mixer_cpu(30 if quick else 120)
        cue_onsets(folder)
        av_offset(3 if quick else 10)
        streaming_memory(folder, 3 if quick else 20)


if __name__ == "__main__":
    main()
