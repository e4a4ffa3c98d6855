"""Gathering the PT report's extra sections from the history: practice log, own questions, PGIC."""

from __future__ import annotations

from datetime import date

from pfrelax.core.own_questions import GLOBAL_CHANGE, fallback_label
from pfrelax.core.progress import local_day_bounds
from pfrelax.core.report_extras import (
    QuestionRows,
    ReportExtras,
    answers_in_range,
    practice_in_range,
    weekly_medians,
)
from pfrelax.services.heart_history import report_section
from pfrelax.store.db import Database
from pfrelax.store.dilator import DilatorLogs
from pfrelax.store.own_questions import OwnQuestions, rated_own_ids, rated_series


def gather_extras(
    db: Database, first: date, last: date, *, include_notes: bool = False
) -> ReportExtras:
    """The extra sections for local days `first`..`last`; each empty when nothing was recorded.
    The practice log's "what went well" notes only with `include_notes`."""
    since = local_day_bounds(first, last)[0]
    known = OwnQuestions(db).known()
    questions = []
    for own_id in rated_own_ids(db):
        weeks = weekly_medians(*rated_series(db, own_id, since), first, last)
        if weeks:
            label = known[own_id].question if own_id in known else fallback_label(own_id)
            questions.append(QuestionRows(label, weeks))
    logs = DilatorLogs(db).all()
    went_well = tuple(
        (log.time.date(), log.entry.note)
        for log in logs
        if include_notes and log.entry.note and first <= log.time.date() <= last
    )
    return ReportExtras(
        practice=practice_in_range(logs, first, last),
        went_well=went_well,
        questions=tuple(questions),
        global_change=answers_in_range(*rated_series(db, GLOBAL_CHANGE, since), first, last),
        heart=report_section(db, first, last),
    )
