"""`pack build --voice natural`: give every text-only speak step a natural-voice recording.

Runs on the build's private staging copy, never the PT's folder: each speak step with text and
no `audio` gets `audio = "audio/voice/<key>.opus"` written into its `[[step]]` table, as if the
PT had recorded it, so the step then lasts as long as the recording. A text the app already
ships is copied from the app; anything else is spoken by the natural voice (the `voice` extra).
"""

from __future__ import annotations

import re
import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pfrelax.audio.voice_author import NaturalVoice, VoiceError, render_text, require_natural_voice
from pfrelax.audio.voice_library import clip_key, folded, shipped_clip
from pfrelax.formats.problems import PackError, Problem

VOICE_FOLDER = "audio/voice"
_STEP_HEADER = re.compile(r"(?m)^[ \t]*\[\[[ \t]*step[ \t]*\]\][^\n]*\n")


class _Voice:
    """The natural voice, found only when a text actually needs speaking."""

    def __init__(self, find: Callable[[], NaturalVoice]) -> None:
        self._find = find
        self._voice: NaturalVoice | None = None

    def speak(self, text: str, target: Path) -> None:
        shipped = shipped_clip(text)
        if shipped is not None:
            shutil.copyfile(shipped[0], target)
            return
        if self._voice is None:
            self._voice = self._find()
        render_text(self._voice, text, target)


def speak_text_steps(staged: Path, find: Callable[[], NaturalVoice] = require_natural_voice) -> int:
    """Record every text-only speak step in the staged pack; how many steps were given one."""
    voice = _Voice(find)
    count = 0
    for path in sorted((staged / "sessions").glob("*.toml")):
        try:
            count += _record_session(staged, path, voice)
        except VoiceError as error:
            raise PackError([Problem(_name(staged, path), "", str(error))]) from None
    return count


def _name(staged: Path, path: Path) -> str:
    return path.relative_to(staged).as_posix()


def _record_session(staged: Path, path: Path, voice: _Voice) -> int:
    text = path.read_text(encoding="utf-8")
    try:
        steps: list[Any] = tomllib.loads(text).get("step", [])
    except tomllib.TOMLDecodeError:
        return 0  # the build's own checks report it with its line
    headers = list(_STEP_HEADER.finditer(text))
    wanted = [index for index, step in enumerate(steps) if _text_only(step)]
    if not wanted:
        return 0
    if len(headers) != len(steps):
        message = "write each step as its own [[step]] table so its recording can be added"
        raise PackError([Problem(_name(staged, path), "step", message)])
    inserts: list[tuple[int, str]] = []
    for index in wanted:
        spoken = folded(str(steps[index]["text"]))
        relative = f"{VOICE_FOLDER}/{clip_key(spoken)[:16]}.opus"
        target = staged / relative
        if not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            voice.speak(spoken, target)
        inserts.append((headers[index].end(), f'audio = "{relative}"\n'))
    for offset, line in reversed(inserts):
        text = text[:offset] + line + text[offset:]
    path.write_text(text, encoding="utf-8")
    return len(inserts)


def _text_only(step: Any) -> bool:
    return (
        isinstance(step, dict)
        and step.get("type") == "speak"
        and not step.get("audio")
        and isinstance(step.get("text"), str)
        and bool(step["text"].strip())
    )
