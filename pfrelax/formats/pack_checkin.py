"""A manifest's `[checkin]` table: which built-in measures a pack asks, and the PT's own items.

The PT names an item's id in `measures` (asked before and after sessions) or `weekly`, as for a
built-in measure. The built-in ids stay in their own lists (so code that knows only the built-in
measures never meets an unknown id); each item carries where it was named in `OwnQuestion.when`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from pfrelax.core.own_questions import OWN_ID, SESSION_TIMES, AskWhen, OwnQuestion
from pfrelax.core.text_rules import is_blank
from pfrelax.formats.checker import Checker, Table, did_you_mean, quoted_list, shown

CHECKIN_KEYS = ("measures", "weekly", "item")
ITEM_KEYS = ("id", "question", "low", "high")
MEASURES = ("distress", "pelvic_tension", "mood", "body_tension", "pain")
WEEKLY_MEASURES = ("pain_with_penetration",)
DEFAULT_MEASURES = ("distress", "pelvic_tension", "mood")
BUILT_IN_IDS = (*MEASURES, *WEEKLY_MEASURES, "pgic")
MAX_ITEMS = 20
_KIND = {"measures": "check-in measure", "weekly": "weekly measure"}
_WHEN = {"measures": SESSION_TIMES, "weekly": (AskWhen.WEEKLY,)}


@dataclass(frozen=True, slots=True)
class CheckinChoice:
    measures: tuple[str, ...] = DEFAULT_MEASURES
    weekly: tuple[str, ...] = ()
    items: tuple[OwnQuestion, ...] = ()


def read_checkin(checker: Checker, data: Table) -> CheckinChoice:
    """The `[checkin]` table, every problem noted in `checker`."""
    table = checker.table(data, "checkin", ())
    if table is None:
        return CheckinChoice()
    checker.unknown_keys(table, ("checkin",), CHECKIN_KEYS)
    items = _items(checker, table)
    own = {item.id: item for item in items}
    broken = _raw_ids(table) - set(own)  # an item with its own problem: not "unknown" as well
    when: dict[str, tuple[AskWhen, ...]] = {}
    lists = {}
    for key, allowed in (("measures", MEASURES), ("weekly", WEEKLY_MEASURES)):
        named = _named(checker, table, key, allowed, own, broken)
        for name in named:
            if name in own:
                when[name] = when.get(name, ()) + _WHEN[key]
        lists[key] = tuple(name for name in named if name in allowed)
    for index, item in enumerate(items):
        if item.id not in when:
            checker.problem(
                ("checkin", "item", index, "id"),
                f"'{item.id}' is never asked; name it in [checkin] measures (before and after "
                "sessions) or weekly",
            )
    return CheckinChoice(
        measures=lists["measures"] if "measures" in table else DEFAULT_MEASURES,
        weekly=lists["weekly"],
        items=tuple(replace(item, when=when[item.id]) for item in items if item.id in when),
    )


def _named(
    checker: Checker,
    table: Table,
    key: str,
    allowed: tuple[str, ...],
    own: dict[str, OwnQuestion],
    broken: set[str],
) -> tuple[str, ...]:
    values = checker.text_list(table, key, ("checkin",)) or []
    choices = (*allowed, *own)
    for index, value in enumerate(values):
        if value not in choices and value not in broken:
            hint = did_you_mean(value, choices) or f"; choose from {quoted_list(choices)}"
            if value in BUILT_IN_IDS:
                hint = f"; '{value}' is not asked {'weekly' if key == 'weekly' else 'per session'}"
            message = f"'{shown(value)}' is not a {_KIND[key]}{hint}"
            checker.problem(("checkin", key, index), message)
    return tuple(dict.fromkeys(v for v in values if v in choices))


def _raw_ids(table: Table) -> set[str]:
    raw = table.get("item")
    entries = raw if isinstance(raw, list) else []
    return {e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)}


def _items(checker: Checker, table: Table) -> list[OwnQuestion]:
    raw = table.get("item")
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(entry, dict) for entry in raw):
        checker.problem(("checkin", "item"), "write each question as a [[checkin.item]] table")
        return []
    if len(raw) > MAX_ITEMS:
        checker.problem(
            ("checkin", "item"), f"{len(raw)} questions; a pack may ask at most {MAX_ITEMS}"
        )
        return []
    items: list[OwnQuestion] = []
    for index, entry in enumerate(raw):
        item = _item(checker, entry, ("checkin", "item", index))
        if item is not None and any(item.id == other.id for other in items):
            checker.problem(
                ("checkin", "item", index, "id"), f"'{item.id}' is used by an earlier question"
            )
        elif item is not None:
            items.append(item)
    return items


def _item(checker: Checker, entry: Table, path: tuple[str | int, ...]) -> OwnQuestion | None:
    before = len(checker.problems)
    checker.unknown_keys(entry, path, ITEM_KEYS)
    item_id = checker.text(entry, "id", path, required=True)
    if item_id is not None and item_id in BUILT_IN_IDS:
        checker.problem(
            (*path, "id"),
            f"'{item_id}' is a built-in measure; name it in measures or weekly instead, "
            "or give your question its own id",
        )
    elif item_id is not None and not OWN_ID.fullmatch(item_id):
        checker.problem(
            (*path, "id"),
            f"'{shown(item_id)}' is not a valid id; use 2–41 lowercase letters, digits and "
            "underscores, starting with a letter, e.g. 'insertion_confidence'",
        )
    texts = {key: _words(checker, entry, key, path) for key in ("question", "low", "high")}
    if len(checker.problems) > before or item_id is None:
        return None
    return OwnQuestion(item_id, texts["question"], texts["low"], texts["high"])


def _words(checker: Checker, entry: Table, key: str, path: tuple[str | int, ...]) -> str:
    hint = {"question": "the question asked", "low": "the words at 0", "high": "the words at 10"}
    value = checker.text(entry, key, path, required=True)
    if value is not None and is_blank(value):
        checker.problem((*path, key), f"is empty; write {hint[key]}")
    return (value or "").strip()
