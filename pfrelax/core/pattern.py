"""Breathing patterns: inhale, optional top-up sip, hold-in, exhale, hold-out, in whole ms."""

from __future__ import annotations

from dataclasses import dataclass

from pfrelax.core.durations import RESOLUTION_MS, DurationError, format_ms, seconds_to_ms
from pfrelax.errors import InputError

PHASE_FIELDS = ("inhale", "top_up", "hold_in", "exhale", "hold_out")


class PatternError(InputError, ValueError):
    """A pattern a person wrote that cannot be read; the message says how to write it."""


@dataclass(frozen=True, slots=True)
class Pattern:
    """One breath cycle. All durations are integer milliseconds on a 100 ms grid."""

    inhale_ms: int
    exhale_ms: int
    hold_in_ms: int = 0
    hold_out_ms: int = 0
    top_up_ms: int = 0

    @property
    def cycle_ms(self) -> int:
        return self.inhale_ms + self.top_up_ms + self.hold_in_ms + self.exhale_ms + self.hold_out_ms

    @property
    def breaths_per_minute(self) -> float:
        return 60_000 / self.cycle_ms

    @property
    def has_holds(self) -> bool:
        return self.hold_in_ms > 0 or self.hold_out_ms > 0

    def phases(self) -> tuple[tuple[str, int], ...]:
        """(phase name, ms) in breathing order, zero-length phases left out."""
        named = (
            ("inhale", self.inhale_ms),
            ("top_up", self.top_up_ms),
            ("hold_in", self.hold_in_ms),
            ("exhale", self.exhale_ms),
            ("hold_out", self.hold_out_ms),
        )
        return tuple((name, ms) for name, ms in named if ms > 0)

    def shorthand(self) -> str:
        """ "4-7-8-0"; a top-up is written "2+1-0-6-0" (inhale plus sip)."""
        inhale = format_ms(self.inhale_ms)
        if self.top_up_ms:
            inhale += "+" + format_ms(self.top_up_ms)
        rest = (self.hold_in_ms, self.exhale_ms, self.hold_out_ms)
        return "-".join([inhale, *(format_ms(ms) for ms in rest)])

    def glide_to(self, other: Pattern, fraction: float) -> Pattern:
        """The pattern `fraction` (0–1) of the way to `other`, each phase on the 100 ms grid."""
        f = min(max(fraction, 0.0), 1.0)

        def mix(a: int, b: int) -> int:
            return round((a + (b - a) * f) / RESOLUTION_MS) * RESOLUTION_MS

        return Pattern(
            inhale_ms=mix(self.inhale_ms, other.inhale_ms),
            exhale_ms=mix(self.exhale_ms, other.exhale_ms),
            hold_in_ms=mix(self.hold_in_ms, other.hold_in_ms),
            hold_out_ms=mix(self.hold_out_ms, other.hold_out_ms),
            top_up_ms=mix(self.top_up_ms, other.top_up_ms),
        )


def parse_shorthand(text: str) -> Pattern:
    """Read "4-6", "4-7-8" (inhale-hold-exhale), "4-7-8-0", or "2+1-0-6-0" (with a top-up sip)."""
    parts = [part.strip() for part in text.strip().split("-")]
    if len(parts) not in (2, 3, 4) or any(not part for part in parts):
        raise PatternError(
            f'"{text}" is not a pattern; write inhale-exhale ("4-6") '
            'or inhale-hold-exhale-hold ("4-7-8-0") in seconds'
        )
    inhale_text, _, top_up_text = parts[0].partition("+")
    try:
        inhale = seconds_to_ms(inhale_text)
        top_up = seconds_to_ms(top_up_text) if top_up_text else 0
        values = [seconds_to_ms(part) for part in parts[1:]]
    except DurationError as error:
        raise PatternError(f'"{text}": {error}') from None
    if len(values) == 1:
        return Pattern(inhale_ms=inhale, top_up_ms=top_up, exhale_ms=values[0])
    if len(values) == 2:
        return Pattern(
            inhale_ms=inhale, top_up_ms=top_up, hold_in_ms=values[0], exhale_ms=values[1]
        )
    return Pattern(
        inhale_ms=inhale,
        top_up_ms=top_up,
        hold_in_ms=values[0],
        exhale_ms=values[1],
        hold_out_ms=values[2],
    )
