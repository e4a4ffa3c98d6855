"""Parsers for one field of an imported record; each raises FieldError with the copy to show."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import TypeVar, cast

from pfrelax.store.models import MEASURES, MOMENTS, NOT_ATTEMPTED
from pfrelax.store.timecodec import parse_iso

T = TypeVar("T")

_EXAMPLE_TIME = "2026-11-27T08:30:00+01:00"
_POSITIVE = re.compile(r"[1-9][0-9]{0,17}")
_WHOLE = re.compile(r"0|[1-9][0-9]{0,17}")
_RATING = re.compile(r"10|[0-9]")


class FieldError(Exception):
    """The message says what is wrong with the value; the caller adds where it is."""


class Record:
    """One imported record's fields; `take` parses one and notes any problem with its location.

    `prefix` names the record, e.g. "runs.csv:5: column " or "export.json: runs[3].", so every
    problem reads "<prefix><key>: <what is wrong>".
    """

    def __init__(self, data: Mapping[str, object], prefix: str, problems: list[str]) -> None:
        self.data = data
        self.prefix = prefix
        self.problems = problems
        self.ok = True

    def take(self, key: str, parse: Callable[[object], T]) -> T:
        try:
            return parse(self.data.get(key))
        except FieldError as bad:
            self.problem(key, str(bad))
            # The record is dropped when ok is False, so this placeholder is never used.
            return cast(T, None)

    def problem(self, key: str, message: str) -> None:
        self.problems.append(f"{self.prefix}{key}: {message}")
        self.ok = False

    def reject_unknown(self, allowed: Iterable[str]) -> None:
        known = list(allowed)
        for key in self.data:
            if key not in known:
                self.problem(key, f"unknown key{_hint(key, known)}")


def parse_id(raw: object) -> int:
    if isinstance(raw, int) and not isinstance(raw, bool) and raw > 0:
        return raw
    if isinstance(raw, str) and _POSITIVE.fullmatch(raw):
        return int(raw)
    raise FieldError(f"{raw!r} is not a whole number above 0")


def parse_optional_id(raw: object) -> int | None:
    return None if raw in (None, "") else parse_id(raw)


def parse_time(raw: object) -> datetime:
    if isinstance(raw, str):
        parsed = parse_iso(raw)
        if parsed is not None:
            return parsed
        if _naive(raw):
            raise FieldError(f"{raw!r} has no UTC offset; add one, like {_EXAMPLE_TIME}")
    raise FieldError(f"{raw!r} is not a date and time like {_EXAMPLE_TIME}")


def parse_optional_time(raw: object) -> datetime | None:
    return None if raw in (None, "") else parse_time(raw)


def parse_moment(raw: object) -> str:
    if isinstance(raw, str) and raw in MOMENTS:
        return raw
    raise FieldError(f"{raw!r} is not one of {', '.join(MOMENTS)}")


def parse_measure(raw: object) -> str:
    if isinstance(raw, str) and raw in MEASURES:
        return raw
    tip = _hint(raw, MEASURES) if isinstance(raw, str) else ""
    raise FieldError(f"{raw!r} is not a measure{tip or ' (' + ', '.join(MEASURES) + ')'}")


def parse_rating(raw: object) -> int | None:
    if raw is None or raw == NOT_ATTEMPTED:
        return None
    if isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw <= 10:
        return raw
    if isinstance(raw, str) and _RATING.fullmatch(raw):
        return int(raw)
    raise FieldError(f"{raw!r} is not a number 0–10 or {NOT_ATTEMPTED}")


def parse_seconds(raw: object) -> int:
    if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0:
        return raw
    if isinstance(raw, str) and _WHOLE.fullmatch(raw):
        return int(raw)
    raise FieldError(f"{raw!r} is not a whole number of seconds")


def parse_flag(raw: object) -> bool:
    if raw in ("0", "1") or isinstance(raw, bool):
        return raw in ("1", True)
    raise FieldError(f"{raw!r} is not 0 or 1")


def parse_text(raw: object) -> str:
    if isinstance(raw, str):
        return raw
    raise FieldError(f"{raw!r} is not text")


def parse_optional_text(raw: object) -> str | None:
    return None if raw in (None, "") else parse_text(raw)


def parse_name(raw: object) -> str:
    if raw in (None, ""):
        raise FieldError("is empty; give the session id")
    return parse_text(raw)


def _naive(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _hint(word: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""
