"""Natural-voice figures: synthesis speed and the time to render the whole built-in library.

Run: .venv/bin/python benchmarks/voices.py [--quick]. Needs the `voice` extra (`make voices`
installs it); without it this says so and exits 0. --quick speaks only the cues and the first
five narration texts. Everything goes to a temporary folder: assets/voice is never touched.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from pfrelax.audio.voice_author import HOW_TO_INSTALL, find_natural_voice, render_library
from pfrelax.commands.voices import builtin_voice_texts


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    voice = find_natural_voice()
    if voice is None:
        print(f"voices: skipped. {HOW_TO_INSTALL}")
        return 0
    wanted = builtin_voice_texts()
    if args.quick:
        speak = [text for text, kind in wanted.items() if kind == "speak"][:5]
        wanted = {text: kind for text, kind in wanted.items() if kind == "cue" or text in speak}
    with tempfile.TemporaryDirectory(prefix="pfrelax-voices-") as folder:
        began = time.perf_counter()
        report = render_library(voice, Path(folder), wanted)
        total = time.perf_counter() - began
        size = sum(path.stat().st_size for path in Path(folder).iterdir())
    speech_s = report.speech_ms / 1000
    print(f"voices: {report.rendered} clips, {speech_s:.1f} s of speech, {size / 1e6:.1f} MB")
    print(f"voices: synthesis speed {speech_s / report.seconds:.1f} s of speech per second")
    print(f"voices: total rendering time {total:.1f} s on {os.cpu_count()} CPU(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
