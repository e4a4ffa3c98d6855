"""Reading and checking the `[[step]]` tables of a session file (pelvic floor and dilator steps:
`session_practice`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from pfrelax.core.limits import DEFAULT_LIMITS, Limits, check_pattern
from pfrelax.core.pattern import PHASE_FIELDS, Pattern, PatternError, parse_shorthand
from pfrelax.core.session import BreatheStep, Cues, Prompts, Ramp, RestStep, SpeakStep, Step
from pfrelax.formats.checker import Checker, Table, did_you_mean, quoted_list, shown
from pfrelax.formats.session_practice import (
    DILATOR_KEYS,
    PELVIC_FLOOR_KEYS,
    read_dilator,
    read_pelvic_floor,
)
from pfrelax.formats.toml_lines import KeyPath

STEP_TYPES = ("speak", "breathe", "rest", "pelvic_floor", "dilator")
STEP_KEYS = {
    "speak": ("type", "title", "text", "seconds", "audio", "captions"),
    "breathe": (
        "type",
        "title",
        "pattern",
        "minutes",
        "seconds",
        "cycles",
        "cues",
        "prompts",
        "ramp",
    ),
    "rest": ("type", "title", "seconds", "text"),
    "pelvic_floor": PELVIC_FLOOR_KEYS,
    "dilator": DILATOR_KEYS,
}
PROMPT_KEYS = ("inhale", "top_up", "hold", "exhale")
RAMP_KEYS = ("to", "minutes", "seconds")
LENGTH_KEYS = ("minutes", "seconds", "cycles")
# Two hours at the fastest rate allowed (12 a minute) is 1,440 breaths; far more is a typo.
MAX_CYCLES = 10_000

PLAYABLE_AUDIO = (".wav", ".flac", ".ogg", ".oga", ".opus", ".mp3")  # as pfrelax.audio.decode
_AAC_AUDIO = (".m4a", ".aac", ".mp4")
CAPTION_SUFFIXES = (".vtt",)

AudioExists = Callable[[str], bool]


@dataclass(frozen=True, slots=True)
class StepRules:
    limits: Limits = DEFAULT_LIMITS
    audio_exists: AudioExists | None = None
    in_pack: bool = False  # a PT's pack may use contractions and insertion on the out-breath


def read_steps(checker: Checker, data: Table, rules: StepRules) -> list[Step]:
    """Every `[[step]]`, in order; a step with problems is noted in `checker` and left out."""
    raw = data.get("step")
    if raw is None or raw == []:
        checker.problem((), "a session needs at least one step; add a [[step]] table")
        return []
    if isinstance(raw, dict):
        checker.problem(("step",), "write each step as [[step]] (two brackets), not [step]")
        return []
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        checker.wrong_type(("step",), "[[step]] tables", raw)
        return []
    steps = [read_step(checker, table, index, rules) for index, table in enumerate(raw)]
    return [step for step in steps if step is not None]


def read_step(checker: Checker, table: Table, index: int, rules: StepRules) -> Step | None:
    path: KeyPath = ("step", index)
    kind = _step_type(checker, table, path)
    if kind is None:
        checker.unknown_keys(table, path, sorted({k for keys in STEP_KEYS.values() for k in keys}))
        return None
    _unknown_step_keys(checker, table, path, kind)
    title = (checker.text(table, "title", path) or "").strip()
    if kind == "speak":
        return _speak(checker, table, path, title or "Narration", rules)
    if kind == "rest":
        return _rest(checker, table, path, title or "Rest")
    if kind == "pelvic_floor":
        return read_pelvic_floor(checker, table, path, title, rules.limits.name, rules.in_pack)
    if kind == "dilator":
        before = len(checker.problems)
        pattern = read_pattern(checker, table, "pattern", path, rules.limits)
        if len(checker.problems) > before:
            pattern = None  # refused (already said why): the step is not worked out from it
        limits, in_pack = rules.limits.name, rules.in_pack
        return read_dilator(checker, table, path, title, limits, in_pack, pattern)
    return _breathe(checker, table, path, title, rules)


def _step_type(checker: Checker, table: Table, path: KeyPath) -> str | None:
    if "type" not in table:
        checker.missing(path, "type", f"; use {quoted_list(STEP_TYPES)}")
        return None
    kind = checker.text(table, "type", path)
    if kind is None or kind in STEP_TYPES:
        return kind
    hint = did_you_mean(kind, STEP_TYPES) or f"; use {quoted_list(STEP_TYPES)}"
    checker.problem((*path, "type"), f"'{shown(kind)}' is not a step type{hint}")
    return None


def _unknown_step_keys(checker: Checker, table: Table, path: KeyPath, kind: str) -> None:
    allowed = STEP_KEYS[kind]
    for key in table:
        if key in allowed:
            continue
        others = [other for other in STEP_TYPES if key in STEP_KEYS[other]]
        if others:
            message = f"'{key}' belongs in a {others[0]} step, not in a {kind} step"
        else:
            hint = did_you_mean(key, allowed) or f"; a {kind} step has {quoted_list(allowed)}"
            message = f"unknown key '{shown(key)}'{hint}"
        checker.problem((*path, key), message)


def _speak(
    checker: Checker, table: Table, path: KeyPath, title: str, rules: StepRules
) -> SpeakStep | None:
    before = len(checker.problems)
    text = checker.text(table, "text", path, required=True)
    audio = media_path(checker, table, "audio", path, PLAYABLE_AUDIO, rules.audio_exists)
    captions = media_path(checker, table, "captions", path, CAPTION_SUFFIXES, rules.audio_exists)
    seconds_ms = checker.positive_seconds(table, "seconds", path)
    if "seconds" not in table and "audio" not in table:
        checker.missing(path, "seconds", " (or an `audio` file); e.g. seconds = 30")
    if len(checker.problems) > before:
        return None
    return SpeakStep(title, text or "", seconds_ms, audio, captions)


def _rest(checker: Checker, table: Table, path: KeyPath, title: str) -> RestStep | None:
    before = len(checker.problems)
    text = checker.text(table, "text", path)
    seconds_ms = checker.positive_seconds(table, "seconds", path)
    if "seconds" not in table:
        checker.missing(path, "seconds", "; e.g. seconds = 60")
    if len(checker.problems) > before or seconds_ms is None:
        return None
    return RestStep(title, seconds_ms, text or "")


def _breathe(
    checker: Checker, table: Table, path: KeyPath, title: str, rules: StepRules
) -> BreatheStep | None:
    before = len(checker.problems)
    pattern = read_pattern(checker, table, "pattern", path, rules.limits)
    if "pattern" not in table:
        checker.missing(path, "pattern", '; e.g. pattern = "4-6"')
    target_ms, cycles = _breathe_length(checker, table, path)
    cues = checker.choice(table, "cues", path, [cue.value for cue in Cues])
    prompts = _prompts(checker, table, path)
    ramp = _ramp(checker, table, path, rules.limits)
    if len(checker.problems) > before or pattern is None:
        return None
    return BreatheStep(
        title=title or _default_title(pattern, ramp),
        pattern=pattern,
        target_ms=target_ms,
        cycles=cycles,
        cues=Cues(cues) if cues else Cues.TONES,
        prompts=prompts,
        ramp=ramp,
    )


def _default_title(pattern: Pattern, ramp: Ramp | None) -> str:
    """ "Breathe 4-6", or "Breathe 3-4.5 to 4-8" for a ramp."""
    title = f"Breathe {friendly_shorthand(pattern)}"
    return f"{title} to {friendly_shorthand(ramp.target)}" if ramp else title


def friendly_shorthand(pattern: Pattern) -> str:
    """ "4-6" when there are no holds, else the full "4-7-8-0"."""
    full = pattern.shorthand()
    if pattern.has_holds:
        return full
    inhale, _, exhale, _ = full.split("-")
    return f"{inhale}-{exhale}"


def _breathe_length(checker: Checker, table: Table, path: KeyPath) -> tuple[int | None, int | None]:
    given = [key for key in LENGTH_KEYS if key in table]
    if len(given) != 1:
        where: KeyPath = (*path, given[1]) if given else path
        has = f" (this step has {' and '.join(given)})" if given else "; e.g. minutes = 5"
        checker.problem(where, f"give exactly one of minutes, seconds or cycles{has}")
        return None, None
    if given == ["cycles"]:
        return None, checker.whole_number(table, "cycles", path, minimum=1, maximum=MAX_CYCLES)
    scale = 60 if given == ["minutes"] else 1
    return checker.positive_seconds(table, given[0], path, scale=scale), None


def _prompts(checker: Checker, table: Table, path: KeyPath) -> Prompts:
    prompts = checker.table(table, "prompts", path)
    if prompts is None:
        return Prompts()
    prompts_path = (*path, "prompts")
    checker.unknown_keys(prompts, prompts_path, PROMPT_KEYS)
    texts = {key: checker.text(prompts, key, prompts_path) or "" for key in PROMPT_KEYS}
    return Prompts(**texts)


def _ramp(checker: Checker, table: Table, path: KeyPath, limits: Limits) -> Ramp | None:
    ramp = checker.table(table, "ramp", path)
    if ramp is None:
        return None
    ramp_path = (*path, "ramp")
    checker.unknown_keys(ramp, ramp_path, RAMP_KEYS)
    target = read_pattern(checker, ramp, "to", ramp_path, limits)
    if "to" not in ramp:
        checker.missing(ramp_path, "to", '; e.g. ramp = { to = "4-8", minutes = 3 }')
    given = [key for key in ("minutes", "seconds") if key in ramp]
    if len(given) != 1:
        has = f" (this ramp has {' and '.join(given)})" if given else ""
        checker.problem(ramp_path, f"give exactly one of minutes or seconds{has}")
        return None
    over_ms = checker.positive_seconds(
        ramp, given[0], ramp_path, scale=60 if given == ["minutes"] else 1
    )
    if target is None or over_ms is None:
        return None
    return Ramp(target, over_ms)


def read_pattern(
    checker: Checker, table: Table, key: str, path: KeyPath, limits: Limits
) -> Pattern | None:
    """A pattern as shorthand ("4-7-8-0") or a table, checked against the safety bounds."""
    if key not in table:
        return None
    value = table[key]
    pattern_path = (*path, key)
    pattern: Pattern | None = None
    if isinstance(value, str):
        try:
            pattern = parse_shorthand(value)
        except PatternError as error:
            checker.problem(pattern_path, str(error))
    elif isinstance(value, dict):
        pattern = _pattern_table(checker, value, pattern_path)
    else:
        checker.wrong_type(
            pattern_path, 'a pattern like "4-6" or { inhale = 4, exhale = 6 }', value
        )
    if pattern is None:
        return None
    for field, message in check_pattern(pattern, limits):
        if field == "rate":
            checker.problem(pattern_path, message)
        elif field == "inhale + top_up":
            checker.problem((*pattern_path, "inhale"), f"with the top-up, {message}")
        else:
            checker.problem((*pattern_path, field), message)
    return pattern


def _pattern_table(checker: Checker, table: Table, path: KeyPath) -> Pattern | None:
    checker.unknown_keys(table, path, PHASE_FIELDS)
    before = len(checker.problems)
    for required in ("inhale", "exhale"):
        if required not in table:
            checker.missing(path, required)
    phases = {field: checker.seconds(table, field, path) for field in PHASE_FIELDS}
    if len(checker.problems) > before:
        return None
    return Pattern(**{f"{field}_ms": ms or 0 for field, ms in phases.items()})


def media_path(
    checker: Checker,
    table: Table,
    key: str,
    path: KeyPath,
    suffixes: Sequence[str],
    exists: AudioExists | None,
) -> str | None:
    """A file path inside the pack: relative, a format we can play, and present when checkable."""
    value = checker.text(table, key, path)
    if value is None:
        return None
    where = (*path, key)
    posix = PurePosixPath(value)
    suffix = posix.suffix.lower()
    kind = "captions" if key == "captions" else "audio"
    if "\\" in value or posix.is_absolute() or ".." in posix.parts or not value.strip():
        checker.problem(
            where,
            "write the path inside the pack with forward slashes, "
            f"like '{kind}/{posix.name or 'file'}'",
        )
    elif suffix in _AAC_AUDIO and kind == "audio":
        ext, stem = suffix[1:], posix.stem or "memo"
        checker.problem(
            where,
            f"'{shown(value)}' is {ext} (AAC) audio, which pfrelax cannot play; convert it to "
            f".ogg or .mp3, e.g. `ffmpeg -i {shown(posix.name)} {stem}.ogg`, and name the "
            f".ogg here",
        )
    elif suffix not in suffixes:
        checker.problem(
            where,
            f"'{shown(value)}' is not {'an' if kind == 'audio' else 'a'} {kind} file "
            "pfrelax can use; "
            f"use {_suffix_list(suffixes)}",
        )
    elif exists is not None and not exists(value):
        checker.problem(where, f"{kind} file '{shown(value, 120)}' is not in the pack")
    else:
        return value
    return None


def _suffix_list(suffixes: Sequence[str]) -> str:
    return quoted_list(list(suffixes)).replace("'", "")
