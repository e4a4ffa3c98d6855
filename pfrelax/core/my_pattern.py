"""A breathing pattern a person makes for themselves: the editor's draft, its bounds and reasons.

A draft is one paced breathing step with a title. Its bounds are the default ones (CLINICAL.md §1);
a value outside them comes back with the reason to show beside it, and a draft with any reason
cannot become a session. Holds stay at zero until the person turns them on, and a session with
holds always carries the safety note (the validator asks for it too).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from pfrelax.core.durations import format_ms
from pfrelax.core.limits import DEFAULT_LIMITS
from pfrelax.core.pattern import Pattern
from pfrelax.core.session import BreatheStep, Cues, Prompts, Ramp, Session
from pfrelax.core.text_rules import MAX_LINE_CHARS, line_problem
from pfrelax.errors import InternalError

HOLDS_SAFETY = (
    "This pattern holds the breath. Keep every hold easy: if you feel light-headed, tingling, "
    "short of breath or panicky, stop and breathe normally. Ask your clinician first if you are "
    "pregnant or have heart, lung or seizure conditions, glaucoma or a history of panic attacks."
)

# Soft, release-only cues from CLINICAL.md §2 for the person to choose from; never a squeeze.
PELVIC_FLOOR_PROMPTS = Prompts(
    inhale="Let the pelvic floor soften and widen",
    exhale="Let it float back on its own",
)
PLAIN_PROMPTS = Prompts(inhale="Breathe in", exhale="Breathe out")

STARTING_PATTERN = Pattern(inhale_ms=4_000, exhale_ms=6_000)  # the calm 4-6 of the built-ins
_WHY_PACK = " is for a PT's pack"
_HOLDS_WHY = " are for a PT's pack"


class Length(StrEnum):
    MINUTES = "minutes"
    BREATHS = "breaths"


@dataclass(frozen=True, slots=True)
class PatternDraft:
    """What the editor holds. Durations are whole milliseconds on the 0.1 s grid."""

    title: str = "My breathing"
    pattern: Pattern = STARTING_PATTERN
    holds_on: bool = False
    length: Length = Length.MINUTES
    minutes: float = 5.0
    breaths: int = 30
    cues: Cues = Cues.TONES
    prompts: Prompts = PLAIN_PROMPTS
    ramp_to: Pattern | None = None
    ramp_minutes: float = 2.0

    @property
    def effective_pattern(self) -> Pattern:
        """The pattern as it will play: with holds switched off, the holds count as zero."""
        if self.holds_on:
            return self.pattern
        return replace(self.pattern, hold_in_ms=0, hold_out_ms=0)

    @property
    def breaths_per_minute(self) -> float:
        return self.effective_pattern.breaths_per_minute


def reasons(draft: PatternDraft) -> dict[str, str]:
    """Field → why its value cannot be saved; empty when the draft is within the bounds."""
    found: dict[str, str] = {}
    if not draft.title.strip():
        found["title"] = "Give it a name, so you can find it in the library"
    elif len(draft.title.strip()) > MAX_LINE_CHARS:
        found["title"] = f"Keep the name to {MAX_LINE_CHARS} characters or fewer"
    elif line_problem(
        draft.title.strip()
    ):  # a hidden character pasted in: the file would refuse it
        found["title"] = "Type the name again; it has a hidden character in it"
    found.update(_pattern_reasons(draft.effective_pattern, ""))
    if draft.ramp_to is not None:
        found.update(_pattern_reasons(_ramp_target(draft, draft.ramp_to), "ramp_"))
        if not 0.5 <= draft.ramp_minutes <= 30:
            found["ramp_minutes"] = "A glide takes between half a minute and 30 minutes"
    if draft.length is Length.MINUTES and not 1 <= draft.minutes <= 60:
        found["minutes"] = "A session of your own lasts 1 to 60 minutes (a PT's pack allows longer)"
    if draft.length is Length.BREATHS and not 1 <= draft.breaths <= 600:
        found["breaths"] = "Choose between 1 and 600 breaths"
    return found


def _pattern_reasons(pattern: Pattern, prefix: str) -> dict[str, str]:
    limits = DEFAULT_LIMITS
    found: dict[str, str] = {}
    if pattern.hold_out_ms > limits.hold_out.high_ms:
        found["hold_out"] = (
            f"Holds over {format_ms(limits.hold_out.high_ms)} s after the out-breath{_HOLDS_WHY}"
        )
    if pattern.hold_in_ms > limits.hold_in.high_ms:
        found["hold_in"] = (
            f"Holds over {format_ms(limits.hold_in.high_ms)} s after the in-breath{_HOLDS_WHY}"
        )
    inhale = pattern.inhale_ms + pattern.top_up_ms
    if inhale > limits.inhale.high_ms:
        found["inhale"] = f"An in-breath over {format_ms(limits.inhale.high_ms)} s{_WHY_PACK}"
    elif inhale < limits.inhale.low_ms:
        found["inhale"] = f"An in-breath needs at least {format_ms(limits.inhale.low_ms)} s"
    if pattern.exhale_ms > limits.exhale.high_ms:
        found["exhale"] = f"An out-breath over {format_ms(limits.exhale.high_ms)} s{_WHY_PACK}"
    elif pattern.exhale_ms < limits.exhale.low_ms:
        found["exhale"] = f"An out-breath needs at least {format_ms(limits.exhale.low_ms)} s"
    if not found:
        bpm = pattern.breaths_per_minute
        if bpm > limits.max_bpm:
            found["rate"] = (
                f"{bpm:.1f} breaths a minute is faster than {limits.max_bpm:g}: "
                "make the phases longer"
            )
        elif bpm < limits.min_bpm:
            found["rate"] = (
                f"{bpm:.1f} breaths a minute is slower than {limits.min_bpm:g}: "
                "make the phases shorter"
            )
    return {prefix + key: text for key, text in found.items()}


class DraftError(InternalError, ValueError):
    """A draft with reasons was asked to become a session (the editor never lets this happen)."""


def to_session(draft: PatternDraft, session_id: str) -> Session:
    """The session file's content for a draft; raises DraftError while any reason remains."""
    problems = reasons(draft)
    if problems:
        raise DraftError("; ".join(problems.values()))
    pattern = draft.effective_pattern
    ramp = None
    if draft.ramp_to is not None:
        target = _ramp_target(draft, draft.ramp_to)
        ramp = Ramp(target=target, over_ms=round(draft.ramp_minutes * 600) * 100)
    by_minutes = draft.length is Length.MINUTES
    step = BreatheStep(
        title=draft.title.strip(),
        pattern=pattern,
        target_ms=round(draft.minutes * 600) * 100 if by_minutes else None,
        cycles=None if by_minutes else draft.breaths,
        cues=draft.cues,
        prompts=draft.prompts,
        ramp=ramp,
    )
    has_holds = pattern.has_holds or (ramp is not None and ramp.target.has_holds)
    return Session(
        id=session_id,
        title=draft.title.strip(),
        steps=(step,),
        summary=_summary(pattern),
        tags=("my sessions",),
        safety=HOLDS_SAFETY if has_holds else "",
        source="Made in pfrelax by you.",
    )


def _ramp_target(draft: PatternDraft, target: Pattern) -> Pattern:
    return target if draft.holds_on else replace(target, hold_in_ms=0, hold_out_ms=0)


def _summary(pattern: Pattern) -> str:
    rate = f"{pattern.breaths_per_minute:.1f}"
    return f"Your own pattern: {pattern.shorthand()}, {rate} breaths a minute."


def from_session(session: Session, *, copy: bool = False) -> PatternDraft:
    """A draft from a session: its longest breathing step, at the session's length.

    `copy` makes "Make a copy to change" from any session, built-in or a pack's: the draft keeps
    the breathing, not the narration or recordings, and its title says it is a copy.
    """
    breathing = [s for s in session.steps if isinstance(s, BreatheStep)]
    if not breathing:
        return PatternDraft(title=_copy_title(session.title) if copy else session.title)
    step = max(breathing, key=lambda s: (s.target_ms or 0) + (s.cycles or 0) * s.pattern.cycle_ms)
    title = _copy_title(session.title) if copy else session.title
    holds = step.pattern.has_holds or (step.ramp is not None and step.ramp.target.has_holds)
    draft = PatternDraft(
        title=title,
        pattern=step.pattern,
        holds_on=holds,
        cues=step.cues,
        prompts=step.prompts,
        ramp_to=step.ramp.target if step.ramp else None,
        ramp_minutes=(step.ramp.over_ms / 60_000) if step.ramp else 2.0,
    )
    if step.cycles is not None:
        return replace(draft, length=Length.BREATHS, breaths=step.cycles)
    return replace(draft, length=Length.MINUTES, minutes=(step.target_ms or 300_000) / 60_000)


def _copy_title(title: str) -> str:
    return f"{title} (my copy)"
