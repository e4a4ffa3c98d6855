"""Typed reading of parsed TOML tables that collects every problem instead of stopping at one."""

from __future__ import annotations

import datetime
import difflib
import functools
import math
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from pfrelax.core.durations import (
    DurationError,
    format_ms,
    format_seconds_decimal,
    seconds_to_ms,
)
from pfrelax.core.text_rules import hidden_character_problem
from pfrelax.formats.problems import Problem
from pfrelax.formats.toml_lines import KeyLines, KeyPath, format_key_path, locate_keys

Table = dict[str, Any]

_SHOWN_TEXT_CHARS = 40
# Longer than any step could be (a session lasts at most two hours); larger values are typos
# such as 1e25, and refused before any arithmetic on them.
MAX_DURATION_SECONDS = 86_400


def describe(value: object) -> str:
    """What a person wrote, in words: "a number (4)", "text ('4')", "a list"."""
    if isinstance(value, bool):
        return f"true/false ({'true' if value else 'false'})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        shown = value if len(value) <= _SHOWN_TEXT_CHARS else value[:_SHOWN_TEXT_CHARS] + "…"
        return f"text ('{shown}')"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, datetime.date | datetime.time):
        return f"a date or time ({value})"
    return type(value).__name__


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    """ "; did you mean 'pattern'?" for a near miss, or "" when nothing is close."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def quoted_list(words: Sequence[str]) -> str:
    """'a', 'b' or 'c'."""
    quoted = [f"'{word}'" for word in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


class Checker:
    """Reads values out of tables by key path, noting each problem with its line."""

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self._text = text
        self.problems: list[Problem] = []

    @functools.cached_property
    def lines(self) -> KeyLines:
        # Scanning every key's line is most of reading a valid file, and only a problem needs it.
        return locate_keys(self._text)

    def problem(self, path: KeyPath, message: str) -> None:
        line = self.lines.line_of(path) if path else None
        self.problems.append(Problem(self.file, format_key_path(path), message, line))

    def unknown_keys(self, table: Table, path: KeyPath, allowed: Sequence[str]) -> None:
        for key in table:
            if key not in allowed:
                hint = did_you_mean(key, allowed)
                if not hint:
                    hint = f"; the keys here are {quoted_list(allowed)}"
                self.problem((*path, key), f"unknown key '{shown(key)}'{hint}")

    def missing(self, path: KeyPath, key: str, hint: str = "") -> None:
        self.problem(path, f"missing required key '{key}'{hint}")

    def wrong_type(self, path: KeyPath, expected: str, value: object) -> None:
        self.problem(path, f"expected {expected}, got {describe(value)}")

    def text(self, table: Table, key: str, path: KeyPath, *, required: bool = False) -> str | None:
        """A string value; None when absent (noting it when required) or of the wrong type."""
        if key not in table:
            if required:
                self.missing(path, key)
            return None
        value = table[key]
        if not isinstance(value, str):
            self.wrong_type((*path, key), "text", value)
            return None
        hidden = hidden_character_problem(value)
        if hidden:
            self.problem((*path, key), hidden)
            return None
        return value

    def table(self, table: Table, key: str, path: KeyPath) -> Table | None:
        value = table.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.wrong_type((*path, key), "a table", value)
            return None
        return value

    def text_list(self, table: Table, key: str, path: KeyPath) -> list[str] | None:
        """A list of strings; a wrong item is noted by its index (`tags[1]`)."""
        if key not in table:
            return None
        value = table[key]
        if not isinstance(value, list):
            self.wrong_type((*path, key), 'a list of text, like ["a", "b"]', value)
            return None
        items: list[str] = []
        for index, item in enumerate(value):
            if isinstance(item, str):
                items.append(item)
            else:
                self.wrong_type((*path, key, index), "text", item)
        return items if len(items) == len(value) else None

    def choice(self, table: Table, key: str, path: KeyPath, choices: Sequence[str]) -> str | None:
        value = self.text(table, key, path)
        if value is None or value in choices:
            return value
        self.problem(
            (*path, key),
            f"'{shown(value)}' is not one of {quoted_list(choices)}{did_you_mean(value, choices)}",
        )
        return None

    def seconds(self, table: Table, key: str, path: KeyPath, *, scale: int = 1) -> int | None:
        """A duration in decimal seconds (or minutes with `scale=60`) as ms on the 0.1 s grid."""
        if key not in table:
            return None
        value = table[key]
        unit = "minutes" if scale == 60 else "seconds"
        if isinstance(value, datetime.time):  # `seconds = 00:20:00` is a TOML time of day
            self.problem((*path, key), _clock_problem(key, value))
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.wrong_type((*path, key), f"a number of {unit}", value)
            return None
        if not math.isfinite(value):
            self.problem((*path, key), f"{value} is not a number of {unit}; write one, like 30")
            return None
        if value * scale > MAX_DURATION_SECONDS:
            self.problem(
                (*path, key),
                f"value is out of range: {value} {unit} is more than a day; "
                "nothing in a session lasts that long",
            )
            return None
        try:
            ms = seconds_to_ms(Decimal(str(value)) * scale)
        except DurationError as error:
            self.problem((*path, key), str(error) if scale == 1 else _minutes_problem(value))
            return None
        return ms

    def positive_seconds(
        self, table: Table, key: str, path: KeyPath, *, scale: int = 1
    ) -> int | None:
        ms = self.seconds(table, key, path, scale=scale)
        if ms == 0:
            unit = "minutes" if scale == 60 else "seconds"
            self.problem((*path, key), f"must be more than 0 {unit}")
            return None
        return ms

    def whole_number(
        self, table: Table, key: str, path: KeyPath, *, minimum: int, maximum: int | None = None
    ) -> int | None:
        if key not in table:
            return None
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.wrong_type((*path, key), "a whole number", value)
            return None
        if value < minimum:
            self.problem((*path, key), f"must be at least {minimum}")
            return None
        if maximum is not None and value > maximum:
            self.problem((*path, key), f"value is out of range: {value} is over {maximum:,}")
            return None
        return value


def _clock_problem(key: str, value: datetime.time) -> str:
    total = value.hour * 3600 + value.minute * 60 + value.second
    return (
        f"durations are plain numbers of seconds, not a time of day: write seconds = {total}"
        if key != "minutes"
        else f"durations are plain numbers, not a time of day: write seconds = {total} instead"
    )


def shown(value: str, limit: int = 100) -> str:
    """`value` as quoted in a message: at most `limit` characters, so a 60 KB id stays a line."""
    return value if len(value) <= limit else value[:limit] + "…"


def _minutes_problem(value: float) -> str:
    seconds = Decimal(str(value)) * 60
    if not seconds.is_finite():
        return f"{value} is not a number of minutes"
    if seconds < 0:
        return f"{value} minutes is negative"
    return (
        f"{value} minutes is {format_seconds_decimal(seconds)} s, finer than 0.1 s; "
        f"write seconds = {seconds:.1f} instead"
    )


def format_minutes(ms: int) -> str:
    """75 min, or 60 min 5 s (seconds round up, so it never looks shorter than it is)."""
    minutes, rest = divmod(ms, 60_000)
    if rest == 0:
        return f"{minutes} min"
    seconds = -(-rest // 1000)
    if seconds == 60:
        return f"{minutes + 1} min"
    return f"{minutes} min {seconds} s" if minutes else f"{format_ms(rest)} s"
