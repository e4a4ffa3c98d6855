"""Reading `pack.toml`, a pack's manifest: who made it, its version, limits, plan and check-ins."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from pfrelax.core.limits import DEFAULT_LIMITS, LIMITS_BY_NAME, Limits
from pfrelax.core.own_questions import OwnQuestion
from pfrelax.core.plan import PLAN_KEYS, PlanEntry, parse_plan_entry
from pfrelax.core.text_rules import is_blank
from pfrelax.errors import InputError
from pfrelax.formats import pack_limits as lim
from pfrelax.formats.checker import Checker, Table, shown
from pfrelax.formats.pack_checkin import (
    read_checkin,
)
from pfrelax.formats.problems import Problem
from pfrelax.formats.toml_text import TomlTextError, load_toml

MANIFEST = "pack.toml"
FORMAT_VERSION = 1
MANIFEST_KEYS = (
    "pfrelax-pack",
    "id",
    "version",
    "title",
    "author",
    "organisation",
    "organization",  # the US spelling works too: a typo here must not block a PT
    "created",
    "description",
    "message",
    "limits",
    "plan",
    "checkin",
)

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9.-]{2,80}")
# Each number has at most 9 digits, and the whole at most MAX_VERSION_CHARS: a version is
# compared as numbers, and a 5,000-digit one would be beyond Python's int conversion.
MAX_VERSION_CHARS = 64
VERSION_PATTERN = re.compile(
    r"(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})"
    r"(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?"
)


@dataclass(frozen=True, slots=True)
class PackInfo:
    """What pack.toml says about a pack; a Manifest while reading, then part of every Pack."""

    id: str
    version: str
    title: str
    author: str
    organisation: str
    created: datetime.date | None
    description: str
    message: str
    limits: Limits
    plan: tuple[PlanEntry, ...]
    checkin_measures: tuple[str, ...]
    checkin_weekly: tuple[str, ...]
    # The PT's own questions ([[checkin.item]]), each with when it is asked.
    checkin_items: tuple[OwnQuestion, ...]


@dataclass(frozen=True, slots=True)
class Manifest(PackInfo):
    # For each plan entry: its index among the [[plan]] tables and the line of its `session`.
    plan_where: tuple[tuple[int, int | None], ...] = ()


class StopReading(InputError):  # noqa: N818  # a signal, not an error: nothing later is meaningful
    """A syntax error or a newer format: the one problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def version_key(version: str) -> tuple[int, int, int, int, tuple[tuple[int, int | str], ...]]:
    """A sort key with semantic-version precedence: 1.0.0-beta < 1.0.0 < 1.0.1 < 1.10.0."""
    match = VERSION_PATTERN.fullmatch(version) if len(version) <= MAX_VERSION_CHARS else None
    if match is None:
        raise ValueError(f"{version!r} is not a semantic version")
    major, minor, patch, pre = match.groups()
    parts = tuple((0, int(p)) if p.isdigit() else (1, p) for p in pre.split(".")) if pre else ()
    return int(major), int(minor), int(patch), 0 if pre else 1, parts


def parse_manifest(text: str) -> tuple[Manifest, list[Problem]]:
    """The manifest (with safe fallbacks where a value is wrong) and every problem found.

    Raises StopReading for a TOML syntax error, or a pack written for a newer format (its other
    keys may mean something this version does not know), so nothing else is judged.
    """
    text = text.removeprefix("\ufeff")
    try:
        data = load_toml(text, MANIFEST)
    except TomlTextError as error:
        raise StopReading(error.problem) from None
    checker = Checker(MANIFEST, text)
    _check_version(checker, data)
    checker.unknown_keys(data, (), MANIFEST_KEYS)
    plan = _plan(checker, data)
    manifest = Manifest(
        id=_matching(checker, data, "id", ID_PATTERN, _ID_HINT),
        version=_matching(checker, data, "version", VERSION_PATTERN, _VERSION_HINT),
        title=_line(checker, data, "title", required=True),
        author=_line(checker, data, "author", required=True),
        organisation=_organisation(checker, data),
        created=_created(checker, data),
        description=_paragraphs(checker, data, "description"),
        message=_paragraphs(checker, data, "message"),
        limits=_limits(checker, data),
        plan=tuple(entry for _, entry in plan),
        # (read here, in the constructor's order, so problems stay in the order of the file)
        checkin_measures=(checkin := read_checkin(checker, data)).measures,
        checkin_weekly=checkin.weekly,
        checkin_items=checkin.items,
        plan_where=tuple(
            (index, checker.lines.line_of(("plan", index, "session"))) for index, _ in plan
        ),
    )
    return manifest, checker.problems


_ID_HINT = (
    "use 3–81 lowercase letters, digits, dots and hyphens, starting with a letter or digit, "
    "e.g. 'riverside-pt.release-phase-1'"
)
_VERSION_HINT = "write a version like '1.0.0' (major.minor.patch)"
_MAX_MATCHED_CHARS = {"id": 81, "version": MAX_VERSION_CHARS}


def _check_version(checker: Checker, data: Table) -> None:
    key = "pfrelax-pack"
    if key not in data:
        checker.missing((), key, f"; start pack.toml with pfrelax-pack = {FORMAT_VERSION}")
        return
    version = data[key]
    if isinstance(version, bool) or not isinstance(version, int):
        checker.wrong_type((key,), "a whole number (the format version)", version)
    elif version > FORMAT_VERSION:
        checker.problem(
            (key,),
            f"this pack is written for pack format {version}; this version of pfrelax reads "
            f"format {FORMAT_VERSION}. Update pfrelax to import it.",
        )
        raise StopReading(checker.problems[-1])
    elif version < 1:
        checker.problem((key,), f"there is no format {version}; write {key} = {FORMAT_VERSION}")


def _matching(checker: Checker, data: Table, key: str, pattern: re.Pattern[str], hint: str) -> str:
    value = checker.text(data, key, (), required=True)
    if value is None:
        return ""
    if len(value) > _MAX_MATCHED_CHARS[key] or not pattern.fullmatch(value):
        checker.problem((key,), f"'{shown(value)}' is not a valid {key}; {hint}")
        return ""
    return value


def _line(checker: Checker, data: Table, key: str, *, required: bool = False) -> str:
    value = checker.text(data, key, (), required=required)
    if value is None:
        return ""
    if required and is_blank(value):
        checker.problem((key,), f"the {key} is empty; write what the patient should see")
    elif len(value) > lim.MAX_LINE_CHARS or "\n" in value:
        checker.problem(
            (key,), f"keep the {key} to one line of at most {lim.MAX_LINE_CHARS} characters"
        )
    return value.strip()


def _paragraphs(checker: Checker, data: Table, key: str) -> str:
    value = checker.text(data, key, ()) or ""
    if len(value) > lim.MAX_TEXT_CHARS:
        checker.problem(
            (key,), f"is {len(value):,} characters; keep it under {lim.MAX_TEXT_CHARS:,}"
        )
    return value.strip()


def _organisation(checker: Checker, data: Table) -> str:
    if "organisation" in data and "organization" in data:
        checker.problem(("organization",), "write the organisation once (either spelling)")
    key = "organization" if "organization" in data else "organisation"
    return _line(checker, data, key)


def _created(checker: Checker, data: Table) -> datetime.date | None:
    value = data.get("created")
    if value is None:
        checker.missing((), "created", "; e.g. created = 2026-11-20 (a date, no quotes)")
        return None
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    checker.problem(("created",), "expected a date without quotes, e.g. created = 2026-11-20")
    return None


def _limits(checker: Checker, data: Table) -> Limits:
    name = checker.choice(data, "limits", (), tuple(LIMITS_BY_NAME))
    return LIMITS_BY_NAME[name] if name else DEFAULT_LIMITS


def _plan(checker: Checker, data: Table) -> list[tuple[int, PlanEntry]]:
    """The valid plan entries with their index among the [[plan]] tables."""
    raw = data.get("plan")
    if raw is None:
        return []
    if isinstance(raw, dict):
        checker.problem(("plan",), "write each plan entry as [[plan]] (two brackets), not [plan]")
        return []
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        checker.wrong_type(("plan",), "[[plan]] tables", raw)
        return []
    entries: list[tuple[int, PlanEntry]] = []
    for index, table in enumerate(raw):
        checker.unknown_keys(table, ("plan", index), PLAN_KEYS)
        entry, problems = parse_plan_entry(table)
        for where, message in problems:
            checker.problem(("plan", index, *where), message)
        if entry is not None:
            entries.append((index, entry))
    return entries
