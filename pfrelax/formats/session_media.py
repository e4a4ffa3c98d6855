"""A loose session file's recordings, checked the way the player will use them: every audio file
it names is found beside it and decodes from start to end (validate says "ok" only then)."""

from __future__ import annotations

from pathlib import Path

from pfrelax.core.session import Session, SpeakStep, recorded_file
from pfrelax.formats.problems import Problem
from pfrelax.formats.toml_lines import KeyPath, format_key_path, locate_keys


def named_audio(session: Session) -> list[tuple[KeyPath, str]]:
    """(key path, audio path as written) for the ambient sound and every recorded step."""
    named: list[tuple[KeyPath, str]] = [(("ambient",), session.ambient)] if session.ambient else []
    for index, step in enumerate(session.steps):
        if isinstance(step, SpeakStep) and step.audio:
            named.append((("step", index, "audio"), step.audio))
    return named


def audio_problems(session: Session, path: Path, text: str) -> list[Problem]:
    """Every recording `session` (read from `path`, whose text is `text`) names that is missing
    or does not decode to its end, at the line where it is named."""
    named = named_audio(session)
    if not named:
        return []
    from pfrelax.audio.decode import AudioDecodeError  # the audio stack only when needed
    from pfrelax.audio.probe import check_audio

    lines = None  # located on the first problem: a valid file never needs them
    problems: list[Problem] = []
    checked: dict[str, str] = {}
    for key_path, written in named:
        if written not in checked:
            found = recorded_file(session, written)
            if found is None or not found.is_file():
                checked[written] = f"'{written}' is not found next to {path.name}; put it there"
            else:
                try:
                    check_audio(found, written)
                    checked[written] = ""
                except AudioDecodeError as error:
                    checked[written] = str(error)
        if checked[written]:
            key = format_key_path(key_path)
            lines = lines or locate_keys(text)
            problems.append(Problem(str(path), key, checked[written], lines.line_of(key_path)))
    return problems
