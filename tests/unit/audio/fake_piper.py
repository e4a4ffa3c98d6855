"""A stand-in for the `piper` program (same arguments, writes a speech-like wav) for tests."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

import numpy as np
import soundfile

from pfrelax.audio.voice_author import NaturalVoice

# The options of piper-tts 1.8's command line that voice_author passes.
FAKE_ARGUMENTS = (
    "--model",
    "--config",
    "--output-file",
    "--length-scale",
    "--sentence-silence",
    "--noise-scale",
    "--noise-w-scale",
)


def fake_natural_voice(folder: Path) -> NaturalVoice:
    """A `piper` program in `folder` that runs this stand-in, and a model file for it."""
    program = folder / "piper"
    command = f"{shlex.quote(sys.executable)} {shlex.quote(__file__)}"
    program.write_text(f'#!/bin/sh\nexec {command} "$@"\n', encoding="utf-8")
    program.chmod(0o755)
    model = folder / "voice.onnx"
    model.write_bytes(b"model")
    return NaturalVoice(program, model)


def main() -> None:
    parser = argparse.ArgumentParser()
    for flag in FAKE_ARGUMENTS:
        parser.add_argument(flag)
    args = parser.parse_args()
    text = sys.stdin.read()
    if "FAIL" in text:
        sys.exit("piper: could not speak")
    rate = 22050
    seconds = 0.06 * len(text) * float(args.length_scale)
    t = np.arange(int(seconds * rate)) / rate
    voice = 0.9 * np.sin(2 * np.pi * 180 * t) * (np.sin(2 * np.pi * 3 * t) > 0)
    pad = np.zeros(rate // 2)
    soundfile.write(args.output_file, np.concatenate([pad, voice, pad]), rate)


if __name__ == "__main__":
    main()
