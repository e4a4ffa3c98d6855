"""`pfrelax voices render`: speak the built-in narration and cues with the natural voice.

For authors only (needs the optional `voice` extra). It renders what is missing or stale into
assets/voice (or --folder), removes clips nobody uses, and rewrites the manifest.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pfrelax import paths
from pfrelax.audio.voice_library import cue_texts, speak_texts, voice_dir
from pfrelax.cli import EXIT_INVALID, EXIT_OK
from pfrelax.formats.library import SessionLibrary


def register(subparsers: Any) -> None:  # argparse's subparsers action has no public type
    voices = subparsers.add_parser(
        "voices",
        help="(authors) render the built-in narration and spoken cues with the natural voice",
        description="Render every built-in speak step and spoken cue with the natural voice "
        "(needs the optional `voice` extra).",
    )
    actions = voices.add_subparsers(dest="voices_command", metavar="ACTION", required=True)
    render = actions.add_parser("render", help="render what is missing or stale")
    render.add_argument(
        "--folder", type=Path, default=None, help="where the clips go (default: assets/voice)"
    )
    render.set_defaults(func=run_voices_render)


def builtin_voice_texts() -> dict[str, str]:
    """{text: kind} for every built-in speak step and every spoken cue."""
    library = SessionLibrary(paths.builtin_sessions_dir())
    wanted = dict.fromkeys(speak_texts(library.sessions()), "speak")
    wanted.update(dict.fromkeys(cue_texts(), "cue"))
    return wanted


def run_voices_render(args: argparse.Namespace) -> int:
    from pfrelax.audio.voice_author import VoiceError, render_library, require_natural_voice

    folder: Path = args.folder or voice_dir()
    try:
        voice = require_natural_voice()
        report = render_library(
            voice,
            folder,
            builtin_voice_texts(),
            lambda done, total, text: print(f"[{done + 1}/{total}] {text[:60]}", flush=True),
        )
    except (VoiceError, OSError) as error:
        print(f"pfrelax voices: {error}", file=sys.stderr)
        return EXIT_INVALID
    print(f"{report.rendered} rendered, {report.kept} kept, {report.removed} removed in {folder}")
    if report.rendered:
        speed = report.speech_ms / 1000 / max(report.seconds, 1e-9)
        print(
            f"{report.speech_ms / 1000:.1f} s of speech in {report.seconds:.1f} s "
            f"({speed:.1f} s of speech per second)"
        )
    return EXIT_OK
