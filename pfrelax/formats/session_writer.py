"""Writing a session as the TOML text a person could have written by hand (docs/session-format.md).

Only what the editor makes is written: speak steps without recordings, breathe and rest steps.
The text reads back to the same session (`parse_session`), which the tests check both ways.
"""

from __future__ import annotations

import json

from pfrelax.core.durations import format_ms
from pfrelax.core.pattern import Pattern
from pfrelax.core.session import BreatheStep, Cues, Prompts, RestStep, Session, SpeakStep, Step
from pfrelax.errors import InputError
from pfrelax.formats.session_file import FORMAT_VERSION


class UnwritableSession(InputError, ValueError):  # noqa: N818  # says what the session is, like SessionNotFound
    """A session holding what a hand-written file cannot (a recording, an ambient bed)."""


def session_toml(session: Session) -> str:
    """The session file's text, keys in the order the guide teaches."""
    if session.ambient:
        raise UnwritableSession("a session with an ambient recording belongs in a pack")
    lines = [
        f"pfrelax = {FORMAT_VERSION}",
        f"id = {_string(session.id)}",
        f"title = {_string(session.title)}",
    ]
    if session.summary:
        lines.append(f"summary = {_string(session.summary)}")
    lines.append(f"language = {_string(session.language)}")
    lines.append(f"tags = {_strings(session.tags)}")
    lines.append(f"checkin = {_strings(session.checkin)}")
    if session.source:
        lines.append(f"source = {_string(session.source)}")
    if session.safety:
        lines.append(f"safety = {_string(session.safety)}")
    for step in session.steps:
        lines.append("")
        lines.append("[[step]]")
        lines.extend(_step_lines(step))
    return "\n".join(lines) + "\n"


def _step_lines(step: Step) -> list[str]:
    if isinstance(step, SpeakStep):
        if step.audio or step.seconds_ms is None:
            raise UnwritableSession("a step with a recording belongs in a pack")
        return [
            'type = "speak"',
            f"title = {_string(step.title)}",
            f"seconds = {format_ms(step.seconds_ms)}",
            f"text = {_string(step.text)}",
        ]
    if isinstance(step, RestStep):
        lines = ['type = "rest"', f"title = {_string(step.title)}"]
        lines.append(f"seconds = {format_ms(step.seconds_ms)}")
        if step.text:
            lines.append(f"text = {_string(step.text)}")
        return lines
    if isinstance(step, BreatheStep):
        return _breathe_lines(step)
    raise UnwritableSession(f"a {step.kind} step is written by hand or in the pack studio")


def _breathe_lines(step: BreatheStep) -> list[str]:
    lines = ['type = "breathe"', f"title = {_string(step.title)}"]
    lines.append(f"pattern = {_pattern(step.pattern)}")
    if step.cycles is not None:
        lines.append(f"cycles = {step.cycles}")
    else:
        lines.append(f"seconds = {format_ms(step.target_ms or 0)}")
    if step.cues is not Cues.TONES:
        lines.append(f"cues = {_string(step.cues.value)}")
    prompts = _prompts(step.prompts)
    if prompts:
        lines.append(f"prompts = {prompts}")
    if step.ramp is not None:
        seconds = format_ms(step.ramp.over_ms)
        lines.append(f"ramp = {{ to = {_pattern(step.ramp.target)}, seconds = {seconds} }}")
    return lines


def _pattern(pattern: Pattern) -> str:
    phases = ", ".join(f"{name} = {format_ms(ms)}" for name, ms in pattern.phases())
    return f"{{ {phases} }}"


def _prompts(prompts: Prompts) -> str:
    named = (
        ("inhale", prompts.inhale),
        ("top_up", prompts.top_up),
        ("hold", prompts.hold),
        ("exhale", prompts.exhale),
    )
    given = [f"{name} = {_string(text)}" for name, text in named if text]
    return f"{{ {', '.join(given)} }}" if given else ""


def _string(text: str) -> str:
    # A JSON string with non-ASCII kept is a valid TOML basic string: the escapes are the same.
    return json.dumps(text, ensure_ascii=False)


def _strings(items: tuple[str, ...]) -> str:
    return "[" + ", ".join(_string(item) for item in items) + "]"
