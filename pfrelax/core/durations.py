"""Decimal seconds in files, integer milliseconds inside: the one place that converts."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from pfrelax.errors import InputError

RESOLUTION_MS = 100  # patterns and durations are written with 0.1 s resolution
# Nothing in a session lasts a day; a larger value (1e308) is a typo, refused before any
# arithmetic, which on such numbers exceeds Decimal's precision.
MAX_SECONDS = Decimal(86_400)


class DurationError(InputError, ValueError):
    """A duration a person wrote that is not a valid number of seconds."""


def seconds_to_ms(value: object) -> int:
    """Turn `4`, `4.5` or `"4.5"` seconds into 4500 ms, exactly (no float rounding)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise DurationError(f"expected a number of seconds, got {value!r}")
    try:
        seconds = Decimal(str(value).strip())
    except InvalidOperation:
        raise DurationError(f"{value!r} is not a number of seconds") from None
    if not seconds.is_finite():
        raise DurationError(f"{value!r} is not a number of seconds")
    if seconds < 0:
        raise DurationError(f"{format_seconds_decimal(seconds)} s is negative")
    if seconds > MAX_SECONDS:
        raise DurationError(f"value is out of range: {value} s is more than a day")
    ms = seconds * 1000
    if ms % RESOLUTION_MS != 0:
        raise DurationError(
            f"{value} s is finer than 0.1 s; round it to one decimal place (e.g. {seconds:.1f})"
        )
    return int(ms)


def format_seconds_decimal(value: Decimal) -> str:
    return format(value.normalize(), "f")


def format_ms(ms: int) -> str:
    """4500 -> "4.5", 7000 -> "7" (for messages and shorthand)."""
    return format_seconds_decimal(Decimal(ms) / 1000)


def format_clock(ms: int) -> str:
    """Milliseconds as m:ss (or h:mm:ss); seconds round up so a countdown never shows 0:00 early."""
    total = -(-max(ms, 0) // 1000)
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
