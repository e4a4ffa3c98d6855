"""A PT's own check-in questions as a use case: which an installed pack asks, and when."""

from __future__ import annotations

from pfrelax.core.own_questions import AskWhen, OwnQuestion
from pfrelax.formats.pack_manifest import MANIFEST, StopReading, parse_manifest
from pfrelax.store.db import Database
from pfrelax.store.errors import StoreError
from pfrelax.store.own_questions import OwnQuestions
from pfrelax.store.packs import InstalledPacks


def session_questions(db: Database, pack_id: str | None) -> tuple[OwnQuestion, ...]:
    """The own questions a pack's sessions ask before and after, in the pack's order."""
    if pack_id is None:
        return ()
    items = _items(db, pack_id)
    return _remembered(db, [i for i in items if {AskWhen.BEFORE, AskWhen.AFTER} & set(i.when)])


def weekly_questions(db: Database) -> tuple[OwnQuestion, ...]:
    """The own questions every installed pack asks weekly, each id once."""
    found: dict[str, OwnQuestion] = {}
    for pack in InstalledPacks(db).installed():
        for item in _items(db, pack.pack_id):
            if AskWhen.WEEKLY in item.when:
                found.setdefault(item.id, item)
    return _remembered(db, list(found.values()))


def _remembered(db: Database, items: list[OwnQuestion]) -> tuple[OwnQuestion, ...]:
    """The questions, their wording kept in the history first: their ratings stay readable (and
    their ids known) after the pack is gone."""
    questions = tuple(items)
    try:
        OwnQuestions(db).remember(questions)
    except StoreError:
        return ()  # a read-only history: asking them would only fail at Save
    return questions


def _items(db: Database, pack_id: str) -> tuple[OwnQuestion, ...]:
    installed = InstalledPacks(db).get(pack_id)
    if installed is None:
        return ()
    try:
        text = (installed.folder / MANIFEST).read_text(encoding="utf-8")
        manifest, _problems = parse_manifest(text)  # checked on install; keep what still reads
    except (OSError, UnicodeDecodeError, StopReading):
        return ()
    return manifest.checkin_items
