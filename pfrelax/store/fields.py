"""Parsers for one field of an imported record; each raises FieldError with the copy to show."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TypeVar, cast

from pfrelax.core.own_questions import GLOBAL_CHANGE, is_own_question_id
from pfrelax.core.text_rules import (
    hidden_character_problem,
    is_blank,
    line_problem,
    session_id_problem,
)
from pfrelax.errors import InputError
from pfrelax.store.models import MEASURES, MOMENTS, NOT_ATTEMPTED
from pfrelax.store.timecodec import Clock, parse_iso

T = TypeVar("T")

_EXAMPLE_TIME = "2026-11-27T08:30:00+01:00"
_POSITIVE = re.compile(r"[1-9][0-9]{0,17}")
_WHOLE = re.compile(r"0|[1-9][0-9]{0,17}")
_RATING = re.compile(r"10|[0-9]")
# Below SQLite's largest INTEGER (2**63 - 1) with room to spare; the CSV pattern allows 18 digits.
MAX_ID = 10**18 - 1
# A run is one sitting: the longest session is two hours, so a day is generous and anything above
# it is a typo (or an attack), not practice.
MAX_RUN_SECONDS = 24 * 3600
# The first time a stored time may have: history starts with the Unix epoch.
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
_FLAGS = {"1": True, "0": False, "true": True, "false": False, "yes": True, "no": False}
_SHOWN_CHARACTERS = 40
LIMIT = 100  # problems listed one by one; the rest are counted


class FieldError(InputError):
    """The message says what is wrong with the value; the caller adds where it is."""


class Problems:
    """Every problem an import finds, in order; after LIMIT only counted, so a file with a million
    bad rows costs no memory and gives a message a person can read."""

    def __init__(self) -> None:
        self.listed: list[str] = []
        self.count = 0

    def append(self, problem: str) -> None:
        self.count += 1
        if len(self.listed) < LIMIT:
            self.listed.append(problem)

    def __bool__(self) -> bool:
        return self.count > 0

    def as_list(self) -> list[str]:
        more = self.count - len(self.listed)
        if more:
            return [*self.listed, f"… and {more} more problem{'s' if more != 1 else ''}"]
        return list(self.listed)


class Record:
    """One imported record's fields; `take` parses one and notes any problem with its location.

    `prefix` names the record, e.g. "runs.csv:5: column " or "export.json: runs[3].", so every
    problem reads "<prefix><key>: <what is wrong>".
    """

    def __init__(self, data: Mapping[str, object], prefix: str, problems: Problems) -> None:
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
        self.problems.append(f"{self.prefix}{shown_key(key)}: {message}")
        self.ok = False

    def reject_unknown(self, allowed: Iterable[str]) -> None:
        known = list(allowed)
        for key in self.data:
            if key not in known:
                self.problem(key, f"unknown key{_hint(key, known)}")


def shown(raw: object) -> str:
    """`raw` for a message: repr, but a huge number or a long text is shortened, not printed whole
    (Python refuses to print an int of more than 4,300 digits at all)."""
    if isinstance(raw, int) and not isinstance(raw, bool) and raw.bit_length() > 200:
        return f"a number of about {int(raw.bit_length() * 0.30103)} digits"
    if isinstance(raw, str) and len(raw) > _SHOWN_CHARACTERS:
        return repr(raw[:_SHOWN_CHARACTERS]) + f"… ({len(raw)} characters)"
    text = repr(raw)
    if len(text) > _SHOWN_CHARACTERS + 2:
        return text[:_SHOWN_CHARACTERS] + "…"
    return text


def shown_key(key: str) -> str:
    """A key from the file, safe to print: shortened, and a broken character shown as an escape."""
    text = key if len(key) <= _SHOWN_CHARACTERS else key[:_SHOWN_CHARACTERS] + "…"
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def parse_id(raw: object) -> int:
    if isinstance(raw, int) and not isinstance(raw, bool) and 0 < raw <= MAX_ID:
        return raw
    if isinstance(raw, str) and _POSITIVE.fullmatch(raw):
        return int(raw)
    if isinstance(raw, int | str) and not isinstance(raw, bool) and _is_big(raw):
        raise FieldError(f"{shown(raw)} is too large; an id has at most 18 digits")
    raise FieldError(f"{shown(raw)} is not a whole number above 0")


def parse_optional_id(raw: object) -> int | None:
    return None if raw in (None, "") else parse_id(raw)


@dataclass(frozen=True, slots=True)
class TimeRange:
    """The times an import accepts: from 1970 to a day after now.

    Anything else is a typo or a damaged file, and a year like 9999 would break every export.
    """

    latest: datetime

    @classmethod
    def until_tomorrow(cls, now: Clock) -> TimeRange:
        """Fixed once per import, so every row is checked against the same "tomorrow"."""
        return cls(now() + timedelta(days=1))

    def parse(self, raw: object) -> datetime:
        moment = parse_time(raw)
        if not EARLIEST <= moment <= self.latest:
            raise FieldError(
                f"{shown(raw)} is not between 1970-01-01 and tomorrow "
                f"({self.latest.date().isoformat()}); check the year"
            )
        return moment

    def parse_optional(self, raw: object) -> datetime | None:
        return None if raw in (None, "") else self.parse(raw)


def parse_time(raw: object) -> datetime:
    if isinstance(raw, str):
        parsed = parse_iso(raw)
        if parsed is not None:
            return parsed
        if _naive(raw):
            raise FieldError(f"{shown(raw)} has no UTC offset; add one, like {_EXAMPLE_TIME}")
    raise FieldError(f"{shown(raw)} is not a date and time like {_EXAMPLE_TIME}")


def parse_moment(raw: object) -> str:
    if isinstance(raw, str) and raw in MOMENTS:
        return raw
    raise FieldError(f"{shown(raw)} is not one of {', '.join(MOMENTS)}")


def parse_measure(raw: object) -> str:
    # A PT's own question's id is kept, so its ratings survive an import without its pack.
    if isinstance(raw, str) and (
        raw in MEASURES or raw == GLOBAL_CHANGE or is_own_question_id(raw)
    ):
        return raw
    tip = _hint(raw, MEASURES) if isinstance(raw, str) else ""
    raise FieldError(f"{shown(raw)} is not a measure{tip or ' (' + ', '.join(MEASURES) + ')'}")


def parse_rating(raw: object) -> int | None:
    if raw is None or raw == NOT_ATTEMPTED:
        return None
    if isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw <= 10:
        return raw
    if isinstance(raw, str) and _RATING.fullmatch(raw):
        return int(raw)
    raise FieldError(f"{shown(raw)} is not a number 0–10 or {NOT_ATTEMPTED}")


def parse_optional_length(raw: object) -> int | None:
    """A session's length in seconds, or None when unknown (empty, or absent in older files)."""
    if raw is None or raw == "":
        return None
    length = parse_seconds(raw)
    if length == 0:
        raise FieldError("0 is not a session length; leave it empty when unknown")
    return length


def parse_seconds(raw: object) -> int:
    seconds: int | None = None
    if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0:
        seconds = raw
    elif isinstance(raw, str) and _WHOLE.fullmatch(raw):
        seconds = int(raw)
    if seconds is None and not (isinstance(raw, int | str) and _is_big(raw)):
        raise FieldError(f"{shown(raw)} is not a whole number of seconds")
    if seconds is None or seconds > MAX_RUN_SECONDS:
        raise FieldError(
            f"{shown(raw)} is more than a day ({MAX_RUN_SECONDS} seconds); a session run is "
            "at most a few hours"
        )
    return seconds


def parse_flag(raw: object) -> bool:
    """1/0 as pfrelax writes it; true/false and yes/no as spreadsheets and people write it."""
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lower() in _FLAGS:
        return _FLAGS[raw.strip().lower()]
    raise FieldError(f"{shown(raw)} is not 1 or 0 (or true/false, yes/no)")


def parse_text(raw: object) -> str:
    if not isinstance(raw, str):
        raise FieldError(f"{shown(raw)} is not text")
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError as error:
        # JSON can spell half of an emoji ("\ud83d") on its own; no file or database can hold it.
        raise FieldError(
            f"has a broken character at position {error.start + 1} (half of a character pair, "
            f"{raw[error.start].encode('utf-8', 'backslashreplace').decode()}); remove it"
        ) from None
    return raw


def parse_optional_text(raw: object) -> str | None:
    return None if raw in (None, "") else parse_text(raw)


def parse_name(raw: object) -> str:
    """A session id, as a session file spells it (the import keeps what a pack would refuse out)."""
    if raw in (None, ""):
        raise FieldError("is empty; give the session id")
    return _session_id(parse_text(raw))


def parse_optional_name(raw: object) -> str | None:
    return None if raw in (None, "") else parse_name(raw)


def _session_id(value: str) -> str:
    problem = hidden_character_problem(value) or session_id_problem(value)
    if problem:
        raise FieldError(f"{shown(value)} {problem}" if problem.startswith("is ") else problem)
    return value


def parse_optional_line(raw: object) -> str | None:
    """A title or a pack's name: one line a person can read, or None when left empty."""
    value = parse_optional_text(raw)
    if value is None:
        return None
    if is_blank(value):
        raise FieldError("has only spaces; write the text, or leave it empty")
    problem = line_problem(value)
    if problem:
        raise FieldError(problem)
    return value


def parse_words(raw: object) -> str:
    """A question's wording, or the words at 0 or 10: text that shows, as a pack requires."""
    value = parse_text(raw)
    problem = hidden_character_problem(value)
    if problem:
        raise FieldError(problem)
    if is_blank(value):
        raise FieldError("is empty; write the words the person reads")
    return value


def _is_big(raw: int | str) -> bool:
    """A whole number too large to store (an int, or a string of digits)."""
    if isinstance(raw, int):
        return raw > MAX_ID
    return raw.isascii() and raw.isdigit() and len(raw.lstrip("0")) > 18


def _naive(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _hint(word: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""
