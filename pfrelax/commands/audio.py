"""`pfrelax render SESSION -o FILE` and `pfrelax doctor`: sound without opening a window."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pfrelax import paths
from pfrelax.cli import EXIT_INVALID, EXIT_OK
from pfrelax.commands.library import SESSION_HELP, find_session
from pfrelax.core.timeline import TimelineError

if TYPE_CHECKING:
    from pfrelax.audio.speech import SpeechEngine


def register(subparsers: Any) -> None:  # argparse's subparsers action has no public type
    render = subparsers.add_parser(
        "render",
        help="mix a session to an audio file (wav, flac, ogg or mp3)",
        description="Mix SESSION exactly as it plays — cues, narration, ambient and the end "
        "bell — into FILE. The format follows FILE's extension.",
    )
    render.add_argument("session", metavar="SESSION", help=SESSION_HELP)
    render.add_argument(
        "-o", "--output", required=True, metavar="FILE", type=Path, help="the file to write"
    )
    render.add_argument(
        "--sound-set",
        choices=("soft", "bell", "none"),
        default="soft",
        help="the breath cue sounds (default: soft)",
    )
    render.add_argument(
        "--ambient",
        choices=("soft-noise", "low-drone", "none"),
        default="none",
        help="a quiet background under the session (default: none; a session's own "
        "ambient recording plays regardless)",
    )
    render.add_argument(
        "--no-voice", action="store_true", help="leave out narration and spoken breath prompts"
    )
    render.set_defaults(func=run_render)

    doctor = subparsers.add_parser(
        "doctor",
        help="check sound: output device, latency, speech voices, data folder",
        description="Open the sound output and say what works. Exit 0 when sound works.",
    )
    doctor.add_argument(
        "--null",
        action="store_true",
        help="test with miniaudio's null output (no sound card; for CI)",
    )
    doctor.set_defaults(func=run_doctor)


# -- render -----------------------------------------------------------------------------------
def run_render(args: argparse.Namespace) -> int:
    from pfrelax.audio.decode import AudioDecodeError
    from pfrelax.audio.engine import SoundChoice
    from pfrelax.audio.render import RenderError, output_format, render_session
    from pfrelax.audio.speech import find_speech_engine
    from pfrelax.services.catalog import timeline as session_timeline

    output: Path = args.output
    try:
        output_format(output)
    except RenderError as error:
        print(f"pfrelax render: {error}", file=sys.stderr)
        return EXIT_INVALID
    session = find_session(args.session)
    if session is None:
        return EXIT_INVALID
    try:
        timeline = session_timeline(session)
    except (TimelineError, AudioDecodeError) as error:
        print(f"pfrelax render: {error}", file=sys.stderr)
        return EXIT_INVALID
    choice = SoundChoice(
        sound_set=args.sound_set,
        ambient=None if args.ambient == "none" else args.ambient,
        voice=not args.no_voice,
    )
    speech = None if args.no_voice else find_speech_engine()
    try:
        done = render_session(timeline, output, choice, speech)
    except RenderError as error:
        print(f"pfrelax render: {error}", file=sys.stderr)
        return EXIT_INVALID
    for problem in done.problems:
        print(f"warning: {problem} (left out; its captions still show in the app)", file=sys.stderr)
    seconds = done.frames / done.rate
    print(f"wrote {output} ({seconds:.1f} s, {done.rate} Hz stereo)")
    return EXIT_OK


# -- doctor -----------------------------------------------------------------------------------
def run_doctor(args: argparse.Namespace) -> int:
    from pfrelax.audio.backends import open_backend
    from pfrelax.audio.speech import HOW_TO_GET_VOICES, find_speech_engine
    from pfrelax.services.preferences import Preferences, audio_preference

    # The output the player would open: the person's choice in Settings, or $PFRELAX_AUDIO.
    opened = open_backend("null" if args.null else audio_preference(Preferences.read().settings))
    backend = opened.backend
    if backend is None:
        print("Sound output:  none works — sessions run silently, with captions")
        print(f"  why:         {opened.reason}")
    else:
        block_ms = backend.block_frames * 1000 / backend.rate
        latency_ms = backend.latency_frames * 1000 / backend.rate
        print(f"Sound output:  {backend.name}")
        print(f"  device:      {backend.device_name}")
        buffer = f"{backend.block_frames} frames ({block_ms:.1f} ms) at {backend.rate} Hz"
        print(f"  buffer:      {buffer}")
        print(f"  latency:     {backend.latency_frames} frames ({latency_ms:.1f} ms)")
        backend.stop()
    speech = find_speech_engine()
    if speech is None:
        print(f"Speech:        no offline voice found. {HOW_TO_GET_VOICES}")
    else:
        print(f"Speech:        {speech.name}")
    _print_voice_and_levels(speech)
    print(f"Data folder:   {paths.data_dir()}")
    return EXIT_OK if backend is not None else EXIT_INVALID


LEVELS_SESSION = "one-minute-reset"  # short, with narration, tones and spoken cues


def _print_voice_and_levels(speech: SpeechEngine | None) -> None:
    """The natural voice's state and the loudness of each channel of a short test render."""
    from pfrelax.audio.engine import SoundChoice
    from pfrelax.audio.levels import channel_levels, render_channels
    from pfrelax.audio.voice_library import VOICE_NAME, has_natural_voice
    from pfrelax.services.catalog import timeline as session_timeline

    shipped = f"shipped recordings ({VOICE_NAME})" if has_natural_voice() else "not shipped"
    print(f"Natural voice: {shipped}")
    session = find_session(LEVELS_SESSION)
    if session is None:
        return
    rendered = render_channels(session_timeline(session), SoundChoice(ambient="soft-noise"), speech)
    print(f"Levels:        a test render of “{session.title}” at the default volumes")
    for channel, level in channel_levels(rendered).items():
        print(f"  {channel + ':':<12} {level.describe()}")
