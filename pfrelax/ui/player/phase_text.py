"""What the player says for a moment: the phase label, the seconds count, the prompt (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass

from pfrelax.core.pelvic import NOTHING_TO_DO, SOFTEN
from pfrelax.core.timeline import BREATH_KINDS, PELVIC_KINDS, Moment, SegmentKind

PHASE_LABELS = {
    SegmentKind.INHALE: "Breathe in",
    SegmentKind.TOP_UP: "A little more in",
    SegmentKind.HOLD_IN: "Hold",
    SegmentKind.EXHALE: "Breathe out",
    SegmentKind.HOLD_OUT: "Hold",
}

# A pelvic floor part's own words are its label ("Soften and let go"); these stand in when a
# pack's prompt is too long for the one large line (it then shows as the prompt below, and says
# how much: the effort is the PT's).
PELVIC_LABELS = {
    SegmentKind.PF_CONTRACT: "Gently draw up",
    SegmentKind.PF_RELEASE: SOFTEN,
    SegmentKind.PF_REST: NOTHING_TO_DO,
}
_LABEL_CHARS = 34  # about what the large label shows on one line in the smallest window


@dataclass(frozen=True, slots=True)
class PhaseText:
    """The words on screen for one moment; equal values need no relabelling."""

    label: str  # large: "Breathe in"; empty while narration speaks
    seconds: str  # "4", or "" when not counting
    prompt: str  # the step's cue for this phase, or a rest step's text
    caption: str  # narration, at most about two lines
    announcement: str  # what a screen reader hears when the phase kind changes


def phase_text(moment: Moment, *, show_seconds: bool) -> PhaseText:
    kind = moment.kind
    if kind in BREATH_KINDS:
        label = PHASE_LABELS[kind]
        seconds = str(-(-moment.phase_left_ms // 1000)) if show_seconds else ""
        # A prompt that only repeats the label ("Breathe in") would say it twice.
        prompt = "" if moment.prompt.casefold() == label.casefold() else moment.prompt
        return PhaseText(label, seconds, prompt, "", label)
    if kind in PELVIC_KINDS:
        words = moment.prompt
        label = words if words and len(words) <= _LABEL_CHARS else PELVIC_LABELS[kind]
        seconds = str(-(-moment.phase_left_ms // 1000)) if show_seconds else ""
        return PhaseText(label, seconds, "" if words == label else words, "", label)
    if kind is SegmentKind.REST:
        # A rest is quiet: its title as the label, its text as a soft prompt, no captions.
        return PhaseText(moment.step.title, "", moment.caption, "", moment.step.title)
    return PhaseText("", "", "", moment.caption, moment.step.title)


def count_in_text(left_ms: int) -> str:
    """3, 2, 1: the whole seconds still to wait, never 0."""
    return str(max(1, -(-left_ms // 1000)))
